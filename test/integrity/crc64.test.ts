import { describe, expect, it, jest } from '@jest/globals';
import { Crc64, crc64, crc64Combine, crc64Decimal } from '../../src/integrity/crc64';

const MASK_64 = (1n << 64n) - 1n;

/** Bit-at-a-time CRC-64/XZ in BigInt: the reflected polynomial, shifting right, no tables. */
function referenceReflected(data: Uint8Array): bigint {
  let crc = MASK_64;
  for (const byte of data) {
    crc ^= BigInt(byte);
    for (let k = 0; k < 8; k++) crc = crc & 1n ? (crc >> 1n) ^ 0xc96c5795d7870f42n : crc >> 1n;
  }
  return crc ^ MASK_64;
}

function reflect(value: bigint, bits: number): bigint {
  let out = 0n;
  for (let i = 0; i < bits; i++) if ((value >> BigInt(i)) & 1n) out |= 1n << BigInt(bits - 1 - i);
  return out;
}

/** The same CRC from ECMA-182's normal (MSB-first) polynomial with reflected input and output. */
function referenceNormal(data: Uint8Array): bigint {
  let crc = MASK_64;
  for (const byte of data) {
    crc ^= reflect(BigInt(byte), 8) << 56n;
    for (let k = 0; k < 8; k++) {
      crc = crc & (1n << 63n) ? ((crc << 1n) ^ 0x42f0e1eba9ea3693n) & MASK_64 : (crc << 1n) & MASK_64;
    }
  }
  return reflect(crc, 64) ^ MASK_64;
}

/** Deterministic PRNG (mulberry32) so a failure reproduces. */
function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomBytes(rand: () => number, length: number): Uint8Array {
  const out = new Uint8Array(length);
  for (let i = 0; i < length; i++) out[i] = Math.floor(rand() * 256);
  return out;
}

function utf8(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let off = 0;
  for (const p of parts) {
    out.set(p, off);
    off += p.length;
  }
  return out;
}

/** Lengths that cross every boundary in the implementation: the word-path threshold, 16-byte blocks. */
const EDGE_LENGTHS = [
  0, 1, 3, 4, 7, 8, 15, 16, 17, 31, 32, 63, 64, 65, 66, 67, 79, 80, 81, 127, 128, 129, 1000, 4099,
];

describe('crc64: check value and published vectors', () => {
  it('CRC-64/XZ check value of "123456789" is 0x995DC9BBDF1939FA', () => {
    const data = utf8('123456789');
    expect(crc64(data)).toBe(0x995dc9bbdf1939fan);
    expect(crc64Decimal(data)).toBe('11051210869376104954');
    expect(referenceReflected(data)).toBe(0x995dc9bbdf1939fan);
    expect(referenceNormal(data)).toBe(0x995dc9bbdf1939fan);
  });

  // Copied from /work/shared/research/peer-vectors.json (kind "crc64"), with each entry's source.
  const vectors: { source: string; data: string; crc64: string }[] = [
    {
      source:
        'aliyun/alibabacloud-oss-go-sdk-v2/oss/utils_crc_test.go#TestCRC64 (also aliyun-oss-go-sdk TestCRCCombine)',
      data: '123456789',
      crc64: '11051210869376104954',
    },
    {
      source:
        'aliyun/alibabacloud-oss-go-sdk-v2/oss/utils_crc_test.go#TestCRC64 (also aliyun-oss-go-sdk TestCRCCombine)',
      data: 'This is a test of the emergency broadcast system.',
      crc64: '2871916124362751090',
    },
    {
      source:
        'aliyun/alibabacloud-oss-go-sdk-v2/oss/utils_crc_test.go#TestCRC64 (combine / init-from-first-part); derived: asserted, not printed, by the peer',
      data: '123456789This is a test of the emergency broadcast system.',
      crc64: '7672622622872733320',
    },
    {
      source: 'aliyun/aliyun-oss-go-sdk/oss/crc_test.go#TestCRCRepeatedCombine',
      data: 'Even if I could be Shakespeare, I think I should still choose to be Faraday. - A. Huxley',
      crc64: '8850241425668899847',
    },
    {
      source: 'aliyun/aliyun-oss-go-sdk/oss/crc_test.go#TestCRCCombine (empty input); derived',
      data: '',
      crc64: '0',
    },
  ];

  it.each(vectors)('$source: "$data"', ({ data, crc64: expected }) => {
    const bytes = utf8(data);
    expect(crc64Decimal(bytes)).toBe(expected);
    expect(new Crc64().update(bytes).digestDecimal()).toBe(expected);
  });

  it('Go v2 TestCRC64: combine and resume-from-first-part give the CRC of the concatenation', () => {
    const first = utf8('123456789');
    const second = utf8('This is a test of the emergency broadcast system.');
    expect(crc64Combine(11051210869376104954n, 2871916124362751090n, 49)).toBe(7672622622872733320n);
    expect(new Crc64(crc64(first)).update(second).digestDecimal()).toBe('7672622622872733320');
  });

  it('Go v1 TestCRCRepeatedCombine: combining at every split point gives the same CRC', () => {
    const data = utf8(
      'Even if I could be Shakespeare, I think I should still choose to be Faraday. - A. Huxley',
    );
    for (let split = 0; split <= data.length; split++) {
      const a = data.subarray(0, split);
      const b = data.subarray(split);
      expect(crc64Combine(crc64(a), crc64(b), b.length)).toBe(8850241425668899847n);
    }
  });

  it('empty input is 0', () => {
    expect(crc64(new Uint8Array(0))).toBe(0n);
    expect(crc64Decimal(Buffer.alloc(0))).toBe('0');
    expect(new Crc64().digest()).toBe(0n);
    expect(new Crc64().update(new Uint8Array(0)).digestDecimal()).toBe('0');
  });
});

describe('crc64: against the bit-by-bit BigInt reference', () => {
  it('random inputs of random lengths 0..5000', () => {
    const rand = prng(0xc0ffee);
    for (let t = 0; t < 120; t++) {
      const data = randomBytes(rand, Math.floor(rand() * 5001));
      expect(crc64(data)).toBe(referenceReflected(data));
    }
  });

  it('every length across the word-path and block boundaries', () => {
    const rand = prng(7);
    for (const length of EDGE_LENGTHS) {
      const data = randomBytes(rand, length);
      expect(crc64(data)).toBe(referenceReflected(data));
    }
  });

  it('a long run of 0x00 and of 0xFF bytes (all-zero and all-one table indices)', () => {
    for (const fill of [0x00, 0xff]) {
      const data = new Uint8Array(4096 + 13).fill(fill);
      expect(crc64(data)).toBe(referenceReflected(data));
    }
  });
});

describe('crc64: buffer views', () => {
  it('unaligned slices (byteOffset not a multiple of 4 or 8) equal fresh copies', () => {
    const rand = prng(42);
    const backing = randomBytes(rand, 9000);
    for (let offset = 0; offset < 16; offset++) {
      for (const length of [...EDGE_LENGTHS, 8000]) {
        const slice = backing.subarray(offset, offset + length);
        const copy = new Uint8Array(slice);
        expect(copy.byteOffset).toBe(0);
        expect(crc64(slice)).toBe(crc64(copy));
      }
    }
    const slice = backing.subarray(5, 5 + 3001);
    expect(crc64(slice)).toBe(referenceReflected(slice));
  });

  it('Buffer slices, including pooled Buffers at odd offsets, match Uint8Array copies', () => {
    const buf = Buffer.from(randomBytes(prng(3), 2500));
    for (const start of [1, 2, 3, 5, 6, 7, 9]) {
      const sub = buf.subarray(start, start + 2000);
      expect(crc64(sub)).toBe(crc64(new Uint8Array(sub)));
    }
  });

  it('other byte views are read as bytes; non-byte input is rejected', () => {
    const bytes = randomBytes(prng(11), 300);
    expect(crc64(new Uint8ClampedArray(bytes.buffer) as unknown as Uint8Array)).toBe(crc64(bytes));
    expect(crc64(new Int8Array(bytes.buffer) as unknown as Uint8Array)).toBe(crc64(bytes));
    expect(() => crc64(new Uint16Array(4) as unknown as Uint8Array)).toThrow(TypeError);
    expect(() => crc64('123456789' as unknown as Uint8Array)).toThrow(TypeError);
    expect(() => new Crc64().update(undefined as unknown as Uint8Array)).toThrow(TypeError);
  });
});

describe('Crc64: incremental updates', () => {
  it('random chunk splits equal the one-shot CRC', () => {
    const rand = prng(1234);
    for (let t = 0; t < 40; t++) {
      const data = randomBytes(rand, Math.floor(rand() * 20000));
      const hash = new Crc64();
      let off = 0;
      while (off < data.length) {
        // Mostly small chunks (byte path) with some large ones (word path), at arbitrary offsets.
        const size = rand() < 0.7 ? Math.floor(rand() * 70) : Math.floor(rand() * 5000);
        hash.update(data.subarray(off, off + size));
        off += size;
      }
      expect(hash.digest()).toBe(crc64(data));
    }
  });

  it('one byte at a time equals the one-shot CRC', () => {
    const data = randomBytes(prng(5), 777);
    const hash = new Crc64();
    for (let i = 0; i < data.length; i++) hash.update(data.subarray(i, i + 1));
    expect(hash.digest()).toBe(referenceReflected(data));
  });

  it('digest() does not end the hash: updates may continue', () => {
    const data = utf8('123456789This is a test of the emergency broadcast system.');
    const hash = new Crc64().update(data.subarray(0, 9));
    expect(hash.digestDecimal()).toBe('11051210869376104954');
    hash.update(data.subarray(9));
    expect(hash.digestDecimal()).toBe('7672622622872733320');
    expect(hash.digest()).toBe(7672622622872733320n);
  });

  it('update() returns the hash for chaining', () => {
    const hash = new Crc64();
    expect(hash.update(utf8('12345'))).toBe(hash);
    expect(hash.update(utf8('6789')).digest()).toBe(0x995dc9bbdf1939fan);
  });

  it('resumes from an initial CRC (e.g. an appendable object)', () => {
    const rand = prng(99);
    for (let t = 0; t < 20; t++) {
      const a = randomBytes(rand, Math.floor(rand() * 3000));
      const b = randomBytes(rand, Math.floor(rand() * 3000));
      expect(new Crc64(crc64(a)).update(b).digest()).toBe(crc64(concat(a, b)));
    }
    expect(new Crc64(MASK_64).digest()).toBe(MASK_64);
  });

  it('rejects an initial CRC outside [0, 2^64)', () => {
    expect(() => new Crc64(-1n)).toThrow(RangeError);
    expect(() => new Crc64(1n << 64n)).toThrow(RangeError);
    expect(() => new Crc64(5 as unknown as bigint)).toThrow(RangeError);
  });
});

describe('crc64Combine', () => {
  it('equals the CRC of the concatenation for random parts', () => {
    const rand = prng(2024);
    for (let t = 0; t < 60; t++) {
      const a = randomBytes(rand, Math.floor(rand() * 5000));
      const b = randomBytes(rand, Math.floor(rand() * 5000));
      expect(crc64Combine(crc64(a), crc64(b), b.length)).toBe(crc64(concat(a, b)));
    }
  });

  it('joins many chunks hashed separately', () => {
    const rand = prng(77);
    const data = randomBytes(rand, 100_000);
    let combined = 0n;
    for (let off = 0; off < data.length; ) {
      const size = 1 + Math.floor(rand() * 9000);
      const part = data.subarray(off, off + size);
      combined = crc64Combine(combined, crc64(part), part.length);
      off += part.length;
    }
    expect(combined).toBe(crc64(data));
  });

  it('len2 = 0 leaves crc1 unchanged; an empty first part gives crc2', () => {
    expect(crc64Combine(0x995dc9bbdf1939fan, 0n, 0)).toBe(0x995dc9bbdf1939fan);
    expect(crc64Combine(0n, 0x995dc9bbdf1939fan, 9)).toBe(0x995dc9bbdf1939fan);
  });

  it('long zero runs: combining with CRC(zeros) equals hashing them', () => {
    const head = utf8('123456789');
    for (const n of [1, 8, 255, 256, 65_536, 1_000_003]) {
      const zeros = new Uint8Array(n);
      expect(crc64Combine(crc64(head), crc64(zeros), n)).toBe(crc64(concat(head, zeros)));
    }
  });

  it('is associative for lengths up to 2^53 - 1 (exercises every power-of-two table entry)', () => {
    const [a, b, c] = [0x0123456789abcdefn, 0xfedcba9876543210n, 0x995dc9bbdf1939fan];
    for (const [lb, lc] of [
      [2 ** 40 + 12345, 2 ** 45 - 1],
      [Number.MAX_SAFE_INTEGER - 2 ** 52, 2 ** 51],
      [1, Number.MAX_SAFE_INTEGER - 1],
    ] as const) {
      const left = crc64Combine(crc64Combine(a, b, lb), c, lc);
      const right = crc64Combine(a, crc64Combine(b, c, lc), lb + lc);
      expect(left).toBe(right);
    }
  });

  it('rejects bad arguments', () => {
    expect(() => crc64Combine(0n, 0n, -1)).toThrow(RangeError);
    expect(() => crc64Combine(0n, 0n, 1.5)).toThrow(RangeError);
    expect(() => crc64Combine(0n, 0n, Number.MAX_SAFE_INTEGER + 1)).toThrow(RangeError);
    expect(() => crc64Combine(-1n, 0n, 1)).toThrow(RangeError);
    expect(() => crc64Combine(0n, 1n << 64n, 1)).toThrow(RangeError);
  });
});

describe('crc64 on a big-endian host', () => {
  it('the byte-assembling fallback gives the same results', () => {
    // The module picks its kernel from the byte order it observes at load time; make it observe big-endian.
    const realOf = Uint16Array.of;
    let be: typeof import('../../src/integrity/crc64') | undefined;
    Uint16Array.of = () => new Uint16Array([0x0100]);
    try {
      jest.isolateModules(() => {
        be = require('../../src/integrity/crc64');
      });
    } finally {
      Uint16Array.of = realOf;
    }
    if (!be) throw new Error('module not loaded');
    const rand = prng(8);
    for (const length of [...EDGE_LENGTHS, 5000]) {
      const data = randomBytes(rand, length + 3).subarray(3);
      expect(be.crc64(data)).toBe(crc64(data));
      expect(be.crc64(data)).toBe(referenceReflected(data));
    }
    const stream = new be.Crc64();
    const data = randomBytes(rand, 10_000);
    for (let off = 0; off < data.length; off += 777) stream.update(data.subarray(off, off + 777));
    expect(stream.digest()).toBe(crc64(data));
  });
});
