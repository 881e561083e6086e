import { rejectUnknownOptions } from '../core/options';
import { MAX_POST_OBJECT_BYTES, parsePolicy } from '../rules/post-object';
import { postSignatureV1, postSignatureV4 } from '../signing/post-signature';
import { V4_ALGORITHM, v4Scope, v4Timestamp } from '../signing/sign-v4';
import {
  checkBucket,
  checkCredentials,
  checkExpiration,
  checkKey,
  checkNow,
  checkOptionsObject,
  checkRegion,
  checkSizes,
  checkUrl,
  fail,
  ISSUE_FACTORY,
  withFactoryName,
} from './issue-policy-checks';
import { planFields } from './issue-policy-fields';
import type {
  IssuedPostPolicy,
  IssuePostPolicyOptions,
  PolicyConditionInput,
  PostPolicyDocument,
} from './issue-policy-types';

export const ISSUE_OPTION_NAMES = [
  'bucket',
  'key',
  'keyPrefix',
  'minSize',
  'maxSize',
  'expiresIn',
  'expiration',
  'contentType',
  'successActionStatus',
  'callback',
  'fields',
  'conditions',
  'signatureVersion',
  'credentials',
  'region',
  'url',
  'now',
] as const;

// biome-ignore lint/suspicious/noTemplateCurlyInString: OSS's literal placeholder, expanded to the file's name
const FILENAME = '${filename}';

function toBase64(document: PostPolicyDocument): string {
  return Buffer.from(JSON.stringify(document), 'utf8').toString('base64');
}

/**
 * The caller's extra conditions, checked on their own first so that a mistake there is reported
 * against "conditions" rather than as a fault of the whole policy. Same parser as the POST checker.
 */
function checkExtraConditions(conditions: unknown, expiration: string): readonly PolicyConditionInput[] {
  if (conditions === undefined) return [];
  if (!Array.isArray(conditions)) fail('"conditions" must be an array of policy conditions.');
  if (conditions.length === 0) return [];
  const result = parsePolicy(toBase64({ expiration, conditions }));
  if ('error' in result) {
    fail(`"conditions" would make OSS refuse the policy: ${result.error.code}: ${result.error.message}`);
  }
  return conditions as readonly PolicyConditionInput[];
}

/**
 * Builds, checks and signs a PostObject policy for a browser upload, and returns the form fields
 * the browser posts (the file goes after them, last). The policy is validated with the same parser
 * and schema the POST checker uses, and a policy OSS would refuse throws a TypeError naming the
 * option: these are mistakes of the backend, not errors to relay to the browser.
 *
 * The policy always pins the bucket, the key (exact or starts-with) and, for V4, the signing fields
 * (`x-oss-signature-version`, `x-oss-credential`, `x-oss-date` and the STS token), in the order of
 * the Go SDK's PostObject sample.
 */
export function issuePostPolicy(options: IssuePostPolicyOptions): IssuedPostPolicy {
  rejectUnknownOptions(ISSUE_FACTORY, options, ISSUE_OPTION_NAMES);
  return withFactoryName(ISSUE_FACTORY, () => buildPostPolicy(options));
}

/** issuePostPolicy() without the factory's name: its option problems are named by the caller. */
export function buildPostPolicy(options: IssuePostPolicyOptions): IssuedPostPolicy {
  checkOptionsObject(options);
  const version = options.signatureVersion ?? 'v4';
  if (version !== 'v1' && version !== 'v4') fail('"signatureVersion" must be "v1" or "v4".');
  const v4 = version === 'v4';
  checkBucket(options.bucket);
  const key = checkKey(options);
  const sizes = checkSizes(options, MAX_POST_OBJECT_BYTES);
  const credentials = checkCredentials(options.credentials);
  const region = checkRegion(options.region, v4);
  const nowMs = checkNow(options.now);
  const expirationMs = checkExpiration(options, nowMs, v4);
  const expiration = new Date(expirationMs).toISOString();
  const plan = planFields(options);
  const extra = checkExtraConditions(options.conditions, expiration);

  const conditions: PolicyConditionInput[] = [{ bucket: options.bucket }];
  const signing: Array<[string, string]> = [];
  let day = '';
  if (v4) {
    const date = v4Timestamp(new Date(nowMs));
    day = date.slice(0, 8);
    const credential = `${credentials.accessKeyId}/${v4Scope(day, region!)}`;
    signing.push(
      ['x-oss-signature-version', V4_ALGORITHM],
      ['x-oss-credential', credential],
      ['x-oss-date', date],
    );
    // The V4 doc asks for the policy's values to match these fields; the token is pinned the same way.
    for (const [name, value] of signing) conditions.push({ [name]: value });
    if (credentials.securityToken !== undefined)
      conditions.push({ 'x-oss-security-token': credentials.securityToken });
  }
  if (sizes !== undefined) conditions.push(['content-length-range', sizes.min, sizes.max]);
  conditions.push(key.exact ? ['eq', '$key', key.value] : ['starts-with', '$key', key.value]);
  conditions.push(...plan.conditions, ...extra);

  const policy: PostPolicyDocument = { expiration, conditions };
  const policyBase64 = toBase64(policy);
  // Built from checked parts, so this only fails if the parts combine badly; still, never sign what OSS refuses.
  const verdict = parsePolicy(policyBase64);
  if ('error' in verdict)
    fail(`the policy would be refused by OSS: ${verdict.error.code}: ${verdict.error.message}`);

  const fields: Record<string, string> = { key: key.exact ? key.value : key.value + FILENAME };
  fields.policy = policyBase64;
  if (v4) {
    for (const [name, value] of signing) fields[name] = value;
    fields['x-oss-signature'] = postSignatureV4(credentials.accessKeySecret, policyBase64, day, region!);
  } else {
    fields.OSSAccessKeyId = credentials.accessKeyId;
    fields.Signature = postSignatureV1(credentials.accessKeySecret, policyBase64);
  }
  if (credentials.securityToken !== undefined) fields['x-oss-security-token'] = credentials.securityToken;
  for (const [name, value] of plan.fields) fields[name] = value;

  const url =
    checkUrl(options.url) ??
    (region === undefined ? undefined : `https://${options.bucket}.oss-${region}.aliyuncs.com`);
  return url === undefined ? { fields, policy, expiration } : { url, fields, policy, expiration };
}
