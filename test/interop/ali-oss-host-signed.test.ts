import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startVerifyingGateway } from '../auth/verifying-gateway';
import { message } from '../helpers/catalogue';
import { type RunningGateway, send, xmlTag } from '../helpers/gateway-harness';
import { aliClient } from './client';
import { ossStandIn } from './stand-in';

// A V4 signature whose AdditionalHeaders include `host` binds the request to the Host the client
// used (the gateway's). The gateway verifies it there, then signs it again with the same key for the
// upstream's Host; the recording upstream verifies what it receives with its own implementation.

let gw: RunningGateway;
beforeAll(async () => {
  gw = await startVerifyingGateway();
  gw.upstream.reply = ossStandIn();
});
afterAll(async () => {
  await gw.close();
});

const pathOf = (url: string) => {
  const u = new URL(url);
  return `${u.pathname}${u.search}`;
};

describe('signatures that cover Host, through the gateway', () => {
  it('ali-oss V4 header signature with additionalHeaders: [host]: verified, re-signed, verified upstream', async () => {
    const client = aliClient(gw.port, { authorizationV4: true });
    const before = gw.upstream.requests.length;
    await client.put('host-signed/a.txt', Buffer.from('bound to host'), {
      headers: { host: `localhost:${gw.port}` },
      additionalHeaders: ['host'],
    } as never);
    const fwd = gw.upstream.requests.slice(before);
    expect(fwd).toHaveLength(1);
    expect(fwd[0]!.signatureProblem).toBeNull();
    expect(String(fwd[0]!.headers.authorization)).not.toMatch(/AdditionalHeaders=[^,]*host/);
    expect(fwd[0]!.body.toString()).toBe('bound to host');
  });

  it('a wrong signature over Host is still refused, before anything is re-signed', async () => {
    const wrong = aliClient(gw.port, { authorizationV4: true, accessKeySecret: 'not-the-secret-0123456789' });
    const before = gw.upstream.requests.length;
    await expect(
      wrong.put('host-signed/b.txt', Buffer.from('x'), {
        headers: { host: `localhost:${gw.port}` },
        additionalHeaders: ['host'],
      } as never),
    ).rejects.toMatchObject({ status: 403, code: 'SignatureDoesNotMatch' });
    expect(gw.upstream.requests.length).toBe(before);
  });

  it('ali-oss signatureUrlV4 with additionalHeaders [host]: the URL works through the gateway', async () => {
    const client = aliClient(gw.port, { authorizationV4: true });
    await client.put('host-signed/url.txt', Buffer.from('presigned with host'));
    const host = `localhost:${gw.port}`;
    const url = await client.signatureUrlV4('GET', 60, { headers: { host } }, 'host-signed/url.txt', [
      'host',
    ]);
    expect(new URL(url).searchParams.get('x-oss-additional-headers')).toBe('host');
    const before = gw.upstream.requests.length;
    const got = await send(gw.port, 'GET', pathOf(url), { host });
    expect([got.status, got.body]).toEqual([200, 'presigned with host']);
    const fwd = gw.upstream.requests[before]!;
    // Forwarded header-signed, without the URL's signature parameters, and verified upstream.
    expect(fwd.url).not.toMatch(/x-oss-signature|x-oss-credential|x-oss-additional-headers/);
    expect(fwd.signatureProblem).toBeNull();
  });

  it('refuses a Host-bound signature it cannot verify (unknown key, forwarding on) instead of forwarding it to fail', async () => {
    const forwarding = await startVerifyingGateway({ verify: { unknownKeys: 'forward' } });
    try {
      const stranger = aliClient(forwarding.port, {
        authorizationV4: true,
        accessKeyId: 'LTAI5tStrangerKey01',
      });
      await expect(
        stranger.put('host-signed/c.txt', Buffer.from('x'), {
          headers: { host: `localhost:${forwarding.port}` },
          additionalHeaders: ['host'],
        } as never),
      ).rejects.toMatchObject({ status: 403, code: 'SignatureDoesNotMatch' });
      expect(forwarding.upstream.requests).toHaveLength(0);
      // Without Host in the signature the same stranger is forwarded for OSS to judge.
      await stranger.put('host-signed/d.txt', Buffer.from('x')).catch(() => undefined);
      expect(forwarding.upstream.requests).toHaveLength(1);
    } finally {
      await forwarding.close();
    }
  });
});

describe('the refusal names OSS code', () => {
  it('renders SignatureDoesNotMatch with the OSS message', async () => {
    const forwarding = await startVerifyingGateway({ verify: { unknownKeys: 'forward' } });
    try {
      const stranger = aliClient(forwarding.port, {
        authorizationV4: true,
        accessKeyId: 'LTAI5tStrangerKey01',
      });
      const url = await stranger.signatureUrlV4(
        'GET',
        60,
        { headers: { host: `localhost:${forwarding.port}` } },
        'x.txt',
        ['host'],
      );
      const res = await send(forwarding.port, 'GET', pathOf(url), { host: `localhost:${forwarding.port}` });
      expect([res.status, xmlTag(res.body, 'Code'), xmlTag(res.body, 'Message')]).toEqual([
        403,
        'SignatureDoesNotMatch',
        message('SignatureDoesNotMatch.mismatch'),
      ]);
    } finally {
      await forwarding.close();
    }
  });
});
