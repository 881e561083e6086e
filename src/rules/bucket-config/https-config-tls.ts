import { defineRule } from '../../core/rule';
import { children, childText, textOf } from '../../core/xml';
import { MALFORMED_XML_MESSAGE, malformedXml } from '../shared';
import { configRoot, isBooleanText } from './config-value';

const TLS_VERSIONS = new Set(['tlsv1.0', 'tlsv1.1', 'tlsv1.2', 'tlsv1.3']);

export const httpsConfigTls = defineRule({
  id: 'https-config-tls',
  family: 'bucket-config',
  operations: ['PutBucketHttpsConfig'],
  phase: 'body',
  errors: [MALFORMED_XML_MESSAGE],
  source:
    'PutBucketHttpsConfig API reference: HttpsConfiguration/TLS/Enable is true or false; TLSVersion is TLSv1.0, ' +
    'TLSv1.1, TLSv1.2 or TLSv1.3, at least one when Enable is true. Code undocumented: MalformedXML is R. Letter ' +
    'case is tolerated.',
  check: (request) => {
    const config = configRoot(request, 'HttpsConfiguration');
    if (config === undefined) return undefined;
    for (const tls of children(config, 'TLS')) {
      const enable = childText(tls, 'Enable');
      if (enable === undefined || !isBooleanText(enable)) return malformedXml();
      const versions = children(tls, 'TLSVersion').map((v) => textOf(v).trim().toLowerCase());
      if (versions.some((v) => !TLS_VERSIONS.has(v))) return malformedXml();
      if (enable.trim().toLowerCase() === 'true' && versions.length === 0) return malformedXml();
    }
    return undefined;
  },
});
