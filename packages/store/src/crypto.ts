import { createCipheriv, createDecipheriv, createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/*
 * AES-256-GCM for secrets at rest: a random 12-byte IV per value, stored as
 * `v1:<iv>:<tag>:<ciphertext>` (base64). The tag makes tampering and a wrong key fail loudly
 * instead of yielding garbage credentials.
 */

/** A new random 32-byte key, base64: what `CSM_ENCRYPTION_KEY` holds. */
export function generateKey(): string {
  return randomBytes(32).toString('base64');
}

/**
 * A 32-byte key from 64 hex digits or base64 (url-safe too). The error names CSM_ENCRYPTION_KEY,
 * the variable the value comes from, and never echoes the value.
 */
export function keyFromString(value: string): Buffer {
  const trimmed = value.trim();
  let key: Buffer | null = null;
  if (/^[0-9a-f]{64}$/i.test(trimmed)) key = Buffer.from(trimmed, 'hex');
  else if (/^[A-Za-z0-9+/_-]+={0,2}$/.test(trimmed)) key = Buffer.from(trimmed, 'base64');
  if (key?.length !== 32) {
    throw new Error(
      'CSM_ENCRYPTION_KEY must be 32 bytes, written as 64 hex digits or base64 (e.g. `openssl rand -base64 32`)',
    );
  }
  return key;
}

/** Encrypts one value with a fresh IV. */
export function encrypt(key: Buffer, plaintext: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const data = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  const tag = cipher.getAuthTag();
  return ['v1', iv.toString('base64'), tag.toString('base64'), data.toString('base64')].join(':');
}

/** Decrypts what {@link encrypt} stored; a wrong key or a tampered value throws, naming the key. */
export function decrypt(key: Buffer, stored: string): string {
  const [version, iv, tag, data, extra] = stored.split(':');
  if (version !== 'v1' || !iv || !tag || data === undefined || extra !== undefined) {
    throw new Error('stored secret has an unknown format (expected v1:<iv>:<tag>:<ciphertext>)');
  }
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64'));
    decipher.setAuthTag(Buffer.from(tag, 'base64'));
    return Buffer.concat([decipher.update(Buffer.from(data, 'base64')), decipher.final()]).toString('utf8');
  } catch {
    throw new Error(
      'cannot decrypt stored credentials: CSM_ENCRYPTION_KEY is not the key they were saved with (or the value was altered)',
    );
  }
}

/** Hex SHA-256: a lookup key for a secret that is itself stored encrypted. */
export function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

/** String equality in time independent of where the strings differ. */
export function constantTimeEqual(a: string, b: string): boolean {
  const x = createHash('sha256').update(a).digest();
  const y = createHash('sha256').update(b).digest();
  // Comparing digests keeps the time independent of the lengths too; the final check rules out
  // the (theoretical) collision.
  return timingSafeEqual(x, y) && a === b;
}
