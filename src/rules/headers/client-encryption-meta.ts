import { type OssError, ossError } from '../../core/oss-error';
import { defineRule } from '../../core/rule';

const MESSAGE = 'InvalidEncryptionRequest.missSomeNecessaryClientEncryption';
const REQUIRED = [
  'x-oss-meta-client-side-encryption-key',
  'x-oss-meta-client-side-encryption-start',
  'x-oss-meta-client-side-encryption-cek-alg',
  'x-oss-meta-client-side-encryption-wrap-alg',
] as const;

/** Client-side encryption metadata is all or nothing: any one of the four required fields needs the others. */
export function clientEncryptionMetaError(get: (name: string) => string | undefined): OssError | undefined {
  let present = 0;
  for (const name of REQUIRED) if (get(name) !== undefined) present++;
  return present === 0 || present === REQUIRED.length ? undefined : ossError(MESSAGE);
}

export const clientEncryptionMeta = defineRule({
  id: 'client-encryption-meta',
  family: 'headers',
  // Where the SDKs' client-side encryption writes the metadata. UploadPart and the checks that
  // compare with the InitiateMultipartUpload values need server state and are left to OSS.
  operations: ['PutObject', 'InitiateMultipartUpload'],
  errors: [MESSAGE],
  source:
    'seed 002 (InvalidEncryptionRequest: the four required x-oss-meta-client-side-encryption-* parameters). Trigger ' +
    'reconstructed (R): some but not all four present; other client-encryption metadata alone is accepted.',
  inputs: { headers: REQUIRED },
  check: (request) => clientEncryptionMetaError((name) => request.headers[name]),
});
