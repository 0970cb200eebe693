/**
 * Which log an event file is, decided from what it held once read: a file is first recognised from its
 * first bytes (host events by their ids, an .evtx by "kms" in its name), but a host's Application-log
 * export of DNS publishing (12293/12294 only) is not its Key Management Service log (12290).
 */
import type { EvidenceKind } from '../../shared/bundle/manifest.js';
import type { HostEventDigest } from '../../shared/diagnose/host-events.js';

/** The Key Management Service log's channel name (an .evtx names it in every event). */
const kmsLogChannel = 'Key Management Service';

const dnsPublishKind: Partial<Record<EvidenceKind, EvidenceKind>> = {
  eventsKmsHostXml: 'eventsHostDnsPublishXml',
  eventsKmsHostEvtx: 'eventsHostDnsPublishEvtx',
};

/**
 * The kind of a read event file: a "KMS host" file whose host events are DNS publishing only (no 12290,
 * and for an .evtx not the Key Management Service channel) is the DNS-publishing export of its form.
 */
export function eventLogKind<K extends EvidenceKind | 'other'>(kind: K, read: { readonly host: HostEventDigest; readonly logNames?: ReadonlySet<string> }): K | EvidenceKind {
  const publishing = dnsPublishKind[kind as EvidenceKind];
  if (publishing === undefined) return kind;
  const onlyPublishing = read.host.requests12290 === 0 && read.host.publish.length > 0;
  return onlyPublishing && read.logNames?.has(kmsLogChannel) !== true ? publishing : kind;
}

/** The XML export of the same log as an .evtx of this kind (an XML beside its .evtx is listed as the .evtx's copy). */
export function xmlKindOf(evtxKind: EvidenceKind): EvidenceKind | null {
  return evtxKind === 'eventsKmsHostEvtx' ? 'eventsKmsHostXml' : evtxKind === 'eventsHostDnsPublishEvtx' ? 'eventsHostDnsPublishXml' : evtxKind === 'eventsApplicationSppEvtx' ? 'eventsApplicationSppXml' : null;
}
