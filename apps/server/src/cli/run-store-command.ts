import { StoreLockedError } from '@csm/store';
import { type AdminInfo, readAdminFile } from '../admin/admin-file.ts';
import type { CommandEnd, CommandEvent } from '../admin/admin-routes.ts';
import { openContext } from './context.ts';
import { CliError } from './fail.ts';
import {
  type CommandIo,
  runStoreCommandWith,
  type StoreCommandArgs,
  type StoreCommandName,
} from './store-commands.ts';

/** The terminal. */
const processIo: CommandIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  stderrIsTTY: process.stderr.isTTY === true,
};

const isServer = (command: string) => /^csm (serve|demo)\b/.test(command);

/** The one line shown when the embedded store is held by a process that cannot run the command for us. */
export function lockedMessage(
  error: StoreLockedError,
  serverStarting = isServer(error.holder.command),
): string {
  const what = serverStarting
    ? `its admin endpoint is not up yet (it is starting, or stopping): try again in a moment`
    : `wait for it to end or stop it (kill ${error.holder.pid})`;
  return `${error.message}: ${what}; or set DATABASE_URL to a PostgreSQL database, which any number of processes can share`;
}

/**
 * Runs a command that needs the store. With PostgreSQL, or when no other process holds the
 * embedded store, on a store of its own. While `csm serve` or `csm demo` owns the embedded store,
 * through that server's admin endpoint (the folder is never opened twice). While another command
 * (a `csm sync`) holds it: refused, naming the process and what to do.
 */
export async function runStoreCommand<N extends StoreCommandName>(
  name: N,
  args: StoreCommandArgs<N>,
  io: CommandIo = processIo,
): Promise<void> {
  let ctx: Awaited<ReturnType<typeof openContext>>;
  try {
    ctx = await openContext(process.env, `csm ${name}`);
  } catch (error) {
    if (!(error instanceof StoreLockedError)) throw error;
    const admin = await readAdminFile(error.dataDir);
    if (admin && admin.pid === error.holder.pid) return runThroughServer(admin, error, name, args, io);
    throw new CliError(lockedMessage(error));
  }
  try {
    await runStoreCommandWith({ ctx, io }, name, args);
  } finally {
    await ctx.store.close();
  }
}

/** Sends the command to the server that owns the store and relays what it writes, then its end. */
async function runThroughServer(
  admin: AdminInfo,
  locked: StoreLockedError,
  name: StoreCommandName,
  args: unknown,
  io: CommandIo,
): Promise<void> {
  let response: Response;
  try {
    response = await fetch(`${admin.url}/commands/${encodeURIComponent(name)}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${admin.secret}`, 'content-type': 'application/json' },
      body: JSON.stringify(args),
    });
  } catch {
    throw new CliError(lockedMessage(locked, true));
  }
  if (!response.ok || !response.body) {
    const body = (await response.json().catch(() => ({}))) as { message?: string; error?: string };
    throw new CliError(
      `the server holding the store (pid ${admin.pid}) refused the command: ${body.message ?? body.error ?? response.status}`,
    );
  }
  let ended: CommandEnd | undefined;
  let pending = '';
  const decoder = new TextDecoder();
  const handle = (line: string) => {
    if (!line) return;
    const event = JSON.parse(line) as CommandEvent;
    if ('stdout' in event) io.stdout(event.stdout);
    else if ('stderr' in event) io.stderr(event.stderr);
    else ended = event;
  };
  for await (const chunk of response.body) {
    pending += decoder.decode(chunk, { stream: true });
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) handle(line);
  }
  handle(pending);
  if (!ended)
    throw new CliError(`the server holding the store (pid ${admin.pid}) stopped before the command ended`);
  if (ended.exit !== 0) throw new CliError(ended.error);
}
