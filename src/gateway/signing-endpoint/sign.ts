import { presignV1, signV1 } from '../../signing/sign-v1';
import { presignV4, signV4, v4Encode } from '../../signing/sign-v4';
import type { Credentials, SignableRequest } from '../../signing/types';
import type { SigningDescription } from './description';

export type UrlStyle = 'virtual-hosted' | 'path';

export type SignTarget = {
  readonly endpoint: URL;
  readonly region: string;
  readonly urlStyle: UrlStyle;
  readonly now: number;
};

function signable(d: SigningDescription): SignableRequest {
  return { method: d.method, bucket: d.bucket, key: d.key, query: d.query, headers: d.headers };
}

/** RFC 3986 everywhere, so the server decodes exactly the key and values that were signed. */
function urlFor(
  d: SigningDescription,
  target: SignTarget,
  pairs: ReadonlyArray<readonly [string, string]>,
): string {
  const { endpoint, urlStyle } = target;
  const base = endpoint.pathname.replace(/\/$/, '');
  const key = d.key === undefined ? '' : v4Encode(d.key).replaceAll('%2F', '/');
  const virtual = urlStyle === 'virtual-hosted' && d.bucket !== undefined;
  const host = virtual ? `${d.bucket}.${endpoint.host}` : endpoint.host;
  const path =
    d.bucket === undefined ? `${base}/` : virtual ? `${base}/${key}` : `${base}/${d.bucket}/${key}`;
  const query = [...d.query, ...pairs]
    .map(([name, value]) => (value === '' ? v4Encode(name) : `${v4Encode(name)}=${v4Encode(value)}`))
    .join('&');
  return `${endpoint.protocol}//${host}${path}${query === '' ? '' : `?${query}`}`;
}

export function signedUrl(d: SigningDescription, credentials: Credentials, target: SignTarget): string {
  const request = signable(d);
  const pairs =
    d.signatureVersion === 'v1'
      ? presignV1(request, credentials, { expires: Math.floor(target.now / 1000) + d.expires })
      : presignV4(request, credentials, {
          region: target.region,
          now: new Date(target.now),
          expires: d.expires,
        });
  return urlFor(d, target, pairs);
}

/** Every header the client must send: its own, plus the date, token and Authorization. */
export function signedHeaders(
  d: SigningDescription,
  credentials: Credentials,
  target: SignTarget,
): Record<string, string> {
  const request = signable(d);
  const added =
    d.signatureVersion === 'v1'
      ? signV1(request, credentials, { date: new Date(target.now).toUTCString() })
      : signV4(request, credentials, { region: target.region, now: new Date(target.now) });
  return { ...d.headers, ...added };
}
