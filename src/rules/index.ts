import type { Rule } from '../core/rule';
import { authRules } from './auth';
import { bucketConfigRules } from './bucket-config';
import { callbackRules } from './callback';
import { corsRules } from './cors';
import { framingRules } from './framing';
import { headerRules } from './headers';
import { integrityRules } from './integrity';
import { multipartRules } from './multipart';
import { nameRules } from './names';
import { persistentHeaderRules } from './persistent-headers';
import { postObjectRules } from './post-object';
import { taggingRules } from './tagging';
import { trafficLimitRules } from './traffic-limit';

/** One rule family: its rules, the middleware that runs only them, and what it checks (for the docs). */
export type FamilyEntry = {
  readonly name: string;
  /** The Express middleware that runs this family alone, or how to reach it when it needs more than headers. */
  readonly middleware: string;
  readonly checks: string;
  readonly rules: readonly Rule[];
};

/**
 * The families in evaluation order. OSS returns one error per request and does not document which
 * check comes first, so the order is ours: the request's framing, then names, then authentication,
 * then the request's own headers from the general to the specific, and body documents last.
 * `RuleFamily`, `builtInRules`, the per-family middleware and docs/rules.md are derived from this.
 */
export const FAMILIES = [
  {
    name: 'framing',
    middleware: 'checkFraming',
    checks: 'HTTP method, request target (one reading of path and query), Content-Length (format, 411, 5 GB)',
    rules: framingRules,
  },
  {
    name: 'names',
    middleware: 'checkNames',
    checks:
      'bucket and object names, LiveChannel names, names in `x-oss-copy-source` and `x-oss-symlink-target`',
    rules: nameRules,
  },
  {
    name: 'auth',
    middleware: 'checkAuth',
    checks:
      'Authorization header (V1, V2, V4), dates and 15-minute skew, presigned URLs (V1, V2, V4), STS tokens, signatures of known keys in constant time',
    rules: authRules,
  },
  { name: 'cors', middleware: 'checkCors', checks: 'OPTIONS preflight headers', rules: corsRules },
  {
    name: 'post-object',
    middleware: 'postObject (oss-preflight/post): the fields are in the multipart body',
    checks:
      'PostObject forms: multipart shape, field limits, policy document and conditions, V1/V4 form signatures, sizes while streaming',
    rules: postObjectRules,
  },
  {
    name: 'headers',
    middleware: 'checkHeaders',
    checks:
      'conditional headers (NotImplemented), encryption, ACLs, storage class, forbid-overwrite, user metadata, client-side encryption meta, version ids, listing parameters, response-* overrides',
    rules: headerRules,
  },
  {
    name: 'traffic-limit',
    middleware: 'checkTrafficLimit',
    checks: '`x-oss-traffic-limit` range, header vs query',
    rules: trafficLimitRules,
  },
  {
    name: 'tagging',
    middleware: 'checkTagging',
    checks: '`x-oss-tagging`, PutObjectTagging and PutBucketTags documents',
    rules: taggingRules,
  },
  {
    name: 'callback',
    middleware: 'checkCallback',
    checks:
      '`x-oss-callback` / `callback` / form field and callback-var: base64, JSON Schema, URLs, non-public targets in every notation, body variables, 5 KB',
    rules: callbackRules,
  },
  {
    name: 'persistent-headers',
    middleware: 'checkPersistentHeaders',
    checks: '`x-oss-persistent-headers` format, base64, UTF-8, control characters, reserved names, tokens',
    rules: persistentHeaderRules,
  },
  {
    name: 'integrity',
    middleware: 'checkIntegrity',
    checks:
      'Content-MD5 and CRC-64 header formats; MD5, CRC-64 and length verified while the body streams through the gateway',
    rules: integrityRules,
  },
  {
    name: 'multipart',
    middleware: 'checkMultipart',
    checks:
      'part numbers, uploadId, CompleteMultipartUpload and DeleteMultipleObjects documents, append position, copy source',
    rules: multipartRules,
  },
  {
    name: 'bucket-config',
    middleware: 'checkXmlBody (reads the XML documents these rules judge)',
    checks:
      'bucket configuration documents (CORS, lifecycle, versioning, WORM, replication, website, referer, logging, inventory, encryption, LiveChannel, RestoreObject...)',
    rules: bucketConfigRules,
  },
] as const satisfies readonly FamilyEntry[];

/** A built-in family name; `custom` is the family of your own rules. */
export type RuleFamily = (typeof FAMILIES)[number]['name'] | 'custom';

export const FAMILY_NAMES: readonly RuleFamily[] = [...FAMILIES.map((family) => family.name), 'custom'];

/** Every built-in rule in evaluation order. */
export const builtInRules: readonly Rule[] = FAMILIES.flatMap((family) => family.rules);
