import { describe, expect, it } from 'vitest';
import { diagnose } from '../../../shared/diagnose/index.js';
import { formatDiagnosisText } from '../../../shared/report/format-text.js';
import { renderHtmlReport, requestsChartSvg } from '../../../shared/report/render-html.js';
import { e12290, healthyClient, healthyHost, hostProbe, probes, product, slmgr, srv } from '../diagnose/evidence-builders.js';

describe('text output', () => {
  it('groups by severity in order, with evidence and commands', () => {
    // A client in its grace period: the closed port is what keeps it from activating (a problem).
    const r = diagnose(healthyClient({ slmgr: slmgr([product({ licenseStatus: 'initialGrace' })]), probes: probes([srv('ok', [{ target: 'kms01.contoso.com' }])], [hostProbe('refused', 'skipped')]), system: { ...healthyClient().system!, elevated: false } }), { lang: 'en' });
    const text = formatDiagnosisText(r);
    expect(text.indexOf('== Problems (2) ==')).toBeGreaterThan(-1);
    expect(text.indexOf('== Problems (2) ==')).toBeLessThan(text.indexOf('== Warnings (1) =='));
    expect(text).toContain('    network/probes.json: kms01.contoso.com:1688 (srv) → tcp refused 3 ms, rpc skipped');
    expect(text).toContain('        Test-NetConnection -ComputerName kms01.contoso.com -Port 1688');
  });

  it('cuts a very long evidence line in the terminal and says where the whole line is', () => {
    const r = diagnose(healthyClient({ probes: probes([srv('ok', [{ target: 'kms01.contoso.com' }])], [hostProbe('refused', 'skipped')]) }), { lang: 'en' });
    const [first] = r.findings;
    const long = `CMID 288f89bd: ${Array.from({ length: 60 }, (_, i) => `lab${i}.contoso.com`).join(', ')}`;
    const text = formatDiagnosisText({ ...r, findings: [{ ...first!, evidence: [{ source: 'events/kms-host.xml', excerpt: long }] }] });
    const line = text.split('\n').find((l) => l.startsWith('    events/kms-host.xml: '))!;
    expect(line).toContain(long.slice(0, 400));
    expect(line).not.toContain(long.slice(0, 401));
    expect(line).toContain(`… (${long.length - 400} more characters: the whole line is in --json and --html)`);
  });

  it('says so when there is nothing to report', () => {
    expect(formatDiagnosisText(diagnose(healthyClient(), { lang: 'ja' }))).toContain('検出事項はありません。');
  });
});

describe('HTML report', () => {
  it('escapes everything that came from the evidence (a hostile client name cannot inject markup)', () => {
    const hostile = '<script>alert(1)</script><img src=x onerror=alert(2)>';
    const r = diagnose(healthyHost({}, [e12290('2026-11-19T08:00:00.000Z', hostile, 'dup'), e12290('2026-11-19T09:00:00.000Z', 'pc2', 'dup')]), { lang: 'en' });
    const html = renderHtmlReport({ result: r, rawSources: [{ path: 'x"><b>', kind: 'unknown', text: hostile, truncated: false }], toolVersion: '1' });
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('x&quot;&gt;&lt;b&gt;');
  });

  it('draws one bar group per day, scaled to the busiest day', () => {
    const svg = requestsChartSvg([{ day: '2026-11-01', total: 10, failed: 0 }, { day: '2026-11-02', total: 5, failed: 5 }], { title: 'r', failed: 'f' });
    expect(svg.match(/<g>/g)).toHaveLength(2);
    expect(svg.match(/fill="#b3261e"/g)).toHaveLength(1);
    expect(svg).toContain('<title>2026-11-02: 5 (f 5)</title>');
  });
});
