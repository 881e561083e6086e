import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type OSS from 'ali-oss';
import { startVerifyingGateway } from '../auth/verifying-gateway';
import { summary } from '../helpers/catalogue';
import { type RunningGateway, TEST_CREDENTIALS } from '../helpers/gateway-harness';
import { aliClient } from './client';
import { ossStandIn } from './stand-in';

// Refusals surface in ali-oss as errors with OSS's code and status, HEAD included (x-oss-err), and
// the refused requests never reach the upstream.

let gw: RunningGateway;
let strict: RunningGateway;
beforeAll(async () => {
  gw = await startVerifyingGateway();
  gw.upstream.reply = ossStandIn();
  strict = await startVerifyingGateway({
    verify: { unknownKeys: 'reject', credentials: [{ ...TEST_CREDENTIALS, securityToken: 'sts-token-1' }] },
  });
  strict.upstream.reply = ossStandIn();
});
afterAll(async () => {
  await gw.close();
  await strict.close();
});

async function refusal(target: RunningGateway, run: () => Promise<unknown>): Promise<string> {
  const before = target.upstream.requests.length;
  const error = await run().then(
    () => undefined,
    (e: unknown) => e as OSS.ServiceError,
  );
  expect(target.upstream.requests.length).toBe(before);
  return error === undefined ? 'accepted' : `${error.status} ${error.code}: ${error.message}`;
}

const MISMATCH = summary(403, 'SignatureDoesNotMatch.mismatch');

describe.each([
  ['V1', false],
  ['V4', true],
])('ali-oss %s: refusals', (_name, authorizationV4) => {
  const client = (options: Partial<OSS.Options> = {}) => aliClient(gw.port, { authorizationV4, ...options });
  const wrongSecret = () => client({ accessKeySecret: 'not-the-secret' });

  it('a wrong secret: SignatureDoesNotMatch, for PUT and for HEAD', async () => {
    expect(await refusal(gw, () => wrongSecret().put('e/a.txt', Buffer.from('x')))).toBe(MISMATCH);
    expect(await refusal(gw, () => wrongSecret().head('e/a.txt'))).toBe(MISMATCH);
  });

  it('a bucket name ali-oss allows and OSS does not (hello_world): InvalidBucketName', async () => {
    const bad = client({ bucket: 'interop_bucket' });
    const expected = summary(400, 'InvalidBucketName.invalid');
    expect(await refusal(gw, () => bad.put('a.txt', Buffer.from('x')))).toBe(expected);
    expect(await refusal(gw, () => bad.head('a.txt'))).toBe(expected);
  });

  it('a clock 20 minutes fast: RequestTimeTooSkewed', async () => {
    const skewed = client({ amendTimeSkewed: 20 * 60_000 });
    expect(await refusal(gw, () => skewed.put('a.txt', Buffer.from('x')))).toBe(
      summary(403, 'RequestTimeTooSkewed.tooLarge'),
    );
  });

  it('an unknown key when the gateway rejects unknown keys: InvalidAccessKeyId', async () => {
    const stranger = aliClient(strict.port, { authorizationV4, accessKeyId: 'LTAI5tStranger' });
    expect(await refusal(strict, () => stranger.get('a.txt'))).toBe(
      summary(403, 'InvalidAccessKeyId.unknown'),
    );
  });

  it('temporary credentials: the token must be the one the provider holds', async () => {
    const sts = (stsToken: string) => aliClient(strict.port, { authorizationV4, stsToken });
    expect(await refusal(strict, () => sts('sts-token-2').put('a.txt', Buffer.from('x')))).toBe(
      summary(403, 'InvalidSecurityToken.invalid'),
    );
    const before = strict.upstream.requests.length;
    await sts('sts-token-1').put('a.txt', Buffer.from('x'));
    expect(strict.upstream.requests[before]?.headers['x-oss-security-token']).toBe('sts-token-1');
  });
});

it('ali-oss V4 signing for another region than the gateway’s: Invalid signing region', async () => {
  const shanghai = aliClient(gw.port, { authorizationV4: true, region: 'oss-cn-shanghai' });
  expect(await refusal(gw, () => shanghai.put('a.txt', Buffer.from('x')))).toBe(
    summary(400, 'InvalidArgument.authorizationRegion'),
  );
});
