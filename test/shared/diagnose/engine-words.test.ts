// The engine words what it read in the report's language: a licence state by its id, a collector's failure
// by its code; slmgr's English status word and the collector's own message stay, verbatim, as evidence.
import { describe, expect, it } from 'vitest';
import { diagnose } from '../../../shared/diagnose/index.js';
import { licenseStates } from '../../../shared/kms/license.js';
import { cases } from './finding-cases.js';

/** Runs of two or more English words, as the screens test looks for them, less names never translated. */
function englishRuns(text: string): string[] {
  const names = /Windows\(R\),? [A-Za-z]+ edition|Windows( Server)?( \d+)?|Key Management Service|Active Directory|Windows PowerShell|KMS|VBScript|WDAC|AppLocker|PowerShell|slmgr\.vbs|\/dlv( all)?/g;
  return [...text.replace(names, ' ').matchAll(/[A-Za-z][A-Za-z'’]+(?:[ \u00a0]+[A-Za-z][A-Za-z'’]+)+/g)].map((m) => m[0]);
}

describe('what the engine quotes is worded in the language', () => {
  for (const lang of ['ja', 'zh-TW'] as const) {
    it(`the licence state of a finding's title and explanation in ${lang}, slmgr's word kept as evidence`, () => {
      for (const id of ['client.not-activated', 'host.not-licensed'] as const) {
        const finding = diagnose(cases[id].trigger, { lang }).findings.find((f) => f.id === id)!;
        for (const state of licenseStates) expect(finding.title, id).not.toContain(state.slmgrText);
        expect(englishRuns(`${finding.title} ${finding.explanation}`), id).toEqual([]);
        expect(finding.title).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]+[)）]$/);
      }
      const host = diagnose(cases['host.not-licensed'].trigger, { lang }).findings.find((f) => f.id === 'host.not-licensed')!;
      expect(host.evidence.some((e) => e.excerpt.includes('Initial grace period'))).toBe(true);
    });

    it(`a collector's failure in ${lang}: the finding and the gap say why by code, the message is the evidence`, () => {
      const evidence = { ...cases['collect.failed'].trigger, failedCollectors: [{ collector: 'eventsApplicationSppXml', reason: 'Access is denied (Exception from HRESULT: 0x80070005 (E_ACCESSDENIED)) (UnauthorizedAccessException)', missing: ['events/application-spp.xml'] }] };
      const result = diagnose(evidence, { lang });
      const finding = result.findings.find((f) => f.id === 'collect.failed')!;
      const gap = result.gaps.find((g) => g.id === 'collect.failed')!;
      for (const text of [finding.title, finding.explanation, gap.explanation]) {
        expect(text).not.toContain('Access is denied');
        expect(englishRuns(text)).toEqual([]);
      }
      expect(finding.explanation).toMatch(lang === 'ja' ? /アクセスが拒否されました/ : /存取遭拒/);
      expect(finding.evidence[0]!.excerpt).toContain('Access is denied (Exception from HRESULT: 0x80070005 (E_ACCESSDENIED))');
    });
  }

  it('English reads as before: the state in slmgr\'s words, the reason as a plain clause', () => {
    const finding = diagnose(cases['host.not-licensed'].trigger, { lang: 'en' }).findings.find((f) => f.id === 'host.not-licensed')!;
    expect(finding.title).toBe('The KMS host key is not activated (Initial grace period)');
    const failed = diagnose(cases['collect.failed'].trigger, { lang: 'en' }).findings.find((f) => f.id === 'collect.failed')!;
    expect(failed.explanation).toBe('slmgr /dlv all failed (VBScript is not installed (an optional feature since Windows 11 24H2)). Missing as a result: slmgrDlvAll; findings that need it could not be checked.');
  });
});
