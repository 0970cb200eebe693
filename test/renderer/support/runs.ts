import type { OperationResponse, RunDetail } from '../../../shared/contract/operations.js';

/**
 * Run details shaped like the services' answers for two recorded machines (the no-SRV client and the
 * duplicate-CMID host), used to exercise each screen's states; the Playwright flows use the real services.
 */
export const noSrvClientRun: RunDetail = {
  summary: { runId: 'run-client', startedAt: '2026-11-20T09:15:00.000Z', role: 'client', machine: 'PC-0142', status: 'complete', worstSeverity: 'problem' },
  source: { kind: 'this-machine', name: null },
  machine: { name: 'PC-0142', os: 'Microsoft Windows 11 Enterprise', build: '22631', elevated: true },
  steps: [
    { stepId: 'slmgr-dlv', title: 'cscript //nologo //U slmgr.vbs /dlv', status: 'ok', durationMs: 1840, summary: 'VOLUME_KMSCLIENT channel', hasOutput: true },
    { stepId: 'dns-srv', title: 'SRV _vlmcs._tcp.corp.contoso.com', status: 'problem', durationMs: 35, summary: 'no SRV record', hasOutput: true },
  ],
  findings: [
    {
      id: 'client.dns-no-srv',
      severity: 'problem',
      title: 'DNS has no KMS SRV record for corp.contoso.com',
      explanation: 'The client asks DNS for _vlmcs._tcp.corp.contoso.com and gets no answer, so it cannot find a KMS host (0x8007232B).',
      evidence: [{ source: 'network/probes.json', excerpt: '_vlmcs._tcp.corp.contoso.com @ 10.0.0.10: nxdomain (0x8007232B)' }],
      fixes: [
        { text: 'Publish the SRV record on the DNS server, or point the client at the host by hand.', command: 'slmgr.vbs /skms kms01.corp.contoso.com:1688' },
        { text: 'Check that the KMS host publishes its record.', command: null },
      ],
      docs: ['https://learn.microsoft.com/windows-server/get-started/common-troubleshooting-procedures-kms-dns'],
    },
    {
      id: 'client.not-activated',
      severity: 'problem',
      title: 'Windows is not activated',
      explanation: 'License Status: Notification (0xC004F056).',
      evidence: [{ source: 'slmgr/dlv.txt', excerpt: 'License Status: Notification' }],
      fixes: [{ text: 'Activate once a KMS host is reachable.', command: 'slmgr.vbs /ato' }],
      docs: [],
    },
    {
      id: 'client.kms-override',
      severity: 'info',
      title: 'No manual KMS host is set',
      explanation: 'The client relies on DNS discovery.',
      evidence: [],
      fixes: [],
      docs: [],
    },
  ],
  clientPath: {
    suffixes: [
      { suffix: 'corp.contoso.com', source: 'primary' },
      { suffix: 'contoso.com', source: 'search-list' },
    ],
    dnsServers: ['10.0.0.10'],
    override: null,
    srv: [
      { name: '_vlmcs._tcp.corp.contoso.com', server: '10.0.0.10', status: 'nxdomain', hresult: '0x8007232B', records: [] },
      { name: '_vlmcs._tcp.contoso.com', server: '10.0.0.10', status: 'nodata', hresult: '0x8007232B', records: [] },
    ],
    hosts: [],
  },
  host: null,
};

export const duplicateCmidHostRun: RunDetail = {
  summary: { runId: 'run-host', startedAt: '2026-11-21T14:02:00.000Z', role: 'host', machine: 'KMS01', status: 'complete', worstSeverity: 'problem' },
  source: { kind: 'bundle', name: 'kms01-support.zip' },
  machine: { name: 'KMS01', os: 'Microsoft Windows Server 2022 Standard', build: '20348', elevated: true },
  steps: [{ stepId: 'events-kms-host', title: 'Get-WinEvent Key Management Service', status: 'warning', durationMs: 920, summary: '412 events', hasOutput: true }],
  findings: [
    {
      id: 'host.duplicate-cmid',
      severity: 'problem',
      title: 'One CMID is reported by 3 machines',
      explanation: 'Cloned images that were not generalized with sysprep share a CMID, so the host counts them once.',
      evidence: [{ source: 'events/kms-host.xml', excerpt: '0x0,25,PC-0007.corp.contoso.com,3f1c2a9e-1111-4c1d-9a55-0123456789ab,2026/11/20 8:01,0,2,43200,a9107544-f4a0-4053-a96a-1479abdef912' }],
      fixes: [{ text: 'Give each clone a new CMID.', command: 'slmgr.vbs /rearm' }],
      docs: ['https://learn.microsoft.com/windows-server/get-started/activation-troubleshoot-kms-general'],
    },
    {
      id: 'host.count-below-threshold',
      severity: 'problem',
      title: 'The count is 1, below 25 for Windows clients',
      explanation: 'The host activates Windows clients only at a count of 25.',
      evidence: [{ source: 'slmgr/dlv-all.txt', excerpt: 'Current count: 1' }],
      fixes: [],
      docs: [],
    },
  ],
  clientPath: null,
  host: {
    currentCount: 1,
    windowStart: '2026-10-22T14:02:00.000Z',
    windowEnd: '2026-11-21T14:02:00.000Z',
    families: [
      { family: 'client', minimumCount: 25, cap: 50, distinctCmids: 1 },
      { family: 'server', minimumCount: 5, cap: 10, distinctCmids: 6 },
    ],
    requestsPerDay: [
      { day: '2026-11-19', requests: 40, failures: 0 },
      { day: '2026-11-20', requests: 52, failures: 3 },
      { day: '2026-11-21', requests: 12, failures: 1 },
    ],
    duplicateCmids: [
      { cmid: '3f1c2a9e-1111-4c1d-9a55-0123456789ab', machines: ['PC-0007.corp.contoso.com', 'PC-0008.corp.contoso.com', 'PC-0009.corp.contoso.com'], firstSeen: '2026-11-01T08:00:00.000Z', lastSeen: '2026-11-21T13:00:00.000Z' },
    ],
    failures: [{ hresult: '0xC004F042', count: 4, machines: ['SRV-APP1'] }],
    dnsPublishing: { enabled: true, result: 'failed', hresult: '0x8007251D', domain: 'corp.contoso.com' },
    firewall: { state: 'closed', rules: [] },
  },
};

export const machineInfo: OperationResponse<'machine.info'> = {
  name: 'PC-0142',
  os: 'Microsoft Windows 11 Enterprise',
  build: '22631',
  edition: 'Enterprise',
  elevated: false,
  degraded: ['kms-events', 'evtx-export'],
  detectedRole: 'client',
  roleReason: { code: 'description-kms-client', detail: 'VOLUME_KMSCLIENT' },
};

export const appInfo: OperationResponse<'app.info'> = { version: '0.1.0', platform: 'win32', canCollect: true, elevated: false, mode: 'desktop', nativeDialogs: false };
