import { describe, expect, it } from '@jest/globals';
import { isUnknownKey, securityTokenOf } from '../../src/core/credential';
import { createRequestParser } from '../../src/core/request';
import { resolveCredential } from '../../src/preflight/credentials';
import type { Credentials } from '../../src/signing/types';

const parse = createRequestParser();
const KEY: Credentials = { accessKeyId: 'LTAI5tKey', accessKeySecret: 's', securityToken: 'tok' };
const V4 = `OSS4-HMAC-SHA256 Credential=LTAI5tKey/20231216/cn-hangzhou/oss/aliyun_v4_request,Signature=${'0'.repeat(64)}`;

const req = (url: string, headers: Record<string, string> = {}) =>
  parse({ method: 'GET', url, headers: { host: 'h', ...headers } });

describe('resolveCredential()', () => {
  it.each([
    ['V1 header', req('/b/k', { authorization: 'OSS LTAI5tKey:c2ln' })],
    ['V4 header', req('/b/k', { authorization: V4 })],
    ['V1 URL', req('/b/k?OSSAccessKeyId=LTAI5tKey&Expires=1&Signature=x')],
    [
      'V4 URL',
      req(
        `/b/k?x-oss-signature-version=OSS4-HMAC-SHA256&x-oss-credential=${encodeURIComponent('LTAI5tKey/20231216/cn-hangzhou/oss/aliyun_v4_request')}&x-oss-date=20231216T000000Z&x-oss-expires=60&x-oss-signature=x`,
      ),
    ],
  ])('finds the key a %s names', async (_name, request) => {
    expect(await resolveCredential(request, [KEY])).toBe(KEY);
  });

  it('is undefined for unsigned and malformed requests, without asking the provider', async () => {
    let asked = 0;
    const provider = () => {
      asked++;
      return KEY;
    };
    expect(await resolveCredential(req('/b/k'), provider)).toBeUndefined();
    expect(await resolveCredential(req('/b/k', { authorization: 'OSS' }), provider)).toBeUndefined();
    expect(asked).toBe(0);
  });

  it('marks an unknown key only when asked to reject unknown keys', async () => {
    const request = req('/b/k', { authorization: 'OSS LTAI5tNobody:c2ln' });
    expect(await resolveCredential(request, KEY)).toBeUndefined();
    const marker = await resolveCredential(request, KEY, { unknownKeys: 'reject' });
    expect(marker?.accessKeyId).toBe('LTAI5tNobody');
    expect(isUnknownKey(marker)).toBe(true);
    expect(isUnknownKey(KEY)).toBe(false);
  });

  it('ignores a provider answer for another key', async () => {
    const request = req('/b/k', { authorization: 'OSS LTAI5tNobody:c2ln' });
    expect(await resolveCredential(request, () => KEY)).toBeUndefined();
  });

  it('exposes the STS token of a provider entry', () => {
    expect(securityTokenOf(KEY)).toBe('tok');
    expect(securityTokenOf({ accessKeyId: 'a', accessKeySecret: 'b' })).toBeUndefined();
    expect(securityTokenOf(undefined)).toBeUndefined();
  });
});

describe('resolveCredential() for PostObject forms', () => {
  const form = (fields: Record<string, string>) => ({ ...req('/b'), method: 'POST', form: fields });

  it('finds the key a parsed form names (V1 and V4), but never marks it unknown', async () => {
    expect(
      await resolveCredential(form({ OSSAccessKeyId: 'LTAI5tKey', policy: 'p', Signature: 's' }), [KEY]),
    ).toBe(KEY);
    const v4 = {
      'x-oss-signature-version': 'OSS4-HMAC-SHA256',
      'x-oss-credential': 'LTAI5tKey/20231216/cn-hangzhou/oss/aliyun_v4_request',
      policy: 'p',
      'x-oss-signature': 's',
    };
    expect(await resolveCredential(form(v4), [KEY])).toBe(KEY);
    const unknown = form({ OSSAccessKeyId: 'LTAI5tNobody', policy: 'p', Signature: 's' });
    expect(await resolveCredential(unknown, [KEY], { unknownKeys: 'reject' })).toBeUndefined();
  });
});
