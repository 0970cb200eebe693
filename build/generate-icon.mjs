// Draws the KMS Doctor icon from geometry and writes build/icon.ico (16–256 px) and build/icon.png (512 px).
// Deterministic and dependency-free (node:zlib for PNG deflate), so the committed icons can be regenerated
// and checked byte for byte: `node build/generate-icon.mjs [--out DIR]`.
import { Buffer } from 'node:buffer';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

const icoSizes = [16, 24, 32, 48, 64, 128, 256];
// Small sizes as 32-bit BMP entries (every icon consumer reads those), large ones PNG-compressed.
const pngFromSize = 128;
const samples = 4;

const background = [0x1b, 0x5e, 0xb8]; // blue
const foreground = [0xff, 0xff, 0xff];
const accent = [0x3f, 0xc3, 0x7a]; // green check

const clamp = (value) => Math.min(1, Math.max(0, value));

function roundedRectDistance(x, y, half, radius) {
  const qx = Math.abs(x) - (half - radius);
  const qy = Math.abs(y) - (half - radius);
  const outside = Math.hypot(Math.max(qx, 0), Math.max(qy, 0));
  return outside + Math.min(Math.max(qx, qy), 0) - radius;
}

function segmentDistance(px, py, ax, ay, bx, by) {
  const dx = bx - ax;
  const dy = by - ay;
  const t = clamp(((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}

// Shapes in a unit square (0..1): a rounded tile, a white ring (the "doctor's" lens), a key bit and a check.
function shade(u, v) {
  const x = u - 0.5;
  const y = v - 0.5;
  if (roundedRectDistance(x, y, 0.47, 0.11) > 0) return null;
  let color = background;
  const ring = Math.abs(Math.hypot(x + 0.06, y + 0.06) - 0.22);
  if (ring < 0.055) color = foreground;
  const handle = segmentDistance(x, y, 0.1, 0.1, 0.3, 0.3);
  if (handle < 0.06) color = foreground;
  const check = Math.min(segmentDistance(x, y, -0.16, -0.06, -0.09, 0.02), segmentDistance(x, y, -0.09, 0.02, 0.03, -0.13));
  if (check < 0.04) color = accent;
  return color;
}

/** Renders RGBA pixels (top row first) with 4×4 supersampling for smooth edges. */
function render(size) {
  const pixels = Buffer.alloc(size * size * 4);
  for (let row = 0; row < size; row += 1) {
    for (let column = 0; column < size; column += 1) {
      let r = 0;
      let g = 0;
      let b = 0;
      let covered = 0;
      for (let sy = 0; sy < samples; sy += 1) {
        for (let sx = 0; sx < samples; sx += 1) {
          const color = shade((column + (sx + 0.5) / samples) / size, (row + (sy + 0.5) / samples) / size);
          if (color === null) continue;
          r += color[0];
          g += color[1];
          b += color[2];
          covered += 1;
        }
      }
      const offset = (row * size + column) * 4;
      if (covered > 0) {
        pixels[offset] = Math.round(r / covered);
        pixels[offset + 1] = Math.round(g / covered);
        pixels[offset + 2] = Math.round(b / covered);
        pixels[offset + 3] = Math.round((covered / (samples * samples)) * 255);
      }
    }
  }
  return pixels;
}

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buffer) {
  let crc = 0xffffffff;
  for (const byte of buffer) crc = crcTable[(crc ^ byte) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** Encodes RGBA pixels as a PNG (8-bit RGBA, no filter, zlib level 9). */
function encodePng(size, pixels) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // RGBA
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let row = 0; row < size; row += 1) pixels.copy(raw, row * (size * 4 + 1) + 1, row * size * 4, (row + 1) * size * 4);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** Encodes RGBA pixels as an ICO BMP entry: BITMAPINFOHEADER, bottom-up BGRA, then the 1-bit AND mask. */
function encodeBmpEntry(size, pixels) {
  const header = Buffer.alloc(40);
  header.writeUInt32LE(40, 0);
  header.writeInt32LE(size, 4);
  header.writeInt32LE(size * 2, 8); // XOR image plus AND mask
  header.writeUInt16LE(1, 12);
  header.writeUInt16LE(32, 14);
  const xor = Buffer.alloc(size * size * 4);
  for (let row = 0; row < size; row += 1) {
    for (let column = 0; column < size; column += 1) {
      const from = (row * size + column) * 4;
      const to = ((size - 1 - row) * size + column) * 4;
      xor[to] = pixels[from + 2];
      xor[to + 1] = pixels[from + 1];
      xor[to + 2] = pixels[from];
      xor[to + 3] = pixels[from + 3];
    }
  }
  const maskStride = Math.ceil(size / 32) * 4;
  const mask = Buffer.alloc(maskStride * size);
  for (let row = 0; row < size; row += 1) {
    for (let column = 0; column < size; column += 1) {
      if (pixels[(row * size + column) * 4 + 3] === 0) mask[(size - 1 - row) * maskStride + (column >> 3)] |= 0x80 >> (column & 7);
    }
  }
  return Buffer.concat([header, xor, mask]);
}

function encodeIco(sizes) {
  const images = sizes.map((size) => {
    const pixels = render(size);
    return { size, data: size >= pngFromSize ? encodePng(size, pixels) : encodeBmpEntry(size, pixels) };
  });
  const directory = Buffer.alloc(6 + 16 * images.length);
  directory.writeUInt16LE(0, 0);
  directory.writeUInt16LE(1, 2); // icon
  directory.writeUInt16LE(images.length, 4);
  let offset = directory.length;
  images.forEach(({ size, data }, index) => {
    const entry = 6 + index * 16;
    directory[entry] = size >= 256 ? 0 : size; // 0 means 256
    directory[entry + 1] = size >= 256 ? 0 : size;
    directory.writeUInt16LE(1, entry + 4); // planes
    directory.writeUInt16LE(32, entry + 6); // bits per pixel
    directory.writeUInt32LE(data.length, entry + 8);
    directory.writeUInt32LE(offset, entry + 12);
    offset += data.length;
  });
  return Buffer.concat([directory, ...images.map(({ data }) => data)]);
}

const outIndex = process.argv.indexOf('--out');
const outDir = outIndex === -1 ? path.dirname(fileURLToPath(import.meta.url)) : path.resolve(process.argv[outIndex + 1] ?? '.');
mkdirSync(outDir, { recursive: true });
writeFileSync(path.join(outDir, 'icon.ico'), encodeIco(icoSizes));
writeFileSync(path.join(outDir, 'icon.png'), encodePng(512, render(512)));
process.stdout.write(`icon.ico (${icoSizes.join(', ')} px) and icon.png (512 px) written to ${outDir}\n`);
