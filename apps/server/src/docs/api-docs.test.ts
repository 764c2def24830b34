import { existsSync } from 'node:fs';
import { storeBackends } from '@csm/store/test-utils';
import { describe, expect, it } from 'vitest';
import { testApp } from '../test-utils/index.ts';
import { apiDocsRoutes, SCALAR_SCRIPT_PATH, scalarBundlePath } from './api-docs.ts';

/** Every URL an HTML page makes the browser load or follow: src, href, and module imports. */
function referencedUrls(html: string): string[] {
  const attributes = [...html.matchAll(/\b(?:src|href)\s*=\s*["']([^"']+)["']/gi)].map((m) => m[1]!);
  const imports = [...html.matchAll(/\bimport\b[^'"]*['"]([^'"]+)['"]/g)].map((m) => m[1]!);
  const cssUrls = [...html.matchAll(/url\(\s*['"]?([^'")]+)['"]?\s*\)/g)].map((m) => m[1]!);
  return [...attributes, ...imports, ...cssUrls];
}

describe('/docs', () => {
  it('loads Scalar from this server only: the page references local URLs, and the bundle is served', async () => {
    const app = apiDocsRoutes();
    const page = await app.request('/');
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain(`<script src="${SCALAR_SCRIPT_PATH}"`);
    expect(html).toContain('/openapi.json');
    const urls = referencedUrls(html);
    expect(urls).toContain(SCALAR_SCRIPT_PATH);
    for (const url of urls) expect(url, url).toMatch(/^\/(?!\/)/);
    // Nothing in the page's own text points off the machine (no CDN, no font service).
    expect(html).not.toMatch(/https?:\/\//);
    // What the page asks the bundle to do: no web fonts, no telemetry.
    expect(html).toMatch(/"withDefaultFonts":\s*false/);
    expect(html).toMatch(/"telemetry":\s*false/);

    const script = await app.request('/scalar.js');
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toContain('javascript');
    const body = await script.text();
    expect(body.length).toBeGreaterThan(100_000);
    expect(body).toContain('createApiReference');
  });

  it('is the installed package’s standalone bundle, mounted on the app', async () => {
    expect(existsSync(scalarBundlePath())).toBe(true);
    expect(scalarBundlePath()).toMatch(
      /node_modules[\\/]@scalar[\\/]api-reference[\\/]dist[\\/]browser[\\/]standalone\.js$/,
    );
    const [backend] = storeBackends();
    const store = await backend!.open();
    try {
      const { app } = testApp(store);
      const docs = await app.request('/docs');
      expect(docs.status).toBe(200);
      expect(await docs.text()).toContain(SCALAR_SCRIPT_PATH);
      expect((await app.request(SCALAR_SCRIPT_PATH)).status).toBe(200);
    } finally {
      await store.close();
      await backend!.cleanup();
    }
  });
});
