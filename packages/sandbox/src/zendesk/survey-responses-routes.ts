/**
 * `GET /api/v2/guide/survey_responses` (cursor paging: `page[size]` up to 100, `page[after]`;
 * filters `filter[created_at_start]` / `filter[created_at_end]` in epoch milliseconds,
 * `filter[subject_zrns]`, `filter[responder_ids]`, comma-separated) and
 * `GET /api/v2/guide/{locale}/survey_responses/{id}`: the current CSAT, when the account runs it.
 * https://developer.zendesk.com/api-reference/ticketing/ticket-management/csat_survey_responses/
 */
import type { Hono } from 'hono';
import { z } from 'zod';
import type { Runtime, SandboxEnv } from '../runtime/runtime.ts';
import { publicBase } from '../runtime/runtime.ts';
import { notSwitchedOn } from './account.ts';
import { decodeCursor, encodeCursor } from './cursor.ts';
import { zodInvalid } from './errors.ts';
import { answered, responsesView, surveyResponseId, surveyResponseJson } from './survey-shapes.ts';

const epochMs = z.string().regex(/^\d+$/, 'must be a Unix epoch time in milliseconds').transform(Number);
const list = z.string().transform((s) =>
  s
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean),
);
const query = z.object({
  'filter[created_at_start]': epochMs.optional(),
  'filter[created_at_end]': epochMs.optional(),
  'filter[subject_zrns]': list.optional(),
  'filter[responder_ids]': list.optional(),
  'page[size]': z
    .string()
    .regex(/^\d+$/)
    .transform(Number)
    .pipe(z.number().int().min(1).max(100, 'page[size] must be at most 100'))
    .optional(),
  'page[after]': z.string().min(1).optional(),
});

const FEATURE = 'The CSAT survey';

export function surveyResponsesRoutes(app: Hono<SandboxEnv>, runtime: Runtime): void {
  const { ratings } = runtime.state.zendesk;
  const ordered = responsesView(ratings);
  const on = () => runtime.zendeskAccount.csat !== 'legacy';

  for (const path of ['/api/v2/guide/survey_responses', '/api/v2/guide/survey_responses.json']) {
    app.get(path, (c) => {
      if (!on()) return notSwitchedOn(c, FEATURE);
      const parsed = query.safeParse(c.req.query());
      if (!parsed.success) return zodInvalid(c, parsed.error);
      const q = parsed.data;
      const size = q['page[size]'] ?? 100;
      const rows = ordered();
      let start = 0;
      if (q['page[after]']) {
        const position = decodeCursor('survey_responses', q['page[after]']);
        if (!position)
          return c.json({ error: 'InvalidPaginationParameter', description: 'page[after] is invalid' }, 400);
        start = rows.findIndex(
          (r) => r.updated > position.time || (r.updated === position.time && r.id > position.id),
        );
        if (start < 0) start = rows.length;
      }
      const zrns = q['filter[subject_zrns]'] ? new Set(q['filter[subject_zrns]']) : null;
      const responders = q['filter[responder_ids]'] ? new Set(q['filter[responder_ids]']) : null;
      const from = q['filter[created_at_start]'] ?? Number.NEGATIVE_INFINITY;
      const to = q['filter[created_at_end]'] ?? Number.POSITIVE_INFINITY;
      const page = [];
      let hasMore = false;
      for (let i = start; i < rows.length; i++) {
        const r = rows[i]!;
        if (r.updated < from || r.updated > to) continue;
        if (zrns && !zrns.has(`zen:ticket:${r.ticket.id}`)) continue;
        if (responders && !responders.has(String(r.requesterId))) continue;
        if (page.length === size) {
          hasMore = true;
          break;
        }
        page.push(r);
      }
      const first = page[0];
      const last = page.at(-1);
      const after = last ? encodeCursor('survey_responses', { time: last.updated, id: last.id }) : null;
      const before = first ? encodeCursor('survey_responses', { time: first.updated, id: first.id }) : null;
      const link = (name: string, cursor: string) => {
        const params = new URLSearchParams(c.req.query());
        params.delete('page[after]');
        params.delete('page[before]');
        params.set(name, cursor);
        params.set('page[size]', String(size));
        return `${publicBase(c, 'zendesk')}/api/v2/guide/survey_responses?${params.toString()}`;
      };
      return c.json({
        survey_responses: page.map(surveyResponseJson),
        meta: { has_more: hasMore, after_cursor: after, before_cursor: before },
        links: {
          prev: before ? link('page[before]', before) : null,
          next: hasMore && after ? link('page[after]', after) : null,
        },
      });
    });
  }

  app.get('/api/v2/guide/:locale/survey_responses/:id', (c) => {
    if (!on()) return notSwitchedOn(c, FEATURE);
    const id = c.req.param('id').replace(/\.json$/, '');
    const row = ratings.order.find((r) => answered(r) && surveyResponseId(r.id) === id);
    if (!row) return c.json({ error: 'RecordNotFound', description: 'Not found' }, 404);
    return c.json({ survey_response: surveyResponseJson(row) });
  });
}
