import { describe, expect, it } from '@jest/globals';
import { createPreflight } from '../../src/preflight/create-preflight';
import { message } from '../helpers/catalogue';

const core = createPreflight({ families: ['framing', 'headers'] });
const run = (method: string, url: string) =>
  core.check(core.parse({ method, url, headers: { host: '127.0.0.1' } }));
const get = (query: string) => run('GET', `/example-bucket/a.txt?${query}`);

const INVALID = message('InvalidArgument.parameterInvalidDotted');
const NAMES = [
  'response-content-type',
  'response-content-language',
  'response-expires',
  'response-cache-control',
  'response-content-disposition',
  'response-content-encoding',
] as const;
const FORBIDDEN = [...Array(0x20).keys()].filter((b) => b !== 0x09).concat(0x7f);
const pct = (byte: number) => `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;

describe('response-header-override: GetObject response-* values become response headers', () => {
  it.each(NAMES)('%s refuses every byte a field value cannot hold, wherever it is', (name) => {
    for (const byte of FORBIDDEN) {
      for (const value of [`a${pct(byte)}b`, pct(byte), `attachment${pct(byte)}`]) {
        const error = get(`${name}=${value}`);
        expect([name, value, error?.code, error?.message]).toEqual([name, value, 'InvalidArgument', INVALID]);
        expect(error?.detail('ArgumentName')).toBe(name);
        expect(error?.detail('ArgumentValue')).toBe(decodeURIComponent(value));
      }
    }
  });

  it.each(NAMES)('%s accepts HTAB, SP, visible ASCII and UTF-8 text (bytes 0x80-0xFF)', (name) => {
    for (const value of [
      'a%09b',
      'a%20b',
      'a+b',
      'attachment%3B%20filename%3D%22a.txt%22',
      '%E6%96%87%E4%BB%B6',
    ]) {
      expect([name, value, get(`${name}=${value}`)]).toEqual([name, value, undefined]);
    }
    for (let byte = 0x21; byte <= 0x7e; byte++) {
      expect([name, byte, get(`${name}=a${pct(byte)}b`)]).toEqual([name, byte, undefined]);
    }
    // Every code point U+0080..U+00FF, i.e. the high bytes as UTF-8 text.
    for (let code = 0x80; code <= 0xff; code++) {
      const value = encodeURIComponent(`a${String.fromCharCode(code)}b`);
      expect([name, code, get(`${name}=${value}`)]).toEqual([name, code, undefined]);
    }
    // A lone high byte is not UTF-8: the request-target rule refuses it before this one (it could not
    // be forwarded as the same bytes).
    expect(get(`${name}=a%80b`)?.detail('ArgumentName')).toBe(name);
  });

  it('refuses the injections of the findings', () => {
    expect(get('response-content-disposition=inline%0D%0AX-Injected%3A%201')?.message).toBe(INVALID);
    expect(get('response-content-type=text%2Fhtml%00')?.message).toBe(INVALID);
    // A second occurrence cannot hide one: a repeated parameter is refused (request-target rule).
    expect(
      get('response-content-type=text%2Fplain&response-content-type=text%2Fhtml%0D%0AX%3A%201')?.detail(
        'ArgumentName',
      ),
    ).toBe('response-content-type');
    // A percent-encoded parameter name is the same parameter.
    expect(get('response%2Dcontent-type=a%0Ab')?.detail('ArgumentName')).toBe('response-content-type');
  });

  it('reads only GetObject and only the six documented names', () => {
    expect(run('HEAD', '/example-bucket/a.txt?response-content-type=a%0Ab')).toBeUndefined();
    expect(run('GET', '/example-bucket?response-content-type=a%0Ab')).toBeUndefined();
    expect(get('response-content-length=a%0Ab')).toBeUndefined();
    expect(get('x-response-content-type=a%0Ab')).toBeUndefined();
    expect(get('response-content-type')).toBeUndefined();
    expect(get('response-content-type=')).toBeUndefined();
  });
});
