import { type OssError, ossError } from '../../core/oss-error';
import type { OssRequest } from '../../core/request';
import type { RuleInputs } from '../../core/rule';

export const TRAFFIC_LIMIT_INVALID = 'InvalidArgument.trafficLimitRange';
export const TRAFFIC_LIMIT_NOT_BOTH = 'InvalidArgument.trafficLimitQueryAndHeader';
export const MIN_TRAFFIC_LIMIT = 819_200;
export const MAX_TRAFFIC_LIMIT = 838_860_800;

/** The operations OSS documents single-connection throttling for; elsewhere it is not validated. */
export const TRAFFIC_LIMIT_OPERATIONS = [
  'PutObject',
  'AppendObject',
  'PostObject',
  'CopyObject',
  'UploadPart',
  'UploadPartCopy',
  'GetObject',
] as const;

// OSS's handling of `+`, leading zeros and surrounding blanks is undocumented, so they are accepted;
// anything else that is not digits, or is out of range, OSS certainly refuses.
const INTEGER = /^[ \t]*\+?([0-9]+)[ \t]*$/;

/** The error OSS returns for an `x-oss-traffic-limit` value (bit/s), or undefined when it is in range. */
export function trafficLimitError(value: string): OssError | undefined {
  const match = INTEGER.exec(value);
  const digits = match?.[1]?.replace(/^0+(?=\d)/, '');
  // More than ten digits is beyond the maximum whatever they are, and would lose precision as a Number.
  const bits = digits !== undefined && digits.length <= 10 ? Number(digits) : Number.NaN;
  if (bits >= MIN_TRAFFIC_LIMIT && bits <= MAX_TRAFFIC_LIMIT) return undefined;
  return ossError(
    TRAFFIC_LIMIT_INVALID,
    [
      ['ArgumentName', 'x-oss-traffic-limit'],
      ['ArgumentValue', value],
    ],
    '0004-00000502',
  );
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value;
}

export type TrafficLimitValues = {
  readonly header?: string;
  readonly query?: string;
  readonly form?: string;
};

/** Without one of these (or a form field, which the engine never skips) no traffic limit is set. */
export const TRAFFIC_LIMIT_INPUTS: RuleInputs = {
  headers: ['x-oss-traffic-limit'],
  query: ['x-oss-traffic-limit'],
};

/** Where the request sets a traffic limit; an empty value counts as absent (undocumented). */
export function trafficLimitValues(request: OssRequest): TrafficLimitValues {
  if (request.operation === 'PostObject') {
    const entry = Object.entries(request.form ?? {}).find(
      ([key]) => key.toLowerCase() === 'x-oss-traffic-limit',
    );
    const form = nonEmpty(entry?.[1]);
    return form === undefined ? {} : { form };
  }
  const header = nonEmpty(request.headers['x-oss-traffic-limit']);
  const query = nonEmpty(request.query.get('x-oss-traffic-limit'));
  return { ...(header === undefined ? {} : { header }), ...(query === undefined ? {} : { query }) };
}
