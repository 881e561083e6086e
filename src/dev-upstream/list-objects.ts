import type { ServerResponse } from 'node:http';
import { invalidArgument } from './dev-error';
import type { DevUpstreamContext } from './dev-upstream-context';
import { sendXml } from './reply';
import { type ListBucketResult, type ListedObject, listBucketResultXml } from './xml';

const DEFAULT_MAX_KEYS = 100;
const MAX_MAX_KEYS = 1000;

/** ListObjects (v1) with prefix, marker, delimiter, max-keys and encoding-type. */
export async function listObjects(
  res: ServerResponse,
  bucket: string,
  query: URLSearchParams,
  context: DevUpstreamContext,
): Promise<void> {
  const prefix = query.get('prefix') ?? '';
  const marker = query.get('marker') ?? '';
  const delimiter = query.get('delimiter') ?? '';
  const maxKeys = parseMaxKeys(query.get('max-keys'));
  const encodingType = query.get('encoding-type') ?? undefined;
  if (encodingType !== undefined && encodingType !== 'url')
    throw invalidArgument('encoding-type', encodingType);

  const contents: ListedObject[] = [];
  const commonPrefixes: string[] = [];
  let isTruncated = false;
  let lastListed: string | undefined;
  for (const object of await context.store.list(bucket)) {
    if (!object.key.startsWith(prefix)) continue;
    const commonPrefix = commonPrefixOf(object.key, prefix, delimiter);
    const name = commonPrefix ?? object.key;
    if (name === lastListed || (marker !== '' && compareBytes(name, marker) <= 0)) continue;
    if (contents.length + commonPrefixes.length >= maxKeys) {
      isTruncated = true;
      break;
    }
    if (commonPrefix === undefined) {
      contents.push({
        key: object.key,
        size: object.size,
        etag: object.etag,
        lastModified: object.lastModified,
      });
    } else {
      commonPrefixes.push(commonPrefix);
    }
    lastListed = name;
  }
  const result: ListBucketResult = {
    bucket,
    prefix,
    marker,
    maxKeys,
    delimiter,
    encodingType,
    isTruncated,
    nextMarker: isTruncated ? lastListed : undefined,
    contents,
    commonPrefixes,
  };
  sendXml(res, 200, listBucketResultXml(result));
}

function parseMaxKeys(value: string | null): number {
  if (value === null) return DEFAULT_MAX_KEYS;
  const maxKeys = /^\d{1,4}$/.test(value) ? Number(value) : Number.NaN;
  if (!(maxKeys >= 0 && maxKeys <= MAX_MAX_KEYS)) throw invalidArgument('max-keys', value);
  return maxKeys;
}

function commonPrefixOf(key: string, prefix: string, delimiter: string): string | undefined {
  if (delimiter === '') return undefined;
  const end = key.indexOf(delimiter, prefix.length);
  return end < 0 ? undefined : key.slice(0, end + delimiter.length);
}

function compareBytes(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a), Buffer.from(b));
}
