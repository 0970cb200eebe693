// Readers of cmd.exe and Windows PowerShell 5.1 command lines, following the shells' documented rules (cmd:
// "Command shell overview" — quotes, the redirection and pipe characters < > |, command separators & && ||,
// %variable% expansion; PowerShell: about_Parsing / about_Quoting_Rules / about_Operators — quotes, the
// reserved '<' operator, && and || only from 7.0, % is ForEach-Object, not variable expansion).
import type { Finding } from '../../../shared/diagnose/index.js';
import { changesLicence, placeholders, slmgrPrefix } from '../../../shared/diagnose/fix-commands.js';

const placeholderTokens: readonly string[] = Object.values(placeholders);
/** Environment variables every Windows session defines. */
const cmdVariables = ['SystemRoot', 'SystemDrive', 'ProgramFiles', 'windir'];
/** Programs a cmd command may start with (all on PATH, or by full path through %SystemRoot%). */
const cmdPrograms = /^(cscript|w32tm|nslookup|wevtutil|net|slui\.exe|DISM|powershell|ipconfig|dcomcnfg|slui|%SystemRoot%\\System32\\Sysprep\\sysprep\.exe)\b/i;
/** PowerShell commands a fix may use (cmdlets of the in-box modules). */
const psCmdlets = /^(Test-NetConnection|Resolve-DnsName|Enable-NetFirewallRule|New-NetFirewallRule|Start-Service|Restart-Service|Get-NetTCPConnection|Get-DnsClientServerAddress|Add-DnsServerResourceRecord)\b/;

/** What is wrong with a cmd.exe command line, or [] (placeholders are taken out first: they are for the reader). */
export function cmdProblems(command: string): string[] {
  const problems: string[] = [];
  let text = command;
  for (const p of placeholderTokens) text = text.split(p).join('X');
  if (!cmdPrograms.test(text)) problems.push('starts with a program cmd would not find');
  if ((text.match(/"/g) ?? []).length % 2 !== 0) problems.push('unbalanced double quote');
  // Outside quotes: < > | and a lone & are redirections, pipes and separators; only && joins two commands here.
  const outside = text.split('"').filter((_, i) => i % 2 === 0).join(' ');
  if (/[<>|]/.test(outside.replace(/&&/g, ''))) problems.push('redirection or pipe character outside quotes');
  if (/(^|[^&])&([^&]|$)/.test(outside)) problems.push('a single & (command separator) outside quotes');
  if (/\^/.test(outside)) problems.push('a ^ escape');
  for (const m of text.matchAll(/%([^%\s]*)%/g)) if (!cmdVariables.includes(m[1]!)) problems.push(`%${m[1]}% is not a variable every Windows defines`);
  if ((text.match(/%/g) ?? []).length % 2 !== 0) problems.push('unpaired %');
  if (/slmgr\.vbs/i.test(text) && !text.startsWith(`${slmgrPrefix} `)) problems.push('slmgr not in its one form');
  if (/sysprep/i.test(text) && !text.startsWith('%SystemRoot%\\System32\\Sysprep\\sysprep.exe ')) problems.push('sysprep not by full path');
  return problems;
}

/** What is wrong with a Windows PowerShell 5.1 command line, or []. */
export function powershellProblems(command: string): string[] {
  const problems: string[] = [];
  let text = command;
  for (const p of placeholderTokens) text = text.split(p).join('X');
  if (!psCmdlets.test(text)) problems.push('not one of the expected cmdlets');
  // Strings: '…' (literal, '' escapes a quote) and "…" (expandable, ` escapes).
  let outside = '';
  let quote: string | null = null;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quote === null) {
      if (ch === "'" || ch === '"') quote = ch;
      else outside += ch;
    } else if (quote === '"' && ch === '`') i++;
    else if (ch === quote) {
      if (quote === "'" && text[i + 1] === "'") i++;
      else quote = null;
    }
  }
  if (quote !== null) problems.push(`unbalanced ${quote}`);
  if (/</.test(outside)) problems.push("'<' is reserved in PowerShell");
  if (/>/.test(outside)) problems.push('a redirection');
  if (/&&|\|\|/.test(outside)) problems.push('&& / || do not exist in Windows PowerShell 5.1');
  if (/%\w+%/.test(outside)) problems.push('cmd-style %variable% (PowerShell reads % as ForEach-Object)');
  if (/\$/.test(outside)) problems.push('a $ expression: the command would depend on a variable');
  if (/-DisplayGroup|-DisplayName\s+['"]?Key Management Service/i.test(text)) problems.push('a translated display name instead of the rule name');
  const depth = [...outside].reduce((d, ch) => d + (ch === '(' || ch === '{' ? 1 : ch === ')' || ch === '}' ? -1 : 0), 0);
  if (depth !== 0) problems.push('unbalanced brackets');
  return problems;
}

/** Every problem of every command of a finding: shape (runOn, shell, caution) and syntax. */
export function commandProblems(f: Finding): string[] {
  const out: string[] = [];
  for (const fix of f.fixes) {
    if (fix.command === undefined) {
      if (fix.runOn !== undefined || fix.shell !== undefined) out.push(`${f.id}: runOn/shell without a command`);
      continue;
    }
    if (fix.runOn === undefined || fix.shell === undefined) out.push(`${f.id}: "${fix.command}" says neither where it runs nor in which shell`);
    const problems = fix.shell === 'powershell' ? powershellProblems(fix.command) : cmdProblems(fix.command);
    for (const p of problems) out.push(`${f.id} (${fix.shell}): "${fix.command}": ${p}`);
    const changes = changesLicence(fix.command);
    if (changes !== null && changes !== 'activate' && (fix.caution === undefined || fix.caution.trim() === '')) out.push(`${f.id}: "${fix.command}" changes a licence (${changes}) without a caution`);
    if (/[\r\n]/.test(fix.command)) out.push(`${f.id}: a command over several lines`);
  }
  return out;
}

