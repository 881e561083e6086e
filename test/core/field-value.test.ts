import { describe, expect, it } from '@jest/globals';
import { hasInvalidFieldValueChar } from '../../src/core/field-value';

// RFC 9110 §5.5: field-value = *( VCHAR / obs-text / SP / HTAB ), so every other byte is refused.
const forbidden = (byte: number) => (byte < 0x20 && byte !== 0x09) || byte === 0x7f;

describe('hasInvalidFieldValueChar', () => {
  it.each(Array.from({ length: 0x100 }, (_, byte) => [byte.toString(16).padStart(2, '0'), byte] as const))(
    'byte 0x%s alone and between letters',
    (_hex, byte) => {
      const char = String.fromCharCode(byte);
      expect(hasInvalidFieldValueChar(char)).toBe(forbidden(byte));
      expect(hasInvalidFieldValueChar(`a${char}b`)).toBe(forbidden(byte));
    },
  );

  it('counts 31 forbidden bytes: 0x00-0x08, 0x0A-0x1F and 0x7F', () => {
    const refused = Array.from({ length: 0x100 }, (_, b) => b).filter((b) =>
      hasInvalidFieldValueChar(String.fromCharCode(b)),
    );
    expect(refused).toEqual([
      ...Array.from({ length: 9 }, (_, i) => i),
      ...Array.from({ length: 22 }, (_, i) => 0x0a + i),
      0x7f,
    ]);
  });

  it('accepts non-ASCII text (UTF-8 bytes are obs-text) and an empty value', () => {
    expect(hasInvalidFieldValueChar('')).toBe(false);
    expect(hasInvalidFieldValueChar('attachment; filename="文件.txt"')).toBe(false);
    expect(hasInvalidFieldValueChar('\u0085\u2028\u2029\uFEFF')).toBe(false);
    expect(hasInvalidFieldValueChar('a\tb c')).toBe(false);
  });

  it('finds a forbidden character anywhere', () => {
    expect(hasInvalidFieldValueChar('inline\r\nX-Injected: 1')).toBe(true);
    expect(hasInvalidFieldValueChar('\u0000')).toBe(true);
    expect(hasInvalidFieldValueChar('text/plain\n')).toBe(true);
  });
});
