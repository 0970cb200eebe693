import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeText } from '../../../electron/collect/decode-text.js';
import { decodeText as decodeEvidenceText } from '../../../shared/parse/decode-text.js';

const utf16le = (text: string, bom = false) => Buffer.concat([bom ? Buffer.from([0xff, 0xfe]) : Buffer.alloc(0), Buffer.from(text, 'utf16le')]);

describe('decodeText for command output (Node decoders, shared recognition)', () => {
  it('reads cscript //U output (UTF-16LE, no BOM) when told to, even when it holds no ASCII', () => {
    expect(decodeText(utf16le('ライセンスの状態: ライセンスされています'), 'utf-16le')).toEqual({ text: 'ライセンスの状態: ライセンスされています', encoding: 'utf-16le' });
  });

  it('lets a BOM override the expected encoding', () => {
    const utf8 = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('Name: Windows', 'utf8')]);
    expect(decodeText(utf8, 'utf-16le')).toEqual({ text: 'Name: Windows', encoding: 'utf-8' });
    const be = Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(utf16le('KMS')).swap16()]);
    expect(decodeText(be)).toEqual({ text: 'KMS', encoding: 'utf-16be' });
  });

  it('recognises encodings exactly as the parsers do', () => {
    for (const bytes of [utf16le('Software licensing service version: 10.0.19041.1', false), utf16le('名稱: Windows', true), Buffer.from('Name: Windows\r\n', 'utf8'), Buffer.from([0x80, 0x41, 0x42])]) {
      expect(decodeText(bytes)).toEqual(decodeEvidenceText(bytes));
    }
  });

  it('gives the pure decoders\' string for any bytes (Node\'s decoders are only a faster path)', () => {
    const bytes = fc.oneof(
      fc.uint8Array({ maxLength: 64 }),
      fc.string({ unit: 'grapheme', maxLength: 32 }).map((text) => new Uint8Array(Buffer.from(text, 'utf8'))),
      fc.tuple(fc.constantFrom([0xff, 0xfe], [0xfe, 0xff], [0xef, 0xbb, 0xbf], []), fc.uint8Array({ maxLength: 33 })).map(([bom, body]) => new Uint8Array([...bom, ...body])),
    );
    fc.assert(
      fc.property(bytes, fc.constantFrom('utf-8' as const, 'utf-16le' as const), (input, fallback) => {
        expect(decodeText(input, fallback)).toEqual(decodeEvidenceText(input, { fallback }));
      }),
      { numRuns: 2000 },
    );
  });

  it('keeps a dangling odd byte of UTF-16 as U+FFFD (truncated output is not silently shortened)', () => {
    expect(decodeText(new Uint8Array([0xff, 0xfe, 0x41, 0x00, 0x42]))).toEqual({ text: 'A\uFFFD', encoding: 'utf-16le' });
  });
});
