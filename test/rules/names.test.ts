import { describe, expect, it } from '@jest/globals';
import { createPreflight } from '../../src/preflight/create-preflight';

const core = createPreflight({ families: ['names'] });
const check = (method: string, url: string, headers: Record<string, string> = {}) => {
  const error = core.check(core.parse({ method, url, headers: { host: '127.0.0.1', ...headers } }));
  return error ? `${error.status} ${error.code}: ${error.message}` : 'ok';
};
const BUCKET = '400 InvalidBucketName: The specified bucket is not valid.';

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
  const LONG = '400 InvalidObjectName: The Length of Object name must be less than 1024.';
  const INVALID = '400 InvalidObjectName: The specified object is not valid.';
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
      '400 InvalidObjectName: The specified object is not valid.',
    );
    for (const bad of ['src-bucket/k', '/src-bucket', '/src-bucket/', '']) {
      expect(check('PUT', '/b-1/k', { 'x-oss-copy-source': bad })).toBe(
        '400 InvalidArgument: Copy Source must mention the source bucket and key: /sourcebucket/sourcekey.',
      );
    }
  });

  it('checks x-oss-symlink-target', () => {
    expect(check('PUT', '/b-1/link?symlink', { 'x-oss-symlink-target': 'dir%2Ftarget.txt' })).toBe('ok');
    expect(check('PUT', '/b-1/link?symlink', { 'x-oss-symlink-target': '%2Ftarget' })).toBe(
      '400 InvalidObjectName: The specified object is not valid.',
    );
    expect(check('PUT', '/b-1/link?symlink', { 'x-oss-symlink-target': 'k'.repeat(1024) })).toBe(
      '400 InvalidObjectName: The Length of Object name must be less than 1024.',
    );
  });
});

describe('LiveChannel names', () => {
  const C = '400 InvalidChannelName: ';
  it.each([
    ['live-1', 'ok'],
    ['c'.repeat(64), 'ok'],
    ['c'.repeat(65), `${C}The Length of channel name must be less than 64.`],
    ['%FF%FE', `${C}The characters encoding must be utf-8.`],
    ['a%2Fb', `${C}ChannelName must not contain a slash.`],
    ['a%5Cb', `${C}ChannelName must not contain a slash.`],
    ['%E4%B8%AD%E6%96%87', 'ok'],
  ])('%s → %s', (channel, expected) => {
    expect(check('PUT', `/example-bucket/${channel}?live`)).toBe(expected);
  });
});
