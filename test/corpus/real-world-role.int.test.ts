/**
 * One machine, one role (issue 17): `kms-doctor parse slmgr` and `analyze` give every real-world corpus item
 * the same role for the same reason. The role analyze reads is the one careful humans wrote in expected.json
 * (its own test holds it there), so an item's parse answer is checked against a person's reading too.
 * Where `parse slmgr` refuses an item, analyze must not have read a role from slmgr text either: event data
 * (parse slmgr sends it to `parse events`, which decides no role; analyze reads its role from the KMS event ids),
 * another tool's output, or an slmgr command echo without a licence or an /ato answer (no role: unknown).
 */
import { describe, expect, it } from 'vitest';
import { runCli } from '../../electron/cli/program.js';
import { loadEvidence } from '../../electron/evidence/load-evidence.js';
import { detectRole } from '../../shared/diagnose/index.js';
import { reportRoleOf, type RoleReason } from '../../shared/kms/role.js';
import type { SlmgrReport } from '../../shared/parse/types.js';
import { corpus, itemPath, type CorpusItem } from './corpus.js';

async function cli(argv: readonly string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(argv, { stdout: (text) => (out += text), stderr: (text) => (err += text) });
  return { code, out, err };
}

/** What `parse slmgr --json` says of the item, null when it refuses it. */
async function parsedRole(item: CorpusItem): Promise<{ role: string; reason: RoleReason } | null> {
  const run = await cli(['parse', 'slmgr', itemPath(item), '--json']);
  if (run.code !== 0) return null;
  const report = JSON.parse(run.out) as SlmgrReport;
  return { role: report.role, reason: report.roleReason };
}

/** What `analyze --json` says of the item, and the reason it decided it from (the same decision, detectRole). */
async function analyzedRole(item: CorpusItem): Promise<{ role: string; reason: RoleReason } | null> {
  const run = await cli(['analyze', itemPath(item), '--json', '--no-history']);
  // A refused input prints one line on stderr and nothing on stdout.
  if (run.out.trim() === '') return null;
  const { role } = JSON.parse(run.out) as { role: string };
  const decided = detectRole((await loadEvidence(itemPath(item))).evidence);
  expect(decided.role, 'analyze --json prints the role detectRole decides').toBe(role);
  return { role, reason: decided.reason };
}

describe('parse slmgr and analyze give each corpus item one role, for one reason', () => {
  const refusedByParse: string[] = [];

  for (const item of corpus) {
    it(item.file, async () => {
      const parsed = await parsedRole(item);
      const analyzed = await analyzedRole(item);
      if (parsed === null) {
        refusedByParse.push(item.file);
        // Events other than the KMS ones (1003, 8229 …) tell no role.
        if (item.shape === 'events') expect(analyzed?.reason.code, 'an event paste is read by its event ids').toMatch(/events$|^no-evidence$/);
        else if (item.shape === 'slmgr') expect(analyzed, 'slmgr text without a licence or an /ato answer tells no role').toEqual({ role: 'unknown', reason: { code: 'no-evidence', detail: null } });
        else expect(item.conclusion.accepted).toBe(false);
        return;
      }
      if (analyzed === null) {
        // analyze refuses only what is out of scope; parse may still print what little it read of it.
        expect(item.conclusion.accepted, `analyze refused ${item.file}`).toBe(false);
        return;
      }
      expect(parsed).toEqual({ role: reportRoleOf(analyzed.role as Parameters<typeof reportRoleOf>[0]), reason: analyzed.reason });
    });
  }

  it('compares every slmgr-shaped item but the two command echoes that hold no slmgr line', () => {
    const slmgrItems = corpus.filter((item) => item.shape === 'slmgr').map((item) => item.file);
    expect(slmgrItems.length).toBeGreaterThanOrEqual(30);
    expect(refusedByParse.filter((file) => slmgrItems.includes(file)).sort()).toEqual(['constructed/slmgr-rearm-01.txt', 'items/slmgr-ipk-ws2003-en-01.txt']);
  });
});
