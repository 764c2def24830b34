import { DatabaseUnavailableError } from '@csm/store';
import { z } from 'zod';
import { apiKeyJson, createApiKey, formatApiKeys, listApiKeys, revokeApiKey } from './api-keys.ts';
import type { CliContext } from './context.ts';
import { CliError } from './fail.ts';
import { runRefresh } from './refresh.ts';
import { buildReport, formatReport } from './report.ts';
import { runSync } from './sync.ts';
import { addTenant, deleteTenant, showTenant } from './tenants.ts';

/** Where a command writes: the terminal, or the answer of the server that runs it (see admin-routes). */
export interface CommandIo {
  stdout(text: string): void;
  stderr(text: string): void;
  /** Whether stderr is a terminal (progress bars) or a pipe (one line per finished stream). */
  stderrIsTTY: boolean;
}

/** What a command runs with: the store's context, its output, and the sync's knobs when a server runs it. */
export interface CommandEnv {
  ctx: CliContext;
  io: CommandIo;
  /** The sync lease holder: a server running `csm sync` for the CLI must not share its scheduler's. */
  leaseHolder?: string;
  budgetScale?: number;
}

interface StoreCommand<S extends z.ZodType> {
  args: S;
  run(env: CommandEnv, args: z.infer<S>): Promise<void>;
}
const command = <S extends z.ZodType>(c: StoreCommand<S>) => c;

const tenantArg = z.object({ tenant: z.string() });
const json = z.boolean().optional();

/** A stream for the sync's progress view that writes through `io`. */
function progressStream(io: CommandIo): NodeJS.WriteStream {
  if (io.stderrIsTTY) return process.stderr;
  return {
    isTTY: false,
    write(chunk: string | Uint8Array) {
      io.stderr(String(chunk));
      return true;
    },
  } as unknown as NodeJS.WriteStream;
}

/**
 * Every command that needs the store, by its name on the command line. The same code runs in the
 * `csm` process (its own store) or, while `csm serve` / `csm demo` owns the embedded store, in that
 * server (through its admin endpoint), so that no second process opens the folder.
 */
export const storeCommands = {
  'tenants add': command({
    args: z.object({
      name: z.string(),
      hubspotToken: z.string().optional(),
      zendeskSubdomain: z.string().optional(),
      zendeskEmail: z.string().optional(),
      zendeskToken: z.string().optional(),
    }),
    async run({ ctx, io }, args) {
      const tenant = await addTenant(ctx, args);
      io.stderr(
        `tenant ${tenant.name} registered for HubSpot portal ${tenant.hubspotPortalId}${tenant.zendeskSubdomain ? ` and Zendesk ${tenant.zendeskSubdomain}` : ''}\n`,
      );
    },
  }),
  'tenants show': command({
    args: z.object({ name: z.string(), json }),
    async run({ ctx, io }, args) {
      const shown = await showTenant(ctx.store, args.name);
      io.stdout(
        args.json
          ? `${JSON.stringify(shown)}\n`
          : `${Object.entries(shown)
              .map(([k, v]) => `${k}: ${v}`)
              .join('\n')}\n`,
      );
    },
  }),
  'tenants rotate-zendesk-token': command({
    args: z.object({ name: z.string() }),
    async run({ ctx, io }, args) {
      await showTenant(ctx.store, args.name);
      io.stdout(`${await ctx.store.tenants.rotateZendeskAppToken(args.name)}\n`);
    },
  }),
  'tenants delete': command({
    args: z.object({ name: z.string(), yes: z.boolean().optional() }),
    async run({ ctx, io }, args) {
      const deleted = await deleteTenant(ctx.store, args.name, { yes: args.yes === true });
      const rows = Object.values(deleted.rows).reduce((n, x) => n + x, 0);
      io.stderr(
        `tenant ${deleted.tenant} deleted: ${rows} rows in ${Object.keys(deleted.rows).length} tables\n`,
      );
    },
  }),
  'tenants list': command({
    args: z.object({}),
    async run({ ctx, io }) {
      for (const t of await ctx.store.tenants.list())
        io.stdout(`${t.name}\tportal ${t.hubspotPortalId}\t${t.zendeskSubdomain ?? '-'}\t${t.status}\n`);
    },
  }),
  'api-keys create': command({
    args: tenantArg.extend({ name: z.string().optional() }),
    async run({ ctx, io }, args) {
      const created = await createApiKey(ctx.store, args.tenant, args.name);
      io.stdout(`${created.key}\n`);
      io.stderr(
        `API key ${created.prefix} created for ${args.tenant}; store it now, it is not shown again\n`,
      );
    },
  }),
  'api-keys list': command({
    args: tenantArg.extend({ json }),
    async run({ ctx, io }, args) {
      const keys = await listApiKeys(ctx.store, args.tenant);
      io.stdout(args.json ? `${JSON.stringify(keys.map(apiKeyJson))}\n` : `${formatApiKeys(keys)}\n`);
    },
  }),
  'api-keys revoke': command({
    args: tenantArg.extend({ key: z.string() }),
    async run({ ctx, io }, args) {
      await revokeApiKey(ctx.store, args.tenant, args.key);
      io.stderr('API key revoked\n');
    },
  }),
  sync: command({
    args: tenantArg.extend({ full: z.boolean().optional() }),
    async run({ ctx, io, leaseHolder, budgetScale }, args) {
      const result = await runSync(ctx, args.tenant, {
        full: args.full ?? false,
        out: progressStream(io),
        ...(leaseHolder ? { leaseHolder } : {}),
        ...(budgetScale ? { budgetScale } : {}),
      }).catch((error: unknown) => {
        // What was committed stays (pages commit with their cursors): the next run goes on from there.
        if (error instanceof DatabaseUnavailableError)
          throw new CliError(`sync of ${args.tenant} failed: ${error.message}; run it again once it is back`);
        throw error;
      });
      if (!result.ok) {
        const failed = result.sources.find((s) => s.status === 'failed');
        throw new CliError(`sync failed: ${failed?.source}: ${failed?.error}`);
      }
    },
  }),
  refresh: command({
    args: tenantArg.extend({ all: z.boolean().optional() }),
    async run({ ctx, io }, args) {
      await runRefresh(ctx, args.tenant, {
        all: args.all === true,
        out: { isTTY: io.stderrIsTTY, write: (text: string) => io.stderr(text) },
      }).catch((error: unknown) => {
        if (error instanceof DatabaseUnavailableError)
          throw new CliError(
            `refresh of ${args.tenant} failed: ${error.message}; run it again once it is back`,
          );
        throw error;
      });
    },
  }),
  report: command({
    args: tenantArg.extend({ json }),
    async run({ ctx, io }, args) {
      const rows = await buildReport(ctx.store, args.tenant);
      io.stdout(args.json ? `${JSON.stringify(rows)}\n` : `${formatReport(rows)}\n`);
    },
  }),
};

export type StoreCommandName = keyof typeof storeCommands;
export type StoreCommandArgs<N extends StoreCommandName> = z.infer<(typeof storeCommands)[N]['args']>;

export const isStoreCommandName = (name: string): name is StoreCommandName =>
  Object.hasOwn(storeCommands, name);

/** Validates `args` and runs the command. */
export async function runStoreCommandWith(
  env: CommandEnv,
  name: StoreCommandName,
  args: unknown,
): Promise<void> {
  const c = storeCommands[name] as StoreCommand<z.ZodType>;
  const parsed = c.args.safeParse(args);
  if (!parsed.success)
    throw new CliError(
      parsed.error.issues.map((i) => `${i.path.join('.') || 'args'}: ${i.message}`).join('; '),
    );
  await c.run(env, parsed.data);
}
