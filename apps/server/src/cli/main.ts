#!/usr/bin/env node
/**
 * `csm`, the command line of Success Metrics (README.md, the command line). Every command exits 0 on
 * success, else prints one line on stderr and exits non-zero.
 */
import { Command, InvalidArgumentError } from 'commander';
import { runDemo } from './demo.ts';
import { errorLine } from './fail.ts';
import { runStoreCommand } from './run-store-command.ts';
import { runSandboxServe } from './sandbox.ts';
import { runServe } from './serve.ts';
import { runWorker } from './worker.ts';

function integer(name: string, min: number, max: number) {
  return (value: string) => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < min || n > max)
      throw new InvalidArgumentError(`${name} must be an integer ${min}-${max}`);
    return n;
  };
}

const program = new Command('csm')
  .description('Success Metrics: customer-success KPIs from HubSpot and Zendesk')
  .showHelpAfterError();

const tenants = program.command('tenants').description('register and inspect tenants');
tenants
  .command('add <name>')
  .description('register a tenant with a HubSpot private-app token (and a Zendesk API token)')
  .requiredOption('--hubspot-token <token>', 'HubSpot private-app access token')
  .option('--zendesk-subdomain <subdomain>', 'Zendesk subdomain (acme for acme.zendesk.com)')
  .option('--zendesk-email <email>', 'email of the Zendesk user the API token belongs to')
  .option('--zendesk-token <token>', 'Zendesk API token')
  .action(async (name: string, opts: Record<string, string | undefined>) => {
    await runStoreCommand('tenants add', { name, ...opts });
  });
tenants
  .command('show <name>')
  .description('print a tenant (with --json: name, hubspotPortalId, zendeskSubdomain, zendeskAppToken)')
  .option('--json', 'print JSON')
  .action(async (name: string, opts: { json?: boolean }) => {
    await runStoreCommand('tenants show', { name, ...opts });
  });
tenants
  .command('rotate-zendesk-token <name>')
  .description('replace the app token the Zendesk app sends; prints the new one')
  .action(async (name: string) => {
    await runStoreCommand('tenants rotate-zendesk-token', { name });
  });
tenants
  .command('delete <name>')
  .description(
    'delete a tenant and all of its data now (an uninstall deletes after CSM_UNINSTALL_GRACE_DAYS)',
  )
  .option('--yes', 'confirm: the data cannot be recovered')
  .action(async (name: string, opts: { yes?: boolean }) => {
    await runStoreCommand('tenants delete', { name, yes: opts.yes === true });
  });
tenants
  .command('list')
  .description('list tenants')
  .action(async () => {
    await runStoreCommand('tenants list', {});
  });

const apiKeys = program
  .command('api-keys')
  .description("keys of a tenant's ingestion API (survey answers, usage)");
apiKeys
  .command('create')
  .description('create a key; it is printed once (stdout), only its hash is kept')
  .requiredOption('--tenant <name>', 'tenant name')
  .option('--name <label>', 'what the key is for, e.g. "delighted export"')
  .action(async (opts: { tenant: string; name?: string }) => {
    await runStoreCommand('api-keys create', opts);
  });
apiKeys
  .command('list')
  .description("list a tenant's keys (prefixes, never secrets)")
  .requiredOption('--tenant <name>', 'tenant name')
  .option('--json', 'print JSON')
  .action(async (opts: { tenant: string; json?: boolean }) => {
    await runStoreCommand('api-keys list', opts);
  });
apiKeys
  .command('revoke <key>')
  .description('revoke a key (csm_live_<id> as listed): its requests get 401 from now on')
  .requiredOption('--tenant <name>', 'tenant name')
  .action(async (key: string, opts: { tenant: string }) => {
    await runStoreCommand('api-keys revoke', { key, tenant: opts.tenant });
  });

program
  .command('sync')
  .description("run a tenant's HubSpot and Zendesk streams to the end, with progress")
  .requiredOption('--tenant <name>', 'tenant name')
  .option('--full', 'read everything again instead of what changed since the last sync')
  .action(async (opts: { tenant: string; full?: boolean }) => {
    await runStoreCommand('sync', opts);
  });

program
  .command('refresh')
  .description("recompute a tenant's stored cards now: the accounts whose data changed, or all with --all")
  .requiredOption('--tenant <name>', 'tenant name')
  .option('--all', 'recompute every account, not only those whose data changed')
  .action(async (opts: { tenant: string; all?: boolean }) => {
    await runStoreCommand('refresh', opts);
  });

program
  .command('report')
  .description('per-account figures: health, NPS, CSAT, FCR, MRR, ARR, open tickets')
  .requiredOption('--tenant <name>', 'tenant name')
  .option('--json', 'print one JSON array, an element per account')
  .action(async (opts: { tenant: string; json?: boolean }) => {
    await runStoreCommand('report', opts);
  });

program
  .command('sandbox')
  .description('simulated HubSpot and Zendesk APIs')
  .command('serve')
  .description('serve the sandbox APIs on loopback with seeded data')
  .option('--port <n>', 'port (0 = any free port)', integer('--port', 0, 65535), 4010)
  .option('--companies <n>', 'number of companies to seed', integer('--companies', 1, 1_000_000), 200)
  .option('--seed <n>', 'random seed', integer('--seed', 0, 2 ** 31 - 1), 1)
  .option('--no-rate-limits', 'serve without rate limits')
  .action(async (opts: { port: number; companies: number; seed: number; rateLimits: boolean }) => {
    await runSandboxServe(opts);
  });

program
  .command('demo')
  .description('a first look: sandbox APIs with seeded data, the embedded store, a first sync and the report')
  .option('--companies <n>', 'number of companies to seed', integer('--companies', 1, 100_000), 200)
  .option('--port <n>', 'port of the server (0 = any free port)', integer('--port', 0, 65535), 3000)
  .action(async (opts: { companies: number; port: number }) => {
    await runDemo(opts);
  });

program
  .command('serve')
  .description('the HTTP server (cards, sidebar, installs, webhooks, ingestion) on the configured store')
  .option('--port <n>', 'port (default PORT, else 3000; 0 = any free port)', integer('--port', 0, 65535))
  .option('--host <host>', 'address to listen on', '0.0.0.0')
  .action(async (opts: { port?: number; host: string }) => {
    await runServe(opts);
  });

program
  .command('worker')
  .description('production mode: take sync, refresh and scheduled jobs from the queue on DATABASE_URL')
  .option(
    '--concurrency <n>',
    'jobs (tenants) at once (default CSM_WORKER_CONCURRENCY, else 2)',
    integer('--concurrency', 1, 32),
  )
  .action(async (opts: { concurrency?: number }) => {
    await runWorker(opts);
  });

program.exitOverride();
try {
  await program.parseAsync(process.argv);
} catch (error) {
  // Commander has already printed its own usage errors.
  if (
    error &&
    typeof error === 'object' &&
    'code' in error &&
    String((error as { code: unknown }).code).startsWith('commander.')
  ) {
    const exitCode = (error as { exitCode?: number }).exitCode ?? 1;
    process.exit(exitCode);
  }
  process.stderr.write(`csm: ${errorLine(error)}\n`);
  process.exit(1);
}
