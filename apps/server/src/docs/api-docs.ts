import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Scalar } from '@scalar/hono-api-reference';
import { Hono } from 'hono';

/** Where the page loads Scalar's browser bundle from: this server, never a CDN. */
export const SCALAR_SCRIPT_PATH = '/docs/scalar.js';

/**
 * The installed `@scalar/api-reference` package's standalone browser bundle (the one its CDN
 * serves; it registers `window.Scalar`). Found next to the package's entry, which is resolved
 * without being loaded.
 */
export function scalarBundlePath(): string {
  const entry = createRequire(import.meta.url).resolve('@scalar/api-reference');
  return path.join(path.dirname(entry), 'browser', 'standalone.js');
}

/**
 * `/docs`: the Scalar API reference of `/openapi.json`, working with no request leaving the
 * machine. The page loads the bundle from `/docs/scalar.js` (served from node_modules, read once),
 * without Scalar's web fonts (its font CDN) and without its telemetry.
 *
 * @example
 * app.route('/docs', apiDocsRoutes());
 */
export function apiDocsRoutes(options: { bundlePath?: string } = {}) {
  const routes = new Hono();
  let bundle: Promise<Buffer> | undefined;
  routes.get(
    '/',
    Scalar({
      url: '/openapi.json',
      pageTitle: 'Success Metrics API',
      cdn: SCALAR_SCRIPT_PATH,
      withDefaultFonts: false,
      telemetry: false,
    }),
  );
  routes.get('/scalar.js', async (c) => {
    bundle ??= readFile(options.bundlePath ?? scalarBundlePath()).catch((error: unknown) => {
      bundle = undefined;
      throw error;
    });
    c.header('content-type', 'text/javascript; charset=utf-8');
    c.header('cache-control', 'public, max-age=86400');
    return c.body(new Uint8Array(await bundle));
  });
  return routes;
}
