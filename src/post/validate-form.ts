import type { Validator } from '../core/engine';
import type { OssError } from '../core/oss-error';
import type { Preflight } from '../preflight/create-preflight';
import type { KeyLookup } from '../preflight/credentials';
import { regionOfHost } from '../rules/auth';
import { objectNameError } from '../rules/names';
import {
  contentLengthRange,
  formField,
  MAX_POST_OBJECT_BYTES,
  parsePostCredential,
  policyOf,
  postAccessKeyId,
  postAuthOf,
} from '../rules/post-object';
import { accessKeyUnknown, signingRegionInvalid } from './errors';
import type { PostFormState } from './form-state';

export type FormValidation = {
  readonly core: Preflight;
  /** The active pre-authentication post-object rules (POST_PRE_AUTH_RULE_IDS), selected once. */
  readonly preAuth: Validator;
  readonly knownKeys: KeyLookup | undefined;
  /** 'forward' passes forms signed by keys the lookup does not know on, unverified, for OSS to judge. */
  readonly unknownKeys: 'reject' | 'forward';
  /** The bucket's region; a V4 credential scoped to another region is refused. Default: the Host's, if an OSS endpoint. */
  readonly region: string | undefined;
  readonly now: (() => number) | undefined;
};

/** OSS expands `${filename}` in the key with the file part's filename after checking the policy. */
export function expandKey(key: string, filename: string | undefined): string {
  // biome-ignore lint/suspicious/noTemplateCurlyInString: OSS's literal placeholder
  return key.includes('${filename}') ? key.replaceAll('${filename}', filename ?? '') : key;
}

/**
 * The decision made in multer's fileFilter, when the fields before the file are known and the
 * file has not streamed yet. Runs every rule with the form set (post-object and the families
 * that read form fields), then the checks that need this handler's configuration. Sets the
 * state's request, key and size range when the form is accepted.
 */
export async function validateForm(
  config: FormValidation,
  state: PostFormState,
): Promise<OssError | undefined> {
  const form = state.form();
  const request = { ...state.request, form };
  const now = config.now?.() ?? Date.now();
  // Shape first, then who signed, then what the policy and the other families say.
  const shapeError = config.preAuth(request, { now });
  if (shapeError) return shapeError;
  const auth = postAuthOf(form);
  if (auth.kind === 'v4' && auth.credential !== undefined) {
    const scope = parsePostCredential(auth.credential);
    // CloudBox scopes name the CloudBox, not a region (as the auth family's signing-region rule).
    const expected = scope?.product === 'oss' ? (config.region ?? regionOfHost(request.host)) : undefined;
    if (expected !== undefined && scope?.region !== expected) return signingRegionInvalid(auth.credential);
  }
  const accessKeyId = postAccessKeyId(auth);
  let credential: { accessKeyId: string; accessKeySecret: string } | undefined;
  if (accessKeyId !== undefined) {
    // Without any key to verify with, every signing key is unknown.
    const known = config.knownKeys === undefined ? undefined : await config.knownKeys(accessKeyId);
    if (known !== undefined) credential = { accessKeyId, accessKeySecret: known.accessKeySecret };
    else if (config.unknownKeys === 'reject') return accessKeyUnknown();
  }
  const error = config.core.check(request, config.now === undefined ? { credential } : { credential, now });
  if (error) return error;
  const key = expandKey(formField(form, 'key') ?? '', state.file?.filename);
  const keyError = objectNameError(Buffer.from(key, 'utf8'));
  if (keyError) return keyError;

  const policy = policyOf(form);
  const range = policy !== null && 'policy' in policy ? contentLengthRange(policy.policy) : undefined;
  state.request = request;
  state.key = key;
  state.sizeRange = {
    min: range?.min ?? 0,
    max: Math.min(range?.max ?? MAX_POST_OBJECT_BYTES, MAX_POST_OBJECT_BYTES),
  };
  return undefined;
}
