// @vitest-environment node
import { cp, mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import yauzl from 'yauzl';
import { APP_ROOT, shippedManifest } from './app-files.ts';
import { packageApp } from './package-app.ts';
import { validateApp } from './validate-app.ts';

let work: string;
let built: string;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'zendesk-app-'));
  built = join(work, 'dist');
  await build({
    configFile: join(APP_ROOT, 'vite.config.ts'),
    logLevel: 'silent',
    build: { outDir: join(built, 'assets') },
  });
}, 120_000);
afterAll(() => rm(work, { recursive: true, force: true }));

type Json = Record<string, unknown>;
async function brokenCopy(
  name: string,
  change: (dir: string, manifest: Json) => Promise<Json | undefined> | Json | undefined,
) {
  const dir = join(work, name);
  await cp(built, dir, { recursive: true });
  const manifest = JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8'));
  const next = await change(dir, manifest);
  if (next) await writeFile(join(dir, 'manifest.json'), JSON.stringify(next));
  return (await validateApp(dir)).errors;
}
const editJson = async (file: string, edit: (json: Json) => void) => {
  const json = JSON.parse(await readFile(file, 'utf8'));
  edit(json);
  await writeFile(file, JSON.stringify(json));
};
const params = (m: Json) => m.parameters as Json[];

describe('the built app', () => {
  it('passes the local check with neither errors nor warnings', async () => {
    expect(await validateApp(built)).toEqual({ errors: [], warnings: [] });
  });

  it('has Zendesk’s layout: manifest, translations with every setting label, assets with iframe and logos', async () => {
    const manifest = JSON.parse(await readFile(join(built, 'manifest.json'), 'utf8'));
    expect(manifest).toMatchObject({
      frameworkVersion: '2.0',
      defaultLocale: 'en',
      location: {
        support: {
          ticket_sidebar: { url: 'assets/iframe.html' },
          organization_sidebar: { url: 'assets/iframe.html' },
        },
      },
      domainWhitelist: ['success-metrics.example.com'],
    });
    expect(params(manifest).find((p) => p.name === 'app_token')).toMatchObject({
      secure: true,
      scopes: ['header'],
    });
    for (const locale of ['en', 'ja', 'ro']) {
      const { app } = JSON.parse(await readFile(join(built, 'translations', `${locale}.json`), 'utf8'));
      expect(Object.keys(app)).toEqual(
        expect.arrayContaining([
          'name',
          'short_description',
          'long_description',
          'installation_instructions',
        ]),
      );
      expect(app.parameters.backend_url.label).toBeTruthy();
      expect(app.parameters.app_token.label).toBeTruthy();
    }
    const html = await readFile(join(built, 'assets', 'iframe.html'), 'utf8');
    expect(html).toContain('zendesk_app_framework_sdk/2.0/zaf_sdk.min.js');
    expect(html).toMatch(/src="\.\/iframe\.js"/);
  });

  it('moves the backend origin into the default setting and domainWhitelist when packaged for one', () => {
    const manifest = JSON.parse(
      JSON.stringify({ parameters: [{ name: 'backend_url', type: 'url' }], domainWhitelist: ['a.b'] }),
    );
    expect(shippedManifest(manifest, 'https://csm.acme.com/')).toEqual({
      parameters: [{ name: 'backend_url', type: 'url', default: 'https://csm.acme.com' }],
      domainWhitelist: ['csm.acme.com'],
    });
    expect(() => shippedManifest(manifest, 'http://csm.acme.com')).toThrow(/https/);
  });

  it('packages into a zip with manifest.json at its root', async () => {
    const { zipPath, bytes } = await packageApp(built, join(work, 'release'));
    expect(bytes).toBeLessThan(2 * 1024 * 1024);
    const names = await new Promise<string[]>((resolve, reject) =>
      yauzl.open(zipPath, { lazyEntries: false }, (error, zip) => {
        if (error) return reject(error);
        const out: string[] = [];
        zip.on('entry', (entry: yauzl.Entry) => out.push(entry.fileName));
        zip.on('end', () => resolve(out));
        zip.on('error', reject);
      }),
    );
    expect(names).toEqual(
      expect.arrayContaining([
        'manifest.json',
        'translations/en.json',
        'translations/ja.json',
        'translations/ro.json',
        'assets/iframe.html',
        'assets/iframe.js',
        'assets/logo.png',
        'assets/logo-small.png',
      ]),
    );
    expect(names.every((n) => !n.startsWith('/') && !n.includes('..'))).toBe(true);
  });
});

describe('a broken app fails the check', () => {
  it.each<[string, (dir: string, m: Json) => Promise<Json | undefined> | Json | undefined, RegExp]>([
    ['no author', (_, m) => ({ ...m, author: undefined }), /missing required keys: author/],
    ['framework 1.0', (_, m) => ({ ...m, frameworkVersion: '1.0' }), /frameworkVersion 1\.0 is not served/],
    ['a number version', (_, m) => ({ ...m, version: 1 }), /version must be a string/],
    ['private as a string', (_, m) => ({ ...m, private: 'no' }), /private must be a boolean/],
    [
      'an unknown location',
      (_, m) => ({ ...m, location: { support: { ticket_sidebarr: { url: 'assets/iframe.html' } } } }),
      /ticket_sidebarr: invalid location/,
    ],
    [
      'an unknown host',
      (_, m) => ({ ...m, location: { guide: { x: 'assets/iframe.html' } } }),
      /unknown host "guide"/,
    ],
    [
      'a location file that is not there',
      (_, m) => ({ ...m, location: { support: { ticket_sidebar: { url: 'assets/missing.html' } } } }),
      /assets\/missing\.html is not a file under assets/,
    ],
    [
      'a plain-http location',
      (_, m) => ({ ...m, location: { support: { ticket_sidebar: { url: 'http://example.com/app' } } } }),
      /must be https/,
    ],
    ['no location', (_, m) => ({ ...m, location: {} }), /missing required key: location/],
    [
      'two parameters with one name',
      (_, m) => ({
        ...m,
        parameters: [...params(m), { name: 'app_token', type: 'text', secure: true, scopes: ['header'] }],
      }),
      /duplicate parameter names: app_token/,
    ],
    [
      'a token that is not secure',
      (_, m) => ({
        ...m,
        parameters: params(m).map((p) => (p.name === 'app_token' ? { name: 'app_token', type: 'text' } : p)),
      }),
      /app_token"\] holds a secret and must be secure/,
    ],
    [
      'a password setting',
      (_, m) => ({
        ...m,
        parameters: params(m).map((p) => (p.name === 'app_token' ? { ...p, type: 'password' } : p)),
      }),
      /password type can no longer be used/,
    ],
    [
      'scopes on a plain setting',
      (_, m) => ({
        ...m,
        parameters: params(m).map((p) => (p.name === 'backend_url' ? { ...p, scopes: ['header'] } : p)),
      }),
      /backend_url"\]\.scopes cannot be defined in a non-secure parameter/,
    ],
    [
      'an unknown scope',
      (_, m) => ({
        ...m,
        parameters: params(m).map((p) => (p.name === 'app_token' ? { ...p, scopes: ['cookie'] } : p)),
      }),
      /scopes contains invalid values: cookie/,
    ],
    [
      'secure settings without domainWhitelist',
      (_, m) => ({ ...m, domainWhitelist: [] }),
      /need the backend domain in domainWhitelist/,
    ],
    [
      'a broken manifest',
      async (dir) => void (await writeFile(join(dir, 'manifest.json'), '{ "name": ')),
      /manifest\.json is not valid JSON/,
    ],
    [
      'a manifest in a subfolder',
      async (dir) => {
        await mkdir(join(dir, 'app'));
        await cp(join(dir, 'manifest.json'), join(dir, 'app', 'manifest.json'));
        await rm(join(dir, 'manifest.json'));
        return undefined;
      },
      /manifest\.json must be at the root of the package, found app\/manifest\.json/,
    ],
    [
      'no defaultLocale file',
      async (dir) => void (await rm(join(dir, 'translations', 'en.json'))),
      /translations\/en\.json is missing/,
    ],
    [
      'marketplace strings missing',
      async (dir) =>
        void (await editJson(
          join(dir, 'translations', 'en.json'),
          (j) => delete (j.app as Json).long_description,
        )),
      /translations\/en\.json: missing required keys: app\.long_description/,
    ],
    [
      'a setting label missing',
      async (dir) =>
        void (await editJson(
          join(dir, 'translations', 'ja.json'),
          (j) => delete ((j.app as Json).parameters as Json).app_token,
        )),
      /translations\/ja\.json: missing app\.parameters\.app_token\.label/,
    ],
    [
      'a label-less setting leaf',
      async (dir) =>
        void (await editJson(join(dir, 'translations', 'ro.json'), (j) => {
          ((j.app as Json).parameters as Json).app_token = { helpText: 'x' };
        })),
      /missing required key label on leaf app_token/,
    ],
    [
      'a bad locale name',
      async (dir) => void (await writeFile(join(dir, 'translations', 'english.json'), '{}')),
      /translations\/english\.json: not a translations/,
    ],
    [
      'a symlink',
      async (dir) => void (await symlink(join(dir, 'manifest.json'), join(dir, 'assets', 'link.json'))),
      /assets\/link\.json: symlinks are not allowed/,
    ],
    [
      'a zip inside',
      async (dir) => void (await writeFile(join(dir, 'assets', 'extra.zip'), 'PK')),
      /unsupported file type \.zip/,
    ],
    [
      'more than 2 MB',
      async (dir) => void (await writeFile(join(dir, 'assets', 'big.js'), Buffer.alloc(2_200_000, 97))),
      /more than the 2097152 bytes/,
    ],
    [
      'no small logo',
      async (dir) => void (await rm(join(dir, 'assets', 'logo-small.png'))),
      /assets\/logo-small\.png is missing/,
    ],
    [
      'a logo of the wrong size',
      async (dir) => void (await cp(join(dir, 'assets', 'logo-small.png'), join(dir, 'assets', 'logo.png'))),
      /assets\/logo\.png is 128x128, must be 320x320/,
    ],
  ])('%s', async (name, change, expected) => {
    const errors = await brokenCopy(name.replace(/\W+/g, '-'), change);
    expect(errors.join('\n')).toMatch(expected);
  });
});
