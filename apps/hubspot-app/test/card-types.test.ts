// @vitest-environment node
/**
 * The cards keep their own answer types (HubSpot builds src/app/cards alone, without workspace
 * packages); these checks tie them to the `@csm/accounts` contract. The type checks run with the
 * typecheck (`pnpm typecheck` compiles test/): a contract change that drops, renames or retypes a
 * field the cards read makes the contract's answer no longer assignable to the cards' type.
 */
import {
  type AccountCard as ContractCard,
  type CompanyAnswer as ContractCompany,
  type ContactAnswer as ContractContact,
  type DealAnswer as ContractDeal,
  companyAnswerSchema,
  contactAnswerSchema,
  dealAnswerSchema,
} from '@csm/accounts/contract';
import { describe, expect, expectTypeOf, it } from 'vitest';
import type { z } from 'zod';
import type {
  AccountCard,
  CompanyAnswer,
  ContactAnswer,
  DealAnswer,
  Freshness,
} from '../src/app/cards/lib/card-types.ts';
import { aCompanyAnswer, aContactAnswer, aDealAnswer } from './fixtures.ts';

describe('the cards’ answer types and the @csm/accounts contract', () => {
  it('every contract answer is an answer the cards can read', () => {
    expectTypeOf<z.infer<typeof companyAnswerSchema>>().toExtend<CompanyAnswer>();
    expectTypeOf<z.infer<typeof dealAnswerSchema>>().toExtend<DealAnswer>();
    expectTypeOf<z.infer<typeof contactAnswerSchema>>().toExtend<ContactAnswer>();
    expectTypeOf<ContractCard>().toExtend<AccountCard>();
    expectTypeOf<ContractCompany['freshness']>().toExtend<Freshness>();
  });

  it('a contract without a field the cards read, or with it retyped, would not be (the check bites)', () => {
    expectTypeOf<Omit<ContractCompany, 'freshness'>>().not.toExtend<CompanyAnswer>();
    type WithoutWindow = Omit<ContractCard, 'nps'> & { nps: Omit<ContractCard['nps'], 'windowDays'> };
    expectTypeOf<WithoutWindow>().not.toExtend<AccountCard>();
    type TextCurrency = Omit<ContractDeal, 'deal'> & {
      deal: Omit<ContractDeal['deal'], 'currency'> & { currency: number };
    };
    expectTypeOf<TextCurrency>().not.toExtend<DealAnswer>();
    type OptionalFcr = Omit<ContractContact, 'fcr'> & { fcr?: ContractContact['fcr'] };
    expectTypeOf<OptionalFcr>().not.toExtend<ContactAnswer>();
  });

  it("the cards' test fixtures are answers the contract accepts, whole (nothing missing, nothing extra)", () => {
    expect(companyAnswerSchema.parse(aCompanyAnswer())).toEqual(aCompanyAnswer());
    expect(dealAnswerSchema.parse(aDealAnswer())).toEqual(aDealAnswer());
    expect(dealAnswerSchema.parse(aDealAnswer({ company: false })).card).toBeNull();
    expect(contactAnswerSchema.parse(aContactAnswer())).toEqual(aContactAnswer());
  });
});
