import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createPreflight } from '../../src/preflight/create-preflight';
import { type RunningGateway, send, startGateway, xmlTag } from '../helpers/gateway-harness';

// Object headers left (issue 11 part 6), unit and through the gateway.

const core = createPreflight({ families: ['names', 'headers', 'callback', 'multipart'] });
function check(method: string, url: string, headers: Record<string, string> = {}, body?: string): string {
  const parsed = core.parse({ method, url, headers: { host: 'h', 'content-length': '1', ...headers } });
  const error =
    core.check(parsed) ??
    (body === undefined ? undefined : core.check({ ...parsed, body: Buffer.from(body) }, {}, 'body'));
  return error ? `${error.code}${error.ec ? ` (${error.ec})` : ''}` : 'ok';
}
const put = (headers: Record<string, string>) => check('PUT', '/example-bucket/a.txt', headers);
const I = 'InvalidArgument';

describe('server-side encryption where it does not belong, and an empty KMS key id', () => {
  it('UploadPart and CompleteMultipartUpload carry EC 0005-00000002', () => {
    const sse = { 'x-oss-server-side-encryption': 'AES256' };
    expect(check('PUT', '/example-bucket/a.txt?partNumber=1&uploadId=u', sse)).toBe(`${I} (0005-00000002)`);
    expect(check('POST', '/example-bucket/a.txt?uploadId=u', sse)).toBe(`${I} (0005-00000002)`);
    expect(put(sse)).toBe('ok');
  });

  it.each([
    [
      { 'x-oss-server-side-encryption': 'KMS', 'x-oss-server-side-encryption-key-id': '' },
      `${I} (0005-00000205)`,
    ],
    [
      { 'x-oss-server-side-encryption': 'KMS', 'x-oss-server-side-encryption-key-id': ' ' },
      `${I} (0005-00000205)`,
    ],
    [{ 'x-oss-server-side-encryption': 'KMS', 'x-oss-server-side-encryption-key-id': '9468da86-3509' }, 'ok'],
    [{ 'x-oss-server-side-encryption': 'KMS' }, 'ok'],
    [{ 'x-oss-server-side-encryption': 'AES256', 'x-oss-server-side-encryption-key-id': '' }, 'ok'],
  ])('%j → %s', (headers, expected) => {
    expect(put(headers)).toBe(expected);
  });
});

describe('user-metadata', () => {
  it.each([
    [{ 'x-oss-meta-author': 'a' }, 'ok'],
    [{ 'x-oss-meta-My-Name-2': 'a' }, 'ok'],
    [{ 'x-oss-meta-a_b': 'a' }, `${I} (0011-00000004)`],
    [{ 'x-oss-meta-a.b': 'a' }, `${I} (0011-00000004)`],
    [{ 'x-oss-meta-': 'a' }, `${I} (0011-00000004)`],
    [{ 'x-oss-meta-文': 'a' }, `${I} (0011-00000004)`],
  ])('%j → %s', (headers, expected) => {
    expect(put(headers)).toBe(expected);
  });

  it('names plus values: 8191 bytes pass, 8192 fail (EC 0011-00000002)', () => {
    expect(put({ 'x-oss-meta-a': 'v'.repeat(8190) })).toBe('ok');
    expect(put({ 'x-oss-meta-a': 'v'.repeat(8191) })).toBe(`${I} (0011-00000002)`);
    expect(put({ 'x-oss-meta-a': 'v'.repeat(4000), 'x-oss-meta-b': 'v'.repeat(4189) })).toBe('ok');
    expect(put({ 'x-oss-meta-a': 'v'.repeat(4000), 'x-oss-meta-b': 'v'.repeat(4191) })).toBe(
      `${I} (0011-00000002)`,
    );
    expect(check('GET', '/example-bucket/a.txt', { 'x-oss-meta-a_b': 'v'.repeat(9000) })).toBe('ok');
  });
});

describe('symlink target, copy-source query, callback additionalHeaders, batch delete size', () => {
  it('PutSymlink needs x-oss-symlink-target (EC 0043-00000001)', () => {
    expect(check('PUT', '/example-bucket/link?symlink', {})).toBe('MissingArgument (0043-00000001)');
    expect(check('PUT', '/example-bucket/link?symlink', { 'x-oss-symlink-target': 'target.txt' })).toBe('ok');
  });

  it('x-oss-copy-source with a parameter other than versionId (EC 0016-00000304)', () => {
    expect(put({ 'x-oss-copy-source': '/src-bucket/k.txt?versionId=v' })).toBe('ok');
    expect(put({ 'x-oss-copy-source': '/src-bucket/k.txt?acl' })).toBe(`${I} (0016-00000304)`);
  });

  const callback = (json: object) => Buffer.from(JSON.stringify(json)).toString('base64');
  // biome-ignore lint/suspicious/noTemplateCurlyInString: an OSS ${...} variable, not a template
  const base = { callbackUrl: 'http://8.8.8.8/cb', callbackBody: 'bucket=${bucket}' };
  it.each([
    [{ ...base, additionalHeaders: { 'X-My-Header': 'a' } }, 'ok'],
    [{ ...base }, 'ok'],
    [{ ...base, additionalHeaders: { '': 'a' } }, `${I} (0007-00000023)`],
    [{ ...base, additionalHeaders: { 'x-oss-meta-a': 'a' } }, `${I} (0007-00000026)`],
    [{ ...base, additionalHeaders: { 'X-OSS-Date': 'a' } }, `${I} (0007-00000026)`],
  ])('callback %j → %s', (json, expected) => {
    expect(put({ 'x-oss-callback': callback(json) })).toBe(expected);
  });

  it('DeleteMultipleObjects: 2 MiB declared or read passes, one byte more fails (EC 0016-00000609)', () => {
    const md5 = { 'content-md5': '1B2M2Y8AsgTpgAmY7PhCfg==' };
    const limit = 2 * 1024 * 1024;
    expect(check('POST', '/example-bucket/?delete', { ...md5, 'content-length': String(limit) })).toBe('ok');
    expect(check('POST', '/example-bucket/?delete', { ...md5, 'content-length': String(limit + 1) })).toBe(
      'MalformedXML (0016-00000609)',
    );
    const objects = (n: number) => `<Object><Key>${'k'.repeat(n)}</Key></Object>`;
    const doc = (pad: number) => `<Delete><Quiet>true</Quiet>${objects(1)}${' '.repeat(pad)}</Delete>`;
    const size = doc(0).length;
    const chunked = { ...md5, 'transfer-encoding': 'chunked' };
    const run = (body: string) => {
      const parsed = core.parse({
        method: 'POST',
        url: '/example-bucket/?delete',
        headers: { host: 'h', ...chunked },
      });
      const error = core.check({ ...parsed, body: Buffer.from(body) }, {}, 'body');
      return error ? `${error.code}${error.ec ? ` (${error.ec})` : ''}` : 'ok';
    };
    expect(run(doc(limit - size))).not.toBe('MalformedXML (0016-00000609)');
    expect(run(doc(limit - size + 1))).toBe('MalformedXML (0016-00000609)');
  });
});

describe('through the gateway', () => {
  let gw: RunningGateway;
  beforeAll(async () => {
    gw = await startGateway();
  });
  afterAll(async () => {
    await gw.close();
  });

  it.each([
    [{ 'x-oss-meta-bad_name': 'x' }, '0011-00000004'],
    [{ 'x-oss-server-side-encryption': 'KMS', 'x-oss-server-side-encryption-key-id': '' }, '0005-00000205'],
    [{ 'x-oss-copy-source': '/example-bucket/src.txt?foo=1' }, '0016-00000304'],
  ])('%j is refused with EC %s and never forwarded', async (headers, ec) => {
    const before = gw.upstream.requests.length;
    const res = await send(
      gw.port,
      'PUT',
      '/example-bucket/a.txt',
      { 'content-length': '1', ...headers },
      'x',
    );
    expect(res.status).toBe(400);
    expect(xmlTag(res.body, 'EC')).toBe(ec);
    expect(gw.upstream.requests.length).toBe(before);
  });

  it('valid user metadata at the boundary is forwarded, signed', async () => {
    const res = await send(
      gw.port,
      'PUT',
      '/example-bucket/a.txt',
      { 'content-length': '1', 'x-oss-meta-note': 'v'.repeat(8187) },
      'x',
    );
    expect(res.status).toBe(200);
    expect(gw.upstream.requests.at(-1)?.signatureProblem).toBeNull();
  });

  it('a batch delete declaring more than 2 MiB is refused before its body is read', async () => {
    const res = await send(gw.port, 'POST', '/example-bucket/?delete', {
      'content-length': String(2 * 1024 * 1024 + 1),
      'content-md5': '1B2M2Y8AsgTpgAmY7PhCfg==',
    });
    expect(res.status).toBe(400);
    expect(xmlTag(res.body, 'ErrorDetail')).toBe('batch delete objects too large');
  });
});

describe('user-metadata on CopyObject', () => {
  const copy = (headers: Record<string, string>) =>
    put({ 'x-oss-copy-source': '/src-bucket/k.txt', 'x-oss-meta-bad_name': 'v', ...headers });
  it('is judged only when the metadata is replaced', () => {
    expect(copy({})).toBe('ok');
    expect(copy({ 'x-oss-metadata-directive': 'COPY' })).toBe('ok');
    expect(copy({ 'x-oss-metadata-directive': 'REPLACE' })).toBe(`${I} (0011-00000004)`);
  });
});
