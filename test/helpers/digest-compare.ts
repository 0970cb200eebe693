import type { HostEventDigest } from '../../shared/diagnose/host-events.js';

/**
 * A host digest in a form `toEqual` can compare: without the per-CMID lookup cache (not part of the
 * answer) and with map entries in a fixed order (insertion order differs between equal digests).
 */
export function comparableDigest(d: HostEventDigest): unknown {
  const byKey = <V>(m: ReadonlyMap<string, V>): Array<[string, V]> => [...m].sort(([x], [y]) => x.localeCompare(y));
  return {
    ...d,
    cmids: byKey(d.cmids).map(([k, v]) => [k, { ...v, lastSeen: null, names: byKey(v.names) }]),
    days: [...d.days].sort(([x], [y]) => x - y),
    failures: byKey(d.failures).map(([k, v]) => [k, { ...v, times: [...v.times].sort((x, y) => x - y), names: byKey(v.names) }]),
  };
}
