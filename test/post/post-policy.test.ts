import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { handleExpectContinue } from '../../src/http/continue';
import { createPostObjectHandler } from '../../src/post/handler';
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

const failed = (condition: string) => message('AccessDenied.policyConditionFailed', { condition });
const FORMS = [
  ['V1', v1Form],
  ['V4', v4Form],
] as const;
const extra: Part[] = [
  ['Content-Type', 'image/png'],
  ['Cache-Control', 'max-age=60'],
  ['success_action_status', '201'],
  ['x-oss-meta-owner', 'eric'],
];

describe.each(FORMS)('%s: every kind of policy condition through HTTP', (_version, form) => {
  it.each<[string, unknown, string | undefined]>([
    ['{"field": "value"} holds', { 'x-oss-meta-owner': 'eric' }, undefined],
    ['{"field": "value"} fails', { 'x-oss-meta-owner': 'bob' }, '["eq", "$x-oss-meta-owner", "bob"]'],
    ['eq holds', ['eq', '$success_action_status', '201'], undefined],
    ['eq fails', ['eq', '$success_action_status', '200'], '["eq", "$success_action_status", "200"]'],
    [
      'eq on an absent field fails',
      ['eq', '$success_action_redirect', 'https://x'],
      '["eq", "$success_action_redirect", "https://x"]',
    ],
    ['starts-with holds', ['starts-with', '$key', 'uploads/'], undefined],
    ['starts-with fails', ['starts-with', '$key', 'private/'], '["starts-with", "$key", "private/"]'],
    ['in holds', ['in', '$content-type', ['image/jpeg', 'image/png']], undefined],
    ['in fails', ['in', '$content-type', ['image/jpeg']], '["in", "$content-type", ["image/jpeg"]]'],
    ['not-in holds', ['not-in', '$cache-control', ['no-cache']], undefined],
    [
      'not-in fails',
      ['not-in', '$cache-control', ['max-age=60']],
      '["not-in", "$cache-control", ["max-age=60"]]',
    ],
    ['bucket holds', { bucket: 'example-bucket' }, undefined],
    ['bucket fails', ['eq', '$bucket', 'other-bucket'], '["eq", "$bucket", "other-bucket"]'],
    ['a field name in another case and without $', ['eq', 'Content-TYPE', 'image/png'], undefined],
    ['content-length-range holds', ['content-length-range', 0, 5], undefined],
  ])('%s', async (_name, condition, message) => {
    const before = s.upstream.completed().length;
    const res = await postForm(s.port, form([condition], { extra }));
    if (message === undefined) {
      expect(res.status).toBe(200);
      expect(s.upstream.completed().length).toBe(before + 1);
    } else {
      expect([res.status, tag(res.body, 'Code'), tag(res.body, 'Message')]).toEqual([
        403,
        'AccessDenied',
        failed(message),
      ]);
      expect(s.upstream.completed().length).toBe(before);
    }
  });

  it('an expired policy → "Policy expired." (EC 0006-00000213)', async () => {
    const parts = _version === 'V1' ? v1Form([], { expiration: isoIn(-60_000) }) : expiredV4();
    const res = await postForm(s.port, parts);
    expect([res.status, tag(res.body, 'Code'), tag(res.body, 'Message'), tag(res.body, 'EC')]).toEqual([
      403,
      'AccessDenied',
      message('AccessDenied.policyExpired'),
      '0006-00000213',
    ]);
  });
});

function expiredV4(): Part[] {
  const date = v4Date(new Date());
  const day = date.slice(0, 8);
  const credential = `${AK}/${day}/${REGION}/oss/aliyun_v4_request`;
  const policy = b64({ expiration: isoIn(-60_000), conditions: [{ 'x-oss-date': date }] });
  return [
    ['key', 'uploads/a.txt'],
    ['x-oss-signature-version', 'OSS4-HMAC-SHA256'],
    ['x-oss-credential', credential],
    ['x-oss-date', date],
    ['policy', policy],
    ['x-oss-signature', oracleV4(SK, policy, day, REGION)],
    ['file', { filename: 'a.txt', content: 'hello' }],
  ];
}

/** A form whose policy field is `policy` as given, correctly signed, so only the document is at fault. */
function withPolicy(version: 'V1' | 'V4', policy: string): Part[] {
  if (version === 'V1') {
    return [
      ['key', 'a.txt'],
      ['OSSAccessKeyId', AK],
      ['policy', policy],
      ['Signature', oracleV1(SK, policy)],
      ['file', { filename: 'a.txt', content: 'a' }],
    ];
  }
  const date = v4Date(new Date());
  const day = date.slice(0, 8);
  return [
    ['key', 'a.txt'],
    ['x-oss-signature-version', 'OSS4-HMAC-SHA256'],
    ['x-oss-credential', `${AK}/${day}/${REGION}/oss/aliyun_v4_request`],
    ['x-oss-date', date],
    ['policy', policy],
    ['x-oss-signature', oracleV4(SK, policy, day, REGION)],
    ['file', { filename: 'a.txt', content: 'a' }],
  ];
}

describe.each(['V1', 'V4'] as const)(
  '%s: policy document errors through HTTP → InvalidPolicyDocument',
  (version) => {
    it.each([
      [
        'not JSON (conformance post-policy-not-json)',
        b64('{"expiration": "2120-01-01T12:00:00.000Z", "conditions": ['),
        message('InvalidPolicyDocument.json'),
        '0006-00000204',
      ],
      [
        'no conditions',
        b64({ expiration: isoIn(60_000) }),
        message('InvalidPolicyDocument.simpleConditionShape'),
        '0006-00000207',
      ],
      [
        'empty conditions',
        b64({ expiration: isoIn(60_000), conditions: [] }),
        message('InvalidPolicyDocument.simpleConditionShape'),
        '0006-00000215',
      ],
      [
        'a two-property map',
        b64({ expiration: isoIn(60_000), conditions: [{ key: 'a', bucket: 'b' }] }),
        message('InvalidPolicyDocument.simpleConditionShape'),
        undefined,
      ],
      ['not base64', '%%%not-base64%%%', message('InvalidPolicyDocument.pleaseCheck'), '0006-00000202'],
      [
        'an unknown mode',
        b64({ expiration: isoIn(60_000), conditions: [['ends-with', '$key', 'a']] }),
        message('InvalidPolicyDocument.pleaseCheck'),
        undefined,
      ],
      [
        'expiration without T and Z',
        b64({ expiration: '2120-01-01 12:00:00', conditions: [{ key: 'a.txt' }] }),
        message('InvalidPolicyDocument.pleaseCheck'),
        undefined,
      ],
    ])('%s', async (_name, policy, message, ec) => {
      const res = await postForm(s.port, withPolicy(version, policy));
      expect([res.status, tag(res.body, 'Code'), tag(res.body, 'Message'), tag(res.body, 'EC')]).toEqual([
        400,
        'InvalidPolicyDocument',
        message,
        ec,
      ]);
    });
  },
);

describe('Expect: 100-continue (the gateway routes it to the handler unanswered)', () => {
  it('the handler asks for the body and the upload completes', async () => {
    const handler = createPostObjectHandler({
      endpoint: s.upstream.url,
      credentials: { accessKeyId: AK, accessKeySecret: SK },
    });
    const server = http.createServer(handler);
    handleExpectContinue(server, handler);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    try {
      const { body, contentType } = multipart(v1Form([]));
      const port = (server.address() as AddressInfo).port;
      const status = await new Promise<number>((resolve, reject) => {
        const req = http.request({
          host: '127.0.0.1',
          port,
          method: 'POST',
          path: '/example-bucket',
          headers: {
            'content-type': contentType,
            'content-length': String(body.length),
            expect: '100-continue',
          },
        });
        req.on('continue', () => req.end(body));
        req.on('response', (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        });
        req.on('error', reject);
      });
      expect(status).toBe(200);
    } finally {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    }
  });
});
