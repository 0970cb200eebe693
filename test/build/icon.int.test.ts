import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';

const pngSignature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Reads an ICO directory: one entry per image with its size and bytes. */
function readIco(buffer: Buffer) {
  expect(buffer.readUInt16LE(0)).toBe(0);
  expect(buffer.readUInt16LE(2)).toBe(1);
  const count = buffer.readUInt16LE(4);
  return Array.from({ length: count }, (_, index) => {
    const entry = 6 + index * 16;
    const width = buffer[entry] === 0 ? 256 : (buffer[entry] ?? -1);
    const height = buffer[entry + 1] === 0 ? 256 : (buffer[entry + 1] ?? -1);
    const length = buffer.readUInt32LE(entry + 8);
    const offset = buffer.readUInt32LE(entry + 12);
    return { width, height, bits: buffer.readUInt16LE(entry + 6), data: buffer.subarray(offset, offset + length) };
  });
}

/** Decodes the IHDR and pixel data of an 8-bit RGBA, unfiltered PNG (what the generator writes). */
function readPng(buffer: Buffer) {
  expect(buffer.subarray(0, 8)).toEqual(pngSignature);
  let offset = 8;
  let width = 0;
  let height = 0;
  const idat: Buffer[] = [];
  while (offset < buffer.length) {
    const length = buffer.readUInt32BE(offset);
    const type = buffer.toString('ascii', offset + 4, offset + 8);
    const data = buffer.subarray(offset + 8, offset + 8 + length);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      expect([data[8], data[9]]).toEqual([8, 6]);
    }
    if (type === 'IDAT') idat.push(data);
    offset += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(idat));
  expect(raw.length).toBe(height * (width * 4 + 1));
  return { width, height, raw };
}

describe('application icon (build/)', () => {
  it('is exactly what build/generate-icon.mjs draws, pixel for pixel', () => {
    const out = mkdtempSync(path.join(os.tmpdir(), 'kmsd-icon-'));
    try {
      execFileSync(process.execPath, ['build/generate-icon.mjs', '--out', out], { timeout: 60_000 });
      // Pixels, not deflate bytes: another zlib build may compress the same pixels differently.
      const pixelsOf = (images: ReturnType<typeof readIco>) =>
        images.map((image) => (image.data.subarray(0, 8).equals(pngSignature) ? readPng(image.data).raw : image.data));
      expect(pixelsOf(readIco(readFileSync(path.join(out, 'icon.ico'))))).toEqual(pixelsOf(readIco(readFileSync('build/icon.ico'))));
      expect(readPng(readFileSync(path.join(out, 'icon.png'))).raw.equals(readPng(readFileSync('build/icon.png')).raw)).toBe(true);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });

  it('is a Windows icon with every shell size up to 256, BMP for small sizes and PNG for large ones', () => {
    const images = readIco(readFileSync('build/icon.ico'));
    expect(images.map((image) => image.width)).toEqual([16, 24, 32, 48, 64, 128, 256]);
    for (const image of images) {
      expect(image.height).toBe(image.width);
      expect(image.bits).toBe(32);
      if (image.width >= 128) {
        const png = readPng(image.data);
        expect([png.width, png.height]).toEqual([image.width, image.width]);
      } else {
        expect(image.data.readUInt32LE(0)).toBe(40);
        expect(image.data.readInt32LE(4)).toBe(image.width);
        expect(image.data.readInt32LE(8)).toBe(image.width * 2);
        const maskStride = Math.ceil(image.width / 32) * 4;
        expect(image.data.length).toBe(40 + image.width * image.width * 4 + maskStride * image.width);
      }
    }
  });

  it('has a 512 px PNG with transparent corners and an opaque middle', () => {
    const { width, raw } = readPng(readFileSync('build/icon.png'));
    expect(width).toBe(512);
    const alpha = (x: number, y: number) => raw[y * (width * 4 + 1) + 1 + x * 4 + 3];
    expect(alpha(0, 0)).toBe(0);
    expect(alpha(511, 511)).toBe(0);
    expect(alpha(256, 256)).toBe(255);
  });
});
