import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

// A sandboxed preload can require only 'electron' (Electron checklist item 4): bundle it the way
// scripts/build-node.mjs does and look at what the single file still requires.
describe('preload bundle', () => {
  it('is one CommonJS file that requires nothing but electron and carries no schema library', async () => {
    const result = await build({
      entryPoints: ['electron/preload/index.ts'],
      bundle: true,
      platform: 'node',
      target: 'node20',
      format: 'cjs',
      external: ['electron'],
      write: false,
      metafile: true,
      logLevel: 'silent',
    });
    const [file] = result.outputFiles;
    expect(file).toBeDefined();
    const text = file?.text ?? '';
    const required = [...text.matchAll(/require\(["']([^"']+)["']\)/g)].map((match) => match[1]);
    expect(new Set(required)).toEqual(new Set(['electron']));
    const inputs = Object.keys(result.metafile.inputs);
    expect(inputs.some((input) => input.includes('node_modules'))).toBe(false);
    expect(text.length).toBeLessThan(16_000);
  });
});
