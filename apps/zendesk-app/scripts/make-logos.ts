/**
 * Draws the app's logos as PNG files (Zendesk wants assets/logo.png at 320x320 and
 * assets/logo-small.png at 128x128): a teal tile with a white gauge ring and three rising bars.
 * Run once after changing the drawing: `pnpm --filter zendesk-app logos`.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import { SRC } from './app-files.ts';

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Uint8Array) {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array) {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'ascii');
  Buffer.from(data).copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

/** An RGBA PNG of `size` x `size` from a coverage function on the unit square. */
export function png(size: number, paint: (x: number, y: number) => [number, number, number, number]) {
  const raw = Buffer.alloc(size * (size * 4 + 1));
  const ss = 4;
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0;
    for (let x = 0; x < size; x++) {
      const acc = [0, 0, 0, 0];
      for (let sy = 0; sy < ss; sy++)
        for (let sx = 0; sx < ss; sx++) {
          const [r, g, b, a] = paint((x + (sx + 0.5) / ss) / size, (y + (sy + 0.5) / ss) / size);
          acc[0]! += r * a;
          acc[1]! += g * a;
          acc[2]! += b * a;
          acc[3]! += a;
        }
      const o = y * (size * 4 + 1) + 1 + x * 4;
      const alpha = acc[3]! / (ss * ss);
      raw[o] = alpha ? Math.round(acc[0]! / acc[3]!) : 0;
      raw[o + 1] = alpha ? Math.round(acc[1]! / acc[3]!) : 0;
      raw[o + 2] = alpha ? Math.round(acc[2]! / acc[3]!) : 0;
      raw[o + 3] = Math.round(alpha * 255);
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', new Uint8Array()),
  ]);
}

const TEAL: [number, number, number] = [15, 118, 110];
const WHITE: [number, number, number] = [255, 255, 255];

function logo(x: number, y: number): [number, number, number, number] {
  // Rounded tile.
  const r = 0.18;
  const qx = Math.max(Math.abs(x - 0.5) - (0.5 - r), 0);
  const qy = Math.max(Math.abs(y - 0.5) - (0.5 - r), 0);
  if (Math.hypot(qx, qy) > r) return [0, 0, 0, 0];
  // Gauge ring: three quarters of a circle, open at the bottom.
  const dx = x - 0.5;
  const dy = y - 0.52;
  const d = Math.hypot(dx, dy);
  const angle = Math.atan2(dx, dy); // 0 = straight down
  if (d > 0.27 && d < 0.34 && Math.abs(angle) > Math.PI / 4) return [...WHITE, 1];
  // Three rising bars inside the ring.
  const bars = [
    { x0: 0.36, h: 0.1 },
    { x0: 0.46, h: 0.17 },
    { x0: 0.56, h: 0.24 },
  ];
  for (const bar of bars)
    if (x >= bar.x0 && x <= bar.x0 + 0.075 && y <= 0.66 && y >= 0.66 - bar.h) return [...WHITE, 1];
  return [...TEAL, 1];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  writeFileSync(join(SRC, 'assets', 'logo.png'), png(320, logo));
  writeFileSync(join(SRC, 'assets', 'logo-small.png'), png(128, logo));
  console.log('wrote src/assets/logo.png (320x320) and src/assets/logo-small.png (128x128)');
}
