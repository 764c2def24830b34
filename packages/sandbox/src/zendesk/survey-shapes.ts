/**
 * The current CSAT's survey responses, derived from the answered ratings: one response per rated
 * ticket, a 1-5 `rating_scale` answer (good: 4-5, bad: 1-3, where 3 is `neutral`, as Zendesk maps
 * its 5-point scale to good / bad), the reason as a `closed_ended` answer, the comment as an
 * `open_ended` one (or `skipped`). Field names and shapes follow the reference's examples.
 * https://developer.zendesk.com/api-reference/ticketing/ticket-management/csat_survey_responses/
 */
import { isoMs } from '../clock.ts';
import type { RatingRow } from '../state/model.ts';
import type { OrderedTable } from '../state/ordered-table.ts';

export const SURVEY_ID = '01J58KJ9RAE0D2EK7HRVM7Z8F2';
const QUESTIONS = {
  rating: {
    id: '01GFYBENPDGN1R6NAA4WRDNVFQ',
    type: 'rating_scale_numeric',
    sub_type: 'customer_satisfaction',
    headline: { type: 'static', value: 'How would you rate the support you received?' },
  },
  reason: {
    id: '01JQ6E6V6SSXM7796DDCYM73NC',
    type: 'closed_ended',
    alias: 'reason',
    headline: { type: 'static', value: 'Select a reason regarding your experience' },
  },
  comment: {
    id: '01GFYBENPDGN1R6NAA4WRDNVFR',
    type: 'open_ended',
    alias: 'comment',
    headline: { type: 'static', value: 'Anything else you would like to share about your experience?' },
  },
} as const;

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A ULID-shaped id (26 characters, Crockford base32) made from the rating's id. */
export function surveyResponseId(ratingId: number): string {
  let n = BigInt(ratingId);
  let tail = '';
  while (n > 0n) {
    tail = CROCKFORD[Number(n % 32n)] + tail;
    n /= 32n;
  }
  return `01J${tail.padStart(23, '0')}`;
}

/** The option id of a reason text (stable per text). */
function reasonOptionId(reason: string): string {
  let hash = 7;
  for (const ch of reason) hash = (hash * 31 + ch.charCodeAt(0)) % 2 ** 40;
  return surveyResponseId(hash).replace(/^01J/, '01K');
}

/** The 1-5 answer of an answered rating: given, else good -> 4 or 5, bad -> 1, 2 or 3. */
export function csatRatingOf(r: RatingRow): number {
  if (r.csatRating !== undefined) return r.csatRating;
  return r.score === 'good' ? (r.id % 3 === 0 ? 4 : 5) : [1, 2, 3][r.id % 3]!;
}

export const categoryOf = (rating: number) => (rating >= 4 ? 'good' : rating === 3 ? 'neutral' : 'bad');

/** Whether a rating row has an answer the current CSAT would hold. */
export const answered = (r: RatingRow) => r.score === 'good' || r.score === 'bad';

export function surveyResponseJson(r: RatingRow) {
  const at = isoMs(r.updated);
  const rating = csatRatingOf(r);
  const answers: Record<string, unknown>[] = [
    {
      type: 'rating_scale',
      rating,
      rating_category: categoryOf(rating),
      question: QUESTIONS.rating,
      created_at: at,
      updated_at: at,
    },
  ];
  if (r.reason) {
    answers.push({
      type: 'closed_ended',
      selections: [{ type: 'predefined', option_id: reasonOptionId(r.reason) }],
      question: {
        ...QUESTIONS.reason,
        options: [{ id: reasonOptionId(r.reason), label: { type: 'static', value: r.reason } }],
      },
      created_at: at,
      updated_at: at,
    });
  }
  answers.push(
    r.comment
      ? { type: 'open_ended', value: r.comment, question: QUESTIONS.comment, created_at: at, updated_at: at }
      : { type: 'skipped', question: QUESTIONS.comment, created_at: at, updated_at: at },
  );
  const zrn = `zen:ticket:${r.ticket.id}`;
  return {
    answers,
    expires_at: isoMs(r.updated + 14 * 86_400_000),
    id: surveyResponseId(r.id),
    responder_id: r.requesterId,
    subject_zrns: [zrn],
    subjects: [{ id: String(r.ticket.id), type: 'ticket', zrn }],
    survey: { id: SURVEY_ID, state: 'enabled', version: 3 },
  };
}

export type ZendeskSurveyResponseJson = ReturnType<typeof surveyResponseJson>;

/**
 * The answered ratings in the order the list endpoint walks responses: by the time of the answer
 * (a response is created when the customer rates), then id. Rebuilt when the ratings change.
 */
export function responsesView(ratings: OrderedTable<RatingRow>) {
  let version = -1;
  let rows: RatingRow[] = [];
  return () => {
    if (version !== ratings.version) {
      rows = ratings.order.filter(answered).sort((a, b) => a.updated - b.updated || a.id - b.id);
      version = ratings.version;
    }
    return rows;
  };
}
