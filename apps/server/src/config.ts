import { z } from 'zod';

const url = (name: string) =>
  z
    .string()
    .refine(
      (v) => URL.canParse(v.replaceAll('{subdomain}', 'x')),
      `${name} must be a URL, e.g. https://api.example.com`,
    );

/**
 * Every environment variable the app reads, validated once at start-up. A bad value stops the
 * process with a message naming the variable.
 */
export const configSchema = z.object({
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'DATABASE_URL must be a postgres:// URL')
    .optional(),
  CSM_DATA_DIR: z.string().min(1).default('./.csm'),
  CSM_ENCRYPTION_KEY: z.string().optional(),
  HUBSPOT_API_BASE_URL: url('HUBSPOT_API_BASE_URL').default('https://api.hubapi.com'),
  ZENDESK_API_BASE_URL: url('ZENDESK_API_BASE_URL').default('https://{subdomain}.zendesk.com'),
  HUBSPOT_CLIENT_ID: z.string().optional(),
  HUBSPOT_CLIENT_SECRET: z.string().optional(),
  /**
   * Where browsers consent to an install: `{this}/oauth/authorize`. Unset: `https://app.hubspot.com`,
   * or HUBSPOT_API_BASE_URL when that is overridden (the sandbox serves both).
   */
  HUBSPOT_AUTHORIZE_URL: url('HUBSPOT_AUTHORIZE_URL').optional(),
  ZENDESK_CLIENT_ID: z.string().optional(),
  ZENDESK_CLIENT_SECRET: z.string().optional(),
  PUBLIC_URL: url('PUBLIC_URL').optional(),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  /** Password of the dashboard (HTTP basic auth, user `admin`); unset = no dashboard outside `csm demo`. */
  CSM_ADMIN_TOKEN: z.string().min(16, 'CSM_ADMIN_TOKEN must be at least 16 characters').optional(),
  /** Minutes between the server's scheduled incremental syncs of every active tenant; 0 = none. */
  SYNC_INTERVAL_MINUTES: z.coerce.number().int().min(0).max(1440).default(15),
  /**
   * Seconds between two reads of HubSpot's webhooks journal (app installs and uninstalls), each
   * followed by the deletion of tenants whose grace period is over; 0 = neither.
   */
  HUBSPOT_JOURNAL_POLL_SECONDS: z.coerce
    .number()
    .int('HUBSPOT_JOURNAL_POLL_SECONDS must be whole seconds')
    .min(0)
    .max(86_400, 'HUBSPOT_JOURNAL_POLL_SECONDS must be at most 86400 (a day)')
    .default(300),
  /** Days an uninstalled tenant's data is kept (a reinstall within them resumes it), then deleted. */
  CSM_UNINSTALL_GRACE_DAYS: z.coerce
    .number()
    .int('CSM_UNINSTALL_GRACE_DAYS must be a whole number of days')
    .min(0, 'CSM_UNINSTALL_GRACE_DAYS must be 0 or more')
    .max(3650, 'CSM_UNINSTALL_GRACE_DAYS must be at most 3650')
    .default(30),
  /** PostgreSQL only: queue jobs a `csm serve` process also works (0: it only enqueues and answers). */
  CSM_SERVE_WORKERS: z.coerce.number().int().min(0).max(32).default(1),
  /** Jobs (tenants) a `csm worker` runs at once. */
  CSM_WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(32).default(2),
  /** Seconds before a job whose worker stopped answering goes to another worker. */
  CSM_JOB_EXPIRE_SECONDS: z.coerce.number().int().min(5).max(86_400).default(7200),
  /** The job queue's schema in the database. */
  CSM_QUEUE_SCHEMA: z
    .string()
    .regex(/^[a-z_][a-z0-9_]{0,62}$/, 'CSM_QUEUE_SCHEMA must be a lower-case SQL identifier')
    .default('pgboss'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('warn'),
});
export type Config = z.infer<typeof configSchema>;

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** Reads the configuration; empty strings count as unset. Throws one message naming every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = configSchema.safeParse(present);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
  throw new ConfigError(`invalid configuration: ${problems.join('; ')}`);
}
