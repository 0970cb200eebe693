// What a printed /ato answer concludes (shared/diagnose/rules): a failure without a code, a failure a later
// success superseded, an answer of Microsoft's activation server, and a KMS host's own key. The texts are
// slmgr.vbs's own English strings (L_MsgActivating, L_MsgActivated_Failed, L_MsgActivated,
// L_MsgErrorLicenseNotInUse; ../shared/knowledge/SLMGR-LABELS.json), read through the real parser.
import { describe, expect, it } from 'vitest';
import { diagnose, emptyEvidence, type EvidenceSet } from '../../../shared/diagnose/index.js';
import { changesLicence } from '../../../shared/diagnose/fix-commands.js';
import { parseSlmgrText } from '../../../shared/parse/slmgr.js';
import { manifest } from './evidence-builders.js';
import { commandProblems } from './shell-readers.js';

const evidenceOf = (text: string, o: Partial<EvidenceSet> = {}): EvidenceSet => ({
  ...emptyEvidence,
  slmgr: parseSlmgrText(text),
  slmgrSource: 'slmgr.txt',
  rawSources: [{ path: 'slmgr.txt', kind: 'unknown', text, truncated: false }],
  ...o,
});
const problems = (e: EvidenceSet) => diagnose(e, { lang: 'en' }).findings.filter((f) => f.severity !== 'info' && !f.id.startsWith('collect.'));

const proActivation = 'Activating Windows(R), Professional edition (2de67392-b7a7-462a-b1ca-108dd189f588) ...';
const failedNoCode = `${proActivation}\nError: Product activation failed.\n`;

describe('an /ato failure without an error code', () => {
  it('is an activation error that says the code is not shown, in every language, with commands its shell reads', () => {
    const e = evidenceOf(failedNoCode);
    const result = diagnose(e, { lang: 'en' });
    expect(result.role).toBe('client');
    expect(result.verdict.state).toBe('problem');
    const finding = result.findings[0]!;
    expect(finding.id).toBe('client.activation-error');
    expect(finding.title).toBe('Activation failed (no error code shown)');
    expect(finding.explanation).toContain('printed "Error: Product activation failed." without an error code');
    expect(finding.explanation).not.toMatch(/\{\{|undefined|null/);
    expect(finding.evidence[0]?.excerpt).toBe('Error: Product activation failed.');
    for (const lang of ['ja', 'zh-TW'] as const) {
      const localized = diagnose(e, { lang }).findings[0]!;
      expect(localized.title).not.toBe(finding.title);
      expect(localized.title).not.toContain('titleNoCode');
      expect(commandProblems(localized)).toEqual([]);
    }
    expect(commandProblems(finding)).toEqual([]);
    expect(finding.fixes.map((f) => f.command ?? '')).toEqual([expect.stringMatching(/^wevtutil qe Application .*EventID=8198/), expect.stringMatching(/slmgr\.vbs \/ato$/)]);
  });

  it('is history when a later /ato of the same product succeeded', () => {
    expect(problems(evidenceOf(`${failedNoCode}${proActivation}\nProduct activated successfully.\n`))).toEqual([]);
    // A coded failure the same way.
    expect(problems(evidenceOf(`${proActivation}\nError: 0xC004F074 The Software Licensing Service reported that the computer could not be activated. No Key Management Service (KMS) could be contacted. Please see the Application Event Log for additional information.\n${proActivation}\nProduct activated successfully.\n`))).toEqual([]);
  });

  it('still counts when the later success was another product', () => {
    const other = 'Activating Office 16, Office16ProPlusVL_KMS_Client edition (d450596f-894d-49e0-966a-fd39ed4c4c64) ...\nProduct activated successfully.\n';
    expect(problems(evidenceOf(`${failedNoCode}${other}`)).map((f) => f.id)).toEqual(['client.activation-error']);
  });
});

describe("an answer of Microsoft's activation server (0xC004C008: a MAK or KMS host key over its limit)", () => {
  const text = 'Error: 0xC004C008 The activation server determined that the specified product key could not be used.\n';

  it('leaves the role unknown and still reports the error, with no retry that would fail again', () => {
    const result = diagnose(evidenceOf(text), { lang: 'en' });
    expect(result.role).toBe('unknown');
    expect(result.verdict.rootCause).toBe('client.activation-error');
    const finding = result.findings[0]!;
    expect(finding.title).toContain('0xC004C008');
    expect(finding.fixes.some((f) => /\/ato/.test(f.command ?? ''))).toBe(false);
    expect(finding.fixes.map((f) => f.text).join(' ')).toMatch(/Activation Center/);
  });
});

describe("a KMS host's own /ato", () => {
  const ws2003 = 'Activating Windows(TM) Server 2003 KMS, KmsW2k3Prs edition (aaaaaaaa-aaaa-aaaa-aaaa-aaaaaaaaaaaa) ...\n';

  it('is a host whose key is there: no "not a KMS host", no problem', () => {
    const result = diagnose(evidenceOf(`${ws2003}Product activated successfully.\n`), { lang: 'en' });
    expect(result.role).toBe('host');
    expect(result.findings.map((f) => f.id)).not.toContain('host.not-kms-host');
    expect(result.findings.filter((f) => f.severity === 'problem')).toEqual([]);
  });

  it('that failed is a host key not activated, with the code', () => {
    const result = diagnose(evidenceOf(`${ws2003}Error: 0xC004C008 The activation server determined that the specified product key could not be used.\n`), { lang: 'en' });
    expect(result.role).toBe('host');
    expect(result.findings.map((f) => f.id)).toEqual(['host.not-licensed']);
    expect(result.findings[0]!.explanation).toContain('0xC004C008');
    expect(result.findings[0]!.explanation).toContain('Windows(TM) Server 2003 KMS, KmsW2k3Prs edition');
    for (const lang of ['en', 'ja', 'zh-TW'] as const) {
      const localized = diagnose(evidenceOf(`${ws2003}Error: 0xC004C008 The activation server determined that the specified product key could not be used.\n`), { lang }).findings[0]!;
      expect(localized.title).toContain('0xC004C008');
      expect(`${localized.title} ${localized.explanation}`).not.toMatch(/titleAttempt|explanationAttempt|\{\{/);
      expect(commandProblems(localized)).toEqual([]);
    }
  });
});

describe("a KMS host's own /ato that failed without an error code", () => {
  const ws2003 = 'Activating Windows(TM) Server 2003 KMS, KmsW2k3Prs edition (aaaaaaaa-aaaa-aaaa-aaaa-aaaaaaaaaaaa) ...\n';
  const failed = `${ws2003}Error: Product activation failed.\n`;

  it('is a host key not activated, that says the code is not shown and where it is, in every language', () => {
    const result = diagnose(evidenceOf(failed), { lang: 'en' });
    expect(result.role).toBe('host');
    expect(result.verdict.state).toBe('problem');
    expect(result.findings.map((f) => f.id)).toEqual(['host.not-licensed']);
    const finding = result.findings[0]!;
    expect(finding.title).toBe('The KMS host key was not activated (activation failed, no error code shown)');
    expect(finding.explanation).toContain('Windows(TM) Server 2003 KMS, KmsW2k3Prs edition');
    expect(finding.explanation).toContain('printed "Error: Product activation failed." without an error code');
    expect(finding.explanation).toMatch(/event 8198 in the Application log/);
    expect(finding.evidence.map((e) => e.excerpt)).toContain('Error: Product activation failed.');
    // Read the code first, then activate again: the host key is not activated, so /ato harms nothing.
    expect(finding.fixes.map((f) => [f.runOn, f.command ?? ''])).toEqual([
      ['host', expect.stringMatching(/^wevtutil qe Application .*EventID=8198/)],
      ['host', expect.stringMatching(/slmgr\.vbs \/ato$/)],
    ]);
    for (const lang of ['en', 'ja', 'zh-TW'] as const) {
      const localized = diagnose(evidenceOf(failed), { lang }).findings[0]!;
      expect(localized.id).toBe('host.not-licensed');
      expect(`${localized.title} ${localized.explanation} ${localized.fixes.map((f) => f.text).join(' ')}`).not.toMatch(/titleNoCode|explanationNoCode|fix\.|\{\{|undefined/);
      expect(localized.explanation).toContain('8198');
      expect(localized.explanation).toContain('Error: Product activation failed.');
      expect(commandProblems(localized)).toEqual([]);
      if (lang !== 'en') expect(localized.title).not.toBe(finding.title);
    }
  });

  it('is history when a later /ato succeeded, and gives way to a failure that shows its code', () => {
    expect(problems(evidenceOf(`${failed}${ws2003}Product activated successfully.\n`))).toEqual([]);
    const coded = problems(evidenceOf(`${failed}${ws2003}Error: 0xC004C008 The activation server determined that the specified product key could not be used.\n`));
    expect(coded.map((f) => f.id)).toEqual(['host.not-licensed']);
    expect(coded[0]!.title).toContain('0xC004C008');
  });

  it('says nothing, and offers no /ato, when the same output shows the host key licensed', () => {
    const licensed = [
      'Name: Windows(TM) Server 2003 KMS, KmsW2k3Prs edition',
      'Description: Windows Operating System - Windows(TM) Server 2003 KMS, VOLUME_KMS channel',
      'Partial Product Key: J3YKD',
      'License Status: Licensed',
      '',
    ].join('\n');
    const result = diagnose(evidenceOf(`${failed}${licensed}`), { lang: 'en' });
    expect(result.role).toBe('host');
    expect(result.findings.map((f) => f.id)).not.toContain('host.not-licensed');
    expect(result.findings.flatMap((f) => f.fixes).filter((f) => changesLicence(f.command ?? '') !== null)).toEqual([]);
  });
});

describe('a KMS host licence whose key was removed ("This license is not in use.")', () => {
  const removed = [
    'Name: Microsoft Office 2010, KMSHost edition',
    'Description: Microsoft Office 2010 KMS, VOLUME_KMS channel',
    'Activation ID: bfe7a195-4f8f-4f0b-a622-cf13c7d16864',
    'This license is not in use.',
    'License Status: Unlicensed',
    '',
  ].join('\n');

  it('is not a host key to activate: no /ato on a licence without a key, nothing wrong when nothing says it is meant to be a host', () => {
    const result = diagnose(evidenceOf(removed), { lang: 'en' });
    expect(result.role).toBe('unknown');
    expect(result.findings.filter((f) => f.severity !== 'info' && !f.id.startsWith('collect.'))).toEqual([]);
  });

  // parse then decides the role from the /ato answer (the licence says nothing): the licence is still keyless.
  it('with an /ato answer beside it, is still a licence without a key, not a host key to activate', () => {
    const result = diagnose(evidenceOf(`${removed}${failedNoCode}`, { manifest: manifest('host') }), { lang: 'en' });
    expect(parseSlmgrText(`${removed}${failedNoCode}`).roleReason.code).toBe('activation-output');
    expect(result.findings.map((f) => f.id)).toContain('host.not-kms-host');
    expect(result.findings.map((f) => f.id)).not.toContain('host.not-licensed');
    expect(result.findings[0]!.evidence[0]?.excerpt).toBe('License Status: Unlicensed');
  });

  it('on a machine collected as a host, says it is no KMS host because the licence has no key, in every language', () => {
    for (const lang of ['en', 'ja', 'zh-TW'] as const) {
      const result = diagnose(evidenceOf(removed, { manifest: manifest('host') }), { lang });
      expect(result.findings.map((f) => f.id)).toEqual(['host.not-kms-host']);
      const finding = result.findings[0]!;
      expect(finding.explanation).toContain('Microsoft Office 2010, KMSHost edition');
      expect(finding.explanation).not.toContain('VOLUME_KMS');
      expect(finding.evidence[0]?.excerpt).toBe('License Status: Unlicensed');
      expect(commandProblems(finding)).toEqual([]);
      // Installing a host key is the fix for a host without one, with its caution; nothing re-activates a keyless licence by its ID.
      expect(finding.fixes.map((f) => f.command ?? '').filter((c) => changesLicence(c) !== null).every((c) => !c.includes('bfe7a195'))).toBe(true);
    }
  });
});
