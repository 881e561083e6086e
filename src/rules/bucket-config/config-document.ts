import { defineRule } from '../../core/rule';
import { hasRoot, MALFORMED_XML_MESSAGE, malformedXml, parsedBody } from '../shared';

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
  PutBucketInventory: 'InventoryConfiguration',
  PutBucketRequestPayment: 'RequestPaymentConfiguration',
  PutBucketTransferAcceleration: 'TransferAccelerationConfiguration',
  PutBucketHttpsConfig: 'HttpsConfiguration',
};

export const configDocument = defineRule({
  id: 'config-document',
  family: 'bucket-config',
  operations: Object.keys(CONFIG_ROOTS),
  phase: 'body',
  errors: [MALFORMED_XML_MESSAGE],
  source:
    'seed 000/002 MalformedXML (lists PutBucketLogging, PutBucketWebsite, PutBucketLifecycle, ' +
    'PutBucketReferer, PutBucketCors) ; the API reference of each operation for its root element. ' +
    'PutBucketVersioning, PutBucketReplication, PutBucketEncryption, PutBucketInventory, PutBucketRequestPayment, ' +
    'PutBucketTransferAcceleration and PutBucketHttpsConfig are not in that list; MalformedXML for them is R. Values are judged by the rules that follow (issue 11).',
  check: (request) => {
    const document = parsedBody(request);
    if (document === undefined) return undefined;
    const root = CONFIG_ROOTS[request.operation];
    return root !== undefined && (document === null || !hasRoot(document, root)) ? malformedXml() : undefined;
  },
});
