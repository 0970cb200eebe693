/**
 * A map from a pair of byte ranges (a CMID and a client name as a ByteEventView gives them) to a value,
 * found without making a string: a multiplicative hash over both ranges four bytes at a time, open
 * addressing, and the stored key bytes compared four at a time on a hit. The byte reader's host records
 * (host-record-bytes.ts) find the strings of every request's values this way, so a string is made only
 * for a value not seen before. A single range is a pair with an empty second range.
 */
export interface BytePairIndex<T> {
  /** The value stored for the pair, or undefined. `words` reads the same memory as `bytes`, from its start. */
  get(bytes: Uint8Array, words: DataView, aStart: number, aEnd: number, bStart: number, bEnd: number): T | undefined;
  /** Stores the value for a pair that get() did not find. */
  add(bytes: Uint8Array, words: DataView, aStart: number, aEnd: number, bStart: number, bEnd: number, value: T): void;
  readonly size: number;
}

/** Folds bytes [start, end) into the hash, four at a time (little-endian words), the last 0-3 one by one. */
function hashRange(h: number, bytes: Uint8Array, words: DataView, start: number, end: number): number {
  let i = start;
  for (; i + 4 <= end; i += 4) {
    h = Math.imul(h ^ words.getInt32(i, true), 0x9e3779b1);
    h ^= h >>> 15;
  }
  for (; i < end; i++) h = Math.imul(h ^ (bytes[i] as number), 0x01000193);
  return h;
}

function pairHash(bytes: Uint8Array, words: DataView, aStart: number, aEnd: number, bStart: number, bEnd: number): number {
  let h = hashRange(0x811c9dc5 ^ (aEnd - aStart), bytes, words, aStart, aEnd);
  // The first range's length (above) keeps ("ab", "c") and ("a", "bc") apart.
  h = hashRange(h, bytes, words, bStart, bEnd);
  // Mix the high bits down: the table uses the low bits.
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  return h | 0;
}

/** A range's bytes stored from a multiple of four, so whole words compare. */
const padded = (length: number): number => (length + 3) & ~3;

// Slot i is slots[4i .. 4i + 3]: where its key's bytes start in the arena (-1 for an empty slot), its
// hash, and the lengths of its two ranges (each stored padded to whole words). One cache line holds a
// slot's whole record, so a lookup that hits touches it, its value and the key bytes only.
const KEY_AT = 0;
const HASH = 1;
const A_LENGTH = 2;
const B_LENGTH = 3;

function emptySlots(capacity: number): Int32Array {
  const slots = new Int32Array(4 * capacity);
  for (let i = 0; i < capacity; i++) slots[4 * i + KEY_AT] = -1;
  return slots;
}

export function createBytePairIndex<T>(): BytePairIndex<T> {
  let capacity = 1024;
  let slots = emptySlots(capacity);
  let values: (T | undefined)[] = new Array<T | undefined>(capacity);
  let arena = new Uint8Array(1 << 16);
  let arenaWords = new DataView(arena.buffer);
  let arenaUsed = 0;
  let size = 0;

  /** Whether the stored range at arena[at] is bytes [start, start + length). */
  const sameRange = (at: number, bytes: Uint8Array, words: DataView, start: number, length: number): boolean => {
    const whole = length & ~3;
    let i = 0;
    for (; i < whole; i += 4) if (arenaWords.getInt32(at + i, true) !== words.getInt32(start + i, true)) return false;
    for (; i < length; i++) if (arena[at + i] !== bytes[start + i]) return false;
    return true;
  };

  const slotOf = (hash: number, bytes: Uint8Array, words: DataView, aStart: number, aEnd: number, bStart: number, bEnd: number): number => {
    const mask = capacity - 1;
    const aLength = aEnd - aStart;
    const bLength = bEnd - bStart;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const record = 4 * slot;
      const at = slots[record + KEY_AT] as number;
      if (at === -1) return slot;
      if (
        slots[record + HASH] === hash &&
        slots[record + A_LENGTH] === aLength &&
        slots[record + B_LENGTH] === bLength &&
        sameRange(at, bytes, words, aStart, aLength) &&
        sameRange(at + padded(aLength), bytes, words, bStart, bLength)
      ) {
        return slot;
      }
    }
  };

  const grow = (): void => {
    const oldSlots = slots;
    const oldValues = values;
    capacity *= 2;
    slots = emptySlots(capacity);
    values = new Array<T | undefined>(capacity);
    const mask = capacity - 1;
    for (let i = 0; i < oldValues.length; i++) {
      if (oldSlots[4 * i + KEY_AT] === -1) continue;
      let slot = (oldSlots[4 * i + HASH] as number) & mask;
      while (slots[4 * slot + KEY_AT] !== -1) slot = (slot + 1) & mask;
      slots.set(oldSlots.subarray(4 * i, 4 * i + 4), 4 * slot);
      values[slot] = oldValues[i];
    }
  };

  return {
    get(bytes, words, aStart, aEnd, bStart, bEnd) {
      const slot = slotOf(pairHash(bytes, words, aStart, aEnd, bStart, bEnd), bytes, words, aStart, aEnd, bStart, bEnd);
      return slots[4 * slot + KEY_AT] === -1 ? undefined : values[slot];
    },
    add(bytes, words, aStart, aEnd, bStart, bEnd, value) {
      if (2 * (size + 1) > capacity) grow();
      const hash = pairHash(bytes, words, aStart, aEnd, bStart, bEnd);
      const slot = slotOf(hash, bytes, words, aStart, aEnd, bStart, bEnd);
      const need = padded(aEnd - aStart) + padded(bEnd - bStart);
      if (arenaUsed + need > arena.length) {
        const bigger = new Uint8Array(Math.max(2 * arena.length, arenaUsed + need));
        bigger.set(arena.subarray(0, arenaUsed));
        arena = bigger;
        arenaWords = new DataView(arena.buffer);
      }
      // Plain views, not bytes.subarray: a Buffer's subarray builds a Buffer.
      arena.set(new Uint8Array(bytes.buffer, bytes.byteOffset + aStart, aEnd - aStart), arenaUsed);
      arena.set(new Uint8Array(bytes.buffer, bytes.byteOffset + bStart, bEnd - bStart), arenaUsed + padded(aEnd - aStart));
      slots[4 * slot + KEY_AT] = arenaUsed;
      slots[4 * slot + HASH] = hash;
      slots[4 * slot + A_LENGTH] = aEnd - aStart;
      slots[4 * slot + B_LENGTH] = bEnd - bStart;
      values[slot] = value;
      arenaUsed += need;
      size++;
    },
    get size() {
      return size;
    },
  };
}
