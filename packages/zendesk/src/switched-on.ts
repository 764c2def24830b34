import { ApiError, type Stream, type StreamPage } from '@csm/http';
import { z } from 'zod';

/** How long an endpoint that refused us stays unasked: a day, then it is probed again. */
export const REPROBE_AFTER_MS = 86_400_000;

const unavailable = z.object({ unavailable: z.string(), since: z.string() });

/**
 * A stream of a feature an account may not have switched on (legacy satisfaction ratings, the
 * current CSAT's survey responses): its first request is the probe. A 403 or 404 there means
 * "not switched on" (or not readable with this token): the run ends with an empty page that
 * says so (`unavailable`) and remembers it as the checkpoint, so that the next runs of the day make
 * no request; a full sync, or a day later, probes again. Any other failure fails as usual.
 *
 * @example
 * const ratings = switchedOn(satisfactionRatingsStream, 'legacy satisfaction ratings');
 */
export function switchedOn<K extends string, R>(stream: Stream<K, R>, feature: string): Stream<K, R> {
  return {
    ...stream,
    async *pages(client, context) {
      const saved = unavailable.safeParse(context.checkpoint);
      const page = (reason: string, since: string): StreamPage<K, R> => ({
        kind: stream.kind,
        records: [],
        quarantined: [],
        checkpoint: { unavailable: reason, since },
        unavailable: reason,
      });
      if (saved.success && context.now.getTime() - Date.parse(saved.data.since) < REPROBE_AFTER_MS) {
        yield page(saved.data.unavailable, saved.data.since);
        return;
      }
      const resumed = saved.success ? { ...context, checkpoint: null } : context;
      let first = true;
      try {
        for await (const p of stream.pages(client, resumed)) {
          first = false;
          yield p;
        }
      } catch (error) {
        const refused =
          error instanceof ApiError && (error.code === 'forbidden' || error.code === 'not_found');
        if (!first || !refused) throw error;
        yield page(
          `${feature} are not switched on for this account, or this token may not read them (${error.message})`,
          context.now.toISOString(),
        );
      }
    },
  };
}
