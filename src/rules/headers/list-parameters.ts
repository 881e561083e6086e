import { invalidArgument, type OssError } from '../../core/oss-error';
import type { OssRequest } from '../../core/request';

/** The generic seed 002 message: no listing EC page gives a more specific one. */
export const LIST_INVALID = 'InvalidArgument.parameterInvalidDotted';

/** ListObjectsV2 is `GET /?list-type=2`, a ListObjects request to the operation table. */
export function isListV2(request: OssRequest): boolean {
  return request.operation === 'ListObjects' && request.query.get('list-type')?.trim() === '2';
}

/** InvalidArgument naming the query parameter and the value sent. */
export function invalidListParameter(name: string, value: string): OssError {
  return invalidArgument(LIST_INVALID, name, value);
}
