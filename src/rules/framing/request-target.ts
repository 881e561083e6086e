import { isUtf8 } from 'node:buffer';
import { invalidArgument, type OssError, ossError } from '../../core/oss-error';
import { percentDecodeBytes } from '../../core/request';
import { defineRule } from '../../core/rule';

const INVALID = 'InvalidArgument.parameterInvalidDotted';
const OBJECT_INVALID = 'InvalidObjectName.invalid';

/** `.` and `..` path segments, also when their dots are percent-encoded (%2E). */
function hasDotSegment(path: string): boolean {
  for (const segment of path.split('/')) {
    if (segment.length > 6 || segment === '') continue;
    const decoded = segment.includes('%') ? segment.replace(/%2e/gi, '.') : segment;
    if (decoded === '.' || decoded === '..') return true;
  }
  return false;
}

/** The first query parameter whose name repeats, or whose name or value is not UTF-8 once decoded. */
function queryError(rawQuery: string): OssError | undefined {
  const seen = new Set<string>();
  for (const part of rawQuery.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const rawName = eq === -1 ? part : part.slice(0, eq);
    const name = percentDecodeBytes(rawName.replace(/\+/g, ' '));
    if (!isUtf8(name)) return invalidArgument(INVALID, 'query');
    const text = name.toString('utf8');
    if (seen.has(text)) return invalidArgument(INVALID, text);
    seen.add(text);
    if (eq !== -1 && !isUtf8(percentDecodeBytes(part.slice(eq + 1).replace(/\+/g, ' ')))) {
      return invalidArgument(INVALID, text);
    }
  }
  return undefined;
}

/**
 * One reading of the request target, so that what is validated is what is forwarded: the gateway
 * rebuilds the upstream request line from the parsed bucket, key and query, never from the raw path.
 */
export const requestTarget = defineRule({
  id: 'request-target',
  family: 'framing',
  operations: 'all',
  errors: [INVALID, OBJECT_INVALID],
  source:
    "RFC 9112 §3.2 (origin and absolute form; an absolute form's authority replaces Host) ; RFC 3986 §5.2.4 " +
    '(dot segments are removed by clients and intermediaries, so `a/../b` may reach OSS as `b`) ; research ' +
    'oss-rules-headers O4 (InvalidObjectName InvalidObjectName.invalid for a key OSS cannot take as given). ' +
    'Decision: a target that is neither origin nor absolute form, an authority with userinfo, a `.` or `..` path ' +
    'segment (also as %2E), a repeated query parameter (OSS documents no rule for which copy wins) and a query name ' +
    'or value that is not UTF-8 once decoded are refused, because they cannot be forwarded with one meaning. OSS ' +
    'documents none of them; the generic InvalidArgument of seed 002 answers the query and target forms.',
  check: (request) => {
    if (request.targetForm === 'other') return invalidArgument(INVALID, 'request-target');
    if (request.targetForm === 'absolute' && request.host.includes('@')) {
      return invalidArgument(INVALID, 'request-target');
    }
    if (hasDotSegment(request.path)) return ossError(OBJECT_INVALID);
    return request.rawQuery === '' ? undefined : queryError(request.rawQuery);
  },
});
