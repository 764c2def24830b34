/**
 * A local check of a Zendesk app package (the folder that becomes the zip), for CI: `zcli
 * apps:validate` needs a Zendesk account. It applies the rules of Zendesk's own validator,
 * zendesk/zendesk_apps_support (lib/zendesk_apps_support/validations/{manifest,translations,
 * marketplace,secure_settings,mime}.rb, location.rb, product.rb, manifest/parameter.rb), the
 * documented package limits, and a few stricter rules of ours (marked "ours").
 *
 * Usage: `tsx scripts/validate-app.ts <dir>`; exit code 1 when there are errors.
 */
import { lstat, readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { z } from 'zod';

export interface ValidationResult {
  errors: string[];
  warnings: string[];
}

/** "The file size limit of the zip file for a private app is 2 MB" (developer.zendesk.com, uploading a private app). */
export const MAX_PACKAGE_BYTES = 2 * 1024 * 1024;
/** Marketplace logo sizes (developer.zendesk.com, app assets). */
export const LOGOS = { 'assets/logo.png': 320, 'assets/logo-small.png': 128 } as const;

/** location.rb: locations per product (legacy product names accepted as hosts). */
export const LOCATIONS: Record<string, readonly string[]> = {
  support: [
    'top_bar',
    'nav_bar',
    'ticket_sidebar',
    'new_ticket_sidebar',
    'user_sidebar',
    'organization_sidebar',
    'background',
    'modal',
    'ticket_editor',
    'system_top_bar',
  ],
  chat: ['chat_sidebar', 'background'],
  standalone_chat: ['nav_bar', 'system_top_bar'],
  sell: [
    'deal_card',
    'person_card',
    'company_card',
    'lead_card',
    'background',
    'modal',
    'dashboard',
    'note_editor',
    'call_log_editor',
    'email_editor',
    'top_bar',
    'visit_editor',
  ],
};
const LEGACY_HOSTS: Record<string, string> = {
  zendesk: 'support',
  zopim: 'chat',
  lotus_box: 'standalone_chat',
};
/** app_version.rb: the framework versions Zendesk serves. */
export const FRAMEWORK_VERSIONS = ['2.0'];
/** manifest/parameter.rb (mtls only behind a flag); `password` was removed in favour of secure settings. */
export const PARAMETER_TYPES = ['text', 'checkbox', 'url', 'number', 'multiline', 'hidden', 'oauth'];
export const SECURE_PARAM_SCOPES = [
  'header',
  'body',
  'url',
  'jwt_secret_key',
  'jwt_claim',
  'basic_auth_username',
  'basic_auth_password',
];
/** secure_settings.rb: a setting named like this holds a secret. */
const SECRET_NAME = /token|key|pwd|password|secret/i;
/** translations.rb */
const VALID_LOCALE = /^[a-z]{2,3}(-\w{2,3})?$/;
const MARKETPLACE_KEYS = ['name', 'short_description', 'long_description', 'installation_instructions'];
/** mime.rb: file kinds refused in a package. */
const BLOCKED_EXTENSIONS = new Set(
  'rar zip gz gzip pdf doc docx avi bin bz bz2 csh sh jar mp3 mpeg odt pptx ppt xls xlsx 7z'.split(' '),
);

const parameterSchema = z.looseObject({
  name: z
    .string({ error: 'parameters[].name: must be a string' })
    .min(1, 'parameters[].name: must not be empty'),
  type: z.string().optional(),
  required: z.unknown().optional(),
  secure: z.unknown().optional(),
  scopes: z.unknown().optional(),
  default: z.unknown().optional(),
});
type Parameter = z.infer<typeof parameterSchema>;

const isObject = (v: unknown): v is Record<string, unknown> =>
  !!v && typeof v === 'object' && !Array.isArray(v);

function isHttpUrl(value: string) {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
}

interface PackageFile {
  path: string;
  bytes: number;
  symlink: boolean;
}

async function listFiles(root: string, dir = root, out: PackageFile[] = []): Promise<PackageFile[]> {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    const path = relative(root, full).split('\\').join('/');
    const stat = await lstat(full);
    if (stat.isSymbolicLink()) out.push({ path, bytes: 0, symlink: true });
    else if (stat.isDirectory()) await listFiles(root, full, out);
    else out.push({ path, bytes: stat.size, symlink: false });
  }
  return out;
}

/** Width and height of a PNG (its IHDR chunk), or null for anything else. */
export function pngSize(bytes: Buffer): { width: number; height: number } | null {
  const signature = '89504e470d0a1a0a';
  if (bytes.length < 24 || bytes.subarray(0, 8).toString('hex') !== signature) return null;
  if (bytes.subarray(12, 16).toString('ascii') !== 'IHDR') return null;
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

function checkParameters(
  manifest: Record<string, unknown>,
  errors: string[],
  warnings: string[],
): Parameter[] {
  const raw = manifest.parameters;
  if (raw === undefined) return [];
  if (!Array.isArray(raw)) {
    errors.push('manifest.json: parameters must be an array');
    return [];
  }
  const parameters: Parameter[] = [];
  for (const [i, item] of raw.entries()) {
    const parsed = parameterSchema.safeParse(item);
    if (!parsed.success) errors.push(`manifest.json: parameters[${i}]: ${parsed.error.issues[0]?.message}`);
    else parameters.push(parsed.data);
  }
  const names = parameters.map((p) => p.name);
  const duplicates = [...new Set(names.filter((n, i) => names.indexOf(n) !== i))];
  if (duplicates.length) errors.push(`manifest.json: duplicate parameter names: ${duplicates.join(', ')}`);
  if (names.includes('name')) errors.push('manifest.json: a parameter may not be called "name"');
  let oauth = 0;
  for (const p of parameters) {
    const field = `parameters[name="${p.name}"]`;
    const type = p.type ?? 'text';
    for (const flag of ['required', 'secure'] as const)
      if (p[flag] !== undefined && typeof p[flag] !== 'boolean')
        errors.push(`manifest.json: ${field}.${flag} must be a boolean value, got "${String(p[flag])}"`);
    if (type === 'password')
      errors.push(
        `manifest.json: ${field}: the password type can no longer be used; use a secure text setting`,
      );
    else if (!PARAMETER_TYPES.includes(type))
      errors.push(`manifest.json: ${field}: ${type} is an invalid parameter type`);
    if (type === 'hidden' && p.required === true)
      errors.push(`manifest.json: ${field}: a hidden parameter cannot be required`);
    if (type === 'oauth') {
      oauth++;
      if (p.secure === true) errors.push(`manifest.json: ${field}: an oauth parameter cannot be secure`);
    }
    if (p.scopes !== undefined) {
      if (p.secure !== true)
        errors.push(`manifest.json: ${field}.scopes cannot be defined in a non-secure parameter`);
      if (!Array.isArray(p.scopes)) errors.push(`manifest.json: ${field}.scopes must be an array`);
      else if (p.scopes.length === 0) errors.push(`manifest.json: ${field}.scopes cannot be empty`);
      else {
        const invalid = p.scopes.filter((s) => !SECURE_PARAM_SCOPES.includes(String(s)));
        if (invalid.length)
          errors.push(`manifest.json: ${field}.scopes contains invalid values: ${invalid.join(', ')}`);
      }
    }
    // Zendesk warns here; a secret outside a secure setting reaches every agent's browser (ours: an error).
    if (SECRET_NAME.test(p.name) && p.secure !== true)
      errors.push(`manifest.json: ${field} holds a secret and must be secure ("secure": true)`);
    if (p.secure === true && !(Array.isArray(p.scopes) && p.scopes.length))
      warnings.push(`manifest.json: ${field} is secure without scopes (token exposure risk)`);
    if ((p.secure === true || type === 'hidden') && p.default !== undefined)
      warnings.push(
        `manifest.json: ${field}: defaults of secure or hidden parameters are not stored securely`,
      );
  }
  if (oauth > 1) errors.push('manifest.json: at most one oauth parameter');
  return parameters;
}

function checkLocations(manifest: Record<string, unknown>, files: Set<string>, errors: string[]) {
  const location = manifest.location;
  if (!isObject(location) || Object.keys(location).length === 0) {
    errors.push('manifest.json: missing required key: location');
    return;
  }
  for (const [host, locations] of Object.entries(location)) {
    const product = LEGACY_HOSTS[host] ?? host;
    const known = LOCATIONS[product];
    if (!known) {
      errors.push(`manifest.json: unknown host "${host}"`);
      continue;
    }
    if (!isObject(locations)) {
      errors.push(`manifest.json: location.${host} must be an object of locations`);
      continue;
    }
    const unknown = Object.keys(locations).filter((name) => !known.includes(name));
    if (unknown.length)
      errors.push(`manifest.json: ${unknown.join(', ')}: invalid location(s) for ${product}`);
    for (const [name, options] of Object.entries(locations)) {
      const url = typeof options === 'string' ? options : isObject(options) ? options.url : undefined;
      if (isObject(options) && options.flexible !== undefined && typeof options.flexible !== 'boolean')
        errors.push(`manifest.json: location.${host}.${name}.flexible must be a boolean`);
      if (typeof url !== 'string' || url === '') {
        errors.push(`manifest.json: location.${host}.${name} needs a url (framework 2.0 apps are iframes)`);
        continue;
      }
      if (url.includes('{{setting.')) continue;
      if (/^[a-z][a-z0-9+.-]*:/i.test(url)) {
        const parsed = URL.canParse(url) ? new URL(url) : null;
        if (!parsed || !(parsed.protocol === 'https:' || parsed.hostname === 'localhost'))
          errors.push(`manifest.json: location.${host}.${name}: ${url} must be https (or localhost)`);
      } else if (!url.startsWith('assets/') || !files.has(url.split(/[?#]/)[0]!))
        errors.push(
          `manifest.json: location.${host}.${name}: ${url} is not a file under assets/ of the package`,
        );
    }
  }
}

function checkManifest(
  manifest: Record<string, unknown>,
  files: Set<string>,
  errors: string[],
  warnings: string[],
) {
  const missing = ['author', 'defaultLocale', 'frameworkVersion'].filter((k) => manifest[k] === undefined);
  if (missing.length) errors.push(`manifest.json: missing required keys: ${missing.join(', ')}`);
  for (const key of [
    'defaultLocale',
    'version',
    'frameworkVersion',
    'remoteInstallationURL',
    'termsConditionsURL',
    'gaID',
  ])
    if (manifest[key] !== undefined && typeof manifest[key] !== 'string')
      errors.push(`manifest.json: ${key} must be a string, got "${JSON.stringify(manifest[key])}"`);
  for (const key of ['requirementsOnly', 'marketingOnly', 'singleInstall', 'signedUrls', 'private'])
    if (manifest[key] !== undefined && typeof manifest[key] !== 'boolean')
      errors.push(`manifest.json: ${key} must be a boolean value, got "${JSON.stringify(manifest[key])}"`);
  if (manifest.author !== undefined) {
    if (!isObject(manifest.author))
      errors.push('manifest.json: author must be an object { name, email, url }');
    else {
      for (const key of ['name', 'email', 'url'])
        if (manifest.author[key] !== undefined && typeof manifest.author[key] !== 'string')
          errors.push(`manifest.json: author ${key} must be a string`);
      if (typeof manifest.author.name !== 'string' || typeof manifest.author.email !== 'string')
        errors.push('manifest.json: author needs a name and an email'); // ours: the marketplace shows both
      if (typeof manifest.author.url === 'string' && !isHttpUrl(manifest.author.url))
        errors.push(`manifest.json: author url must be a valid URL, got "${manifest.author.url}"`);
    }
  }
  if (
    typeof manifest.frameworkVersion === 'string' &&
    !FRAMEWORK_VERSIONS.includes(manifest.frameworkVersion)
  )
    errors.push(
      `manifest.json: frameworkVersion ${manifest.frameworkVersion} is not served (available: ${FRAMEWORK_VERSIONS.join(', ')})`,
    );
  if (manifest.experiments !== undefined && !isObject(manifest.experiments))
    errors.push('manifest.json: experiments must be an object');
  const whitelist = manifest.domainWhitelist;
  if (whitelist !== undefined && !(Array.isArray(whitelist) && whitelist.every((d) => typeof d === 'string')))
    errors.push('manifest.json: domainWhitelist must be an array of strings');
  if (typeof manifest.defaultLocale === 'string') {
    if (!VALID_LOCALE.test(manifest.defaultLocale))
      errors.push(`manifest.json: defaultLocale "${manifest.defaultLocale}" is not a valid locale`);
    else if (!files.has(`translations/${manifest.defaultLocale}.json`))
      errors.push(`translations/${manifest.defaultLocale}.json is missing (the defaultLocale)`);
  }
  checkLocations(manifest, files, errors);
  const parameters = checkParameters(manifest, errors, warnings);
  // Ours: Zendesk's proxy only sends secure settings to whitelisted domains.
  if (parameters.some((p) => p.secure === true) && !(Array.isArray(whitelist) && whitelist.length))
    errors.push('manifest.json: secure parameters need the backend domain in domainWhitelist');
  for (const p of parameters)
    if (
      p.type === 'url' &&
      typeof p.default === 'string' &&
      Array.isArray(whitelist) &&
      URL.canParse(p.default)
    ) {
      const host = new URL(p.default).hostname;
      if (!whitelist.includes(host))
        errors.push(
          `manifest.json: parameters[name="${p.name}"] default host ${host} is not in domainWhitelist`,
        );
    }
  return parameters;
}

async function checkTranslations(
  root: string,
  files: PackageFile[],
  manifest: Record<string, unknown>,
  parameters: Parameter[],
  errors: string[],
) {
  const translationFiles = files.filter((f) => f.path.startsWith('translations/'));
  for (const file of translationFiles) {
    const locale = /^translations\/(.*)\.json$/.exec(file.path)?.[1];
    if (!locale || !VALID_LOCALE.test(locale)) {
      errors.push(`${file.path}: not a translations/<locale>.json file with a valid locale`);
      continue;
    }
    let json: unknown;
    try {
      json = JSON.parse(await readFile(join(root, file.path), 'utf8'));
    } catch (error) {
      errors.push(`${file.path} is not valid JSON: ${(error as Error).message}`);
      continue;
    }
    if (!isObject(json)) {
      errors.push(`${file.path} is not a JSON object`);
      continue;
    }
    const app = isObject(json.app) ? json.app : {};
    const parametersNode = isObject(app.parameters) ? app.parameters : {};
    for (const [name, leaf] of Object.entries(parametersNode))
      if (!isObject(leaf) || typeof leaf.label !== 'string')
        errors.push(`${file.path}: missing required key label on leaf ${name}`);
    // Ours: every language labels every setting (Zendesk falls back to the raw name).
    for (const p of parameters)
      if (!isObject(parametersNode[p.name]))
        errors.push(`${file.path}: missing app.parameters.${p.name}.label`);
    const required =
      file.path === 'translations/en.json' && manifest.private !== true ? MARKETPLACE_KEYS : ['name'];
    const missing = required.filter((k) => typeof app[k] !== 'string' || app[k] === '');
    if (missing.length)
      errors.push(`${file.path}: missing required keys: ${missing.map((k) => `app.${k}`).join(', ')}`);
  }
}

/**
 * Checks an unpacked app (a folder with manifest.json at its root).
 *
 * @example
 * const { errors } = await validateApp('apps/zendesk-app/dist');
 */
export async function validateApp(root: string): Promise<ValidationResult> {
  const errors: string[] = [];
  const warnings: string[] = [];
  const files = await listFiles(root);
  const paths = new Set(files.filter((f) => !f.symlink).map((f) => f.path));

  for (const f of files) if (f.symlink) errors.push(`${f.path}: symlinks are not allowed in the package`);
  for (const f of files) {
    const ext = f.path.split('.').pop()?.toLowerCase() ?? '';
    if (BLOCKED_EXTENSIONS.has(ext)) errors.push(`${f.path}: unsupported file type .${ext}`);
  }
  const total = files.reduce((sum, f) => sum + f.bytes, 0);
  if (total > MAX_PACKAGE_BYTES)
    errors.push(`the package holds ${total} bytes, more than the ${MAX_PACKAGE_BYTES} bytes Zendesk accepts`);
  for (const [logo, size] of Object.entries(LOGOS)) {
    if (!paths.has(logo)) {
      errors.push(`${logo} is missing`);
      continue;
    }
    const dims = pngSize(await readFile(join(root, logo)));
    if (!dims) errors.push(`${logo} is not a PNG`);
    else if (dims.width !== size || dims.height !== size)
      errors.push(`${logo} is ${dims.width}x${dims.height}, must be ${size}x${size}`);
  }

  if (!paths.has('manifest.json')) {
    const nested = [...paths].find((p) => /^[^/]+\/manifest\.json$/.test(p));
    errors.push(
      nested
        ? `manifest.json must be at the root of the package, found ${nested}`
        : 'manifest.json is missing',
    );
    return { errors, warnings };
  }
  let manifest: unknown;
  try {
    manifest = JSON.parse(await readFile(join(root, 'manifest.json'), 'utf8'));
  } catch (error) {
    errors.push(`manifest.json is not valid JSON: ${(error as Error).message}`);
    return { errors, warnings };
  }
  if (!isObject(manifest)) {
    errors.push('manifest.json is not a JSON object');
    return { errors, warnings };
  }
  const parameters = checkManifest(manifest, paths, errors, warnings);
  await checkTranslations(root, files, manifest, parameters, errors);
  return { errors, warnings };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const dir = process.argv[2] ?? 'dist';
  const { errors, warnings } = await validateApp(dir);
  for (const w of warnings) console.warn(`warning: ${w}`);
  for (const e of errors) console.error(`error: ${e}`);
  if (errors.length) {
    console.error(`${dir}: ${errors.length} error(s)`);
    process.exit(1);
  }
  console.log(`${dir}: a valid Zendesk app package`);
}
