import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildPowerShellInvocation, commandTemplates, decodeEncodedCommand, encodePowerShellParams, eventQueries, eventXPath, languageModeProbe, powerShellCommand, validSystemRoot } from '../../../../electron/collect/windows/commands.js';

const literal = /FromBase64String\('([^']*)'\)/;

describe('PowerShell parameters never become script text', () => {
  it('any value (quotes, $(), backticks, newlines, ;) reaches the script only as base64 and decodes back unchanged', () => {
    const template = commandTemplates.firewall.script;
    const skeleton = buildPowerShellInvocation(template, {}).replace(literal, "FromBase64String('')");
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.oneof(fc.string(), fc.integer(), fc.boolean())), (params) => {
        const line = buildPowerShellInvocation(template, params);
        const encoded = literal.exec(line)?.[1];
        expect(encoded).toMatch(/^[A-Za-z0-9+/]*={0,2}$/);
        // The script around the literal is the same for every input.
        expect(line.replace(literal, "FromBase64String('')")).toBe(skeleton);
        expect(JSON.parse(Buffer.from(encoded!, 'base64').toString('utf8'))).toEqual(JSON.parse(JSON.stringify(params)));
      }),
    );
  });

  it('a hostile value stays inert', () => {
    const hostile = { domain: "x'; Remove-Item -Recurse C:\\ ; '$(calc)`" };
    const line = buildPowerShellInvocation('$p.domain', hostile);
    expect(line).not.toContain('Remove-Item');
    expect(line).not.toContain('calc');
    expect(encodePowerShellParams(hostile)).toBe(Buffer.from(JSON.stringify(hostile)).toString('base64'));
  });

  it('every script template is one line (the wrapper embeds it in one statement)', () => {
    for (const [id, template] of Object.entries(commandTemplates)) {
      if (template.kind === 'powershell') expect(template.script, id).not.toMatch(/[\r\n]/);
    }
  });

  it('the event window parameters are validated before anything runs', () => {
    expect(commandTemplates.hostDnsPublishEvents.params.safeParse({ days: 30, maxEvents: 0 }).success).toBe(false);
    expect(commandTemplates.kmsHostEvents.params.safeParse({ days: 30, maxEvents: 100 }).success).toBe(true);
    expect(commandTemplates.kmsHostEvents.params.safeParse({ days: 0, maxEvents: 100 }).success).toBe(false);
    expect(commandTemplates.kmsHostEvents.params.safeParse({ days: 30, maxEvents: 100, script: 'x' }).success).toBe(false);
  });

  it('%SystemRoot% is used only when it is a plain drive path', () => {
    expect(validSystemRoot('D:\\Windows')).toBe('D:\\Windows');
    expect(validSystemRoot('C:\\Windows" /evil')).toBe('C:\\Windows');
    expect(validSystemRoot(undefined)).toBe('C:\\Windows');
    expect(validSystemRoot('\\\\server\\share')).toBe('C:\\Windows');
  });
});

const env = { systemRoot: 'C:\\Windows' };

describe('the templates as Windows needs them', () => {
  it('the firewall is read from the ActiveStore (Group Policy rules and profiles included), every cmdlet of it', () => {
    const script = commandTemplates.firewall.script;
    for (const cmdlet of ['Get-NetFirewallProfile', 'Get-NetFirewallPortFilter', 'Get-NetFirewallRule']) {
      const uses = script.match(new RegExp(`${cmdlet}\\b[^;|)]*`, 'g')) ?? [];
      expect(uses.length, cmdlet).toBeGreaterThan(0);
      for (const use of uses) expect(use, use).toContain('-PolicyStore ActiveStore');
    }
  });

  it('the port filters are fetched once and joined to the rules, not queried per rule', () => {
    const script = commandTemplates.firewall.script;
    expect(script.match(/Get-NetFirewallPortFilter/g)).toHaveLength(1);
    expect(script).toContain('Get-NetFirewallPortFilter -All -PolicyStore ActiveStore');
    expect(script).not.toMatch(/\|\s*Get-NetFirewallPortFilter/);
    expect(script).toContain('$byRule[[string]$f.InstanceID] = $f');
    expect(script).toContain('$byRule[[string]$r.InstanceID]');
  });

  it('"no rule matches" (ObjectNotFound) is an empty answer; any other error still fails the step', () => {
    const script = commandTemplates.firewall.script;
    expect(script.match(/-eq "ObjectNotFound"\) \{ \$(filters|allowed) = @\(\) \} else \{ throw \}/g)).toHaveLength(2);
  });

  it('DNS-publishing events (12293/12294) are asked of the Application log, 12290 of the KMS log', () => {
    expect(eventQueries.hostDnsPublish).toEqual({ logName: 'Application', ids: [12293, 12294], provider: null });
    expect(eventQueries.kmsHost).toEqual({ logName: 'Key Management Service', ids: [12290], provider: null });
    const args = commandTemplates.hostDnsPublishEvents.build({ days: 30, maxEvents: 500 }, env).args;
    expect(args).toEqual(['qe', 'Application', `/q:${eventXPath(eventQueries.hostDnsPublish, 30)}`, '/f:xml', '/e:Events', '/rd:true', '/c:500', '/uni:true']);
    expect(eventXPath(eventQueries.hostDnsPublish, 30)).toBe('*[System[(EventID=12293 or EventID=12294) and TimeCreated[timediff(@SystemTime) <= 2592000000]]]');
  });

  it('event queries read records without formatting messages: wevtutil qe /f:xml, not Get-WinEvent', () => {
    for (const id of ['kmsHostEvents', 'hostDnsPublishEvents', 'applicationSppEvents'] as const) {
      const { file, args } = commandTemplates[id].build({ days: 1, maxEvents: 1 }, env);
      expect(file).toBe('C:\\Windows\\System32\\wevtutil.exe');
      expect(args[0]).toBe('qe');
      expect(args).toContain('/f:xml');
    }
  });

  it('an event query is first exported (wevtutil epl) with the same XPath as its qe stream, under the same budget', () => {
    const pairs = [
      ['kmsHostEventsExport', 'kmsHostEvents', 'Key Management Service'],
      ['hostDnsPublishEventsExport', 'hostDnsPublishEvents', 'Application'],
      ['applicationSppEventsExport', 'applicationSppEvents', 'Application'],
    ] as const;
    for (const [exportId, streamId, log] of pairs) {
      const exported = commandTemplates[exportId].build({ destination: 'C:\\Temp\\run\\events\\x.query.evtx', days: 30 }, env);
      const streamed = commandTemplates[streamId].build({ days: 30, maxEvents: 10 }, env);
      expect(exported.args).toEqual(['epl', log, 'C:\\Temp\\run\\events\\x.query.evtx', streamed.args[2], '/ow:true']);
      expect(commandTemplates[exportId].timeoutMs).toBe(commandTemplates[streamId].timeoutMs);
      expect(commandTemplates[exportId].encoding).toBe('binary');
    }
  });

  it('the qe stream asks for UTF-16LE output (/uni:true), the one encoding wevtutil documents, and decodes it so', () => {
    for (const id of ['kmsHostEvents', 'hostDnsPublishEvents', 'applicationSppEvents'] as const) {
      expect(commandTemplates[id].build({ days: 1, maxEvents: 1 }, env).args.at(-1)).toBe('/uni:true');
      expect(commandTemplates[id].encoding).toBe('utf-16le');
    }
  });

  it('an export path on Windows must be a drive path (a leading "/" would read as a wevtutil option)', () => {
    const params = commandTemplates.kmsHostEventsExport.params;
    expect(params.safeParse({ destination: 'C:\\Temp\\a.evtx', days: 1 }).success).toBe(true);
    expect(params.safeParse({ destination: 'C:\\Temp\\a".evtx', days: 1 }).success).toBe(false);
    expect(params.safeParse({ destination: 'relative.evtx', days: 1 }).success).toBe(false);
    // Off Windows (tests only: no wevtutil), an absolute POSIX path is taken.
    expect(params.safeParse({ destination: '/tmp/a.evtx', days: 1 }).success).toBe(process.platform !== 'win32');
  });

  it('PowerShell is Windows PowerShell by absolute path, whatever NODE_POWERSHELL says', () => {
    const saved = process.env.NODE_POWERSHELL;
    process.env.NODE_POWERSHELL = '/tmp/evil-powershell';
    try {
      const { file, args } = powerShellCommand({ systemRoot: 'D:\\WINDOWS' }, 'Get-Date');
      expect(file).toBe('D:\\WINDOWS\\System32\\WindowsPowerShell\\v1.0\\powershell.exe');
      expect(args.slice(0, 3)).toEqual(['-NoLogo', '-NoProfile', '-NonInteractive']);
      expect(decodeEncodedCommand(args)).toBe('Get-Date');
      expect(languageModeProbe(env).file).toBe('C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe');
    } finally {
      if (saved === undefined) delete process.env.NODE_POWERSHELL;
      else process.env.NODE_POWERSHELL = saved;
    }
  });

  it('the script travels as -EncodedCommand (UTF-16LE base64), so no quoting rule can change it', () => {
    const line = buildPowerShellInvocation(commandTemplates.dnsClient.script, {});
    const { args } = powerShellCommand(env, line);
    expect(args.at(-1)).toMatch(/^[A-Za-z0-9+/]+={0,2}$/);
    expect(decodeEncodedCommand(args)).toBe(line);
  });

  it('the result is printed as ASCII (base64 after a marker), so the console code page is never changed', () => {
    const line = buildPowerShellInvocation('1', {});
    expect(line).toContain("[Console]::Out.WriteLine('KMSD-RESULT:' + [Convert]::ToBase64String([Text.Encoding]::UTF8.GetBytes(");
    expect(line).not.toMatch(/OutputEncoding|chcp/i);
  });

  it('Resolve-DnsName asks only well-formed _vlmcs._tcp names, as parameters, and reads errors by id', () => {
    const params = commandTemplates.resolveSrv.params;
    expect(params.safeParse({ names: ['_vlmcs._tcp.contoso.com', '_vlmcs._tcp.lab.contoso.com.'] }).success).toBe(true);
    expect(params.safeParse({ names: ['_vlmcs._tcp.contoso.com; Remove-Item C:\\'] }).success).toBe(false);
    expect(params.safeParse({ names: ['contoso.com'] }).success).toBe(false);
    expect(commandTemplates.resolveSrv.script).toContain('Resolve-DnsName -Name ([string]$n) -Type SRV -ErrorAction Stop');
    expect(commandTemplates.resolveSrv.script).toContain('ErrorId = "$($_.FullyQualifiedErrorId)"');
  });
});
