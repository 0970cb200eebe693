// The fuses of electron-builder.yml against Electron 45 and the libraries that burn them, without an
// Electron binary (these machines cannot download one): the config object is checked against
// electron-builder's own FuseOptionsV1 type, converted by electron-builder's own generateFuseConfig, and
// flipped by @electron/fuses into a stand-in fuse wire laid out as Electron's build/fuses/build.py
// writes it (sentinel, version 1, length, one byte per fuse) with Electron 45's nine fuses at their
// shipped defaults (build/fuses/fuses.json5; the ninth, wasm_trap_handlers, since electron#48983).
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { flipFuses, FuseState, FuseV1Options, FuseVersion, getCurrentFuseWire, type FuseV1Config } from '@electron/fuses';
import { PlatformPackager, type FuseOptionsV1 } from 'app-builder-lib';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';

const configured = (parse(await readFile('electron-builder.yml', 'utf8')) as { electronFuses: FuseOptionsV1 }).electronFuses;

/**
 * Every fuse electron-builder 26 can set, each with its place in the wire. `satisfies` makes tsc reject
 * this list when electron-builder's FuseOptionsV1 gains or loses a fuse, so the test cannot fall behind.
 */
const settable = {
  runAsNode: FuseV1Options.RunAsNode,
  enableCookieEncryption: FuseV1Options.EnableCookieEncryption,
  enableNodeOptionsEnvironmentVariable: FuseV1Options.EnableNodeOptionsEnvironmentVariable,
  enableNodeCliInspectArguments: FuseV1Options.EnableNodeCliInspectArguments,
  enableEmbeddedAsarIntegrityValidation: FuseV1Options.EnableEmbeddedAsarIntegrityValidation,
  onlyLoadAppFromAsar: FuseV1Options.OnlyLoadAppFromAsar,
  loadBrowserProcessSpecificV8Snapshot: FuseV1Options.LoadBrowserProcessSpecificV8Snapshot,
  grantFileProtocolExtraPrivileges: FuseV1Options.GrantFileProtocolExtraPrivileges,
} as const satisfies Record<keyof Omit<FuseOptionsV1, 'resetAdHocDarwinSignature'>, FuseV1Options>;

/** Electron's sentinel before the fuse wire (build/fuses/build.py; @electron/fuses' SENTINEL). */
const sentinel = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
/** Electron 45's wire as shipped: fuses.json5's defaults in order, then wasm_trap_handlers on. */
const shipped = '101100011';

async function standInBinary(): Promise<{ file: string; done: () => Promise<void> }> {
  const dir = await mkdtemp(path.join(tmpdir(), 'kmsd-fuses-'));
  const file = path.join(dir, 'electron.exe');
  await writeFile(file, Buffer.concat([Buffer.alloc(64, 0x90), Buffer.from(sentinel, 'latin1'), Buffer.from([1, shipped.length]), Buffer.from(shipped, 'latin1'), Buffer.alloc(64, 0x90)]));
  return { file, done: () => rm(dir, { recursive: true, force: true }) };
}

describe('electron-builder.yml fuses against Electron 45', () => {
  it('sets every fuse electron-builder can set, explicitly (none left to a default by omission)', () => {
    expect(Object.keys(configured).sort()).toEqual(Object.keys(settable).sort());
  });

  it('burns what SECURITY.md item 19 says, through electron-builder\'s own conversion and @electron/fuses', async () => {
    // electron-builder's own conversion (a private method that uses none of its instance).
    const convert = (PlatformPackager.prototype as unknown as { generateFuseConfig(fuses: FuseOptionsV1): Promise<FuseV1Config> }).generateFuseConfig;
    const config = await convert.call(null, configured);
    const binary = await standInBinary();
    try {
      await flipFuses(binary.file, config);
      const wire = await getCurrentFuseWire(binary.file);
      const state = (fuse: FuseV1Options): FuseState | undefined => wire[fuse];
      expect(state(FuseV1Options.RunAsNode)).toBe(FuseState.DISABLE);
      expect(state(FuseV1Options.EnableNodeOptionsEnvironmentVariable)).toBe(FuseState.DISABLE);
      expect(state(FuseV1Options.EnableNodeCliInspectArguments)).toBe(FuseState.DISABLE);
      expect(state(FuseV1Options.GrantFileProtocolExtraPrivileges)).toBe(FuseState.DISABLE);
      expect(state(FuseV1Options.LoadBrowserProcessSpecificV8Snapshot)).toBe(FuseState.DISABLE);
      expect(state(FuseV1Options.OnlyLoadAppFromAsar)).toBe(FuseState.ENABLE);
      expect(state(FuseV1Options.EnableEmbeddedAsarIntegrityValidation)).toBe(FuseState.ENABLE);
      expect(state(FuseV1Options.EnableCookieEncryption)).toBe(FuseState.ENABLE);
      // WasmTrapHandlers (Electron ≥ 40) cannot be set through electron-builder 26; it stays as shipped
      // (on: V8's guard against out-of-bounds WebAssembly memory access), which is also what we want.
      expect(state(FuseV1Options.WasmTrapHandlers)).toBe(FuseState.ENABLE);
      // Nothing else in the file moved.
      const bytes = await readFile(binary.file);
      expect(bytes.subarray(0, 64).every((b) => b === 0x90) && bytes.subarray(-64).every((b) => b === 0x90)).toBe(true);
    } finally {
      await binary.done();
    }
  });

  it('a fuse the binary\'s wire lacks is refused, not skipped (an older Electron cannot pass silently)', async () => {
    const binary = await standInBinary();
    try {
      const short = Buffer.from(await readFile(binary.file));
      short[short.indexOf(sentinel, 0, 'latin1') + sentinel.length + 1] = 2;
      await writeFile(binary.file, short);
      await expect(flipFuses(binary.file, { version: FuseVersion.V1, [FuseV1Options.OnlyLoadAppFromAsar]: true })).rejects.toThrow(/not long enough/);
    } finally {
      await binary.done();
    }
  });
});
