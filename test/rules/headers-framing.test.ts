import { describe, expect, it } from '@jest/globals';
import { declaredContentLength, isChunked } from '../../src/core/content-length';
import { createPreflight } from '../../src/preflight/create-preflight';
import { summary } from '../helpers/catalogue';

const core = createPreflight({ families: ['framing', 'headers'] });
const run = (method: string, url: string, headers: Record<string, string> = {}) =>
  core.check(core.parse({ method, url, headers: { host: '127.0.0.1', ...headers } }));
const check = (method: string, url: string, headers: Record<string, string> = {}) => {
  const error = run(method, url, headers);
  return error ? `${error.status} ${error.code}: ${error.message}` : 'ok';
};

const GIB5 = 5 * 1024 ** 3;
const MISSING = summary(411, 'MissingContentLength.required');
const INVALID = summary(400, 'InvalidArgument.parameterInvalidDotted');
const BODY_TOO_LARGE = summary(400, 'InvalidArgument.postBodyTooLarge');
const PART_TOO_LARGE = summary(400, 'EntityTooLarge.aboveMaximum');

const UPLOADS: ReadonlyArray<readonly [string, string, string]> = [
  ['PutObject', 'PUT', '/example-bucket/n.txt'],
  ['AppendObject', 'POST', '/example-bucket/n.txt?append&position=0'],
  ['UploadPart', 'PUT', '/example-bucket/n.txt?partNumber=1&uploadId=0004B9894A22E5B1888A1E29F823'],
];

describe('missing-content-length', () => {
  it.each(UPLOADS)('%s without Content-Length or chunked encoding → 411', (_op, method, url) => {
    expect(check(method, url)).toBe(MISSING);
    expect(check(method, url, { 'content-length': '0' })).toBe('ok');
    expect(check(method, url, { 'transfer-encoding': 'chunked' })).toBe('ok');
    expect(check(method, url, { 'transfer-encoding': 'gzip, Chunked' })).toBe('ok');
  });

  it('does not count a transfer coding that is not chunked as framing', () => {
    expect(check('PUT', '/example-bucket/n.txt', { 'transfer-encoding': 'chunked, gzip' })).toBe(MISSING);
  });

  it('leaves operations whose 411 is undocumented alone', () => {
    expect(check('GET', '/example-bucket/n.txt')).toBe('ok');
    expect(check('PUT', '/example-bucket/n.txt', { 'x-oss-copy-source': '/example-bucket/a.txt' })).toBe(
      'ok',
    );
    expect(check('PUT', '/example-bucket/n.txt?acl', { 'x-oss-object-acl': 'private' })).toBe('ok');
    expect(check('POST', '/example-bucket/n.txt?uploadId=0004B9894A22E5B1888A1E29F823')).toBe('ok');
    expect(check('POST', '/example-bucket/n.txt?uploads')).toBe('ok');
  });
});

describe('content-length-format', () => {
  it.each(['abc', '-1', '1.5', '', ' ', '1e3', '0x10', '5,6', '5,', '+5'])('%p is refused', (value) => {
    const error = run('PUT', '/example-bucket/n.txt', { 'content-length': value });
    expect(error ? `${error.status} ${error.code}: ${error.message}` : 'ok').toBe(INVALID);
    expect(error?.details).toEqual([
      ['ArgumentName', 'Content-Length'],
      ['ArgumentValue', value],
    ]);
  });

  it('applies to every operation, since framing precedes the operation', () => {
    expect(check('GET', '/example-bucket/n.txt', { 'content-length': 'abc' })).toBe(INVALID);
  });

  it.each(['0', '5', '007', ' 5 ', '5, 5', '5,5'])('%p is a length', (value) => {
    expect(check('PUT', '/example-bucket/n.txt', { 'content-length': value })).toBe('ok');
  });

  it('parses the header', () => {
    expect(declaredContentLength(undefined)).toBeUndefined();
    expect(declaredContentLength('12')).toBe(12);
    expect(declaredContentLength('3, 3, 3')).toBe(3);
    expect(declaredContentLength('3, 4')).toBeNull();
    expect(isChunked(undefined)).toBe(false);
    expect(isChunked('identity')).toBe(false);
    expect(isChunked(' CHUNKED ')).toBe(true);
  });
});

describe('upload-size-limit', () => {
  it.each(UPLOADS)('%s: 5 GiB passes, 5 GiB + 1 fails', (op, method, url) => {
    expect(check(method, url, { 'content-length': String(GIB5) })).toBe('ok');
    const error = run(method, url, { 'content-length': String(GIB5 + 1) });
    const text = error ? `${error.status} ${error.code}: ${error.message}` : 'ok';
    if (op === 'UploadPart') {
      expect(text).toBe(PART_TOO_LARGE);
      expect(error?.ec).toBeUndefined();
    } else {
      expect(text).toBe(BODY_TOO_LARGE);
      expect(error?.ec).toBe('0017-00000102');
    }
    expect(error?.details).toEqual([]);
  });

  it('refuses lengths beyond what a double holds exactly', () => {
    expect(check('PUT', '/example-bucket/n.txt', { 'content-length': '9'.repeat(30) })).toBe(BODY_TOO_LARGE);
  });

  it('never judges a chunked body by a declared length (the streaming layer does)', () => {
    const headers = { 'content-length': String(GIB5 + 1), 'transfer-encoding': 'chunked' };
    expect(check('PUT', '/example-bucket/n.txt', headers)).toBe('ok');
  });

  it('does not limit operations that are not uploads', () => {
    expect(check('GET', '/example-bucket/n.txt', { 'content-length': String(GIB5 + 1) })).toBe('ok');
    expect(check('POST', '/example-bucket/n.txt?uploads', { 'content-length': String(GIB5 + 1) })).toBe('ok');
  });
});

describe('http-method', () => {
  const core = createPreflight({ families: ['framing', 'headers'] });
  const verdict = (method: string) => {
    const error = core.check(
      core.parse({ method, url: '/example-bucket/k', headers: { host: 'h', 'content-length': '0' } }),
    );
    return error ? `${error.status} ${error.code}: ${error.message}` : 'ok';
  };
  it.each(['GET', 'PUT', 'POST', 'DELETE', 'HEAD', 'OPTIONS'])('%s is an OSS method', (m) => {
    expect(verdict(m)).toBe('ok');
  });
  it.each(['PATCH', 'TRACE', 'PROPFIND'])('%s → 405', (m) => {
    expect(verdict(m)).toBe(summary(405, 'MethodNotAllowed.notAllowed'));
  });
});
