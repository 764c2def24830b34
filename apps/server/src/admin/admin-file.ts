import { randomBytes } from 'node:crypto';
import { readFile, rename, unlink, writeFile } from 'node:fs/promises';
import { z } from 'zod';

/**
 * Where a server that owns an embedded data folder says how to reach its admin endpoint: beside
 * the folder's lock (`<folder>.lock`), readable by the folder's owner only (mode 0600), since the
 * secret in it runs commands on the store.
 */
export const adminFileOf = (dataDir: string): string => `${dataDir.replace(/[/\\]+$/, '')}.admin.json`;

export const adminInfoSchema = z.object({
  pid: z.number().int().positive(),
  url: z.url(),
  secret: z.string().min(32),
});
export type AdminInfo = z.infer<typeof adminInfoSchema>;

/** Writes the admin file atomically (aside, then renamed into place). */
export async function writeAdminFile(dataDir: string, info: AdminInfo): Promise<void> {
  const file = adminFileOf(dataDir);
  const aside = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
  await writeFile(aside, `${JSON.stringify(info)}\n`, { mode: 0o600 });
  await rename(aside, file);
}

/** The admin file's content, or null when there is none or it is not one. */
export async function readAdminFile(dataDir: string): Promise<AdminInfo | null> {
  try {
    const parsed = adminInfoSchema.safeParse(JSON.parse(await readFile(adminFileOf(dataDir), 'utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** Removes the admin file if it is still the one with `secret`. */
export async function removeAdminFile(dataDir: string, secret: string): Promise<void> {
  if ((await readAdminFile(dataDir))?.secret === secret)
    await unlink(adminFileOf(dataDir)).catch(() => undefined);
}
