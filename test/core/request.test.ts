import { describe, expect, it } from '@jest/globals';
import { createRequestParser, parseQuery, percentDecodeBytes } from '../../src/core/request';

const parse = createRequestParser({
  virtualHostSuffixes: ['gateway.test', 'localhost:8080'],
  customDomains: { 'cdn.example.com': 'media' },
});
const req = (method: string, url: string, host = '127.0.0.1:8080', headers: Record<string, string> = {}) =>
  parse({ method, url, headers: { host, ...headers } });

describe('request parser', () => {
  it('reads path-style bucket and key', () => {
    const r = req('PUT', '/example-bucket/dir/a%20b+c.txt?acl');
    expect(r).toMatchObject({
      addressing: 'path',
      bucket: 'example-bucket',
      key: 'dir/a b+c.txt',
      target: 'object',
    });
    expect(r.rawKeyPath).toBe('dir/a%20b+c.txt');
    expect(r.operation).toBe('PutObjectAcl');
  });

  it('reads virtual-hosted buckets from OSS endpoints, configured suffixes and custom domains', () => {
    expect(req('GET', '/k', 'bkt.oss-cn-hangzhou.aliyuncs.com')).toMatchObject({
      bucket: 'bkt',
      key: 'k',
      addressing: 'virtual-hosted',
    });
    expect(req('GET', '/k', 'bkt.oss-cn-hangzhou-internal.aliyuncs.com:443')).toMatchObject({
      bucket: 'bkt',
    });
    expect(req('GET', '/k', 'bkt.gateway.test:9000')).toMatchObject({ bucket: 'bkt' });
    expect(req('GET', '/k', 'bkt.localhost:8080')).toMatchObject({ bucket: 'bkt' });
    expect(req('GET', '/k', 'bkt.localhost:9999')).toMatchObject({ addressing: 'path', bucket: 'k' });
    expect(req('GET', '/k', 'cdn.example.com')).toMatchObject({ bucket: 'media', key: 'k' });
    // The bucket label keeps its case so an upper-case bucket still fails its rule.
    expect(req('PUT', '/k', 'ABC.oss-cn-hangzhou.aliyuncs.com').bucket).toBe('ABC');
  });

  it('tells service, bucket and object targets apart', () => {
    expect(req('GET', '/').target).toBe('service');
    expect(req('GET', '/b-1').target).toBe('bucket');
    expect(req('GET', '/b-1/').target).toBe('bucket');
    expect(req('GET', '/b-1/k').target).toBe('object');
    expect(req('PUT', '/b-1//lead').key).toBe('/lead');
  });

  it('keeps the key bytes, including invalid UTF-8', () => {
    const r = req('PUT', '/b-1/%FF%FE');
    expect([...r.keyBytes!]).toEqual([0xff, 0xfe]);
    expect(percentDecodeBytes('a%zz%4').toString()).toBe('a%zz%4');
  });

  it('parses queries with value-less sub-resources and + as space', () => {
    expect(parseQuery('acl&x=1+2&x=3&e=')).toEqual([
      ['acl', ''],
      ['x', '1 2'],
      ['x', '3'],
      ['e', ''],
    ]);
    expect(req('GET', '/b-1/k?x=1&x=2').query.get('x')).toBe('1');
  });

  it('joins repeated headers and lower-cases names', () => {
    const r = parse({ method: 'GET', url: '/b-1/k', headers: { Host: 'h', 'X-Oss-Meta-A': ['1', '2'] } });
    expect(r.headers['x-oss-meta-a']).toBe('1,2');
  });

  it.each([
    ['PUT', '/b-1/k', {}, 'PutObject'],
    ['PUT', '/b-1/k', { 'x-oss-copy-source': '/b/k' }, 'CopyObject'],
    ['PUT', '/b-1/k?partNumber=1&uploadId=u', {}, 'UploadPart'],
    ['PUT', '/b-1/k?partNumber=1&uploadId=u', { 'x-oss-copy-source': '/b/k' }, 'UploadPartCopy'],
    ['POST', '/b-1/k?uploads', {}, 'InitiateMultipartUpload'],
    ['POST', '/b-1/k?uploadId=u', {}, 'CompleteMultipartUpload'],
    ['POST', '/b-1/k?append&position=0', {}, 'AppendObject'],
    ['DELETE', '/b-1/k?uploadId=u', {}, 'AbortMultipartUpload'],
    ['GET', '/b-1/k?tagging', {}, 'GetObjectTagging'],
    ['PUT', '/b-1/k?tagging', {}, 'PutObjectTagging'],
    ['DELETE', '/b-1/k?tagging', {}, 'DeleteObjectTagging'],
    ['PUT', '/b-1/k?symlink', {}, 'PutSymlink'],
    ['HEAD', '/b-1/k', {}, 'HeadObject'],
    ['OPTIONS', '/b-1/k', {}, 'OptionObject'],
    ['POST', '/b-1', {}, 'PostObject'],
    ['POST', '/b-1?delete', {}, 'DeleteMultipleObjects'],
    ['PUT', '/b-1', {}, 'PutBucket'],
    ['PUT', '/b-1?tagging', {}, 'PutBucketTags'],
    ['PUT', '/b-1?cors', {}, 'PutBucketCors'],
    ['DELETE', '/b-1?cors', {}, 'DeleteBucketCors'],
    ['PUT', '/b-1?versioning', {}, 'PutBucketVersioning'],
    ['POST', '/b-1?replication&comp=add', {}, 'PutBucketReplication'],
    ['POST', '/b-1?worm', {}, 'InitiateBucketWorm'],
    ['GET', '/b-1', {}, 'ListObjects'],
    ['GET', '/', {}, 'ListBuckets'],
    ['PATCH', '/b-1/k', {}, 'Unknown'],
  ])('%s %s → %s', (method, url, headers, operation) => {
    expect(req(method, url, '127.0.0.1', headers as Record<string, string>).operation).toBe(operation);
  });
});
