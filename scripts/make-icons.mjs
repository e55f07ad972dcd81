#!/usr/bin/env node
/**
 * Draws the Loket app icon (a white "L" on a rounded blue square) and writes
 *   resources/icons/icon.png  512×512 RGBA PNG (Linux, and the source for the window icon)
 *   resources/icons/icon.ico  Windows icon: 256×256 (PNG-compressed) plus 48, 32 and 16 (32-bit BMP)
 * using nothing but node:zlib for compression (and node:fs to write). Run: node scripts/make-icons.mjs
 * The output is committed; re-run only when the design below changes. Same input, same bytes.
 */
import { deflateSync } from 'node:zlib';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const BACKGROUND = [0x15, 0x65, 0xc0, 0xff]; // blue
const LETTER = [0xff, 0xff, 0xff, 0xff]; // white
const CLEAR = [0, 0, 0, 0];

/** RGBA pixels, row by row from the top, of the icon at `size`×`size`. */
export function drawIcon(size) {
  const px = Buffer.alloc(size * size * 4);
  const radius = size * 0.18;
  // The "L": a vertical stroke and a foot, in fractions of the side.
  const inStem = (x, y) => x >= 0.3 && x < 0.45 && y >= 0.2 && y < 0.8;
  const inFoot = (x, y) => x >= 0.3 && x < 0.72 && y >= 0.65 && y < 0.8;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const cx = x + 0.5;
      const cy = y + 0.5;
      // Rounded corners: outside the quarter circles is transparent.
      const dx = Math.max(radius - cx, cx - (size - radius), 0);
      const dy = Math.max(radius - cy, cy - (size - radius), 0);
      let colour = dx * dx + dy * dy > radius * radius ? CLEAR : BACKGROUND;
      if (colour === BACKGROUND && (inStem(cx / size, cy / size) || inFoot(cx / size, cy / size))) colour = LETTER;
      px.set(colour, (y * size + x) * 4);
    }
  }
  return px;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/** A truecolour-with-alpha, 8-bit, non-interlaced PNG. */
export function encodePng(size, rgba) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // colour type RGBA
  // compression, filter and interlace methods stay 0
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0; // filter: none
    rgba.copy(raw, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A 32-bit BMP icon image: BITMAPINFOHEADER, BGRA rows bottom-up, then an all-zero AND mask. */
function encodeIcoBitmap(size, rgba) {
  const header = Buffer.alloc(40);
  header.writeUInt32LE(40, 0);
  header.writeInt32LE(size, 4);
  header.writeInt32LE(size * 2, 8); // XOR image + AND mask
  header.writeUInt16LE(1, 12); // planes
  header.writeUInt16LE(32, 14); // bits per pixel
  const pixels = Buffer.alloc(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const from = (y * size + x) * 4;
      const to = ((size - 1 - y) * size + x) * 4;
      pixels[to] = rgba[from + 2];
      pixels[to + 1] = rgba[from + 1];
      pixels[to + 2] = rgba[from];
      pixels[to + 3] = rgba[from + 3];
    }
  }
  const maskRow = Math.ceil(size / 32) * 4;
  header.writeUInt32LE(pixels.length + maskRow * size, 20);
  return Buffer.concat([header, pixels, Buffer.alloc(maskRow * size)]);
}

/** An .ico file holding the given sizes, largest first; 256 is stored as PNG (Vista and later). */
export function encodeIco(sizes) {
  const images = sizes.map((size) => {
    const rgba = drawIcon(size);
    return { size, data: size >= 256 ? encodePng(size, rgba) : encodeIcoBitmap(size, rgba) };
  });
  const dir = Buffer.alloc(6 + 16 * images.length);
  dir.writeUInt16LE(0, 0);
  dir.writeUInt16LE(1, 2); // type: icon
  dir.writeUInt16LE(images.length, 4);
  let offset = dir.length;
  images.forEach(({ size, data }, i) => {
    const e = 6 + 16 * i;
    dir[e] = size >= 256 ? 0 : size; // 0 means 256
    dir[e + 1] = size >= 256 ? 0 : size;
    dir.writeUInt16LE(1, e + 4); // colour planes
    dir.writeUInt16LE(32, e + 6); // bits per pixel
    dir.writeUInt32LE(data.length, e + 8);
    dir.writeUInt32LE(offset, e + 12);
    offset += data.length;
  });
  return Buffer.concat([dir, ...images.map((i) => i.data)]);
}

const outDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'resources', 'icons');
mkdirSync(outDir, { recursive: true });
writeFileSync(join(outDir, 'icon.png'), encodePng(512, drawIcon(512)));
writeFileSync(join(outDir, 'icon.ico'), encodeIco([256, 48, 32, 16]));
console.log(`wrote ${join(outDir, 'icon.png')} and ${join(outDir, 'icon.ico')}`);
