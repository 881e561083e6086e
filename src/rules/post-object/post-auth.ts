import { filledField, formField } from './form-field';

export const POST_V4_ALGORITHM = 'OSS4-HMAC-SHA256';

/**
 * How a form authenticates. `other` covers the OSS V2 and S3-compatible field sets
 * (x-oss-access-key-id, AWSAccessKeyId, x-amz-*), which this library does not verify:
 * their policy is still checked, their signature is left to OSS.
 */
export type PostAuth =
  | { readonly kind: 'anonymous' }
  | { readonly kind: 'other' }
  | {
      readonly kind: 'v1';
      readonly accessKeyId: string | undefined;
      readonly signature: string | undefined;
      readonly policy: string | undefined;
    }
  | {
      readonly kind: 'v4';
      readonly credential: string | undefined;
      readonly date: string | undefined;
      readonly signature: string | undefined;
      readonly policy: string | undefined;
    };

const OTHER_SCHEME_FIELDS = ['x-oss-access-key-id', 'awsaccesskeyid', 'x-amz-signature', 'x-amz-credential'];

export function postAuthOf(form: Readonly<Record<string, string>>): PostAuth {
  const policy = filledField(form, 'policy');
  const version = formField(form, 'x-oss-signature-version');
  if (version !== undefined) {
    if (version !== POST_V4_ALGORITHM) return { kind: 'other' };
    return {
      kind: 'v4',
      credential: filledField(form, 'x-oss-credential'),
      date: filledField(form, 'x-oss-date'),
      signature: filledField(form, 'x-oss-signature'),
      policy,
    };
  }
  // x-oss-signature without a version is the V2 field set (EC 0002-00000703..706).
  if (formField(form, 'x-oss-signature') !== undefined || formField(form, 'x-oss-credential') !== undefined) {
    return { kind: 'other' };
  }
  if (OTHER_SCHEME_FIELDS.some((name) => formField(form, name) !== undefined)) return { kind: 'other' };
  const accessKeyId = filledField(form, 'ossaccesskeyid');
  const signature = filledField(form, 'signature');
  if (accessKeyId === undefined && signature === undefined && formField(form, 'policy') === undefined) {
    return { kind: 'anonymous' };
  }
  return { kind: 'v1', accessKeyId, signature, policy };
}

export type PostCredentialScope = {
  readonly accessKeyId: string;
  readonly day: string;
  readonly region: string;
  readonly product: string;
};

const DAY = /^(\d{4})(\d{2})(\d{2})$/;

export function isCalendarDay(day: string): boolean {
  const m = DAY.exec(day);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

/** `<AccessKeyId>/<YYYYMMDD>/<region>/<product>/aliyun_v4_request`, or undefined when malformed. */
export function parsePostCredential(credential: string): PostCredentialScope | undefined {
  const parts = credential.split('/');
  if (parts.length !== 5) return undefined;
  const [accessKeyId, day, region, product, terminator] = parts as [string, string, string, string, string];
  if (accessKeyId === '' || region === '' || terminator !== 'aliyun_v4_request') return undefined;
  // CloudBox buckets sign with product oss-cloudbox (go-sdk-v2 signer vectors).
  if (product !== 'oss' && product !== 'oss-cloudbox') return undefined;
  if (!isCalendarDay(day)) return undefined;
  return { accessKeyId, day, region, product };
}

/** The AccessKeyId a form names: OSSAccessKeyId (V1) or the first credential segment (V4). */
export function postAccessKeyId(auth: PostAuth): string | undefined {
  if (auth.kind === 'v1') return auth.accessKeyId;
  if (auth.kind === 'v4' && auth.credential !== undefined)
    return parsePostCredential(auth.credential)?.accessKeyId;
  return undefined;
}
