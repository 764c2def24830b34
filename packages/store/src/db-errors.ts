/**
 * The database went away (a restart, a lost network, a terminated backend): the statement did not
 * run or its transaction was rolled back, and retrying later may succeed. The server answers 503
 * with `Retry-After`; a sync run fails with this as its reason; the pool reconnects on its own.
 */
export class DatabaseUnavailableError extends Error {
  override readonly name = 'DatabaseUnavailableError';
  constructor(cause: unknown) {
    super(`the database is unavailable (${reasonOf(cause)})`, { cause });
  }
}

function reasonOf(error: unknown): string {
  if (error instanceof AggregateError && error.errors.length) return reasonOf(error.errors[0]);
  if (error instanceof Error) return error.message.split('\n')[0] || error.name;
  return String(error);
}

/** Socket-level failures: the server is down, restarting or out of reach. */
const networkCodes = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

/**
 * SQLSTATEs of a server that is going away or not taking connections
 * (https://www.postgresql.org/docs/current/errcodes-appendix.html): class 08 (connection
 * exception), 57P01 admin_shutdown (`pg_ctl stop`, `pg_terminate_backend`), 57P02 crash_shutdown,
 * 57P03 cannot_connect_now (starting up or shutting down), 53300 too_many_connections.
 */
function isUnavailableSqlState(code: string): boolean {
  return code.startsWith('08') || ['57P01', '57P02', '57P03', '53300'].includes(code);
}

/** What node-postgres says when the socket closes under a query or a checked-out client. */
const lostConnectionMessages = [
  'Connection terminated',
  'Client has encountered a connection error and is not queryable',
  'timeout exceeded when trying to connect',
  'connection timeout',
];

/** Whether an error of the pg driver means the database is unreachable rather than the statement wrong. */
export function isConnectionLoss(error: unknown): boolean {
  if (error instanceof DatabaseUnavailableError) return true;
  if (error instanceof AggregateError) return error.errors.length > 0 && error.errors.every(isConnectionLoss);
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && (networkCodes.has(code) || isUnavailableSqlState(code))) return true;
  return lostConnectionMessages.some((m) => error.message.startsWith(m));
}

/** The error to rethrow: a connection loss as DatabaseUnavailableError, anything else as it was. */
export function asDatabaseError(error: unknown): unknown {
  return isConnectionLoss(error) && !(error instanceof DatabaseUnavailableError)
    ? new DatabaseUnavailableError(error)
    : error;
}
