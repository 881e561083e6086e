import { isUtf8 } from 'node:buffer';
import { type OssError, ossError } from '../../core/oss-error';

export const OBJECT_NAME_EMPTY = 'InvalidObjectName.empty';
export const OBJECT_NAME_TOO_LONG = 'InvalidObjectName.tooLong';
export const OBJECT_NAME_INVALID = 'InvalidObjectName.invalid';
export const MAX_OBJECT_NAME_BYTES = 1023;

/** Object-name rules on the decoded bytes: 1-1023 bytes of UTF-8, not starting with '/' or '\'. */
export function objectNameError(bytes: Uint8Array | undefined): OssError | undefined {
  if (bytes === undefined || bytes.length === 0) return ossError(OBJECT_NAME_EMPTY);
  if (bytes.length > MAX_OBJECT_NAME_BYTES) return ossError(OBJECT_NAME_TOO_LONG);
  if (!isUtf8(bytes)) return ossError(OBJECT_NAME_INVALID);
  if (bytes[0] === 0x2f || bytes[0] === 0x5c) return ossError(OBJECT_NAME_INVALID);
  return undefined;
}

export const objectNameErrors = [OBJECT_NAME_EMPTY, OBJECT_NAME_TOO_LONG, OBJECT_NAME_INVALID] as const;
