/**
 * What a text file looks like when no reader could use it: binary data, or another tool's output, said
 * in one line with what would make it usable. Pure; the readers themselves decide what they can read.
 */

/** True for data no text tool printed: NUL characters or many undecodable bytes / control codes. */
export function looksBinary(text: string): boolean {
  if (text.includes('\u0000')) return true;
  const sample = text.slice(0, 65536);
  let bad = 0;
  for (const char of sample) {
    const code = char.codePointAt(0) ?? 0;
    if (code === 0xfffd || (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d && code !== 0x0c)) bad += 1;
  }
  return bad > 0 && bad / sample.length > 0.02;
}

const KNOWN_OTHERS: ReadonlyArray<{ readonly test: RegExp; readonly says: string }> = [
  {
    test: /---Processing-+|^\s*LICENSE NAME:|ospp\.vbs|Last 5 characters of installed product key/im,
    says: 'an Office ospp.vbs output: not in scope (KMS Doctor reads slmgr.vbs output and Windows events: send cscript slmgr.vbs /dlv all)',
  },
  { test: /SRV service location|svr hostname\s*=/i, says: 'nslookup SRV output: not read (kms-doctor probe checks DNS itself; send slmgr.vbs /dlv and the event log)' },
  {
    test: /^\s*(?:PartialProductKey|LicenseStatus|ProductKeyChannel|LicenseFamily)\s+:/m,
    says: 'a PowerShell list of SoftwareLicensingProduct: not read (export it with ConvertTo-Json, or send slmgr.vbs /dlv output)',
  },
  { test: /^Request Parameters\s*$|KMS ID \(aka KMS counted ID\)|Performing RPC bind/m, says: 'vlmcs test-client output: not in scope (a KMS emulator tool; send slmgr.vbs /dlv and the event log)' },
  { test: /Received V\d request|RPC bind (?:request received|acknowledged)/i, says: "a KMS emulator's server log (py-kms, vlmcsd): not in scope" },
  {
    test: /massgrave|KMS_VL_ALL|^Checking [A-Z][\w ]+\s{2,}\[/m,
    says: "an activation script's own report, not slmgr output: not in scope (send cscript slmgr.vbs /dlv)",
  },
];

/** One line saying what an unusable text looked like and what would make it usable. */
export function describeUnusableText(text: string): string {
  for (const other of KNOWN_OTHERS) if (other.test.test(text)) return other.says;
  const lines = text.split(/\r\n|\n|\r/).filter((line) => line.trim() !== '').length;
  if (/slmgr/i.test(text)) return `mentions slmgr but holds no slmgr line: no product Name/Description, no "Activating …", no error code (${lines} lines); send the output itself`;
  return `text of ${lines} line(s) with no slmgr output (no product Name/Description, no "Activating …", no error code) and no Windows event (no Event ID, no Info line): send slmgr.vbs /dlv output or an event export`;
}
