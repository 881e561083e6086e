import { describe, expect, it } from '@jest/globals';
import { callbackError, classifyCallbackHost } from '../../src/rules/callback';
import { message } from '../helpers/catalogue';

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64');
const callbackFor = (callbackUrl: string) =>
  // biome-ignore lint/suspicious/noTemplateCurlyInString: OSS callback bodies use ${var} literally.
  callbackError(b64({ callbackUrl, callbackBody: 'object=${object}' }));

const PRIVATE = message('InvalidArgument.callbackPrivateAddress');

/**
 * Callback URLs whose target is not on the public Internet, each in a notation that a WHATWG URL
 * parser (and so any HTTP client built on one) reads as a private, loopback, link-local, metadata
 * or reserved target, or a name only a private resolver answers. Every one must be refused with
 * the answer OSS gives for a private dotted address.
 */
const REFUSED: ReadonlyArray<readonly [notation: string, url: string]> = [
  // 127.0.0.1
  ['hex integer', 'http://0x7f000001/cb'],
  ['hex integer, upper case', 'http://0X7F000001/cb'],
  ['hex first part', 'http://0x7f.0.0.1/cb'],
  ['hex every part', 'http://0x7f.0x0.0x0.0x1/cb'],
  ['octal first part', 'http://0177.0.0.1/cb'],
  ['octal every part', 'http://0177.0000.0000.0001/cb'],
  ['zero-padded decimal', 'http://127.000.000.001/cb'],
  ['two-part short form', 'http://127.1/cb'],
  ['three-part short form', 'http://127.0.1/cb'],
  ['hex short form', 'http://0x7f.1/cb'],
  ['decimal integer', 'http://2130706433/cb'],
  ['octal integer', 'http://017700000001/cb'],
  ['trailing dot', 'http://127.0.0.1./cb'],
  ['percent-encoded digits', 'http://%31%32%37.0.0.1/cb'],
  ['ideographic full stops (IDNA)', 'http://127\u30020\u30020\u30021/cb'],
  ['hex integer with a port', 'http://0x7f000001:8080/cb'],
  ['no scheme (OSS example)', '127.0.0.1:8088/test.php'],
  ['no scheme, hex', '0x7f000001/test.php'],
  ['userinfo before the host', 'http://user:pw@127.0.0.1/cb'],
  ['a name as userinfo', 'http://example.com@127.0.0.1/cb'],
  ['backslash ends the authority', 'http://127.0.0.1\\@example.com/cb'],
  ['tab inside the host', 'http://127.0.0.\t1/cb'],
  ['second of two URLs', 'http://a.example.com/cb;http://0x7f000001/cb'],
  // 169.254.169.254, the cloud metadata address
  ['metadata, dotted', 'http://169.254.169.254/latest/meta-data'],
  ['metadata, hex integer', 'http://0xa9fea9fe/'],
  ['metadata, hex parts', 'http://0xa9.0xfe.0xa9.0xfe/'],
  ['metadata, octal parts', 'http://0251.0376.0251.0376/'],
  ['metadata, decimal integer', 'http://2852039166/'],
  ['metadata, three parts', 'http://169.254.43518/'],
  ['metadata, two parts', 'http://169.16689662/'],
  // 100.100.100.200, Alibaba Cloud's metadata address
  ['Alibaba metadata, dotted', 'http://100.100.100.200/latest/meta-data'],
  ['Alibaba metadata, hex integer', 'http://0x646464c8/'],
  ['Alibaba metadata, decimal integer', 'http://1684301000/'],
  ['Alibaba metadata, octal parts', 'http://0144.0144.0144.0310/'],
  ['Alibaba metadata, three parts', 'http://100.100.25800/'],
  // RFC 1918
  ['10/8 dotted', 'http://10.0.0.1/cb'],
  ['10/8 hex', 'http://0xa000001/cb'],
  ['10/8 octal first part', 'http://012.0.0.1/cb'],
  ['10/8 decimal integer', 'http://167772161/cb'],
  ['192.168/16 dotted', 'http://192.168.0.1/cb'],
  ['192.168/16 hex', 'http://0xc0a80001/cb'],
  ['192.168/16 octal', 'http://0300.0250.0.1/cb'],
  ['192.168/16 short form', 'http://192.168.1/cb'],
  ['172.16/12 dotted', 'http://172.16.0.1/cb'],
  ['172.16/12 hex', 'http://0xac100001/cb'],
  // 0.0.0.0/8, shared address space, broadcast, multicast, reserved
  ['0.0.0.0', 'http://0.0.0.0/cb'],
  ['0 as an integer', 'http://0/cb'],
  ['0x0', 'http://0x0/cb'],
  ['0.0.0.0/8', 'http://0.1.2.3/cb'],
  ['small integer in 0.0.0.0/8', 'http://12345/cb'],
  ['100.64/10 low', 'http://100.64.0.1/cb'],
  ['100.64/10 high', 'http://100.127.255.254/cb'],
  ['broadcast', 'http://255.255.255.255/cb'],
  ['broadcast, integer', 'http://4294967295/cb'],
  ['broadcast, hex', 'http://0xffffffff/cb'],
  ['multicast', 'http://224.0.0.1/cb'],
  ['multicast SSDP', 'http://239.255.255.250/cb'],
  ['reserved 240/4', 'http://240.0.0.1/cb'],
  ['IETF protocol assignments', 'http://192.0.0.8/cb'],
  ['benchmarking', 'http://198.18.0.1/cb'],
  ['documentation', 'http://192.0.2.1/cb'],
  // IPv6
  ['IPv6 loopback', 'http://[::1]/cb'],
  ['IPv6 loopback, full', 'http://[0:0:0:0:0:0:0:1]/cb'],
  ['IPv6 loopback, https and port', 'https://[::1]:8443/cb'],
  ['IPv6 unspecified', 'http://[::]/cb'],
  ['IPv6 link-local', 'http://[fe80::1]/cb'],
  ['IPv6 link-local with a zone', 'http://[fe80::1%25eth0]/cb'],
  ['IPv6 unique-local', 'http://[fc00::1]/cb'],
  ['IPv6 unique-local (AWS metadata)', 'http://[fd00:ec2::254]/cb'],
  ['IPv6 site-local (deprecated)', 'http://[fec0::1]/cb'],
  ['IPv6 multicast', 'http://[ff02::1]/cb'],
  ['IPv6 documentation', 'http://[2001:db8::1]/cb'],
  ['IPv6 discard', 'http://[100::1]/cb'],
  ['IPv4-mapped, dotted', 'http://[::ffff:127.0.0.1]/cb'],
  ['IPv4-mapped, hex', 'http://[::ffff:7f00:1]/cb'],
  ['IPv4-mapped, full', 'http://[0:0:0:0:0:ffff:7f00:1]/cb'],
  ['IPv4-mapped metadata', 'http://[::ffff:169.254.169.254]/'],
  ['IPv4-mapped metadata, hex', 'http://[::ffff:a9fe:a9fe]/'],
  ['IPv4-mapped private', 'http://[::ffff:a00:1]/cb'],
  ['IPv4-translated (RFC 6145)', 'http://[::ffff:0:7f00:1]/cb'],
  ['IPv4-compatible, dotted', 'http://[::127.0.0.1]/cb'],
  ['IPv4-compatible, hex', 'http://[::7f00:1]/cb'],
  ['IPv4-compatible private', 'http://[::192.168.0.1]/cb'],
  ['NAT64 of loopback', 'http://[64:ff9b::127.0.0.1]/cb'],
  ['NAT64 of metadata', 'http://[64:ff9b::a9fe:a9fe]/'],
  ['NAT64 of a private address', 'http://[64:ff9b::10.0.0.1]/cb'],
  ['local-use NAT64 (64:ff9b:1::/48)', 'http://[64:ff9b:1::a00:1]/cb'],
  ['6to4 of loopback', 'http://[2002:7f00:1::]/cb'],
  ['6to4 of metadata', 'http://[2002:a9fe:a9fe::1]/'],
  ['6to4 of a private address', 'http://[2002:c0a8:0101::1]/cb'],
  ['Teredo with a loopback client', 'http://[2001:0:4136:e378:8000:63bf:80ff:fffe]/cb'],
  ['Teredo with a private server', 'http://[2001:0:a00:1:8000:63bf:f7f7:f7f7]/cb'],
  ['bare IPv6 loopback, no scheme', '::1'],
  // Reserved names
  ['localhost', 'http://localhost/cb'],
  ['localhost, upper case', 'http://LOCALHOST/cb'],
  ['localhost, trailing dot', 'http://localhost./cb'],
  ['localhost, mixed case and dot', 'http://LocalHost./cb'],
  ['localhost with a port', 'http://localhost:8080/cb'],
  ['localhost, no scheme', 'localhost/cb'],
  ['*.localhost', 'http://foo.localhost/cb'],
  ['*.localhost, trailing dot', 'http://a.b.localhost./cb'],
  ['localhost.localdomain', 'http://localhost.localdomain/cb'],
  ['*.localdomain', 'http://db.localdomain/cb'],
  ['ip6-localhost', 'http://ip6-localhost/cb'],
  ['ip6-loopback', 'http://ip6-loopback/cb'],
  ['single label: metadata', 'http://metadata/computeMetadata/v1/'],
  ['single label: intranet', 'http://intranet/cb'],
  ['single label with a port', 'http://build-server:8080/cb'],
  ['metadata.google.internal', 'http://metadata.google.internal/computeMetadata/v1/'],
  ['metadata.google.internal, trailing dot', 'http://metadata.google.internal./computeMetadata/v1/'],
  ['*.internal (EC2)', 'http://instance-data.ec2.internal/latest/'],
  ['metadata.tencentyun.com', 'http://metadata.tencentyun.com/latest/meta-data/'],
  ['mDNS .local', 'http://printer.local/cb'],
  ['.home.arpa', 'http://router.home.arpa/cb'],
  ['percent-encoded localhost', 'http://%6c%6f%63%61%6c%68%6f%73%74/cb'],
  ['partly percent-encoded localhost', 'http://loc%61lhost/cb'],
  ['fullwidth localhost (IDNA)', 'http://\uff4c\uff4f\uff43\uff41\uff4c\uff48\uff4f\uff53\uff54/cb'],
  ['fullwidth dot before localhost (IDNA)', 'http://foo\uff0elocalhost/cb'],
];

/** Public names and addresses, including notations of public addresses: none may be refused. */
const ACCEPTED: ReadonlyArray<readonly [notation: string, url: string]> = [
  ['a name', 'http://example.com/cb'],
  ['a name, upper case', 'http://EXAMPLE.COM/cb'],
  ['a name, trailing dot', 'http://example.com./cb'],
  ['a name with a port', 'http://oss-demo.aliyuncs.com:23450'],
  ['https with a query and fragment', 'https://example.com:443/a?b=c#d'],
  ['highest port', 'http://example.com:65535/x'],
  ['userinfo', 'http://user:pw@example.com/cb'],
  ['a name with digits', 'http://1.example.com/cb'],
  ['a name that starts with an address', 'http://127.0.0.1.example.com/cb'],
  ['a name that starts with localhost', 'http://localhost.example.com/cb'],
  ['a name that starts with metadata', 'http://metadata.example.com/cb'],
  ['a name with internal in it', 'http://internal.example.com/cb'],
  ['a name ending like a reserved one', 'http://notlocalhost.com/cb'],
  ['a deep name', 'http://a.b.c.example.co.uk/cb'],
  ['an IDN', 'http://\u4f8b\u5b50.\u4e2d\u56fd/cb'],
  ['public IPv4', 'http://8.8.8.8/cb'],
  ['public IPv4, hex integer', 'http://0x08080808/cb'],
  ['public IPv4, hex parts', 'http://0x8.0x8.0x8.0x8/cb'],
  ['zero-padded: 8.0.0.1 to a WHATWG parser', 'http://010.0.0.1/cb'],
  ['public IPv4, no scheme (OSS example)', '121.101.166.30/test.php'],
  ['just outside 172.16/12', 'http://172.32.0.1/cb'],
  ['just outside 100.64/10', 'http://100.128.0.1/cb'],
  ['just outside 169.254/16', 'http://169.255.0.1/cb'],
  ['just outside 10/8', 'http://11.0.0.1/cb'],
  ['just outside 192.168/16', 'http://192.169.0.1/cb'],
  ['AS112 anycast', 'http://192.175.48.1/cb'],
  ['public IPv6', 'http://[2001:4860:4860::8888]/cb'],
  ['public IPv6 with a port', 'http://[2400:3200::1]:8080/cb'],
  ['AS112 IPv6', 'http://[2620:4f:8000::1]/cb'],
  ['IPv4-mapped public', 'http://[::ffff:8.8.8.8]/cb'],
  ['NAT64 of a public address', 'http://[64:ff9b::8.8.8.8]/cb'],
  ['6to4 of a public address', 'http://[2002:0808:0808::1]/cb'],
  ['Teredo with public server and client', 'http://[2001:0:4136:e378:8000:63bf:f7f7:f7f7]/cb'],
  [
    'five public URLs',
    'http://a.example.com;http://8.8.8.8;example.org/x;https://[2001:4860:4860::8888];b.example.com:81',
  ],
];

describe('callback targets: every notation of a non-public target is refused', () => {
  it(`has the notations the findings list, and more (${REFUSED.length})`, () => {
    expect(REFUSED.length).toBeGreaterThanOrEqual(64);
  });

  it.each(REFUSED)('%s: %s', (_notation, url) => {
    const error = callbackFor(url);
    expect(error?.code).toBe('InvalidArgument');
    expect(error?.message).toBe(PRIVATE);
    expect(error?.detail('ArgumentName')).toBe('callbackUrl');
    expect(error?.ec).toBe('0007-00000008');
  });
});

describe('callback targets: public names and addresses pass', () => {
  it.each(ACCEPTED)('%s: %s', (_notation, url) => {
    expect(callbackFor(url)).toBeUndefined();
  });
});

describe('classifyCallbackHost', () => {
  it('reads hosts as a WHATWG URL parser does', () => {
    expect(classifyCallbackHost('0x7f000001')).toBe('forbidden');
    expect(classifyCallbackHost('2130706433')).toBe('forbidden');
    expect(classifyCallbackHost('[::ffff:7f00:1]')).toBe('forbidden');
    expect(classifyCallbackHost('::ffff:7f00:1')).toBe('forbidden');
    expect(classifyCallbackHost('LOCALHOST.')).toBe('forbidden');
    expect(classifyCallbackHost('metadata')).toBe('forbidden');
    expect(classifyCallbackHost('0x08080808')).toBe('public');
    expect(classifyCallbackHost('[2001:4860:4860::8888]')).toBe('public');
    expect(classifyCallbackHost('1.example.com')).toBe('unknown');
  });

  it('keeps InvalidArgument.callbackHostUnresolvable for digits and dots that are not a dotted quad', () => {
    // OSS's documented example; a WHATWG parser would read it as 123.0.1.200.
    expect(classifyCallbackHost('123.456')).toBe('unresolvable');
    expect(classifyCallbackHost('1.2.3')).toBe('unresolvable');
    expect(classifyCallbackHost('1.2.3.256')).toBe('unresolvable');
    expect(callbackFor('http://1.2.3/cb')?.message).toBe(message('InvalidArgument.callbackHostUnresolvable'));
    // The same class: a decimal integer that a WHATWG parser reads as a public address (8.8.8.8).
    expect(callbackFor('http://134744072/cb')?.message).toBe(
      message('InvalidArgument.callbackHostUnresolvable'),
    );
  });
});
