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
  readonly callbackUrl: string;
  readonly callbackBody: string;
  readonly callbackHost?: string;
  readonly callbackBodyType?: string;
  readonly callbackSNI?: boolean;
};

export type PostPolicyCredentials = {
  readonly accessKeyId: string;
  readonly accessKeySecret: string;
  /** The STS token; sent as the `x-oss-security-token` field. */
  readonly securityToken?: string | undefined;
};

export type IssuePostPolicyOptions = {
  readonly bucket: string;
  /** The exact object key (`${filename}` is expanded by OSS after the policy check). One of key/keyPrefix. */
  readonly key?: string;
  /** Uploads may go anywhere under this prefix; the key field is `<prefix>${filename}`. `''` = the whole bucket. */
  readonly keyPrefix?: string;
  /** Smallest accepted file in bytes (content-length-range, inclusive); default 0 when maxSize is set. */
  readonly minSize?: number;
  /** Largest accepted file in bytes (inclusive); default 5 GiB when only minSize is set. */
  readonly maxSize?: number;
  /** Seconds from `now` until the policy expires; default 3600. Not with `expiration`. */
  readonly expiresIn?: number;
  /** When the policy expires. Not with `expiresIn`. */
  readonly expiration?: Date;
  /**
   * An exact type (sent as the Content-Type field), `{ prefix }` (starts-with) or a list (in). With
   * a prefix or a list the browser must add a `Content-Type` field itself, before the file.
   */
  readonly contentType?: string | { readonly prefix: string } | readonly string[];
  /** 200, 201 (XML PostResponse) or 204 (OSS's default). */
  readonly successActionStatus?: 200 | 201 | 204;
  /** The upload callback, as an object (encoded here) or as the base64 value itself. */
  readonly callback?: PostCallback | string;
  /**
   * More form fields to send (`x-oss-meta-*`, `x-oss-object-acl`, `x:` callback variables...). Those
   * OSS documents policy conditions for are pinned with an exact-match condition.
   */
  readonly fields?: Readonly<Record<string, string>>;
  /** More policy conditions, appended as given. */
  readonly conditions?: readonly PolicyConditionInput[];
  /** Default 'v4'. */
  readonly signatureVersion?: 'v1' | 'v4';
  readonly credentials: PostPolicyCredentials;
  /** The region ID (`cn-hangzhou`); required for V4. */
  readonly region?: string;
  /** Where the browser posts the form; default `https://<bucket>.oss-<region>.aliyuncs.com` when region is set. */
  readonly url?: string | URL;
  /** The signing time; default the current time. */
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
