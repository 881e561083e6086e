import type ipaddr from 'ipaddr.js';
import { lazyModule } from '../../core/lazy';

// Loaded with the first callback URL that names an address literal, not at import.
const addresses = lazyModule<typeof ipaddr>('ipaddr.js');

/**
 * What pre-flight can tell about a callback host without DNS:
 * - `forbidden`: an address OSS will not call back (private, loopback, link-local, metadata, ...)
 *   in any notation a WHATWG URL parser reads as one, or a name that only a private resolver can
 *   answer (`localhost`, single labels, `*.internal`, ...);
 * - `unresolvable`: digits and dots that are not a dotted-quad address (`123.456`), which OSS
 *   documents as InvalidArgument.callbackHostUnresolvable;
 * - `unknown`: a name; only OSS's resolver can tell where it points;
 * - `public`: a literal address on the public Internet.
 */
export type CallbackHostClass = 'forbidden' | 'unresolvable' | 'unknown' | 'public';

// as112 and amt are public anycast services, reachable like any other unicast address.
const PUBLIC_IPV4 = new Set(['unicast', 'as112', 'amt']);
const PUBLIC_IPV6 = new Set(['unicast', 'as112v6', 'amt']);
const DIGITS_AND_DOTS = /^[0-9.]+$/;
const PADDED_QUAD = /^\d+\.\d+\.\d+\.\d+$/;
// Characters that would change how `http://<host>/` splits into parts, so a host holding one is
// not re-parsed on its own (the whole URL is, in callback-url.ts).
const URL_DELIMITERS = /[/?#@\\]/;
const TRAILING_DOTS = /\.+$/;
// One DNS label and nothing else: no public resolver answers it, a resolver with a search list
// (or /etc/hosts) answers it from the local network (`metadata`, `intranet`, `ip6-localhost`).
const SINGLE_LABEL = /^[a-z0-9_-]+$/;

/** Names no public resolver answers; each of them is answered from the caller's own network. */
const RESERVED_NAMES: ReadonlySet<string> = new Set([
  'localhost',
  'localhost.localdomain',
  'ip6-localhost',
  'ip6-loopback',
  // Tencent Cloud's metadata service (169.254.0.23 inside its network).
  'metadata.tencentyun.com',
]);

/**
 * Special-use domains that are not delegated in the public DNS, so a public callback server can
 * never have a name under them: `.localhost` (RFC 6761), `.local` (mDNS, RFC 6762), `.home.arpa`
 * (RFC 8375), `.internal` (reserved for private use by ICANN in 2024; `metadata.google.internal`,
 * `*.ec2.internal`), `.localdomain` (not in the root zone; the /etc/hosts convention).
 */
const RESERVED_SUFFIXES: readonly string[] = [
  '.localhost',
  '.local',
  '.home.arpa',
  '.internal',
  '.localdomain',
];

function classifyIPv4(address: ipaddr.IPv4): CallbackHostClass {
  return PUBLIC_IPV4.has(address.range()) ? 'public' : 'forbidden';
}

function embeddedIPv4(high: number, low: number): ipaddr.IPv4 {
  return new (addresses().IPv4)([high >> 8, high & 0xff, low >> 8, low & 0xff]);
}

function classifyIPv6(address: ipaddr.IPv6): CallbackHostClass {
  const p = address.parts;
  const range: string = address.range();
  // Forms that carry an IPv4 address are judged by that address, so
  // `::ffff:10.0.0.1` or `64:ff9b::a00:1` cannot smuggle a private target.
  if (range === 'ipv4Mapped' || range === 'rfc6145') return classifyIPv4(embeddedIPv4(p[6]!, p[7]!));
  if (range === 'rfc6052') {
    // 64:ff9b:1::/48 is for local NAT64 only; 64:ff9b::/96 embeds a public translation target.
    return p[2] === 0 ? classifyIPv4(embeddedIPv4(p[6]!, p[7]!)) : 'forbidden';
  }
  if (range === '6to4') return classifyIPv4(embeddedIPv4(p[1]!, p[2]!));
  // Deprecated IPv4-compatible form ::a.b.c.d (:: and ::1 are classified as unspecified/loopback).
  if (range === 'unicast' && p.slice(0, 6).every((x) => x === 0))
    return classifyIPv4(embeddedIPv4(p[6]!, p[7]!));
  if (range === 'teredo') {
    // 2001:0:SERVER:flags:port:~CLIENT. A working Teredo address has a public server and a public
    // (NAT) client address; one that embeds a private address is not a real Teredo peer.
    const server = embeddedIPv4(p[2]!, p[3]!);
    const client = embeddedIPv4(~p[6]! & 0xffff, ~p[7]! & 0xffff);
    return classifyIPv4(server) === 'public' && classifyIPv4(client) === 'public' ? 'public' : 'forbidden';
  }
  return PUBLIC_IPV6.has(range) ? 'public' : 'forbidden';
}

function classifyName(name: string): CallbackHostClass {
  const host = name.replace(TRAILING_DOTS, '');
  if (RESERVED_NAMES.has(host) || SINGLE_LABEL.test(host)) return 'forbidden';
  return RESERVED_SUFFIXES.some((suffix) => host.endsWith(suffix)) ? 'forbidden' : 'unknown';
}

/** An IPv6 literal or digits-and-dots as written; `unknown` for anything else. */
function classifyAddressLiteral(host: string): CallbackHostClass {
  if (host.includes(':')) {
    if (!addresses().IPv6.isValid(host)) return 'unknown';
    return classifyIPv6(addresses().IPv6.parse(host));
  }
  if (!DIGITS_AND_DOTS.test(host)) return 'unknown';
  const quad = host.replace(/\.$/, '');
  if (addresses().IPv4.isValidFourPartDecimal(quad)) return classifyIPv4(addresses().IPv4.parse(quad));
  // `010.0.0.1` is 8.0.0.1 to a WHATWG parser but 10.0.0.1 to a decimal one: the WHATWG reading
  // is judged by the caller; the decimal one alone is not a reason to refuse.
  if (PADDED_QUAD.test(quad) && quad.split('.').every((part) => Number(part) <= 255)) return 'unknown';
  return 'unresolvable';
}

/** A host judged as written: an address literal, or else a name. */
function classifyLiteral(rawHost: string): CallbackHostClass {
  const host = rawHost.toLowerCase();
  if (host.includes(':') || DIGITS_AND_DOTS.test(host)) return classifyAddressLiteral(host);
  return classifyName(host);
}

/**
 * The host a WHATWG URL parser (node's `URL`) makes of `host`: IPv4 in every notation (hex,
 * octal, short, a single integer) becomes a dotted quad, percent-escapes and IDNA mappings are
 * resolved, letters are lower-cased. Undefined when the parser refuses the host.
 */
export function whatwgHost(host: string): string | undefined {
  if (URL_DELIMITERS.test(host)) return undefined;
  try {
    return new URL(`http://${host.includes(':') ? `[${host}]` : host}/`).hostname;
  } catch {
    return undefined;
  }
}

function unbracket(host: string): string {
  return host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
}

/** Classifies a host a WHATWG URL parser already produced (`URL#hostname`), without parsing it again. */
export function classifyWhatwgHost(hostname: string): CallbackHostClass {
  return classifyLiteral(unbracket(hostname));
}

/**
 * Classifies the host part of one callback URL (brackets optional on IPv6 literals). Names are
 * judged as a WHATWG parser normalises them, so no notation (`0x7f000001`, `0177.0.0.1`, `127.1`,
 * `2130706433`, `%6c%6fcalhost`, `LOCALHOST.`) reads as public here and as private to OSS; an
 * address literal is also judged as written, and refused when either reading is non-public.
 */
export function classifyCallbackHost(rawHost: string): CallbackHostClass {
  const host = unbracket(rawHost);
  const normalised = whatwgHost(host);
  if (normalised === undefined) return classifyLiteral(host);
  const canonical = classifyLiteral(unbracket(normalised));
  if (canonical === 'forbidden') return canonical;
  const literal = classifyAddressLiteral(host.toLowerCase());
  // `123.456` stays InvalidArgument.callbackHostUnresolvable (OSS's documented example) although a WHATWG
  // parser reads it as 123.0.1.200.
  return literal === 'forbidden' || literal === 'unresolvable' ? literal : canonical;
}
