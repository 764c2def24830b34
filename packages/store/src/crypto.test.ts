import { describe, expect, it } from 'vitest';
import { constantTimeEqual, decrypt, encrypt, generateKey, keyFromString, sha256 } from './crypto.ts';

describe('secrets at rest', () => {
  const key = keyFromString(generateKey());

  it('round-trips, with a fresh IV each time and no plaintext in the ciphertext', () => {
    const secret = 'pat-na1-0123456789abcdef';
    const a = encrypt(key, secret);
    const b = encrypt(key, secret);
    expect(a).toMatch(/^v1:[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]*$/);
    expect(a).not.toBe(b);
    expect(a).not.toContain(secret);
    expect(Buffer.from(a.split(':')[3]!, 'base64').toString('utf8')).not.toContain(secret);
    expect(decrypt(key, a)).toBe(secret);
    expect(decrypt(key, encrypt(key, ''))).toBe('');
  });

  it('fails clearly with a wrong key or an altered value', () => {
    const stored = encrypt(key, 'secret');
    expect(() => decrypt(keyFromString(generateKey()), stored)).toThrow(/CSM_ENCRYPTION_KEY/);
    const [v, iv, tag, data] = stored.split(':');
    const flipped = Buffer.from(data!, 'base64');
    flipped[0] = flipped[0]! ^ 1;
    expect(() => decrypt(key, [v, iv, tag, flipped.toString('base64')].join(':'))).toThrow(/altered/);
    expect(() => decrypt(key, 'plain text')).toThrow(/unknown format/);
  });

  it('accepts 32-byte keys as hex or base64 and names the variable otherwise', () => {
    expect(keyFromString('ab'.repeat(32))).toHaveLength(32);
    expect(keyFromString(` ${generateKey()}\n`)).toHaveLength(32);
    expect(keyFromString(Buffer.alloc(32, 7).toString('base64url'))).toHaveLength(32);
    for (const bad of ['', 'short', 'ab'.repeat(31), Buffer.alloc(31).toString('base64'), '€'.repeat(44)]) {
      expect(() => keyFromString(bad)).toThrow(/^CSM_ENCRYPTION_KEY must be 32 bytes/);
    }
  });

  it('compares tokens in constant time and hashes them for lookup', () => {
    expect(constantTimeEqual('abc', 'abc')).toBe(true);
    expect(constantTimeEqual('abc', 'abd')).toBe(false);
    expect(constantTimeEqual('abc', 'abcd')).toBe(false);
    expect(sha256('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});
