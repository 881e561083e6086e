import { memoizeByString } from '../../core/memo';
import { defineRule } from '../../core/rule';
import { callbackError } from './callback-config-error';
import * as m from './messages';
import { CALLBACK_INPUTS, CALLBACK_OPERATIONS, callbackSource, hasCallbackVariables } from './transport';

const callbackWithVariables = memoizeByString((value) => callbackError(value, { variables: true }));
const callbackWithoutVariables = memoizeByString((value) => callbackError(value, { variables: false }));

export const callbackConfig = defineRule({
  id: 'callback-config',
  family: 'callback',
  operations: CALLBACK_OPERATIONS,
  errors: [
    m.CALLBACK_TOO_LONG,
    m.CALLBACK_NOT_BASE64,
    m.CALLBACK_NOT_JSON,
    m.CALLBACK_URL_INVALID,
    m.CALLBACK_URL_TOO_MANY,
    m.CALLBACK_PRIVATE_ADDRESS,
    m.CALLBACK_HOST_UNRESOLVABLE,
    m.CALLBACK_HOST_INVALID,
    m.CALLBACK_BODY_EMPTY,
    m.CALLBACK_BODY_INVALID,
    m.CALLBACK_BODY_TYPE_INVALID,
    m.CALLBACK_BODY_TYPE_UNSUPPORTED,
    m.CALLBACK_SNI_INVALID,
    m.CALLBACK_BODY_BRACE,
  ],
  source: [
    'seed 002 (InvalidArgument callback messages)',
    'https://help.aliyun.com/en/oss/developer-reference/callback',
    'EC pages 0007-00000001..12 (https://www.alibabacloud.com/help/en/oss/support/0007-00000001 ...)',
    'https://help.aliyun.com/zh/oss/the-callback-sni-is-invalid',
    'research oss-rules-headers.md §2 C1-C13 ; peers.md "Callback" (callbackPolicy-only callbacks are valid).',
    'Uncertain, decided toward accepting: 5 KB = 5120 characters inclusive; callback on other operations is ignored;',
    'host names are not resolved (OSS may still answer InvalidArgument.callbackHostUnresolvable or the private-address error);',
    'digits-and-dots hosts that are not a dotted quad (`123.456`, `1.2.3`, a public integer) get "Can not get ip by this',
    'host." (message mapping R); `010.0.0.1` (8.0.0.1 to a WHATWG parser, 10.0.0.1 read as decimal) is accepted;',
    'body type compared case-insensitively with parameters allowed; additionalHeaders not checked (no messages);',
    'callback-var values only go into the callback body, URL- or JSON-encoded, so they are not checked for control characters.',
    'Decided toward refusing, since no public callback server can be meant (issue 8): the private-address message for a',
    'URL whose host a WHATWG URL parser (node URL, on the whole URL and on the host) reads as a non-public address in any',
    'notation (hex, octal, short, single integer, percent-encoded, IDNA; IPv4-mapped, -compatible, NAT64, 6to4 and Teredo',
    'IPv6 judged by the embedded IPv4; ranges from ipaddr.js), or that names localhost, localhost.localdomain,',
    'ip6-localhost, ip6-loopback, metadata.tencentyun.com, a single label (no public resolver answers one; a search list',
    'does, from the local network) or a name under .localhost (RFC 6761), .local (RFC 6762), .home.arpa (RFC 8375),',
    '.internal (reserved for private use by ICANN, 2024: metadata.google.internal) or .localdomain (not in the root zone);',
    'OSS documents only dotted examples, so which of its two host messages it gives for the other notations is R.',
    'callbackHost is not judged as an address: OSS connects to the callbackUrl host and sends callbackHost only as the',
    'Host header (Callback API reference), so it never names the target.',
    'A character not allowed in an HTTP field value (RFC 9110 §5.5: controls other than HTAB, and DEL) in callbackUrl',
    '(the callback request line and Host), callbackHost (its Host header) or callbackBodyType (its Content-Type) gets that',
    "field's message, OSS documenting none of its own; callbackSNI is a boolean and cannot carry one.",
  ].join(' '),
  inputs: CALLBACK_INPUTS,
  check: (request) => {
    const source = callbackSource(request);
    if (source === undefined) return undefined;
    // PostObject variables are form fields that need no checks of their own, so their syntax check belongs here.
    const variables = source.transport === 'form' && hasCallbackVariables(request);
    return variables ? callbackWithVariables(source.value) : callbackWithoutVariables(source.value);
  },
});
