import { type OssError, ossError } from '../../core/oss-error';
import { defineRule } from '../../core/rule';
import { parseHttpDate } from './http-date';

const BAD_FORMAT = 'Bad date format.';
const BEFORE_EPOCH = 'Invalid date. Must be later than 1970-01-01 00:00:00.';
const IN_FUTURE = 'Invalid date. Cannot be later than the current time.';
// Our clock is not OSS's: only a date beyond the signature skew window is surely in OSS's future.
const FUTURE_TOLERANCE_MS = 15 * 60_000;

export function userLastModifiedError(value: string | undefined, now: number): OssError | undefined {
  if (value === undefined) return undefined;
  const details: [string, string][] = [
    ['ArgumentName', 'x-oss-user-last-modified'],
    ['ArgumentValue', value],
  ];
  const time = parseHttpDate(value);
  if (time === undefined) return ossError('InvalidArgument', BAD_FORMAT, details);
  if (time <= 0) return ossError('InvalidArgument', BEFORE_EPOCH, details, '0017-00000134');
  if (time > now + FUTURE_TOLERANCE_MS) return ossError('InvalidArgument', IN_FUTURE, details);
  return undefined;
}

export const userLastModified = defineRule({
  id: 'user-last-modified',
  family: 'headers',
  operations: ['PutObject'],
  errors: [
    ['InvalidArgument', BAD_FORMAT],
    ['InvalidArgument', BEFORE_EPOCH],
    ['InvalidArgument', IN_FUTURE],
  ],
  source:
    'https://www.alibabacloud.com/help/en/oss/user-guide/0017-00000134 (full sample: epoch or earlier → InvalidArgument with ' +
    'ArgumentName/ArgumentValue, EC 0017-00000134) ; seed 002 (the three date messages; RFC 1123 format). Only PutObject is ' +
    "shown. The three HTTP date forms are accepted. A future date is rejected only beyond 15 minutes of our clock, which is not OSS's.",
  inputs: { headers: ['x-oss-user-last-modified'] },
  check: (request, context) =>
    userLastModifiedError(request.headers['x-oss-user-last-modified'], context.now),
});
