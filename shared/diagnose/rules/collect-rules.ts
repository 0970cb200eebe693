import { codeOfFailure } from '../../bundle/collector-failure.js';
import { bundlePaths } from '../../bundle/manifest.js';
import type { FindingDraft, Rule } from '../types.js';
import { installedProducts, isHostProduct, isKmsClientProduct } from './helpers.js';

const collectFailed: Rule = (c) =>
  c.evidence.failedCollectors.map((f): FindingDraft => ({
    id: 'collect.failed',
    // The reason is worded from its code in the report's language; the collector's own message is the evidence.
    vars: { collector: f.collector, reason: codeOfFailure(f), missing: f.missing.join(', ') || '—' },
    explanation: f.missing.length > 0 ? 'explanation' : 'explanationNothingMissing',
    evidence: [{ source: bundlePaths.manifest, excerpt: `failedCollectors: ${f.collector}: ${f.reason}` }],
    fixes: [{ key: 'rerun' }],
  }));

/** slmgr and the events disagree about what this machine is: say so rather than pick one silently. */
const contradictory: Rule = (c) => {
  const slmgr = c.evidence.slmgr;
  if (!slmgr) return null;
  const products = installedProducts(c);
  const slmgrHost = products.some(isHostProduct);
  const slmgrClient = products.some(isKmsClientProduct);
  const hostEvents = (c.evidence.hostEvents?.requests12290 ?? 0) > 0;
  const clientRequests = (c.evidence.clientEvents ?? []).some((e) => e.eventId === 12288);
  const drafts: FindingDraft[] = [];
  if (slmgrHost && !slmgrClient && clientRequests && !hostEvents) {
    drafts.push({
      id: 'collect.contradictory-evidence',
      explanation: 'explanationHostClient',
      evidence: [
        { source: c.evidence.slmgrSource ?? bundlePaths.slmgrDlv, excerpt: products.filter(isHostProduct).map((p) => p.description ?? p.channel ?? '').join('; ') },
        { source: c.evidence.clientEventsSource ?? bundlePaths.eventsApplicationSppXml, excerpt: `${(c.evidence.clientEvents ?? []).filter((e) => e.eventId === 12288).length} × event 12288 (client requests)` },
      ],
      fixes: [{ key: 'check' }],
    });
  }
  if (!slmgrHost && hostEvents) {
    drafts.push({
      id: 'collect.contradictory-evidence',
      explanation: 'explanationClientHost',
      evidence: [
        { source: c.evidence.slmgrSource ?? bundlePaths.slmgrDlv, excerpt: products.map((p) => p.description ?? p.channel ?? '').join('; ') || '(no installed product)' },
        { source: c.evidence.hostEventsSource ?? bundlePaths.eventsKmsHostXml, excerpt: `${c.evidence.hostEvents!.requests12290} × event 12290 (requests processed by a KMS host)` },
      ],
      fixes: [{ key: 'check' }],
    });
  }
  const manifestRole = c.evidence.manifest?.role;
  if (manifestRole === 'client' && slmgrHost && !slmgrClient) {
    drafts.push({
      id: 'collect.contradictory-evidence',
      explanation: 'explanationManifest',
      vars: { manifestRole, slmgrRole: 'host' },
      evidence: [{ source: bundlePaths.manifest, excerpt: `"role": "${manifestRole}"` }],
      fixes: [{ key: 'check' }],
    });
  }
  return drafts;
};

// Missing evidence is not a finding about the machine: the verdict lists it as a gap (verdict.ts).
export const collectRules: readonly Rule[] = [collectFailed, contradictory];
