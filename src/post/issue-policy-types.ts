/** A condition as it appears in the policy JSON: `{"field": "value"}` or `[mode, "$field", value]`. */
export type PolicyConditionInput =
  | Readonly<Record<string, string>>
  | readonly [mode: string, field: string, value: string | readonly string[]]
  | readonly [mode: 'content-length-range', min: number, max: number];

/** The JSON document inside the base64 `policy` field. */
export type PostPolicyDocument = {
  readonly expiration: string;
  readonly conditions: readonly PolicyConditionInput[];
};

/** The upload callback OSS calls after storing the object (fields of the callback JSON). */
export type PostCallback = {
  /** The URL OSS calls (public addresses only). */
  readonly callbackUrl: string;
  /** The body OSS sends, with `${bucket}`, `${object}`, `${x:var}`... variables. */
  readonly callbackBody: string;
  /**
   * The Host header of the callback request.
   * @defaultValue the host of `callbackUrl`
   */
  readonly callbackHost?: string;
  /**
   * The callback body's Content-Type.
   * @defaultValue `'application/x-www-form-urlencoded'`
   */
  readonly callbackBodyType?: string;
  /**
   * Send SNI when OSS calls an https URL.
   * @defaultValue `false`
   */
  readonly callbackSNI?: boolean;
};

export type PostPolicyCredentials = {
  readonly accessKeyId: string;
  readonly accessKeySecret: string;
  /**
   * The STS token; sent as the `x-oss-security-token` field.
   * @defaultValue none: a long-term key
   */
  readonly securityToken?: string | undefined;
};

export type IssuePostPolicyOptions = {
  /** The bucket the browser uploads to. */
  readonly bucket: string;
  /**
   * The exact object key (`${filename}` is expanded by OSS after the policy check). One of `key` and
   * `keyPrefix` is required.
   * @defaultValue none: give `keyPrefix` instead
   */
  readonly key?: string;
  /**
   * Uploads may go anywhere under this prefix; the key field is `<prefix>${filename}`. `''` allows the
   * whole bucket.
   * @defaultValue none: give `key` instead
   */
  readonly keyPrefix?: string;
  /**
   * Smallest accepted file in bytes (content-length-range, inclusive).
   * @defaultValue 0 when `maxSize` is set, else no size condition
   */
  readonly minSize?: number;
  /**
   * Largest accepted file in bytes (inclusive).
   * @defaultValue 5 GiB (OSS's own limit) when only `minSize` is set, else no size condition
   */
  readonly maxSize?: number;
  /**
   * Seconds from `now` until the policy expires. Not with `expiration`.
   * @defaultValue 3600
   */
  readonly expiresIn?: number;
  /**
   * When the policy expires. Not with `expiresIn`.
   * @defaultValue `now` + `expiresIn`
   */
  readonly expiration?: Date;
  /**
   * An exact type (sent as the Content-Type field), `{ prefix }` (starts-with) or a list (in). With
   * a prefix or a list the browser must add a `Content-Type` field itself, before the file.
   * @defaultValue none: any type
   */
  readonly contentType?: string | { readonly prefix: string } | readonly string[];
  /**
   * The status OSS answers a successful upload with: 200, 201 (with an XML PostResponse) or 204.
   * @defaultValue none: OSS answers 204
   */
  readonly successActionStatus?: 200 | 201 | 204;
  /**
   * The upload callback, as an object (encoded here) or as the base64 value itself.
   * @defaultValue none
   */
  readonly callback?: PostCallback | string;
  /**
   * More form fields to send (`x-oss-meta-*`, `x-oss-object-acl`, `x:` callback variables...). Those
   * OSS documents policy conditions for are pinned with an exact-match condition.
   * @defaultValue none
   */
  readonly fields?: Readonly<Record<string, string>>;
  /**
   * More policy conditions, appended as given.
   * @defaultValue none
   */
  readonly conditions?: readonly PolicyConditionInput[];
  /**
   * The form signature's version.
   * @defaultValue `'v4'`
   */
  readonly signatureVersion?: 'v1' | 'v4';
  /** The key that signs the policy (an STS key with its `securityToken`). */
  readonly credentials: PostPolicyCredentials;
  /**
   * The region ID (`cn-hangzhou`); required for V4.
   * @defaultValue none
   */
  readonly region?: string;
  /**
   * Where the browser posts the form.
   * @defaultValue `https://<bucket>.oss-<region>.aliyuncs.com` when `region` is set, else none
   */
  readonly url?: string | URL;
  /**
   * The signing time: a Date, milliseconds since the epoch, or a function returning them.
   * @defaultValue the current time
   */
  readonly now?: Date | number | (() => number);
};

export type IssuedPostPolicy = {
  /** Where to post the form (absent when neither `url` nor `region` was given). */
  readonly url?: string;
  /** The form fields, in the order to send them; the file goes after them, last. */
  readonly fields: Record<string, string>;
  readonly policy: PostPolicyDocument;
  /** The policy's expiration, ISO 8601. */
  readonly expiration: string;
};
