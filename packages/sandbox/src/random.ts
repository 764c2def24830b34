/**
 * A small seeded PRNG (mulberry32) and helpers. Every seeded value in the sandbox comes from here,
 * so the same seed always yields the same data; no faker, no Math.random.
 */
export type Rng = () => number;

/** mulberry32: 32-bit state, fast, good enough for test data (not for cryptography). */
export function mulberry32(seed: number): Rng {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Mixes numbers and strings into one 32-bit seed (FNV-1a over the parts, then a final avalanche). */
export function mixSeed(...parts: (number | string)[]): number {
  let h = 0x811c9dc5;
  for (const part of parts) {
    const text = typeof part === 'number' ? `#${part}` : part;
    for (let i = 0; i < text.length; i++) {
      h ^= text.charCodeAt(i);
      h = Math.imul(h, 0x01000193);
    }
    h ^= 0x7f;
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  return h >>> 0;
}

/**
 * An independent stream per (seed, purpose, index): company 7's data does not depend on how many
 * companies come after it, so a 200-company sandbox is a prefix of a 100k one.
 */
export function streamRng(seed: number, purpose: string, index = 0): Rng {
  return mulberry32(mixSeed(seed, purpose, index));
}

/** Integer in [min, max], both inclusive. */
export function int(rng: Rng, min: number, max: number): number {
  return min + Math.floor(rng() * (max - min + 1));
}

export function chance(rng: Rng, p: number): boolean {
  return rng() < p;
}

export function pick<T>(rng: Rng, items: readonly T[]): T {
  const item = items[Math.floor(rng() * items.length)];
  if (item === undefined) throw new Error('pick from an empty list');
  return item;
}

/** Picks a value by weight: `weighted(rng, [['a', 3], ['b', 1]])` is 'a' three times in four. */
export function weighted<T>(rng: Rng, table: readonly (readonly [T, number])[]): T {
  let total = 0;
  for (const [, w] of table) total += w;
  let roll = rng() * total;
  for (const [value, w] of table) {
    roll -= w;
    if (roll < 0) return value;
  }
  const last = table.at(-1);
  if (!last) throw new Error('weighted pick from an empty table');
  return last[0];
}

/** A skewed positive number: most values near `typical`, a long tail up to `max`. */
export function skewed(rng: Rng, typical: number, max: number): number {
  const u = rng();
  return Math.min(max, typical * -Math.log(1 - u * 0.999));
}

/** Deterministic hex / alphanumeric strings for tokens and ids. */
export function randomHex(rng: Rng, length: number): string {
  let out = '';
  while (out.length < length) out += Math.floor(rng() * 16).toString(16);
  return out;
}

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
export function randomAlnum(rng: Rng, length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += ALNUM[Math.floor(rng() * ALNUM.length)];
  return out;
}

/** A UUID-shaped (v4 layout) deterministic string. */
export function randomUuid(rng: Rng): string {
  const h = randomHex(rng, 32);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${'89ab'[Math.floor(rng() * 4)]}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
