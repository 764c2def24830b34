import { refreshTenantFigures } from '../sync-jobs/refresh-figures.ts';
import type { CliContext } from './context.ts';
import { requireTenant } from './context.ts';

export interface RefreshCommandOptions {
  /** Recompute every account's card, not only those whose data changed. */
  all?: boolean;
  out?: { write(text: string): unknown; isTTY?: boolean };
}

/** At most one progress line per this many milliseconds on a pipe (a terminal rewrites one line). */
const LINE_EVERY_MS = 5000;

/**
 * `csm refresh`: recomputes a tenant's stored cards now, without a sync: the accounts whose data
 * changed since the last refresh, or every one with `all` (or when due: first refresh of the day,
 * a settings change). Progress on `out` (stderr), then one summary line.
 */
export async function runRefresh(ctx: CliContext, name: string, options: RefreshCommandOptions = {}) {
  const out = options.out ?? process.stderr;
  const tenant = await requireTenant(ctx.store, name);
  const started = performance.now();
  let lastLine = started;
  const result = await refreshTenantFigures(
    { store: ctx.store, logger: ctx.logger, now: () => new Date() },
    tenant.id,
    {
      all: options.all === true,
      onBatch: (done) => {
        const at = performance.now();
        if (out.isTTY) out.write(`\r${done} accounts refreshed`);
        else if (at - lastLine >= LINE_EVERY_MS) {
          out.write(`${done} accounts refreshed\n`);
          lastLine = at;
        }
      },
    },
  );
  if (out.isTTY && result.accounts > 0) out.write('\n');
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const what = result.mode === 'full' ? `every account (${result.reason})` : 'accounts whose data changed';
  out.write(`refresh of ${tenant.name}: ${result.accounts} cards of ${what} recomputed in ${seconds}s\n`);
  return result;
}
