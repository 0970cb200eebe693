/**
 * Deterministic generator of a busy KMS host's "Key Management Service" log: event 12290 as
 * `Get-WinEvent … | ForEach-Object ToXml()` prints it, for benchmarks (event parsing, analysis).
 *
 * The same options (and seed) always give the same events. The population: ~5,000 machines
 * (workstations, servers, VMs), some cloned without sysprep so several names share one CMID, products
 * with minimum count 25 (Windows client) or 5 (Windows Server, Office), a few refused requests
 * (0xC004F042 product not allowed by this host key, 0xC004F06C clock skew), and client times logged
 * both unpadded (`2026/10/1 8:05`, what the host writes) and zero-padded.
 */
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';

export interface KmsHostEventsOptions {
  /** Number of 12290 events. */
  readonly count: number;
  /** Seed of the pseudo-random sequence (default 12290). */
  readonly seed?: number;
  /** Distinct client machines (default 5,000). */
  readonly machines?: number;
  /** Start of the window, ms since epoch (default 2026-10-01T00:00:00Z); events span `days` from it. */
  readonly startMs?: number;
  /** Days the events span (default 30, the count window). */
  readonly days?: number;
  /** Host name in <Computer> (default kms01.corp.contoso.com). */
  readonly host?: string;
  /** Wrap in <Events>…</Events> (Event Viewer's "Save as XML"; also what xmllint needs) or write bare events. */
  readonly wrap?: 'events' | 'none';
}

/** One generated request, with the values the XML carries (the ground truth for tests and analysis). */
export interface GeneratedHostEvent {
  readonly recordId: number;
  /** ISO 8601 UTC with 7 fraction digits, as SystemTime. */
  readonly systemTime: string;
  readonly hresult: string;
  readonly minimumCount: number;
  readonly clientName: string;
  readonly cmid: string;
  /** The client time string as logged (padded or not). */
  readonly clientTime: string;
  readonly isVm: boolean;
  readonly licenseState: number;
  readonly minutesToExpiry: number;
  readonly activationId: string;
}

interface Product {
  readonly activationId: string;
  readonly minimumCount: number;
  readonly weight: number;
}

// Activation IDs of common KMS client SKUs (Windows client 25, Windows Server and Office 5).
const PRODUCTS: readonly Product[] = [
  { activationId: '73111121-5638-40f6-bc11-f1d7b0d64300', minimumCount: 25, weight: 40 }, // Windows 10/11 Enterprise
  { activationId: '2de67392-b7a7-462a-b1ca-108dd189f588', minimumCount: 25, weight: 15 }, // Windows 10/11 Pro
  { activationId: 'de32eafd-aaee-4662-9444-c1befb41bde2', minimumCount: 5, weight: 8 }, // Windows Server 2019 Standard
  { activationId: 'ef6cfc9f-8c5d-44ac-9aad-de6a2ea0ae03', minimumCount: 5, weight: 5 }, // Windows Server 2022 Datacenter
  { activationId: '85dd8b5f-eaf7-4b57-8f2c-d2ebb04a1f0d', minimumCount: 5, weight: 20 }, // Office LTSC Professional Plus 2019
  { activationId: '829b8110-0e6f-4349-bca4-42803577788d', minimumCount: 5, weight: 12 }, // Office Professional Plus 2016
];

/** mulberry32: small, fast, good enough for test data, and the same sequence everywhere (samples/ uses it too). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function guid(next: () => number): string {
  const hex = (n: number): string => {
    let s = '';
    for (let i = 0; i < n; i++) s += Math.floor(next() * 16).toString(16);
    return s;
  };
  return `${hex(8)}-${hex(4)}-4${hex(3)}-${'89ab'[Math.floor(next() * 4)]}${hex(3)}-${hex(12)}`;
}

interface Machine {
  readonly name: string;
  readonly cmid: string;
  readonly isVm: boolean;
  readonly product: Product;
  /** Minutes the client's clock is off (a few are hours off). */
  readonly skewMinutes: number;
  readonly padded: boolean;
}

function pickProduct(next: () => number, server: boolean): Product {
  const pool = PRODUCTS.filter((p) => (server ? p.minimumCount === 5 && p.weight < 10 : p.weight >= 10));
  const total = pool.reduce((sum, p) => sum + p.weight, 0);
  let r = next() * total;
  for (const p of pool) {
    r -= p.weight;
    if (r <= 0) return p;
  }
  return pool[pool.length - 1] as Product;
}

function makeMachines(next: () => number, count: number): Machine[] {
  // About 3% of machines come from a few un-generalized images and share one of 12 CMIDs.
  const clonedCmids = Array.from({ length: 12 }, () => guid(next));
  const machines: Machine[] = [];
  for (let i = 0; i < count; i++) {
    const server = next() < 0.08;
    const isVm = server ? next() < 0.7 : next() < 0.2;
    const prefix = server ? 'SRV' : isVm ? 'vmwks' : 'WKS';
    const fqdn = next() < 0.85;
    const base = `${prefix}${String(i).padStart(5, '0')}`;
    machines.push({
      name: fqdn ? `${base}.corp.contoso.com` : base,
      cmid: next() < 0.03 ? (clonedCmids[Math.floor(next() * clonedCmids.length)] as string) : guid(next),
      isVm,
      product: pickProduct(next, server),
      skewMinutes: next() < 0.01 ? Math.round((next() - 0.5) * 2 * 600) : Math.round((next() - 0.5) * 4),
      padded: next() < 0.1,
    });
  }
  return machines;
}

const p2 = (n: number): string => (n < 10 ? `0${n}` : `${n}`);

function clientTimeText(ms: number, padded: boolean): string {
  const d = new Date(ms);
  const [y, mo, day, h, mi] = [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate(), d.getUTCHours(), d.getUTCMinutes()];
  return padded ? `${y}/${p2(mo)}/${p2(day)} ${p2(h)}:${p2(mi)}` : `${y}/${mo}/${day} ${h}:${p2(mi)}`;
}

/** The generated requests, in log order (deterministic for the same options). */
export function* generateKmsHostEvents(options: KmsHostEventsOptions): Generator<GeneratedHostEvent> {
  const next = rng(options.seed ?? 12290);
  const machines = makeMachines(next, options.machines ?? 5000);
  const start = options.startMs ?? Date.UTC(2026, 9, 1);
  const spanMs = (options.days ?? 30) * 86_400_000;
  const step = spanMs / Math.max(1, options.count);
  for (let i = 0; i < options.count; i++) {
    const machine = machines[Math.floor(next() * machines.length)] as Machine;
    const at = Math.floor(start + i * step + next() * step);
    const sub = Math.floor(next() * 10_000_000);
    const iso = new Date(at).toISOString();
    const systemTime = `${iso.slice(0, 19)}.${String(sub).padStart(7, '0')}Z`;
    const skewed = machine.skewMinutes > 240;
    const refused = next() < 0.02 && machine.product.minimumCount === 5;
    const hresult = skewed ? '0xC004F06C' : refused ? '0xC004F042' : '0x0';
    const licensed = next() < 0.8;
    const licenseState = licensed ? 1 : next() < 0.85 ? 2 : 5;
    const minutesToExpiry = licenseState === 1 ? 259_200 - Math.floor(next() * 10_080) : licenseState === 2 ? Math.floor(next() * 43_200) : 0;
    yield {
      recordId: i + 1,
      systemTime,
      hresult,
      minimumCount: machine.product.minimumCount,
      clientName: machine.name,
      cmid: machine.cmid,
      clientTime: clientTimeText(at + machine.skewMinutes * 60_000, machine.padded),
      isVm: machine.isVm,
      licenseState,
      minutesToExpiry,
      activationId: machine.product.activationId,
    };
  }
}

const escapeXml = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/'/g, '&apos;');

/**
 * One event as ToXml() prints it: single-quoted attributes, no whitespace between elements; EventData
 * holds the comma-joined Info string first, then the nine fields (what Properties[1..9] read).
 */
export function kmsHostEventToXml(e: GeneratedHostEvent, host = 'kms01.corp.contoso.com'): string {
  const fields = [
    e.hresult,
    String(e.minimumCount),
    e.clientName,
    e.cmid,
    e.clientTime,
    e.isVm ? '1' : '0',
    String(e.licenseState),
    String(e.minutesToExpiry),
    e.activationId,
  ].map(escapeXml);
  return (
    "<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><System>" +
    "<Provider Name='Microsoft-Windows-Security-SPP' Guid='{E23B33B0-C8C9-472C-A5F9-F2BDFEA0F156}' EventSourceName='Software Protection Platform Service'/>" +
    "<EventID Qualifiers='16384'>12290</EventID><Version>0</Version><Level>4</Level><Task>0</Task><Opcode>0</Opcode>" +
    `<Keywords>0x80000000000000</Keywords><TimeCreated SystemTime='${e.systemTime}'/><EventRecordID>${e.recordId}</EventRecordID>` +
    "<Correlation/><Execution ProcessID='0' ThreadID='0'/><Channel>Key Management Service</Channel>" +
    `<Computer>${escapeXml(host)}</Computer><Security/></System><EventData><Data>${fields.join(',')}</Data>` +
    fields.map((f) => `<Data>${f}</Data>`).join('') +
    '</EventData></Event>'
  );
}

/** The XML text in pieces of about `eventsPerPiece` events (one event per line, CRLF, as PowerShell writes). */
export function* kmsHostEventsXml(options: KmsHostEventsOptions, eventsPerPiece = 1000): Generator<string> {
  const wrap = options.wrap ?? 'none';
  if (wrap === 'events') yield '<?xml version="1.0" encoding="UTF-8"?>\r\n<Events>\r\n';
  let piece: string[] = [];
  for (const e of generateKmsHostEvents(options)) {
    piece.push(kmsHostEventToXml(e, options.host));
    if (piece.length === eventsPerPiece) {
      yield `${piece.join('\r\n')}\r\n`;
      piece = [];
    }
  }
  if (piece.length > 0) yield `${piece.join('\r\n')}\r\n`;
  if (wrap === 'events') yield '</Events>\r\n';
}

/** Writes the XML to `path` (UTF-8) without building it in memory; resolves with the bytes written. */
export async function writeKmsHostEventsXml(path: string, options: KmsHostEventsOptions): Promise<{ bytes: number; events: number }> {
  const out = createWriteStream(path);
  let bytes = 0;
  try {
    for (const piece of kmsHostEventsXml(options)) {
      bytes += Buffer.byteLength(piece);
      if (!out.write(piece)) await once(out, 'drain');
    }
  } finally {
    out.end();
    await once(out, 'close');
  }
  return { bytes, events: options.count };
}
