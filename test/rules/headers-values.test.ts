import { describe, expect, it } from '@jest/globals';
import { createPreflight } from '../../src/preflight/create-preflight';
import {
  clientEncryptionMetaError,
  forbidOverwriteError,
  objectAclError,
  parseHttpDate,
  serverSideEncryptionError,
  storageClassError,
  userLastModifiedError,
} from '../../src/rules/headers';
import { message, summary } from '../helpers/catalogue';

const NOW = Date.UTC(2024, 2, 20, 10, 30, 0);
const core = createPreflight({ families: ['headers'], now: () => NOW });
const run = (method: string, url: string, headers: Record<string, string> = {}) =>
  core.check(core.parse({ method, url, headers: { host: '127.0.0.1', 'content-length': '5', ...headers } }));
const check = (method: string, url: string, headers: Record<string, string> = {}) => {
  const error = run(method, url, headers);
  return error ? `${error.status} ${error.code}: ${error.message}` : 'ok';
};
const put = (headers: Record<string, string>) => check('PUT', '/example-bucket/a.txt', headers);

const INVALID = summary(400, 'InvalidArgument.parameterInvalidDotted');
const COPY = { 'x-oss-copy-source': '/example-bucket/src.txt' };
const UPLOAD_PART = '/example-bucket/a.txt?partNumber=1&uploadId=0004B9894A22E5B1888A1E29F823';

describe('put-conditional-headers', () => {
  const NOT_IMPLEMENTED = summary(400, 'NotImplemented.headerFunctionality');
  it.each([
    ['if-modified-since', 'Thu, 11 Aug 2016 01:43:51 GMT', 'If-Modified-Since'],
    ['if-unmodified-since', 'Thu, 11 Aug 2016 01:43:51 GMT', 'If-Unmodified-Since'],
    ['if-match', '"5B3C1A2E053D763E1B002CC607C5A0FE"', 'If-Match'],
    ['if-none-match', '*', 'If-None-Match'],
  ])('PutObject with %s → NotImplemented naming %s', (name, value, spelled) => {
    expect(put({ [name]: value })).toBe(NOT_IMPLEMENTED);
    const error = run('PUT', '/example-bucket/a.txt', { [name]: value });
    expect(error?.details).toEqual([['Header', spelled]]);
    expect(error?.ec).toBe('0017-00000245');
  });

  it('names the first of several in a fixed order', () => {
    const error = run('PUT', '/example-bucket/a.txt', { 'if-none-match': '*', 'if-modified-since': 'x' });
    expect(error?.detail('Header')).toBe('If-Modified-Since');
  });

  it('leaves the operations that support conditions (or do not document them) alone', () => {
    expect(
      check('GET', '/example-bucket/a.txt', { 'if-modified-since': 'Thu, 11 Aug 2016 01:43:51 GMT' }),
    ).toBe('ok');
    expect(check('POST', '/example-bucket/a.txt?append&position=0', { 'if-match': '"x"' })).toBe('ok');
    expect(put({ ...COPY, 'if-match': '"x"' })).toBe('ok');
    expect(put({})).toBe('ok');
  });
});

describe('server-side-encryption', () => {
  const ALGORITHM = summary(400, 'InvalidEncryptionAlgorithmError.algorithm');
  const DATA = summary(400, 'InvalidDataEncryptionAlgorithmError.notSm4');
  const sse = (value: string, extra: Record<string, string> = {}) =>
    put({ 'x-oss-server-side-encryption': value, ...extra });

  it.each(['AES256', 'KMS', 'SM4', 'aes256', 'kms'])('%s is an algorithm', (value) => {
    expect(sse(value)).toBe('ok');
  });

  it.each(['AES128', 'aws:kms', '', 'AES256,KMS'])('%p is not', (value) => {
    expect(sse(value)).toBe(ALGORITHM);
  });

  it('checks the data algorithm only with KMS, where SM4 is the only value', () => {
    expect(sse('KMS', { 'x-oss-server-side-data-encryption': 'SM4' })).toBe('ok');
    expect(sse('KMS', { 'x-oss-server-side-data-encryption': 'AES256' })).toBe(DATA);
    expect(sse('KMS', { 'x-oss-server-side-data-encryption': '' })).toBe(DATA);
    // Live: OSS drops the data algorithm when the algorithm is not KMS.
    expect(sse('AES256', { 'x-oss-server-side-data-encryption': 'SM4' })).toBe('ok');
    expect(sse('SM4', { 'x-oss-server-side-data-encryption': 'whatever' })).toBe('ok');
    expect(put({ 'x-oss-server-side-data-encryption': 'SM4' })).toBe('ok');
  });

  it('never rejects a key id', () => {
    expect(
      sse('KMS', { 'x-oss-server-side-encryption-key-id': '9468da86-3509-4f8d-a61e-6eab1eac****' }),
    ).toBe('ok');
    expect(sse('AES256', { 'x-oss-server-side-encryption-key-id': 'k' })).toBe('ok');
  });

  it('checks every operation that takes the header', () => {
    const bad = { 'x-oss-server-side-encryption': 'AES128' };
    expect(put({ ...COPY, ...bad })).toBe(ALGORITHM);
    expect(check('POST', '/example-bucket/a.txt?append&position=0', bad)).toBe(ALGORITHM);
    expect(check('POST', '/example-bucket/a.txt?uploads', bad)).toBe(ALGORITHM);
    expect(check('GET', '/example-bucket/a.txt', bad)).toBe('ok');
  });

  it('is exported for PostObject form fields', () => {
    expect(serverSideEncryptionError(undefined)).toBeUndefined();
    expect(serverSideEncryptionError('AES256')).toBeUndefined();
    expect(serverSideEncryptionError('KMS', 'SM4', 'key')).toBeUndefined();
    expect(serverSideEncryptionError('DES')?.code).toBe('InvalidEncryptionAlgorithmError');
    expect(serverSideEncryptionError('KMS', 'SM3')?.code).toBe('InvalidDataEncryptionAlgorithmError');
  });
});

describe('sse-unsupported-operation', () => {
  const NOT_SUPPORTED = summary(400, 'InvalidArgument.sseNotSupported');
  it('refuses the header on UploadPart and CompleteMultipartUpload, whatever its value', () => {
    for (const value of ['KMS', 'AES256', 'bogus']) {
      expect(check('PUT', UPLOAD_PART, { 'x-oss-server-side-encryption': value })).toBe(NOT_SUPPORTED);
    }
    const error = run('POST', '/example-bucket/a.txt?uploadId=0004B9894A22E5B1888A1E29F823', {
      'x-oss-server-side-encryption': 'KMS',
    });
    expect(error?.message).toBe(message('InvalidArgument.sseNotSupported'));
    expect(error?.details).toEqual([
      ['ArgumentName', 'x-oss-server-side-encryption'],
      ['ArgumentValue', 'KMS'],
    ]);
  });

  it('accepts a part without it, and the operations nobody saw refuse it', () => {
    expect(check('PUT', UPLOAD_PART)).toBe('ok');
    expect(check('PUT', UPLOAD_PART, { 'x-oss-server-side-data-encryption': 'SM4' })).toBe('ok');
    expect(check('DELETE', '/example-bucket/a.txt', { 'x-oss-server-side-encryption': 'KMS' })).toBe('ok');
  });
});

describe('object-acl-header', () => {
  it.each(['default', 'private', 'public-read', 'public-read-write', 'Private'])(
    '%s is an object ACL',
    (value) => {
      expect(put({ 'x-oss-object-acl': value })).toBe('ok');
      expect(check('PUT', '/example-bucket/a.txt?acl', { 'x-oss-object-acl': value })).toBe('ok');
    },
  );

  it('refuses other values, with the EC of each documented case', () => {
    const bad = run('PUT', '/example-bucket/a.txt', { 'x-oss-object-acl': 'public' });
    expect(bad?.message).toBe(message('InvalidArgument.parameterInvalidDotted'));
    expect(bad?.details).toEqual([
      ['ArgumentName', 'x-oss-object-acl'],
      ['ArgumentValue', 'public'],
    ]);
    expect(bad?.ec).toBe('0017-00000104');
    expect(run('PUT', '/example-bucket/a.txt?acl', { 'x-oss-object-acl': '' })?.ec).toBe('0017-00000105');
  });

  it('requires the header on PutObjectAcl only', () => {
    const missing = run('PUT', '/example-bucket/a.txt?acl');
    expect(missing ? `${missing.status} ${missing.code}: ${missing.message}` : 'ok').toBe(INVALID);
    expect(missing?.ec).toBe('0017-00000105');
    expect(put({})).toBe('ok');
  });

  it('checks each operation that takes the header', () => {
    const bad = { 'x-oss-object-acl': 'public' };
    expect(put({ ...COPY, ...bad })).toBe(INVALID);
    expect(check('POST', '/example-bucket/a.txt?append&position=0', bad)).toBe(INVALID);
    expect(check('POST', '/example-bucket/a.txt?uploads', bad)).toBe(INVALID);
    expect(check('PUT', '/example-bucket/a.txt?symlink', { ...bad, 'x-oss-symlink-target': 't' })).toBe(
      INVALID,
    );
    expect(check('GET', '/example-bucket/a.txt', bad)).toBe('ok');
    expect(objectAclError(undefined)).toBeUndefined();
    expect(objectAclError('default')).toBeUndefined();
    expect(objectAclError('x')?.code).toBe('InvalidArgument');
  });
});

describe('bucket-acl-header', () => {
  it('takes private, public-read and public-read-write, but no default', () => {
    for (const value of ['private', 'public-read', 'public-read-write']) {
      expect(check('PUT', '/example-bucket', { 'x-oss-acl': value })).toBe('ok');
      expect(check('PUT', '/example-bucket?acl', { 'x-oss-acl': value })).toBe('ok');
    }
    const error = run('PUT', '/example-bucket?acl', { 'x-oss-acl': 'not-support-acl' });
    expect(error ? `${error.status} ${error.code}: ${error.message}` : 'ok').toBe(INVALID);
    expect(error?.details).toEqual([
      ['ArgumentName', 'x-oss-acl'],
      ['ArgumentValue', 'not-support-acl'],
    ]);
    expect(error?.ec).toBe('0015-00000204');
    expect(check('PUT', '/example-bucket', { 'x-oss-acl': 'default' })).toBe(INVALID);
  });

  it('leaves a missing header, and other operations, to OSS', () => {
    expect(check('PUT', '/example-bucket?acl')).toBe('ok');
    expect(check('GET', '/example-bucket', { 'x-oss-acl': 'bogus' })).toBe('ok');
  });
});

describe('storage-class-header', () => {
  it.each(['Standard', 'IA', 'Archive', 'ColdArchive', 'DeepColdArchive', 'standard', 'COLDARCHIVE'])(
    '%s is a storage class',
    (value) => {
      expect(put({ 'x-oss-storage-class': value })).toBe('ok');
    },
  );

  it('refuses other values with ArgumentName/ArgumentValue and the documented ECs', () => {
    const bad = run('PUT', '/example-bucket/a.txt', { 'x-oss-storage-class': 'abc' });
    expect(bad ? `${bad.status} ${bad.code}: ${bad.message}` : 'ok').toBe(INVALID);
    expect(bad?.details).toEqual([
      ['ArgumentName', 'x-oss-storage-class'],
      ['ArgumentValue', 'abc'],
    ]);
    expect(bad?.ec).toBeUndefined();
    expect(run('PUT', '/example-bucket/a.txt', { 'x-oss-storage-class': '' })?.ec).toBe('0017-00000131');
    expect(run('PUT', '/example-bucket/a.txt', { ...COPY, 'x-oss-storage-class': 'test' })?.ec).toBe(
      '0013-00000101',
    );
    expect(run('PUT', '/example-bucket', { 'x-oss-storage-class': 'test' })?.ec).toBe('0013-00000101');
  });

  it('checks the operations that document it only', () => {
    const bad = { 'x-oss-storage-class': 'Cold' };
    expect(check('POST', '/example-bucket/a.txt?append&position=0', bad)).toBe(INVALID);
    expect(check('POST', '/example-bucket/a.txt?uploads', bad)).toBe(INVALID);
    expect(check('PUT', '/example-bucket/a.txt?symlink', { ...bad, 'x-oss-symlink-target': 't' })).toBe(
      INVALID,
    );
    expect(check('PUT', UPLOAD_PART, bad)).toBe('ok');
    expect(storageClassError(undefined)).toBeUndefined();
    expect(storageClassError('IA')).toBeUndefined();
    expect(storageClassError('Glacier')?.code).toBe('InvalidArgument');
  });
});

describe('forbid-overwrite', () => {
  it.each(['true', 'false', 'TRUE', 'False'])('%s is a boolean', (value) => {
    expect(put({ 'x-oss-forbid-overwrite': value })).toBe('ok');
  });

  it.each(['abc', '', '1', 'yes'])('%p is not', (value) => {
    expect(put({ 'x-oss-forbid-overwrite': value })).toBe(INVALID);
    expect(run('PUT', '/example-bucket/a.txt', { 'x-oss-forbid-overwrite': value })?.details).toEqual([
      ['ArgumentName', 'x-oss-forbid-overwrite'],
      ['ArgumentValue', value],
    ]);
  });

  it('checks the operations that document it only', () => {
    const bad = { 'x-oss-forbid-overwrite': 'abc' };
    expect(put({ ...COPY, ...bad })).toBe(INVALID);
    expect(check('POST', '/example-bucket/a.txt?uploads', bad)).toBe(INVALID);
    expect(check('POST', '/example-bucket/a.txt?uploadId=0004B9894A22E5B1888A1E29F823', bad)).toBe(INVALID);
    expect(check('GET', '/example-bucket/a.txt', bad)).toBe('ok');
    expect(forbidOverwriteError(undefined)).toBeUndefined();
    expect(forbidOverwriteError('true')).toBeUndefined();
    expect(forbidOverwriteError('no')?.code).toBe('InvalidArgument');
  });
});

describe('user-last-modified', () => {
  const BAD_FORMAT = summary(400, 'InvalidArgument.dateFormat');
  const BEFORE_EPOCH = summary(400, 'InvalidArgument.dateBefore1970');
  const IN_FUTURE = summary(400, 'InvalidArgument.dateInFuture');
  const ulm = (value: string) => put({ 'x-oss-user-last-modified': value });

  it('accepts the HTTP date forms', () => {
    expect(ulm('Wed, 15 Mar 2024 08:20:30 GMT')).toBe('ok');
    expect(ulm('Wednesday, 15-Mar-24 08:20:30 GMT')).toBe('ok');
    expect(ulm('Wed Mar 15 08:20:30 2024')).toBe('ok');
    expect(ulm('Wed, 15 Mar 2024 16:20:30 +0800')).toBe('ok');
  });

  it('must be later than the epoch (documented sample)', () => {
    const error = run('PUT', '/example-bucket/a.txt', {
      'x-oss-user-last-modified': 'Thu, 01 Jan 1970 00:00:00 GMT',
    });
    expect(error ? `${error.status} ${error.code}: ${error.message}` : 'ok').toBe(BEFORE_EPOCH);
    expect(error?.details).toEqual([
      ['ArgumentName', 'x-oss-user-last-modified'],
      ['ArgumentValue', 'Thu, 01 Jan 1970 00:00:00 GMT'],
    ]);
    expect(error?.ec).toBe('0017-00000134');
    expect(ulm('Thu, 01 Jan 1970 00:00:01 GMT')).toBe('ok');
    expect(ulm('Wed, 31 Dec 1969 23:59:59 GMT')).toBe(BEFORE_EPOCH);
  });

  it('cannot be later than now, beyond a 15-minute clock tolerance', () => {
    expect(ulm(new Date(NOW + 15 * 60_000).toUTCString())).toBe('ok');
    expect(ulm(new Date(NOW + 15 * 60_000 + 1000).toUTCString())).toBe(IN_FUTURE);
  });

  it.each(['2024-03-15T08:20:30Z', '1710490830', 'yesterday', '', 'Wed, 15 Foo 2024 08:20:30 GMT'])(
    '%p is a bad date format',
    (value) => {
      expect(ulm(value)).toBe(BAD_FORMAT);
    },
  );

  it('is checked on PutObject only, the documented operation', () => {
    expect(put({ ...COPY, 'x-oss-user-last-modified': 'bad' })).toBe('ok');
    expect(userLastModifiedError(undefined, NOW)).toBeUndefined();
    expect(parseHttpDate('Sun, 06 Nov 1994 08:49:37 GMT')).toBe(Date.UTC(1994, 10, 6, 8, 49, 37));
    expect(parseHttpDate('Sunday, 06-Nov-94 08:49:37 GMT')).toBe(Date.UTC(1994, 10, 6, 8, 49, 37));
    expect(parseHttpDate('Sun Nov  6 08:49:37 1994')).toBe(Date.UTC(1994, 10, 6, 8, 49, 37));
    expect(parseHttpDate('Sun, 06 Nov 1994 09:49:37 +0100')).toBe(Date.UTC(1994, 10, 6, 8, 49, 37));
  });
});

describe('client-encryption-meta', () => {
  const MISSING = summary(400, 'InvalidEncryptionRequest.missSomeNecessaryClientEncryption');
  const ALL: Record<string, string> = {
    'x-oss-meta-client-side-encryption-key': 'a2V5',
    'x-oss-meta-client-side-encryption-start': 'c3RhcnQ=',
    'x-oss-meta-client-side-encryption-cek-alg': 'AES/CTR/NoPadding',
    'x-oss-meta-client-side-encryption-wrap-alg': 'RSA/NONE/PKCS1Padding',
  };

  it('takes all four or none', () => {
    expect(put(ALL)).toBe('ok');
    expect(put({ 'x-oss-meta-client-side-encryption-matdesc': '{}' })).toBe('ok');
    for (const name of Object.keys(ALL)) {
      const three = { ...ALL };
      delete three[name];
      expect(put(three)).toBe(MISSING);
      expect(put({ [name]: 'x' })).toBe(MISSING);
    }
    expect(
      check('POST', '/example-bucket/a.txt?uploads', { 'x-oss-meta-client-side-encryption-key': 'k' }),
    ).toBe(MISSING);
  });

  it('leaves parts, whose checks need the upload state, to OSS', () => {
    expect(check('PUT', UPLOAD_PART, { 'x-oss-meta-client-side-encryption-key': 'k' })).toBe('ok');
    expect(clientEncryptionMetaError(() => undefined)).toBeUndefined();
  });
});

describe('version-id', () => {
  const EMPTY = summary(400, 'InvalidArgument.versionIdEmpty');
  it('refuses an empty versionId', () => {
    const error = run('GET', '/example-bucket/a.txt?versionId=');
    expect(error ? `${error.status} ${error.code}: ${error.message}` : 'ok').toBe(EMPTY);
    expect(error?.details).toEqual([
      ['ArgumentName', 'versionId'],
      ['ArgumentValue', ''],
    ]);
    expect(check('GET', '/example-bucket/a.txt?versionId')).toBe(EMPTY);
    expect(check('DELETE', '/example-bucket/a.txt?versionId=')).toBe(EMPTY);
    expect(check('HEAD', '/example-bucket/a.txt?versionId=')).toBe(EMPTY);
    expect(check('PUT', '/example-bucket/a.txt?tagging&versionId=')).toBe(EMPTY);
  });

  it('accepts any non-empty id: the format is not published', () => {
    expect(check('GET', '/example-bucket/a.txt?versionId=null')).toBe('ok');
    expect(
      check(
        'GET',
        '/example-bucket/a.txt?versionId=CAEQNhiBgMDJgZCA0BYiIDc4MGZjZGI2OTBjOTRmNTE5NmU5NmFhZjhjYmY0',
      ),
    ).toBe('ok');
    expect(check('GET', '/example-bucket/a.txt?versionId=%21')).toBe('ok');
    expect(check('GET', '/example-bucket/a.txt')).toBe('ok');
    expect(check('PUT', '/example-bucket/a.txt?versionId=')).toBe('ok');
  });
});
