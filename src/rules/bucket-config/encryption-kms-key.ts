import { invalidArgument } from '../../core/oss-error';
import { defineRule } from '../../core/rule';
import { children, childText } from '../../core/xml';
import { hasRoot, parsedBody } from '../shared';

const KMS_KEY_NOT_APPLICABLE = 'InvalidArgument.kmsKeyIdWithoutKms';
// Only documented algorithms: an unknown one is refused by OSS for its own reason, not this one.
const NOT_KMS = new Set(['AES256', 'SM4']);

export const encryptionKmsKey = defineRule({
  id: 'encryption-kms-key',
  family: 'bucket-config',
  operations: ['PutBucketEncryption'],
  phase: 'body',
  errors: [KMS_KEY_NOT_APPLICABLE],
  source:
    'seed 002 InvalidArgument InvalidArgument.kmsKeyIdWithoutKms ' +
    '(KMSMasterKeyID set while SSEAlgorithm is AES256) ; PutBucketEncryption API reference ' +
    '(ApplyServerSideEncryptionByDefault: SSEAlgorithm KMS|AES256|SM4; KMSMasterKeyID empty unless KMS). ' +
    'An empty KMSMasterKeyID element is accepted. No ArgumentName is documented, so none is sent.',
  check: (request) => {
    const document = parsedBody(request);
    if (!document || !hasRoot(document, 'ServerSideEncryptionRule')) return undefined;
    for (const byDefault of children(document.element, 'ApplyServerSideEncryptionByDefault')) {
      const algorithm = childText(byDefault, 'SSEAlgorithm')?.trim();
      const keyId = childText(byDefault, 'KMSMasterKeyID')?.trim();
      if (algorithm !== undefined && NOT_KMS.has(algorithm) && keyId !== undefined && keyId !== '') {
        return invalidArgument(KMS_KEY_NOT_APPLICABLE);
      }
    }
    return undefined;
  },
});
