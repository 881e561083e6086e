import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createPreflight } from '../../src/preflight/create-preflight';
import { message, summary } from '../helpers/catalogue';
import { type RunningGateway, send, startGateway, xmlTag } from '../helpers/gateway-harness';

// Listing parameters (issue 11 part 1): every boundary, valid and invalid, in unit form, then the
// same requests through the gateway to a recording upstream.

const core = createPreflight({ families: ['headers'] });
function check(method: string, url: string): string {
  const error = core.check(core.parse({ method, url, headers: { host: '127.0.0.1' } }));
  if (!error) return 'ok';
  const name = error.detail('ArgumentName');
  return `${error.status} ${error.code}: ${error.message}${name ? ` [${name}]` : ''}`;
}
const INVALID = (name: string) => summary(400, 'InvalidArgument.parameterInvalidDotted', ` [${name}]`);
const ENCODING = summary(400, 'InvalidArgument.encodingTypeInvalid', ' [encoding-type]');
const long = (bytes: number) =>
  encodeURIComponent('文'.repeat(Math.floor(bytes / 3)) + 'x'.repeat(bytes % 3));

describe('list-page-size', () => {
  it.each([
    ['ListObjects', '/example-bucket/?max-keys=', 'max-keys'],
    ['ListObjectsV2', '/example-bucket/?list-type=2&max-keys=', 'max-keys'],
    ['ListObjectVersions', '/example-bucket/?versions&max-keys=', 'max-keys'],
    ['ListMultipartUploads', '/example-bucket/?uploads&max-uploads=', 'max-uploads'],
    ['ListParts', '/example-bucket/a.txt?uploadId=0004B999&max-parts=', 'max-parts'],
    ['ListBuckets', '/?max-keys=', 'max-keys'],
    ['ListLiveChannel', '/example-bucket/?live&max-keys=', 'max-keys'],
  ])('%s: 0, 1, 1000, +10, 007 pass; 1001, -1, 1.5, abc fail', (_op, prefix, name) => {
    for (const ok of ['0', '1', '1000', '%2B10', '007', ''])
      expect(check('GET', `${prefix}${ok}`)).toBe('ok');
    for (const bad of ['1001', '-1', '1.5', 'abc', '99999999999999999999'])
      expect(check('GET', `${prefix}${bad}`)).toBe(INVALID(name));
  });

  it('carries the value sent', () => {
    const error = core.check(
      core.parse({ method: 'GET', url: '/example-bucket/?max-keys=1001', headers: { host: 'h' } }),
    );
    expect(error?.details).toEqual([
      ['ArgumentName', 'max-keys'],
      ['ArgumentValue', '1001'],
    ]);
  });

  it('other operations are not listings: max-keys on a GetObject is left alone', () => {
    expect(check('GET', '/example-bucket/a.txt?max-keys=5000')).toBe('ok');
  });
});

describe('list-marker-length', () => {
  it.each([
    ['ListObjects prefix', '/example-bucket/?prefix=', 'prefix'],
    ['ListObjects marker', '/example-bucket/?marker=', 'marker'],
    ['ListObjectsV2 start-after', '/example-bucket/?list-type=2&start-after=', 'start-after'],
    ['ListObjectsV2 prefix', '/example-bucket/?list-type=2&prefix=', 'prefix'],
    ['ListObjectVersions prefix', '/example-bucket/?versions&prefix=', 'prefix'],
    ['ListObjectVersions key-marker', '/example-bucket/?versions&key-marker=', 'key-marker'],
  ])('%s: 1023 bytes pass, 1024 fail (bytes, not characters)', (_name, prefix, name) => {
    expect(check('GET', `${prefix}${long(1023)}`)).toBe('ok');
    expect(check('GET', `${prefix}${long(1024)}`)).toBe(INVALID(name));
    expect(check('GET', `${prefix}${'x'.repeat(1023)}`)).toBe('ok');
  });

  it('ListLiveChannel: a prefix of 1024 bytes passes, 1025 fail (EC 0044-00000102)', () => {
    expect(check('GET', `/example-bucket/?live&prefix=${long(1024)}`)).toBe('ok');
    expect(check('GET', `/example-bucket/?live&prefix=${long(1025)}`)).toBe(INVALID('prefix'));
    const error = core.check(
      core.parse({
        method: 'GET',
        url: `/example-bucket/?live&prefix=${long(1025)}`,
        headers: { host: 'h' },
      }),
    );
    expect(error?.ec).toBe('0044-00000102');
    expect(core.parse({ method: 'GET', url: '/example-bucket/?live', headers: {} }).operation).toBe(
      'ListLiveChannel',
    );
  });

  it('limits that are not documented are not applied', () => {
    for (const url of [
      `/example-bucket/?list-type=2&continuation-token=${long(3000)}`,
      `/example-bucket/?delimiter=${long(3000)}`,
      `/example-bucket/?uploads&key-marker=${long(3000)}`,
      `/example-bucket/?marker=${long(3000)}&list-type=2`,
    ]) {
      expect(check('GET', url)).toBe('ok');
    }
  });

  it('any delimiter is accepted, on every listing', () => {
    for (const delimiter of ['/', '-', '%2F%2F', 'abc', '%E6%96%87', ''])
      for (const base of [
        '/example-bucket/?',
        '/example-bucket/?list-type=2&',
        '/example-bucket/?versions&',
        '/example-bucket/?uploads&',
      ])
        expect(check('GET', `${base}delimiter=${delimiter}`)).toBe('ok');
  });
});

describe('list-encoding-type', () => {
  it.each([
    ['ListObjects', '/example-bucket/?encoding-type='],
    ['ListObjectsV2', '/example-bucket/?list-type=2&encoding-type='],
    ['ListObjectVersions', '/example-bucket/?versions&encoding-type='],
    ['ListMultipartUploads', '/example-bucket/?uploads&encoding-type='],
    ['ListParts', '/example-bucket/a.txt?uploadId=0004B999&encoding-type='],
  ])('%s: url, URL and empty pass; base64 fails with EC 0017-00000235', (_op, prefix) => {
    for (const ok of ['url', 'URL', '']) expect(check('GET', `${prefix}${ok}`)).toBe('ok');
    expect(check('GET', `${prefix}base64`)).toBe(ENCODING);
    const error = core.check(core.parse({ method: 'GET', url: `${prefix}gzip`, headers: { host: 'h' } }));
    expect(error?.ec).toBe('0017-00000235');
    expect(error?.detail('ArgumentValue')).toBe('gzip');
  });
});

describe('list-part-number-marker and list-version-id-marker', () => {
  const parts = '/example-bucket/a.txt?uploadId=0004B999&part-number-marker=';
  it('part-number-marker: any decimal integer passes, other text fails', () => {
    for (const ok of ['0', '1', '10000', '10001', '']) expect(check('GET', `${parts}${ok}`)).toBe('ok');
    for (const bad of ['x', '-1', '1.0'])
      expect(check('GET', `${parts}${bad}`)).toBe(INVALID('part-number-marker'));
  });

  it('version-id-marker needs key-marker (ListObjectVersions); upload-id-marker alone is ignored by OSS', () => {
    expect(check('GET', '/example-bucket/?versions&key-marker=a&version-id-marker=CAEQ')).toBe('ok');
    expect(check('GET', '/example-bucket/?versions&version-id-marker=CAEQ')).toBe(
      INVALID('version-id-marker'),
    );
    expect(check('GET', '/example-bucket/?versions&key-marker=&version-id-marker=CAEQ')).toBe(
      INVALID('version-id-marker'),
    );
    expect(check('GET', '/example-bucket/?uploads&upload-id-marker=0004B999')).toBe('ok');
  });
});

describe('listing parameters through the gateway', () => {
  let gw: RunningGateway;
  beforeAll(async () => {
    gw = await startGateway();
  });
  afterAll(async () => {
    await gw.close();
  });

  it.each([
    ['/example-bucket/?max-keys=1001', 'max-keys'],
    ['/example-bucket/?list-type=2&start-after=' + long(1024), 'start-after'],
    ['/example-bucket/?uploads&max-uploads=2000', 'max-uploads'],
    ['/example-bucket/a.txt?uploadId=0004B999&max-parts=1001', 'max-parts'],
    ['/example-bucket/?versions&version-id-marker=CAEQ', 'version-id-marker'],
    ['/?max-keys=5000', 'max-keys'],
  ])('%s is refused and never forwarded', async (path, name) => {
    const before = gw.upstream.requests.length;
    const res = await send(gw.port, 'GET', path);
    expect(res.status).toBe(400);
    expect(xmlTag(res.body, 'Code')).toBe('InvalidArgument');
    expect(xmlTag(res.body, 'ArgumentName')).toBe(name);
    expect(gw.upstream.requests.length).toBe(before);
  });

  it('encoding-type other than url: the EC travels in the body and x-oss-ec', async () => {
    const res = await send(gw.port, 'GET', '/example-bucket/?encoding-type=base64');
    expect(res.status).toBe(400);
    expect(xmlTag(res.body, 'Message')).toBe(message('InvalidArgument.encodingTypeInvalid'));
    expect(xmlTag(res.body, 'EC')).toBe('0017-00000235');
    expect(res.headers['x-oss-ec']).toBe('0017-00000235');
  });

  it.each([
    '/example-bucket/?max-keys=1000&prefix=' + long(1023) + '&delimiter=%2F&encoding-type=url',
    '/example-bucket/?list-type=2&max-keys=0&start-after=a&continuation-token=abc',
    '/example-bucket/?versions&key-marker=a&version-id-marker=CAEQ&max-keys=1000',
    '/example-bucket/?uploads&max-uploads=1000&upload-id-marker=0004B999',
    '/example-bucket/a.txt?uploadId=0004B999&max-parts=1000&part-number-marker=10000',
  ])('%s at the boundary is forwarded, signed', async (path) => {
    const before = gw.upstream.requests.length;
    const res = await send(gw.port, 'GET', path);
    expect(res.status).toBe(200);
    const forwarded = gw.upstream.requests.slice(before);
    expect(forwarded).toHaveLength(1);
    expect(forwarded[0]?.signatureProblem).toBeNull();
  });
});
