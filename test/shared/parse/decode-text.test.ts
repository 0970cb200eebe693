import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeText } from '../../../shared/parse/decode-text.js';

const sample = 'Name: Windows(R), ServerStandard edition\r\nLicense Status: Licensed\r\nライセンスの状態: ライセンスされています 授權狀態\r\n';

function utf16be(text: string): Uint8Array {
  const le = Buffer.from(text, 'utf16le');
  const be = Buffer.alloc(le.length);
  for (let i = 0; i < le.length; i += 2) {
    be[i] = le[i + 1] ?? 0;
    be[i + 1] = le[i] ?? 0;
  }
  return be;
}

describe('decodeText', () => {
  it('reads UTF-8 with and without BOM and strips the BOM', () => {
    expect(decodeText(Buffer.from(sample, 'utf8'))).toEqual({ text: sample, encoding: 'utf-8' });
    expect(decodeText(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(sample, 'utf8')]))).toEqual({ text: sample, encoding: 'utf-8' });
  });

  it('reads UTF-16LE with BOM and without BOM', () => {
    const body = Buffer.from(sample, 'utf16le');
    expect(decodeText(Buffer.concat([Buffer.from([0xff, 0xfe]), body]))).toEqual({ text: sample, encoding: 'utf-16le' });
    expect(decodeText(body)).toEqual({ text: sample, encoding: 'utf-16le' });
  });

  it('reads UTF-16BE with BOM and without BOM', () => {
    const body = utf16be(sample);
    expect(decodeText(Buffer.concat([Buffer.from([0xfe, 0xff]), body]))).toEqual({ text: sample, encoding: 'utf-16be' });
    expect(decodeText(body)).toEqual({ text: sample, encoding: 'utf-16be' });
  });

  it('reads BOM-less UTF-16LE with no ASCII at all', () => {
    const text = 'ライセンスの状態授權狀態';
    expect(decodeText(Buffer.from(text, 'utf16le'))).toEqual({ text, encoding: 'utf-16le' });
  });

  it('turns malformed UTF-8 and a dangling UTF-16 byte into U+FFFD instead of dropping them', () => {
    expect(decodeText(Uint8Array.from([0x41, 0xc3, 0x28, 0x42]))).toEqual({ text: 'A\uFFFD(B', encoding: 'utf-8' });
    const odd = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('AB', 'utf16le'), Buffer.from([0x43])]);
    expect(decodeText(odd)).toEqual({ text: 'AB\uFFFD', encoding: 'utf-16le' });
  });

  it('decodes an empty input to empty text', () => {
    expect(decodeText(new Uint8Array())).toEqual({ text: '', encoding: 'utf-8' });
  });

  it('matches Node for any well-formed string in UTF-8 and BOM-marked UTF-16LE (fuzz)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), (text) => {
        expect(decodeText(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')])).text).toBe(text);
        expect(decodeText(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')])).text).toBe(text);
      }),
      { numRuns: 2000 },
    );
  });

  it('agrees with Node TextDecoder on arbitrary bytes read as UTF-8, never throwing', () => {
    const decoder = new TextDecoder('utf-8');
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        const result = decodeText(bytes);
        if (result.encoding === 'utf-8' && !(bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)) {
          expect(result.text).toBe(decoder.decode(bytes));
        }
        expect(typeof result.text).toBe('string');
      }),
      { numRuns: 10000 },
    );
  });
});

describe('decodeText on ANSI code-page text', () => {
  it('does not mistake Windows-1252 text (invalid UTF-8, no zero bytes) for UTF-16', () => {
    const cp1252 = Buffer.from('L_MsgKmsListeningOnPort = "\xDCberwachung an Port: "\r\nL_MsgKmsPriLow = "KMS-Priorit\xE4t: Niedrig"\r\n', 'latin1');
    const result = decodeText(cp1252);
    expect(result.encoding).toBe('utf-8');
    expect(result.text).toContain('\uFFFDberwachung an Port');
  });
});
