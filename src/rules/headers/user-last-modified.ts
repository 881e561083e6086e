import { type OssError, ossError } from '../../core/oss-error';
import { defineRule } from '../../core/rule';
import { parseHttpDate } from './http-date';

const BAD_FORMAT = 'InvalidArgument.dateFormat';
const BEFORE_EPOCH = 'InvalidArgument.dateBefore1970';
const IN_FUTURE = 'InvalidArgument.dateInFuture';
// Our clock is not OSS's: only a date beyond the signature skew window is surely in OSS's future.
const FUTURE_TOLERANCE_MS = 15 * 60_000;

export function userLastModifiedError(value: string | undefined, now: number): OssError | undefined {
  if (value === undefined) return undefined;
  const details: [string, string][] = [
    ['ArgumentName', 'x-oss-user-last-modified'],
    ['ArgumentValue', value],
  ];
  const time = parseHttpDate(value);
  if (time === undefined) return ossError(BAD_FORMAT, details);
  if (time <= 0) return ossError(BEFORE_EPOCH, details, '0017-00000134');
  if (time > now + FUTURE_TOLERANCE_MS) return ossError(IN_FUTURE, details);
  return undefined;
}

export const userLastModified = defineRule({
  id: 'user-last-modified',
  family: 'headers',
  operations: ['PutObject'],
  errors: [BAD_FORMAT, BEFORE_EPOCH, IN_FUTURE],
  source:
    'https://www.alibabacloud.com/help/en/oss/user-guide/0017-00000134 (full sample: epoch or earlier → InvalidArgument with ' +
    'ArgumentName/ArgumentValue, EC 0017-00000134) ; seed 002 (the three date messages; RFC 1123 format). Only PutObject is ' +
    "shown. The three HTTP date forms are accepted. A future date is rejected only beyond 15 minutes of our clock, which is not OSS's.",
  inputs: { headers: ['x-oss-user-last-modified'] },
  check: (request, context) =>
    userLastModifiedError(request.headers['x-oss-user-last-modified'], context.now),
});
