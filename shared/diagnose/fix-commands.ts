/**
 * Fix commands a technician can copy as they are (DESIGN.md §5 "Findings", issue #15): one slmgr form
 * (plain `slmgr.vbs` runs under WScript and answers in dialog boxes), the shell and the machine named,
 * values from the evidence filled in only when they are plain names, numbers or GUIDs (evidence comes
 * from a customer's files: anything else would be text pasted into a prompt), a placeholder otherwise.
 */
import type { CautionKey, DraftCommand, FixRunOn } from './types.js';

/** The one way to run slmgr: cscript, no logo, by full path (slmgr.vbs is not always on PATH). */
export const slmgrPrefix = 'cscript //nologo %SystemRoot%\\System32\\slmgr.vbs';
/** sysprep is not on PATH: by full path. */
export const sysprepPath = '%SystemRoot%\\System32\\Sysprep\\sysprep.exe';
/**
 * The built-in inbound rule of the Key Management Service by its fixed name: the display name and group
 * ("Key Management Service (TCP-In)") are translated on localized Windows, the name is not.
 */
export const kmsFirewallRuleName = 'SPPSVC-In-TCP';

/** Placeholders for what the evidence does not know (the technician types the value). */
export const placeholders = {
  kmsHost: '<kms-host-fqdn>',
  domain: '<dns-domain>',
  dnsServer: '<dns-server>',
  gvlk: '<GVLK>',
  csvlk: '<CSVLK>',
  officeGvlk: '<Office-GVLK>',
  edition: '<edition-id>',
} as const;

/** True for text a command may carry unquoted in cmd and PowerShell: a host name, IP, number, GUID, key or HRESULT. */
export function isPlainValue(value: string): boolean {
  return /^[A-Za-z0-9](?:[A-Za-z0-9._:-]{0,252}[A-Za-z0-9.])?$/.test(value) && !value.includes('..');
}

/** A DNS name or IP address from the evidence, or null when it is not one (then the caller uses a placeholder). */
export function hostValue(name: string | null | undefined): string | null {
  if (name === null || name === undefined) return null;
  const trimmed = name.trim().replace(/\.$/, '').replace(/^\[(.*)\]$/, '$1');
  if (trimmed === '' || !isPlainValue(trimmed)) return null;
  // An IPv6 literal carries ':'; a name carries letters, digits, '-' and '.' only.
  return /^[0-9A-Fa-f:.]+$/.test(trimmed) && trimmed.includes(':') ? trimmed : /^[A-Za-z0-9.-]+$/.test(trimmed) ? trimmed : null;
}

/** `host:port` for slmgr /skms (an IPv6 address in brackets), with placeholders where unknown. */
export function hostPort(host: string | null | undefined, port: number | null | undefined): string {
  const h = hostValue(host);
  const p = port !== null && port !== undefined && Number.isInteger(port) && port > 0 && port < 65536 ? port : 1688;
  if (h === null) return `${placeholders.kmsHost}:${p}`;
  return h.includes(':') ? `[${h}]:${p}` : `${h}:${p}`;
}

export function valueOr(value: string | null | undefined, placeholder: string): string {
  return value !== null && value !== undefined && isPlainValue(value) ? value : placeholder;
}

export function slmgr(args: string, runOn: FixRunOn, caution?: CautionKey): DraftCommand {
  return { command: `${slmgrPrefix} ${args}`, shell: 'cmd', runOn, ...(caution ? { caution } : {}) };
}

export function cmd(command: string, runOn: FixRunOn, caution?: CautionKey): DraftCommand {
  return { command, shell: 'cmd', runOn, ...(caution ? { caution } : {}) };
}

export function powershell(command: string, runOn: FixRunOn, caution?: CautionKey): DraftCommand {
  return { command, shell: 'powershell', runOn, ...(caution ? { caution } : {}) };
}

/**
 * Opens the KMS port on the host: the built-in rule by its fixed name for 1688, else a rule of our own
 * for the port (named, so running it twice fails visibly instead of adding a duplicate).
 */
export function firewallCommand(port: number): DraftCommand {
  return port === 1688
    ? powershell(`Enable-NetFirewallRule -Name ${kmsFirewallRuleName}`, 'host')
    : powershell(`New-NetFirewallRule -Name KMS-TCP-${port} -DisplayName 'KMS TCP ${port}' -Direction Inbound -Protocol TCP -LocalPort ${port} -Action Allow`, 'host');
}

/**
 * What a command does to a licence, read from the command itself: installs or removes a key, re-arms,
 * (re)activates, or generalizes the image. The never-harm test and the caution check use this one
 * reading, so a new command that changes a licence cannot slip past both.
 */
export function changesLicence(command: string): 'key' | 'rearm' | 'activate' | 'sysprep' | 'edition' | null {
  const c = command.toLowerCase();
  if (/slmgr\.vbs\s+\/(ipk|upk|cpky)\b/.test(c) || /ospp\.vbs\s+\/(inpkey|unpkey)/.test(c)) return 'key';
  if (/slmgr\.vbs\s+\/rearm\b/.test(c) || /ospprearm/.test(c)) return 'rearm';
  if (/slmgr\.vbs\s+\/(ato|atp)\b/.test(c) || /ospp\.vbs\s+\/act\b/.test(c)) return 'activate';
  if (/sysprep/.test(c)) return 'sysprep';
  if (/set-edition|changepk/.test(c)) return 'edition';
  return null;
}
