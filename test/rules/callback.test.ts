// biome-ignore-all lint/suspicious/noTemplateCurlyInString: OSS callback bodies use ${var} literally.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { messageKeys } from '../../src/core/catalogue';
import type { OssError } from '../../src/core/oss-error';
import { createRequestParser, type OssRequest } from '../../src/core/request';
import {
  callbackBodyVariablesError,
  callbackError,
  callbackRules,
  callbackUrlError,
  callbackVarError,
  classifyCallbackHost,
  MAX_CALLBACK_LENGTH,
  MAX_CALLBACK_VAR_LENGTH,
  parseCallbackUrl,
} from '../../src/rules/callback';
import { decodeBase64 } from '../../src/rules/callback/base64';
import { message } from '../helpers/catalogue';

const b64 = (value: unknown) =>
  Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64');

const BODY = 'bucket=${bucket}&object=${object}&size=${size}';
const valid = (extra: Record<string, unknown> = {}) => ({
  callbackUrl: 'http://oss-demo.example.com/callback',
  callbackBody: BODY,
  ...extra,
});

function messageOf(error: OssError | undefined): string | undefined {
  return error?.message;
}

/** A callback whose base64 is exactly `length` characters (a multiple of 4). */
function callbackOfLength(length: number): string {
  const base = JSON.stringify({ ...valid(), pad: '' });
  const bytes = (length / 4) * 3;
  const value = b64(JSON.stringify({ ...valid(), pad: 'p'.repeat(bytes - base.length) }));
  expect(value).toHaveLength(length);
  return value;
}

describe('callbackError: encoding', () => {
  it('accepts a documented callback', () => {
    expect(
      callbackError(b64(valid({ callbackBodyType: 'application/x-www-form-urlencoded' }))),
    ).toBeUndefined();
  });

  it('accepts exactly 5120 base64 characters and refuses 5121', () => {
    expect(MAX_CALLBACK_LENGTH).toBe(5120);
    const atLimit = callbackOfLength(5120);
    expect(callbackError(atLimit)).toBeUndefined();
    // 5121 characters cannot be padded base64; the length is checked before the encoding.
    expect(messageOf(callbackError(`${atLimit}A`))).toBe(message('InvalidArgument.callbackTooLong'));
    expect(messageOf(callbackError(callbackOfLength(5124)))).toBe(message('InvalidArgument.callbackTooLong'));
  });

  it('carries ArgumentName callback and the EC of the length error', () => {
    const error = callbackError(callbackOfLength(5124))!;
    expect(error.code).toBe('InvalidArgument');
    expect(error.status).toBe(400);
    expect(error.detail('ArgumentName')).toBe('callback');
    expect(error.ec).toBe('0007-00000001');
  });

  it('refuses text that is not base64', () => {
    for (const value of ['{not base64}', 'ab-_cd==', 'AB=C', 'A', 'AAAAA', '====']) {
      expect(messageOf(callbackError(value))).toBe(message('InvalidArgument.callbackNotBase64'));
    }
  });

  it('decodes base64 leniently where decoders differ', () => {
    expect(decodeBase64('YWJj')?.toString()).toBe('abc');
    expect(decodeBase64('YWI')?.toString()).toBe('ab');
    expect(decodeBase64('YWI=')?.toString()).toBe('ab');
    expect(decodeBase64('YW Jj')?.toString()).toBe('abc');
    expect(decodeBase64('YWI==')).toBeUndefined();
    expect(decodeBase64('Y')).toBeUndefined();
  });

  it('refuses base64 that is not a JSON object, with the decoded text as ArgumentValue', () => {
    for (const text of ['callbackUrl=http://a.example.com', '[1,2]', '"text"', 'null', '12', '{"a":1,}']) {
      const error = callbackError(b64(text));
      expect(messageOf(error)).toBe(message('InvalidArgument.callbackNotJson'));
      expect(error?.detail('ArgumentValue')).toBe(text);
    }
  });
});

describe('callbackError: callbackUrl', () => {
  const urlMessage = (callbackUrl: unknown) => messageOf(callbackError(b64(valid({ callbackUrl }))));

  it('refuses a missing, empty or non-string callbackUrl', () => {
    expect(messageOf(callbackError(b64({ callbackBody: 'a=b' })))).toBe(
      message('InvalidArgument.callbackUrlInvalid'),
    );
    for (const url of ['', ' ', ';', 12, null, ['http://a.example.com'], true]) {
      expect(urlMessage(url)).toBe(message('InvalidArgument.callbackUrlInvalid'));
    }
  });

  it('checks callbackUrl before callbackBody', () => {
    expect(messageOf(callbackError(b64({ callbackUrl: 'a.example.com:test' })))).toBe(
      message('InvalidArgument.callbackUrlInvalid'),
    );
  });

  it('accepts 5 URLs and refuses 6', () => {
    const urls = (n: number) => Array.from({ length: n }, (_, i) => `http://h${i}.example.com/cb`).join(';');
    expect(urlMessage(urls(5))).toBeUndefined();
    expect(urlMessage(urls(6))).toBe(message('InvalidArgument.callbackUrlTooMany'));
    // A trailing separator is not a URL of its own.
    expect(urlMessage(`${urls(5)};`)).toBeUndefined();
    expect(urlMessage(`${urls(6)};`)).toBe(message('InvalidArgument.callbackUrlTooMany'));
  });

  it('accepts URLs with and without a scheme, ports 1-65535, IPv6 and userinfo', () => {
    for (const url of [
      '121.101.166.30/test.php',
      'www.abc.com/callback',
      'http://oss-demo.aliyuncs.com:23450',
      'HTTPS://example.com:443/a?b=c#d',
      'example.com:1',
      'example.com:65535/x',
      'example.com:080',
      'http://[2400:3200::1]:8080/cb',
      'http://user:pw@example.com/cb',
      ' http://a.example.com/cb ; http://b.example.com/cb',
    ]) {
      expect([url, urlMessage(url)]).toEqual([url, undefined]);
    }
  });

  it('refuses unusable URLs', () => {
    for (const url of [
      'www.callback-example.com:test',
      'example.com:0',
      'example.com:65536',
      'example.com:',
      'example.com:-1',
      'ftp://example.com/cb',
      'http:///cb',
      '/cb',
      'http://[2400:3200::1/cb',
      'http://[2400:3200::1]x/cb',
      'a:b:c/cb',
      'http://good.example.com/cb;bad.example.com:port',
    ]) {
      expect([url, urlMessage(url)]).toEqual([url, message('InvalidArgument.callbackUrlInvalid')]);
    }
  });

  it('refuses private, loopback and other non-public addresses, naming the URL', () => {
    for (const url of [
      '127.0.0.1:8088/test.php',
      'http://192.168.1.20/cb',
      'http://10.1.2.3/cb',
      'http://172.16.0.1/cb',
      'http://172.31.255.255/cb',
      'http://100.64.0.1/cb',
      'http://169.254.169.254/latest',
      'http://0.0.0.0/cb',
      'http://255.255.255.255/cb',
      'http://224.0.0.1/cb',
      'http://240.0.0.1/cb',
      'http://localhost:8080/cb',
      'http://LocalHost./cb',
      'http://[::1]/cb',
      'http://[::]/cb',
      'http://[fe80::1%25eth0]/cb',
      'http://[fc00::1]/cb',
      'http://[fd12:3456::1]/cb',
      'http://[ff02::1]/cb',
      'http://[::ffff:127.0.0.1]/cb',
      'http://[::ffff:a00:1]/cb',
      'http://[64:ff9b::10.0.0.1]/cb',
      'http://[64:ff9b:1::1]/cb',
      'http://[2002:c0a8:0101::1]/cb',
      'http://[::192.168.0.1]/cb',
      'http://[2001:db8::1]/cb',
      // Teredo whose client (obfuscated 3fff:fdd2) is 192.0.2.45, a documentation address.
      'http://[2001:0:4136:e378:8000:63bf:3fff:fdd2]/cb',
      // 0.0.48.57 to a WHATWG parser: "this network" (0.0.0.0/8).
      'http://12345/cb',
      '::1',
      'http://a.example.com/cb;http://127.0.0.1/cb',
    ]) {
      const error = callbackError(b64(valid({ callbackUrl: url })));
      expect([url, messageOf(error)]).toEqual([url, message('InvalidArgument.callbackPrivateAddress')]);
      expect(error?.detail('ArgumentName')).toBe('callbackUrl');
    }
  });

  it('names the offending URL in ArgumentValue', () => {
    const error = callbackError(b64(valid({ callbackUrl: 'http://a.example.com/cb;http://127.0.0.1/cb' })));
    expect(error?.detail('ArgumentValue')).toBe('http://127.0.0.1/cb');
    expect(error?.ec).toBe('0007-00000008');
  });

  it('accepts public literal addresses and any host name (no DNS before the request)', () => {
    for (const url of [
      'http://8.8.8.8/cb',
      'http://172.32.0.1/cb',
      'http://100.128.0.1/cb',
      'http://192.175.48.1/cb',
      'http://[::ffff:8.8.8.8]/cb',
      'http://[64:ff9b::8.8.8.8]/cb',
      'http://[2002:0808:0808::1]/cb',
      // Teredo with a public server and client (8.8.8.8, obfuscated as f7f7:f7f7).
      'http://[2001:0:4136:e378:8000:63bf:f7f7:f7f7]/cb',
      'http://internal.corp.example/cb',
      'http://localhost.example.com/cb',
      'http://010.0.0.1/cb',
    ]) {
      expect([url, urlMessage(url)]).toEqual([url, undefined]);
    }
  });

  it('refuses digits-and-dots hosts that no resolver can turn into an address', () => {
    for (const url of [
      '123.456',
      'http://1.2.3/cb',
      // A decimal integer that reads as a public address (8.8.8.8) is in the same class as `123.456`.
      'http://134744072/cb',
      'http://1.2.3.256/cb',
      'http://1..2.3/cb',
    ]) {
      const error = callbackError(b64(valid({ callbackUrl: url })));
      expect([url, messageOf(error)]).toEqual([url, message('InvalidArgument.callbackHostUnresolvable')]);
    }
  });

  it('exposes the URL helpers', () => {
    expect(parseCallbackUrl('https://a.example.com:8443/x')).toEqual({ host: 'a.example.com', port: 8443 });
    expect(parseCallbackUrl('[::1]')).toEqual({ host: '::1', port: undefined });
    expect(parseCallbackUrl('a.example.com:x')).toBeUndefined();
    expect(callbackUrlError('http://a.example.com', '{}')).toBeUndefined();
    expect(classifyCallbackHost('8.8.8.8')).toBe('public');
    expect(classifyCallbackHost('10.0.0.1')).toBe('forbidden');
    expect(classifyCallbackHost('example.com')).toBe('unknown');
    expect(classifyCallbackHost('123.456')).toBe('unresolvable');
  });
});

describe('callbackError: other fields', () => {
  const fieldMessage = (extra: Record<string, unknown>) => messageOf(callbackError(b64(valid(extra))));

  it('refuses a callbackHost that is not a string', () => {
    expect(fieldMessage({ callbackHost: 'oss-cn-hangzhou.aliyuncs.com' })).toBeUndefined();
    expect(fieldMessage({ callbackHost: null })).toBeUndefined();
    for (const host of [1, true, ['a'], { a: 1 }]) {
      expect(fieldMessage({ callbackHost: host })).toBe(message('InvalidArgument.callbackHostInvalid'));
    }
  });

  it('refuses a missing or empty callbackBody, and one that is not a string', () => {
    expect(messageOf(callbackError(b64({ callbackUrl: 'http://oss-demo.example.com/cb' })))).toBe(
      message('InvalidArgument.callbackBodyEmpty'),
    );
    expect(fieldMessage({ callbackBody: '' })).toBe(message('InvalidArgument.callbackBodyEmpty'));
    expect(fieldMessage({ callbackBody: null })).toBe(message('InvalidArgument.callbackBodyEmpty'));
    for (const body of [[1, 2, 3], 12, { a: 'b' }, false]) {
      expect(fieldMessage({ callbackBody: body })).toBe(message('InvalidArgument.callbackBodyInvalid'));
    }
  });

  it('checks callbackHost before callbackBody', () => {
    expect(fieldMessage({ callbackHost: 1, callbackBody: '' })).toBe(
      message('InvalidArgument.callbackHostInvalid'),
    );
  });

  it('accepts the two body types and refuses others', () => {
    for (const type of [
      'application/x-www-form-urlencoded',
      'application/json',
      'Application/JSON',
      'application/json; charset=utf-8',
      '',
      null,
    ]) {
      expect([type, fieldMessage({ callbackBodyType: type })]).toEqual([type, undefined]);
    }
    for (const type of ['text/plain', 'image/jpg', 'application/xml', 'json']) {
      expect(fieldMessage({ callbackBodyType: type })).toBe(
        message('InvalidArgument.callbackBodyTypeUnsupported'),
      );
    }
    for (const type of [1, true, ['application/json']]) {
      expect(fieldMessage({ callbackBodyType: type })).toBe(
        message('InvalidArgument.callbackBodyTypeInvalid'),
      );
    }
  });

  it('accepts a boolean callbackSNI and refuses anything else, echoing the decoded JSON', () => {
    expect(fieldMessage({ callbackSNI: true })).toBeUndefined();
    expect(fieldMessage({ callbackSNI: false })).toBeUndefined();
    for (const sni of ['true', 123, 'false', [true]]) {
      expect(fieldMessage({ callbackSNI: sni })).toBe(message('InvalidArgument.callbackSniInvalid'));
    }
    const text = JSON.stringify({ callbackSNI: 'true', ...valid() });
    const error = callbackError(b64(text));
    expect(error?.detail('ArgumentName')).toBe('callback');
    expect(error?.detail('ArgumentValue')).toBe(text);
  });

  it('accepts a callback that only names a bucket callback policy', () => {
    expect(callbackError('eyJjYWxsYmFja1BvbGljeSI6InRlc3RfMiJ9')).toBeUndefined();
  });

  it('accepts additionalHeaders and unknown fields (OSS publishes no messages for them)', () => {
    expect(fieldMessage({ additionalHeaders: { 'x-oss-test': 'v' }, somethingElse: 1 })).toBeUndefined();
  });

  it('checks `${` syntax only when variables are present', () => {
    const body = 'size=${size}&my_var=$x:my_var}';
    expect(fieldMessage({ callbackBody: body })).toBeUndefined();
    const error = callbackError(b64(valid({ callbackBody: body })), { variables: true });
    expect(messageOf(error)).toBe(message('InvalidArgument.callbackBodyBrace'));
    expect(error?.detail('ArgumentName')).toBe('ReplaceKeyPrefix');
    expect(error?.detail('ArgumentValue')).toBe(body);
    expect(
      callbackError(b64(valid({ callbackBody: 'a=${x:a}&b=${bucket}' })), { variables: true }),
    ).toBeUndefined();
  });

  it('refuses only a `$` followed by something other than `{`', () => {
    expect(callbackBodyVariablesError('a=$5')?.message).toBe(message('InvalidArgument.callbackBodyBrace'));
    expect(callbackBodyVariablesError('a=${x:a}')).toBeUndefined();
    expect(callbackBodyVariablesError('price in $')).toBeUndefined();
    expect(callbackBodyVariablesError('a=${unclosed')).toBeUndefined();
    expect(callbackBodyVariablesError('{"a":${size}}')).toBeUndefined();
  });
});

describe('callbackError: characters that cannot go into the callback request', () => {
  const fieldError = (extra: Record<string, unknown>) => callbackError(b64(valid(extra)));
  const FORBIDDEN = [...Array(0x20).keys()].filter((b) => b !== 0x09).concat(0x7f);
  const ALLOWED = ['\t', ' ', '\u0080', '\u00e9', '\u00ff', '\u6587', '\u2028'];
  const hex = (b: number) => `0x${b.toString(16).padStart(2, '0')}`;

  it.each(FORBIDDEN.map((b) => [hex(b), String.fromCharCode(b)] as const))(
    'refuses %s in the callbackUrl path, host and end (before the URLs are trimmed)',
    (_hex, char) => {
      for (const url of [
        `http://a.example.com/c${char}b`,
        `http://a.exa${char}mple.com/cb`,
        `http://a.example.com/cb${char}`,
        `${char}http://a.example.com/cb`,
      ]) {
        const error = fieldError({ callbackUrl: url });
        expect([url, error?.message]).toEqual([url, message('InvalidArgument.callbackUrlInvalid')]);
        expect(error?.detail('ArgumentName')).toBe('callback');
        expect(error?.ec).toBe('0007-00000004');
      }
    },
  );

  it.each(FORBIDDEN.map((b) => [hex(b), String.fromCharCode(b)] as const))(
    'refuses %s in callbackHost, which becomes the Host header',
    (_hex, char) => {
      for (const host of [`a.example.com${char}`, `a${char}b.example.com`, char]) {
        const error = fieldError({ callbackHost: host });
        expect(error?.message).toBe(message('InvalidArgument.callbackHostInvalid'));
        expect(error?.ec).toBe('0007-00000009');
      }
    },
  );

  it.each(FORBIDDEN.map((b) => [hex(b), String.fromCharCode(b)] as const))(
    'refuses %s in callbackBodyType, which becomes the Content-Type header',
    (_hex, char) => {
      for (const type of [`application/json; charset=utf-8${char}`, `application/json${char}`, char]) {
        expect(fieldError({ callbackBodyType: type })?.message).toBe(
          message('InvalidArgument.callbackBodyTypeUnsupported'),
        );
      }
    },
  );

  it('refuses the header injections of the findings', () => {
    expect(fieldError({ callbackHost: 'a.example.com\r\nX-Injected: 1' })?.message).toBe(
      message('InvalidArgument.callbackHostInvalid'),
    );
    expect(fieldError({ callbackUrl: 'http://a.example.com/cb\r\nX-Injected: 1' })?.message).toBe(
      message('InvalidArgument.callbackUrlInvalid'),
    );
    expect(fieldError({ callbackUrl: 'http://a.example.com/cb HTTP/1.1\r\nHost: b\r\n\r\n' })?.message).toBe(
      message('InvalidArgument.callbackUrlInvalid'),
    );
    expect(fieldError({ callbackBodyType: 'application/json;\r\nX-Injected: 1' })?.message).toBe(
      message('InvalidArgument.callbackBodyTypeUnsupported'),
    );
  });

  it('accepts HTAB, SP and non-ASCII characters in each of those fields', () => {
    for (const char of ALLOWED) {
      expect(fieldError({ callbackUrl: `http://a.example.com/c${char}b` })).toBeUndefined();
      expect(fieldError({ callbackHost: `a.example.com${char}x` })).toBeUndefined();
      expect(fieldError({ callbackBodyType: `application/json;${char}charset=utf-8` })).toBeUndefined();
    }
  });

  it('checks the URL before callbackHost, and callbackHost before the body', () => {
    expect(fieldError({ callbackUrl: 'http://a.example.com/\n', callbackHost: '\n' })?.message).toBe(
      message('InvalidArgument.callbackUrlInvalid'),
    );
    expect(fieldError({ callbackHost: '\n', callbackBody: '' })?.message).toBe(
      message('InvalidArgument.callbackHostInvalid'),
    );
  });
});

describe('callbackVarError', () => {
  it('accepts a JSON object of strings, whatever its keys', () => {
    expect(callbackVarError(b64({ 'x:var1': 'value1', 'x:my_var': '' }))).toBeUndefined();
    expect(callbackVarError(b64({}))).toBeUndefined();
    // Live OSS accepted a callback-var keyed like a callback (see the rule's source).
    expect(callbackVarError(b64({ callbackUrl: 'http://a', callbackBody: 'b' }))).toBeUndefined();
  });

  it('accepts exactly 5120 base64 characters and refuses 5121', () => {
    expect(MAX_CALLBACK_VAR_LENGTH).toBe(5120);
    const pad = 'v'.repeat(3840 - JSON.stringify({ 'x:a': '' }).length);
    const atLimit = b64({ 'x:a': pad });
    expect(atLimit).toHaveLength(5120);
    expect(callbackVarError(atLimit)).toBeUndefined();
    const error = callbackVarError(`${atLimit}A`);
    expect(messageOf(error)).toBe(message('InvalidArgument.callbackVarTooLong'));
    expect(error?.detail('ArgumentName')).toBe('callback-var');
    expect(error?.ec).toBe('0007-00000101');
  });

  it('refuses anything that is not a base64 JSON object of strings', () => {
    for (const value of [
      b64('x:var1=value1'),
      b64('[]'),
      b64('"x"'),
      b64({ 'x:a': 1 }),
      b64({ 'x:a': null }),
      b64({ 'x:a': { b: 'c' } }),
      '{not base64}',
    ]) {
      expect(messageOf(callbackVarError(value))).toBe(message('InvalidArgument.callbackVarNotJson'));
    }
  });
});

describe('callback rules', () => {
  const parse = createRequestParser();
  const rule = (id: string) => callbackRules.find((r) => r.id === id)!;

  it('registers only the operations that take a callback', () => {
    for (const r of callbackRules) {
      expect(r.family).toBe('callback');
      const ops = r.operations as readonly string[];
      expect(ops.every((op) => ['PutObject', 'PostObject', 'CompleteMultipartUpload'].includes(op))).toBe(
        true,
      );
    }
  });

  it('lists only catalogued messages', () => {
    for (const r of callbackRules)
      for (const key of r.errors) expect([key, messageKeys().includes(key)]).toEqual([key, true]);
  });

  it('validates the PostObject callback form field, with x: fields as variables', () => {
    const base = parse({ method: 'POST', url: '/example-bucket', headers: { host: 'localhost' } });
    expect(base.operation).toBe('PostObject');
    const withForm = (form: Record<string, string>): OssRequest => ({ ...base, form });
    const config = rule('callback-config');
    expect(config.check(base, { now: 0 })).toBeUndefined();
    expect(config.check(withForm({ key: 'a', callback: b64(valid()) }), { now: 0 })).toBeUndefined();
    expect(config.check(withForm({ Callback: b64({ callbackBody: 'a' }) }), { now: 0 })?.message).toBe(
      message('InvalidArgument.callbackUrlInvalid'),
    );
    const body = b64(valid({ callbackBody: 'v=$x:v}' }));
    expect(config.check(withForm({ callback: body }), { now: 0 })).toBeUndefined();
    expect(config.check(withForm({ callback: body, 'x:v': '1' }), { now: 0 })?.message).toBe(
      message('InvalidArgument.callbackBodyBrace'),
    );
  });
});

type PeerVector = {
  source: string;
  input: {
    check?: string;
    header?: string;
    value?: string;
    query?: Record<string, string>;
    callbackVar?: string;
    decoded?: unknown;
    base64Length?: number;
    'x-oss-callback'?: string;
  };
  expect: { valid?: boolean; 'x-oss-callback'?: string; 'x-oss-callback-var'?: string };
};

const vectors = (
  JSON.parse(readFileSync('/work/shared/research/peer-vectors.json', 'utf8')) as PeerVector[]
).filter(
  (v) =>
    v.input.check === 'callback' || v.input.check === 'callbackVar' || v.input.check === 'callbackEncode',
);

describe('peer vectors (research/peer-vectors.json)', () => {
  // OSS refuses additionalHeaders keys starting with x-oss- (EC 0007-00000026) but publishes no
  // message, so the rule accepts them rather than invent one.
  const unpublishedMessage = (v: PeerVector) =>
    v.source.includes('0007-00000026') && v.expect.valid === false;

  it('has the vectors', () => {
    expect(vectors.length).toBeGreaterThanOrEqual(10);
  });

  for (const v of vectors) {
    it(v.source, () => {
      if (v.input.check === 'callbackEncode') {
        expect(callbackError(v.expect['x-oss-callback']!, { variables: true })).toBeUndefined();
        expect(callbackVarError(v.expect['x-oss-callback-var']!)).toBeUndefined();
        return;
      }
      if (v.input.check === 'callbackVar') {
        expect(callbackVarError('A'.repeat(v.input.base64Length!))?.message).toBe(
          message('InvalidArgument.callbackVarTooLong'),
        );
        return;
      }
      const value = v.input.value ?? v.input.query?.callback ?? b64(v.input.decoded);
      const error = callbackError(value, { variables: v.input.callbackVar !== undefined || !!v.input.query });
      if (unpublishedMessage(v)) expect(error).toBeUndefined();
      else expect([error?.message, error === undefined]).toEqual([error?.message, v.expect.valid]);
      const vars = v.input.callbackVar ?? v.input.query?.['callback-var'];
      if (vars !== undefined) expect(callbackVarError(vars)).toBeUndefined();
    });
  }
});
