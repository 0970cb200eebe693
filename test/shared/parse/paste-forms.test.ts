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

  it('reads the dialog title followed by its text after a space only, never the WSH banner', () => {
    expect(texts('Windows Script Host Activating Windows(R), ServerDatacenter edition (00091344-1ea4-4f37-b789-01750ba6988c) ... Error: 0x80070005 Access denied')).toEqual([
      'Activating Windows(R), ServerDatacenter edition (00091344-1ea4-4f37-b789-01750ba6988c) ... Error: 0x80070005 Access denied',
    ]);
    expect(texts('Windows Script Host Version 5.812')).toEqual(['Windows Script Host Version 5.812']);
  });

  it("removes markdown hard breaks when most lines end in one, and bold marks, but never a mask's stars", () => {
    expect(texts('Event ID:      8198\\\nComputer:      PC1\\\nhr=0xC004F074')).toEqual(['Event ID:      8198', 'Computer:      PC1', 'hr=0xC004F074']);
    expect(texts('Path: C:\\Windows\\\nName: A\nDescription: B')).toEqual(['Path: C:\\Windows\\', 'Name: A', 'Description: B']);
    expect(texts('**Error: 0x8007232A** DNS server failure.')).toEqual(['Error: 0x8007232A DNS server failure.']);
    expect(texts('Partial Product Key: *****')).toEqual(['Partial Product Key: *****']);
  });

  it("removes the indentation a page gave every line when slmgr's own nesting shows under it", () => {
    expect(texts('    Name: A\n    Description: B\n        Client Machine ID (CMID): x\n')).toEqual(['Name: A', 'Description: B', '    Client Machine ID (CMID): x', '']);
    expect(texts('    Current count: 3\n    Listening on Port: 1688\n')).toEqual(['    Current count: 3', '    Listening on Port: 1688', '']);
  });
});
