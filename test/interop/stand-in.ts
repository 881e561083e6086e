import { createHash } from 'node:crypto';
import type { RecordedRequest, UpstreamReply } from '../helpers/recording-upstream';

const XML = { 'content-type': 'application/xml' };
const md5 = (body: Buffer) => `"${createHash('md5').update(body).digest('hex').toUpperCase()}"`;

/**
 * Plausible OSS answers for the recording upstream, so ali-oss can parse what comes back: the
 * objects are kept in memory, multipart and copy answer with their XML documents.
 */
export function ossStandIn(): (request: RecordedRequest) => UpstreamReply {
  const objects = new Map<string, Buffer>();
  const tags = new Map<string, string>();
  return (r): UpstreamReply => {
    const url = new URL(r.url, 'http://upstream');
    const q = url.searchParams;
    const id = `${r.bucket}/${r.key}`;
    if (r.method === 'POST' && r.key === '') return { status: 204 };
    if (r.method === 'POST' && q.has('uploads')) {
      const body = `<?xml version="1.0" encoding="UTF-8"?>\n<InitiateMultipartUploadResult><Bucket>${r.bucket}</Bucket><Key>${r.key}</Key><UploadId>UPLOAD0001</UploadId></InitiateMultipartUploadResult>`;
      return { status: 200, headers: XML, body };
    }
    if (r.method === 'POST' && q.has('uploadId')) {
      const body = `<?xml version="1.0" encoding="UTF-8"?>\n<CompleteMultipartUploadResult><Location>http://${r.bucket}.oss/${r.key}</Location><Bucket>${r.bucket}</Bucket><Key>${r.key}</Key><ETag>"MULTIPART-3"</ETag></CompleteMultipartUploadResult>`;
      return { status: 200, headers: XML, body };
    }
    if (r.method === 'POST' && q.has('append')) {
      const next = Buffer.concat([objects.get(id) ?? Buffer.alloc(0), r.body]);
      objects.set(id, next);
      return { status: 200, headers: { etag: md5(next), 'x-oss-next-append-position': String(next.length) } };
    }
    if (r.method === 'PUT' && q.has('partNumber')) return { status: 200, headers: { etag: md5(r.body) } };
    if (r.method === 'PUT' && q.has('tagging')) {
      tags.set(id, r.body.toString('utf8'));
      return { status: 200 };
    }
    if (r.method === 'GET' && q.has('tagging')) {
      return { status: 200, headers: XML, body: tags.get(id) ?? '<Tagging><TagSet></TagSet></Tagging>' };
    }
    const source = r.headers['x-oss-copy-source'];
    if (r.method === 'PUT' && typeof source === 'string') {
      const from = objects.get(decodeURIComponent(source).replace(/^\//, '')) ?? Buffer.alloc(0);
      objects.set(id, from);
      const body = `<?xml version="1.0" encoding="UTF-8"?>\n<CopyObjectResult><ETag>${md5(from)}</ETag><LastModified>2023-12-16T16:20:57.000Z</LastModified></CopyObjectResult>`;
      return { status: 200, headers: XML, body };
    }
    if (r.method === 'PUT') {
      objects.set(id, r.body);
      return { status: 200, headers: { etag: md5(r.body) } };
    }
    if (r.method === 'DELETE') {
      objects.delete(id);
      return { status: 204 };
    }
    const stored = objects.get(id);
    if (stored === undefined)
      return { status: 404, headers: XML, body: '<Error><Code>NoSuchKey</Code></Error>' };
    const headers = {
      etag: md5(stored),
      'content-type': 'application/octet-stream',
      'x-oss-object-type': 'Normal',
    };
    if (r.method === 'HEAD')
      return { status: 200, headers: { ...headers, 'content-length': String(stored.length) } };
    return { status: 200, headers, body: stored };
  };
}
