import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { dirname, extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

/**
 * The dashboard app (apps/dashboard, React + Vite) is served as static files from its `dist/`.
 * A checkout has no `dist/` until it is built: `csm demo` and `csm serve` build it on start when it
 * is missing or older than the app's sources (`ensureDashboardBuilt`), and `pnpm --filter dashboard
 * build` builds it by hand (a deployment image builds it once). A build goes to a temporary folder
 * and replaces `dist/` whole, so a server never serves half a build.
 */

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');
export const DASHBOARD_APP_DIR = join(REPO, 'apps/dashboard');
export const DASHBOARD_DIST = join(DASHBOARD_APP_DIR, 'dist');

/** The newest modification time under `path` (files only), 0 when it does not exist. */
async function newest(path: string): Promise<number> {
  const info = await stat(path).catch(() => null);
  if (!info) return 0;
  if (!info.isDirectory()) return info.mtimeMs;
  const entries = await readdir(path);
  const times = await Promise.all(entries.map((e) => newest(join(path, e))));
  return Math.max(0, ...times);
}

const SOURCES = ['src', 'index.html', 'vite.config.ts', 'package.json'];

/** Whether `dist/` is missing or older than a source of the app (false when the sources are absent). */
export async function dashboardBuildNeeded(appDir = DASHBOARD_APP_DIR): Promise<boolean> {
  if (!existsSync(join(appDir, 'src'))) return false;
  const built = await stat(join(appDir, 'dist', 'index.html')).catch(() => null);
  if (!built) return true;
  const sources = await Promise.all(SOURCES.map((s) => newest(join(appDir, s))));
  return Math.max(...sources) > built.mtimeMs;
}

/**
 * Builds the dashboard app when it needs it; resolves to what happened. A failed build throws with
 * Vite's message (the server could not serve the dashboard).
 *
 * @example
 * if ((await ensureDashboardBuilt()) === 'built') console.error('dashboard built');
 */
export async function ensureDashboardBuilt(
  options: { appDir?: string; onBuild?: () => void } = {},
): Promise<'fresh' | 'built'> {
  const appDir = options.appDir ?? DASHBOARD_APP_DIR;
  if (!(await dashboardBuildNeeded(appDir))) return 'fresh';
  options.onBuild?.();
  const vite = join(appDir, 'node_modules/vite/bin/vite.js');
  if (!existsSync(vite)) throw new Error(`cannot build the dashboard: ${vite} is missing (run pnpm install)`);
  const out = await mkdtemp(join(appDir, '.dist-'));
  try {
    await promisify(execFile)(process.execPath, [vite, 'build', '--logLevel', 'error', '--outDir', out], {
      cwd: appDir,
      maxBuffer: 16 * 1024 * 1024,
    });
    const dist = join(appDir, 'dist');
    await rm(dist, { recursive: true, force: true });
    // Another process may have finished its own build meanwhile: then its dist/ stays.
    await rename(out, dist).catch(() => undefined);
  } catch (error) {
    const message = (error as { stderr?: string }).stderr || (error as Error).message;
    throw new Error(`the dashboard build failed: ${message.trim()}`);
  } finally {
    await rm(out, { recursive: true, force: true });
  }
  return 'built';
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

/** A file of the built app (`assets/...` or `index.html`), or null. Paths outside `dist/` are null. */
export async function readAsset(
  dist: string,
  path: string,
): Promise<{ body: Uint8Array; type: string } | null> {
  const file = normalize(join(dist, path));
  if (!file.startsWith(dist + sep)) return null;
  try {
    const body = await readFile(file);
    return { body: new Uint8Array(body), type: TYPES[extname(file)] ?? 'application/octet-stream' };
  } catch {
    return null;
  }
}
