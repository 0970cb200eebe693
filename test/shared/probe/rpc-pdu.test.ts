import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  bindTimeFeatureSyntax,
  decodeBindReply,
  encodeBind,
  inspectFrame,
  KMS_INTERFACE,
  NDR32_SYNTAX,
  NDR64_SYNTAX,
  rpcStatusOf,
  toHex,
} from '../../../shared/probe/rpc-pdu.js';

// Vectors from knowledge/KMS-RPC.md: a Windows client's bind, a KMS server's bind_ack, a bind_nak.
const WINDOWS_BIND =
  '05000b1310000000a000000002000000d016d0160000000003000000000001007521c8514e845047b0d8ec255555bc0601000000045d888aeb1cc9119fe808002b10486002000000010001007521c8514e845047b0d8ec255555bc060100000033057171babe37498319b5dbef9ccc3601000000020001007521c8514e845047b0d8ec255555bc06010000002c1cb76c12984045030000000000000001000000';
const KMS_BIND_ACK =
  '05000c13100000006c00000002000000d016d016203e2b7905003136383800000300000000000000045d888aeb1cc9119fe808002b10486002000000020002000000000000000000000000000000000000000000030003000000000000000000000000000000000000000000';
const BIND_NAK = '05000d031000000018000000010000000400010500000000';

const bytes = (hex: string) => Uint8Array.from(Buffer.from(hex, 'hex'));
const zeroSyntax = { uuid: '00000000-0000-0000-0000-000000000000', major: 0, minor: 0 };

/** The KMS server's bind_ack with the first two results swapped: how an NDR64-preferring server answers. */
function ndr64Ack(): Uint8Array {
  const ack = bytes(KMS_BIND_ACK);
  ack.set(ack.slice(60, 84), 36); // result 0: provider rejection (the NDR32 item)
  ack.set(bytes('0000000033057171babe37498319b5dbef9ccc3601000000'), 60); // result 1: acceptance, NDR64 v1
  return ack;
}

describe('encodeBind', () => {
  it('is byte for byte the 160-byte bind a Windows KMS client sends', () => {
    const bind = encodeBind();
    expect(bind.length).toBe(160);
    expect(toHex(bind)).toBe(WINDOWS_BIND);
  });

  it('writes the call id, fragment sizes and context list given', () => {
    const bind = encodeBind({ callId: 0x01020304, maxXmitFrag: 4280, maxRecvFrag: 4280, contexts: [{ contextId: 7, abstractSyntax: KMS_INTERFACE, transferSyntaxes: [NDR32_SYNTAX, NDR64_SYNTAX] }] });
    expect(bind.length).toBe(16 + 12 + 4 + 20 * 3);
    // frag_len 92, auth_len 0, call_id, max_xmit 4280, max_recv 4280 (all little-endian)
    expect(toHex(bind.subarray(8, 20))).toBe('5c000000' + '04030201' + 'b810' + 'b810');
    expect(bind[24]).toBe(1);
    expect(toHex(bind.subarray(28, 32))).toBe('07000200');
  });

  it('puts the feature bits of bind-time negotiation in bytes 8–9 of the UUID', () => {
    expect(bindTimeFeatureSyntax(0x0003).uuid).toBe('6cb71c2c-9812-4540-0300-000000000000');
    expect(bindTimeFeatureSyntax(0x0102).uuid).toBe('6cb71c2c-9812-4540-0201-000000000000');
  });
});

describe('decodeBindReply', () => {
  it('reads the KMS server bind_ack: NDR32 accepted, NDR64 rejected, negotiation acknowledged', () => {
    const reply = decodeBindReply(bytes(KMS_BIND_ACK));
    expect(reply).toEqual({
      kind: 'bind_ack',
      callId: 2,
      maxXmitFrag: 5840,
      maxRecvFrag: 5840,
      assocGroupId: 0x792b3e20,
      secondaryAddress: '1688',
      results: [
        { result: 'acceptance', resultCode: 0, reason: 0, transferSyntax: NDR32_SYNTAX },
        { result: 'provider-rejection', resultCode: 2, reason: 2, transferSyntax: zeroSyntax },
        { result: 'negotiate-ack', resultCode: 3, reason: 3, transferSyntax: zeroSyntax },
      ],
    });
    expect(rpcStatusOf(reply)).toBe('kms');
  });

  it('counts an NDR64-only acceptance as a KMS endpoint (Windows 8 / Server 2012 and later)', () => {
    const reply = decodeBindReply(ndr64Ack());
    expect(reply.kind === 'bind_ack' && reply.results.map((result) => result.result)).toEqual(['provider-rejection', 'acceptance', 'negotiate-ack']);
    expect(reply.kind === 'bind_ack' && reply.results[1]?.transferSyntax).toEqual(NDR64_SYNTAX);
    expect(rpcStatusOf(reply)).toBe('kms');
  });

  it('calls a bind_ack that rejects every context "rejected", not a KMS endpoint', () => {
    const ack = bytes(KMS_BIND_ACK);
    ack.set(bytes('02000100'), 36); // provider rejection, abstract syntax not supported
    ack.set(new Uint8Array(20), 40);
    const reply = decodeBindReply(ack);
    expect(reply.kind === 'bind_ack' && reply.results.map((result) => [result.result, result.reason])).toEqual([
      ['provider-rejection', 1],
      ['provider-rejection', 2],
      ['negotiate-ack', 3],
    ]);
    expect(rpcStatusOf(reply)).toBe('rejected');
  });

  it('reads a bind_nak: reason 4, protocol version 5.0 supported', () => {
    const reply = decodeBindReply(bytes(BIND_NAK));
    expect(reply).toEqual({ kind: 'bind_nak', callId: 1, rejectReason: 4, versions: [{ major: 5, minor: 0 }] });
    expect(rpcStatusOf(reply)).toBe('nak');
  });

  it('reads a big-endian bind_ack as the data representation label says', () => {
    const ack = bytes(KMS_BIND_ACK);
    const view = new DataView(ack.buffer);
    ack[4] = 0x00;
    view.setUint16(8, 0x6c, false);
    view.setUint32(12, 2, false);
    view.setUint16(24, 5, false);
    const reply = decodeBindReply(ack);
    expect(reply).toMatchObject({ kind: 'bind_ack', callId: 2, secondaryAddress: '1688' });
  });

  it('says an HTTP answer is not DCE/RPC from its first byte', () => {
    expect(inspectFrame(new TextEncoder().encode('H'))).toEqual({ kind: 'not-rpc', reason: 'first byte 0x48, not DCE/RPC version 5' });
    expect(rpcStatusOf(decodeBindReply(new TextEncoder().encode('HTTP/1.1 400 Bad Request\r\n\r\n')))).toBe('not-rpc');
  });

  it('waits for the rest of a fragmented reply, then sees one whole PDU', () => {
    const ack = bytes(KMS_BIND_ACK);
    expect(inspectFrame(ack.subarray(0, 1))).toEqual({ kind: 'need-more' });
    expect(inspectFrame(ack.subarray(0, 20))).toEqual({ kind: 'need-more' });
    expect(inspectFrame(ack)).toEqual({ kind: 'frame', length: 108 });
  });

  it('calls a truncated PDU and a non-bind PDU not a bind answer', () => {
    expect(decodeBindReply(bytes(KMS_BIND_ACK).subarray(0, 50))).toMatchObject({ kind: 'not-rpc' });
    const fault = bytes(BIND_NAK);
    fault[2] = 3;
    expect(decodeBindReply(fault)).toEqual({ kind: 'other-rpc', ptype: 3, callId: 1 });
    const shortAck = bytes('05000c031000000014000000010000000000000000');
    expect(decodeBindReply(shortAck.subarray(0, 20))).toMatchObject({ kind: 'not-rpc', reason: expect.stringMatching(/too short/) });
  });

  it('never throws on arbitrary bytes, even with an RPC-looking header', () => {
    const header = fc.uint8Array({ minLength: 0, maxLength: 200 }).map((tail) => Uint8Array.from([5, 0, 12, 3, 0x10, 0, 0, 0, ...tail]));
    fc.assert(
      fc.property(fc.oneof(fc.uint8Array({ maxLength: 200 }), header), (data) => {
        const reply = decodeBindReply(data);
        expect(['bind_ack', 'bind_nak', 'other-rpc', 'not-rpc']).toContain(reply.kind);
      }),
    );
  });
});
