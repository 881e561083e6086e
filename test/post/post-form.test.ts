import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { message } from '../helpers/catalogue';
import {
  AK,
  b64,
  FILENAME,
  multipart,
  oracleV1,
  type Part,
  type PostServer,
  post,
  postForm,
  rawExchange,
  SK,
  startPostServer,
  tag,
  v1Form,
} from './helpers';

let s: PostServer;
beforeAll(async () => {
  s = await startPostServer();
});
afterAll(async () => {
  await s.close();
});

const code = (body: string) => tag(body, 'Code');
const FILE = { filename: 'a.txt', content: 'hello', contentType: 'text/plain' };
const anonymous = (...fields: Part[]): Part[] => [['key', 'uploads/a.txt'], ...fields, ['file', FILE]];

/** Names in the order the upstream received them, from its multipart body. */
function upstreamFieldNames(): string[] {
  const body = s.upstream.requests.at(-1)?.body.toString('utf8') ?? '';
  return [...body.matchAll(/Content-Disposition: form-data; name="([^"]*)"/g)].map((m) => m[1]!);
}

async function expectRejected(
  parts: Part[] | Promise<{ status: number; body: string }>,
  status: number,
  errorCode: string,
  message?: string,
) {
  const before = s.upstream.completed().length;
  const res = Array.isArray(parts) ? await postForm(s.port, parts) : await parts;
  expect(res.status).toBe(status);
  expect(code(res.body)).toBe(errorCode);
  if (message !== undefined) expect(tag(res.body, 'Message')).toBe(message);
  // OSS would store nothing: the upstream never received a complete request.
  expect(s.upstream.completed().length).toBe(before);
  return res;
}

describe('Content-Type', () => {
  it.each([['application/x-www-form-urlencoded'], ['text/plain'], ['multipart/mixed; boundary=x']])(
    '%s → RequestIsNotMultiPartContent (conformance post-not-multipart)',
    async (type) => {
      await expectRejected(
        post(s.port, '/example-bucket', { 'content-type': type }, 'key=a.txt'),
        400,
        'RequestIsNotMultiPartContent',
        message('RequestIsNotMultiPartContent.notMultipart'),
      );
    },
  );

  it('no Content-Type at all → RequestIsNotMultiPartContent', async () => {
    await expectRejected(post(s.port, '/example-bucket', {}, 'x'), 400, 'RequestIsNotMultiPartContent');
  });

  it('accepts any letter case of multipart/form-data', async () => {
    const { body, contentType } = multipart(anonymous());
    const res = await post(
      s.port,
      '/example-bucket',
      { 'content-type': contentType.replace('multipart/form-data', 'Multipart/Form-Data') },
      body,
    );
    expect(res.status).toBe(200);
  });
});

describe('malformed multipart → MalformedPOSTRequest', () => {
  const MALFORMED = message('MalformedPOSTRequest.notWellFormed');
  it('no boundary parameter', async () => {
    await expectRejected(
      post(s.port, '/example-bucket', { 'content-type': 'multipart/form-data' }, 'x'),
      400,
      'MalformedPOSTRequest',
      MALFORMED,
    );
  });

  it('garbage instead of parts', async () => {
    await expectRejected(
      post(
        s.port,
        '/example-bucket',
        { 'content-type': 'multipart/form-data; boundary=abc' },
        'this is not a form',
      ),
      400,
      'MalformedPOSTRequest',
      MALFORMED,
    );
  });

  it('a form truncated before its closing boundary', async () => {
    const { body, contentType } = multipart(anonymous());
    const cut = body.subarray(0, body.length - 20);
    await expectRejected(
      post(s.port, '/example-bucket', { 'content-type': contentType }, cut),
      400,
      'MalformedPOSTRequest',
      MALFORMED,
    );
  });

  it('a broken part header', async () => {
    const body =
      '--abc\r\nContent-Disposition: form-data; name="key"\r\nno colon in this header line\r\n\r\nx\r\n--abc--\r\n';
    const res = await expectRejected(
      post(s.port, '/example-bucket', { 'content-type': 'multipart/form-data; boundary=abc' }, body),
      400,
      'MalformedPOSTRequest',
    );
    expect(res.body).toContain(MALFORMED);
  });

  it('a part without a name', async () => {
    const body = '--abc\r\nContent-Disposition: form-data\r\n\r\nx\r\n--abc--\r\n';
    await expectRejected(
      post(s.port, '/example-bucket', { 'content-type': 'multipart/form-data; boundary=abc' }, body),
      400,
      'MalformedPOSTRequest',
    );
  });

  it('an empty body', async () => {
    await expectRejected(
      post(
        s.port,
        '/example-bucket',
        { 'content-type': 'multipart/form-data; boundary=abc', 'content-length': '0' },
        '',
      ),
      400,
      'MalformedPOSTRequest',
    );
  });

  it('a body cut off mid-file on a raw socket: refused, never stored, never hung', async () => {
    const { body, contentType } = multipart(anonymous());
    const before = s.upstream.completed().length;
    const head = `POST /example-bucket HTTP/1.1\r\nHost: 127.0.0.1:${s.port}\r\nContent-Type: ${contentType}\r\nContent-Length: ${body.length + 100}\r\n\r\n`;
    const answer = await rawExchange(
      s.port,
      Buffer.concat([Buffer.from(head), body.subarray(0, body.length - 30)]),
      { endAfterWrite: true },
    );
    // A client that half-closes mid-body gets Node's own 400 (its parser sees the early end first) or ours.
    expect(answer).toMatch(/^HTTP\/1\.1 400 /);
    if (answer.includes('<Code>')) expect(answer).toContain('<Code>MalformedPOSTRequest</Code>');
    expect(s.upstream.completed().length).toBe(before);
  });

  it('a client that stops sending mid-file and disconnects: the upstream request is aborted', async () => {
    const { body, contentType } = multipart([
      ['key', 'a.txt'],
      ['file', { filename: 'big', content: Buffer.alloc(256 * 1024, 1) }],
    ]);
    const before = s.upstream.requests.length;
    const head = `POST /example-bucket HTTP/1.1\r\nHost: 127.0.0.1:${s.port}\r\nContent-Type: ${contentType}\r\nContent-Length: ${body.length}\r\n\r\n`;
    const socket = (await import('node:net')).connect(s.port, '127.0.0.1');
    socket.on('error', () => undefined);
    await new Promise<void>((resolve) => socket.on('connect', () => resolve()));
    socket.write(Buffer.concat([Buffer.from(head), body.subarray(0, 128 * 1024)]));
    while (s.upstream.requests.length === before) await new Promise((r) => setTimeout(r, 10));
    socket.destroy();
    const attempt = s.upstream.requests[before]!;
    await new Promise((r) => setTimeout(r, 200));
    expect(attempt.complete).toBe(false);
  });
});

describe('field limits (seed 002: fields other than file ≤ 4 KB; names ≤ 8 KB)', () => {
  it('a 5000-byte x-oss-meta-* value → FieldItemTooLong (conformance post-field-too-long)', async () => {
    await expectRejected(
      [
        ['key', 'a.txt'],
        ['x-oss-meta-note', 'n'.repeat(5000)],
        ['file', { filename: 'a.txt', content: 'a' }],
      ],
      400,
      'FieldItemTooLong',
      message('FieldItemTooLong.fieldTooLong'),
    );
  });

  it('a 4096-byte value is accepted, 4097 is not', async () => {
    expect((await postForm(s.port, anonymous(['x-oss-meta-note', 'n'.repeat(4096)]))).status).toBe(200);
    await expectRejected(anonymous(['x-oss-meta-note', 'n'.repeat(4097)]), 400, 'FieldItemTooLong');
  });

  it('an 8192-byte name is accepted, 8193 is not', async () => {
    expect((await postForm(s.port, anonymous([`x-oss-meta-${'n'.repeat(8192 - 11)}`, 'v']))).status).toBe(
      200,
    );
    await expectRejected(anonymous([`x-oss-meta-${'n'.repeat(8193 - 11)}`, 'v']), 400, 'FieldItemTooLong');
  });
});

describe('data before the file → MaxPOSTPreDataLengthExceededError', () => {
  let small: PostServer;
  beforeAll(async () => {
    small = await startPostServer({ limits: { preDataBytes: 64, fields: 4 } });
  });
  afterAll(async () => {
    await small.close();
  });
  const MESSAGE = message('MaxPOSTPreDataLengthExceededError.fieldsTooLarge');

  it('values before the file above the total', async () => {
    const res = await postForm(
      small.port,
      anonymous(['x-oss-meta-a', 'a'.repeat(40)], ['x-oss-meta-b', 'b'.repeat(40)]),
    );
    expect(res.status).toBe(400);
    expect(code(res.body)).toBe('MaxPOSTPreDataLengthExceededError');
    expect(tag(res.body, 'Message')).toBe(MESSAGE);
    expect(small.upstream.requests.length).toBe(0);
  });

  it('more fields than the limit', async () => {
    const res = await postForm(small.port, anonymous(['a', '1'], ['b', '2'], ['c', '3'], ['d', '4']));
    expect(code(res.body)).toBe('MaxPOSTPreDataLengthExceededError');
  });

  it('the default limit is 8 MB (EC 0006-00000112)', async () => {
    const { DEFAULT_LIMITS } = await import('../../src/post');
    expect(DEFAULT_LIMITS.preDataBytes).toBe(8 * 1024 * 1024);
  });
});

describe('exactly one file, and it comes last → IncorrectNumberOfFilesInPOSTRequest', () => {
  const MESSAGE = message('IncorrectNumberOfFilesInPOSTRequest.exactlyOneFile');
  it('two files (conformance post-two-files)', async () => {
    await expectRejected(
      [
        ['key', 'a.txt'],
        ['file', { filename: 'a.txt', content: 'a' }],
        ['file', { filename: 'b.txt', content: 'b' }],
      ],
      400,
      'IncorrectNumberOfFilesInPOSTRequest',
      MESSAGE,
    );
  });

  it('no file', async () => {
    await expectRejected([['key', 'a.txt']], 400, 'IncorrectNumberOfFilesInPOSTRequest', MESSAGE);
  });

  it('a field after the file: the upload streamed, but is never committed', async () => {
    const before = s.upstream.requests.length;
    await expectRejected(
      [
        ['key', 'a.txt'],
        ['file', FILE],
        ['x-oss-meta-late', '1'],
      ],
      400,
      'IncorrectNumberOfFilesInPOSTRequest',
      MESSAGE,
    );
    const attempt = s.upstream.requests[before];
    if (attempt !== undefined) expect(attempt.complete).toBe(false);
  });

  it('a field after a 3 MiB file: the form went on as sent, chunk by chunk, but is never completed', async () => {
    const before = s.upstream.requests.length;
    const big = {
      filename: 'big.bin',
      content: Buffer.alloc(3 * 1024 * 1024, 7),
      contentType: 'application/octet-stream',
    };
    await expectRejected(
      [
        ['key', 'big.bin'],
        ['file', big],
        ['x-oss-meta-late', '1'],
      ],
      400,
      'IncorrectNumberOfFilesInPOSTRequest',
      MESSAGE,
    );
    const attempt = s.upstream.requests[before];
    if (attempt !== undefined) expect(attempt.complete).toBe(false);
  });

  it('a 3 MiB form arrives upstream byte for byte', async () => {
    const content = Buffer.alloc(3 * 1024 * 1024);
    for (let i = 0; i < content.length; i++) content[i] = (i * 7919) & 0xff;
    const { body, contentType } = multipart([
      ['key', 'big.bin'],
      ['file', { filename: 'big.bin', content, contentType: 'application/octet-stream' }],
    ]);
    const res = await post(s.port, '/example-bucket', { 'content-type': contentType }, body);
    expect(res.status).toBe(200);
    const sent = s.upstream.requests.at(-1)!;
    expect(sent.complete).toBe(true);
    expect(sent.body.equals(body)).toBe(true);
  });

  it('a file part under another name', async () => {
    await expectRejected(
      [
        ['key', 'a.txt'],
        ['upload', FILE],
        ['file', FILE],
      ],
      400,
      'IncorrectNumberOfFilesInPOSTRequest',
    );
  });

  it('a second file part under another name after the file', async () => {
    await expectRejected(
      [
        ['key', 'a.txt'],
        ['file', FILE],
        ['thumb', FILE],
      ],
      400,
      'IncorrectNumberOfFilesInPOSTRequest',
    );
  });
});

describe('the file part', () => {
  it('the field name is matched case-insensitively and sent on as written', async () => {
    const res = await postForm(s.port, [
      ['key', 'a.txt'],
      ['File', FILE],
    ]);
    expect(res.status).toBe(200);
    expect(upstreamFieldNames()).toEqual(['key', 'File']);
  });

  it('a file part without filename (application/octet-stream) is the file', async () => {
    const res = await postForm(s.port, [
      ['key', 'a.txt'],
      ['file', { content: 'abc', contentType: 'application/octet-stream' }],
    ]);
    expect(res.status).toBe(200);
    const body = s.upstream.requests.at(-1)!.body.toString();
    expect(body).toContain(
      'Content-Disposition: form-data; name="file"\r\nContent-Type: application/octet-stream\r\n\r\nabc\r\n',
    );
  });

  it('a last text field named file is the text content OSS accepts as the file', async () => {
    const res = await postForm(s.port, [
      ['key', 'note.txt'],
      ['file', 'plain text content'],
    ]);
    expect(res.status).toBe(200);
    const body = s.upstream.requests.at(-1)!.body.toString();
    // Forwarded as sent: the client's boundary.
    expect(body).toMatch(/name="file"\r\n\r\nplain text content\r\n--TestBoundary[0-9A-Za-z]+--\r\n$/);
  });

  it('a text content file in a form that is re-encoded (quoted boundary) keeps its place', async () => {
    const { body, contentType } = multipart([
      ['key', 'note.txt'],
      ['file', 'plain text content'],
    ]);
    const quoted = contentType.replace(/boundary=(.*)$/, 'boundary="$1"');
    const res = await post(s.port, '/example-bucket', { 'content-type': quoted }, body);
    expect(res.status).toBe(200);
    const sent = s.upstream.requests.at(-1)!.body.toString();
    expect(sent).toMatch(/name="file"\r\n\r\nplain text content\r\n--oss-preflight-[0-9a-f]{32}--\r\n$/);
  });

  it('an empty file is uploaded (no content-length-range)', async () => {
    const res = await postForm(s.port, [
      ['key', 'empty'],
      ['file', { filename: 'e', content: '' }],
    ]);
    expect(res.status).toBe(200);
  });
});

describe('key', () => {
  it('missing → InvalidArgument (PostObject common errors #13)', async () => {
    await expectRejected(
      [
        ['x-oss-meta-a', '1'],
        ['file', FILE],
      ],
      400,
      'InvalidArgument',
      message('InvalidArgument.postKeyMissing'),
    );
  });

  it('after the file → the same message (it names the order)', async () => {
    await expectRejected(
      [
        ['file', FILE],
        ['key', 'a.txt'],
      ],
      400,
      'InvalidArgument',
    );
  });

  it.each([
    ['/a.txt', message('InvalidObjectName.invalid')],
    ['\\a.txt', message('InvalidObjectName.invalid')],
    ['', message('InvalidObjectName.empty')],
    ['k'.repeat(1024), message('InvalidObjectName.tooLong')],
  ])('%j → InvalidObjectName', async (key, message) => {
    await expectRejected(
      [
        ['key', key],
        ['file', FILE],
      ],
      400,
      'InvalidObjectName',
      message,
    );
  });

  it('is checked again after the filename placeholder is expanded', async () => {
    await expectRejected(
      [
        ['key', FILENAME],
        ['file', { filename: '', content: 'x' }],
      ],
      400,
      'InvalidObjectName',
      message('InvalidObjectName.empty'),
    );
  });

  it('the filename placeholder is sent on unexpanded (OSS expands it)', async () => {
    const res = await postForm(s.port, [
      ['key', `u/${FILENAME}`],
      ['file', { filename: 'photo 1.png', content: 'x' }],
    ]);
    expect(res.status).toBe(200);
    const body = s.upstream.requests.at(-1)!.body.toString();
    expect(body).toContain(`name="key"\r\n\r\nu/${FILENAME}\r\n`);
    expect(body).toContain('name="file"; filename="photo 1.png"');
  });
});

describe('fields travel on as sent', () => {
  it('order, duplicates, brackets, quotes and UTF-8 are preserved', async () => {
    const res = await postForm(s.port, [
      ['key', 'a.txt'],
      ['x-oss-meta-a[b]', '1'],
      ['x-oss-meta-dup', 'first'],
      ['x-oss-meta-dup', 'second'],
      ['x-oss-meta-note', '中文 value\twith a tab'],
      // A line break is refused in a field that becomes a header (post-header-values), not here.
      ['x:note', 'line one\r\nline two'],
      ['file', FILE],
    ]);
    expect(res.status).toBe(200);
    expect(upstreamFieldNames()).toEqual([
      'key',
      'x-oss-meta-a[b]',
      'x-oss-meta-dup',
      'x-oss-meta-dup',
      'x-oss-meta-note',
      'x:note',
      'file',
    ]);
    const body = s.upstream.requests.at(-1)!.body.toString('utf8');
    expect(body).toContain('\r\n\r\nfirst\r\n');
    expect(body).toContain('\r\n\r\nsecond\r\n');
    expect(body).toContain('中文 value\twith a tab\r\n');
    expect(body).toContain('line one\r\nline two\r\n');
  });

  it('success_action_status with an invalid value is not an error (OSS answers 204)', async () => {
    const res = await postForm(s.port, anonymous(['success_action_status', 'banana']));
    expect(res.status).toBe(200);
    expect(upstreamFieldNames()).toContain('success_action_status');
  });

  it('a form without any credential field is anonymous (public-read-write buckets) and passes', async () => {
    expect((await postForm(s.port, anonymous())).status).toBe(200);
  });

  it('a form as browsers send it goes on byte for byte, with its own Content-Type and length', async () => {
    const { body, contentType } = multipart(anonymous(['x-oss-meta-a', '中文 value']));
    const md5 = (await import('node:crypto')).createHash('md5').update(body).digest('base64');
    const res = await post(
      s.port,
      '/example-bucket',
      { 'content-type': contentType, origin: 'https://app.example', 'content-md5': md5 },
      body,
    );
    expect(res.status).toBe(200);
    const sent = s.upstream.requests.at(-1)!;
    expect(sent.body.equals(Buffer.from(body))).toBe(true);
    expect(sent.headers['content-type']).toBe(contentType);
    expect(sent.headers['content-length']).toBe(String(Buffer.byteLength(body)));
    expect(sent.headers['transfer-encoding']).toBeUndefined();
    expect(sent.headers.origin).toBe('https://app.example');
    // Checked by the gateway; not repeated, so the upstream's answer cannot depend on it.
    expect(sent.headers['content-md5']).toBeUndefined();
    expect(sent.headers.host).toBe(`example-bucket.${s.upstream.host}`);
  });

  it('a form whose bytes differ from the validated form (a field part with its own Content-Type) is re-encoded', async () => {
    const { body, contentType } = multipart(anonymous());
    const odd = Buffer.from(
      body
        .toString('latin1')
        .replace('name="key"\r\n', 'name="key"\r\nContent-Type: text/plain; charset=utf-8\r\n'),
      'latin1',
    );
    const res = await post(s.port, '/example-bucket', { 'content-type': contentType }, odd);
    expect(res.status).toBe(200);
    const sent = s.upstream.requests.at(-1)!;
    expect(sent.headers['content-type']).toMatch(
      /^multipart\/form-data; boundary=oss-preflight-[0-9a-f]{32}$/,
    );
    expect(sent.body.toString()).not.toContain('charset=utf-8');
    expect(upstreamFieldNames()).toEqual(['key', 'file']);
  });

  it('the request headers go on, except those the re-encoded body invalidates', async () => {
    const { body, contentType } = multipart(anonymous());
    const md5 = (await import('node:crypto')).createHash('md5').update(body).digest('base64');
    // A quoted boundary parameter: parsers may read it differently, so the form is re-encoded.
    const quoted = contentType.replace(/boundary=(.*)$/, 'boundary="$1"');
    const res = await post(
      s.port,
      '/example-bucket',
      { 'content-type': quoted, origin: 'https://app.example', 'content-md5': md5 },
      body,
    );
    expect(res.status).toBe(200);
    const headers = s.upstream.requests.at(-1)!.headers;
    expect(headers.origin).toBe('https://app.example');
    expect(headers['content-md5']).toBeUndefined();
    expect(headers['transfer-encoding']).toBe('chunked');
    expect(headers['content-type']).toMatch(/^multipart\/form-data; boundary=oss-preflight-[0-9a-f]{32}$/);
    expect(headers.host).toBe(`example-bucket.${s.upstream.host}`);
  });
});

describe('Content-MD5 covers the body as sent (PostObject FAQ)', () => {
  it('a mismatch → InvalidDigest, nothing stored', async () => {
    const { body, contentType } = multipart(anonymous());
    await expectRejected(
      post(
        s.port,
        '/example-bucket',
        { 'content-type': contentType, 'content-md5': 'AAAAAAAAAAAAAAAAAAAAAA==' },
        body,
      ),
      400,
      'InvalidDigest',
      message('InvalidDigest.contentMd5'),
    );
  });
});

describe('body size', () => {
  it('a declared Content-Length above 5 GB plus form overhead → InvalidArgument before a byte is read', async () => {
    const head = `POST /example-bucket HTTP/1.1\r\nHost: 127.0.0.1:${s.port}\r\nContent-Type: multipart/form-data; boundary=abc\r\nContent-Length: ${6 * 1024 ** 3}\r\n\r\n`;
    const answer = await rawExchange(s.port, head);
    expect(answer).toMatch(/^HTTP\/1\.1 400/);
    expect(answer).toContain('<Code>InvalidArgument</Code>');
    expect(answer).toContain(`<Message>${message('InvalidArgument.postBodyTooLarge')}</Message>`);
  });
});

describe('header twins in form fields (headers family helpers)', () => {
  it.each([
    ['x-oss-object-acl', 'everyone', 'InvalidArgument'],
    ['x-oss-storage-class', 'Glacier', 'InvalidArgument'],
    ['x-oss-forbid-overwrite', 'maybe', 'InvalidArgument'],
    ['x-oss-server-side-encryption', 'ROT13', 'InvalidEncryptionAlgorithmError'],
  ])('%s: %s → %s', async (name, value, errorCode) => {
    const res = await expectRejected(anonymous([name, value]), 400, errorCode);
    if (errorCode === 'InvalidArgument') {
      expect(tag(res.body, 'ArgumentName')).toBe(name);
      expect(tag(res.body, 'ArgumentValue')).toBe(value);
    }
  });

  it.each([
    ['x-oss-object-acl', 'public-read'],
    ['x-oss-storage-class', 'IA'],
    ['x-oss-forbid-overwrite', 'true'],
    ['x-oss-server-side-encryption', 'AES256'],
  ])('%s: %s passes', async (name, value) => {
    expect((await postForm(s.port, anonymous([name, value]))).status).toBe(200);
  });
});

describe('other families read the form (request.form)', () => {
  it("an invalid callback field → the callback family's error", async () => {
    const callback = Buffer.from(JSON.stringify({ callbackUrl: 'http://example.com' })).toString('base64');
    const res = await expectRejected(
      anonymous(['callback', callback]),
      400,
      'InvalidArgument',
      message('InvalidArgument.callbackBodyEmpty'),
    );
    expect(tag(res.body, 'ArgumentName')).toBe('callback');
  });

  it("an out-of-range x-oss-traffic-limit field → the traffic-limit family's error", async () => {
    await expectRejected(
      anonymous(['x-oss-traffic-limit', '100']),
      400,
      'InvalidArgument',
      message('InvalidArgument.trafficLimitRange'),
    );
  });

  it('a valid callback field passes and travels on', async () => {
    const callback = Buffer.from(
      JSON.stringify({ callbackUrl: 'http://example.com/cb', callbackBody: 'bucket=$' + '{bucket}' }),
    ).toString('base64');
    expect((await postForm(s.port, anonymous(['callback', callback], ['x:var', 'v']))).status).toBe(200);
    expect(upstreamFieldNames()).toEqual(['key', 'callback', 'x:var', 'file']);
  });
});

describe('field names are case-insensitive (PostObject API reference)', () => {
  it('KEY / ossaccesskeyid / POLICY / signature are read and verified', async () => {
    const policy = b64({
      expiration: new Date(Date.now() + 60_000).toISOString(),
      conditions: [['eq', '$key', 'a.txt']],
    });
    const ok = await postForm(s.port, [
      ['KEY', 'a.txt'],
      ['ossaccesskeyid', AK],
      ['POLICY', policy],
      ['signature', oracleV1(SK, policy)],
      ['file', FILE],
    ]);
    expect(ok.status).toBe(200);
    await expectRejected(
      [
        ['KEY', 'a.txt'],
        ['ossaccesskeyid', AK],
        ['POLICY', policy],
        ['signature', oracleV1('wrong', policy)],
        ['file', FILE],
      ],
      403,
      'SignatureDoesNotMatch',
    );
  });

  it('v1Form helper sanity: a valid V1 form passes', async () => {
    expect((await postForm(s.port, v1Form([['starts-with', '$key', 'uploads/']]))).status).toBe(200);
  });
});
