import { copyFile, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

/** apps/zendesk-app */
export const APP_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const SRC = join(APP_ROOT, 'src');
export const DIST = join(APP_ROOT, 'dist');

/** `CSM_BACKEND_URL`: the https origin the built app calls (its default setting and `domainWhitelist`). */
export const backendOriginSchema = z
  .url({ protocol: /^https$/, error: 'CSM_BACKEND_URL: must be an https URL, e.g. https://csm.example.com' })
  .transform((value) => new URL(value).origin);

/**
 * The manifest as shipped: with `backendUrl`, the `backend_url` setting's default and the only
 * whitelisted domain become that origin (Zendesk's proxy sends secure settings only to those).
 */
export function shippedManifest(manifest: Record<string, unknown>, backendUrl?: string) {
  if (!backendUrl) return manifest;
  const origin = backendOriginSchema.parse(backendUrl);
  const parameters = (manifest.parameters as Record<string, unknown>[] | undefined) ?? [];
  return {
    ...manifest,
    parameters: parameters.map((p) => (p.name === 'backend_url' ? { ...p, default: origin } : p)),
    domainWhitelist: [new URL(origin).hostname],
  };
}

/**
 * Writes what Zendesk reads beside the built `assets/`: `manifest.json`, the `app` section of each
 * `translations/*.json` (listing texts and setting labels; the sidebar's own texts are bundled in
 * the JavaScript), and the logos.
 */
export async function writeAppFiles(dist = DIST, backendUrl = process.env.CSM_BACKEND_URL || undefined) {
  const manifest = JSON.parse(await readFile(join(SRC, 'manifest.json'), 'utf8'));
  await writeFile(
    join(dist, 'manifest.json'),
    `${JSON.stringify(shippedManifest(manifest, backendUrl), null, 2)}\n`,
  );
  await mkdir(join(dist, 'translations'), { recursive: true });
  for (const file of await readdir(join(SRC, 'translations'))) {
    if (!file.endsWith('.json')) continue;
    const { app } = JSON.parse(await readFile(join(SRC, 'translations', file), 'utf8'));
    await writeFile(join(dist, 'translations', file), `${JSON.stringify({ app }, null, 2)}\n`);
  }
  await mkdir(join(dist, 'assets'), { recursive: true });
  for (const logo of ['logo.png', 'logo-small.png'])
    await copyFile(join(SRC, 'assets', logo), join(dist, 'assets', logo));
}
