import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { checkProject } from './check-project.ts';
import { setBackendUrl } from './set-backend-url.ts';

const projectDir = path.resolve(import.meta.dirname, '..');
const copies: string[] = [];
function copyProject(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'hubspot-project-'));
  copies.push(dir);
  cpSync(projectDir, dir, { recursive: true, filter: (src) => !src.includes(`${path.sep}node_modules`) });
  return dir;
}
afterEach(() => {
  for (const dir of copies.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('set-backend-url', () => {
  it('moves the constant, permittedUrls.fetch, the redirect URL and the webhooks targetUrl together; the check still passes', async () => {
    const dir = copyProject();
    expect(setBackendUrl(dir, 'https://csm.acme.io/')).toBe('https://csm.acme.io');
    expect(readFileSync(path.join(dir, 'src/app/cards/lib/backend.ts'), 'utf8')).toContain(
      "BACKEND_URL = 'https://csm.acme.io'",
    );
    const app = JSON.parse(readFileSync(path.join(dir, 'src/app/app-hsmeta.json'), 'utf8'));
    expect(app.config.permittedUrls.fetch).toEqual(['https://csm.acme.io']);
    expect(app.config.auth.redirectUrls).toEqual(['https://csm.acme.io/oauth/hubspot/callback']);
    const hooks = JSON.parse(readFileSync(path.join(dir, 'src/app/webhooks/webhooks-hsmeta.json'), 'utf8'));
    expect(hooks.config.settings.targetUrl).toBe('https://csm.acme.io/webhooks/hubspot');
    expect((await checkProject(dir)).errors).toEqual([]);
  });

  it('refuses http, paths and non-URLs, naming the problem', () => {
    const dir = copyProject();
    expect(() => setBackendUrl(dir, 'http://csm.acme.io')).toThrow(/only fetches https/);
    expect(() => setBackendUrl(dir, 'https://csm.acme.io/api')).toThrow(/origin only/);
    expect(() => setBackendUrl(dir, 'csm.acme.io')).toThrow(/must be a URL/);
  });
});
