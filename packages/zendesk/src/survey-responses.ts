import type { Stream } from '@csm/http';
import { mapPage } from '@csm/http';
import type { RecordOf } from '@csm/store';
import { z } from 'zod';
import { mapSurveyResponse, surveyResponseCreatedAt, zendeskSurveyResponse } from './mapping.ts';
import { zendeskPaths } from './paths.ts';
import { zendeskRequest } from './sdk.ts';

/** Survey responses a page (cursor paging: `page[size]` up to 100). */
export const SURVEY_PAGE_SIZE = 100;
/** A customer may change an answer after giving it: each run re-reads a week of responses. */
export const SURVEY_LOOKBACK_MS = 7 * 86_400_000;

const checkpointSchema = z.object({ createdAtMs: z.number().int().nonnegative() });
const pageSchema = z
  .object({
    survey_responses: z.array(z.unknown()),
    meta: z
      .object({ has_more: z.boolean(), after_cursor: z.string().nullable().optional() })
      .default({ has_more: false }),
  })
  .loose();

/**
 * The current CSAT's survey responses (`GET /api/v2/guide/survey_responses`), read with cursor
 * paging (`page[size]`, `page[after]`, `meta.has_more`, `meta.after_cursor`) from a week before
 * the newest response already read (`filter[created_at_start]`, epoch milliseconds).
 * https://developer.zendesk.com/api-reference/ticketing/ticket-management/csat_survey_responses/
 */
export const surveyResponsesStream: Stream<'surveyResponses', RecordOf<'surveyResponses'>> = {
  name: 'zendesk.survey_responses',
  source: 'zendesk',
  kind: 'surveyResponses',
  requiredScopes: ['read'],
  async *pages(client, context) {
    const saved = checkpointSchema.safeParse(context.checkpoint);
    let newest = saved.success ? saved.data.createdAtMs : 0;
    const start = saved.success ? Math.max(0, newest - SURVEY_LOOKBACK_MS) : undefined;
    let after: string | undefined;
    for (;;) {
      const { body } = await zendeskRequest(
        client,
        'satisfactionratings',
        'GET',
        zendeskPaths.surveyResponses,
        {
          'filter[created_at_start]': start,
          'page[size]': SURVEY_PAGE_SIZE,
          'page[after]': after,
        },
      );
      const page = pageSchema.parse(body);
      for (const item of page.survey_responses) {
        const parsed = zendeskSurveyResponse.safeParse(item);
        const created = parsed.success ? surveyResponseCreatedAt(parsed.data) : null;
        if (created !== null) newest = Math.max(newest, created);
      }
      yield mapPage('surveyResponses', page.survey_responses, mapSurveyResponse, { createdAtMs: newest });
      if (!page.meta.has_more || !page.meta.after_cursor) return;
      after = page.meta.after_cursor;
    }
  },
};
