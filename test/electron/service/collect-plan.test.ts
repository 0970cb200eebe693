import { describe, expect, it } from 'vitest';
import { bundlePaths } from '../../../shared/bundle/manifest.js';
import { buildPowerShellInvocation, commandTemplates, languageModeProbe, powerShellCommand, type PowerShellTemplate, type ProcessTemplate } from '../../../electron/collect/windows/commands.js';
import { collectPlan, type PlannedCommand } from '../../../electron/service/collect-plan.js';

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
    case 'eventsKmsHostXml':
      return process(commandTemplates.kmsHostEvents, window);
    case 'eventsHostDnsPublishXml':
      return process(commandTemplates.hostDnsPublishEvents, window);
    case 'eventsApplicationSppXml':
      return process(commandTemplates.applicationSppEvents, window);
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

const steps = (plan: readonly PlannedCommand[]): string[] => plan.map((item) => item.step);

describe('collect --plan: what collect runs, from the same templates', () => {
  it('the host plan: each command is exactly its template, with its timeout and bundle output', async () => {
    const plan = await collectPlan({ role: 'host' });
    for (const item of plan.filter((entry) => entry.step !== 'probes')) {
      const want = expected(item.step);
      expect({ program: item.program, args: item.args, timeoutMs: item.timeoutMs }, item.step).toEqual({ program: want.file, args: want.args, timeoutMs: want.timeoutMs });
      expect(item.output).toBe(item.step === 'powershellLanguageMode' ? null : bundlePaths[item.step as keyof typeof bundlePaths]);
    }
    expect(steps(plan)).toEqual([
      'powershellLanguageMode', 'system', 'cimProducts', 'cimService', 'slmgrDlv',
      'slmgrDlvAll', 'slmgrIni', 'eventsKmsHostXml', 'eventsHostDnsPublishXml', 'eventsKmsHostEvtx', 'eventsHostDnsPublishEvtx', 'eventLogHealth', 'hostConfig', 'firewall', 'dnsClient', 'probes', 'probes',
    ]);
    // After the built-in probes, Resolve-DnsName for the same SRV names, from its template.
    const resolver = plan.at(-1)!;
    expect(resolver.script).toBe(buildPowerShellInvocation(commandTemplates.resolveSrv.script, { names: [] }));
    expect(resolver.timeoutMs).toBe(commandTemplates.resolveSrv.timeoutMs);
  });

  it('the host plan shows the fixes: Application-log 12293/12294, the ActiveStore firewall, the streamed wevtutil query', async () => {
    const plan = await collectPlan({ role: 'host' });
    const dns = plan.find((item) => item.step === 'eventsHostDnsPublishXml')!;
    expect(dns.args.slice(0, 2)).toEqual(['qe', 'Application']);
    expect(dns.args[2]).toContain('EventID=12293 or EventID=12294');
    expect(plan.find((item) => item.step === 'eventsKmsHostXml')!.args).toContain('/f:xml');
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
