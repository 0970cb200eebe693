// Value rendering of the Binary XML reader against independent computations.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { filetimeText } from '../../../../shared/parse/evtx/binxml.js';

/** FILETIME (100 ns ticks since 1601) → ISO text, computed in BigInt only (the reader splits it into doubles). */
function reference(ft: bigint): string {
  const ticks = ft - 116_444_736_000_000_000n;
  const ms = ticks >= 0n ? ticks / 10_000n : -((-ticks + 9_999n) / 10_000n);
  const date = new Date(Number(ms));
  if (Number.isNaN(date.getTime())) return `0x${ft.toString(16)}`;
  const frac = ((ticks % 10_000_000n) + 10_000_000n) % 10_000_000n;
  return `${date.toISOString().slice(0, -5)}.${frac.toString().padStart(7, '0')}00Z`;
}

const bytesOf = (ft: bigint): Uint8Array => {
  const b = new Uint8Array(8);
  new DataView(b.buffer).setBigUint64(0, ft, true);
  return b;
};

describe('filetimeText', () => {
  it('known instants: the Unix epoch, a log time with all 7 digits', () => {
    expect(filetimeText(bytesOf(116_444_736_000_000_000n), 0)).toBe('1970-01-01T00:00:00.000000000Z');
    expect(filetimeText(bytesOf(131_124_751_716_816_406n), 0)).toBe('2016-07-08T18:12:51.681640600Z');
  });

  it('equals the BigInt computation for any 64-bit value (20,000 cases, and 20,000 below 2^62)', () => {
    const same = (ft: bigint): void => {
      expect(filetimeText(bytesOf(ft), 0)).toBe(reference(ft));
    };
    fc.assert(fc.property(fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }), same), { numRuns: 20_000 });
    fc.assert(fc.property(fc.bigInt({ min: 0n, max: 1n << 62n }), same), { numRuns: 20_000 });
  });
});
