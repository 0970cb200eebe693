// `level` of the event XML path against xmllint on the XML fixtures: the System Level of every Event
// (RenderingInfo's <Level>Information</Level> is not it), read through XPath by libxml2.
// dataNames of the event XML path are checked on real logs' XML in evtx-oracle.int.test.ts.
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createEventStreamParser } from '../../../../shared/parse/events/index.js';
import type { KmsEvent } from '../../../../shared/parse/types.js';

const haveXmllint = spawnSync('sh', ['-c', 'command -v xmllint'], { timeout: 20_000 }).status === 0;
const FIXTURES = ['get-winevent-kms-host.xml', 'wevtutil-client-application.xml', 'event-viewer-saved.xml'];

/** The text of each Event's System Level, in document order, as xmllint reads it (null: none). */
function xmllintLevels(text: string): (string | null)[] {
  // Logs without a root element (Get-WinEvent, wevtutil) get one; the declaration must stay first.
  const body = text.replace(/^\uFEFF?<\?xml[^>]*\?>/, '');
  const doc = `<Root>${body}</Root>`;
  const xpath = (expr: string): string => execFileSync('xmllint', ['--xpath', expr, '-'], { input: doc, timeout: 20_000 }).toString('utf8').trim();
  const count = Number(xpath("count(//*[local-name()='Event'])"));
  const levels: (string | null)[] = [];
  for (let i = 1; i <= count; i++) {
    const has = xpath(`count((//*[local-name()='Event'])[${i}]/*[local-name()='System']/*[local-name()='Level'])`) !== '0';
    levels.push(has ? xpath(`string((//*[local-name()='Event'])[${i}]/*[local-name()='System']/*[local-name()='Level'])`) : null);
  }
  return levels;
}

describe.skipIf(!haveXmllint)(`event XML level vs xmllint${haveXmllint ? '' : ' [skipped: needs xmllint]'}`, () => {
  it.each(FIXTURES)('%s', (name) => {
    const text = readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
    const theirs = xmllintLevels(text);
    const ours: KmsEvent[] = [];
    const parser = createEventStreamParser((e) => ours.push(e));
    parser.push(text);
    parser.end();
    expect(theirs.length).toBeGreaterThan(0);
    expect(ours.map((e) => e.level)).toEqual(theirs.map((l) => (l === null ? undefined : Number(l.trim()))));
  });
});
