import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../electron/cli/program.js';
import { manifestSchema } from '../../shared/bundle/manifest-schema.js';
import type { DiagnosisResult } from '../../shared/diagnose/index.js';
import { buildSamples } from '../../tools/build-samples.js';
import { makeTempDir } from '../helpers/temp-dir.js';

const samplesDir = fileURLToPath(new URL('../../samples/', import.meta.url));
const expected = JSON.parse(await readFile(path.join(samplesDir, 'expected.json'), 'utf8')) as Array<{ name: string; expectFirst: string | null; expectState: string }>;

async function analyze(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  // --no-history: a test must not write into the per-user history database (the history has its own tests).
  const code = await runCli(['analyze', ...args, '--no-history'], { stdout: (t) => (out += t), stderr: (t) => (err += t) });
  return { code, out, err };
}

async function listFiles(dir: string, prefix = ''): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true })) {
    if (e.isDirectory()) out.push(...(await listFiles(path.join(dir, e.name), `${prefix}${e.name}/`)));
    else out.push(`${prefix}${e.name}`);
  }
  return out.sort();
}

describe('samples/', () => {
  it('has at least ten recorded machines, including the ones the issue names', () => {
    expect(expected.length).toBeGreaterThanOrEqual(10);
    const first = new Set(expected.map((s) => s.expectFirst));
    for (const id of ['client.dns-no-srv', 'client.port-unreachable', 'client.channel-not-kms', 'client.clock-skew', 'host.count-below-threshold', 'host.duplicate-cmid', 'host.dns-publish-failed', 'host.not-licensed']) {
      expect(first).toContain(id);
    }
    // A licensed MAK machine is healthy: KMS is not involved (issue #15).
    expect(expected.filter((s) => s.expectFirst === null).map((s) => s.name).sort()).toEqual(['client-mak-licensed', 'healthy-client', 'healthy-host']);
    expect(expected.filter((s) => s.expectFirst === null).every((s) => s.expectState === 'healthy')).toBe(true);
  });

  for (const sample of expected) {
    it(`${sample.name}: manifest valid, every file present with its size and SHA-256`, async () => {
      const dir = path.join(samplesDir, sample.name);
      const manifest = manifestSchema.parse(JSON.parse(await readFile(path.join(dir, 'manifest.json'), 'utf8')));
      expect(manifest.created).toBe('2026-11-20T09:00:00.000Z');
      for (const f of manifest.files) {
        const bytes = await readFile(path.join(dir, f.path));
        expect(bytes.length, f.path).toBe(f.size);
        expect(createHash('sha256').update(bytes).digest('hex'), f.path).toBe(f.sha256);
      }
      expect(await listFiles(dir)).toEqual([...manifest.files.map((f) => f.path), 'manifest.json'].sort());
    });

    it(`${sample.name}: analyze's verdict is ${sample.expectState}${sample.expectFirst ? `, root cause ${sample.expectFirst} first` : ''}`, async () => {
      const { code, out, err } = await analyze(path.join(samplesDir, sample.name), '--json');
      expect(err).toBe('');
      expect(code).toBe(0);
      const result = JSON.parse(out) as DiagnosisResult;
      expect(result.verdict.state).toBe(sample.expectState);
      expect(result.verdict.rootCause).toBe(sample.expectFirst);
      if (sample.expectFirst === null) {
        expect(result.findings.filter((f) => f.severity === 'problem')).toEqual([]);
        expect(result.verdict.works.length).toBeGreaterThan(0);
      } else {
        expect(result.findings[0]?.id).toBe(sample.expectFirst);
      }
    });
  }

  // libyal's evtxexport is an independent reader: each sample .evtx must be a real log holding the same
  // events as its XML twin (a collection exports one query both ways).
  const haveLibevtx = spawnSync('sh', ['-c', 'command -v evtxexport']).status === 0;
  it.skipIf(!haveLibevtx)(`every sample .evtx is read by libevtx with its XML twin's events${haveLibevtx ? '' : ' [skipped: needs evtxexport (libevtx-utils)]'}`, async () => {
    let logs = 0;
    for (const sample of expected) {
      const events = path.join(samplesDir, sample.name, 'events');
      for (const file of (await readdir(events)).filter((f) => f.endsWith('.evtx'))) {
        const run = spawnSync('evtxexport', ['-f', 'xml', path.join(events, file)], { encoding: 'utf8', timeout: 30_000 });
        expect(run.status, `${sample.name}/${file}`).toBe(0);
        const xml = await readFile(path.join(events, file.replace(/\.evtx$/, '.xml')), 'utf8');
        const ids = (text: string): string[] => [...text.matchAll(/<EventID[^>]*>(\d+)</g)].map((m) => m[1]!);
        expect(ids(run.stdout), `${sample.name}/${file}`).toEqual(ids(xml));
        logs++;
      }
    }
    expect(logs).toBe(19);
  });

  it('build-samples.ts is deterministic: rebuilding gives byte-identical directories', async () => {
    const tmp = await makeTempDir();
    await buildSamples(tmp);
    for (const sample of expected) {
      const files = await listFiles(path.join(tmp, sample.name));
      expect(files).toEqual(await listFiles(path.join(samplesDir, sample.name)));
      for (const f of files) {
        expect((await readFile(path.join(tmp, sample.name, f))).equals(await readFile(path.join(samplesDir, sample.name, f))), `${sample.name}/${f}`).toBe(true);
      }
    }
  });
});
