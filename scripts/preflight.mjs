#!/usr/bin/env node
// Before `npm test`: the Debian packages the tests use (the one list; .ci/run calls this too). Installs the
// missing ones when it may (root, or sudo without a password); otherwise stops at once with one line that
// names them and the command that installs them. KMS_DOCTOR_PREFLIGHT=check only checks, never installs.
import { spawnSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import path from 'node:path';

/** Debian package → how to tell it is there (a program on PATH or in /usr/sbin, or an installed package). */
export const requiredPackages = [
  { name: 'dnsmasq-base', program: 'dnsmasq', why: 'the DNS SRV tests' },
  { name: 'chromium', program: 'chromium', why: 'the UI tests' },
  { name: 'libxml2-utils', program: 'xmllint', why: 'the event XML oracle and the analyze benchmark' },
  { name: 'zip', program: 'zip', why: 'the loose-zip tests' },
  { name: 'unzip', program: 'unzip', why: 'the bundle tests' },
  { name: 'iproute2', program: 'ip', why: 'the filtered-port network namespace' },
  { name: 'iptables', program: 'iptables', why: 'the filtered-port network namespace' },
  { name: 'libevtx-utils', program: 'evtxexport', why: 'an independent .evtx reader' },
  { name: 'python3-evtx', program: 'evtx_dump.py', why: 'an independent .evtx reader' },
  { name: 'fonts-wqy-zenhei', dpkg: 'fonts-wqy-zenhei', why: 'CJK glyphs in the ja and zh-TW screenshots' },
];

const searchPath = () => [...(process.env.PATH ?? '').split(path.delimiter), '/usr/sbin', '/sbin'].filter(Boolean);

function hasProgram(program) {
  return searchPath().some((dir) => {
    try {
      accessSync(path.join(dir, program), constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

const run = (command, args) => spawnSync(command, args, { stdio: 'ignore', timeout: 600_000 }).status === 0;
const hasPackage = (name) => run('dpkg', ['-s', name]);

/** The packages of the list that are not there. */
export function missingPackages(packages = requiredPackages) {
  return packages.filter((item) => (item.program !== undefined ? !hasProgram(item.program) : !hasPackage(item.dpkg))).map((item) => item.name);
}

function main() {
  if (process.platform !== 'linux') return 0; // The list is Debian's; elsewhere the tests say what they skip.
  const missing = missingPackages();
  if (missing.length === 0) return 0;
  const install = `apt-get install -y --no-install-recommends ${missing.join(' ')}`;
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  const sudo = !root && hasProgram('sudo') && run('sudo', ['-n', 'true']);
  if (process.env.KMS_DOCTOR_PREFLIGHT === 'check' || !hasProgram('apt-get') || (!root && !sudo)) {
    console.error(`preflight: missing Debian packages: ${missing.join(' ')} — install them with: sudo apt-get update && sudo ${install}`);
    return 1;
  }
  console.error(`preflight: installing ${missing.join(' ')}`);
  const prefix = root ? [] : ['sudo', '-n'];
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const args of [['apt-get', 'update', '-qq'], ['apt-get', 'install', '-y', '-qq', '--no-install-recommends', ...missing]]) {
    const command = [...prefix, ...args];
    const result = spawnSync(command[0], command.slice(1), { stdio: 'inherit', env, timeout: 1_800_000 });
    if (result.status !== 0) {
      console.error(`preflight: "${command.join(' ')}" failed; install them with: sudo apt-get update && sudo ${install}`);
      return 1;
    }
  }
  return 0;
}

if (import.meta.url === `file://${process.argv[1]}`) process.exitCode = main();
