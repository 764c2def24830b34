/**
 * `GET /api/v2/satisfaction_ratings`: cursor pagination (`page[size]` up to 100, `page[after]`),
 * filtered by `start_time` / `end_time` on `created_at` (inclusive) and by `score`, oldest first;
 * refused (403) when the account runs only the current CSAT.
 * https://developer.zendesk.com/api-reference/ticketing/ticket-management/satisfaction_ratings/
 */
import type { Hono } from 'hono';
import { z } from 'zod';
import type { Runtime, SandboxEnv } from '../runtime/runtime.ts';
import { publicBase } from '../runtime/runtime.ts';
import type { RatingRow } from '../state/model.ts';
import { notSwitchedOn } from './account.ts';
import { decodeCursor, encodeCursor } from './cursor.ts';
import { zodInvalid } from './errors.ts';
import { satisfactionRatingJson } from './shapes.ts';

const SCORES = [
  'offered',
  'unoffered',
  'received',
  'received_with_comment',
  'received_without_comment',
  'good',
  'good_with_comment',
  'good_without_comment',
  'bad',
  'bad_with_comment',
  'bad_without_comment',
] as const;

const unix = z.string().regex(/^\d+$/, 'must be a Unix epoch time in seconds').transform(Number);
const query = z.object({
  start_time: unix.optional(),
  end_time: unix.optional(),
  score: z.enum(SCORES).optional(),
  'page[size]': z
    .string()
    .regex(/^\d+$/)
    .transform(Number)
    .pipe(z.number().int().min(1).max(100, 'page[size] must be at most 100'))
    .optional(),
  'page[after]': z.string().min(1).optional(),
});

function matchesScore(r: RatingRow, score: (typeof SCORES)[number] | undefined): boolean {
  if (!score) return true;
  const [kind, ...rest] = score.split('_');
  const received = r.score === 'good' || r.score === 'bad';
  const base = kind === 'received' ? received : r.score === kind;
  if (!base) return false;
  if (rest.join('_') === 'with_comment') return Boolean(r.comment);
  if (rest.join('_') === 'without_comment') return !r.comment;
  return true;
}

export function ratingsRoutes(app: Hono<SandboxEnv>, runtime: Runtime): void {
  const table = runtime.state.zendesk.ratings;
  const handler = (path: string) =>
    app.get(path, (c) => {
      if (runtime.zendeskAccount.csat === 'current') return notSwitchedOn(c, 'Customer satisfaction rating');
      const parsed = query.safeParse(c.req.query());
      if (!parsed.success) return zodInvalid(c, parsed.error);
      const q = parsed.data;
      const size = q['page[size]'] ?? 100;
      let start = q.start_time === undefined ? 0 : table.firstAtOrAfter(q.start_time * 1000);
      if (q['page[after]']) {
        const position = decodeCursor('ratings', q['page[after]']);
        if (!position)
          return c.json({ error: 'InvalidPaginationParameter', description: 'page[after] is invalid' }, 400);
        start = Math.max(start, table.firstAfter(position.time, position.id));
      }
      const endMs = q.end_time === undefined ? Number.POSITIVE_INFINITY : q.end_time * 1000 + 999;
      const page: RatingRow[] = [];
      let i = start;
      let hasMore = false;
      for (; i < table.size; i++) {
        const r = table.order[i]!;
        if (r.created > endMs) break;
        if (!matchesScore(r, q.score)) continue;
        if (page.length === size) {
          hasMore = true;
          break;
        }
        page.push(r);
      }
      const base = publicBase(c, 'zendesk');
      const first = page[0];
      const last = page.at(-1);
      const after = last ? encodeCursor('ratings', { time: last.created, id: last.id }) : null;
      const before = first ? encodeCursor('ratings', { time: first.created, id: first.id - 1 }) : null;
      const link = (cursorName: string, cursor: string) => {
        const params = new URLSearchParams(c.req.query());
        params.delete('page[after]');
        params.delete('page[before]');
        params.set(cursorName, cursor);
        params.set('page[size]', String(size));
        return `${base}/api/v2/satisfaction_ratings.json?${params.toString()}`;
      };
      return c.json({
        satisfaction_ratings: page.map((r) => satisfactionRatingJson(r, base)),
        meta: { has_more: hasMore, after_cursor: after, before_cursor: before },
        links: {
          prev: before ? link('page[before]', before) : null,
          next: hasMore && after ? link('page[after]', after) : null,
        },
      });
    });
  handler('/api/v2/satisfaction_ratings');
  handler('/api/v2/satisfaction_ratings.json');
}
