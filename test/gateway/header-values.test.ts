// biome-ignore-all lint/suspicious/noTemplateCurlyInString: OSS callback bodies use ${var} literally.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { message } from '../helpers/catalogue';
import {
  type RunningGateway,
  send,
  startGateway,
  TEST_CREDENTIALS,
  xmlTag,
} from '../helpers/gateway-harness';
import { type Part, postForm, v1Form } from '../post/helpers';

/**
 * Issue 8, parts 3 and 4, through the gateway: a callback aimed at a non-public target in any
 * notation, and a control character in anything that becomes a header (of the upstream request,
 * of OSS's response or of OSS's callback request), are answered with OSS's error and nothing
 * reaches the upstream. The same requests with allowed characters do reach it.
 */
let gw: RunningGateway;
beforeAll(async () => {
  gw = await startGateway();
});
afterAll(async () => {
  await gw.close();
});

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64');
const callback = (extra: Record<string, unknown>) =>
  b64({ callbackUrl: 'http://oss-demo.example.com/cb', callbackBody: 'object=${object}', ...extra });
const persistent = (bytes: readonly number[]) => `x-demo:${Buffer.from(bytes).toString('base64')}`;

type Answer = { status: number; code: string | undefined; message: string | undefined; forwarded: number };

/** Sends one request and reports the answer and how many requests reached the upstream. */
async function exchange(
  method: string,
  path: string,
  headers: Record<string, string> = {},
  body?: string,
): Promise<Answer> {
  const before = gw.upstream.requests.length;
  const res = await send(gw.port, method, path, headers, body);
  return {
    status: res.status,
    code: xmlTag(res.body, 'Code'),
    message: xmlTag(res.body, 'Message'),
    forwarded: gw.upstream.requests.length - before,
  };
}

async function postObject(extra: Part[]): Promise<Answer & { body: string }> {
  const before = gw.upstream.requests.length;
  const form = v1Form([['starts-with', '$key', '']], {
    ak: TEST_CREDENTIALS.accessKeyId,
    secret: TEST_CREDENTIALS.accessKeySecret,
    extra,
  });
  const res = await postForm(gw.port, form);
  const forwarded = gw.upstream.requests.slice(before);
  return {
    status: res.status,
    code: xmlTag(res.body, 'Code'),
    message: xmlTag(res.body, 'Message'),
    forwarded: forwarded.length,
    body: forwarded[0]?.body.toString('utf8') ?? '',
  };
}

const refused = (message: string) => ({ status: 400, code: 'InvalidArgument', message, forwarded: 0 });
const PRIVATE = refused(message('InvalidArgument.callbackPrivateAddress'));
const INVALID = refused(message('InvalidArgument.parameterInvalidDotted'));

describe('gateway: callback targets in other notations', () => {
  it.each([
    'http://0x7f000001/cb',
    'http://0x7f.0.0.1/cb',
    'http://0177.0.0.1/cb',
    'http://127.000.000.001/cb',
    'http://127.1/cb',
    'http://2130706433/cb',
    'http://0xa9fea9fe/latest',
    'http://0x646464c8/latest',
    'http://[::ffff:7f00:1]/cb',
    'http://[64:ff9b::a9fe:a9fe]/cb',
    'http://foo.localhost/cb',
    'http://localhost.localdomain/cb',
    'http://ip6-localhost/cb',
    'http://metadata/cb',
    'http://metadata.google.internal/computeMetadata/v1/',
    'http://%6c%6fcalhost/cb',
  ])('PutObject with x-oss-callback to %s is refused', async (callbackUrl) => {
    const answer = await exchange(
      'PUT',
      '/example-bucket/cb.txt',
      { 'x-oss-callback': callback({ callbackUrl }) },
      'x',
    );
    expect(answer).toEqual(PRIVATE);
  });

  it('refuses the same in the callback query parameter and in a PostObject form', async () => {
    const value = encodeURIComponent(callback({ callbackUrl: 'http://0x7f000001/cb' }));
    expect(await exchange('PUT', `/example-bucket/cb.txt?callback=${value}`, {}, 'x')).toEqual(PRIVATE);
    const post = await postObject([['callback', callback({ callbackUrl: 'http://0177.0.0.1/cb' })]]);
    expect({ ...post, body: '' }).toEqual({ ...PRIVATE, body: '' });
  });

  it.each([
    'http://example.com/cb',
    'http://0x08080808/cb',
    'http://[2001:4860:4860::8888]/cb',
    'http://1.example.com:8080/cb',
  ])('PutObject with x-oss-callback to %s is forwarded', async (callbackUrl) => {
    const answer = await exchange(
      'PUT',
      '/example-bucket/cb.txt',
      { 'x-oss-callback': callback({ callbackUrl }) },
      'x',
    );
    expect(answer).toMatchObject({ status: 200, forwarded: 1 });
  });
});

describe('gateway: control characters bound for headers', () => {
  it.each([
    [
      'callbackHost with CR LF',
      { callbackHost: 'a.example.com\r\nX-Injected: 1' },
      message('InvalidArgument.callbackHostInvalid'),
    ],
    [
      'callbackHost with NUL',
      { callbackHost: 'a.example.com\u0000' },
      message('InvalidArgument.callbackHostInvalid'),
    ],
    [
      'callbackUrl path with CR LF',
      { callbackUrl: 'http://a.example.com/cb\r\nX-Injected: 1' },
      message('InvalidArgument.callbackUrlInvalid'),
    ],
    [
      'callbackUrl ending in CR LF',
      { callbackUrl: 'http://a.example.com/cb\r\n' },
      message('InvalidArgument.callbackUrlInvalid'),
    ],
    [
      'callbackBodyType with LF',
      { callbackBodyType: 'application/json;\nX-Injected: 1' },
      message('InvalidArgument.callbackBodyTypeUnsupported'),
    ],
  ])('%s is refused', async (_label, extra, message) => {
    const answer = await exchange(
      'PUT',
      '/example-bucket/cb.txt',
      { 'x-oss-callback': callback(extra) },
      'x',
    );
    expect(answer).toEqual(refused(message));
  });

  it('forwards callback fields with HTAB, SP and non-ASCII text', async () => {
    const value = callback({ callbackHost: 'a.example.com\tb', callbackUrl: 'http://a.example.com/c b/é' });
    expect(await exchange('PUT', '/example-bucket/cb.txt', { 'x-oss-callback': value }, 'x')).toMatchObject({
      status: 200,
      forwarded: 1,
    });
  });

  it.each([
    ['NUL', 0x00],
    ['VT', 0x0b],
    ['FF', 0x0c],
    ['DEL', 0x7f],
    ['CR', 0x0d],
    ['LF', 0x0a],
    ['ESC', 0x1b],
  ])('a persistent header value with %s is refused', async (_label, byte) => {
    const headers = { 'x-oss-persistent-headers': persistent([0x61, byte, 0x62]) };
    expect(await exchange('PUT', '/example-bucket/p.txt', headers, 'x')).toEqual(
      refused(message('InvalidArgument.persistentHeaderCrLf')),
    );
  });

  it('forwards a persistent header value with HTAB and UTF-8', async () => {
    const headers = { 'x-oss-persistent-headers': persistent([...Buffer.from('a\tb é 文')]) };
    expect(await exchange('PUT', '/example-bucket/p.txt', headers, 'x')).toMatchObject({
      status: 200,
      forwarded: 1,
    });
  });

  it.each([
    'response-content-disposition=attachment%0D%0AX-Injected%3A%201',
    'response-content-type=text%2Fhtml%00',
    'response-cache-control=no-cache%0A',
    'response-expires=Thu%2C%2001%20Feb%202024%2017%3A00%3A00%20GMT%7F',
    'response-content-language=zh%0B',
    'response-content-encoding=gzip%0C',
    'response-content-type=text%2Fplain&response-content-type=text%2Fhtml%0D%0AX%3A%201',
  ])('GetObject with %s is refused', async (query) => {
    expect(await exchange('GET', `/example-bucket/a.txt?${query}`)).toEqual(INVALID);
  });

  it('forwards response-* overrides with HTAB, SP and non-ASCII text, query unchanged', async () => {
    const query =
      'response-content-disposition=attachment%3B%09filename%3D%22%E6%96%87.txt%22&response-content-type=text%2Fplain';
    const answer = await exchange('GET', `/example-bucket/a.txt?${query}`);
    expect(answer).toMatchObject({ status: 200, forwarded: 1 });
    expect(gw.upstream.requests.at(-1)!.url).toContain(query);
  });

  it.each([
    ['x-oss-meta-note', 'v\r\nX-Injected: 1'],
    ['Content-Disposition', 'attachment\r\nX-Injected: 1'],
    ['x-oss-tagging', 'a=b\u0000'],
    ['Content-Type', 'text/plain\u007f'],
    ['Cache-Control', 'no-cache\u000b'],
    ['success_action_redirect', 'https://example.com/done\r\nSet-Cookie: a=b'],
  ])('a PostObject form with %s holding a control character is refused', async (name, value) => {
    const answer = await postObject([[name, value]]);
    expect({ ...answer, body: '' }).toEqual({ ...INVALID, body: '' });
  });

  it('forwards a PostObject form whose header fields hold HTAB, SP and non-ASCII text', async () => {
    const answer = await postObject([
      ['x-oss-meta-note', 'a\tb c é 文'],
      ['Content-Disposition', 'attachment; filename="文件.txt"'],
    ]);
    expect(answer).toMatchObject({ status: 200, forwarded: 1 });
    expect(answer.body).toContain('a\tb c é 文');
  });
});
