import type { ApiClientStats } from '@csm/http';
import type { StreamProgress } from '@csm/sync';
import cliProgress from 'cli-progress';

export interface SyncProgressView {
  update(source: 'hubspot' | 'zendesk', progress: StreamProgress, requests: ApiClientStats): void;
  stop(): void;
}

/**
 * Progress of a sync on stderr: on a terminal, one bar per stream (filled when the stream is done)
 * with its records, pages, requests and time spent waiting for the rate budget; elsewhere (CI,
 * pipes) one plain line per finished stream, so logs stay readable.
 */
export function syncProgressView(out: NodeJS.WriteStream = process.stderr): SyncProgressView {
  if (!out.isTTY) {
    return {
      update(source, p, r) {
        // A stream reports after every page; only its last report (a skip is one) gets a line.
        if (!p.done) return;
        if (p.skipped) {
          out.write(`${p.stream.padEnd(30)} skipped: ${p.skipped}\n`);
        } else if (p.unavailable) {
          out.write(`${p.stream.padEnd(30)} off: ${p.unavailable}\n`);
        } else {
          out.write(
            `${p.stream.padEnd(30)} ${String(p.records).padStart(8)} records ${String(p.pages).padStart(5)} pages ${String(r.requests).padStart(6)} ${source} requests${p.quarantined ? `, ${p.quarantined} quarantined` : ''}\n`,
          );
        }
      },
      stop() {},
    };
  }
  const multibar = new cliProgress.MultiBar(
    {
      stream: out,
      format: ' {bar} {stream} | {records} records | {pages} pages | {requests} requests | waited {waited}s',
      barsize: 20,
      hideCursor: true,
      clearOnComplete: false,
      fps: 10,
    },
    cliProgress.Presets.shades_classic,
  );
  const bars = new Map<string, cliProgress.SingleBar>();
  return {
    update(_source, p, r) {
      const payload = {
        stream: p.stream.padEnd(30),
        records: p.records,
        pages: p.pages,
        requests: r.requests,
        waited: (r.budgetWaitMs / 1000).toFixed(1),
      };
      let bar = bars.get(p.stream);
      if (!bar) {
        bar = multibar.create(1, 0, payload);
        bars.set(p.stream, bar);
      }
      bar.update(p.done ? 1 : 0.5, payload);
    },
    stop: () => multibar.stop(),
  };
}
