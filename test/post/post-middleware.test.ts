import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from '@jest/globals';
import express from 'express';
import request from 'supertest';
import { ossErrorHandler } from '../../src/express/error-handler';
import { ossStorage, type PostFile, postObject, type StorageEngine } from '../../src/post';
import { getPostFormState } from '../../src/post/form-state';
import { message } from '../helpers/catalogue';
import { AK, b64, isoIn, oracleV1, SK, tag } from './helpers';

/** A storage engine that counts the bytes and keeps nothing: what postObject() must work with. */
function countingStorage(): StorageEngine & { removed: number } {
  const engine = {
    removed: 0,
    _handleFile(req: IncomingMessage, file: PostFile, callback: (error?: unknown, info?: object) => void) {
      let size = 0;
      file.stream.on('data', (chunk: Buffer) => {
        size += chunk.length;
      });
      file.stream.on('error', (error) => callback(error));
      file.stream.on('end', () => callback(null, { size, range: getPostFormState(req)?.sizeRange }));
    },
    _removeFile(_req: IncomingMessage, _file: PostFile, callback: (error: Error | null) => void) {
      engine.removed++;
      callback(null);
    },
  };
  return engine;
}

function app(options: Partial<Parameters<typeof postObject>[0]> = {}) {
  const a = express();
  a.use(
    postObject({
      storage: countingStorage(),
      knownKeys: { accessKeyId: AK, accessKeySecret: SK },
      ...options,
    }),
  );
  a.use((req, res) => {
    const file = (req as unknown as { file?: Record<string, unknown> }).file;
    res.json({
      method: req.method,
      size: file?.size ?? null,
      range: file?.range ?? null,
      key: req.body?.key ?? null,
    });
  });
  a.use(ossErrorHandler());
  return a;
}

function signed(conditions: unknown[]) {
  const policy = b64({ expiration: isoIn(60_000), conditions });
  return { policy, signature: oracleV1(SK, policy) };
}

describe('postObject() as Express middleware (supertest .field()/.attach())', () => {
  it('accepts a valid form; req.file carries the storage results and req.body the fields', async () => {
    const { policy, signature } = signed([['content-length-range', 1, 100]]);
    const res = await request(app())
      .post('/example-bucket')
      .field('key', 'uploads/a.txt')
      .field('OSSAccessKeyId', AK)
      .field('policy', policy)
      .field('Signature', signature)
      .attach('file', Buffer.from('hello world'), { filename: 'a.txt', contentType: 'text/plain' });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ method: 'POST', size: 11, range: { min: 1, max: 100 }, key: 'uploads/a.txt' });
  });

  it('caps the size range at 5 GB whatever the policy allows', async () => {
    const { policy, signature } = signed([['content-length-range', 0, 10 * 1024 ** 3]]);
    const res = await request(app())
      .post('/example-bucket')
      .field('key', 'a')
      .field('OSSAccessKeyId', AK)
      .field('policy', policy)
      .field('Signature', signature)
      .attach('file', Buffer.from('x'), 'a.txt');
    expect(res.body.range).toEqual({ min: 0, max: 5 * 1024 ** 3 });
  });

  it('passes requests that are not PostObject straight on', async () => {
    const res = await request(app()).put('/example-bucket/a.txt').send('hello');
    expect(res.status).toBe(200);
    expect(res.body.method).toBe('PUT');
  });

  it('rejects with next(ossError), rendered by ossErrorHandler()', async () => {
    const { policy, signature } = signed([{ key: 'b' }]);
    const res = await request(app())
      .post('/')
      .set('Host', 'example-bucket.oss-cn-hangzhou.aliyuncs.com')
      .field('key', 'a')
      .field('OSSAccessKeyId', AK)
      .field('policy', policy)
      .field('Signature', signature)
      .attach('file', Buffer.from('x'), 'a.txt');
    expect(res.status).toBe(403);
    expect(tag(res.text, 'Message')).toBe(
      message('AccessDenied.policyConditionFailed', { condition: '["eq", "$key", "b"]' }),
    );
    expect(tag(res.text, 'HostId')).toBe('example-bucket.oss-cn-hangzhou.aliyuncs.com');
  });

  it('a form that fails after the storage engine finished never reaches the route, and the file is removed', async () => {
    const storage = countingStorage();
    // Large enough that the form is accepted and the engine has consumed the file before the late field arrives.
    const res = await request(app({ storage }))
      .post('/example-bucket')
      .field('key', 'a')
      .attach('file', Buffer.alloc(1024 * 1024), 'a.txt')
      .field('late', 'field');
    expect(res.status).toBe(400);
    expect(tag(res.text, 'Code')).toBe('IncorrectNumberOfFilesInPOSTRequest');
    expect(storage.removed).toBe(1);
  });

  it("onReject: 'close' answers at once and closes the connection", async () => {
    const res = await request(app({ onReject: 'close' }))
      .post('/example-bucket')
      .field('key', '/bad')
      .attach('file', Buffer.alloc(64 * 1024), 'a.bin');
    expect(res.status).toBe(400);
    expect(res.headers.connection).toBe('close');
    expect(tag(res.text, 'Code')).toBe('InvalidObjectName');
  });
});

describe('option checks fail fast', () => {
  const storage = countingStorage();
  it.each<[string, () => unknown, RegExp]>([
    ['no storage', () => postObject({} as never), /"storage" must be a multer storage engine/],
    [
      'an unknown option',
      () => postObject({ storage, knownKey: {} } as never),
      /unknown option "knownKey"\. Did you mean "knownKeys"\?/,
    ],
    ['a bad onReject', () => postObject({ storage, onReject: 'later' as never }), /"onReject"/],
    ['a bad unknownKeys', () => postObject({ storage, unknownKeys: 'ignore' as never }), /"unknownKeys"/],
    [
      'a half key pair',
      () => postObject({ storage, knownKeys: { accessKeyId: AK, accessKeySecret: '' } }),
      /"knownKeys"/,
    ],
    [
      'a non-integer limit',
      () => postObject({ storage, limits: { fieldValueBytes: 1.5 } }),
      /limits\.fieldValueBytes/,
    ],
    [
      'a bad preflight option',
      () => postObject({ storage, preflight: { disable: ['no-such-rule'] } }),
      /no-such-rule/,
    ],
    ['ossStorage without endpoint', () => ossStorage({} as never), /"endpoint"/],
    ['ossStorage with ftp', () => ossStorage({ endpoint: 'ftp://x' }), /http: or https:/],
    [
      'ossStorage with a bad upload mode',
      () => ossStorage({ endpoint: 'http://x', upload: 'copy' as never }),
      /"upload"/,
    ],
  ])('%s', (_name, build, message) => {
    expect(build).toThrow(message);
  });
});
