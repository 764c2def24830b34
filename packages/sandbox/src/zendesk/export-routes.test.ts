import { describe, expect, it } from 'vitest';
import { createSandbox } from '../sandbox.ts';
import { OrderedTable } from '../state/ordered-table.ts';
import { client, zendeskPathOf } from '../test-utils/client.ts';
import { timeWindow } from './export-routes.ts';

const sandbox = createSandbox({ seed: 9, companies: 80, rateLimits: false });
const api = client(sandbox).zendesk;

async function walkCursor(path: string) {
  const pages = [];
  let url = path;
  for (;;) {
    const page = await api.get(url);
    expect(page.status).toBe(200);
    pages.push(page.body);
    if (page.body.end_of_stream) return pages;
    url = zendeskPathOf(page.body.after_url);
  }
}

describe('Zendesk incremental exports', () => {
  it('walks the ticket cursor export to end_of_stream, each ticket once, with matching metric sets', async () => {
    const pages = await walkCursor(
      '/api/v2/incremental/tickets/cursor.json?start_time=0&include=metric_sets&per_page=100',
    );
    const tickets = pages.flatMap((p) => p.tickets);
    expect(tickets.map((t) => t.id).sort((a, b) => a - b)).toEqual(sandbox.data.tickets.map((t) => t.id));
    for (const page of pages) {
      expect(page.metric_sets.map((m: { ticket_id: number }) => m.ticket_id)).toEqual(
        page.tickets.map((t: { id: number }) => t.id),
      );
      expect(page.count).toBe(page.tickets.length);
      expect(page.after_cursor).toEqual(expect.any(String));
    }
    const updated = tickets.map((t) => Date.parse(t.updated_at));
    expect(updated).toEqual([...updated].sort((a, b) => a - b));
    expect(tickets.some((t) => t.status === 'deleted')).toBe(true);
    expect(pages.length).toBe(Math.ceil(tickets.length / 100));
  });

  it('keeps the last cursor working: after a change it returns only what changed', async () => {
    const local = createSandbox({ seed: 9, companies: 20, rateLimits: false });
    const zd = client(local).zendesk;
    let page = (await zd.get('/api/v2/incremental/tickets/cursor.json?start_time=0')).body;
    while (!page.end_of_stream) page = (await zd.get(zendeskPathOf(page.after_url))).body;
    const checkpoint = page.after_cursor;
    const empty = (await zd.get(`/api/v2/incremental/tickets/cursor.json?cursor=${checkpoint}`)).body;
    expect(empty).toMatchObject({ tickets: [], end_of_stream: true, after_cursor: checkpoint });

    const target = local.data.tickets.find((t) => t.status === 'open')!;
    local.mutate.updateTicket(target.id, { status: 'solved' });
    local.mutate.deleteTicket(local.data.tickets[0]!.id);
    const changed = (
      await zd.get(`/api/v2/incremental/tickets/cursor.json?cursor=${checkpoint}&include=metric_sets`)
    ).body;
    expect(changed.tickets.map((t: { id: number; status: string }) => [t.id, t.status])).toEqual([
      [target.id, 'solved'],
      [local.data.tickets[0]!.id, 'deleted'],
    ]);
    expect(changed.metric_sets[0].solved_at).toBe(changed.tickets[0].updated_at);
    expect(Date.parse(changed.tickets[0].updated_at)).toBeGreaterThan(
      Date.parse(page.tickets.at(-1)?.updated_at ?? '1970-01-01'),
    );
  });

  it('walks the user cursor export and the time-based user export', async () => {
    const pages = await walkCursor('/api/v2/incremental/users/cursor.json?start_time=0&per_page=50');
    expect(
      pages
        .flatMap((p) => p.users)
        .map((u) => u.id)
        .sort((a, b) => a - b),
    ).toEqual(sandbox.data.users.map((u) => u.id));
    const time = await api.get('/api/v2/incremental/users?start_time=0');
    expect(time.body.users).toHaveLength(sandbox.data.users.length);
    expect(time.body.end_of_stream).toBe(true);
  });

  it('pages the time-based organization export by end_time until end_of_stream', async () => {
    const seen = new Set<number>();
    let start = 0;
    let pages = 0;
    for (;;) {
      const page = await api.get(`/api/v2/incremental/organizations.json?start_time=${start}&per_page=20`);
      expect(page.status).toBe(200);
      pages += 1;
      for (const o of page.body.organizations) seen.add(o.id);
      expect(page.body.next_page).toContain(`start_time=${page.body.end_time}`);
      if (page.body.end_of_stream) break;
      expect(page.body.end_time).toBeGreaterThan(start);
      start = page.body.end_time;
    }
    expect([...seen].sort((a, b) => a - b)).toEqual(sandbox.data.organizations.map((o) => o.id));
    expect(pages).toBeGreaterThan(1);
  });

  it('repeats records of the last second of a page, and moves past a second shared by a whole page', () => {
    const table = new OrderedTable<{ id: number; updated: number }>((r) => r.updated);
    // Seconds 10 (x1), 20 (x4), 30 (x1).
    table.load([10, 20, 20, 20, 20, 30].map((s, i) => ({ id: i + 1, updated: s * 1000 })));
    const first = timeWindow(table, 0, 3);
    expect(first).toEqual({ start: 0, end: 3, endTime: 20, endOfStream: false });
    // The next page starts at second 20 again (records 2 and 3 come twice); all 3 rows share it.
    const second = timeWindow(table, first.endTime, 3);
    expect(second).toEqual({ start: 1, end: 5, endTime: 21, endOfStream: false });
    expect(timeWindow(table, second.endTime, 3)).toEqual({
      start: 5,
      end: 6,
      endTime: 30,
      endOfStream: true,
    });
    expect(timeWindow(table, 31, 3)).toEqual({ start: 6, end: 6, endTime: 31, endOfStream: true });
  });

  it('refuses a start_time less than a minute old, missing parameters and foreign cursors', async () => {
    const recent = Math.floor(Date.now() / 1000) - 10;
    const tooRecent = await api.get(`/api/v2/incremental/tickets/cursor.json?start_time=${recent}`);
    expect(tooRecent.status).toBe(400);
    expect(tooRecent.body.error).toBe('InvalidValue');
    expect(tooRecent.body.description).toMatch(/^start_time is too recent/);
    expect((await api.get('/api/v2/incremental/tickets/cursor.json')).status).toBe(400);
    expect((await api.get('/api/v2/incremental/organizations.json?start_time=abc')).status).toBe(400);
    const users = (await api.get('/api/v2/incremental/users/cursor.json?start_time=0&per_page=1')).body;
    const foreign = await api.get(`/api/v2/incremental/tickets/cursor.json?cursor=${users.after_cursor}`);
    expect(foreign.status).toBe(400);
  });
});
