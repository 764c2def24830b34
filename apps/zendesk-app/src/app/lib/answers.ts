import type { AccountCard, OrganizationAnswer, RequesterAnswer } from '@csm/accounts/contract';

/**
 * The backend's sidebar answers are the `@csm/accounts` contract (docs/card-api.md): the same zod
 * schemas the server answers with. Every answer is parsed with them before it is shown: an answer
 * of another shape is an error the agent sees, not a blank or a wrong number. Unknown fields are
 * dropped, so a newer server may add more.
 */
export {
  type AccountCard,
  type Freshness,
  type OrganizationAnswer,
  organizationAnswerSchema,
  type RequesterAnswer,
  requesterAnswerSchema,
} from '@csm/accounts/contract';

export type Band = NonNullable<AccountCard['health']['band']>;

/** An organization's part of a sidebar answer (the requester answer holds it without `freshness`). */
export type OrganizationPart = Omit<OrganizationAnswer, 'freshness'>;

/** FCR as the requester answer gives it (the requester's own tickets: no window). */
export type Fcr = RequesterAnswer['fcr'];
