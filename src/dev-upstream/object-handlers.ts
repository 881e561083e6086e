import type { IncomingMessage, ServerResponse } from 'node:http';
import { pipeline } from 'node:stream/promises';
import { parseByteRange } from './byte-range';
import { entityTooLarge, invalidDigest, noSuchKey, notImplemented } from './dev-error';
import type { DevUpstreamContext } from './dev-upstream-context';
import { objectResponseHeaders, pickStoredHeaders } from './object-headers';
import { sendEmpty } from './reply';

type ObjectRequest = {
  readonly req: IncomingMessage;
  readonly res: ServerResponse;
  readonly bucket: string;
  readonly key: string;
  readonly query: URLSearchParams;
  readonly context: DevUpstreamContext;
};

export async function putObject({ req, res, bucket, key, context }: ObjectRequest): Promise<void> {
  if (req.headers['x-oss-copy-source'] !== undefined) throw notImplemented();
  if (Number(req.headers['content-length'] ?? 0) > context.maxObjectBytes) throw entityTooLarge();
  const object = await context.store.put(
    bucket,
    key,
    // Keeps the request alive when the store gives up early, so the error can still be sent.
    req.iterator({ destroyOnReturn: false }),
    {
      headers: pickStoredHeaders(Object.entries(req.headers), 'application/octet-stream'),
      maxBytes: context.maxObjectBytes,
      expectedMd5: decodeContentMd5(req.headers['content-md5']),
    },
  );
  sendEmpty(res, 200, { etag: object.etag, 'content-md5': object.contentMd5 });
}

export async function getObject({ req, res, bucket, key, query, context }: ObjectRequest): Promise<void> {
  const opened = await context.store.openBody(bucket, key);
  if (!opened) throw noSuchKey(key);
  const { object, file } = opened;
  try {
    const range = parseByteRange(req.headers.range, object.size);
    const headers = objectResponseHeaders(object, query);
    if (range) {
      res.writeHead(206, {
        ...headers,
        'content-length': range.end - range.start + 1,
        'content-range': `bytes ${range.start}-${range.end}/${object.size}`,
      });
    } else {
      res.writeHead(200, { ...headers, 'content-length': object.size, 'content-md5': object.contentMd5 });
    }
    await pipeline(file.createReadStream({ autoClose: false, start: range?.start, end: range?.end }), res);
  } finally {
    await file.close();
  }
}

export async function headObject({ res, bucket, key, query, context }: ObjectRequest): Promise<void> {
  const object = await context.store.stat(bucket, key);
  if (!object) throw noSuchKey(key);
  res.writeHead(200, {
    ...objectResponseHeaders(object, query),
    'content-length': object.size,
    'content-md5': object.contentMd5,
  });
  res.end();
}

export async function deleteObject({ res, bucket, key, context }: ObjectRequest): Promise<void> {
  await context.store.delete(bucket, key);
  sendEmpty(res, 204);
}

function decodeContentMd5(header: string | string[] | undefined): Buffer | undefined {
  if (header === undefined) return undefined;
  if (Array.isArray(header)) throw invalidDigest();
  const digest = Buffer.from(header, 'base64');
  if (digest.length !== 16 || digest.toString('base64') !== header.trim()) throw invalidDigest();
  return digest;
}
