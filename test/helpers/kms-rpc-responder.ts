import { createServer, type Server, type Socket } from 'node:net';

/**
 * How the test responder answers a DCE/RPC bind.
 *
 * - accept-ndr32: as a KMS host that takes NDR32: [acceptance, provider rejection, negotiate ack]
 * - accept-ndr64: as Windows 8 / Server 2012 and later: [provider rejection, acceptance NDR64, negotiate ack]
 * - reject-all: an RPC server without the KMS interface: every KMS context rejected (abstract syntax
 *   not supported), the feature negotiation item still acknowledged
 * - nak: bind_nak, reason 4 (protocol version not supported), versions 5.0
 * - chunked: as accept-ndr32, the bind_ack written in three pieces with pauses
 * - silent: accepts the connection and never answers
 * - close: closes the connection on the first bytes
 */
export type ResponderMode = 'accept-ndr32' | 'accept-ndr64' | 'reject-all' | 'nak' | 'chunked' | 'silent' | 'close';

export interface RunningResponder {
  readonly address: string;
  readonly port: number;
  /** `address:port`, as `--host` takes it. */
  readonly hostPort: string;
  /** The packet type of every whole PDU received, in order (11 = bind, 0 = request). */
  readonly receivedTypes: number[];
  /** Connections accepted so far. */
  connections(): number;
  close(): Promise<void>;
}

// Written from C706 §12.6 and MS-RPCE §2.2.2 independently of shared/probe/rpc-pdu.ts, so a mistake
// in the probe's encoder or decoder is not mirrored here.
const NDR32 = Buffer.from('045d888aeb1cc9119fe808002b10486002000000', 'hex');
const NDR64 = Buffer.from('33057171babe37498319b5dbef9ccc3601000000', 'hex');
const FEATURE_NEGOTIATION_PREFIX = Buffer.from('2c1cb76c12984045', 'hex');
const ZERO_SYNTAX = Buffer.alloc(20);

interface ParsedBind {
  readonly callId: number;
  readonly contexts: ReadonlyArray<{ readonly transfer: Buffer }>;
}

function parseBind(pdu: Buffer): ParsedBind {
  const count = pdu.readUInt8(24);
  const contexts: { transfer: Buffer }[] = [];
  let offset = 28;
  for (let i = 0; i < count; i++) {
    const transfers = pdu.readUInt8(offset + 2);
    // Only the first transfer syntax of each item matters for these modes.
    contexts.push({ transfer: pdu.subarray(offset + 24, offset + 44) });
    offset += 4 + 20 + 20 * transfers;
  }
  return { callId: pdu.readUInt32LE(12), contexts };
}

function header(ptype: number, length: number, callId: number): Buffer {
  const head = Buffer.alloc(16);
  head.writeUInt8(5, 0);
  head.writeUInt8(0, 1);
  head.writeUInt8(ptype, 2);
  head.writeUInt8(0x03, 3);
  head.writeUInt8(0x10, 4);
  head.writeUInt16LE(length, 8);
  head.writeUInt16LE(0, 10);
  head.writeUInt32LE(callId, 12);
  return head;
}

function result(code: number, reason: number, syntax: Buffer): Buffer {
  const entry = Buffer.alloc(4);
  entry.writeUInt16LE(code, 0);
  entry.writeUInt16LE(reason, 2);
  return Buffer.concat([entry, syntax]);
}

function bindAck(bind: ParsedBind, mode: ResponderMode, port: number): Buffer {
  const results = bind.contexts.map(({ transfer }) => {
    if (transfer.subarray(0, 8).equals(FEATURE_NEGOTIATION_PREFIX)) return result(3, transfer.readUInt16LE(8) & 0x0003, ZERO_SYNTAX);
    if (mode === 'reject-all') return result(2, 1, ZERO_SYNTAX);
    const wanted = mode === 'accept-ndr64' ? NDR64 : NDR32;
    return transfer.equals(wanted) ? result(0, 0, wanted) : result(2, 2, ZERO_SYNTAX);
  });
  const address = Buffer.from(`${port}\0`, 'latin1');
  const fixed = Buffer.alloc(10);
  fixed.writeUInt16LE(5840, 0);
  fixed.writeUInt16LE(5840, 2);
  fixed.writeUInt32LE(0x792b3e20, 4);
  fixed.writeUInt16LE(address.length, 8);
  const unpadded = 16 + fixed.length + address.length;
  const padding = Buffer.alloc((4 - (unpadded % 4)) % 4);
  const list = Buffer.alloc(4);
  list.writeUInt8(results.length, 0);
  const body = Buffer.concat([fixed, address, padding, list, ...results]);
  return Buffer.concat([header(12, 16 + body.length, bind.callId), body]);
}

function bindNak(callId: number): Buffer {
  const body = Buffer.from('0400010500000000', 'hex');
  return Buffer.concat([header(13, 16 + body.length, callId), body]);
}

/**
 * Starts a TCP responder on a loopback address that answers a KMS bind as the mode says.
 *
 * Not tied to vitest (the benchmark uses it too): callers close it.
 */
export async function startKmsResponder(mode: ResponderMode, address = '127.0.0.1'): Promise<RunningResponder> {
  if (!/^127\.\d+\.\d+\.\d+$|^::1$/.test(address)) throw new Error(`refusing non-loopback responder address ${address}`);
  const receivedTypes: number[] = [];
  const sockets = new Set<Socket>();
  let accepted = 0;
  let port = 0;
  const server: Server = createServer((socket) => {
    accepted++;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    let buffer = Buffer.alloc(0);
    socket.on('data', (chunk: Buffer) => {
      if (mode === 'close') {
        socket.destroy();
        return;
      }
      buffer = Buffer.concat([buffer, chunk]);
      while (buffer.length >= 16) {
        const length = buffer.readUInt16LE(8);
        if (length < 16 || buffer.length < length) break;
        const pdu = buffer.subarray(0, length);
        buffer = buffer.subarray(length);
        receivedTypes.push(pdu.readUInt8(2));
        if (pdu.readUInt8(2) !== 11 || mode === 'silent') continue;
        const bind = parseBind(pdu);
        if (mode === 'nak') socket.write(bindNak(bind.callId));
        else if (mode === 'chunked') writeInPieces(socket, bindAck(bind, mode, port));
        else socket.write(bindAck(bind, mode, port));
      }
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, address, () => resolve());
  });
  const bound = server.address();
  port = typeof bound === 'object' && bound !== null ? bound.port : 0;
  return {
    address,
    port,
    hostPort: address.includes(':') ? `[${address}]:${port}` : `${address}:${port}`,
    receivedTypes,
    connections: () => accepted,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

function writeInPieces(socket: Socket, reply: Buffer): void {
  const pieces = [reply.subarray(0, 3), reply.subarray(3, 20), reply.subarray(20)];
  pieces.forEach((piece, index) => setTimeout(() => socket.destroyed || socket.write(piece), index * 40));
}
