import { describe, expect, it } from '@jest/globals';
import { createPreflight } from '../../src/preflight/create-preflight';
import { summary } from '../helpers/catalogue';

const core = createPreflight({ families: ['names'] });
const check = (method: string, url: string, headers: Record<string, string> = {}) => {
  const error = core.check(core.parse({ method, url, headers: { host: '127.0.0.1', ...headers } }));
  return error ? `${error.status} ${error.code}: ${error.message}` : 'ok';
};
const BUCKET = summary(400, 'InvalidBucketName.invalid');

describe('bucket names', () => {
  it.each([
    ['abc', 'ok'],
    ['examplebucket1', 'ok'],
    ['test-bucket-2021', 'ok'],
    ['a'.repeat(63), 'ok'],
    ['0-9', 'ok'],
    ['ab', BUCKET],
    ['a'.repeat(64), BUCKET],
    ['Examplebucket1', BUCKET],
    ['test_bucket_2021', BUCKET],
    ['aliyun-oss-bucket-', BUCKET],
    ['-bucket', BUCKET],
    ['a.b.c', BUCKET],
    ['%E4%B8%AD%E6%96%87ab', BUCKET],
  ])('%s → %s', (bucket, expected) => {
    expect(check('PUT', `/${bucket}/a.txt`)).toBe(expected);
  });

  it('checks a bucket named by the Host, keeping its case', () => {
    expect(check('PUT', '/', { host: 'ABC.oss-cn-hangzhou.aliyuncs.com' })).toBe(BUCKET);
  });
});

describe('object names', () => {
  const LONG = summary(400, 'InvalidObjectName.tooLong');
  const INVALID = summary(400, 'InvalidObjectName.invalid');
  it.each([
    ['k'.repeat(1023), 'ok'],
    ['k'.repeat(1024), LONG],
    ['%E4%B8%AD'.repeat(341), 'ok'], // 1023 bytes of 中
    [`${'%E4%B8%AD'.repeat(341)}k`, LONG], // 1024 bytes
    ['dir/', 'ok'],
    ['a/b/c.txt', 'ok'],
    ['%E7%9B%AE%E5%BD%95%2F%E6%96%87%E4%BB%B6.txt', 'ok'],
    ['%5Cdir%5Cfile.txt', INVALID],
    ['%2Fx', INVALID],
    ['/x', INVALID],
    ['%FF%FE', INVALID],
    ['%C3%28', INVALID],
    ['?123.txt'.replace('?', '%3F'), 'ok'],
  ])('%s → %s', (key, expected) => {
    expect(check('PUT', `/example-bucket/${key}`)).toBe(expected);
  });
});

describe('names inside headers', () => {
  it('checks x-oss-copy-source', () => {
    expect(check('PUT', '/b-1/k', { 'x-oss-copy-source': '/src-bucket/a%2Fb.txt' })).toBe('ok');
    expect(check('PUT', '/b-1/k', { 'x-oss-copy-source': '/src-bucket/k?versionId=CAEQ' })).toBe('ok');
    expect(check('PUT', '/b-1/k', { 'x-oss-copy-source': '/Src/k' })).toBe(BUCKET);
    expect(check('PUT', '/b-1/k', { 'x-oss-copy-source': '/src-bucket/%5Ck' })).toBe(
      summary(400, 'InvalidObjectName.invalid'),
    );
    for (const bad of ['src-bucket/k', '/src-bucket', '/src-bucket/', '']) {
      expect(check('PUT', '/b-1/k', { 'x-oss-copy-source': bad })).toBe(
        summary(400, 'InvalidArgument.copySourceShape'),
      );
    }
  });

  it('checks x-oss-symlink-target', () => {
    expect(check('PUT', '/b-1/link?symlink', { 'x-oss-symlink-target': 'dir%2Ftarget.txt' })).toBe('ok');
    expect(check('PUT', '/b-1/link?symlink', { 'x-oss-symlink-target': '%2Ftarget' })).toBe(
      summary(400, 'InvalidObjectName.invalid'),
    );
    expect(check('PUT', '/b-1/link?symlink', { 'x-oss-symlink-target': 'k'.repeat(1024) })).toBe(
      summary(400, 'InvalidObjectName.tooLong'),
    );
  });
});

describe('LiveChannel names', () => {
  it.each([
    ['live-1', 'ok'],
    ['c'.repeat(64), 'ok'],
    ['c'.repeat(65), summary(400, 'InvalidChannelName.tooLong')],
    ['%FF%FE', summary(400, 'InvalidChannelName.notUtf8')],
    ['a%2Fb', summary(400, 'InvalidChannelName.slash')],
    ['a%5Cb', summary(400, 'InvalidChannelName.slash')],
    ['%E4%B8%AD%E6%96%87', 'ok'],
  ])('%s → %s', (channel, expected) => {
    expect(check('PUT', `/example-bucket/${channel}?live`)).toBe(expected);
  });
});
