/**
 * DCE/RPC connection-oriented v5 PDUs for the KMS probe: bind encoding, bind_ack / bind_nak decoding.
 *
 * Written from The Open Group C706 (DCE 1.1 RPC) chapter 12 (§12.6.3 common header, §12.6.4.3 bind,
 * §12.6.4.4 bind_ack, §12.6.4.5 bind_nak) and MS-RPCE §2.2.2 (NDR64 and bind-time feature negotiation).
 * There is deliberately no encoder for a request PDU: an activation request with a made-up client id
 * would add a phantom machine to a real KMS host's count.
 */
import type { RpcStatus } from './types.js';

export interface SyntaxId {
  /** Lower-case canonical UUID text. */
  readonly uuid: string;
  readonly major: number;
  readonly minor: number;
}

export interface ContextItem {
  readonly contextId: number;
  readonly abstractSyntax: SyntaxId;
  readonly transferSyntaxes: readonly SyntaxId[];
}

/** The KMS interface (KMSServer, one operation: RequestActivation). */
export const KMS_INTERFACE: SyntaxId = { uuid: '51c82175-844e-4750-b0d8-ec255555bc06', major: 1, minor: 0 };
/** NDR transfer syntax (C706 appendix I) v2.0. */
export const NDR32_SYNTAX: SyntaxId = { uuid: '8a885d04-1ceb-11c9-9fe8-08002b104860', major: 2, minor: 0 };
/** NDR64 transfer syntax (MS-RPCE §2.2.5) v1.0. */
export const NDR64_SYNTAX: SyntaxId = { uuid: '71710533-beba-4937-8319-b5dbef9ccc36', major: 1, minor: 0 };
/** Bind-time feature negotiation (MS-RPCE §3.3.1.5.3): bytes 8–9 of the UUID carry the feature bits. */
export function bindTimeFeatureSyntax(features: number): SyntaxId {
  const bits = features & 0xffff;
  const low = (bits & 0xff).toString(16).padStart(2, '0');
  const high = (bits >> 8).toString(16).padStart(2, '0');
  return { uuid: `6cb71c2c-9812-4540-${low}${high}-000000000000`, major: 1, minor: 0 };
}

export const PTYPE = { request: 0, response: 2, fault: 3, bind: 11, bindAck: 12, bindNak: 13 } as const;
/** PFC_FIRST_FRAG | PFC_LAST_FRAG | PFC_CONC_MPX, as a Windows client sets them on its bind. */
export const BIND_PFC_FLAGS = 0x13;
const COMMON_HEADER_LENGTH = 16;
const SYNTAX_ID_LENGTH = 20;

export interface BindOptions {
  readonly callId?: number;
  readonly maxXmitFrag?: number;
  readonly maxRecvFrag?: number;
  readonly assocGroupId?: number;
  readonly contexts?: readonly ContextItem[];
}

/**
 * The three context items a Windows KMS client offers: KMS interface with NDR32, with NDR64, and the
 * bind-time feature negotiation item (features 0x0003).
 */
export function kmsContextItems(): readonly ContextItem[] {
  return [
    { contextId: 0, abstractSyntax: KMS_INTERFACE, transferSyntaxes: [NDR32_SYNTAX] },
    { contextId: 1, abstractSyntax: KMS_INTERFACE, transferSyntaxes: [NDR64_SYNTAX] },
    { contextId: 2, abstractSyntax: KMS_INTERFACE, transferSyntaxes: [bindTimeFeatureSyntax(0x0003)] },
  ];
}

/** Writes a canonical UUID in NDR little-endian order (time_low, time_mid, time_hi LE; the rest as is). */
function writeUuid(view: DataView, offset: number, uuid: string): void {
  const hex = uuid.replace(/-/g, '');
  if (!/^[0-9a-fA-F]{32}$/.test(hex)) throw new Error(`not a UUID: ${uuid}`);
  view.setUint32(offset, parseInt(hex.slice(0, 8), 16), true);
  view.setUint16(offset + 4, parseInt(hex.slice(8, 12), 16), true);
  view.setUint16(offset + 6, parseInt(hex.slice(12, 16), 16), true);
  for (let i = 0; i < 8; i++) view.setUint8(offset + 8 + i, parseInt(hex.slice(16 + i * 2, 18 + i * 2), 16));
}

function readUuid(view: DataView, offset: number, littleEndian: boolean): string {
  const hex = (value: number, digits: number) => value.toString(16).padStart(digits, '0');
  const tail: string[] = [];
  for (let i = 0; i < 8; i++) tail.push(hex(view.getUint8(offset + 8 + i), 2));
  return [
    hex(view.getUint32(offset, littleEndian), 8),
    hex(view.getUint16(offset + 4, littleEndian), 4),
    hex(view.getUint16(offset + 6, littleEndian), 4),
    tail.slice(0, 2).join(''),
    tail.slice(2).join(''),
  ].join('-');
}

/** p_syntax_id_t: the UUID then if_version as one u32, major in the low 16 bits, minor in the high 16. */
function writeSyntax(view: DataView, offset: number, syntax: SyntaxId): void {
  writeUuid(view, offset, syntax.uuid);
  view.setUint16(offset + 16, syntax.major, true);
  view.setUint16(offset + 18, syntax.minor, true);
}

function readSyntax(view: DataView, offset: number, littleEndian: boolean): SyntaxId {
  const version = view.getUint32(offset + 16, littleEndian);
  return { uuid: readUuid(view, offset, littleEndian), major: version & 0xffff, minor: version >>> 16 };
}

/**
 * Encodes a bind PDU (little-endian, ASCII, IEEE data representation, no authentication).
 *
 * With no options it is byte for byte the 160-byte bind a Windows KMS client sends (KMS-RPC.md).
 */
export function encodeBind(options: BindOptions = {}): Uint8Array {
  const contexts = options.contexts ?? kmsContextItems();
  const length = COMMON_HEADER_LENGTH + 12 + contexts.reduce((sum, item) => sum + 4 + SYNTAX_ID_LENGTH * (1 + item.transferSyntaxes.length), 0);
  const bytes = new Uint8Array(length);
  const view = new DataView(bytes.buffer);
  view.setUint8(0, 5);
  view.setUint8(1, 0);
  view.setUint8(2, PTYPE.bind);
  view.setUint8(3, BIND_PFC_FLAGS);
  view.setUint8(4, 0x10); // drep[0]: little-endian integers, ASCII characters; drep[1] 0 = IEEE floats
  view.setUint16(8, length, true);
  view.setUint16(10, 0, true);
  view.setUint32(12, options.callId ?? 2, true);
  view.setUint16(16, options.maxXmitFrag ?? 5840, true);
  view.setUint16(18, options.maxRecvFrag ?? 5840, true);
  view.setUint32(20, options.assocGroupId ?? 0, true);
  view.setUint8(24, contexts.length);
  let offset = 28;
  for (const item of contexts) {
    view.setUint16(offset, item.contextId, true);
    view.setUint8(offset + 2, item.transferSyntaxes.length);
    writeSyntax(view, offset + 4, item.abstractSyntax);
    offset += 4 + SYNTAX_ID_LENGTH;
    for (const syntax of item.transferSyntaxes) {
      writeSyntax(view, offset, syntax);
      offset += SYNTAX_ID_LENGTH;
    }
  }
  return bytes;
}

/** p_cont_def_result_t (C706), with MS-RPCE's negotiate_ack. */
export type ContextResultKind = 'acceptance' | 'user-rejection' | 'provider-rejection' | 'negotiate-ack' | 'unknown';
const RESULT_KINDS: readonly ContextResultKind[] = ['acceptance', 'user-rejection', 'provider-rejection', 'negotiate-ack'];

export interface ContextResult {
  readonly result: ContextResultKind;
  readonly resultCode: number;
  /** p_provider_reason_t (e.g. 1 = abstract syntax not supported); for negotiate_ack, the feature bits. */
  readonly reason: number;
  readonly transferSyntax: SyntaxId;
}

export type DecodedReply =
  | {
      readonly kind: 'bind_ack';
      readonly callId: number;
      readonly maxXmitFrag: number;
      readonly maxRecvFrag: number;
      readonly assocGroupId: number;
      readonly secondaryAddress: string;
      readonly results: readonly ContextResult[];
    }
  | { readonly kind: 'bind_nak'; readonly callId: number; readonly rejectReason: number; readonly versions: readonly { readonly major: number; readonly minor: number }[] }
  | { readonly kind: 'other-rpc'; readonly ptype: number; readonly callId: number }
  | { readonly kind: 'not-rpc'; readonly reason: string };

/** How far a reply read so far has got: more bytes needed, not DCE/RPC at all, or one whole PDU. */
export type FrameState = { readonly kind: 'need-more' } | { readonly kind: 'not-rpc'; readonly reason: string } | { readonly kind: 'frame'; readonly length: number };

/**
 * Looks at the first bytes of a reply: a DCE/RPC v5.0 PDU starts 05 00 and carries its own length.
 *
 * Lets a reader reject garbage (an HTTP server's "HTTP/1.1 400") at the first byte and know when a
 * fragmented reply is complete.
 */
export function inspectFrame(bytes: Uint8Array): FrameState {
  if (bytes.length >= 1 && bytes[0] !== 5) return { kind: 'not-rpc', reason: `first byte 0x${hexByte(bytes[0] ?? 0)}, not DCE/RPC version 5` };
  if (bytes.length >= 2 && bytes[1] !== 0) return { kind: 'not-rpc', reason: `minor version ${bytes[1]}, not DCE/RPC 5.0` };
  if (bytes.length < COMMON_HEADER_LENGTH) return { kind: 'need-more' };
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const littleEndian = (view.getUint8(4) & 0xf0) === 0x10;
  if ((view.getUint8(4) & 0xf0) > 0x10) return { kind: 'not-rpc', reason: 'unknown integer representation in the data representation label' };
  const length = view.getUint16(8, littleEndian);
  if (length < COMMON_HEADER_LENGTH) return { kind: 'not-rpc', reason: `fragment length ${length} is shorter than the header` };
  return bytes.length >= length ? { kind: 'frame', length } : { kind: 'need-more' };
}

/**
 * Decodes one reply PDU to a bind: bind_ack (with every context result), bind_nak, another RPC PDU, or
 * something that is not DCE/RPC. Never throws on hostile input.
 */
export function decodeBindReply(bytes: Uint8Array): DecodedReply {
  const frame = inspectFrame(bytes);
  if (frame.kind === 'not-rpc') return frame;
  if (frame.kind === 'need-more') return { kind: 'not-rpc', reason: `reply ends after ${bytes.length} bytes, inside the PDU` };
  const view = new DataView(bytes.buffer, bytes.byteOffset, frame.length);
  const littleEndian = (view.getUint8(4) & 0xf0) === 0x10;
  const ptype = view.getUint8(2);
  const callId = view.getUint32(12, littleEndian);
  const truncated = (what: string): DecodedReply => ({ kind: 'not-rpc', reason: `PDU type ${ptype} too short for its ${what}` });
  if (ptype === PTYPE.bindNak) {
    if (frame.length < 19) return truncated('reject reason');
    const count = view.getUint8(18);
    if (frame.length < 19 + count * 2) return truncated('protocol version list');
    const versions = Array.from({ length: count }, (_, i) => ({ major: view.getUint8(19 + i * 2), minor: view.getUint8(20 + i * 2) }));
    return { kind: 'bind_nak', callId, rejectReason: view.getUint16(16, littleEndian), versions };
  }
  if (ptype !== PTYPE.bindAck) return { kind: 'other-rpc', ptype, callId };
  if (frame.length < 26) return truncated('bind_ack fields');
  const addressLength = view.getUint16(24, littleEndian);
  if (frame.length < 26 + addressLength) return truncated('secondary address');
  let secondaryAddress = '';
  for (let i = 0; i < addressLength; i++) {
    const code = view.getUint8(26 + i);
    if (code === 0) break;
    secondaryAddress += String.fromCharCode(code);
  }
  // The result list is 4-byte aligned from the start of the PDU.
  const listOffset = (26 + addressLength + 3) & ~3;
  if (frame.length < listOffset + 4) return truncated('result list');
  const count = view.getUint8(listOffset);
  if (frame.length < listOffset + 4 + count * 24) return truncated('context results');
  const results: ContextResult[] = [];
  for (let i = 0; i < count; i++) {
    const at = listOffset + 4 + i * 24;
    const resultCode = view.getUint16(at, littleEndian);
    results.push({
      result: RESULT_KINDS[resultCode] ?? 'unknown',
      resultCode,
      reason: view.getUint16(at + 2, littleEndian),
      transferSyntax: readSyntax(view, at + 4, littleEndian),
    });
  }
  return {
    kind: 'bind_ack',
    callId,
    maxXmitFrag: view.getUint16(16, littleEndian),
    maxRecvFrag: view.getUint16(18, littleEndian),
    assocGroupId: view.getUint32(20, littleEndian),
    secondaryAddress,
    results,
  };
}

/**
 * The probe document's rpc status for a decoded reply: `kms` when at least one presentation context was
 * accepted (servers that prefer NDR64 reject the NDR32 item and accept the NDR64 one).
 */
export function rpcStatusOf(reply: DecodedReply): Exclude<RpcStatus, 'silent' | 'closed' | 'skipped'> {
  switch (reply.kind) {
    case 'bind_ack':
      return reply.results.some((result) => result.result === 'acceptance') ? 'kms' : 'rejected';
    case 'bind_nak':
      return 'nak';
    case 'other-rpc':
    case 'not-rpc':
      return 'not-rpc';
  }
}

/** Names the transfer syntax a context was accepted with (NDR32, NDR64), for reports. */
export function syntaxName(syntax: SyntaxId): string {
  if (syntax.uuid === NDR32_SYNTAX.uuid) return 'NDR32';
  if (syntax.uuid === NDR64_SYNTAX.uuid) return 'NDR64';
  return `${syntax.uuid} v${syntax.major}.${syntax.minor}`;
}

/** p_reject_reason_t of a bind_nak (C706 §12.6.3.1), in words. */
export function nakReasonText(reason: number): string {
  const reasons = [
    'reason not specified',
    'temporary congestion',
    'local limit exceeded',
    'called paddr unknown',
    'protocol version not supported',
    'default context not supported',
    'user data not readable',
    'no PSAP available',
  ];
  return reasons[reason] ?? `reason ${reason}`;
}

/** Lower-case hex of bytes, for evidence ("05000c13…"). */
export function toHex(bytes: Uint8Array): string {
  return Array.from(bytes, hexByte).join('');
}

function hexByte(value: number): string {
  return value.toString(16).padStart(2, '0');
}
