import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fcr, type TicketStatus } from './fcr.ts';
import { oneTouch } from './one-touch.ts';

describe('oneTouch', () => {
  it.each([
    ['solved with one reply', 'solved', 1, 0, true],
    ['closed with one reply', 'closed', 1, 0, true],
    ['reopened once', 'solved', 1, 1, false],
    ['two replies', 'closed', 2, 0, false],
    ['solved without a reply', 'solved', 0, 0, null],
    ['still open', 'open', 1, 0, null],
    ['pending', 'pending', 1, 0, null],
    ['deleted', 'deleted', 1, 0, null],
    ['no metric set (replies)', 'solved', null, 0, null],
    ['no metric set (reopens)', 'solved', 1, null, null],
  ] as const)('%s: %s', (_label, status, replies, reopens, expected) => {
    expect(oneTouch({ status, replies, reopens })).toBe(expected);
  });

  it('reconciles a 0-reply and a 1-reply solved ticket with FCR (flags [null, true], FCR 100 %)', () => {
    const tickets = [
      { status: 'solved' as const, replies: 0, reopens: 0 },
      { status: 'solved' as const, replies: 1, reopens: 0 },
    ];
    expect(tickets.map(oneTouch)).toEqual([null, true]);
    expect(fcr(tickets).rate).toBe(100);
  });

  it('refuses unknown fields and statuses, naming them', () => {
    expect(() => oneTouch({ status: 'solved', replies: 1, reopens: 0, priority: 'urgent' } as never)).toThrow(
      expect.objectContaining({ field: 'ticket.priority' }),
    );
    expect(() => oneTouch({ status: 'done' as never, replies: 1, reopens: 0 })).toThrow(
      expect.objectContaining({ field: 'ticket.status' }),
    );
  });

  it('count(true) / count(non-null) x 100 equals fcr(...).rate on any tickets', () => {
    const statuses: TicketStatus[] = ['new', 'open', 'pending', 'hold', 'solved', 'closed', 'deleted'];
    const ticket = fc.record({
      status: fc.constantFrom(...statuses),
      replies: fc.option(fc.integer({ min: 0, max: 4 }), { nil: null }),
      reopens: fc.option(fc.integer({ min: 0, max: 2 }), { nil: null }),
    });
    fc.assert(
      fc.property(fc.array(ticket, { maxLength: 40 }), (tickets) => {
        const flags = tickets.map(oneTouch).filter((f) => f !== null);
        const withMetrics = tickets.flatMap((t) =>
          t.replies === null || t.reopens === null
            ? []
            : [{ status: t.status, replies: t.replies, reopens: t.reopens }],
        );
        const r = fcr(withMetrics);
        const expected = flags.length === 0 ? null : (flags.filter((f) => f).length * 100) / flags.length;
        expect(r.rate).toBe(expected);
        expect(r.solved).toBe(flags.length);
      }),
    );
  });
});
