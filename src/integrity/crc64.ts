/**
 * CRC-64/ECMA-182 as OSS computes it for `x-oss-hash-crc64ecma` (the CRC-64/XZ parameter set):
 * polynomial 0x42F0E1EBA9EA3693 processed reflected, init and xorout all ones. OSS sends the value as
 * an unsigned decimal string, which is what `digestDecimal()` returns.
 *
 * The 64-bit state lives in two int32 halves because BigInt arithmetic is far too slow on a hot path;
 * BigInt only appears at the API boundary.
 */

const POLY_LO = 0xd7870f42 | 0;
const POLY_HI = 0xc96c5795 | 0;

/** Bytes consumed per iteration of the main loop (slicing-by-16). */
const SLICES = 16;

/**
 * Slicing tables, slice k at [k * 256, k * 256 + 256): slice k maps a byte to the CRC contribution of that
 * byte followed by k zero bytes. Slice 0 is the classic byte-at-a-time table. Int32Array because V8 keeps
 * int32 elements unboxed; 16 separate arrays per half measured no faster than one flat array.
 */
const LO = new Int32Array(SLICES * 256);
const HI = new Int32Array(SLICES * 256);

for (let v = 0; v < 256; v++) {
  let lo = v;
  let hi = 0;
  for (let bit = 0; bit < 8; bit++) {
    const mask = -(lo & 1);
    lo = ((lo >>> 1) | (hi << 31)) ^ (POLY_LO & mask);
    hi = (hi >>> 1) ^ (POLY_HI & mask);
  }
  LO[v] = lo;
  HI[v] = hi;
}
for (let k = 1; k < SLICES; k++) {
  for (let v = 0; v < 256; v++) {
    const lo = LO[(k - 1) * 256 + v]!;
    const hi = HI[(k - 1) * 256 + v]!;
    const j = lo & 0xff;
    LO[k * 256 + v] = ((lo >>> 8) | (hi << 24)) ^ LO[j]!;
    HI[k * 256 + v] = (hi >>> 8) ^ HI[j]!;
  }
}

/**
 * Write-only scratch. TurboFan schedules every table load of an iteration first and all the XORs last,
 * which needs ~32 live values and spills most of them to the stack. Storing the running XOR every four
 * lookups is an effect the XORs must precede, so they are computed as the loads arrive; the stores cost
 * less than the spills did (~10-15% faster, measured). 64 entries keep the array off the V8 heap, so the
 * stores go to a constant address without bounds checks.
 */
const SINK = new Int32Array(64);

/** Int32Array views read memory in platform byte order; the word kernel assumes little-endian. */
const LITTLE_ENDIAN = new Uint8Array(Uint16Array.of(1).buffer)[0] === 1;

/** Below this many bytes, creating a word view costs more than it saves. */
const WORD_PATH_MIN = 64;

/**
 * The update functions take the raw state (no init/xorout applied) as two int32 halves and leave the new
 * state here. Module variables rather than a state array or a returned pair: no allocation, and no keyed
 * store after the loop, which TurboFan compiles while the loop is still running (on-stack replacement)
 * with no type feedback for it yet, so the first exit from the loop would throw the fast code away.
 */
let outLo = 0;
let outHi = 0;

/** Advances the state over `data[start, end)` one byte at a time. */
function updateBytewise(lo: number, hi: number, data: Uint8Array, start: number, end: number): void {
  for (let i = start; i < end; i++) {
    const j = (lo ^ data[i]!) & 0xff;
    lo = ((lo >>> 8) | (hi << 24)) ^ LO[j]!;
    hi = (hi >>> 8) ^ HI[j]!;
  }
  outLo = lo;
  outHi = hi;
}

/**
 * Slicing-by-16 over `count` little-endian words (a multiple of 4). The CRC is XORed into the first 8
 * bytes of each block; the last 8 bytes do not depend on it, so their lookups are issued first and
 * overlap with the previous iteration's tail.
 */
function updateWords(lo: number, hi: number, words: Int32Array, count: number): void {
  for (let k = 0; k < count; k += 4) {
    const a = lo ^ words[k]!;
    const b = hi ^ words[k + 1]!;
    const c = words[k + 2]!;
    const d = words[k + 3]!;
    let j = 1792 + (c & 0xff);
    let nl = LO[j]!;
    let nh = HI[j]!;
    j = 1536 + ((c >>> 8) & 0xff);
    nl ^= LO[j]!;
    nh ^= HI[j]!;
    j = 1280 + ((c >>> 16) & 0xff);
    nl ^= LO[j]!;
    nh ^= HI[j]!;
    j = 1024 + (c >>> 24);
    nl ^= LO[j]!;
    nh ^= HI[j]!;
    SINK[0] = nl;
    SINK[1] = nh;
    j = 768 + (d & 0xff);
    nl ^= LO[j]!;
    nh ^= HI[j]!;
    j = 512 + ((d >>> 8) & 0xff);
    nl ^= LO[j]!;
    nh ^= HI[j]!;
    j = 256 + ((d >>> 16) & 0xff);
    nl ^= LO[j]!;
    nh ^= HI[j]!;
    j = d >>> 24;
    nl ^= LO[j]!;
    nh ^= HI[j]!;
    SINK[2] = nl;
    SINK[3] = nh;
    j = 3840 + (a & 0xff);
    nl ^= LO[j]!;
    nh ^= HI[j]!;
    j = 3584 + ((a >>> 8) & 0xff);
    nl ^= LO[j]!;
    nh ^= HI[j]!;
    j = 3328 + ((a >>> 16) & 0xff);
    nl ^= LO[j]!;
    nh ^= HI[j]!;
    j = 3072 + (a >>> 24);
    nl ^= LO[j]!;
    nh ^= HI[j]!;
    SINK[4] = nl;
    SINK[5] = nh;
    j = 2816 + (b & 0xff);
    nl ^= LO[j]!;
    nh ^= HI[j]!;
    j = 2560 + ((b >>> 8) & 0xff);
    nl ^= LO[j]!;
    nh ^= HI[j]!;
    j = 2304 + ((b >>> 16) & 0xff);
    nl ^= LO[j]!;
    nh ^= HI[j]!;
    j = 2048 + (b >>> 24);
    lo = nl ^ LO[j]!;
    hi = nh ^ HI[j]!;
  }
  outLo = lo;
  outHi = hi;
}

/** Little-endian words assembled from bytes for big-endian hosts, a block at a time, fed to updateWords. */
const BE_WORDS = new Int32Array(4096);

function updateAssembled(lo: number, hi: number, data: Uint8Array, start: number, end: number): void {
  outLo = lo;
  outHi = hi;
  for (let i = start; i < end; ) {
    const count = Math.min(BE_WORDS.length, (end - i) >>> 2);
    for (let k = 0; k < count; k++, i += 4) {
      BE_WORDS[k] = data[i]! | (data[i + 1]! << 8) | (data[i + 2]! << 16) | (data[i + 3]! << 24);
    }
    updateWords(outLo, outHi, BE_WORDS, count);
  }
}

/** Advances the raw state over all of `data`. */
function updateState(lo: number, hi: number, data: Uint8Array): void {
  const n = data.length;
  if (n < WORD_PATH_MIN) {
    updateBytewise(lo, hi, data, 0, n);
    return;
  }
  if (!LITTLE_ENDIAN) {
    const blocks = n - (n % 16);
    updateAssembled(lo, hi, data, 0, blocks);
    updateBytewise(outLo, outHi, data, blocks, n);
    return;
  }
  // Int32Array views need a 4-aligned offset; a buffer slice can start anywhere.
  const head = (4 - (data.byteOffset & 3)) & 3;
  updateBytewise(lo, hi, data, 0, head);
  const count = ((n - head) >>> 4) << 2;
  updateWords(outLo, outHi, new Int32Array(data.buffer, data.byteOffset + head, count), count);
  updateBytewise(outLo, outHi, data, head + count * 4, n);
}

function toBytes(data: unknown): Uint8Array {
  if (data instanceof Uint8Array) return data;
  // Buffers made in another realm (jest's vm contexts, for one) fail `instanceof Uint8Array`.
  if (ArrayBuffer.isView(data) && (data as { BYTES_PER_ELEMENT?: number }).BYTES_PER_ELEMENT === 1) {
    return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  }
  throw new TypeError('crc64: data must be a Uint8Array or Buffer');
}

const MASK_64 = (1n << 64n) - 1n;

function checkCrc(name: string, value: bigint): void {
  if (typeof value !== 'bigint' || value < 0n || value > MASK_64) {
    throw new RangeError(`crc64: ${name} must be a bigint in [0, 2^64)`);
  }
}

function toBigInt(lo: number, hi: number): bigint {
  return (BigInt(hi >>> 0) << 32n) | BigInt(lo >>> 0);
}

/** Incremental CRC-64/ECMA-182 for streamed bodies: `update()` per chunk, `digest()` at any point. */
export class Crc64 {
  #lo: number;
  #hi: number;

  /**
   * @param initial a CRC already computed over preceding data, to continue from it (as for an appended
   *   object, whose OSS CRC covers all appends). Defaults to 0n, the CRC of no data.
   */
  constructor(initial = 0n) {
    checkCrc('initial', initial);
    // The raw state is the complement of a finished CRC (xorout is all ones).
    this.#lo = ~Number(initial & 0xffffffffn);
    this.#hi = ~Number(initial >> 32n);
  }

  update(chunk: Uint8Array): this {
    updateState(this.#lo, this.#hi, toBytes(chunk));
    this.#lo = outLo;
    this.#hi = outHi;
    return this;
  }

  /** The CRC of everything passed to `update()` so far; the hash stays usable. */
  digest(): bigint {
    return toBigInt(~this.#lo, ~this.#hi);
  }

  /** `digest()` as the unsigned decimal string OSS sends in `x-oss-hash-crc64ecma`. */
  digestDecimal(): string {
    return this.digest().toString();
  }
}

/** CRC-64/ECMA-182 of `data` in one call (0n for no data). */
export function crc64(data: Uint8Array): bigint {
  updateState(-1, -1, toBytes(data));
  return toBigInt(~outLo, ~outHi);
}

/** `crc64()` as the unsigned decimal string OSS sends in `x-oss-hash-crc64ecma`. */
export function crc64Decimal(data: Uint8Array): string {
  return crc64(data).toString();
}

// crc64Combine: polynomial arithmetic modulo P in the reflected bit order, where the most significant
// bit (hi bit 31) is x^0 and multiplying by x is a right shift.

let combineLo = 0;
let combineHi = 0;

/** (aLo, aHi) * (bLo, bHi) mod P, result in combineLo/combineHi. */
function mulModP(aLo: number, aHi: number, bLo: number, bHi: number): void {
  let pLo = 0;
  let pHi = 0;
  for (let i = 0; i < 64; i++) {
    const bit = i < 32 ? (aHi >>> (31 - i)) & 1 : (aLo >>> (63 - i)) & 1;
    if (bit !== 0) {
      pLo ^= bLo;
      pHi ^= bHi;
    }
    const mask = -(bLo & 1);
    bLo = ((bLo >>> 1) | (bHi << 31)) ^ (POLY_LO & mask);
    bHi = (bHi >>> 1) ^ (POLY_HI & mask);
  }
  combineLo = pLo;
  combineHi = pHi;
}

/** x^(2^k) mod P for k = 0..63, as lo/hi pairs; a length's binary digits select which to multiply. */
const X2N = new Int32Array(128);
{
  let lo = 0;
  let hi = 0x40000000; // x^1
  for (let k = 0; k < 64; k++) {
    X2N[2 * k] = lo;
    X2N[2 * k + 1] = hi;
    mulModP(lo, hi, lo, hi);
    lo = combineLo;
    hi = combineHi;
  }
}

/**
 * CRC of the concatenation A‖B from crc1 = CRC(A), crc2 = CRC(B) and len2 = byte length of B, without
 * the data: lets chunks be hashed independently (or in parallel) and joined, as zlib's crc32_combine.
 * Uses zlib's current method (multiply crc1 by x^(8·len2) mod P, O(log len2) multiplications) rather
 * than the older 64×64 GF(2) matrix squaring, which does the same algebra about 64 times slower.
 * The init/xorout terms cancel, so no adjustment is needed for them.
 */
export function crc64Combine(crc1: bigint, crc2: bigint, len2: number): bigint {
  checkCrc('crc1', crc1);
  checkCrc('crc2', crc2);
  if (!Number.isSafeInteger(len2) || len2 < 0) {
    throw new RangeError('crc64Combine: len2 must be a non-negative safe integer');
  }
  // x^(8·len2): start at x^0 and, for each set bit n of len2, multiply by x^(2^(n+3)).
  let lo = 0;
  let hi = 0x80000000 | 0;
  let k = 3;
  for (let n = len2; n > 0; n = Math.floor(n / 2), k++) {
    if (n % 2 === 1) {
      mulModP(X2N[2 * k]!, X2N[2 * k + 1]!, lo, hi);
      lo = combineLo;
      hi = combineHi;
    }
  }
  mulModP(lo, hi, Number(crc1 & 0xffffffffn) | 0, Number(crc1 >> 32n) | 0);
  return toBigInt(combineLo, combineHi) ^ crc2;
}
