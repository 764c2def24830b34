import { randomBytes } from 'node:crypto';
import { leaseHolder } from '@csm/sync';
import { serve } from '@hono/node-server';
import type { AppDeps } from '../app-deps.ts';
import { removeAdminFile, writeAdminFile } from './admin-file.ts';
import { adminRoutes } from './admin-routes.ts';

export interface AdminServer {
  url: string;
  close(): Promise<void>;
}

/**
 * Serves the admin endpoint of a server that owns the embedded store in `dataDir`, on loopback (a
 * free port), and writes where it is, with a secret made for this run, to the admin file beside
 * the folder's lock. `csm` commands started while this server runs find it there and run on its
 * store instead of opening the folder a second time.
 */
export async function startAdminServer(options: {
  deps: Pick<AppDeps, 'config' | 'store' | 'logger'>;
  dataDir: string;
  budgetScale?: number;
}): Promise<AdminServer> {
  const secret = randomBytes(32).toString('base64url');
  const app = adminRoutes({
    deps: options.deps,
    secret,
    leaseHolder: `${leaseHolder}:admin`,
    ...(options.budgetScale ? { budgetScale: options.budgetScale } : {}),
  });
  let resolvePort!: (port: number) => void;
  const listening = new Promise<number>((r) => {
    resolvePort = r;
  });
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) =>
    resolvePort(info.port),
  );
  const url = `http://127.0.0.1:${await listening}`;
  await writeAdminFile(options.dataDir, { pid: process.pid, url, secret });
  return {
    url,
    async close() {
      await removeAdminFile(options.dataDir, secret);
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
