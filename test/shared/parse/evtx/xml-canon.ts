// A canonical form of event XML for comparing our rendering with other readers' output: element
// starts with sorted attributes, text, element ends; whitespace-only text between elements (their
// pretty-printing) dropped; entities decoded. Test support only: event XML from the readers is simple
// (no comments, no DOCTYPE), and anything else fails the comparison rather than passing silently.

const ENTITY: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const decode = (s: string): string =>
  s.replace(/&(#x[0-9a-fA-F]+|#\d+|\w+);/g, (m, e: string) =>
    e.startsWith('#x') ? String.fromCodePoint(parseInt(e.slice(2), 16)) : e.startsWith('#') ? String.fromCodePoint(Number(e.slice(1))) : (ENTITY[e] ?? m),
  );

export type Normalize = (kind: 'attr' | 'text', name: string, value: string) => string;

/** Each <Event>…</Event> of a document, as canonical token lists. */
export function canonicalEvents(xml: string, normalize: Normalize): string[][] {
  const events: string[][] = [];
  let current: string[] | null = null;
  const stack: string[] = [];
  const re = /<(\/?)([\w:.-]+)((?:\s+[\w:.-]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>|<!\[CDATA\[([\s\S]*?)\]\]>|([^<]+)/g;
  for (let m = re.exec(xml); m !== null; m = re.exec(xml)) {
    const [, close, name, attrs, empty, cdata, text] = m;
    if (name !== undefined) {
      if (close === '/') {
        const open = stack.pop();
        if (open !== name) throw new Error(`</${name}> closes <${open ?? '(nothing)'}>`);
        current?.push(`</${name}>`);
        if (name === 'Event' && stack.length === 0 && current !== null) {
          events.push(current);
          current = null;
        }
        continue;
      }
      if (name === 'Event' && stack.length === 0) current = [];
      const list: string[] = [];
      for (const a of (attrs ?? '').matchAll(/([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) {
        const attrName = a[1] as string;
        list.push(`${attrName}=${normalize('attr', attrName, decode(a[2] ?? a[3] ?? ''))}`);
      }
      current?.push(`<${name}${list.sort().map((a) => ` ${a}`).join('')}>`);
      if (empty === '/') {
        current?.push(`</${name}>`);
        if (name === 'Event' && stack.length === 0 && current !== null) {
          events.push(current);
          current = null;
        }
      } else {
        stack.push(name);
      }
      continue;
    }
    const value = cdata ?? decode(text ?? '');
    if (current === null || value.trim() === '') continue;
    const last = current[current.length - 1];
    const parent = stack[stack.length - 1] ?? '';
    // Text pieces of one element (CDATA next to text) form one text.
    if (last !== undefined && last.startsWith('#')) current[current.length - 1] = `#${normalize('text', parent, last.slice(1) + value)}`;
    else current.push(`#${normalize('text', parent, value)}`);
  }
  return events;
}
