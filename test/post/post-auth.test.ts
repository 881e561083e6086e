import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { postSignatureV1, postSignatureV4 } from '../../src/signing/post-signature';
import { message } from '../helpers/catalogue';
import {
  AK,
  b64,
  isoIn,
  multipart,
  oracleV1,
  oracleV4,
  type Part,
  type PostServer,
  post,
  postForm,
  REGION,
  SK,
  startPostServer,
  tag,
  v1Form,
  v4Date,
  v4Form,
} from './helpers';

let s: PostServer;
beforeAll(async () => {
  s = await startPostServer();
});
afterAll(async () => {
  await s.close();
});

const FILE = { filename: 'a.txt', content: 'hello', contentType: 'text/plain' };
const MISMATCH = message('SignatureDoesNotMatch.mismatch');

async function expectError(
  server: PostServer,
  parts: Part[],
  status: number,
  code: string,
  message?: string,
) {
  const before = server.upstream.requests.length;
  const res = await postForm(server.port, parts);
  expect({ status: res.status, code: tag(res.body, 'Code') }).toEqual({ status, code });
  if (message !== undefined) expect(tag(res.body, 'Message')).toBe(message);
  expect(server.upstream.requests.length).toBe(before);
  return res;
}

function without(parts: Part[], ...names: string[]): Part[] {
  return parts.filter(([name]) => !names.includes(name));
}
function replace(parts: Part[], name: string, value: string): Part[] {
  return parts.map(([n, v]) => (n === name ? [n, value] : [n, v]));
}

describe('POST signature vectors (research oss-rules-post-sign.md §1.6, checked against crypto-js)', () => {
  it('V1', () => {
    const secret = 'OtxrzxIsfpFjA7SwPzILwy8Bw21TLhquhboDYROV';
    const json =
      '{"expiration":"2023-02-19T13:19:00.000Z","conditions":[["content-length-range",1,1024],["eq","$success_action_status","201"],["starts-with","$key","user/eric/"],["in","$content-type",["image/jpeg","image/png"]],["not-in","$cache-control",["no-cache"]]]}';
    const policy = Buffer.from(json).toString('base64');
    expect(postSignatureV1(secret, policy)).toBe('jCZcvhaSQSwV0qCdd2Nj5YzDVZE=');
    expect(oracleV1(secret, policy)).toBe('jCZcvhaSQSwV0qCdd2Nj5YzDVZE=');
  });

  it('V4', () => {
    const policy =
      'eyJleHBpcmF0aW9uIjoiMjAyMy0xMi0wM1QxMzoxMjoxMi4wMDBaIiwiY29uZGl0aW9ucyI6W3siYnVja2V0IjoiZXhhbXBsZWJ1Y2tldCJ9LHsieC1vc3Mtc2lnbmF0dXJlLXZlcnNpb24iOiJPU1M0LUhNQUMtU0hBMjU2In0seyJ4LW9zcy1jcmVkZW50aWFsIjoiYWsvMjAyMzEyMDMvY24taGFuZ3pob3Uvb3NzL2FsaXl1bl92NF9yZXF1ZXN0In0seyJ4LW9zcy1kYXRlIjoiMjAyMzEyMDNUMTIxMjEyWiJ9LFsiY29udGVudC1sZW5ndGgtcmFuZ2UiLDEsMTAyNF0sWyJzdGFydHMtd2l0aCIsIiRrZXkiLCJ1c2VyL2VyaWMvIl1dfQ==';
    const expected = 'efd5d30f8b9a40ce7e192a36d3fef88a96122911d4f91a424729c07b1d01d14b';
    expect(postSignatureV4('sk', policy, '20231203', 'cn-hangzhou')).toBe(expected);
    expect(oracleV4('sk', policy, '20231203', 'cn-hangzhou')).toBe(expected);
  });

  it('the V4 vector passes end to end at its own time, and fails an hour after expiration', async () => {
    const policy = Buffer.from(
      '{"expiration":"2023-12-03T13:12:12.000Z","conditions":[{"bucket":"examplebucket"},{"x-oss-signature-version":"OSS4-HMAC-SHA256"},{"x-oss-credential":"ak/20231203/cn-hangzhou/oss/aliyun_v4_request"},{"x-oss-date":"20231203T121212Z"},["content-length-range",1,1024],["starts-with","$key","user/eric/"]]}',
    ).toString('base64');
    const parts: Part[] = [
      ['key', 'user/eric/a.txt'],
      ['x-oss-signature-version', 'OSS4-HMAC-SHA256'],
      ['x-oss-credential', 'ak/20231203/cn-hangzhou/oss/aliyun_v4_request'],
      ['x-oss-date', '20231203T121212Z'],
      ['policy', policy],
      ['x-oss-signature', 'efd5d30f8b9a40ce7e192a36d3fef88a96122911d4f91a424729c07b1d01d14b'],
      ['file', FILE],
    ];
    let now = Date.UTC(2023, 11, 3, 12, 30);
    const vector = await startPostServer({
      knownKeys: { accessKeyId: 'ak', accessKeySecret: 'sk' },
      now: () => now,
    });
    try {
      const ok = await postForm(vector.port, parts, '/examplebucket');
      expect(ok.status).toBe(200);
      now = Date.UTC(2023, 11, 3, 14, 12);
      const late = await postForm(vector.port, parts, '/examplebucket');
      expect([late.status, tag(late.body, 'Code'), tag(late.body, 'Message')]).toEqual([
        403,
        'AccessDenied',
        message('AccessDenied.policyExpired'),
      ]);
    } finally {
      await vector.close();
    }
  });
});

describe('V1 (OSSAccessKeyId, policy, Signature)', () => {
  it('a valid form is forwarded', async () => {
    const before = s.upstream.requests.length;
    const res = await postForm(s.port, v1Form([['starts-with', '$key', 'uploads/']]));
    expect(res.status).toBe(200);
    expect(s.upstream.requests.length).toBe(before + 1);
  });

  it('a wrong signature → SignatureDoesNotMatch', async () => {
    await expectError(s, v1Form([], { secret: 'not-the-secret' }), 403, 'SignatureDoesNotMatch', MISMATCH);
  });

  it('a signature of another policy → SignatureDoesNotMatch', async () => {
    const parts = v1Form([]);
    const other = b64({ expiration: isoIn(60_000), conditions: [['eq', '$key', 'x']] });
    await expectError(s, replace(parts, 'Signature', oracleV1(SK, other)), 403, 'SignatureDoesNotMatch');
  });

  it('OSSAccessKeyId missing → InvalidArgument.postAccessKeyIdEmpty (conformance post-accesskey-missing)', async () => {
    await expectError(
      s,
      without(v1Form([]), 'OSSAccessKeyId'),
      400,
      'InvalidArgument',
      message('InvalidArgument.postAccessKeyIdEmpty'),
    );
  });

  it('OSSAccessKeyId empty → the same', async () => {
    await expectError(
      s,
      replace(v1Form([]), 'OSSAccessKeyId', ''),
      400,
      'InvalidArgument',
      message('InvalidArgument.postAccessKeyIdEmpty'),
    );
  });

  it('Signature missing → InvalidArgument.postSignatureEmpty (conformance post-signature-missing)', async () => {
    await expectError(
      s,
      without(v1Form([]), 'Signature'),
      400,
      'InvalidArgument',
      message('InvalidArgument.postSignatureEmpty'),
    );
  });

  it('policy missing → InvalidArgument "must contain the specified field name" (documented choice)', async () => {
    await expectError(
      s,
      without(v1Form([]), 'policy'),
      400,
      'InvalidArgument',
      message('InvalidArgument.postFieldMissing'),
    );
  });

  it('policy alone → the access key is reported first', async () => {
    await expectError(
      s,
      without(v1Form([]), 'OSSAccessKeyId', 'Signature'),
      400,
      'InvalidArgument',
      message('InvalidArgument.postAccessKeyIdEmpty'),
    );
  });

  it('an unknown AccessKeyId → InvalidAccessKeyId', async () => {
    await expectError(
      s,
      v1Form([], { ak: 'LTAI5tSomebodyElse' }),
      403,
      'InvalidAccessKeyId',
      message('InvalidAccessKeyId.unknown'),
    );
  });

  it('an AccessKeyId with characters OSS never accepts → InvalidAccessKeyId (seed 000 message)', async () => {
    await expectError(
      s,
      v1Form([], { ak: 'LTAI 5t-bad' }),
      403,
      'InvalidAccessKeyId',
      message('InvalidAccessKeyId.characters'),
    );
  });

  it('an expired policy → AccessDenied "Policy expired."', async () => {
    await expectError(
      s,
      v1Form([], { expiration: isoIn(-1000) }),
      403,
      'AccessDenied',
      message('AccessDenied.policyExpired'),
    );
  });

  it('an STS security token field travels on', async () => {
    const res = await postForm(s.port, v1Form([], { extra: [['x-oss-security-token', 'CAIS-token']] }));
    expect(res.status).toBe(200);
    expect(s.upstream.requests.at(-1)!.body.toString()).toContain(
      'name="x-oss-security-token"\r\n\r\nCAIS-token\r\n',
    );
  });
});

describe('V4 (x-oss-signature-version, x-oss-credential, x-oss-date, x-oss-signature)', () => {
  it('a valid form is forwarded', async () => {
    const res = await postForm(s.port, v4Form([['starts-with', '$key', 'uploads/']]));
    expect(res.status).toBe(200);
  });

  it('upper-case hex is accepted', async () => {
    const parts = v4Form([]);
    const signature = parts.find(([n]) => n === 'x-oss-signature')![1] as string;
    expect((await postForm(s.port, replace(parts, 'x-oss-signature', signature.toUpperCase()))).status).toBe(
      200,
    );
  });

  it('a wrong signature → SignatureDoesNotMatch', async () => {
    await expectError(
      s,
      replace(v4Form([]), 'x-oss-signature', 'a'.repeat(64)),
      403,
      'SignatureDoesNotMatch',
      MISMATCH,
    );
  });

  it.each([
    ['x-oss-credential', 'InvalidArgument', message('InvalidArgument.postAccessKeyIdEmpty')],
    ['x-oss-signature', 'InvalidArgument', message('InvalidArgument.postSignatureEmpty')],
    ['policy', 'InvalidArgument', message('InvalidArgument.postFieldMissing')],
    ['x-oss-date', 'AccessDenied', message('AccessDenied.validDateRequired')],
  ])('%s missing → %s', async (name, code, message) => {
    await expectError(s, without(v4Form([]), name), code === 'AccessDenied' ? 403 : 400, code, message);
  });

  it.each([
    ['four segments', `${AK}/20231203/cn-hangzhou/oss`],
    ['a wrong terminator (EC 0002-00000710)', `${AK}/20231203/cn-hangzhou/oss/abc`],
    ['a dashed date (EC 0002-00000709)', `${AK}/2023-12-03/cn-hangzhou/oss/aliyun_v4_request`],
    ['an impossible date', `${AK}/20231332/cn-hangzhou/oss/aliyun_v4_request`],
    ['another product', `${AK}/20231203/cn-hangzhou/s3/aliyun_v4_request`],
    ['an empty region', `${AK}/20231203//oss/aliyun_v4_request`],
  ])('a credential with %s → InvalidArgument naming x-oss-credential', async (_name, credential) => {
    const res = await expectError(
      s,
      replace(v4Form([]), 'x-oss-credential', credential),
      400,
      'InvalidArgument',
      message('InvalidArgument.parameterInvalidDotted'),
    );
    expect(tag(res.body, 'ArgumentName')).toBe('x-oss-credential');
    expect(tag(res.body, 'ArgumentValue')).toBe(credential);
  });

  it('a credential for another region → InvalidArgument.credentialRegionInvalid (EC 0002-00000715)', async () => {
    const res = await expectError(
      s,
      v4Form([], { region: 'cn-beijing' }),
      400,
      'InvalidArgument',
      message('InvalidArgument.credentialRegionInvalid'),
    );
    expect(tag(res.body, 'ArgumentName')).toBe('x-oss-credential');
    expect(tag(res.body, 'ArgumentValue')).toBe(
      `${AK}/${v4Date(new Date()).slice(0, 8)}/cn-beijing/oss/aliyun_v4_request`,
    );
  });

  it('without a configured region, the region of an OSS endpoint Host is expected', async () => {
    const open = await startPostServer({ region: undefined });
    try {
      const { body, contentType } = multipart(v4Form([], { region: 'cn-hangzhou' }));
      const res = await post(
        open.port,
        '/',
        { host: 'example-bucket.oss-cn-beijing.aliyuncs.com', 'content-type': contentType },
        body,
      );
      expect([res.status, tag(res.body, 'Message')]).toEqual([
        400,
        message('InvalidArgument.credentialRegionInvalid'),
      ]);
      const ok = multipart(v4Form([], { region: 'cn-beijing' }));
      const accepted = await post(
        open.port,
        '/',
        { host: 'example-bucket.oss-cn-beijing.aliyuncs.com', 'content-type': ok.contentType },
        ok.body,
      );
      expect(accepted.status).toBe(200);
    } finally {
      await open.close();
    }
  });

  it('a CloudBox credential (product oss-cloudbox) names no region and verifies with its own product', async () => {
    expect((await postForm(s.port, v4Form([], { region: 'cb-123', product: 'oss-cloudbox' }))).status).toBe(
      200,
    );
    const res = await postForm(
      s.port,
      replace(v4Form([], { region: 'cb-123', product: 'oss-cloudbox' }), 'x-oss-signature', '0'.repeat(64)),
    );
    expect(tag(res.body, 'Code')).toBe('SignatureDoesNotMatch');
  });

  it('without a configured region any region verifies', async () => {
    const open = await startPostServer({ region: undefined });
    try {
      expect((await postForm(open.port, v4Form([], { region: 'cn-beijing' }))).status).toBe(200);
    } finally {
      await open.close();
    }
  });

  it('a malformed x-oss-date → AccessDenied.validDateRequired', async () => {
    await expectError(
      s,
      replace(v4Form([]), 'x-oss-date', '2023-12-03T12:12:12Z'),
      403,
      'AccessDenied',
      message('InvalidArgument.validDateRequired'),
    );
  });

  it('x-oss-date on another day than the credential → InvalidArgument naming x-oss-date', async () => {
    const res = await expectError(s, v4Form([], { credentialDay: '20200101' }), 400, 'InvalidArgument');
    expect(tag(res.body, 'ArgumentName')).toBe('x-oss-date');
  });

  it.each([
    ['an hour in the future', 3_600_000, 403],
    ['ten minutes in the future (15-minute tolerance)', 600_000, 200],
    ['six days ago (valid for 7 days)', -6 * 86_400_000, 200],
    ['eight days ago', -8 * 86_400_000, 403],
  ])('x-oss-date %s', async (_name, offset, status) => {
    const parts = v4Form([], { date: new Date(Date.now() + offset) });
    const res = await postForm(s.port, parts);
    expect(res.status).toBe(status);
    if (status === 403) expect(tag(res.body, 'Code')).toBe('RequestTimeTooSkewed');
  });

  it("the policy's x-oss-date must equal the form's", async () => {
    const parts = v4Form([]);
    const policy = JSON.parse(
      Buffer.from(parts.find(([n]) => n === 'policy')![1] as string, 'base64').toString(),
    );
    policy.conditions[2] = { 'x-oss-date': '20000101T000000Z' };
    const rewritten = b64(policy);
    const day = (parts.find(([n]) => n === 'x-oss-date')![1] as string).slice(0, 8);
    const signed = replace(
      replace(parts, 'policy', rewritten),
      'x-oss-signature',
      oracleV4(SK, rewritten, day, REGION),
    );
    await expectError(
      s,
      signed,
      403,
      'AccessDenied',
      message('AccessDenied.policyConditionFailed', {
        condition: '["eq", "$x-oss-date", "20000101T000000Z"]',
      }),
    );
  });

  it('an unknown key in the credential → InvalidAccessKeyId', async () => {
    const parts = v4Form([]);
    const credential = (parts.find(([n]) => n === 'x-oss-credential')![1] as string).replace(
      AK,
      'LTAI5tSomebodyElse',
    );
    await expectError(s, replace(parts, 'x-oss-credential', credential), 403, 'InvalidAccessKeyId');
  });

  it('an AccessKeyId with a tab in the credential → InvalidAccessKeyId (EC 0002-00000708)', async () => {
    const parts = v4Form([]);
    const credential = (parts.find(([n]) => n === 'x-oss-credential')![1] as string).replace(AK, 'LTAI\tX');
    const res = await expectError(
      s,
      replace(parts, 'x-oss-credential', credential),
      403,
      'InvalidAccessKeyId',
    );
    expect(tag(res.body, 'EC')).toBe('0002-00000708');
  });

  it('another signature version (OSS V2, S3-compatible) is left to OSS', async () => {
    const policy = b64({ expiration: isoIn(60_000), conditions: [['starts-with', '$key', '']] });
    const res = await postForm(s.port, [
      ['key', 'a.txt'],
      ['x-oss-signature-version', 'OSS2'],
      ['x-oss-access-key-id', AK],
      ['policy', policy],
      ['x-oss-signature', 'unverified'],
      ['file', FILE],
    ]);
    expect(res.status).toBe(200);
  });
});

describe('key lookup', () => {
  it('unknownKeys: "forward" passes an unknown key on unverified', async () => {
    const pass = await startPostServer({ unknownKeys: 'forward' });
    try {
      expect((await postForm(pass.port, v1Form([], { ak: 'LTAI5tSomebodyElse', secret: 'x' }))).status).toBe(
        200,
      );
    } finally {
      await pass.close();
    }
  });

  it('a list of key pairs, and a lookup answering with a key pair', async () => {
    const other = { accessKeyId: 'LTAI5tOtherKey', accessKeySecret: 'other-secret' };
    const list = await startPostServer({ knownKeys: [other, { accessKeyId: AK, accessKeySecret: SK }] });
    const lookup = await startPostServer({
      knownKeys: (id: string) =>
        [other, { accessKeyId: AK, accessKeySecret: SK }].find((c) => c.accessKeyId === id),
    });
    const wrongPair = await startPostServer({ knownKeys: () => other });
    try {
      expect((await postForm(list.port, v1Form([]))).status).toBe(200);
      expect((await postForm(lookup.port, v4Form([]))).status).toBe(200);
      expect(tag((await postForm(lookup.port, v1Form([], { secret: 'x' }))).body, 'Code')).toBe(
        'SignatureDoesNotMatch',
      );
      // A lookup answering with another key's pair has not found the form's key.
      expect(tag((await postForm(wrongPair.port, v1Form([]))).body, 'Code')).toBe('InvalidAccessKeyId');
    } finally {
      await Promise.all([list.close(), lookup.close(), wrongPair.close()]);
    }
  });

  it('an async resolver', async () => {
    const server = await startPostServer({ knownKeys: async (id: string) => (id === AK ? SK : undefined) });
    try {
      expect((await postForm(server.port, v4Form([]))).status).toBe(200);
      expect(tag((await postForm(server.port, v1Form([], { secret: 'x' }))).body, 'Code')).toBe(
        'SignatureDoesNotMatch',
      );
    } finally {
      await server.close();
    }
  });

  it('a resolver that throws → 500, never a crash or a hang', async () => {
    const server = await startPostServer({
      knownKeys: () => {
        throw new Error('key store down');
      },
    });
    try {
      const res = await postForm(server.port, v1Form([]));
      expect(res.status).toBe(500);
      expect(tag(res.body, 'Code')).toBe('InternalError');
      expect(server.upstream.requests.length).toBe(0);
    } finally {
      await server.close();
    }
  });

  it('without knownKeys or credentials every signing key is unknown: refused by default', async () => {
    const server = await startPostServer({ knownKeys: undefined, credentials: undefined });
    try {
      const res = await postForm(server.port, v1Form([], { secret: 'x' }));
      expect([res.status, tag(res.body, 'Code')]).toEqual([403, 'InvalidAccessKeyId']);
      expect(server.upstream.requests.length).toBe(0);
    } finally {
      await server.close();
    }
  });

  it('without knownKeys or credentials and with unknownKeys "forward", signatures are left to OSS but the policy is still checked', async () => {
    const server = await startPostServer({
      knownKeys: undefined,
      credentials: undefined,
      unknownKeys: 'forward',
    });
    try {
      expect((await postForm(server.port, v1Form([], { secret: 'x' }))).status).toBe(200);
      const res = await postForm(server.port, v1Form([['eq', '$key', 'other']], { secret: 'x' }));
      expect(tag(res.body, 'Code')).toBe('AccessDenied');
    } finally {
      await server.close();
    }
  });
});
