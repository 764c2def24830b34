/**
 * `pnpm --filter zendesk-app package`: checks the built app (dist/, after `vite build`) with the
 * local validator and zips it the way Zendesk accepts it: manifest.json at the root of the zip,
 * translations/ and assets/ beside it, nothing else. Writes release/success-metrics-<version>.zip.
 */
import { createWriteStream } from 'node:fs';
import { mkdir, readdir, readFile, stat } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import yazl from 'yazl';
import { APP_ROOT, DIST } from './app-files.ts';
import { MAX_PACKAGE_BYTES, validateApp } from './validate-app.ts';

async function filesOf(root: string, dir = root): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await filesOf(root, full)));
    else if (entry.isFile()) out.push(relative(root, full).split('\\').join('/'));
  }
  return out.sort();
}

/**
 * Validates `dist` and writes its zip to `outDir`; throws with every validation error.
 *
 * @example
 * const { zipPath } = await packageApp(); // release/success-metrics-1.0.0.zip
 */
export async function packageApp(dist = DIST, outDir = join(APP_ROOT, 'release')) {
  const { errors, warnings } = await validateApp(dist);
  if (errors.length) throw new Error(`the app is not valid:\n- ${errors.join('\n- ')}`);
  const manifest = JSON.parse(await readFile(join(dist, 'manifest.json'), 'utf8')) as { version?: string };
  await mkdir(outDir, { recursive: true });
  const zipPath = join(outDir, `success-metrics-${manifest.version ?? '0.0.0'}.zip`);
  const zip = new yazl.ZipFile();
  // A fixed date keeps the zip the same for the same build.
  const mtime = new Date('2020-01-01T00:00:00Z');
  for (const file of await filesOf(dist)) zip.addFile(join(dist, file), file, { mtime, mode: 0o100644 });
  zip.end();
  await new Promise<void>((resolve, reject) => {
    const out = createWriteStream(zipPath);
    out.on('close', resolve).on('error', reject);
    zip.outputStream.on('error', reject).pipe(out);
  });
  const bytes = (await stat(zipPath)).size;
  if (bytes > MAX_PACKAGE_BYTES)
    throw new Error(`${zipPath} is ${bytes} bytes, more than the ${MAX_PACKAGE_BYTES} Zendesk accepts`);
  return { zipPath, bytes, warnings };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  try {
    const { zipPath, bytes, warnings } = await packageApp();
    for (const w of warnings) console.warn(`warning: ${w}`);
    console.log(
      `wrote ${relative(process.cwd(), zipPath)} (${bytes} bytes): upload it in Admin Center > Apps and integrations > Zendesk Support apps > Upload private app, or with zcli apps:create`,
    );
  } catch (error) {
    console.error((error as Error).message);
    process.exit(1);
  }
}
