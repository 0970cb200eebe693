/**
 * Every proof a finding cites must be true of the sample: the file it names is in that sample, and it
 * holds the cited event or line (issue 19: a 12293 from the Application log was cited as the KMS log).
 * An .evtx is checked by its events, and each cited event is also looked for in the XML export of the
 * same log (a plain text search, independent of the .evtx reader).
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../electron/cli/program.js';
import { manifestSchema } from '../../shared/bundle/manifest-schema.js';
import type { DiagnosisResult } from '../../shared/diagnose/index.js';
import { parseEventsAuto } from '../../shared/parse/events/index.js';
import { readEvtx } from '../../shared/parse/evtx/index.js';
import type { KmsEvent } from '../../shared/parse/types.js';

const samplesDir = fileURLToPath(new URL('../../samples/', import.meta.url));
const expected = JSON.parse(await readFile(path.join(samplesDir, 'expected.json'), 'utf8')) as Array<{ name: string }>;

async function analyze(dir: string): Promise<DiagnosisResult> {
  let out = '';
  const code = await runCli(['analyze', dir, '--json', '--no-history'], { stdout: (t) => (out += t), stderr: () => undefined });
  expect(code).toBeLessThan(2);
  return JSON.parse(out) as DiagnosisResult;
}

/** What identifies a cited thing in an excerpt: GUIDs, HRESULTs, host names, IP addresses. */
function tokensOf(excerpt: string): string[] {
  const found = excerpt.match(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|0x[0-9a-f]{8}|\b(?:\d{1,3}\.){3}\d{1,3}\b|[a-z_][\w-]*(?:\.[\w-]+)+\.(?:com|local|net|org)\b/gi) ?? [];
  return [...new Set(found.map((t) => t.toLowerCase()))];
}

const eventText = (event: KmsEvent): string => JSON.stringify(event).toLowerCase();

async function eventsOf(file: string): Promise<KmsEvent[]> {
  const events: KmsEvent[] = [];
  if (file.endsWith('.evtx')) readEvtx(await readFile(file), { onEvent: (event) => events.push(event) });
  else events.push(...parseEventsAuto(await readFile(file, 'utf8')).events);
  return events;
}

/** The XML export beside an .evtx holds an event with this id at this time (to the second). */
async function twinHolds(evtxFile: string, eventId: number, time: string): Promise<boolean> {
  const xml = await readFile(evtxFile.replace(/\.evtx$/, '.xml'), 'utf8');
  const second = time.slice(0, 19);
  return xml.split('</Event>').some((event) => new RegExp(`<EventID[^>]*>${eventId}</EventID>`).test(event) && event.includes(`SystemTime='${second}`));
}

/** Why the cited event is not in the file, or null when it is. */
async function eventProofMismatch(file: string, excerpt: string, listedKind: string | undefined): Promise<string | null> {
  const events = await eventsOf(file);
  const tokens = tokensOf(excerpt);
  const single = /^Event (\d+)(?: (\d{4}-\d\d-\d\dT[\d:.]+Z))?(?: #(\d+))?:/.exec(excerpt);
  if (single) {
    const eventId = Number(single[1]);
    const match = events.find((e) => e.eventId === eventId
      && (single[2] === undefined || e.timeCreated === single[2])
      && (single[3] === undefined || e.recordId === Number(single[3]))
      && tokens.every((t) => eventText(e).includes(t)));
    if (!match) return `no event ${eventId}${single[2] ? ` at ${single[2]}` : ''} holding ${tokens.join(', ')}`;
    if (file.endsWith('.evtx') && single[2] !== undefined && !(await twinHolds(file, eventId, single[2]))) return `the XML export of ${path.basename(file)} has no event ${eventId} at ${single[2]}`;
    return null;
  }
  // A summary of the host's requests: the file is the KMS log, and every client, CMID and code it names is in one of its 12290s.
  if (/^(?:12290 |CMID |\d+ × )/.test(excerpt)) {
    const requests = events.filter((e) => e.eventId === 12290);
    const kmsLog = listedKind === 'eventsKmsHostEvtx' || listedKind === 'eventsKmsHostXml' || events.some((e) => e.logName === 'Key Management Service');
    if (!kmsLog) return `not the Key Management Service log (listed as ${listedKind ?? 'nothing'})`;
    const none = /^12290 events in window: 0 \(all: 0\)/.test(excerpt);
    if (none) return requests.length === 0 ? null : `says no 12290 but the file holds ${requests.length}`;
    if (requests.length === 0) return 'no 12290 in the file';
    const missing = tokens.filter((t) => !requests.some((e) => eventText(e).includes(t)));
    return missing.length === 0 ? null : `no 12290 holds ${missing.join(', ')}`;
  }
  return `excerpt of an unknown form: ${excerpt}`;
}

const squeeze = (s: string): string => s.replace(/\s+/g, ' ').trim();

describe('samples/: every cited proof is in the file it names', () => {
  for (const sample of expected) {
    it(`${sample.name}: each finding's evidence file is in the sample and holds the cited event or line`, async () => {
      const dir = path.join(samplesDir, sample.name);
      const manifest = manifestSchema.parse(JSON.parse(await readFile(path.join(dir, 'manifest.json'), 'utf8')));
      const listed = new Map(manifest.files.map((f) => [f.path, f.kind as string]));
      const result = await analyze(dir);
      const problems: string[] = [];
      let checked = 0;
      for (const finding of result.findings) {
        for (const proof of finding.evidence) {
          const where = `${finding.id} cites ${proof.source}`;
          if (!listed.has(proof.source)) {
            problems.push(`${where}: no such file in the sample`);
            continue;
          }
          checked++;
          const file = path.join(dir, proof.source);
          if (/\.(evtx|xml)$/.test(proof.source)) {
            const why = await eventProofMismatch(file, proof.excerpt, listed.get(proof.source));
            if (why !== null) problems.push(`${where}: ${why}`);
          } else if (proof.source.endsWith('.json')) {
            const text = (await readFile(file, 'utf8')).toLowerCase();
            const tokens = tokensOf(proof.excerpt);
            // A JSON summary with no name or code in it (firewall profiles) is checked by its words instead.
            const words = tokens.length > 0 ? tokens : (proof.excerpt.match(/\b[A-Z][a-z]+\b/g) ?? []).map((w) => w.toLowerCase());
            const missing = words.filter((t) => !text.includes(t));
            if (words.length === 0 || missing.length > 0) problems.push(`${where}: ${missing.join(', ') || 'nothing to look for'} not in the file`);
          } else {
            const lines = (await readFile(file, 'utf8')).split(/\r?\n/).map(squeeze);
            if (!lines.includes(squeeze(proof.excerpt))) problems.push(`${where}: no line "${proof.excerpt}"`);
          }
        }
      }
      expect(problems).toEqual([]);
      if (result.findings.length > 0) expect(checked).toBeGreaterThan(0);
    });
  }

  it('the DNS-publishing failure cites the Application-log export it was read from, not the KMS log', async () => {
    const result = await analyze(path.join(samplesDir, 'host-dns-publish-failed'));
    const failed = result.findings.find((f) => f.id === 'host.dns-publish-failed');
    expect(failed?.evidence.map((e) => e.source)).toEqual(['events/kms-host-dns-publish.evtx']);
  });

  it('"no 12290 requests" cites the (empty) KMS log, not the DNS-publishing export beside it', async () => {
    const result = await analyze(path.join(samplesDir, 'host-firewall-closed'));
    const silent = result.findings.find((f) => f.id === 'host.no-requests');
    expect(silent?.evidence[0]?.source).toBe('events/kms-host.evtx');
  });
});
