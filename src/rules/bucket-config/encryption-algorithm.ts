import { ossError } from '../../core/oss-error';
import { defineRule } from '../../core/rule';
import { children, childText } from '../../core/xml';
import { MALFORMED_XML_MESSAGE, malformedXml } from '../shared';
import { configRoot } from './config-value';

const NOT_SUPPORTED = 'InvalidEncryptionAlgorithmError.request';
const DATA_NOT_SUPPORTED = 'InvalidDataEncryptionAlgorithmError.notSm4';

export const encryptionAlgorithm = defineRule({
  id: 'encryption-algorithm',
  family: 'bucket-config',
  operations: ['PutBucketEncryption'],
  phase: 'body',
  errors: [MALFORMED_XML_MESSAGE, NOT_SUPPORTED, DATA_NOT_SUPPORTED],
  source:
    'PutBucketEncryption API reference (ApplyServerSideEncryptionByDefault/SSEAlgorithm required: KMS, AES256 or ' +
    'SM4; KMSDataEncryption SM4, only with KMS) ; seed 002 InvalidEncryptionAlgorithmError "The Encryption ' +
    'request you specified is not valid. Supported value: AES256/SM4/KMS." (the bucket-encryption message; EC ' +
    '0005-00000003 per research oss-rules-headers.md E1, page not opened) and InvalidDataEncryptionAlgorithmError ' +
    '(value other than SM4). A missing ApplyServerSideEncryptionByDefault or SSEAlgorithm is MalformedXML (R). ' +
    'KMSDataEncryption with another algorithm is accepted: OSS ignores the KMS extras then (as for the object ' +
    'headers, seen live). Algorithm names compare case-insensitively.',
  check: (request) => {
    const config = configRoot(request, 'ServerSideEncryptionRule');
    if (config === undefined) return undefined;
    const byDefault = children(config, 'ApplyServerSideEncryptionByDefault')[0];
    const algorithm = byDefault === undefined ? undefined : childText(byDefault, 'SSEAlgorithm')?.trim();
    if (byDefault === undefined || algorithm === undefined) return malformedXml();
    const upper = algorithm.toUpperCase();
    if (upper !== 'KMS' && upper !== 'AES256' && upper !== 'SM4') {
      return ossError(NOT_SUPPORTED, [], '0005-00000003');
    }
    const data = childText(byDefault, 'KMSDataEncryption')?.trim();
    if (upper === 'KMS' && data !== undefined && data !== '' && data.toUpperCase() !== 'SM4') {
      return ossError(DATA_NOT_SUPPORTED);
    }
    return undefined;
  },
});
