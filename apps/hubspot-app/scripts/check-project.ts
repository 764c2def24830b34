/**
 * @module
 * The offline check of the HubSpot project (what CI can verify without a HubSpot account):
 * HubSpot's own project parser (`@hubspot/project-parsing-lib`, `translate` with schema
 * validation skipped, since the schemas are downloaded from an account) plus the platform's
 * documented rules for the app, its cards and its webhooks component (check-webhooks.ts). Run: `pnpm --filter hubspot-app check-project [projectDir]`.
 */

import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  isKnownPlatformVersion,
  type ProjectConfig,
  parseProjectConfig,
} from '@hubspot/project-parsing-lib/projects';
import { type IntermediateRepresentation, translate } from '@hubspot/project-parsing-lib/translate';
import { validateUid } from '@hubspot/project-parsing-lib/uid';
import { checkWebhooks, type WebhooksConfig } from './check-webhooks.ts';

/** React as the UI-extensions runtime requires it (its peer dependency, exactly). */
export const REQUIRED_REACT = '18.3.1';
const CARD_LOCATIONS = new Set(['crm.record.tab', 'crm.record.sidebar', 'crm.preview', 'helpdesk.sidebar']);
const CARD_OBJECT_TYPES = new Set([
  'contacts',
  'companies',
  'deals',
  'tickets',
  'leads',
  'products',
  'quotes',
]);

export interface ProjectCheck {
  errors: string[];
  /** What HubSpot's parser made of the project: one node per component, by uid. */
  components: { uid: string; type: string; file: string }[];
}

/**
 * Checks a HubSpot developer-platform project folder (the one holding `hsproject.json`).
 *
 * @example
 * const { errors } = await checkProject('apps/hubspot-app');
 * if (errors.length) throw new Error(errors.join('\n'));
 */
export async function checkProject(projectDir: string): Promise<ProjectCheck> {
  const errors: string[] = [];
  let config: ProjectConfig;
  try {
    config = parseProjectConfig(projectDir);
  } catch (error) {
    return { errors: [`hsproject.json: ${(error as Error).message}`], components: [] };
  }
  if (!isKnownPlatformVersion(config.platformVersion))
    errors.push(`hsproject.json: platformVersion ${config.platformVersion} is not one HubSpot knows`);
  const srcDir = path.resolve(projectDir, config.srcDir);

  // Each *-hsmeta.json must be JSON with uid, type and config (the parser skips broken ones silently).
  for (const file of walk(srcDir).filter((f) => f.endsWith('-hsmeta.json'))) {
    const rel = path.relative(srcDir, file);
    try {
      const meta = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
      const uidProblem = validateUid(meta.uid as string);
      if (uidProblem) errors.push(`${rel}: uid ${JSON.stringify(meta.uid)}: ${uidProblem}`);
      if (typeof meta.type !== 'string') errors.push(`${rel}: type is missing`);
      if (!meta.config || typeof meta.config !== 'object') errors.push(`${rel}: config is missing`);
    } catch (error) {
      errors.push(`${rel}: not valid JSON (${(error as Error).message})`);
    }
  }

  let ir: IntermediateRepresentation;
  try {
    const result = await translate(
      { projectSourceDir: srcDir, platformVersion: config.platformVersion },
      { skipValidation: true },
    );
    ir = result.intermediateRepresentation;
    for (const skipped of result.skippedHsMetaFiles)
      errors.push(`${skipped}: not in a folder HubSpot reads components from (src/app, src/app/cards, ...)`);
  } catch (error) {
    // Duplicate uids end up here: the parser refuses to index two components under one uid.
    errors.push(`HubSpot's project parser: ${(error as Error).message}`);
    return { errors, components: [] };
  }
  const nodes = Object.values(ir.intermediateNodesIndexedByUid);
  const components = nodes.map((n) => ({ uid: n.uid, type: n.componentType, file: n.metaFilePath }));

  const apps = nodes.filter((n) => n.componentType === 'APPLICATION');
  if (apps.length !== 1)
    errors.push(`exactly one app component is required, found ${apps.length}${describe(apps)}`);
  const uids = new Set<string>();
  for (const n of nodes) {
    if (uids.has(n.uid)) errors.push(`uid ${n.uid} is used twice`);
    uids.add(n.uid);
  }

  const app = apps[0];
  const appConfig = (app?.config ?? {}) as AppConfig;
  if (app) errors.push(...checkApp(appConfig, app.metaFilePath));
  const permitted = new Set((appConfig.permittedUrls?.fetch ?? []).map(originOf));

  const cards = nodes.filter((n) => n.componentType === 'CARD');
  if (cards.length === 0) errors.push('no card component found under src/app/cards');
  for (const card of cards) errors.push(...checkCard(card.config as CardConfig, card.metaFilePath, srcDir));

  const fetched = fetchedUrls(path.join(srcDir, 'app', 'cards'));
  for (const url of fetched) {
    const origin = originOf(url.url);
    if (!origin.startsWith('https://')) errors.push(`${url.file}: fetches ${url.url}, which is not https`);
    if (!permitted.has(origin))
      errors.push(`${url.file}: fetches ${origin}, which is not in permittedUrls.fetch of the app`);
  }

  // Change notifications come from the webhooks component, delivered to the backend the cards fetch.
  const webhooks = nodes.filter((n) => n.componentType === 'WEBHOOKS');
  if (webhooks.length !== 1)
    errors.push(`exactly one webhooks component (src/app/webhooks) is required, found ${webhooks.length}`);
  const backend = fetched.find((u) => u.url)?.url;
  for (const hooks of webhooks)
    errors.push(
      ...checkWebhooks(
        hooks.config as WebhooksConfig,
        hooks.metaFilePath,
        backend ? `${originOf(backend)}/webhooks/hubspot` : null,
      ),
    );

  errors.push(...checkPackages(projectDir));
  return { errors, components };
}

interface AppConfig {
  name?: string;
  description?: string;
  distribution?: string;
  auth?: {
    type?: string;
    redirectUrls?: string[];
    requiredScopes?: string[];
    optionalScopes?: string[];
    conditionallyRequiredScopes?: string[];
  };
  permittedUrls?: { fetch?: string[]; iframe?: string[]; img?: string[] };
}

interface CardConfig {
  name?: string;
  location?: string;
  objectTypes?: string[];
  entrypoint?: string;
}

function checkApp(config: AppConfig, file: string): string[] {
  const errors: string[] = [];
  const at = (msg: string) => errors.push(`${file}: ${msg}`);
  if (!config.name?.trim()) at('config.name is required');
  if (!config.description?.trim()) at('config.description is required');
  if (config.distribution !== 'marketplace' && config.distribution !== 'private')
    at(`config.distribution must be "marketplace" or "private", not ${JSON.stringify(config.distribution)}`);
  const auth = config.auth;
  if (config.distribution === 'marketplace' && auth?.type !== 'oauth')
    at(`a marketplace app must use auth.type "oauth", not ${JSON.stringify(auth?.type)}`);
  if (auth?.type === 'oauth') {
    if (!auth.redirectUrls?.length) at('auth.redirectUrls: an OAuth app needs at least one redirect URL');
    for (const url of auth.redirectUrls ?? [])
      if (!/^https:\/\//.test(url) && !/^http:\/\/localhost[:/]/.test(url))
        at(`auth.redirectUrls: ${url} must be https (http only for localhost)`);
  }
  const required = auth?.requiredScopes ?? [];
  if (required.length === 0) at('auth.requiredScopes is empty');
  const all = [...required, ...(auth?.optionalScopes ?? []), ...(auth?.conditionallyRequiredScopes ?? [])];
  const seen = new Set<string>();
  for (const scope of all) {
    if (seen.has(scope)) at(`auth: scope ${scope} is listed twice`);
    seen.add(scope);
  }
  for (const url of config.permittedUrls?.fetch ?? [])
    if (!/^https:\/\/[^/]+$/.test(url.replace(/\/$/, '')))
      at(`permittedUrls.fetch: ${url} must be an https origin (scheme and host only)`);
  return errors;
}

function checkCard(config: CardConfig, file: string, srcDir: string): string[] {
  const errors: string[] = [];
  const at = (msg: string) => errors.push(`${file}: ${msg}`);
  if (!config.name?.trim()) at('config.name is required');
  if (!config.location || !CARD_LOCATIONS.has(config.location))
    at(`config.location ${JSON.stringify(config.location)} is not one of ${[...CARD_LOCATIONS].join(', ')}`);
  if (!config.objectTypes?.length) at('config.objectTypes is empty');
  for (const type of config.objectTypes ?? [])
    if (!CARD_OBJECT_TYPES.has(type))
      at(`config.objectTypes: ${type} is not a CRM object type cards support`);
  if (!config.entrypoint?.startsWith('/app/cards/'))
    at(`config.entrypoint ${JSON.stringify(config.entrypoint)} must start with /app/cards/`);
  else if (!existsSync(path.join(srcDir, config.entrypoint)))
    at(`config.entrypoint ${config.entrypoint} does not exist`);
  return errors;
}

/**
 * Every URL the cards fetch: the `BACKEND_URL` constant and any literal URL handed to
 * `hubspot.fetch(...)` directly.
 */
function fetchedUrls(cardsDir: string): { file: string; url: string }[] {
  const found: { file: string; url: string }[] = [];
  for (const file of walk(cardsDir).filter((f) => /\.(t|j)sx?$/.test(f))) {
    const text = readFileSync(file, 'utf8');
    const rel = path.relative(cardsDir, file);
    for (const m of text.matchAll(/BACKEND_URL\s*=\s*['"`]([^'"`]+)['"`]/g))
      found.push({ file: rel, url: m[1]! });
    for (const m of text.matchAll(/hubspot\.fetch\(\s*['"`](https?:\/\/[^'"`$]+)/g))
      found.push({ file: rel, url: m[1]! });
  }
  return found;
}

/** React exactly 18.3.1 wherever a package.json of the project names it; the cards' one must. */
function checkPackages(projectDir: string): string[] {
  const errors: string[] = [];
  const files = walk(projectDir).filter((f) => path.basename(f) === 'package.json');
  for (const file of files) {
    const rel = path.relative(projectDir, file) || 'package.json';
    let pkg: { dependencies?: Record<string, string>; devDependencies?: Record<string, string> };
    try {
      pkg = JSON.parse(readFileSync(file, 'utf8'));
    } catch (error) {
      errors.push(`${rel}: not valid JSON (${(error as Error).message})`);
      continue;
    }
    const react = pkg.dependencies?.react ?? pkg.devDependencies?.react;
    if (react !== undefined && react !== REQUIRED_REACT)
      errors.push(`${rel}: react must be exactly ${REQUIRED_REACT} (UI extensions require it), not ${react}`);
    const inCards = path.dirname(file).split(path.sep).includes('cards');
    if (inCards && react === undefined) errors.push(`${rel}: the cards need react ${REQUIRED_REACT}`);
    if (inCards && !pkg.dependencies?.['@hubspot/ui-extensions'])
      errors.push(`${rel}: the cards need @hubspot/ui-extensions`);
  }
  return errors;
}

function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return url;
  }
}

function describe(nodes: { uid: string; metaFilePath: string }[]): string {
  return nodes.length ? ` (${nodes.map((n) => `${n.uid} in ${n.metaFilePath}`).join(', ')})` : '';
}

function walk(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) out.push(...walk(full));
    else out.push(full);
  }
  return out;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const dir = process.argv[2] ?? path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const { errors, components } = await checkProject(dir);
  for (const c of components)
    console.log(`  ${c.type.toLowerCase().padEnd(12)} ${c.uid.padEnd(28)} ${c.file}`);
  if (errors.length) {
    for (const e of errors) console.error(`✗ ${e}`);
    process.exit(1);
  }
  console.log(
    `✓ ${path.relative(process.cwd(), dir) || '.'}: ${components.length} components, offline checks passed`,
  );
}
