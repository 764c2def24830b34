/**
 * HubSpot feedback submissions (NPS 0-10, CSAT 0/1/2, CES 1-7), each associated with the contact
 * who answered. `hs_value` is a string, as HubSpot returns every property.
 */
import { isoMs } from '../clock.ts';
import { chance, int, pick, type Rng, weighted } from '../random.ts';
import type { HubRow } from '../state/model.ts';
import { between, DAY, type GenContext, MINUTE } from './context.ts';
import { SURVEY_COMMENTS } from './names.ts';

type SurveyType = 'NPS' | 'CSAT' | 'CES';

const SURVEYS: Record<SurveyType, { id: string; name: string }> = {
  NPS: { id: '1001', name: 'Quarterly NPS' },
  CSAT: { id: '1002', name: 'Support CSAT' },
  CES: { id: '1003', name: 'Onboarding effort (CES)' },
};

/** HubSpot's NPS groups: 9-10 promoters, 7-8 passives, 0-6 detractors. */
export function npsGroup(value: number): 'PROMOTER' | 'PASSIVE' | 'DETRACTOR' {
  return value >= 9 ? 'PROMOTER' : value >= 7 ? 'PASSIVE' : 'DETRACTOR';
}

function answer(rng: Rng, type: SurveyType): number {
  if (type === 'NPS') {
    const group = weighted(rng, [
      ['p', 45],
      ['n', 30],
      ['d', 25],
    ] as const);
    return group === 'p' ? int(rng, 9, 10) : group === 'n' ? int(rng, 7, 8) : int(rng, 0, 6);
  }
  if (type === 'CSAT')
    return weighted(rng, [
      [2, 60],
      [1, 25],
      [0, 15],
    ] as const);
  return weighted(rng, [
    [7, 20],
    [6, 25],
    [5, 20],
    [4, 15],
    [3, 10],
    [2, 5],
    [1, 5],
  ] as const);
}

function sentiment(type: SurveyType, value: number): string {
  const high = type === 'NPS' ? value >= 9 : type === 'CSAT' ? value === 2 : value >= 6;
  const low = type === 'NPS' ? value <= 6 : type === 'CSAT' ? value === 0 : value <= 3;
  return high ? 'POSITIVE' : low ? 'NEGATIVE' : 'NEUTRAL';
}

export function feedbackRow(
  ctx: GenContext,
  rng: Rng,
  contactId: number,
  type: SurveyType,
  value: number,
  submitted: number,
  comment: string | null,
): HubRow {
  const survey = SURVEYS[type];
  const created = Math.min(ctx.latest, submitted + between(rng, 0, 5 * MINUTE));
  return {
    id: ctx.ids.feedback(),
    created,
    updated: between(rng, created, Math.min(ctx.latest, created + DAY)),
    p: {
      hs_survey_type: type,
      hs_value: String(value),
      hs_response_group: type === 'NPS' ? npsGroup(value) : null,
      hs_content: comment,
      hs_sentiment: sentiment(type, value),
      hs_survey_channel: 'EMAIL',
      hs_survey_id: survey.id,
      hs_survey_name: survey.name,
      hs_submission_timestamp: isoMs(submitted),
    },
    links: { contacts: { ids: [contactId], primary: false } },
  };
}

export function feedbackFor(ctx: GenContext, rng: Rng, contact: HubRow): HubRow[] {
  const out: HubRow[] = [];
  const from = Math.max(contact.created, ctx.anchor - 540 * DAY);
  const give = (type: SurveyType) => {
    const submitted = between(rng, from, ctx.latest - DAY);
    const comment = chance(rng, 0.4) ? pick(rng, SURVEY_COMMENTS) : null;
    out.push(feedbackRow(ctx, rng, contact.id, type, answer(rng, type), submitted, comment));
  };
  if (chance(rng, 0.35)) give('NPS');
  if (chance(rng, 0.1)) give('NPS');
  if (chance(rng, 0.15)) give('CSAT');
  if (chance(rng, 0.1)) give('CES');
  return out;
}
