import type ipaddr from 'ipaddr.js';
import { lazyModule } from '../../core/lazy';

// Loaded with the first callback URL that names an address literal, not at import.
const addresses = lazyModule<typeof ipaddr>('ipaddr.js');

/**
 * What pre-flight can tell about a callback host without DNS:
 * - `forbidden`: a literal address (or `localhost`) OSS will not call back;
 * - `unresolvable`: digits and dots that are not an IPv4 address, so no resolver
 *   can turn them into one (all-numeric TLDs do not exist);
 * - `unknown`: a name; only OSS's resolver can tell where it points.
 */
export type CallbackHostClass = 'forbidden' | 'unresolvable' | 'unknown' | 'public';

// as112 and amt are public anycast services, reachable like any other unicast address.
const PUBLIC_IPV4 = new Set(['unicast', 'as112', 'amt']);
const PUBLIC_IPV6 = new Set(['unicast', 'as112v6', 'amt']);
const DIGITS_AND_DOTS = /^[0-9.]+$/;
const PADDED_QUAD = /^\d+\.\d+\.\d+\.\d+$/;

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
  // Teredo embeds the relay and an obfuscated client; the address itself is global.
  if (range === 'teredo') return 'public';
  return PUBLIC_IPV6.has(range) ? 'public' : 'forbidden';
}

/** Classifies the host part of one callback URL (brackets already removed from IPv6 literals). */
export function classifyCallbackHost(rawHost: string): CallbackHostClass {
  const host = (rawHost.endsWith('.') ? rawHost.slice(0, -1) : rawHost).toLowerCase();
  if (host === 'localhost') return 'forbidden';
  if (host.includes(':')) {
    if (!addresses().IPv6.isValid(host)) return 'unknown';
    return classifyIPv6(addresses().IPv6.parse(host));
  }
  if (!DIGITS_AND_DOTS.test(host)) return 'unknown';
  if (addresses().IPv4.isValidFourPartDecimal(host)) return classifyIPv4(addresses().IPv4.parse(host));
  // `010.0.0.1` may be read as decimal, octal or a name depending on the parser: undecidable, so accepted.
  if (PADDED_QUAD.test(host) && host.split('.').every((part) => Number(part) <= 255)) return 'unknown';
  return 'unresolvable';
}
