import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { expect, it } from 'vitest';
import { describeOnWindows } from './helpers/windows.js';

describeOnWindows('the Windows machine this tier runs on', () => {
  it('has cscript and slmgr.vbs, and slmgr /dlv prints licensing output as UTF-16LE with //U', () => {
    const systemRoot = process.env.SystemRoot ?? 'C:\\Windows';
    const result = spawnSync(path.join(systemRoot, 'System32', 'cscript.exe'), ['//nologo', '//U', path.join(systemRoot, 'System32', 'slmgr.vbs'), '/dlv'], {
      timeout: 60_000,
    });
    expect(result.status).toBe(0);
    const text = result.stdout.toString('utf16le');
    expect(text.length).toBeGreaterThan(100);
    // Every edition prints a Software licensing service version line, whatever the display language: a version number.
    expect(text).toMatch(/\d+\.\d+\.\d+\.\d+/);
  });
});
