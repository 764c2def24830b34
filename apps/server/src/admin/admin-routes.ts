import { constantTimeEqual } from '@csm/store';
import { Hono } from 'hono';
import type { AppDeps } from '../app-deps.ts';
import type { CliContext } from '../cli/context.ts';
import { errorLine } from '../cli/fail.ts';
import { type CommandIo, isStoreCommandName, runStoreCommandWith } from '../cli/store-commands.ts';
import { endpointsOf } from '../sync-jobs/run-tenant-sync.ts';

/** One line of a command's answer (`application/x-ndjson`): output as it comes, then how it ended. */
export type CommandEnd = { exit: 0 } | { exit: 1; error: string };
export type CommandEvent = { stdout: string } | { stderr: string } | CommandEnd;

export interface AdminRoutesOptions {
  deps: Pick<AppDeps, 'config' | 'store' | 'logger'>;
  /** The per-run secret (the admin file's): `Authorization: Bearer <secret>`. */
  secret: string;
  /** The lease holder of syncs run here (distinct from the scheduler's, so that they take turns). */
  leaseHolder: string;
  budgetScale?: number;
}

/**
 * The admin endpoint of a server that owns an embedded store: `POST /commands/{name}` runs a
 * store command (`api-keys create`, `sync`, ...) on the server's own store, as `csm` would, and
 * streams its stdout, stderr and end back. Only the per-run secret opens it; it listens on
 * loopback only (admin-server.ts).
 */
export function adminRoutes(options: AdminRoutesOptions) {
  const { deps } = options;
  const app = new Hono();
  app.use('*', async (c, next) => {
    const token = /^Bearer (\S+)$/.exec(c.req.header('authorization') ?? '')?.[1];
    if (!token || !constantTimeEqual(token, options.secret)) return c.json({ error: 'unauthorized' }, 401);
    await next();
    return undefined;
  });
  app.post('/commands/:name', async (c) => {
    const name = c.req.param('name');
    if (!isStoreCommandName(name)) return c.json({ error: 'not_found', message: `no command ${name}` }, 404);
    let args: unknown;
    try {
      args = await c.req.json();
    } catch {
      return c.json(
        { error: 'invalid_input', message: 'body: a JSON object of the command’s arguments' },
        400,
      );
    }
    deps.logger.info({ command: name }, 'admin command');
    const ctx: CliContext = {
      config: deps.config,
      store: deps.store,
      logger: deps.logger,
      endpoints: endpointsOf(deps.config),
    };
    const encoder = new TextEncoder();
    const body = new ReadableStream<Uint8Array>({
      async start(controller) {
        const send = (event: CommandEvent) =>
          controller.enqueue(encoder.encode(`${JSON.stringify(event)}\n`));
        const io: CommandIo = {
          stdout: (text) => send({ stdout: text }),
          stderr: (text) => send({ stderr: text }),
          stderrIsTTY: false,
        };
        try {
          await runStoreCommandWith(
            {
              ctx,
              io,
              leaseHolder: options.leaseHolder,
              ...(options.budgetScale ? { budgetScale: options.budgetScale } : {}),
            },
            name,
            args,
          );
          send({ exit: 0 });
        } catch (error) {
          send({ exit: 1, error: errorLine(error) });
        } finally {
          controller.close();
        }
      },
    });
    return new Response(body, {
      headers: { 'content-type': 'application/x-ndjson', 'cache-control': 'no-store' },
    });
  });
  return app;
}
