import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { syncProgressView } from './progress.ts';

/** A non-terminal stream (a pipe, CI's log) that keeps what is written. */
function pipe() {
  let text = '';
  const out = new Writable({
    write(chunk, _encoding, callback) {
      text += String(chunk);
      callback();
    },
  }) as unknown as NodeJS.WriteStream;
  return { out, text: () => text };
}

const requests = { requests: 3, rateLimited: 0, retries: 0, budgetWaitMs: 0 };

describe('sync progress outside a terminal', () => {
  it('prints one line per stream when it ends, whether it wrote pages, was off or was skipped', () => {
    const { out, text } = pipe();
    const view = syncProgressView(out);
    const base = { pages: 1, records: 0, quarantined: 0, done: false };
    view.update('hubspot', { ...base, stream: 'hubspot.companies', records: 100 }, requests);
    view.update(
      'hubspot',
      { ...base, stream: 'hubspot.companies', pages: 2, records: 150, done: true },
      requests,
    );
    // An endpoint that is switched off answers one empty page: a report for the page, then the end.
    const off = { ...base, stream: 'zendesk.survey_responses', unavailable: 'not switched on' };
    view.update('zendesk', off, requests);
    view.update('zendesk', { ...off, done: true }, requests);
    view.update(
      'hubspot',
      { ...base, stream: 'hubspot.owners', pages: 0, done: true, skipped: 'scope missing' },
      requests,
    );

    const lines = text().trimEnd().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^hubspot\.companies\s+150 records\s+2 pages\s+3 hubspot requests$/);
    expect(lines[1]).toMatch(/^zendesk\.survey_responses\s+off: not switched on$/);
    expect(lines[2]).toMatch(/^hubspot\.owners\s+skipped: scope missing$/);
  });
});
