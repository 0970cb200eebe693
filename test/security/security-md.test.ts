import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

// SECURITY.md at the repository root maps Electron's 20 checklist items to code and tests; this keeps
// the map honest: every item present once, and every file it names exists.
const text = readFileSync('SECURITY.md', 'utf8');
const checklist = text.split(/^## /m).find((section) => section.startsWith('Electron security checklist')) ?? '';

type Row = { number: number; item: string; what: string; where: string; how: string };
const rows: Row[] = checklist
  .split('\n')
  .map((line) => line.split('|').map((cell) => cell.trim()))
  .filter((cells) => cells.length >= 7 && /^\d+$/.test(cells[1] ?? ''))
  .map((cells) => ({ number: Number(cells[1]), item: cells[2] ?? '', what: cells[3] ?? '', where: cells[4] ?? '', how: cells[5] ?? '' }));

const pathsIn = (cell: string): string[] =>
  [...cell.matchAll(/`([^`\s]+)`/g)].map((match) => match[1] ?? '').filter((token) => /^[\w.-]+(\/[\w.-]+)+$|^[\w-]+\.(ts|md|yml|json|mjs|html)$/.test(token));

describe('SECURITY.md', () => {
  it('maps each of the 20 checklist items exactly once, in order', () => {
    expect(rows.map((row) => row.number)).toEqual(Array.from({ length: 20 }, (_, index) => index + 1));
  });

  it('names for every item what we do, where it is enforced and how it is tested', () => {
    for (const row of rows) {
      expect(row.item, `item ${row.number}`).not.toBe('');
      expect(row.what.length, `item ${row.number}`).toBeGreaterThan(20);
      expect(pathsIn(row.where).length, `item ${row.number} where`).toBeGreaterThan(0);
      expect(row.how, `item ${row.number} how`).not.toBe('');
    }
  });

  it('names only files that exist', () => {
    const missing = rows.flatMap((row) => [...pathsIn(row.where), ...pathsIn(row.how)]).filter((file) => !existsSync(file));
    expect(missing).toEqual([]);
  });

  it('covers the items by their subject', () => {
    const subject = (number: number) => rows.find((row) => row.number === number)?.item.toLowerCase() ?? '';
    expect(subject(3)).toContain('context isolation');
    expect(subject(4)).toContain('sandbox');
    expect(subject(7)).toContain('content security policy');
    expect(subject(15)).toContain('openexternal');
    expect(subject(17)).toContain('sender');
    expect(subject(18)).toContain('file://');
    expect(subject(19)).toContain('fuses');
    expect(subject(20)).toContain('electron apis');
  });

  it('item 16 names the Electron version the lock file installs, and is not left open', () => {
    const lock = JSON.parse(readFileSync('package-lock.json', 'utf8')) as { packages: Record<string, { version?: string }> };
    const locked = lock.packages['node_modules/electron']?.version ?? '';
    const row = rows.find((item) => item.number === 16)!;
    expect(row.what).toContain(`\`electron\` ${locked} `);
    expect(row.what).not.toMatch(/\*\*Open/);
    // The newest stable major when this was written (npm dist-tag latest 45.6.1); older majors fall out of support.
    expect(Number(locked.split('.')[0])).toBeGreaterThanOrEqual(45);
  });
});
