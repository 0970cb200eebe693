import { bundlePaths } from '../../bundle/manifest.js';
import type { FindingDraft, Rule, RuleContext } from '../types.js';
import { installedProducts, isHostProduct, isKmsClientProduct } from './helpers.js';

const collectFailed: Rule = (c) =>
  c.evidence.failedCollectors.map((f): FindingDraft => ({
    id: 'collect.failed',
    vars: { collector: f.collector, reason: f.reason, missing: f.missing.join(', ') || '—' },
    explanation: f.missing.length > 0 ? 'explanation' : 'explanationNothingMissing',
    evidence: [{ source: bundlePaths.manifest, excerpt: `failedCollectors: ${f.collector}: ${f.reason}` }],
    fixes: [{ key: 'rerun' }],
  }));

/** Evidence kinds the verdict needs per role, with the text key that says what their absence means. */
type Needed = 'slmgr' | 'clientEvents' | 'probes' | 'hostEvents';

function needed(c: RuleContext): Needed[] {
  switch (c.role) {
    case 'client':
      return ['slmgr', 'clientEvents', 'probes'];
    case 'host':
      return ['slmgr', 'hostEvents'];
    case 'both':
      return ['slmgr', 'clientEvents', 'probes', 'hostEvents'];
    default:
      return ['slmgr'];
  }
}

const missingEvidence: Rule = (c) => {
  const have: Record<Needed, boolean> = {
    slmgr: c.evidence.slmgr !== null,
    clientEvents: c.evidence.clientEvents !== null,
    probes: c.evidence.probes !== null,
    hostEvents: c.evidence.hostEvents !== null,
  };
  return needed(c).filter((kind) => !have[kind]).map((kind): FindingDraft => ({
    id: 'collect.missing-evidence',
    explanation: `explanation.${kind}`,
    vars: { what: kind },
    evidence: [{ source: c.evidence.manifest ? bundlePaths.manifest : '(folder)', excerpt: `not found: ${kind === 'slmgr' ? `${bundlePaths.slmgrDlv} / ${bundlePaths.cimProducts}` : kind === 'clientEvents' ? bundlePaths.eventsApplicationSppXml : kind === 'hostEvents' ? bundlePaths.eventsKmsHostXml : bundlePaths.probes}` }],
    fixes: [{ key: kind }],
  }));
};

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

export const collectRules: readonly Rule[] = [collectFailed, missingEvidence, contradictory];
