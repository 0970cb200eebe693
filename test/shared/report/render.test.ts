import { describe, expect, it } from 'vitest';
import { diagnose } from '../../../shared/diagnose/index.js';
import { formatDiagnosisText } from '../../../shared/report/format-text.js';
import { renderHtmlReport, requestsChartSvg } from '../../../shared/report/render-html.js';
import { e12288, e12290, healthyClient, healthyHost, hostProbe, probes, product, slmgr, srv } from '../diagnose/evidence-builders.js';

describe('text output', () => {
  it('verdict first, then the root cause with its fix and what it explains, then the rest', () => {
    // A client in its grace period whose KMS port is filtered: one cause, three consequences, one unrelated warning.
    const r = diagnose(
      healthyClient({
        slmgr: slmgr([product({ licenseStatus: 'initialGrace' })]),
        clientEvents: [e12288('2026-11-19T08:00:00.000Z', '0xC004F074')],
        probes: probes([srv('ok', [{ target: 'kms01.contoso.com' }])], [hostProbe('timeout', 'skipped')]),
        system: { ...healthyClient().system!, elevated: false },
      }),
      { lang: 'en' },
    );
    const lines = formatDiagnosisText(r).split('\n');
    expect(lines[1]).toBe('Verdict: Problem — Root cause: KMS port kms01.contoso.com:1688 not reachable. It also explains 3 other findings.');
    expect(lines[2]).toBe('Checks passed: DNS SRV record _vlmcs._tcp, Client clock within 4 hours');
    const at = (text: string): number => lines.findIndex((l) => l.startsWith(text));
    expect(at('== Root cause ==')).toBeGreaterThan(2);
    expect(at('[problem] KMS port kms01.contoso.com:1688 not reachable')).toBe(at('== Root cause ==') + 2);
    // Its fix, where it runs and in which shell, before anything else.
    expect(lines[at('        Enable-NetFirewallRule -Name SPPSVC-In-TCP') - 1]).toBe('        [on the KMS host, PowerShell]');
    expect(at('  Also explained by this root cause:')).toBeLessThan(at('== Warnings (1) =='));
    expect(at('    - [problem] Activation request got no response from kms01.contoso.com:1688  (client.no-response)')).toBeGreaterThan(at('  Also explained by this root cause:'));
    expect(at('== Warnings (1) ==')).toBeLessThan(at('== Findings the root cause explains (3) =='));
    // The generic 0xC004F074 checklist no longer repeats what the probes proved (SRV found, port tested).
    expect(lines.some((l) => /nslookup -type=srv|Test-NetConnection kms01/.test(l) && !l.includes('-ComputerName'))).toBe(false);
  });

  it('a healthy client opens with what works and the checks that passed', () => {
    const text = formatDiagnosisText(diagnose(healthyClient(), { lang: 'en', now: '2026-11-20T09:00:00.000Z' }));
    expect(text.split('\n')[1]).toBe(
      'Verdict: Healthy — Windows is activated by kms01.contoso.com:1688 (last answer 2026-11-19 08:00 UTC). It renews in 6 days. The activation is valid until 2027-05-19 (180 days).',
    );
    expect(text).toContain('Checks passed: Licence of the Windows OS, DNS SRV record _vlmcs._tcp, TCP connection to the KMS host, KMS RPC endpoint answers, Activation requests answered, Client clock within 4 hours');
  });

  it('missing evidence is listed apart, with whether it could change the verdict', () => {
    const text = formatDiagnosisText(diagnose(healthyClient({ probes: null }), { lang: 'en' }));
    expect(text).toContain('Evidence that could not be collected:\n  - DNS and network checks (SRV record, TCP 1688, KMS RPC) (could change the verdict): No DNS SRV or port checks were found.');
    expect(text).not.toContain('collect.missing-evidence');
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
