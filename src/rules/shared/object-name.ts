import { isUtf8 } from 'node:buffer';
import { type OssError, ossError } from '../../core/oss-error';

export const OBJECT_NAME_EMPTY = 'The Object name can not be empty.';
export const OBJECT_NAME_TOO_LONG = 'The Length of Object name must be less than 1024.';
export const OBJECT_NAME_INVALID = 'The specified object is not valid.';
export const MAX_OBJECT_NAME_BYTES = 1023;

/** Object-name rules on the decoded bytes: 1-1023 bytes of UTF-8, not starting with '/' or '\'. */
export function objectNameError(bytes: Uint8Array | undefined): OssError | undefined {
  if (bytes === undefined || bytes.length === 0) return ossError('InvalidObjectName', OBJECT_NAME_EMPTY);
  if (bytes.length > MAX_OBJECT_NAME_BYTES) return ossError('InvalidObjectName', OBJECT_NAME_TOO_LONG);
  if (!isUtf8(bytes)) return ossError('InvalidObjectName', OBJECT_NAME_INVALID);
  if (bytes[0] === 0x2f || bytes[0] === 0x5c) return ossError('InvalidObjectName', OBJECT_NAME_INVALID);
  return undefined;
}

export const objectNameErrors = [
  ['InvalidObjectName', OBJECT_NAME_EMPTY],
  ['InvalidObjectName', OBJECT_NAME_TOO_LONG],
  ['InvalidObjectName', OBJECT_NAME_INVALID],
] as const;
