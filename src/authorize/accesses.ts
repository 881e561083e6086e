import { parseCopySource } from '../core/copy-source';
import type { OssRequest } from '../core/request';
import { percentDecodeBytes } from '../core/request';
import type { Access } from './types';

type Via = Access['via'];
type Extra = { readonly maxBytes?: number | undefined; readonly expires?: number | undefined };

function access(request: OssRequest, via: Via, extra: Extra, fields: Partial<Access>): Access {
  return {
    operation: request.operation,
    method: request.method,
    role: 'target',
    bucket: request.bucket,
    key: request.key,
    keyIsPrefix: false,
    maxBytes: extra.maxBytes,
    expires: extra.expires,
    via,
    ...fields,
  };
}

const LISTINGS: ReadonlySet<string> = new Set(['ListObjects', 'ListObjectVersions', 'ListMultipartUploads']);

/** `o_<base64url>` / `b_<base64url>` of a `sys/saveas` step: the object a processing request writes. */
function saveAsTarget(process: string): { bucket?: string; key?: string } | undefined {
  const step = process.split('|').find((part) => part.startsWith('sys/saveas'));
  if (step === undefined) return undefined;
  const out: { bucket?: string; key?: string } = {};
  for (const param of step.split(',').slice(1)) {
    const value = Buffer.from(param.slice(2), 'base64url').toString('utf8');
    if (param.startsWith('o_')) out.key = value;
    else if (param.startsWith('b_')) out.bucket = value;
  }
  return out;
}

/**
 * Every resource a request touches, its own target first. A copy source is read (GetObject); a
 * symlink target will be read through the link; a saveas target is written. Another bucket or
 * prefix named there must be authorized like the target, or the gateway would read or write it on
 * the caller's behalf.
 */
export function accessesOf(request: OssRequest, via: Via, extra: Extra = {}): Access[] {
  // A listing reads the keys under its `prefix`: that prefix is what a key-prefix policy judges.
  const listing = LISTINGS.has(request.operation)
    ? { key: request.query.get('prefix') ?? '', keyIsPrefix: true }
    : {};
  const list = [access(request, via, extra, listing)];
  const copySource = request.headers['x-oss-copy-source'];
  if (copySource !== undefined) {
    const source = parseCopySource(copySource);
    list.push(
      access(request, via, extra, {
        operation: 'GetObject',
        role: 'copy-source',
        bucket: source?.bucket,
        key: source?.keyBytes.toString('utf8'),
        maxBytes: undefined,
      }),
    );
  }
  const symlinkTarget = request.headers['x-oss-symlink-target'];
  if (symlinkTarget !== undefined) {
    list.push(
      access(request, via, extra, {
        operation: 'GetObject',
        role: 'symlink-target',
        key: percentDecodeBytes(symlinkTarget).toString('utf8'),
        maxBytes: undefined,
      }),
    );
  }
  const process = request.query.get('x-oss-process');
  const saveAs = process === undefined ? undefined : saveAsTarget(process);
  if (saveAs !== undefined) {
    list.push(
      access(request, via, extra, {
        operation: 'PutObject',
        role: 'process-target',
        bucket: saveAs.bucket ?? request.bucket,
        key: saveAs.key,
        maxBytes: undefined,
      }),
    );
  }
  return list;
}
