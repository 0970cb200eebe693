import { describe, expect, it } from 'vitest';
import type { EventQueryFacts } from '../../../shared/bundle/manifest.js';
import { diagnose, type EvidenceSet } from '../../../shared/diagnose/index.js';
import { gapSchema } from '../../../shared/contract/operations.js';
import { clients, healthyHost, manifest } from './evidence-builders.js';

/** A host whose 12290 window holds 24 clients (below the 25 the client OS needs): host.count-below-threshold. */
const hostWith = (query: EventQueryFacts | null): EvidenceSet =>
  healthyHost({ manifest: manifest('host', undefined, query === null ? {} : { eventQueries: [query] }) }, clients(24));

const hostQuery = (o: Partial<EventQueryFacts> = {}): EventQueryFacts => ({
  kind: 'eventsKmsHostXml',
  records: 20000,
  maxEvents: 20000,
  windowDays: 30,
  capped: true,
  incomplete: null,
  ...o,
});

const countFinding = (e: EvidenceSet, lang: 'en' | 'ja' | 'zh-TW' = 'en') =>
  diagnose(e, { lang }).findings.find((f) => f.id === 'host.count-below-threshold');

describe('an incomplete event window (manifest eventQueries) is said by the findings that count it', () => {
  it('a capped host log: the count finding names the count read, the cap and the window; a gap changes the verdict', () => {
    const r = diagnose(hostWith(hostQuery()), { lang: 'en' });
    const finding = r.findings.find((f) => f.id === 'host.count-below-threshold');
    expect(finding?.explanation).toContain(
      'The event window is incomplete: 20000 events were read from Key Management Service log (12290), the cap of 20000, so the oldest part of the 30-day window is missing',
    );
    const gap = r.gaps.find((g) => g.id === 'collect.event-window-incomplete');
    expect(gap).toMatchObject({ evidence: 'eventsKmsHostXml', name: 'Key Management Service log (12290)', changesVerdict: true });
    expect(gap?.fix?.text).toContain('wevtutil qe');
    expect(gapSchema.safeParse(gap).success).toBe(true);
    // Findings that do not count the 12290 window carry no remark.
    for (const f of r.findings.filter((x) => !x.id.startsWith('host.count') && !x.id.startsWith('host.no-requests'))) {
      expect(f.explanation).not.toContain('event window is incomplete');
    }
  });

  it('an uncapped host log (and one without eventQueries): no remark and no gap, the same explanation', () => {
    const uncapped = diagnose(hostWith(hostQuery({ records: 24, capped: false })), { lang: 'en' });
    const none = diagnose(hostWith(null), { lang: 'en' });
    const explanation = uncapped.findings.find((f) => f.id === 'host.count-below-threshold')?.explanation;
    expect(explanation).toBeDefined();
    expect(explanation).not.toContain('incomplete');
    expect(explanation).toBe(none.findings.find((f) => f.id === 'host.count-below-threshold')?.explanation);
    expect(uncapped.gaps.map((g) => g.id)).not.toContain('collect.event-window-incomplete');
  });

  it('a query that stopped part-way gives its reason and the records read', () => {
    const f = countFinding(hostWith(hostQuery({ records: 812, capped: false, incomplete: 'timed out after 120 s' })));
    expect(f?.explanation).toContain('the query of Key Management Service log (12290) stopped after 812 events (timed out after 120 s)');
  });

  it('a capped client log does not remark the host findings, and its gap does not change the verdict', () => {
    const r = diagnose(hostWith(hostQuery({ kind: 'eventsApplicationSppXml' })), { lang: 'en' });
    expect(r.findings.find((f) => f.id === 'host.count-below-threshold')?.explanation).not.toContain('incomplete');
    expect(r.gaps.find((g) => g.id === 'collect.event-window-incomplete')).toMatchObject({ evidence: 'eventsApplicationSppXml', changesVerdict: false });
  });

  it('says it in Japanese and Traditional Chinese, with the count and the window', () => {
    const ja = countFinding(hostWith(hostQuery()), 'ja')?.explanation ?? '';
    const zh = countFinding(hostWith(hostQuery()), 'zh-TW')?.explanation ?? '';
    expect(ja).toContain('イベントの期間が不完全です');
    expect(ja).toMatch(/20000 件.*30 日間/);
    expect(zh).toContain('事件期間不完整');
    expect(zh).toMatch(/20000 個事件.*30 天/);
  });
});

describe('the incomplete-window sentence is worded from the manifest\'s codes, in every language', () => {
  const stopped = (o: Partial<EventQueryFacts>) => hostWith(hostQuery({ records: 812, capped: false, incomplete: 'stopped after 812 record(s): English text from the collector', ...o }));

  it('timeout: no English collector text in any language', () => {
    const e = stopped({ stopCode: 'timeout' });
    expect(countFinding(e)?.explanation).toContain('The event window is incomplete: reading Key Management Service log (12290) timed out after 812 events, so part of the 30-day window is missing');
    for (const lang of ['en', 'ja', 'zh-TW'] as const) expect(countFinding(e, lang)?.explanation).not.toContain('English text from the collector');
    expect(countFinding(e, 'ja')?.explanation).toContain('812 件の後にタイムアウトした');
    expect(countFinding(e, 'zh-TW')?.explanation).toContain('在 812 個事件後逾時');
  });

  it('process-error: the exit code of the reading program', () => {
    const e = stopped({ stopCode: 'process-error', exitCode: 15005 });
    expect(countFinding(e)?.explanation).toContain('the program reading Key Management Service log (12290) failed with exit code 15005 after 812 events');
    expect(countFinding(e, 'ja')?.explanation).toContain('終了コード 15005 で失敗した');
    expect(countFinding(e, 'zh-TW')?.explanation).toContain('結束代碼為 15005');
  });

  it('damaged records skipped: the count, alone or after the cap sentence; a gap says it too', () => {
    const alone = diagnose(hostWith(hostQuery({ records: 24, capped: false, skippedRecords: 115 })), { lang: 'en' });
    expect(alone.findings.find((f) => f.id === 'host.count-below-threshold')?.explanation).toContain('The event window is incomplete: 115 damaged records of Key Management Service log (12290) could not be read and were skipped');
    expect(alone.gaps.find((g) => g.id === 'collect.event-window-incomplete')?.explanation).toBe('The event window is incomplete: 115 damaged records of Key Management Service log (12290) could not be read and were skipped, so the counts here may be too low.');
    const one = countFinding(hostWith(hostQuery({ records: 24, capped: false, skippedRecords: 1 })));
    expect(one?.explanation).toContain('1 damaged record of Key Management Service log (12290) could not be read and was skipped');
    const both = countFinding(hostWith(hostQuery({ skippedRecords: 3 })), 'ja')?.explanation ?? '';
    expect(both).toMatch(/上限の 20000 件に達する.*可能性があります。イベントの期間が不完全です: Key Management Service ログ \(12290\) の破損したレコード 3 件/);
    expect(countFinding(hostWith(hostQuery({ records: 24, capped: false, skippedRecords: 2 })), 'zh-TW')?.explanation).toContain('有 2 筆損毀的記錄無法讀取而被略過');
  });

  it('no skipped records, no cap, no stop: no remark', () => {
    expect(countFinding(hostWith(hostQuery({ records: 24, capped: false, skippedRecords: 0, stopCode: null, reader: 'evtx-export' })))?.explanation).not.toContain('incomplete');
  });
});
