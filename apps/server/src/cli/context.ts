import type { Store, Tenant } from '@csm/store';
import { type ApiEndpoints, createLogger, type Logger } from '@csm/sync';
import { type Config, loadConfig } from '../config.ts';
import { openConfiguredStore } from '../open-store.ts';
import { CliError } from './fail.ts';

export interface CliContext {
  config: Config;
  store: Store;
  logger: Logger;
  endpoints: ApiEndpoints;
}

/** Opens what every command needs; the caller closes the store. `owner` names the command in the embedded store's lock. */
export async function openContext(env: NodeJS.ProcessEnv = process.env, owner?: string): Promise<CliContext> {
  const config = loadConfig(env);
  const store = await openConfiguredStore(config, owner);
  // Logs go to stderr so that stdout carries only the command's answer (e.g. JSON).
  const logger = createLogger({ level: config.LOG_LEVEL, destination: process.stderr });
  return {
    config,
    store,
    logger,
    endpoints: {
      hubspotBaseUrl: config.HUBSPOT_API_BASE_URL,
      zendeskBaseUrlTemplate: config.ZENDESK_API_BASE_URL,
    },
  };
}

export async function withContext<T>(fn: (ctx: CliContext) => Promise<T>): Promise<T> {
  const ctx = await openContext();
  try {
    return await fn(ctx);
  } finally {
    await ctx.store.close();
  }
}

export async function requireTenant(store: Store, name: string): Promise<Tenant> {
  const tenant = await store.tenants.get(name);
  if (!tenant)
    throw new CliError(
      `no tenant named "${name}"; add it with: csm tenants add ${name} --hubspot-token <token>`,
    );
  return tenant;
}
