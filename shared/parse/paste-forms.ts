/**
 * The wrapping a paste arrives in, removed before any reader looks at it: quotes around the whole paste, a
 * prefix on every line (provisioning and CI logs such as `==> box: `, markdown quotes `> `), markdown's
 * hard line breaks (a trailing `\`) and bold marks, the frame of a Windows Script Host dialog copied with
 * Ctrl+C, and the dialog text flattened onto one line. Pure; the lines keep their order and their own
 * indentation.
 */

// `==> default: `, `    default: ` (Vagrant), `> ` (markdown), `| ` (tables in chat tools).
const LINE_PREFIXES: readonly RegExp[] = [/^==> [\w.-]+: ?/, /^ {4}[\w.-]+: (?=\S)/, /^> ?/, /^\| ?/];
const DIALOG_FRAME = /^-{10,}$/;
const DIALOG_TITLE = /^Windows Script Host$/i;
const DIALOG_BUTTON = /^(?:OK|確定|确定|확인|Aceptar)\s*$/i;

/** The prefix most non-blank lines share, when at least 80 % of them carry it. */
function commonPrefix(lines: readonly string[]): RegExp | null {
  const filled = lines.filter((line) => line.trim() !== '');
  if (filled.length === 0) return null;
  for (const prefix of LINE_PREFIXES) {
    const carrying = filled.filter((line) => prefix.test(line)).length;
    if (carrying >= Math.max(1, Math.ceil(filled.length * 0.8))) return prefix;
  }
  return null;
}

/**
 * Lines without markdown's hard line breaks: a trailing backslash, removed only when most filled lines
 * carry one (a pasted path may end in a backslash; a whole paste of them is a markdown page).
 */
export function withoutHardBreaks(lines: readonly string[]): string[] {
  const filled = lines.filter((line) => line.trim() !== '');
  const breaking = filled.filter((line) => /[^\\]\\\s*$/.test(line)).length;
  if (filled.length === 0 || breaking < Math.ceil(filled.length * 0.6)) return [...lines];
  return lines.map((line) => line.replace(/([^\\])\\\s*$/, '$1'));
}

/** A line without markdown's bold marks around words (`**Error: 0x8007232A** DNS …`); masks (`*****`) stay. */
export function withoutBoldMarks(line: string): string {
  return line.includes('**') || line.includes('__') ? line.replace(/(\*\*|__)([^*_\s](?:[^*]*?[^*_\s])?)\1/g, '$2') : line;
}

/**
 * Lines without the indentation a page added to all of them (a markdown code block's four spaces): removed
 * only when every filled line carries it and some are indented deeper, so slmgr's own nesting stays.
 */
export function withoutCommonIndent(lines: readonly string[]): string[] {
  const indents = lines.filter((line) => line.trim() !== '').map((line) => /^ */.exec(line)?.[0].length ?? 0);
  const common = indents.length === 0 ? 0 : Math.min(...indents);
  if (common < 2 || !indents.some((indent) => indent > common)) return [...lines];
  return lines.map((line) => (line.trim() === '' ? line.trim() : line.slice(common)));
}

/** One line of a paste: as a reader should see it, and as it was pasted (what a report quotes back). */
export interface PasteLine {
  readonly text: string;
  readonly original: string;
}

/** Lines of the paste with its wrapping removed, each with the line as pasted. */
export function unwrapPaste(text: string): PasteLine[] {
  const originals = text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/);
  let lines = [...originals];
  // Quotes around the whole paste (a chat message, a ticket field): both ends, nothing else quoted.
  const first = lines.findIndex((line) => line.trim() !== '');
  const last = lines.length - 1 - [...lines].reverse().findIndex((line) => line.trim() !== '');
  if (first >= 0 && /^\s*["“]/.test(lines[first] ?? '') && /["”]\s*$/.test(lines[last] ?? '') && (first !== last || (lines[first] ?? '').trim().length > 2)) {
    lines[first] = (lines[first] ?? '').replace(/^(\s*)["“]/, '$1');
    lines[last] = (lines[last] ?? '').replace(/["”](\s*)$/, '$1');
  }
  for (let pass = 0; pass < 2; pass += 1) {
    const prefix = commonPrefix(lines);
    if (prefix === null) break;
    lines = lines.map((line) => line.replace(prefix, ''));
  }
  lines = withoutCommonIndent(withoutHardBreaks(lines).map(withoutBoldMarks));
  let paired: PasteLine[] = lines.map((line, index) => ({ text: line, original: originals[index] ?? line }));
  // A dialog copied with Ctrl+C: frame lines, the title, the button. A flattened dialog keeps the title
  // as a prefix and the button as a last word.
  const framed = lines.some((line) => DIALOG_FRAME.test(line.trim())) && lines.some((line) => DIALOG_TITLE.test(line.trim()));
  if (framed) paired = paired.filter(({ text: line }) => !DIALOG_FRAME.test(line.trim()) && !DIALOG_TITLE.test(line.trim()) && !DIALOG_BUTTON.test(line.trim()));
  return paired.map((line) => {
    // The title then the text, after a colon or a dash or (as Microsoft's articles quote it) a space.
    const flat = /^\s*Windows Script Host(?:\s*[:：-]\s*|\s+(?!Version\b)(?=\S))(.*?)(?:\s+OK)?\s*$/i.exec(line.text);
    return flat === null ? line : { text: flat[1] ?? '', original: line.original };
  });
}
