/**
 * Query parameters shared by the incremental exports, checked the way Zendesk does: `start_time`
 * a Unix time at least one minute old, `per_page` up to 1000 (larger values are capped).
 * https://developer.zendesk.com/api-reference/ticketing/ticket-management/incremental_exports/
 */
import { z } from 'zod';
import type { Runtime, SandboxContext } from '../runtime/runtime.ts';
import { invalidValue, zodInvalid } from './errors.ts';

export const EXPORT_PAGE_MAX = 1000;

const params = z.object({
  start_time: z
    .string()
    .regex(/^\d+$/, 'start_time must be a Unix epoch time in seconds')
    .transform(Number)
    .optional(),
  cursor: z.string().min(1).optional(),
  per_page: z
    .string()
    .regex(/^\d+$/, 'per_page must be a positive integer')
    .transform((v) => Math.min(EXPORT_PAGE_MAX, Math.max(1, Number(v))))
    .optional(),
  include: z.string().optional(),
});

export interface ExportParams {
  startTime?: number | undefined;
  cursor?: string | undefined;
  perPage: number;
  include: string[];
}

export function exportParams(
  c: SandboxContext,
  runtime: Runtime,
  allowCursor: boolean,
): ExportParams | Response {
  const parsed = params.safeParse(c.req.query());
  if (!parsed.success) return zodInvalid(c, parsed.error);
  const { start_time: startTime, cursor } = parsed.data;
  if (!allowCursor && cursor !== undefined)
    return invalidValue(c, 'cursor is not supported by time-based exports; use start_time');
  if (startTime === undefined && cursor === undefined) {
    return invalidValue(c, allowCursor ? 'start_time or cursor is required' : 'start_time is required');
  }
  if (startTime !== undefined && cursor === undefined) {
    const newest = Math.floor(runtime.clock.now() / 1000) - 60;
    if (startTime > newest) {
      return invalidValue(
        c,
        `start_time is too recent: it must be at least one minute in the past (at most ${newest}).`,
      );
    }
  }
  return {
    startTime,
    cursor,
    perPage: parsed.data.per_page ?? EXPORT_PAGE_MAX,
    include: (parsed.data.include ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  };
}

/** The same export URL with new query values, under the base URL the client used. */
export function exportUrl(
  base: string,
  path: string,
  params: ExportParams,
  set: Record<string, string>,
): string {
  const query = new URLSearchParams(set);
  if (params.perPage !== EXPORT_PAGE_MAX) query.set('per_page', String(params.perPage));
  if (params.include.length) query.set('include', params.include.join(','));
  return `${base}${path}?${query.toString()}`;
}
