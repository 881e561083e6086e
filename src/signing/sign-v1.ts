import { createHmac } from 'node:crypto';
import { type Credentials, compareUtf8, lowerCaseHeaders, type SignableRequest, withHeaders } from './types';

/**
 * OSS does not publish which query parameters it signs in V1, and the SDKs disagree, so this is the
 * union of the 2021 documentation list, the Go v2 SDK list and the python oss2 list.
 */
export const V1_SUB_RESOURCES: ReadonlySet<string> = new Set([
  'acl',
  'uploads',
  'location',
  'cors',
  'logging',
  'website',
  'referer',
  'lifecycle',
  'delete',
  'append',
  'tagging',
  'objectMeta',
  'uploadId',
  'partNumber',
  'security-token',
  'position',
  'img',
  'style',
  'styleName',
  'replication',
  'replicationProgress',
  'replicationLocation',
  'cname',
  'bucketInfo',
  'comp',
  'qos',
  'live',
  'status',
  'vod',
  'startTime',
  'endTime',
  'symlink',
  'x-oss-process',
  'x-oss-async-process',
  'response-content-type',
  'x-oss-traffic-limit',
  'response-content-language',
  'response-expires',
  'response-cache-control',
  'response-content-disposition',
  'response-content-encoding',
  'udf',
  'udfName',
  'udfImage',
  'udfId',
  'udfImageDesc',
  'udfApplication',
  'udfApplicationLog',
  'restore',
  'callback',
  'callback-var',
  'qosInfo',
  'policy',
  'stat',
  'encryption',
  'versions',
  'versioning',
  'versionId',
  'regionList',
  'cloudboxes',
  'worm',
  'wormId',
  'wormExtend',
  'sequential',
  'inventory',
  'inventoryId',
  'continuation-token',
  'asyncFetch',
  'resourceGroup',
  'transferAcceleration',
  'metaQuery',
  'accessPoint',
  'requestPayment',
  'objectInfo',
  'responseHeader',
  'x-oss-ac-source-ip',
  'x-oss-ac-subnet-mask',
  'x-oss-ac-vpc-id',
  'x-oss-ac-forward-allow',
  'publicAccessBlock',
  'httpsConfig',
  'dataRedundancyTransition',
  'redundancyTransition',
]);

export type V1Options = {
  /**
   * Sign every `x-oss-*` query parameter as a sub-resource, as the Go v2 SDK does (a verifier may
   * need to try both ways).
   * @defaultValue `false`: only OSS's documented sub-resources
   */
  readonly signAllOssQuery?: boolean;
  /**
   * Further query parameters to sign as sub-resources, as Go v2 lets callers declare per request.
   * @defaultValue none
   */
  readonly extraSubResources?: readonly string[];
};

function isSubResource(name: string, options: V1Options | undefined): boolean {
  if (V1_SUB_RESOURCES.has(name)) return true;
  if (options?.signAllOssQuery === true && name.startsWith('x-oss-')) return true;
  return options?.extraSubResources?.includes(name) === true;
}

/** `/bucket/key?sub&resources` built from the decoded key and values, as the server does. */
export function v1CanonicalResource(request: SignableRequest, options?: V1Options): string {
  const path = request.bucket ? `/${request.bucket}/${request.key ?? ''}` : '/';
  const signed = request.query
    .filter(([name]) => isSubResource(name, options))
    .sort(([a], [b]) => compareUtf8(a, b));
  if (signed.length === 0) return path;
  return `${path}?${signed.map(([name, value]) => (value === '' ? name : `${name}=${value}`)).join('&')}`;
}

function canonicalOssHeaders(headers: Map<string, string>): string {
  return [...headers]
    .filter(([name]) => name.startsWith('x-oss-'))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, value]) => `${name}:${value}\n`)
    .join('');
}

/** The value OSS reads for the Date line: x-oss-date wins over Date when both are sent. */
export function v1DateOf(headers: SignableRequest['headers']): string | undefined {
  const lower = lowerCaseHeaders(headers);
  return lower.get('x-oss-date') || lower.get('date') || undefined;
}

/** `dateOrExpires` is the Date line for header signatures and the Expires value for presigned URLs. */
export function v1StringToSign(request: SignableRequest, dateOrExpires: string, options?: V1Options): string {
  const headers = lowerCaseHeaders(request.headers);
  return [
    request.method,
    headers.get('content-md5') ?? '',
    headers.get('content-type') ?? '',
    dateOrExpires,
    canonicalOssHeaders(headers) + v1CanonicalResource(request, options),
  ].join('\n');
}

export function v1Signature(secret: string, stringToSign: string): string {
  return createHmac('sha1', secret).update(stringToSign, 'utf8').digest('base64');
}

/**
 * Headers to add or replace. `date` is only used when the request carries neither Date nor
 * x-oss-date, because otherwise the server reads the request's own value.
 */
export function signV1(
  request: SignableRequest,
  credentials: Credentials,
  options?: V1Options & {
    /**
     * The `Date` header to sign, when the request has none.
     * @defaultValue the current time
     */
    readonly date?: string;
  },
): Record<string, string> {
  const added: Record<string, string> = {};
  if (v1DateOf(request.headers) === undefined) added['date'] = options?.date ?? new Date().toUTCString();
  if (credentials.securityToken) added['x-oss-security-token'] = credentials.securityToken;
  const signed = withHeaders(request, added);
  const stringToSign = v1StringToSign(signed, v1DateOf(signed.headers) ?? '', options);
  const signature = v1Signature(credentials.accessKeySecret, stringToSign);
  return { ...added, authorization: `OSS ${credentials.accessKeyId}:${signature}` };
}

/** Query pairs to append; `expires` is absolute epoch seconds (OSS documents no maximum for V1). */
export function presignV1(
  request: SignableRequest,
  credentials: Credentials,
  options: V1Options & {
    /** When the URL expires, in seconds since the epoch (the `Expires` parameter). */
    readonly expires: number;
  },
): Array<[string, string]> {
  const { expires } = options;
  if (!Number.isSafeInteger(expires) || expires < 0) {
    throw new RangeError(`expires must be a non-negative integer of epoch seconds, got ${expires}`);
  }
  const token = credentials.securityToken;
  const query = token ? [...request.query, ['security-token', token] as const] : request.query;
  const stringToSign = v1StringToSign({ ...request, query }, String(expires), options);
  const pairs: Array<[string, string]> = [
    ['OSSAccessKeyId', credentials.accessKeyId],
    ['Expires', String(expires)],
    ['Signature', v1Signature(credentials.accessKeySecret, stringToSign)],
  ];
  if (token) pairs.push(['security-token', token]);
  return pairs;
}
