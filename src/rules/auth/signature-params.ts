/** Query parameters that carry a presigned URL's authentication (V1, V2 and V4), not part of the request itself. */
export const PRESIGN_QUERY_PARAMS: ReadonlySet<string> = new Set([
  'OSSAccessKeyId',
  'Expires',
  'Signature',
  'security-token',
  'x-oss-signature-version',
  'x-oss-credential',
  'x-oss-date',
  'x-oss-expires',
  'x-oss-signature',
  'x-oss-additional-headers',
  'x-oss-security-token',
  'x-oss-access-key-id',
]);

/** `a;B; c` → `['a', 'b', 'c']`: the AdditionalHeaders list of a V4 header or URL signature. */
export function parseAdditionalHeaders(value: string | undefined): string[] {
  return (value ?? '')
    .split(';')
    .map((name) => name.trim().toLowerCase())
    .filter((name) => name !== '');
}
