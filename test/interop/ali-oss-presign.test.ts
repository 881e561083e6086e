import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startVerifyingGateway } from '../auth/verifying-gateway';
import { message } from '../helpers/catalogue';
import { type RunningGateway, send, xmlTag } from '../helpers/gateway-harness';
import { aliClient } from './client';
import { ossStandIn } from './stand-in';

// URLs signed by ali-oss (signatureUrl: V1, signatureUrlV4) and a PostObject form signed with its
// policy helper, replayed against the gateway.

let gw: RunningGateway;
beforeAll(async () => {
  gw = await startVerifyingGateway();
  gw.upstream.reply = ossStandIn();
  await aliClient(gw.port).put('shared/readme.txt', Buffer.from('signed read'));
});
afterAll(async () => {
  await gw.close();
});

const pathOf = (url: string) => {
  const u = new URL(url);
  return `${u.pathname}${u.search}`;
};

describe('ali-oss signed URLs through the gateway', () => {
  it('signatureUrl (V1): GET, and PUT with a signed Content-Type', async () => {
    const client = aliClient(gw.port);
    const got = await send(gw.port, 'GET', pathOf(client.signatureUrl('shared/readme.txt', { expires: 60 })));
    expect([got.status, got.body]).toEqual([200, 'signed read']);
    const putUrl = client.signatureUrl('shared/up.txt', { method: 'PUT', 'Content-Type': 'text/plain' });
    const put = await send(gw.port, 'PUT', pathOf(putUrl), { 'content-type': 'text/plain' }, 'uploaded');
    expect(put.status).toBe(200);
    expect((await client.get('shared/up.txt')).content?.toString()).toBe('uploaded');
  });

  it('signatureUrlV4: GET, and PUT with a signed header', async () => {
    const client = aliClient(gw.port, { authorizationV4: true });
    const url = await client.signatureUrlV4('GET', 60, undefined, 'shared/readme.txt');
    const got = await send(gw.port, 'GET', pathOf(url));
    expect([got.status, got.body]).toEqual([200, 'signed read']);
    const putUrl = await client.signatureUrlV4(
      'PUT',
      60,
      { headers: { 'content-type': 'text/plain' } },
      'shared/up4.txt',
    );
    expect((await send(gw.port, 'PUT', pathOf(putUrl), { 'content-type': 'text/plain' }, 'v4')).status).toBe(
      200,
    );
  });

  it('an expired URL: AccessDenied.requestExpired with Expires and ServerTime', async () => {
    const url = aliClient(gw.port).signatureUrl('shared/readme.txt', { expires: -120 });
    const res = await send(gw.port, 'GET', pathOf(url));
    expect([res.status, xmlTag(res.body, 'Code'), xmlTag(res.body, 'Message')]).toEqual([
      403,
      'AccessDenied',
      message('AccessDenied.requestExpired'),
    ]);
    const expires = Number(new URL(url).searchParams.get('Expires'));
    expect(xmlTag(res.body, 'Expires')).toBe(new Date(expires * 1000).toISOString());
    expect(xmlTag(res.body, 'ServerTime')).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.000Z$/);
  });

  it.each([
    ['V1', async () => aliClient(gw.port).signatureUrl('shared/readme.txt')],
    [
      'V4',
      async () =>
        aliClient(gw.port, { authorizationV4: true }).signatureUrlV4(
          'GET',
          60,
          undefined,
          'shared/readme.txt',
        ),
    ],
  ])('a %s URL used for another key: SignatureDoesNotMatch', async (_name, sign) => {
    const url = (await sign()).replace('readme.txt', 'secret.txt');
    const res = await send(gw.port, 'GET', pathOf(url));
    expect([res.status, xmlTag(res.body, 'Code')]).toEqual([403, 'SignatureDoesNotMatch']);
  });
});

describe('a PostObject form signed with ali-oss calculatePostSignature()', () => {
  function form(fields: Array<[string, string]>, file: string) {
    const boundary = 'interopBoundary7MA4YWxkTrZu0gW';
    const parts = fields.map(
      ([name, value]) =>
        `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`,
    );
    parts.push(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.txt"\r\nContent-Type: text/plain\r\n\r\n${file}\r\n--${boundary}--\r\n`,
    );
    return { body: Buffer.from(parts.join('')), type: `multipart/form-data; boundary=${boundary}` };
  }

  it('reaches the upstream intact', async () => {
    const policy = {
      expiration: new Date(Date.now() + 3_600_000).toISOString(),
      conditions: [
        ['content-length-range', 0, 1024],
        ['starts-with', '$key', 'forms/'],
      ],
    };
    const signed = aliClient(gw.port).calculatePostSignature(policy);
    const { body, type } = form(
      [
        ['key', 'forms/a.txt'],
        ['OSSAccessKeyId', signed.OSSAccessKeyId],
        ['policy', signed.policy],
        ['Signature', signed.Signature],
      ],
      'posted',
    );
    const before = gw.upstream.requests.length;
    const res = await send(gw.port, 'POST', '/interop-bucket', { 'content-type': type }, body);
    expect(res.status).toBe(204);
    const forwarded = gw.upstream.requests[before];
    expect(forwarded?.body.includes('posted')).toBe(true);
    expect(forwarded?.body.includes(signed.Signature)).toBe(true);
  });

  it('is refused with SignatureDoesNotMatch when signed with a wrong secret', async () => {
    const policy = {
      expiration: new Date(Date.now() + 3_600_000).toISOString(),
      conditions: [['content-length-range', 0, 1024]],
    };
    const signed = aliClient(gw.port, { accessKeySecret: 'not-the-secret' }).calculatePostSignature(policy);
    const { body, type } = form(
      [
        ['key', 'forms/b.txt'],
        ['OSSAccessKeyId', signed.OSSAccessKeyId],
        ['policy', signed.policy],
        ['Signature', signed.Signature],
      ],
      'posted',
    );
    const before = gw.upstream.requests.length;
    const res = await send(gw.port, 'POST', '/interop-bucket', { 'content-type': type }, body);
    expect([res.status, xmlTag(res.body, 'Code')]).toEqual([403, 'SignatureDoesNotMatch']);
    expect(gw.upstream.requests.length).toBe(before);
  });
});
