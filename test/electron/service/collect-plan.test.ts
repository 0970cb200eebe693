import { describe, expect, it } from 'vitest';
import { bundlePaths } from '../../../shared/bundle/manifest.js';
import { buildPowerShellInvocation, commandTemplates, languageModeProbe, powerShellCommand, type PowerShellTemplate, type ProcessTemplate } from '../../../electron/collect/windows/commands.js';
import { queryExportFile } from '../../../electron/collect/windows/windows-collectors.js';
import { collectPlan, streamFallbackCondition, type PlannedCommand } from '../../../electron/service/collect-plan.js';

const env = { systemRoot: 'C:\\Windows' };
const window = { days: 30, maxEvents: 100_000 };
const work = (kind: keyof typeof bundlePaths): string => `C:\\Windows\\Temp\\kmsd-run-XXXXXX\\${bundlePaths[kind].replace(/\//g, '\\')}`;

/** What each step must run, built here from the templates directly (not through the collectors). */
function expected(step: string): { file: string; args: readonly string[]; timeoutMs: number } {
  const process = <P>(template: ProcessTemplate<P>, params: P) => ({ ...template.build(params, env), timeoutMs: template.timeoutMs });
  const powershell = <P>(template: PowerShellTemplate<P>, params: unknown = {}) => ({ ...powerShellCommand(env, buildPowerShellInvocation(template.script, params)), timeoutMs: template.timeoutMs });
  switch (step) {
    case 'slmgrDlv':
      return process(commandTemplates.slmgrDlv, {});
    case 'slmgrDlvAll':
      return process(commandTemplates.slmgrDlvAll, {});
    // An event query: its export first (the stream, its fallback, is checked apart).
    case 'eventsKmsHostXml':
      return process(commandTemplates.kmsHostEventsExport, { destination: queryExportFile(work('eventsKmsHostXml')), days: 30 });
    case 'eventsHostDnsPublishXml':
      return process(commandTemplates.hostDnsPublishEventsExport, { destination: queryExportFile(work('eventsHostDnsPublishXml')), days: 30 });
    case 'eventsApplicationSppXml':
      return process(commandTemplates.applicationSppEventsExport, { destination: queryExportFile(work('eventsApplicationSppXml')), days: 30 });
    case 'eventsKmsHostEvtx':
      return process(commandTemplates.wevtutilExportKmsHost, { destination: work('eventsKmsHostEvtx') });
    case 'eventsHostDnsPublishEvtx':
      return process(commandTemplates.wevtutilExportHostDnsPublish, { destination: work('eventsHostDnsPublishEvtx'), days: 30 });
    case 'eventsApplicationSppEvtx':
      return process(commandTemplates.wevtutilExportApplicationSpp, { destination: work('eventsApplicationSppEvtx'), days: 30 });
    case 'system':
      return powershell(commandTemplates.systemInfo);
    case 'cimProducts':
      return powershell(commandTemplates.cimProducts);
    case 'cimService':
      return powershell(commandTemplates.cimService);
    case 'slmgrIni':
      return powershell(commandTemplates.slmgrIni);
    case 'eventLogHealth':
      return powershell(commandTemplates.eventLogHealth);
    case 'hostConfig':
      return powershell(commandTemplates.kmsHostConfig);
    case 'firewall':
      return powershell(commandTemplates.firewall);
    case 'dnsClient':
      return powershell(commandTemplates.dnsClient);
    case 'kmsClientRegistry':
      return powershell(commandTemplates.kmsClientRegistry);
    case 'powershellLanguageMode':
      return { ...languageModeProbe(env), timeoutMs: 30_000 };
    default:
      throw new Error(`unexpected step ${step}`);
  }
}

const steps = (plan: readonly PlannedCommand[]): string[] => [...new Set(plan.map((item) => `${item.step}`))];

/** The `wevtutil qe` stream of an event step, the fallback of its export. */
const streamOf: Record<string, ProcessTemplate<typeof window>> = {
  eventsKmsHostXml: commandTemplates.kmsHostEvents,
  eventsHostDnsPublishXml: commandTemplates.hostDnsPublishEvents,
  eventsApplicationSppXml: commandTemplates.applicationSppEvents,
};

describe('collect --plan: what collect runs, from the same templates', () => {
  it('the host plan: each command is exactly its template, with its timeout and bundle output', async () => {
    const plan = await collectPlan({ role: 'host' });
    for (const item of plan.filter((entry) => entry.step !== 'probes' && entry.program !== '(built in)' && entry.onlyIf === undefined)) {
      const want = expected(item.step);
      expect({ program: item.program, args: item.args, timeoutMs: item.timeoutMs }, item.step).toEqual({ program: want.file, args: want.args, timeoutMs: want.timeoutMs });
      expect(item.output).toBe(item.step === 'powershellLanguageMode' ? null : bundlePaths[item.step as keyof typeof bundlePaths]);
    }
    expect(steps(plan)).toEqual([
      'powershellLanguageMode', 'system', 'cimProducts', 'cimService', 'slmgrDlv',
      'slmgrDlvAll', 'slmgrIni', 'eventsKmsHostXml', 'eventsHostDnsPublishXml', 'eventsKmsHostEvtx', 'eventsHostDnsPublishEvtx', 'eventLogHealth', 'hostConfig', 'firewall', 'dnsClient', 'probes',
    ]);
    // After the built-in probes, Resolve-DnsName for the same SRV names, from its template.
    const resolver = plan.at(-1)!;
    expect(resolver.script).toBe(buildPowerShellInvocation(commandTemplates.resolveSrv.script, { names: [] }));
    expect(resolver.timeoutMs).toBe(commandTemplates.resolveSrv.timeoutMs);
  });

  it('an event query: the export with its window, the built-in read, then the qe stream only as the fallback', async () => {
    const plan = await collectPlan({ role: 'both' });
    for (const [step, stream] of Object.entries(streamOf)) {
      const entries = plan.filter((item) => item.step === step);
      expect(entries.map((item) => item.program), step).toEqual(['C:\\Windows\\System32\\wevtutil.exe', '(built in)', 'C:\\Windows\\System32\\wevtutil.exe']);
      const [exported, read, streamed] = entries as [PlannedCommand, PlannedCommand, PlannedCommand];
      expect(exported.args[0]).toBe('epl');
      expect(exported.onlyIf).toBeUndefined();
      expect(read.args[0]).toBe(`read ${queryExportFile(work(step as keyof typeof bundlePaths))} with the built-in .evtx reader (damaged records skipped and counted)`);
      expect(read.args[1]).toBe(`write the newest 100000 records as event XML to ${work(step as keyof typeof bundlePaths)}`);
      const want = { ...stream.build(window, env), timeoutMs: stream.timeoutMs };
      expect({ program: streamed.program, args: streamed.args, timeoutMs: streamed.timeoutMs }).toEqual({ program: want.file, args: want.args, timeoutMs: want.timeoutMs });
      expect(streamed.onlyIf).toBe(streamFallbackCondition);
      // The export and the stream ask the same XPath.
      expect(exported.args.find((arg) => arg.startsWith('/q:'))).toBe(streamed.args.find((arg) => arg.startsWith('/q:')));
    }
  });

  it('the host plan shows the fixes: Application-log 12293/12294, the ActiveStore firewall, the exported wevtutil query', async () => {
    const plan = await collectPlan({ role: 'host' });
    const dns = plan.find((item) => item.step === 'eventsHostDnsPublishXml')!;
    expect(dns.args.slice(0, 2)).toEqual(['epl', 'Application']);
    expect(dns.args[3]).toContain('EventID=12293 or EventID=12294');
    expect(plan.find((item) => item.step === 'eventsKmsHostXml' && item.onlyIf !== undefined)!.args).toContain('/f:xml');
    expect(plan.find((item) => item.step === 'firewall')!.script).toContain('Get-NetFirewallRule -PolicyStore ActiveStore');
    expect(plan.every((item) => item.program === '(built in)' || /^C:\\Windows\\System32\\/.test(item.program))).toBe(true);
  });

  it('the client plan has the client steps and none of the host ones; no role means every step', async () => {
    const client = steps(await collectPlan({ role: 'client' }));
    expect(client).toEqual(expect.arrayContaining(['eventsApplicationSppXml', 'eventsApplicationSppEvtx', 'kmsClientRegistry', 'dnsClient']));
    expect(client).not.toContain('firewall');
    expect(client).not.toContain('eventsHostDnsPublishXml');
    const both = steps(await collectPlan({ role: 'both' }));
    expect(both).toEqual(expect.arrayContaining(['firewall', 'eventsApplicationSppXml']));
  });
});
