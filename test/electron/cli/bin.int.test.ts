import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { writeKmsHostEventsXml } from '../../../tools/gen/kms-host-events.js';
import { makeTempDir } from '../../helpers/temp-dir.js';

const repo = fileURLToPath(new URL('../../../', import.meta.url));
const run = (...args: string[]) => spawnSync(process.execPath, ['bin/kms-doctor.js', ...args], { cwd: repo, encoding: 'utf8', timeout: 20_000 });

describe('the kms-doctor bin as a real process', () => {
  beforeAll(() => {
    if (!existsSync(`${repo}out/cli/index.js`)) {
      const built = spawnSync(process.execPath, ['scripts/build-node.mjs'], { cwd: repo, encoding: 'utf8', timeout: 60_000 });
      expect(built.status, built.stderr).toBe(0);
    }
  });

  it('prints help with the subcommands and exits 0', () => {
    const result = run('--help');
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/parse[\s\S]*probe[\s\S]*collect[\s\S]*analyze/);
  });

  it('exits 2 with a one-line reason and no stack trace on an unknown subcommand', () => {
    const result = run('nope');
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("unknown command 'nope'");
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('prints the package version', () => {
    const result = run('--version');
    expect(result.status).toBe(0);
    expect(result.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('leaves only after its output reached the OS: a reader that waits before reading still gets every byte', async () => {
    const dir = await makeTempDir();
    const file = path.join(dir, 'host.xml');
    await writeKmsHostEventsXml(file, { count: 6000, seed: 5, machines: 400, wrap: 'events' });
    const child = spawn(process.execPath, ['bin/kms-doctor.js', 'parse', 'events', file, '--json'], { cwd: repo, stdio: ['ignore', 'pipe', 'pipe'] });
    const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    // Several MB of JSON against a 64 KB pipe: the CLI's last writes are still queued when it finishes.
    child.stdout.pause();
    await sleep(500);
    const chunks: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
    child.stdout.resume();
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    expect(await exited, stderr).toBe(0);
    const out = Buffer.concat(chunks).toString('utf8');
    expect(out.length).toBeGreaterThan(1_000_000);
    // The JSON array of parsed events (DESIGN.md §5), whole: cut output would not parse.
    expect(JSON.parse(out)).toHaveLength(6000);
  }, 60_000);

  it('a reader that went away (| head) ends the run with one line and exit code 1, not a stack trace', async () => {
    const child = spawn(process.execPath, ['bin/kms-doctor.js', 'analyze', 'samples/host-duplicate-cmid', '--json', '--no-history'], { cwd: repo, stdio: ['ignore', 'pipe', 'pipe'] });
    // Close our end before the CLI writes anything: its write fails with EPIPE.
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('close', (exit) => resolve(exit)));
    expect(code).toBe(1);
    expect(stderr).toBe('kms-doctor: standard output closed (EPIPE) before everything was written\n');
  }, 30_000);
});
