import { describe, expect, it } from 'vitest';
import { unwrapPaste } from '../../../shared/parse/paste-forms.js';

const texts = (text: string): string[] => unwrapPaste(text).map((line) => line.text);

describe('unwrapPaste', () => {
  it('removes a provisioning-log prefix carried by every line, keeping the originals', () => {
    const lines = unwrapPaste('==> win11: Name: Windows(R), Professional edition\n==> win11: \n==> win11:     Current count: 3\n');
    expect(lines.map((line) => line.text)).toEqual(['Name: Windows(R), Professional edition', '', '    Current count: 3', '']);
    expect(lines[0]?.original).toBe('==> win11: Name: Windows(R), Professional edition');
  });

  it('removes markdown quote markers when most lines carry them, not when one does', () => {
    expect(texts('> Name: A\n> License Status: Licensed\n>\n> Partial Product Key: 2YT43')).toEqual(['Name: A', 'License Status: Licensed', '', 'Partial Product Key: 2YT43']);
    expect(texts('Name: A\n> quoted remark\nLicense Status: Licensed\nPartial Product Key: 2YT43\nDescription: x')).toContain('> quoted remark');
  });

  it('removes quotes around the whole paste only', () => {
    expect(texts('"C:\\>cscript slmgr.vbs /ato\nActivating ...\nC:\\>"')).toEqual(['C:\\>cscript slmgr.vbs /ato', 'Activating ...', 'C:\\>']);
    expect(texts('Name: "quoted" value')).toEqual(['Name: "quoted" value']);
  });

  it('drops the frame, title and button of a Windows Script Host dialog copied with Ctrl+C', () => {
    const copied = '---------------------------\nWindows Script Host\n---------------------------\nProduct activated successfully.\n---------------------------\nOK   \n---------------------------\n';
    expect(texts(copied).filter((line) => line !== '')).toEqual(['Product activated successfully.']);
  });

  it('unflattens the title and button of a dialog typed onto one line', () => {
    expect(texts('Windows Script Host: Error: 0xC004F074 No Key Management Service (KMS) could be contacted. OK')).toEqual(['Error: 0xC004F074 No Key Management Service (KMS) could be contacted.']);
  });
});
