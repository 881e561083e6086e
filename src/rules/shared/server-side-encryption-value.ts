import { type OssError, ossError } from '../../core/oss-error';
import { oneOf } from '../shared/enum-value';

export const INVALID_ALGORITHM = 'InvalidEncryptionAlgorithmError.algorithm';
export const INVALID_DATA_ALGORITHM = 'InvalidDataEncryptionAlgorithmError.notSm4';

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
  if (!isAlgorithm(value)) return ossError(INVALID_ALGORITHM);
  if (dataEncryption !== undefined && isKms(value) && !isDataAlgorithm(dataEncryption)) {
    return ossError(INVALID_DATA_ALGORITHM);
  }
  return undefined;
}
