/**
 * Incremental exports (https://developer.zendesk.com/api-reference/ticketing/ticket-management/incremental_exports/).
 *
 * Cursor-based (tickets, users): records ordered by `updated_at` then id; `after_cursor` marks the
 * last record served and keeps working after `end_of_stream`, returning whatever changed since.
 * Time-based (organizations, users, tickets): records with `updated_at >= start_time`, 1000 a page;
 * `end_time` is the last record's time and the next `start_time`, so records sharing that second
 * come again on the next page (as Zendesk warns). When a whole page shares one second, the page
 * holds every record of that second and `end_time` moves one second past it, so paging always ends.
 */
import type { Hono } from 'hono';
import type { Runtime, SandboxContext, SandboxEnv } from '../runtime/runtime.ts';
import { publicBase } from '../runtime/runtime.ts';
import type { TicketRow } from '../state/model.ts';
import type { OrderedTable, Timed } from '../state/ordered-table.ts';
import { decodeCursor, encodeCursor, type Position } from './cursor.ts';
import { invalidValue } from './errors.ts';
import { type ExportParams, exportParams, exportUrl } from './incremental-params.ts';
import { metricSetJson, organizationJson, ticketJson, userJson } from './shapes.ts';

interface ExportSpec<T extends Timed & { updated: number }> {
  path: string;
  stream: string;
  key: string;
  table: () => OrderedTable<T>;
  json: (row: T, base: string) => unknown;
  sideloads?: (rows: T[], base: string, include: string[]) => Record<string, unknown>;
}

const ticketSideloads = (rows: TicketRow[], base: string, include: string[]) =>
  include.includes('metric_sets') ? { metric_sets: rows.map((t) => metricSetJson(t, base)) } : {};

function cursorExport<T extends Timed & { updated: number }>(
  c: SandboxContext,
  spec: ExportSpec<T>,
  p: ExportParams,
) {
  const table = spec.table();
  let position: Position;
  if (p.cursor !== undefined) {
    const decoded = decodeCursor(spec.stream, p.cursor);
    if (!decoded)
      return c.json({ error: 'InvalidPaginationParameter', description: 'cursor is invalid' }, 400);
    position = decoded;
  } else {
    position = { time: p.startTime! * 1000, id: -1 };
  }
  const start = table.firstAfter(position.time, position.id);
  const rows = table.order.slice(start, start + p.perPage);
  const base = publicBase(c, 'zendesk');
  const first = rows[0];
  const last = rows.at(-1);
  const after = encodeCursor(spec.stream, last ? { time: last.updated, id: last.id } : position);
  const before = first ? encodeCursor(spec.stream, { time: first.updated, id: first.id - 1 }) : null;
  return c.json({
    [spec.key]: rows.map((r) => spec.json(r, base)),
    ...(spec.sideloads?.(rows, base, p.include) ?? {}),
    after_url: exportUrl(base, spec.path, p, { cursor: after }),
    after_cursor: after,
    before_url: before === null ? null : exportUrl(base, spec.path, p, { cursor: before }),
    before_cursor: before,
    end_of_stream: start + rows.length >= table.size,
    count: rows.length,
  });
}

/**
 * The rows of one time-based page: from the first record at or after `startTime` (seconds), up to
 * `perPage`, extended to the whole second when a full page shares one; `endTime` is the next start.
 */
export function timeWindow<T extends Timed & { updated: number }>(
  table: OrderedTable<T>,
  startTime: number,
  perPage: number,
) {
  const start = table.firstAtOrAfter(startTime * 1000);
  let end = Math.min(table.size, start + perPage);
  const firstRow = table.order[start];
  const lastRow = table.order[end - 1];
  let endTime = startTime;
  if (firstRow && lastRow) {
    endTime = Math.floor(lastRow.updated / 1000);
    if (Math.floor(firstRow.updated / 1000) === endTime && end < table.size) {
      end = table.firstAtOrAfter((endTime + 1) * 1000);
      endTime += 1;
    }
  }
  return { start, end, endTime, endOfStream: end >= table.size };
}

function timeExport<T extends Timed & { updated: number }>(
  c: SandboxContext,
  spec: ExportSpec<T>,
  p: ExportParams,
) {
  const table = spec.table();
  const { start, end, endTime, endOfStream } = timeWindow(table, p.startTime!, p.perPage);
  const rows = table.order.slice(start, end);
  const base = publicBase(c, 'zendesk');
  return c.json({
    [spec.key]: rows.map((r) => spec.json(r, base)),
    ...(spec.sideloads?.(rows, base, p.include) ?? {}),
    next_page: exportUrl(base, spec.path, p, { start_time: String(endTime) }),
    end_time: endTime,
    end_of_stream: endOfStream,
    count: rows.length,
  });
}

export function exportRoutes(app: Hono<SandboxEnv>, runtime: Runtime): void {
  const z = runtime.state.zendesk;
  const tickets: ExportSpec<TicketRow> = {
    path: '/api/v2/incremental/tickets/cursor.json',
    stream: 'tickets',
    key: 'tickets',
    table: () => z.tickets,
    json: ticketJson,
    sideloads: ticketSideloads,
  };
  const users: ExportSpec<(typeof z.users.order)[number]> = {
    path: '/api/v2/incremental/users/cursor.json',
    stream: 'users',
    key: 'users',
    table: () => z.users,
    json: userJson,
  };
  // Zendesk answers with or without the `.json` suffix; links keep the documented `.json` form.
  const paths = (path: string) => [path, path.replace(/\.json$/, '')];
  const cursorRoute = <T extends Timed & { updated: number }>(spec: ExportSpec<T>) => {
    for (const path of paths(spec.path)) {
      app.get(path, (c) => {
        const p = exportParams(c, runtime, true);
        return p instanceof Response ? p : cursorExport(c, spec, p);
      });
    }
  };
  const timeRoute = <T extends Timed & { updated: number }>(spec: ExportSpec<T>) => {
    for (const path of paths(spec.path)) {
      app.get(path, (c) => {
        const p = exportParams(c, runtime, false);
        return p instanceof Response ? p : timeExport(c, spec, p);
      });
    }
  };

  cursorRoute(tickets);
  cursorRoute(users);
  timeRoute({ ...tickets, path: '/api/v2/incremental/tickets.json' });
  timeRoute({ ...users, path: '/api/v2/incremental/users.json' });
  timeRoute({
    path: '/api/v2/incremental/organizations.json',
    stream: 'organizations',
    key: 'organizations',
    table: () => z.orgs,
    json: organizationJson,
  });
  app.get('/api/v2/incremental/:resource', (c) =>
    invalidValue(c, `no incremental export for ${c.req.param('resource')} in the sandbox`, 404),
  );
}
