import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import express from 'express';
import request from 'supertest';
import { ossErrorHandler } from '../../src/express/error-handler';
import { preflight } from '../../src/express/preflight';
import { message } from '../helpers/catalogue';

const app = express()
  .use(preflight())
  .use((_req, res) => {
    res.sendStatus(200);
  })
  .use(ossErrorHandler());

const tag = (xml: string, name: string) => new RegExp(`<${name}>([\\s\\S]*?)</${name}>`).exec(xml)?.[1];

type Reply = { status: number; headers: Record<string, string | string[] | undefined>; text: string };

function expectOssError(
  res: Reply,
  status: number,
  code: string,
  message: string,
  extra: Record<string, string> = {},
) {
  expect(res.status).toBe(status);
  expect(res.headers['content-type']).toBe('application/xml');
  expect(tag(res.text, 'Code')).toBe(code);
  expect(tag(res.text, 'Message')).toBe(message);
  expect(tag(res.text, 'RequestId')).toMatch(/^[0-9A-F]{24}$/);
  expect(res.headers['x-oss-request-id']).toBe(tag(res.text, 'RequestId'));
  for (const [element, value] of Object.entries(extra)) expect(tag(res.text, element)).toBe(value);
}

let server: Server;
let port: number;
beforeAll(async () => {
  server = app.listen(0);
  await new Promise((resolve) => server.once('listening', resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

/**
 * Sends a request head exactly as written (no Content-Length is added, and a declared body is
 * never sent) and reads the whole response; the server must answer and close, never hang.
 */
function raw(head: string): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    socket.setTimeout(5000, () => socket.destroy(new Error('no response: the server hung')));
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('close', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const split = text.indexOf('\r\n\r\n');
      const [statusLine = '', ...lines] = text.slice(0, split).split('\r\n');
      const headers: Record<string, string> = {};
      for (const line of lines) {
        const colon = line.indexOf(':');
        headers[line.slice(0, colon).toLowerCase()] = line.slice(colon + 1).trim();
      }
      resolve({ status: Number(statusLine.split(' ')[1]), headers, text: text.slice(split + 4) });
    });
    socket.write(`${head.replace(/\n/g, '\r\n')}\r\n\r\n`);
  });
}

const GIB5 = 5 * 1024 ** 3;
const INVALID = message('InvalidArgument.parameterInvalidDotted');

describe('framing over HTTP', () => {
  it('answers a PUT with neither Content-Length nor chunked encoding with 411 (put-no-content-length)', async () => {
    const res = await raw(`PUT /example-bucket/n.txt HTTP/1.1\nHost: 127.0.0.1:${port}\nConnection: close`);
    expectOssError(res, 411, 'MissingContentLength', message('MissingContentLength.required'));
  });

  it('does not take a transfer coding other than chunked as framing (Node lets it through)', async () => {
    const res = await raw(
      `PUT /example-bucket/n.txt HTTP/1.1\nHost: 127.0.0.1\nTransfer-Encoding: gzip\nConnection: close`,
    );
    expectOssError(res, 411, 'MissingContentLength', message('MissingContentLength.required'));
  });

  it('passes a chunked PUT', async () => {
    const res = await raw(
      `PUT /example-bucket/n.txt HTTP/1.1\nHost: 127.0.0.1\nTransfer-Encoding: chunked\nConnection: close\n\n5\r\nhello\r\n0`,
    );
    expect(res.status).toBe(200);
  });

  it('refuses a 5 GiB + 1 PutObject before reading its body, and closes the connection', async () => {
    const res = await raw(
      `PUT /example-bucket/big.bin HTTP/1.1\nHost: 127.0.0.1\nContent-Length: ${GIB5 + 1}\nConnection: keep-alive`,
    );
    expectOssError(res, 400, 'InvalidArgument', message('InvalidArgument.postBodyTooLarge'), {
      EC: '0017-00000102',
    });
    expect(res.headers['x-oss-ec']).toBe('0017-00000102');
    expect(res.headers.connection).toBe('close');
  });

  it('passes a 5 GiB PutObject on (the body is never buffered)', async () => {
    const res = await raw(
      `PUT /example-bucket/big.bin HTTP/1.1\nHost: 127.0.0.1\nContent-Length: ${GIB5}\nConnection: close`,
    );
    expect(res.status).toBe(200);
  });

  it('refuses a 5 GiB + 1 part with EntityTooLarge', async () => {
    const res = await raw(
      `PUT /example-bucket/big.bin?partNumber=1&uploadId=0004B989 HTTP/1.1\nHost: 127.0.0.1\nContent-Length: ${GIB5 + 1}`,
    );
    expectOssError(res, 400, 'EntityTooLarge', message('EntityTooLarge.aboveMaximum'));
  });
});

describe('request headers over HTTP', () => {
  it('answers PUT with If-Modified-Since as the seed example does (put-if-modified-since)', async () => {
    const res = await request(app)
      .put('/example-bucket/abc.zip')
      .set('If-Modified-Since', 'Thu, 11 Aug 2016 01:43:51 GMT')
      .send('hello');
    expectOssError(res, 400, 'NotImplemented', message('NotImplemented.headerFunctionality'), {
      Header: 'If-Modified-Since',
      EC: '0017-00000245',
    });
    expect(res.text.indexOf('<HostId>')).toBeLessThan(res.text.indexOf('<Header>'));
  });

  it('names If-None-Match when that is the header sent', async () => {
    const res = await request(app).put('/example-bucket/abc.zip').set('If-None-Match', '*').send('hello');
    expectOssError(res, 400, 'NotImplemented', message('NotImplemented.headerFunctionality'), {
      Header: 'If-None-Match',
    });
  });

  it('checks server-side encryption (sse-aes256, sse-invalid)', async () => {
    const put = () => request(app).put('/example-bucket/e.txt');
    expect((await put().set('x-oss-server-side-encryption', 'AES256').send('hello')).status).toBe(200);
    expectOssError(
      await put().set('x-oss-server-side-encryption', 'AES128').send('hello'),
      400,
      'InvalidEncryptionAlgorithmError',
      message('InvalidEncryptionAlgorithmError.algorithm'),
    );
    expectOssError(
      await put()
        .set('x-oss-server-side-encryption', 'KMS')
        .set('x-oss-server-side-data-encryption', 'AES')
        .send('x'),
      400,
      'InvalidDataEncryptionAlgorithmError',
      message('InvalidDataEncryptionAlgorithmError.notSm4'),
    );
  });

  it('refuses SSE headers on a part', async () => {
    const res = await request(app)
      .put('/example-bucket/e.txt?partNumber=1&uploadId=0004B989')
      .set('x-oss-server-side-encryption', 'KMS')
      .send('hello');
    expectOssError(res, 400, 'InvalidArgument', message('InvalidArgument.sseNotSupported'), {
      ArgumentName: 'x-oss-server-side-encryption',
      ArgumentValue: 'KMS',
    });
  });

  it('checks ACLs, storage class and forbid-overwrite', async () => {
    expectOssError(
      await request(app).put('/example-bucket/a.txt').set('x-oss-object-acl', 'public').send('x'),
      400,
      'InvalidArgument',
      INVALID,
      { ArgumentName: 'x-oss-object-acl', ArgumentValue: 'public', EC: '0017-00000104' },
    );
    expectOssError(await request(app).put('/example-bucket/a.txt?acl'), 400, 'InvalidArgument', INVALID, {
      ArgumentName: 'x-oss-object-acl',
      EC: '0017-00000105',
    });
    expectOssError(
      await request(app).put('/example-bucket?acl').set('x-oss-acl', 'default'),
      400,
      'InvalidArgument',
      INVALID,
      {
        ArgumentName: 'x-oss-acl',
        ArgumentValue: 'default',
      },
    );
    expectOssError(
      await request(app).put('/example-bucket/a.txt').set('x-oss-storage-class', 'abc').send('x'),
      400,
      'InvalidArgument',
      INVALID,
      { ArgumentName: 'x-oss-storage-class', ArgumentValue: 'abc' },
    );
    expectOssError(
      await request(app).put('/example-bucket/a.txt').set('x-oss-forbid-overwrite', 'abc').send('x'),
      400,
      'InvalidArgument',
      INVALID,
      { ArgumentName: 'x-oss-forbid-overwrite', ArgumentValue: 'abc' },
    );
    const ok = await request(app)
      .put('/example-bucket/a.txt')
      .set('x-oss-object-acl', 'private')
      .set('x-oss-storage-class', 'IA')
      .set('x-oss-forbid-overwrite', 'true')
      .send('x');
    expect(ok.status).toBe(200);
  });

  it('checks x-oss-user-last-modified', async () => {
    const put = (value: string) =>
      request(app).put('/example-bucket/a.txt').set('x-oss-user-last-modified', value).send('x');
    expectOssError(
      await put('Thu, 01 Jan 1970 00:00:00 GMT'),
      400,
      'InvalidArgument',
      message('InvalidArgument.dateBefore1970'),
      {
        ArgumentName: 'x-oss-user-last-modified',
        ArgumentValue: 'Thu, 01 Jan 1970 00:00:00 GMT',
        EC: '0017-00000134',
      },
    );
    expectOssError(
      await put('Fri, 01 Jan 2100 00:00:00 GMT'),
      400,
      'InvalidArgument',
      message('InvalidArgument.dateInFuture'),
    );
    expectOssError(await put('2024-03-15'), 400, 'InvalidArgument', message('InvalidArgument.dateFormat'));
    expect((await put('Wed, 15 Mar 2024 08:20:30 GMT')).status).toBe(200);
  });

  it('checks client-side encryption metadata', async () => {
    const res = await request(app)
      .put('/example-bucket/a.txt')
      .set('x-oss-meta-client-side-encryption-key', 'a2V5')
      .send('x');
    expectOssError(
      res,
      400,
      'InvalidEncryptionRequest',
      message('InvalidEncryptionRequest.missSomeNecessaryClientEncryption'),
    );
  });

  it('checks an empty versionId', async () => {
    expectOssError(
      await request(app).get('/example-bucket/a.txt?versionId='),
      400,
      'InvalidArgument',
      message('InvalidArgument.versionIdEmpty'),
      {
        ArgumentName: 'versionId',
      },
    );
    expect((await request(app).get('/example-bucket/a.txt?versionId=CAEQ')).status).toBe(200);
  });
});
