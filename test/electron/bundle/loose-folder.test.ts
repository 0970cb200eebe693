import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { classifyEvidence } from '../../../electron/bundle/loose-folder.js';

const slmgrHost = readFileSync(new URL('./fixtures/slmgr-dlv-host-office-en-01.txt', import.meta.url));

describe('classifyEvidence (loose files are recognised by content, not by name)', () => {
  it('recognises slmgr text in UTF-8 and UTF-16LE with BOM', () => {
    expect(classifyEvidence('whatever.log', slmgrHost).kind).toBe('slmgrDlv');
    expect(classifyEvidence('x', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(slmgrHost.toString('utf8'), 'utf16le')])).kind).toBe('slmgrDlv');
  });

  it('reads slmgr text with several licences as /dlv all', () => {
    const multi = readFileSync(new URL('../../fixtures/real-world/constructed/slmgr-dlv-all-multi-01.txt', import.meta.url));
    expect(classifyEvidence('out.txt', multi).kind).toBe('slmgrDlvAll');
  });

  it('tells host from client event XML by the event ids', () => {
    expect(classifyEvidence('a.xml', Buffer.from('<Events><Event><System><EventID>12290</EventID></System></Event></Events>')).kind).toBe('eventsKmsHostXml');
    expect(classifyEvidence('a.xml', Buffer.from('<Events><Event><System><EventID>12288</EventID></System></Event></Events>')).kind).toBe('eventsApplicationSppXml');
  });

  it('recognises .evtx by its magic, JSON evidence by its keys, and slmgr.ini by its labels', () => {
    expect(classifyEvidence('kms.evtx', Buffer.from('ElfFile\0rest', 'latin1')).kind).toBe('eventsKmsHostEvtx');
    expect(classifyEvidence('app.evtx', Buffer.from('ElfFile\0rest', 'latin1')).kind).toBe('eventsApplicationSppEvtx');
    expect(classifyEvidence('p.json', Buffer.from(JSON.stringify({ srv: [], hosts: [] }))).kind).toBe('probes');
    expect(classifyEvidence('c.json', Buffer.from(JSON.stringify([{ PartialProductKey: 'T83GX', LicenseStatus: 1 }]))).kind).toBe('cimProducts');
    expect(classifyEvidence('s.json', Buffer.from(JSON.stringify({ ClientMachineID: 'x' }))).kind).toBe('cimService');
    expect(classifyEvidence('d.json', Buffer.from(JSON.stringify({ SuffixSearchList: [], ServerAddresses: [] }))).kind).toBe('dnsClient');
    expect(classifyEvidence('labels.txt', Buffer.from('L_MsgLicenseStatusLicensed_1="Licensed"\n')).kind).toBe('slmgrIni');
  });

  it('leaves anything else as "other" (kept under extra/, never guessed)', () => {
    expect(classifyEvidence('notes.txt', Buffer.from('the customer says it broke on Monday')).kind).toBe('other');
    expect(classifyEvidence('x.json', Buffer.from('{"unrelated": true}')).kind).toBe('other');
    expect(classifyEvidence('x.json', Buffer.from('{ broken')).kind).toBe('other');
  });
});
