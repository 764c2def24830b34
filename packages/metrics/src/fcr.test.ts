import { describe, expect, it } from 'vitest';
import { type FcrTicket, fcr } from './fcr.ts';

const inputError = (field: string) => expect.objectContaining({ name: 'MetricInputError', field });

const tickets: FcrTicket[] = [
  { status: 'solved', replies: 1, reopens: 0 }, // strict: FCR; explore: one-touch
  { status: 'closed', replies: 1, reopens: 0 }, // strict: FCR; explore: one-touch
  { status: 'solved', replies: 1, reopens: 1 }, // strict: reopened, not FCR; explore: one-touch
  { status: 'solved', replies: 0, reopens: 0 }, // strict: not counted; explore: one-touch
  { status: 'closed', replies: 3, reopens: 0 }, // both: solved, not first contact
  { status: 'open', replies: 1, reopens: 0 }, // unsolved: nowhere
  { status: 'pending', replies: 2, reopens: 0 }, // unsolved: nowhere
  { status: 'deleted', replies: 1, reopens: 0 }, // deleted: nowhere
];

describe('fcr', () => {
  it('strict: one reply and never reopened, over solved tickets with a reply', () => {
    // solved with >= 1 reply: tickets 1, 2, 3, 5 = 4; FCR: 1, 2 = 2; 2 / 4 x 100 = 50
    expect(fcr(tickets)).toEqual({ rate: 50, firstContactResolved: 2, solved: 4 });
    expect(fcr(tickets, { variant: 'strict' })).toEqual(fcr(tickets));
  });

  it("explore: Zendesk Explore's one-touch (fewer than 2 replies) over all solved / closed", () => {
    // solved/closed: 1, 2, 3, 4, 5 = 5; replies < 2: 1, 2, 3, 4 = 4; 4 / 5 x 100 = 80
    expect(fcr(tickets, { variant: 'explore' })).toEqual({ rate: 80, firstContactResolved: 4, solved: 5 });
  });

  it('gives a null rate when nothing is solved', () => {
    expect(fcr([])).toEqual({ rate: null, firstContactResolved: 0, solved: 0 });
    expect(fcr([{ status: 'open', replies: 1, reopens: 0 }])).toEqual({
      rate: null,
      firstContactResolved: 0,
      solved: 0,
    });
  });

  it('rejects unknown statuses and bad counts', () => {
    const bad = [
      { status: 'solved', replies: 1, reopens: 0 },
      { status: 'archived', replies: 1, reopens: 0 },
    ];
    expect(() => fcr(bad as FcrTicket[])).toThrow(inputError('tickets[1].status'));
    expect(() => fcr([{ status: 'solved', replies: -1, reopens: 0 }])).toThrow(
      inputError('tickets[0].replies'),
    );
    expect(() => fcr([{ status: 'solved', replies: 1, reopens: 0.5 }])).toThrow(
      inputError('tickets[0].reopens'),
    );
    expect(() => fcr([], { variant: 'loose' as 'strict' })).toThrow(inputError('options.variant'));
  });
});
