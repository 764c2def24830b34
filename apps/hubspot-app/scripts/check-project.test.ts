import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { checkProject } from './check-project.ts';

const projectDir = path.resolve(import.meta.dirname, '..');
const copies: string[] = [];

/** A copy of the project (without node_modules) to break on purpose. */
function copyProject(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'hubspot-project-'));
  copies.push(dir);
  cpSync(projectDir, dir, {
    recursive: true,
    filter: (src) => !src.includes(`${path.sep}node_modules`),
  });
  return dir;
}

// biome-ignore lint/suspicious/noExplicitAny: edits reach into hsmeta JSON of any shape.
type Json = Record<string, any>;

function editJson(file: string, edit: (json: Json) => void) {
  const json = JSON.parse(readFileSync(file, 'utf8')) as Json;
  edit(json);
  writeFileSync(file, JSON.stringify(json, null, 2));
}

const appMeta = (dir: string) => path.join(dir, 'src/app/app-hsmeta.json');
const webhooksMeta = (dir: string) => path.join(dir, 'src/app/webhooks/webhooks-hsmeta.json');
const cardMeta = (dir: string, name: string) => path.join(dir, `src/app/cards/${name}-hsmeta.json`);

afterEach(() => {
  for (const dir of copies.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('offline project check', () => {
  it('passes on the project as committed, with one app, five cards and the webhooks component', async () => {
    const { errors, components } = await checkProject(projectDir);
    expect(errors).toEqual([]);
    expect(components.filter((c) => c.type === 'APPLICATION').map((c) => c.uid)).toEqual([
      'success_metrics_app',
    ]);
    expect(
      components
        .filter((c) => c.type === 'CARD')
        .map((c) => c.uid)
        .sort(),
    ).toEqual([
      'company_health_sidebar',
      'company_health_tab',
      'contact_success_tab',
      'deal_health_sidebar',
      'deal_health_tab',
    ]);
    expect(components.filter((c) => c.type === 'WEBHOOKS').map((c) => c.uid)).toEqual([
      'success_metrics_webhooks',
    ]);
  });

  it('delivers webhooks to PUBLIC_URL/webhooks/hubspot of the backend the cards fetch', async () => {
    const hooks = JSON.parse(readFileSync(webhooksMeta(projectDir), 'utf8'));
    const { BACKEND_URL } = await import('../src/app/cards/lib/backend.ts');
    expect(hooks.config.settings.targetUrl).toBe(`${new URL(BACKEND_URL).origin}/webhooks/hubspot`);
  });

  it('reports a missing webhooks component, a target elsewhere and malformed settings', async () => {
    const gone = copyProject();
    rmSync(path.join(gone, 'src/app/webhooks'), { recursive: true });
    expect((await checkProject(gone)).errors).toContainEqual(
      expect.stringMatching(/exactly one webhooks component .* found 0/),
    );

    const dir = copyProject();
    editJson(webhooksMeta(dir), (j) => {
      j.config.settings.targetUrl = 'https://elsewhere.example.org/hooks';
      j.config.settings.maxConcurrentRequests = 0;
    });
    const all = (await checkProject(dir)).errors.join('\n');
    expect(all).toMatch(
      /targetUrl https:\/\/elsewhere\.example\.org\/hooks must be https:\/\/success-metrics\.example\.com\/webhooks\/hubspot/,
    );
    expect(all).toMatch(/maxConcurrentRequests 0 must be a positive integer/);

    const plain = copyProject();
    editJson(webhooksMeta(plain), (j) => {
      j.config.settings.targetUrl = 'http://success-metrics.example.com/webhooks/hubspot';
    });
    expect((await checkProject(plain)).errors).toContainEqual(
      expect.stringMatching(/targetUrl .* must be an https URL/),
    );
  });

  it('reports subscriptions that break the documented format', async () => {
    const dir = copyProject();
    editJson(webhooksMeta(dir), (j) => {
      const crm = j.config.subscriptions.crmObjects;
      crm.push({ subscriptionType: 'company.creation', objectType: 'company', active: true });
      crm.push({ subscriptionType: 'object.propertyChange', objectType: 'deal', active: true });
      crm.push({ subscriptionType: 'object.creation', objectType: 'widget', active: true });
      crm.push({ subscriptionType: 'object.deletion', objectType: 'deal' });
      crm.push({ ...crm[0] });
      j.config.subscriptions.legacyCrmObjects = [
        { subscriptionType: 'object.creation', active: true },
        { subscriptionType: 'deal.creation', propertyName: 'amount', active: true },
      ];
      j.config.subscriptions.hubEvents = [{ subscriptionType: 'contact.creation', active: true }];
      j.config.subscriptions.crmObject = [];
    });
    const all = (await checkProject(dir)).errors.join('\n');
    expect(all).toMatch(
      /crmObjects\[\d+\]\.subscriptionType "company\.creation" is not a crmObjects type \(a classic type/,
    );
    expect(all).toMatch(/crmObjects\[\d+\]\.propertyName is required for a property change/);
    expect(all).toMatch(/objectType "widget" is not a CRM object/);
    expect(all).toMatch(/crmObjects\[\d+\]\.active must be true or false/);
    expect(all).toMatch(/crmObjects\[\d+\] repeats object\.creation company/);
    expect(all).toMatch(
      /legacyCrmObjects\[0\]\.subscriptionType "object\.creation" is not a legacyCrmObjects type \(object\.\* types belong in crmObjects\)/,
    );
    expect(all).toMatch(/legacyCrmObjects\[1\]\.propertyName belongs to property changes only/);
    expect(all).toMatch(/hubEvents\[0\]\.subscriptionType "contact\.creation" is not a hubEvents type/);
    expect(all).toMatch(
      /config\.subscriptions\.crmObject is not one of crmObjects, legacyCrmObjects, hubEvents/,
    );
  });

  it('permits exactly the backend origin the cards fetch', async () => {
    const app = JSON.parse(readFileSync(appMeta(projectDir), 'utf8'));
    const { BACKEND_URL } = await import('../src/app/cards/lib/backend.ts');
    expect(app.config.permittedUrls.fetch).toEqual([new URL(BACKEND_URL).origin]);
    expect(app.config.auth.redirectUrls).toEqual([`${new URL(BACKEND_URL).origin}/oauth/hubspot/callback`]);
  });

  it('reports a uid used twice (HubSpot parser)', async () => {
    const dir = copyProject();
    editJson(cardMeta(dir, 'deal-health'), (j) => {
      j.uid = 'company_health_tab';
    });
    const { errors } = await checkProject(dir);
    expect(errors.join('\n')).toMatch(/company_health_tab/);
    expect(errors.join('\n')).toMatch(/[Dd]uplicate|twice/);
  });

  it('reports a fetched origin that permittedUrls does not list', async () => {
    const dir = copyProject();
    editJson(appMeta(dir), (j) => {
      j.config.permittedUrls.fetch = ['https://other.example.org'];
    });
    const { errors } = await checkProject(dir);
    expect(errors).toContainEqual(
      expect.stringMatching(/fetches https:\/\/success-metrics\.example\.com, which is not in permittedUrls/),
    );
  });

  it('reports an http backend URL', async () => {
    const dir = copyProject();
    const file = path.join(dir, 'src/app/cards/lib/backend.ts');
    writeFileSync(
      file,
      readFileSync(file, 'utf8').replace('https://success-metrics', 'http://success-metrics'),
    );
    const { errors } = await checkProject(dir);
    expect(errors).toContainEqual(
      expect.stringMatching(/http:\/\/success-metrics\.example\.com, which is not https/),
    );
  });

  it('reports react other than 18.3.1', async () => {
    const dir = copyProject();
    editJson(path.join(dir, 'src/app/cards/package.json'), (j) => {
      j.dependencies.react = '^18.2.0';
    });
    const { errors } = await checkProject(dir);
    expect(errors).toContainEqual(
      expect.stringMatching(/cards\/package\.json: react must be exactly 18\.3\.1.*\^18\.2\.0/),
    );
  });

  it('reports a marketplace app without OAuth, a second app and a missing entrypoint', async () => {
    const dir = copyProject();
    editJson(appMeta(dir), (j) => {
      j.config.auth.type = 'static';
    });
    editJson(cardMeta(dir, 'contact-success'), (j) => {
      j.config.entrypoint = '/app/cards/Missing.tsx';
    });
    writeFileSync(
      path.join(dir, 'src/app/second-app-hsmeta.json'),
      JSON.stringify({ uid: 'second_app', type: 'app', config: { name: 'x' } }),
    );
    const { errors } = await checkProject(dir);
    const all = errors.join('\n');
    expect(all).toMatch(/marketplace app must use auth\.type "oauth"/);
    expect(all).toMatch(/exactly one app component is required, found 2/);
    expect(all).toMatch(/entrypoint \/app\/cards\/Missing\.tsx does not exist/);
  });

  it('reports broken JSON, a bad uid and an unknown card location', async () => {
    const dir = copyProject();
    writeFileSync(cardMeta(dir, 'deal-health-sidebar'), '{ "uid": ');
    editJson(cardMeta(dir, 'deal-health'), (j) => {
      j.uid = 'deal health!';
      j.config.location = 'crm.record.middle';
    });
    const { errors } = await checkProject(dir);
    const all = errors.join('\n');
    expect(all).toMatch(/deal-health-sidebar-hsmeta\.json: not valid JSON/);
    expect(all).toMatch(/uid "deal health!"/);
    expect(all).toMatch(/location "crm\.record\.middle"/);
  });
});
