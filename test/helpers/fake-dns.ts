import { createSocket } from 'node:dgram';

/** DNS response codes (RFC 1035 §4.1.1) the fake server can give. */
export const RCODE = { formerr: 1, servfail: 2, nxdomain: 3, notimp: 4, refused: 5 } as const;

export interface FakeDns {
  /** `IP:PORT`, as `setServers` and `--dns-server` take it. */
  readonly server: string;
  /** Every question name asked so far. */
  readonly questions: string[];
  close(): Promise<void>;
}

/**
 * A tiny UDP DNS server on loopback that answers every query with one response code and no records,
 * for the outcomes dnsmasq does not produce (REFUSED, SERVFAIL, FORMERR, NOTIMP).
 *
 * Not tied to vitest: callers close it.
 */
export async function startFakeDns(rcode: number, address = '127.0.0.1'): Promise<FakeDns> {
  if (!/^127\.\d+\.\d+\.\d+$/.test(address)) throw new Error(`refusing non-loopback DNS address ${address}`);
  const socket = createSocket('udp4');
  const questions: string[] = [];
  socket.on('message', (query, peer) => {
    if (query.length < 12) return;
    questions.push(readName(query, 12));
    // Echo id and question; QR=1, opcode from the query, RD copied, RA=1, the chosen RCODE, no records.
    const reply = Buffer.from(query);
    reply.writeUInt8(0x80 | (query.readUInt8(2) & 0x79), 2);
    reply.writeUInt8(0x80 | (rcode & 0x0f), 3);
    reply.writeUInt16BE(0, 6);
    reply.writeUInt16BE(0, 8);
    reply.writeUInt16BE(0, 10);
    // c-ares adds an EDNS OPT record to the additional section; the answer carries none, so cut it off.
    socket.send(reply.subarray(0, questionEnd(query)), peer.port, peer.address);
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('error', reject);
    socket.bind(0, address, () => resolve());
  });
  const { port } = socket.address();
  return { server: `${address}:${port}`, questions, close: () => new Promise((resolve) => socket.close(() => resolve())) };
}

function readName(message: Buffer, offset: number): string {
  const labels: string[] = [];
  let at = offset;
  while (at < message.length) {
    const length = message.readUInt8(at);
    if (length === 0) break;
    labels.push(message.toString('latin1', at + 1, at + 1 + length));
    at += 1 + length;
  }
  return labels.join('.');
}

function questionEnd(message: Buffer): number {
  let at = 12;
  while (at < message.length && message.readUInt8(at) !== 0) at += 1 + message.readUInt8(at);
  return Math.min(message.length, at + 1 + 4);
}
