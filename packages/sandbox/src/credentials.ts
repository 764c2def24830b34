import { mixSeed, randomAlnum, randomHex, randomUuid, streamRng } from './random.ts';

/** What the sandbox accepts, derived from the seed so that printed credentials are reproducible. */
export interface SandboxCredentials {
  hubspotPortalId: number;
  /** Private-app token (`pat-na1-...`): every scope, 190 requests / 10 s. */
  hubspotPrivateAppToken: string;
  hubspotClientId: string;
  hubspotClientSecret: string;
  zendeskSubdomain: string;
  zendeskEmail: string;
  /** API token for basic auth `{email}/token:{api_token}`. */
  zendeskApiToken: string;
  /** Global OAuth client ids start with `zdg-`. */
  zendeskClientId: string;
  zendeskClientSecret: string;
  /** The public app's id (webhook deliveries and journal events name it). */
  hubspotAppId: number;
}

export function credentialsFor(seed: number): SandboxCredentials {
  const rng = streamRng(seed, 'credentials');
  return {
    hubspotPortalId: 40_000_000 + (mixSeed(seed, 'portal') % 9_000_000),
    hubspotPrivateAppToken: `pat-na1-${randomUuid(rng)}`,
    hubspotClientId: randomUuid(rng),
    hubspotClientSecret: randomUuid(rng),
    zendeskSubdomain: 'csm-sandbox',
    zendeskEmail: 'admin@sandbox-csm.example',
    zendeskApiToken: randomAlnum(rng, 40),
    zendeskClientId: `zdg-csm-sandbox-${randomHex(rng, 6)}`,
    zendeskClientSecret: randomHex(rng, 64),
    hubspotAppId: 1_000_001,
  };
}
