import { createHash } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import express from 'express';
import request from 'supertest';
import { createRequestParser } from '../../src/core/request';
import { ossErrorHandler } from '../../src/express/error-handler';
import { preflight } from '../../src/express/preflight';
import { checkXmlBody } from '../../src/express/xml-body';
import { getBufferedBody } from '../../src/http/request-state';
import { createPreflight } from '../../src/preflight/create-preflight';
import { message, summary } from '../helpers/catalogue';

// Only this family (plus integrity, which verifies Content-MD5 of read bodies), so that other families' rules (framing, auth) do not answer first.
const core = createPreflight({ families: ['multipart', 'integrity'] });
const parse = createRequestParser();
const md5 = (text: string) => createHash('md5').update(text).digest('base64');

function describeError(error: ReturnType<typeof core.check>): string {
  if (!error) return 'ok';
  const details = error.details.map(([name, value]) => ` ${name}=${value}`).join('');
  return `${error.status} ${error.code}: ${error.message}${details}`;
}

const head = (url: string, headers: Record<string, string> = {}) =>
  describeError(core.check(parse({ method: 'POST', url, headers: { host: '127.0.0.1', ...headers } })));

/** The body phase with a correct Content-MD5 unless one is given. */
const body = (xml: string, headers: Record<string, string> = {}, url = '/example-bucket/?delete') => {
  const parsed = parse({
    method: 'POST',
    url,
    headers: { host: '127.0.0.1', 'content-md5': md5(xml), ...headers },
  });
  return describeError(core.check({ ...parsed, body: Buffer.from(xml) }, {}, 'body'));
};

const deleteXml = (keys: string[], quiet?: string) =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<Delete>${quiet === undefined ? '' : `<Quiet>${quiet}</Quiet>`}${keys
    .map((k) => `<Object><Key>${k}</Key></Object>`)
    .join('')}</Delete>`;
const keys = (n: number) => Array.from({ length: n }, (_, i) => `dir/object-${i}.txt`);

const MISSING = summary(400, 'MissingArgument.required');
const MALFORMED = summary(400, 'MalformedXML.notWellFormed');
const DIGEST = summary(400, 'InvalidDigest.contentMd5');
const USER_KEY = summary(400, 'UserKeyMustBeSpecified.required');

const tag = (xml: string, name: string) => new RegExp(`<${name}>([\\s\\S]*?)</${name}>`).exec(xml)?.[1];

describe('DeleteMultipleObjects headers', () => {
  it('requires Content-MD5', () => {
    expect(head('/example-bucket/?delete')).toBe(MISSING);
    expect(head('/example-bucket/?delete', { 'content-md5': ' ' })).toBe(MISSING);
    expect(head('/example-bucket/?delete', { 'content-md5': md5('x') })).toBe('ok');
  });

  it.each([
    ['encoding-type=url', 'ok'],
    ['encoding-type=URL', 'ok'],
    ['encoding-type=', 'ok'],
    [
      'encoding-type=base64',
      summary(400, 'InvalidArgument.encodingTypeInvalid', ' ArgumentName=encoding-type ArgumentValue=base64'),
    ],
  ])('%s → %s', (query, expected) => {
    expect(head(`/example-bucket/?delete&${query}`, { 'content-md5': md5('x') })).toBe(expected);
  });

  it('answers over HTTP', async () => {
    const app = express()
      .use(preflight())
      .use((_req, res) => {
        res.sendStatus(200);
      })
      .use(ossErrorHandler());
    const res = await request(app)
      .post('/example-bucket/?delete')
      .send(deleteXml(['a']));
    expect(res.status).toBe(400);
    expect(tag(res.text, 'Code')).toBe('MissingArgument');
    expect(tag(res.text, 'Message')).toBe(message('MissingArgument.required'));
    const encoding = await request(app)
      .post('/example-bucket/?delete&encoding-type=gzip')
      .set('Content-MD5', md5(deleteXml(['a'])))
      .send(deleteXml(['a']));
    expect(encoding.status).toBe(400);
    expect(tag(encoding.text, 'Message')).toBe(message('InvalidArgument.encodingTypeInvalid'));
    expect(tag(encoding.text, 'ArgumentName')).toBe('encoding-type');
  });
});

describe('DeleteMultipleObjects body', () => {
  it('verifies Content-MD5', () => {
    const xml = deleteXml(['a.txt']);
    expect(body(xml)).toBe('ok');
    expect(body(xml, { 'content-md5': md5(`${xml} `) })).toBe(DIGEST);
    expect(body(xml, { 'content-md5': 'not-base64-at-all' })).toBe(DIGEST);
    expect(
      body(xml, { 'content-md5': Buffer.from(createHash('md5').update(xml).digest()).toString('hex') }),
    ).toBe(DIGEST);
  });

  it('takes up to 1000 objects', () => {
    expect(body(deleteXml(keys(1000)))).toBe('ok');
    expect(body(deleteXml(keys(1001)))).toBe(MALFORMED);
  });

  it.each([
    ['true', 'ok'],
    ['false', 'ok'],
    ['True', 'ok'],
    ['', 'ok'],
    ['yes', MALFORMED],
    ['1', MALFORMED],
  ])('Quiet %s → %s', (quiet, expected) => {
    expect(body(deleteXml(['a.txt'], quiet))).toBe(expected);
  });

  it.each([
    ['not well-formed', '<Delete><Object><Key>a</Key></Object>'],
    ['an empty body', ''],
    ['another root', '<CompleteMultipartUpload/>'],
    ['no Object', '<Delete><Quiet>true</Quiet></Delete>'],
    ['an Object without Key', '<Delete><Object><VersionId>CAEQ</VersionId></Object></Delete>'],
    ['a DOCTYPE', '<!DOCTYPE Delete [<!ENTITY k "a">]><Delete><Object><Key>&k;</Key></Object></Delete>'],
  ])('%s → MalformedXML', (_name, xml) => {
    expect(body(xml)).toBe(MALFORMED);
  });

  it('needs a name in every Key', () => {
    expect(body(deleteXml(['a.txt', '']))).toBe(USER_KEY);
    expect(body('<Delete><Object><Key/></Object></Delete>')).toBe(USER_KEY);
    expect(body(deleteXml([' ']))).toBe('ok');
  });

  it('does not apply object-name rules to keys, encoded or not', () => {
    expect(body(deleteXml(['/leading-slash', 'k'.repeat(2000), '%E4%B8%AD']))).toBe('ok');
    expect(body(deleteXml(['%E4%B8%AD', 'a%2Fb']), {}, '/example-bucket/?delete&encoding-type=url')).toBe(
      'ok',
    );
  });

  it('keeps entity-escaped keys intact', () => {
    expect(body(deleteXml(['a&amp;b', '&lt;tag&gt;', '&#20013;']))).toBe('ok');
  });
});

describe('DeleteMultipleObjects through checkXmlBody()', () => {
  const app = () =>
    express()
      .use(preflight())
      .use(checkXmlBody())
      .use((req, res) => {
        res.json({ forwarded: getBufferedBody(req)?.toString('utf8') ?? null });
      })
      .use(ossErrorHandler());

  it('passes a valid request with its body kept for forwarding', async () => {
    const xml = deleteXml(keys(1000), 'true');
    const res = await request(app()).post('/example-bucket/?delete').set('Content-MD5', md5(xml)).send(xml);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ forwarded: xml });
  });

  it.each([
    ['1001 objects', deleteXml(keys(1001)), 'MalformedXML'],
    ['an empty key', deleteXml(['a', '']), 'UserKeyMustBeSpecified'],
    ['a bad Quiet', deleteXml(['a'], 'maybe'), 'MalformedXML'],
  ])('refuses %s', async (_name, xml, code) => {
    const res = await request(app()).post('/example-bucket/?delete').set('Content-MD5', md5(xml)).send(xml);
    expect(res.status).toBe(400);
    expect(tag(res.text, 'Code')).toBe(code);
  });

  it('refuses a body that does not match its Content-MD5', async () => {
    const xml = deleteXml(['a']);
    const res = await request(app())
      .post('/example-bucket/?delete')
      .set('Content-MD5', md5('other'))
      .send(xml);
    expect(res.status).toBe(400);
    expect(tag(res.text, 'Code')).toBe('InvalidDigest');
    expect(tag(res.text, 'Message')).toBe(message('InvalidDigest.contentMd5'));
  });
});

describe('Content-MD5 of a body with a Content-Encoding', () => {
  it('is not judged, since a body parser may have decoded the bytes the digest covers', () => {
    const xml = '<Delete><Object><Key>a</Key></Object></Delete>';
    const request = core.parse({
      method: 'POST',
      url: '/example-bucket?delete',
      headers: {
        host: 'h',
        'content-md5': '1B2M2Y8AsgTpgAmY7PhCfg==',
        'content-encoding': 'gzip',
        'content-length': String(xml.length),
      },
    });
    expect(core.check({ ...request, body: Buffer.from(xml) }, {}, 'body')).toBeUndefined();
    const plain = core.parse({
      method: 'POST',
      url: '/example-bucket?delete',
      headers: { host: 'h', 'content-md5': '1B2M2Y8AsgTpgAmY7PhCfg==', 'content-length': String(xml.length) },
    });
    expect(core.check({ ...plain, body: Buffer.from(xml) }, {}, 'body')?.code).toBe('InvalidDigest');
  });
});
