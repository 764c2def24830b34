/**
 * `csm sandbox serve`: a seeded sandbox on loopback that prints where it is and what it accepts.
 * The CLI wires the command; this module does the work.
 */
import type { ListeningSandbox } from './listen.ts';
import { createSandbox, type Sandbox } from './sandbox.ts';
import { formatSummary, seedSummary } from './seed/summary.ts';

export interface ServeOptions {
  port?: number;
  host?: string;
  companies?: number;
  seed?: number;
  /** Default true. */
  rateLimits?: boolean;
  /** Where the banner goes; default stdout. */
  print?: (text: string) => void;
}

export async function serveSandbox(
  options: ServeOptions = {},
): Promise<{ sandbox: Sandbox; server: ListeningSandbox }> {
  const print = options.print ?? ((text: string) => process.stdout.write(`${text}\n`));
  const started = performance.now();
  const sandbox = createSandbox({
    seed: options.seed ?? 1,
    companies: options.companies ?? 200,
    rateLimits: options.rateLimits ?? true,
  });
  const server = await sandbox.listen({ port: options.port ?? 4010, host: options.host ?? '127.0.0.1' });
  const c = sandbox.credentials;
  print(
    [
      `Sandbox APIs on ${server.url} (seeded in ${Math.round(performance.now() - started)} ms, seed ${options.seed ?? 1})`,
      formatSummary(seedSummary(sandbox.data)),
      '',
      `export HUBSPOT_API_BASE_URL=${server.hubspotBaseUrl}`,
      `export ZENDESK_API_BASE_URL=${server.zendeskBaseUrl}`,
      '',
      `HubSpot portal ${c.hubspotPortalId}`,
      `  private-app token  ${c.hubspotPrivateAppToken}`,
      `  OAuth client       ${c.hubspotClientId} / ${c.hubspotClientSecret}`,
      `Zendesk subdomain ${c.zendeskSubdomain}`,
      `  email / API token  ${c.zendeskEmail} / ${c.zendeskApiToken}`,
      `  OAuth client       ${c.zendeskClientId} / ${c.zendeskClientSecret}`,
      '',
      `Rate limits ${options.rateLimits === false ? 'off' : 'on'}. Press Ctrl+C to stop.`,
    ].join('\n'),
  );
  return { sandbox, server };
}
