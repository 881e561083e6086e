import { defineRule } from '../../core/rule';
import { children, childText, textOf } from '../../core/xml';
import { MALFORMED_XML_MESSAGE, malformedXml, parseDecimal } from '../shared';
import { configRoot, isBooleanText } from './config-value';

const METHODS = new Set(['GET', 'PUT', 'DELETE', 'POST', 'HEAD']);
/** "The XML message body in a request can be up to 16 KB in size." */
export const MAX_CORS_BODY_BYTES = 16 * 1024;

const stars = (text: string) => text.split('*').length - 1;

export const corsRuleValues = defineRule({
  id: 'cors-rule-values',
  family: 'bucket-config',
  operations: ['PutBucketCors'],
  phase: 'body',
  errors: [MALFORMED_XML_MESSAGE],
  source:
    'PutBucketCors API reference: at least one CORSRule; each needs AllowedOrigin and AllowedMethod (GET, PUT, ' +
    'DELETE, POST, HEAD); AllowedOrigin and AllowedHeader hold at most one * each; ExposeHeader holds none; at most ' +
    'one MaxAgeSeconds (an integer) per rule; ResponseVary is a Boolean; the body is at most 16 KB. The code is ' +
    'not documented: MalformedXML, the answer to a document outside the schema, is R. Method names compare ' +
    'case-insensitively and blanks around values are tolerated, as OSS does not say otherwise.',
  check: (request) => {
    const config = configRoot(request, 'CORSConfiguration');
    if (config === undefined) return undefined;
    if ((request.body?.length ?? 0) > MAX_CORS_BODY_BYTES) return malformedXml();
    const rules = children(config, 'CORSRule');
    if (rules.length === 0) return malformedXml();
    for (const rule of rules) {
      const origins = children(rule, 'AllowedOrigin').map((e) => textOf(e).trim());
      const methods = children(rule, 'AllowedMethod').map((e) => textOf(e).trim().toUpperCase());
      if (origins.length === 0 || origins.some((o) => stars(o) > 1)) return malformedXml();
      if (methods.length === 0 || methods.some((m) => !METHODS.has(m))) return malformedXml();
      if (children(rule, 'AllowedHeader').some((e) => stars(textOf(e)) > 1)) return malformedXml();
      if (children(rule, 'ExposeHeader').some((e) => textOf(e).includes('*'))) return malformedXml();
      const maxAge = children(rule, 'MaxAgeSeconds');
      if (maxAge.length > 1 || maxAge.some((e) => parseDecimal(textOf(e)) === undefined))
        return malformedXml();
    }
    const vary = childText(config, 'ResponseVary');
    return vary === undefined || isBooleanText(vary) ? undefined : malformedXml();
  },
});
