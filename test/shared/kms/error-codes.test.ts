import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalHresult, isActivationServerAnswer, isSuccessHresult, knownErrorCodes, lookupErrorCode, normalizeHresult } from '../../../shared/kms/error-codes.js';

// A copy of the knowledge file, so the "every code" check runs on a clean clone too.
const catalogDoc = readFileSync(new URL('./fixtures/ERROR-CODES.md', import.meta.url), 'utf8');
const documentedCodes = [
  ...new Set(
    catalogDoc
      .split('\n')
      .filter((line) => /^\| 0x/.test(line))
      .flatMap((line) => (line.split('|')[1] ?? '').match(/0x[0-9A-F]{8}/g) ?? []),
  ),
];

describe('normalizeHresult', () => {
  it.each([
    ['0xC004F074', '0xC004F074'],
    ['0xc004f074', '0xC004F074'],
    ['C004F074', '0xC004F074'],
    ['c004f074', '0xC004F074'],
    ['-1073418124', '0xC004F074'],
    [' 0xC004F074 ', '0xC004F074'],
    ['0x0', '0x00000000'],
    ['0x00000000', '0x00000000'],
    ['0', '0x00000000'],
    ['80070005', '0x80070005'],
    ['3221549172', '0xC004F074'],
  ])('reads %s as %s', (input, expected) => {
    expect(normalizeHresult(input)).toBe(expected);
  });

  it('reads numbers, signed and unsigned', () => {
    expect(normalizeHresult(-1073418124)).toBe('0xC004F074');
    expect(normalizeHresult(0xc004f074)).toBe('0xC004F074');
    expect(normalizeHresult(0)).toBe('0x00000000');
  });

  it.each(['', 'hello', '0x', '0x1234567890', '0xG0000000', '-', '99999999999', '1.5', 'C004F074 extra'])('rejects %j', (input) => {
    expect(normalizeHresult(input)).toBeNull();
  });

  it('rejects non-integers and values outside 32 bits', () => {
    expect(normalizeHresult(1.5)).toBeNull();
    expect(normalizeHresult(0x100000000)).toBeNull();
    expect(normalizeHresult(-0x80000001)).toBeNull();
    expect(normalizeHresult(Number.NaN)).toBeNull();
  });

  it('round-trips every 32-bit value through hex, bare hex and signed decimal', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0xffffffff }), (value) => {
        const canonical = `0x${value.toString(16).toUpperCase().padStart(8, '0')}`;
        expect(normalizeHresult(canonical.toLowerCase())).toBe(canonical);
        expect(normalizeHresult(canonical.slice(2))).toBe(canonical);
        // Eight bare digits read as hex (the HRESULT form wins), so only other decimals round-trip.
        if (!/^\d{8}$/.test(String(value | 0))) expect(normalizeHresult(String(value | 0))).toBe(canonical);
        expect(normalizeHresult(value | 0)).toBe(canonical);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('lookupErrorCode', () => {
  it('has found every code of ERROR-CODES.md in the document', () => {
    expect(documentedCodes.length).toBeGreaterThanOrEqual(36);
  });

  it.each(documentedCodes)('knows %s with a name, a meaning, causes and fixes in en, ja and zh-TW', (code) => {
    const info = lookupErrorCode(code);
    expect(info.known).toBe(true);
    expect(info.hresult).toBe(code);
    // ERROR-CODES.md gives no symbol for these two; every other documented code has one.
    if (code === '0x80092328' || code === '0x8004FE21') expect(info.name).toBeNull();
    else expect(info.name).toBeTruthy();
    for (const text of [info.meaning, ...info.causes, ...info.fixes.map((fix) => fix.text)]) {
      expect(text.en.length).toBeGreaterThan(3);
      // Japanese text carries kana; Traditional Chinese carries Han and no kana.
      expect(text.ja).toMatch(/[\u3040-\u30ff]/);
      expect(text['zh-TW']).toMatch(/[\u4e00-\u9fff]/);
      expect(text['zh-TW']).not.toMatch(/[\u3040-\u30ff]/);
    }
    expect(info.causes.length).toBeGreaterThan(0);
    expect(info.fixes.length).toBeGreaterThan(0);
    expect(info.docs.length).toBeGreaterThan(0);
    for (const doc of info.docs) expect(doc).toMatch(/^https:\/\/learn\.microsoft\.com\//);
  });

  it('catalogs beyond the document only codes slmgr.vbs itself names (L_MsgError_<code>)', () => {
    const slmgrCodes = new Set(['0xC004F025', '0x80070057', '0xC004F075', '0xC004D307', '0xC004F066', '0xC004F064', '0xC004F065', '0xC004C017', '0xC004B100', '0xC004F02C', '0xC004F304', '0xC004F305']);
    for (const code of knownErrorCodes) expect(documentedCodes.includes(code) || slmgrCodes.has(code), code).toBe(true);
    for (const code of slmgrCodes) expect(lookupErrorCode(code).known).toBe(true);
  });

  it('gives every catalogued code all three languages', () => {
    for (const code of knownErrorCodes) {
      const info = lookupErrorCode(code);
      for (const text of [info.meaning, ...info.causes, ...info.fixes.map((fix) => fix.text)]) {
        expect(text.ja, code).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
        expect(text['zh-TW'], code).toMatch(/[\u4e00-\u9fff]/);
      }
    }
  });

  it('gives the symbolic names of the document', () => {
    expect(lookupErrorCode('0xC004F074').name).toBe('SL_E_VL_BINDING_SERVICE_UNAVAILABLE');
    expect(lookupErrorCode('-1073418184').name).toBe('SL_E_VL_NOT_ENOUGH_COUNT');
    expect(lookupErrorCode('c004f042').name).toBe('SL_E_VL_KEY_MANAGEMENT_SERVICE_ID_MISMATCH');
    expect(lookupErrorCode('0x8007232b').name).toBe('DNS_ERROR_RCODE_NAME_ERROR');
  });

  it('uses the terminology of Microsoft localized KMS article', () => {
    const info = lookupErrorCode('0xC004F074');
    expect(info.meaning.ja).toContain('KMS ホスト');
    expect(info.meaning['zh-TW']).toContain('KMS 主機');
    expect(lookupErrorCode('0xC004F009').meaning['zh-TW']).toContain('寬限期');
    expect(lookupErrorCode('0xC004F009').meaning.ja).toContain('猶予期間');
  });

  it('gives commands with its fixes', () => {
    const commands = lookupErrorCode('0xC004F074').fixes.map((fix) => fix.command);
    expect(commands).toContain('w32tm /resync');
    expect(commands.some((command) => command?.includes('Test-NetConnection') === true)).toBe(true);
  });

  it('says so for an unknown code and gives the slui hint', () => {
    const info = lookupErrorCode('0xc0001234');
    expect(info).toMatchObject({ hresult: '0xC0001234', known: false, name: null });
    expect(info.meaning.en).toContain('not in');
    expect(info.fixes[0]?.command).toBe('slui.exe 0x2a 0xC0001234');
  });

  it('says so for text that is no code at all, without a slui hint', () => {
    const info = lookupErrorCode('not-a-code');
    expect(info.known).toBe(false);
    expect(info.meaning.en).toContain('not an HRESULT');
    expect(info.fixes).toEqual([]);
  });

  it('never throws on any string or number', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.double(), fc.integer()), (input) => {
        const info = lookupErrorCode(input);
        expect(typeof info.known).toBe('boolean');
      }),
      { numRuns: 10000 },
    );
  });
});

describe('canonicalHresult and isSuccessHresult', () => {
  it('groups every spelling of one code and keeps text that is no code', () => {
    for (const spelling of ['0xc004f038', '0xC004F038', 'C004F038', '-1073418184', ' 0xC004F038 ']) expect(canonicalHresult(spelling), spelling).toBe('0xC004F038');
    expect(canonicalHresult(' not a code ')).toBe('not a code');
  });

  it('counts 0 and the informational 0x4004F040 as success, an error code as not', () => {
    for (const success of [undefined, null, '0x0', '0x00000000', '0x4004f040', '0x4004F040']) expect(isSuccessHresult(success), String(success)).toBe(true);
    for (const failure of ['0xC004F038', '0x80070005', 'garbage']) expect(isSuccessHresult(failure), failure).toBe(false);
  });
});

describe('isActivationServerAnswer', () => {
  // ERROR-CODES.md: 0xC004C0xx "The activation server determined/reported …" (SL_E_CHPA_*), MAK or KMS host keys.
  it('is true for the activation server\'s answers, in any spelling, and false for a KMS host\'s', () => {
    for (const code of ['0xC004C008', '0xc004c003', 'C004C020', '0xC004C001']) expect(isActivationServerAnswer(code), code).toBe(true);
    for (const code of ['0xC004F074', '0xC004F038', '0x8007232B', 'nonsense', null]) expect(isActivationServerAnswer(code), String(code)).toBe(false);
  });
});
