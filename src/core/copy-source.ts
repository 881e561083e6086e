import { percentDecodeBytes } from './request';

export type CopySource = {
  readonly bucket: string;
  readonly keyBytes: Buffer;
  readonly query: string | undefined;
};

/**
 * Parses `x-oss-copy-source: /bucket/key[?versionId=id]` (bucket and key URL-encoded).
 * Returns undefined when the header does not name both a bucket and a key.
 */
export function parseCopySource(header: string): CopySource | undefined {
  const q = header.indexOf('?');
  const path = q === -1 ? header : header.slice(0, q);
  const query = q === -1 ? undefined : header.slice(q + 1);
  if (!path.startsWith('/')) return undefined;
  const slash = path.indexOf('/', 1);
  if (slash === -1) return undefined;
  const bucket = percentDecodeBytes(path.slice(1, slash)).toString('utf8');
  const keyBytes = percentDecodeBytes(path.slice(slash + 1));
  if (bucket === '' || keyBytes.length === 0) return undefined;
  return { bucket, keyBytes, query };
}
