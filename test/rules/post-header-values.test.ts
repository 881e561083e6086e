import { describe, expect, it } from '@jest/globals';
import { createRequestParser } from '../../src/core/request';
import { postObjectRules } from '../../src/rules/post-object';
import { message } from '../helpers/catalogue';

const rule = postObjectRules.find((r) => r.id === 'post-header-values')!;
const base = createRequestParser()({
  method: 'POST',
  url: '/example-bucket',
  headers: { host: '127.0.0.1' },
});
const check = (form: Record<string, string>) => rule.check({ ...base, form }, { now: 0 });

const INVALID = message('InvalidArgument.parameterInvalidDotted');
const HEADER_FIELDS = [
  'Content-Disposition',
  'Content-Type',
  'Cache-Control',
  'Expires',
  'Content-Encoding',
  'success_action_redirect',
  'x-oss-meta-note',
  'X-OSS-META-Upper',
  'x-oss-tagging',
  'x-oss-content-type',
  'x-oss-object-acl',
  'x-oss-storage-class',
  'x-oss-server-side-encryption',
  'x-oss-forbid-overwrite',
  'x-oss-security-token',
];
const FORBIDDEN = [...Array(0x20).keys()].filter((b) => b !== 0x09).concat(0x7f);

describe('post-header-values: form fields that become headers', () => {
  it('runs on PostObject only', () => {
    expect(base.operation).toBe('PostObject');
    expect(rule.operations).toEqual(['PostObject']);
  });

  it.each(HEADER_FIELDS)('%s refuses every byte a field value cannot hold', (name) => {
    for (const byte of FORBIDDEN) {
      const value = `a${String.fromCharCode(byte)}b`;
      const error = check({ key: 'k', [name]: value });
      expect([name, byte, error?.code, error?.message]).toEqual([name, byte, 'InvalidArgument', INVALID]);
      expect(error?.detail('ArgumentName')).toBe(name);
      expect(error?.detail('ArgumentValue')).toBe(value);
    }
  });

  it.each(HEADER_FIELDS)('%s accepts HTAB, SP, visible ASCII and non-ASCII text', (name) => {
    const visible = String.fromCharCode(...Array.from({ length: 0x7e - 0x20 + 1 }, (_, i) => 0x20 + i));
    const latin = String.fromCharCode(...Array.from({ length: 0x80 }, (_, i) => 0x80 + i));
    for (const value of ['a\tb', visible, latin, 'attachment; filename="文件.txt"', '']) {
      expect(check({ key: 'k', [name]: value })).toBeUndefined();
    }
  });

  it('refuses the injections of the findings', () => {
    expect(check({ 'x-oss-meta-a': 'v\r\nX-Injected: 1' })?.detail('ArgumentName')).toBe('x-oss-meta-a');
    expect(check({ 'Content-Disposition': 'inline\r\nX-Injected: 1' })?.message).toBe(INVALID);
    expect(check({ 'x-oss-tagging': 'a=b\u0000' })?.message).toBe(INVALID);
    expect(check({ success_action_redirect: 'https://example.com/\r\nSet-Cookie: a=b' })?.message).toBe(
      INVALID,
    );
  });

  it('refuses a control character in the name of an x-oss- field', () => {
    expect(check({ 'x-oss-meta-a\u0001b': 'v' })?.detail('ArgumentName')).toBe('x-oss-meta-a\u0001b');
  });

  it('leaves fields that never become headers to their own rules', () => {
    for (const name of ['key', 'policy', 'Signature', 'OSSAccessKeyId', 'callback', 'x:var', 'submit']) {
      expect([name, check({ [name]: 'a\r\nb' })]).toEqual([name, undefined]);
    }
    // x-oss-persistent-headers has its own family, with OSS's messages for a bad value.
    expect(check({ 'x-oss-persistent-headers': 'a:\r\n' })).toBeUndefined();
  });

  it('does nothing before the form is read', () => {
    expect(rule.check(base, { now: 0 })).toBeUndefined();
  });
});
