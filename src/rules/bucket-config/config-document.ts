import { defineRule } from '../../core/rule';
import { hasRoot, MALFORMED_XML_MESSAGE, malformedXml, parsedBody } from '../multipart';

/** The document element each configuration must have (API reference of each operation). */
export const CONFIG_ROOTS: Readonly<Record<string, string>> = {
  PutBucketCors: 'CORSConfiguration',
  PutBucketVersioning: 'VersioningConfiguration',
  PutBucketReplication: 'ReplicationConfiguration',
  PutBucketLifecycle: 'LifecycleConfiguration',
  PutBucketWebsite: 'WebsiteConfiguration',
  PutBucketReferer: 'RefererConfiguration',
  PutBucketLogging: 'BucketLoggingStatus',
  PutBucketEncryption: 'ServerSideEncryptionRule',
};

export const configDocument = defineRule({
  id: 'config-document',
  family: 'bucket-config',
  operations: Object.keys(CONFIG_ROOTS),
  phase: 'body',
  errors: [['MalformedXML', MALFORMED_XML_MESSAGE]],
  source:
    'seed 000/002 MalformedXML (lists PutBucketLogging, PutBucketWebsite, PutBucketLifecycle, ' +
    'PutBucketReferer, PutBucketCors) ; the API reference of each operation for its root element. ' +
    'PutBucketVersioning, PutBucketReplication and PutBucketEncryption are not in that list; MalformedXML ' +
    'for them is R. Only well-formedness and the root are checked: the rest of each schema is left to OSS.',
  check: (request) => {
    const document = parsedBody(request);
    if (document === undefined) return undefined;
    const root = CONFIG_ROOTS[request.operation];
    return root !== undefined && (document === null || !hasRoot(document, root)) ? malformedXml() : undefined;
  },
});
