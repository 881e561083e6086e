import type { OssRequest } from '../../core/request';

export const COMPLETE_ALL_HEADER = 'x-oss-complete-all';
export const BOTH_COMPLETE_ALL_AND_BODY = 'InvalidArgument.completeAllWithBody';

/**
 * `yes` asks OSS to assemble every uploaded part, so the body must be empty.
 * Only the documented `yes` is treated as a request for that; any other value
 * is undocumented, so rules neither reject it nor validate the body beside it.
 */
export function completeAllMode(request: OssRequest): 'yes' | 'other' | undefined {
  const value = request.headers[COMPLETE_ALL_HEADER];
  if (value === undefined) return undefined;
  return value === 'yes' ? 'yes' : 'other';
}
