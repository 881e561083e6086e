import { type OssError, ossError } from '../../core/oss-error';
import { defineRule } from '../../core/rule';
import { oneOf } from './enum-value';

const INVALID_ALGORITHM = 'The encryption algorithm specified is not valid.';
const INVALID_DATA_ALGORITHM =
  'The KMS Data Encryption request you specified is not valid. Supported value:SM4';

const isAlgorithm = oneOf(['AES256', 'KMS', 'SM4']);
const isKms = oneOf(['KMS']);
const isDataAlgorithm = oneOf(['SM4']);

/**
 * The server-side encryption headers (or PostObject form fields) of a write. `keyId` is accepted
 * for callers that pass all three, but never rejected: OSS ignores the encryption extras when the
 * algorithm is not KMS (live: AES256 + data SM4 succeeds and the data algorithm is dropped), and
 * the code for an empty key id with KMS is undocumented.
 */
export function serverSideEncryptionError(
  value: string | undefined,
  dataEncryption?: string,
  _keyId?: string,
): OssError | undefined {
  if (value === undefined) return undefined;
  if (!isAlgorithm(value)) return ossError('InvalidEncryptionAlgorithmError', INVALID_ALGORITHM);
  if (dataEncryption !== undefined && isKms(value) && !isDataAlgorithm(dataEncryption)) {
    return ossError('InvalidDataEncryptionAlgorithmError', INVALID_DATA_ALGORITHM);
  }
  return undefined;
}

export const serverSideEncryption = defineRule({
  id: 'server-side-encryption',
  family: 'headers',
  operations: ['PutObject', 'CopyObject', 'AppendObject', 'InitiateMultipartUpload'],
  errors: [
    ['InvalidEncryptionAlgorithmError', INVALID_ALGORITHM],
    ['InvalidDataEncryptionAlgorithmError', INVALID_DATA_ALGORITHM],
  ],
  source:
    'seed 000/002 (InvalidEncryptionAlgorithmError; InvalidDataEncryptionAlgorithmError) ; PutObject/AppendObject/' +
    'InitiateMultipartUpload API references (AES256, KMS, SM4) ; python SDK live tests tests/test_server_side_encryotion.py. ' +
    'Of the two documented messages (neither seen live) the one both seeds give is used, not the one naming AES256/SM4/KMS. ' +
    'Values compare case-insensitively (case handling undocumented). x-oss-server-side-data-encryption is checked only with ' +
    'KMS and x-oss-server-side-encryption-key-id never: live, OSS drops them otherwise.',
  inputs: { headers: ['x-oss-server-side-encryption'] },
  check: (request) =>
    serverSideEncryptionError(
      request.headers['x-oss-server-side-encryption'],
      request.headers['x-oss-server-side-data-encryption'],
      request.headers['x-oss-server-side-encryption-key-id'],
    ),
});
