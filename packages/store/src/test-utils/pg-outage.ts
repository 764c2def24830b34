/**
 * A PostgreSQL outage on demand, for tests that must not stop the machine's shared server.
 *
 * `pgProxy` puts a TCP relay in front of the server: `down()` drops every connection at once and
 * refuses new ones, which is what clients see on `pg_ctl stop -m immediate` (sockets closed under
 * open transactions, then ECONNREFUSED until the server is back); `up()` is the restart.
 * `terminateBackends` is the one-connection version of the same thing
 * (`pg_terminate_backend`: SQLSTATE 57P01, then the socket closes).
 */
import { connect, createServer, type Server, type Socket } from 'node:net';
import pg from 'pg';

export interface PgProxy {
  /** `url` with the proxy's host and port (the same user, database and parameters). */
  readonly url: string;
  /** Every open connection dropped at once; new ones refused until `up()`. */
  down(): Promise<void>;
  /** Accepting connections again, on the same port. */
  up(): Promise<void>;
  close(): Promise<void>;
}

/** Starts a relay to the server of `url` on a free loopback port. */
export async function pgProxy(url: string): Promise<PgProxy> {
  const target = new URL(url);
  const sockets = new Set<Socket>();
  let server: Server | undefined;
  let port = 0;
  const listen = () =>
    new Promise<void>((resolve, reject) => {
      const s = createServer((client) => {
        const upstream = connect(Number(target.port || 5432), target.hostname);
        for (const [a, b] of [
          [client, upstream],
          [upstream, client],
        ] as const) {
          sockets.add(a);
          a.pipe(b);
          a.on('error', () => b.destroy());
          a.on('close', () => {
            sockets.delete(a);
            b.destroy();
          });
        }
      });
      s.once('error', reject);
      s.listen(port, '127.0.0.1', () => {
        port = (s.address() as { port: number }).port;
        server = s;
        resolve();
      });
    });
  await listen();
  const proxied = new URL(url);
  proxied.hostname = '127.0.0.1';
  proxied.port = String(port);
  const stop = async () => {
    const s = server;
    server = undefined;
    for (const socket of sockets) socket.destroy();
    if (s) await new Promise<void>((resolve) => s.close(() => resolve()));
  };
  return {
    url: proxied.toString(),
    down: stop,
    up: async () => {
      if (!server) await listen();
    },
    close: stop,
  };
}

/**
 * Terminates the server backends of connections whose `application_name` is `applicationName`
 * (and that match `where`, SQL over pg_stat_activity); returns how many. Only this test's
 * connections, never another's: the server is shared.
 */
export async function terminateBackends(
  url: string,
  applicationName: string,
  where = 'true',
): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query(
      `SELECT pg_terminate_backend(pid) AS done FROM pg_stat_activity
       WHERE application_name = $1 AND pid <> pg_backend_pid() AND (${where})`,
      [applicationName],
    );
    return rows.filter((r) => r.done).length;
  } finally {
    await client.end();
  }
}

/** How many backends of `applicationName` match `where` (SQL over pg_stat_activity). */
export async function countBackends(url: string, applicationName: string, where = 'true'): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query(
      `SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = $1 AND (${where})`,
      [applicationName],
    );
    return rows[0].n;
  } finally {
    await client.end();
  }
}

/** `url` with an `application_name`, so that a test can find (and terminate) its own connections. */
export function withApplicationName(url: string, applicationName: string): string {
  const u = new URL(url);
  u.searchParams.set('application_name', applicationName);
  return u.toString();
}

/**
 * Takes `ACCESS EXCLUSIVE` on a table of `schema` from a connection of its own, so that a
 * statement touching it waits (and can be cut while it waits); `release()` rolls back.
 */
export async function holdTableLock(
  url: string,
  schema: string,
  table: string,
): Promise<{ release(): Promise<void> }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query('BEGIN');
  await client.query(
    `LOCK TABLE ${pg.escapeIdentifier(schema)}.${pg.escapeIdentifier(table)} IN ACCESS EXCLUSIVE MODE`,
  );
  return {
    async release() {
      await client.query('ROLLBACK');
      await client.end();
    },
  };
}

/** Drops a test's schema (and everything in it). */
export async function dropSchema(url: string, schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS ${pg.escapeIdentifier(schema)} CASCADE`);
  } finally {
    await client.end();
  }
}
