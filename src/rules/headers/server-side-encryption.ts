import { defineRule } from '../../core/rule';
import {
  INVALID_ALGORITHM,
  INVALID_DATA_ALGORITHM,
  serverSideEncryptionError,
} from '../shared/server-side-encryption-value';

export const serverSideEncryption = defineRule({
  id: 'server-side-encryption',
  family: 'headers',
  operations: ['PutObject', 'CopyObject', 'AppendObject', 'InitiateMultipartUpload'],
  errors: [INVALID_ALGORITHM, INVALID_DATA_ALGORITHM],
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
