import { describe, expect, it } from '@jest/globals';
import { invalidArgument, ossError } from '../../src/core/oss-error';
import { errorResponse, escapeXml, newRequestId, renderErrorXml } from '../../src/core/render';
import { message } from '../helpers/catalogue';

describe('OSS error rendering', () => {
  it('writes the XML exactly as OSS does, details after HostId', () => {
    const error = ossError('NotImplemented.headerFunctionality', [['Header', 'If-Modified-Since']]);
    const xml = renderErrorXml(error, {
      requestId: '57ABD896CCB80C3669551870',
      hostId: 'bucketname.oss-cn-shanghai.aliyuncs.com',
    });
    expect(xml).toBe(
      [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<Error>',
        '  <Code>NotImplemented</Code>',
        // The one catalogue text kept as a literal here: this is the renderer's byte-for-byte fixture.
        '  <Message>A header you provided implies functionality that is not implemented.</Message>',
        '  <RequestId>57ABD896CCB80C3669551870</RequestId>',
        '  <HostId>bucketname.oss-cn-shanghai.aliyuncs.com</HostId>',
        '  <Header>If-Modified-Since</Header>',
        '</Error>',
        '',
      ].join('\n'),
    );
  });

  it('makes request ids of 24 upper-case hex characters', () => {
    const ids = new Set(Array.from({ length: 50 }, () => newRequestId()));
    expect(ids.size).toBe(50);
    for (const id of ids) expect(id).toMatch(/^[0-9A-F]{24}$/);
  });

  it('escapes markup and characters XML cannot carry', () => {
    expect(escapeXml(`a<b>&"c'`)).toBe(`a&lt;b&gt;&amp;"c'`);
    expect(escapeXml('x\u0001y\uD800z')).toBe('x\uFFFDy\uFFFDz');
    expect(escapeXml('中文 ok')).toBe('中文 ok');
  });

  it('gives the headers OSS gives and a body whose RequestId equals x-oss-request-id', () => {
    const r = errorResponse(invalidArgument('InvalidArgument.parameterInvalidDotted', 'x', '<y>'), {
      method: 'PUT',
      hostId: 'b.oss-cn-hangzhou.aliyuncs.com',
    });
    expect(r.status).toBe(400);
    expect(r.headers['content-type']).toBe('application/xml');
    expect(r.body).toContain(`<RequestId>${r.headers['x-oss-request-id']}</RequestId>`);
    expect(r.body).toContain('<ArgumentName>x</ArgumentName>\n  <ArgumentValue>&lt;y&gt;</ArgumentValue>');
    expect(Number(r.headers['content-length'])).toBe(Buffer.byteLength(r.body));
  });

  it('puts the XML in x-oss-err and sends no body for HEAD', () => {
    const r = errorResponse(ossError('InvalidBucketName.invalid'), {
      method: 'HEAD',
      hostId: 'h',
    });
    expect(r.body).toBe('');
    const decoded = Buffer.from(r.headers['x-oss-err']!, 'base64').toString('utf8');
    expect(decoded).toContain('<Code>InvalidBucketName</Code>');
    expect(decoded).toContain(`<RequestId>${r.headers['x-oss-request-id']}</RequestId>`);
  });

  it('keeps quotes in messages byte for byte', () => {
    const text = message('AccessDenied.policyConditionFailed', { condition: '["eq", "$key", "a"]' });
    const error = ossError('AccessDenied.policyConditionFailed', [], undefined, {
      condition: '["eq", "$key", "a"]',
    });
    const r = errorResponse(error, { method: 'POST', hostId: 'h' });
    expect(r.body).toContain(`<Message>${text}</Message>`);
  });

  it('adds EC and RecommendDoc when an EC is known', () => {
    const e = ossError('InvalidBucketName.invalid', [], '0015-00000001');
    const r = errorResponse(e, { method: 'GET', hostId: 'h' });
    expect(r.headers['x-oss-ec']).toBe('0015-00000001');
    expect(r.body).toContain(
      '<EC>0015-00000001</EC>\n  <RecommendDoc>https://api.aliyun.com/troubleshoot?q=0015-00000001</RecommendDoc>',
    );
  });
});
