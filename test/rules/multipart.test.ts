import { createHash } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import express from 'express';
import request from 'supertest';
import { createRequestParser } from '../../src/core/request';
import { ossErrorHandler } from '../../src/express/error-handler';
import { preflight } from '../../src/express/preflight';
import { checkXmlBody } from '../../src/express/xml-body';
import { createPreflight } from '../../src/preflight/create-preflight';
import { message, summary } from '../helpers/catalogue';

// Only this family (plus integrity, which verifies Content-MD5 of read bodies), so that other families' rules (framing, auth) do not answer first.
const core = createPreflight({ families: ['multipart', 'integrity'] });
const parse = createRequestParser();

function describeError(error: ReturnType<typeof core.check>): string {
  if (!error) return 'ok';
  const details = error.details.map(([name, value]) => ` ${name}=${value}`).join('');
  return `${error.status} ${error.code}: ${error.message}${details}`;
}

const head = (method: string, url: string, headers: Record<string, string> = {}) =>
  describeError(core.check(parse({ method, url, headers: { host: '127.0.0.1', ...headers } })));

const body = (method: string, url: string, xml: string, headers: Record<string, string> = {}) => {
  const parsed = parse({ method, url, headers: { host: '127.0.0.1', ...headers } });
  return describeError(core.check({ ...parsed, body: Buffer.from(xml) }, {}, 'body'));
};

const UPLOAD = '/example-bucket/big.bin?uploadId=0004B9895DBBB6EC98E36';
const RANGE = message('InvalidArgument.partNumberRange');
const MALFORMED = summary(400, 'MalformedXML.notWellFormed');
const NOT_ASCENDING = summary(400, 'InvalidPartOrder.notAscending');
const PART_RANGE = `400 InvalidPartOrder: ${RANGE}`;
const MISSING = summary(400, 'MissingArgument.required');

const tag = (xml: string, name: string) => new RegExp(`<${name}>([\\s\\S]*?)</${name}>`).exec(xml)?.[1];

function headApp() {
  return express()
    .use(preflight())
    .use((_req, res) => {
      res.sendStatus(200);
    })
    .use(ossErrorHandler());
}

function bodyApp() {
  return express()
    .use(preflight())
    .use(checkXmlBody())
    .use((_req, res) => {
      res.sendStatus(200);
    })
    .use(ossErrorHandler());
}

const parts = (...numbers: Array<number | string>) =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<CompleteMultipartUpload>${numbers
    .map((n) => `<Part><PartNumber>${n}</PartNumber><ETag>"3858F62230AC3C915F300C664312C11F"</ETag></Part>`)
    .join('')}</CompleteMultipartUpload>`;

describe('UploadPart / UploadPartCopy partNumber', () => {
  it.each([
    ['1', 'ok'],
    ['10000', 'ok'],
    ['5000', 'ok'],
    ['0001', 'ok'],
    ['+7', 'ok'],
    ['0', `400 InvalidArgument: ${RANGE} ArgumentName=PartNumber ArgumentValue=0`],
    ['10001', `400 InvalidArgument: ${RANGE} ArgumentName=PartNumber ArgumentValue=10001`],
    ['STR', `400 InvalidArgument: ${RANGE} ArgumentName=PartNumber ArgumentValue=STR`],
    ['-1', `400 InvalidArgument: ${RANGE} ArgumentName=PartNumber ArgumentValue=-1`],
    ['1.5', `400 InvalidArgument: ${RANGE} ArgumentName=PartNumber ArgumentValue=1.5`],
    ['', `400 InvalidArgument: ${RANGE} ArgumentName=PartNumber ArgumentValue=`],
    [
      '99999999999999999999',
      `400 InvalidArgument: ${RANGE} ArgumentName=PartNumber ArgumentValue=99999999999999999999`,
    ],
  ])('partNumber=%s → %s', (partNumber, expected) => {
    expect(head('PUT', `${UPLOAD}&partNumber=${partNumber}`)).toBe(expected);
    expect(
      head('PUT', `${UPLOAD}&partNumber=${partNumber}`, { 'x-oss-copy-source': '/src-bucket/src.bin' }),
    ).toBe(expected);
  });

  it('refuses an upload id without a part number as OSS does', () => {
    const expected = summary(
      400,
      'InvalidArgument.unexpectedQueryParameter',
      ' ArgumentName=ResourceType ArgumentValue=partNumber',
    );
    expect(head('PUT', UPLOAD)).toBe(expected);
    expect(head('PUT', UPLOAD, { 'x-oss-copy-source': '/src-bucket/src.bin' })).toBe(expected);
  });

  it('leaves an empty uploadId to OSS', () => {
    expect(head('PUT', '/example-bucket/big.bin?uploadId=&partNumber=1')).toBe('ok');
  });

  it('answers conformance case upload-part-0 over HTTP', async () => {
    const res = await request(headApp())
      .put('/example-bucket/big.bin?partNumber=0&uploadId=0004B9895DBBB6EC98E36')
      .send('hello');
    expect(res.status).toBe(400);
    expect(tag(res.text, 'Code')).toBe('InvalidArgument');
    expect(tag(res.text, 'Message')).toBe(RANGE);
    expect(tag(res.text, 'ArgumentName')).toBe('PartNumber');
    expect(tag(res.text, 'ArgumentValue')).toBe('0');
  });

  it('passes part 10000 and refuses part 10001 over HTTP', async () => {
    const ok = await request(headApp()).put(`${UPLOAD}&partNumber=10000`).send('hello');
    expect(ok.status).toBe(200);
    const bad = await request(headApp()).put(`${UPLOAD}&partNumber=10001`).send('hello');
    expect(bad.status).toBe(400);
    expect(tag(bad.text, 'ArgumentValue')).toBe('10001');
  });
});

describe('CompleteMultipartUpload with x-oss-complete-all', () => {
  const BOTH = summary(
    400,
    'InvalidArgument.completeAllWithBody',
    ' ArgumentName=x-oss-complete-all ArgumentValue=yes',
  );

  it('refuses a declared body before reading it', () => {
    expect(head('POST', UPLOAD, { 'x-oss-complete-all': 'yes', 'content-length': '120' })).toBe(BOTH);
    expect(head('POST', UPLOAD, { 'x-oss-complete-all': 'yes', 'content-length': '0' })).toBe('ok');
    expect(head('POST', UPLOAD, { 'x-oss-complete-all': 'yes' })).toBe('ok');
    expect(head('POST', UPLOAD, { 'content-length': '120' })).toBe('ok');
  });

  it('refuses a chunked body once read, and reads nothing from an empty one', () => {
    const chunked = { 'x-oss-complete-all': 'yes', 'transfer-encoding': 'chunked' };
    expect(body('POST', UPLOAD, parts(1), chunked)).toBe(BOTH);
    expect(body('POST', UPLOAD, '', chunked)).toBe('ok');
    expect(body('POST', UPLOAD, '', { 'x-oss-complete-all': 'yes' })).toBe('ok');
  });

  it('does not judge undocumented values of the header', () => {
    expect(head('POST', UPLOAD, { 'x-oss-complete-all': 'YES', 'content-length': '10' })).toBe('ok');
    expect(body('POST', UPLOAD, '<not-xml', { 'x-oss-complete-all': 'no' })).toBe('ok');
  });

  it('answers over HTTP', async () => {
    const res = await request(headApp()).post(UPLOAD).set('x-oss-complete-all', 'yes').send(parts(1));
    expect(res.status).toBe(400);
    expect(tag(res.text, 'Message')).toBe(message('InvalidArgument.completeAllWithBody'));
    expect(tag(res.text, 'ArgumentName')).toBe('x-oss-complete-all');
    expect(tag(res.text, 'ArgumentValue')).toBe('yes');
    const empty = await request(bodyApp()).post(UPLOAD).set('x-oss-complete-all', 'yes');
    expect(empty.status).toBe(200);
  });
});

describe('CompleteMultipartUpload part list', () => {
  it.each([
    ['ascending with gaps', parts(1, 5, 8), 'ok'],
    ['the boundaries', parts(1, 10000), 'ok'],
    ['one part', parts(3), 'ok'],
    ['a repeated part number', parts(1, 1, 2), 'ok'],
    ['blanks around a number', parts(' 1 ', '2'), 'ok'],
    ['descending', parts(2, 1), NOT_ASCENDING],
    ['a later drop', parts(1, 5, 3), NOT_ASCENDING],
    ['part 0', parts(0, 1), PART_RANGE],
    ['part 10001', parts(1, 10001), PART_RANGE],
    ['a non-integer', parts(1, 'two'), PART_RANGE],
    ['a fraction', parts('1.5'), PART_RANGE],
    ['a negative number', parts(-1), PART_RANGE],
    ['an empty number', parts(''), PART_RANGE],
    ['no parts at all', parts(), 'ok'],
  ])('%s', (_name, xml, expected) => {
    expect(body('POST', UPLOAD, xml)).toBe(expected);
  });

  it.each([
    ['conformance complete-malformed-xml', '<CompleteMultipartUpload><Part>'],
    ['an empty body', ''],
    ['another root', '<Delete><Object><Key>a</Key></Object></Delete>'],
    [
      'a part without PartNumber',
      '<CompleteMultipartUpload><Part><ETag>"A"</ETag></Part></CompleteMultipartUpload>',
    ],
    [
      'a part without ETag',
      '<CompleteMultipartUpload><Part><PartNumber>1</PartNumber></Part></CompleteMultipartUpload>',
    ],
    ['a DOCTYPE', `<!DOCTYPE x [<!ENTITY a "1">]>${parts(1)}`],
    ['two documents', `${parts(1)}${parts(2)}`],
  ])('%s → MalformedXML', (_name, xml) => {
    expect(body('POST', UPLOAD, xml)).toBe(MALFORMED);
  });

  it('checks the shape before the numbers', () => {
    const xml =
      '<CompleteMultipartUpload><Part><PartNumber>2</PartNumber><ETag>"A"</ETag></Part>' +
      '<Part><PartNumber>1</PartNumber></Part></CompleteMultipartUpload>';
    expect(body('POST', UPLOAD, xml)).toBe(MALFORMED);
  });

  it('verifies Content-MD5 against the buffered body', () => {
    const xml = parts(1, 2);
    const md5 = createHash('md5').update(xml).digest('base64');
    expect(body('POST', UPLOAD, xml, { 'content-md5': md5 })).toBe('ok');
    expect(body('POST', UPLOAD, xml, { 'content-md5': createHash('md5').update('x').digest('base64') })).toBe(
      summary(400, 'InvalidDigest.contentMd5'),
    );
  });

  it('answers conformance cases over HTTP', async () => {
    const descending =
      '<CompleteMultipartUpload><Part><PartNumber>2</PartNumber><ETag>"A"</ETag></Part>' +
      '<Part><PartNumber>1</PartNumber><ETag>"B"</ETag></Part></CompleteMultipartUpload>';
    const res = await request(bodyApp()).post(UPLOAD).set('Content-Type', 'application/xml').send(descending);
    expect(res.status).toBe(400);
    expect(tag(res.text, 'Code')).toBe('InvalidPartOrder');
    expect(tag(res.text, 'Message')).toBe(message('InvalidPartOrder.notAscending'));
    const malformed = await request(bodyApp())
      .post(UPLOAD)
      .set('Content-Type', 'application/xml')
      .send('<CompleteMultipartUpload><Part>');
    expect(malformed.status).toBe(400);
    expect(tag(malformed.text, 'Code')).toBe('MalformedXML');
    const ok = await request(bodyApp()).post(UPLOAD).set('Content-Type', 'application/xml').send(parts(1, 2));
    expect(ok.status).toBe(200);
  });
});

describe('x-oss-copy-source versionId', () => {
  const EMPTY = (source: string) =>
    summary(400, 'InvalidArgument.versionIdEmpty', ` ArgumentName=x-oss-copy-source ArgumentValue=${source}`);

  it.each([
    ['/src-bucket/src.txt', 'ok'],
    ['/src-bucket/src.txt?versionId=CAEQNRiBgICv8uaA0BYiIDliZDc3MTc1NjE5MjRkMDI4ZGU4MTZkYjY1ZDgy', 'ok'],
    // copy-source-query (issue 11, EC 0016-00000304): another parameter than versionId is refused.
    [
      '/src-bucket/src.txt?unknown=xxx',
      summary(
        400,
        'InvalidArgument.parameterInvalidDotted',
        ' ArgumentName=x-oss-copy-source ArgumentValue=/src-bucket/src.txt?unknown=xxx',
      ),
    ],
    [
      '/src-bucket/src.txt?versionId=CAEQ&unknown=xxx',
      summary(
        400,
        'InvalidArgument.parameterInvalidDotted',
        ' ArgumentName=x-oss-copy-source ArgumentValue=/src-bucket/src.txt?versionId=CAEQ&unknown=xxx',
      ),
    ],
    ['/src-bucket/src.txt?versionId=', EMPTY('/src-bucket/src.txt?versionId=')],
    ['/src-bucket/src.txt?versionId', EMPTY('/src-bucket/src.txt?versionId')],
  ])('%s → %s', (source, expected) => {
    expect(head('PUT', '/example-bucket/dest.txt', { 'x-oss-copy-source': source })).toBe(expected);
    expect(head('PUT', `${UPLOAD}&partNumber=1`, { 'x-oss-copy-source': source })).toBe(expected);
  });

  it('answers over HTTP', async () => {
    const res = await request(headApp())
      .put('/example-bucket/dest.txt')
      .set('x-oss-copy-source', '/src-bucket/src.txt?versionId=');
    expect(res.status).toBe(400);
    expect(tag(res.text, 'Message')).toBe(message('InvalidArgument.versionIdEmpty'));
  });
});

describe('AppendObject position', () => {
  it.each([
    ['position=0', 'ok'],
    ['position=1048576', 'ok'],
    ['position=007', 'ok'],
    ['', MISSING],
    ['position=', MISSING],
    ['position', MISSING],
    ['position=test', MISSING],
    ['position=-1', MISSING],
    ['position=1.5', MISSING],
  ])('?append&%s → %s', (query, expected) => {
    expect(head('POST', `/example-bucket/log.txt?append${query ? `&${query}` : ''}`)).toBe(expected);
  });

  it('answers over HTTP', async () => {
    const res = await request(headApp()).post('/example-bucket/log.txt?append&position=test').send('line');
    expect(res.status).toBe(400);
    expect(tag(res.text, 'Code')).toBe('MissingArgument');
    expect(tag(res.text, 'Message')).toBe(message('MissingArgument.required'));
    const ok = await request(headApp()).post('/example-bucket/log.txt?append&position=0').send('line');
    expect(ok.status).toBe(200);
  });
});
