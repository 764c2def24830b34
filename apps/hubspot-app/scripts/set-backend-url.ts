/**
 * @module
 * Points the HubSpot project at your Success Metrics backend (your `PUBLIC_URL`): the cards'
 * `BACKEND_URL`, the app's `permittedUrls.fetch`, its OAuth redirect URL and the webhooks
 * component's `targetUrl` (`PUBLIC_URL/webhooks/hubspot`) all change together, so the offline
 * check keeps passing. HubSpot reads them when the project is uploaded (`hs project upload`). Run: `pnpm --filter hubspot-app set-backend-url https://csm.example.org`.
 */

import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

const backendUrl = z
  .string()
  .url('backend URL: must be a URL such as https://csm.example.org')
  .transform((u) => new URL(u))
  .refine((u) => u.protocol === 'https:', 'backend URL: HubSpot only fetches https origins')
  .refine((u) => u.pathname === '/' && !u.search && !u.hash, 'backend URL: the origin only, without a path')
  .transform((u) => u.origin);

/**
 * Rewrites the backend origin in a project folder.
 *
 * @example
 * setBackendUrl('apps/hubspot-app', 'https://csm.acme.io');
 */
export function setBackendUrl(projectDir: string, url: string): string {
  const origin = backendUrl.parse(url);
  const constantFile = path.join(projectDir, 'src/app/cards/lib/backend.ts');
  const source = readFileSync(constantFile, 'utf8');
  const updated = source.replace(/(BACKEND_URL\s*=\s*')[^']*(')/, `$1${origin}$2`);
  if (updated === source && !source.includes(`'${origin}'`))
    throw new Error(`${constantFile}: no BACKEND_URL constant to rewrite`);
  writeFileSync(constantFile, updated);

  const appFile = path.join(projectDir, 'src/app/app-hsmeta.json');
  const app = JSON.parse(readFileSync(appFile, 'utf8'));
  app.config.permittedUrls.fetch = [origin];
  app.config.auth.redirectUrls = [`${origin}/oauth/hubspot/callback`];
  writeFileSync(appFile, `${JSON.stringify(app, null, 2)}\n`);

  const webhooksFile = path.join(projectDir, 'src/app/webhooks/webhooks-hsmeta.json');
  const webhooks = JSON.parse(readFileSync(webhooksFile, 'utf8'));
  webhooks.config.settings.targetUrl = `${origin}/webhooks/hubspot`;
  writeFileSync(webhooksFile, `${JSON.stringify(webhooks, null, 2)}\n`);
  return origin;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const url = process.argv[2];
  if (!url) {
    console.error('usage: set-backend-url <https://your-backend-origin>');
    process.exit(1);
  }
  try {
    const origin = setBackendUrl(path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..'), url);
    console.log(
      `cards fetch ${origin}; permittedUrls.fetch, the OAuth redirect URL and the webhooks targetUrl (${origin}/webhooks/hubspot) updated`,
    );
  } catch (error) {
    const message =
      error instanceof z.ZodError ? error.issues.map((i) => i.message).join('; ') : String(error);
    console.error(message);
    process.exit(1);
  }
}
