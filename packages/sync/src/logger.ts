import pino, { type Logger } from 'pino';

/**
 * Paths that may hold a secret anywhere in a log line: tokens, credentials, authorization
 * headers. pino replaces them with `[redacted]` before the line is written.
 */
export const redactPaths = [
  'token',
  'accessToken',
  'refreshToken',
  'apiToken',
  'clientSecret',
  'credentials',
  'authorization',
  '*.token',
  '*.accessToken',
  '*.refreshToken',
  '*.apiToken',
  '*.clientSecret',
  '*.credentials',
  '*.authorization',
  'headers.authorization',
  'req.headers.authorization',
  'req.headers["x-hubspot-signature-v3"]',
];

/**
 * The structured logger (pino) with secrets redacted, writing to stderr (file descriptor 2) unless
 * given another destination: stdout carries only what a command answers (`csm report --json`).
 * `LOG_LEVEL` raises or lowers it.
 *
 * @example
 * const log = createLogger({ level: 'info' });
 * log.info({ tenant: 'acme', token: 'secret' }, 'sync started'); // token: "[redacted]"
 */
export function createLogger(options: { level?: string; destination?: pino.DestinationStream } = {}): Logger {
  const config = {
    level: options.level ?? process.env.LOG_LEVEL ?? 'info',
    redact: { paths: redactPaths, censor: '[redacted]' },
  };
  return pino(config, options.destination ?? pino.destination({ dest: 2, sync: true }));
}

export type { Logger };
