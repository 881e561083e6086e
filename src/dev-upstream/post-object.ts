import type { IncomingMessage, ServerResponse } from 'node:http';
import { finished } from 'node:stream/promises';
import type busboy from 'busboy';
import { lazyModule } from '../core/lazy';
import {
  DevUpstreamError,
  malformedPost,
  notMultipartPost,
  postFileMissing,
  postKeyMissing,
} from './dev-error';
import type { DevUpstreamContext } from './dev-upstream-context';
import { pickStoredHeaders } from './object-headers';
import type { StoredObject } from './object-store';
import { sendEmpty, sendXml } from './reply';
import type { RequestTarget } from './request-target';
import { postResponseXml } from './xml';

// The stand-in parses forms with busboy, loaded with the first form.
const busboyModule = lazyModule<typeof busboy>('busboy');

type FormUpload = { readonly fields: ReadonlyMap<string, string>; readonly object: StoredObject };

/**
 * PostObject, the browser form upload. The stand-in does NOT check the
 * policy or signature: the gateway in front of it does, and the stand-in
 * only has to store what got through.
 */
export async function postObject(
  req: IncomingMessage,
  res: ServerResponse,
  target: RequestTarget & { bucket: string },
  context: DevUpstreamContext,
): Promise<void> {
  const { fields, object } = await receiveForm(req, target.bucket, context);
  const headers = { etag: object.etag };
  const redirect = redirectUrl(fields.get('success_action_redirect'), object);
  if (redirect) {
    sendEmpty(res, 303, { ...headers, location: redirect });
    return;
  }
  const status = successStatus(fields.get('success_action_status'));
  if (status !== 201) {
    sendEmpty(res, status, headers);
    return;
  }
  const location = objectLocation(target, object.key);
  const xml = postResponseXml({ bucket: object.bucket, location, key: object.key, etag: object.etag });
  sendXml(res, 201, xml, { ...headers, location });
}

async function receiveForm(
  req: IncomingMessage,
  bucket: string,
  context: DevUpstreamContext,
): Promise<FormUpload> {
  if (!/^multipart\/form-data\s*;/i.test(req.headers['content-type'] ?? '')) throw notMultipartPost();
  let form: busboy.Busboy;
  try {
    form = busboyModule()({ headers: req.headers, defParamCharset: 'utf8' });
  } catch {
    throw malformedPost();
  }
  // Errors surface through finished() and the upload promise; without a listener a late one would crash the process.
  form.on('error', ignore);
  const fields = new Map<string, string>();
  let upload: Promise<StoredObject> | undefined;
  form.on('field', (name, value) => {
    // OSS ignores whatever follows the file part.
    if (!upload) fields.set(name.toLowerCase(), value);
  });
  form.on('file', (name, stream, info) => {
    stream.on('error', ignore);
    if (upload || name.toLowerCase() !== 'file') {
      stream.resume();
      return;
    }
    // biome-ignore lint/suspicious/noTemplateCurlyInString: OSS's literal placeholder for the uploaded file name
    const key = fields.get('key')?.replaceAll('${filename}', info.filename ?? '');
    if (!key) {
      stream.resume();
      form.destroy(postKeyMissing());
      return;
    }
    const headers = pickStoredHeaders(fields, fields.get('content-type') ?? info.mimeType);
    upload = context.store.put(bucket, key, stream, { headers, maxBytes: context.maxObjectBytes });
    upload.catch((error: unknown) => form.destroy(error instanceof Error ? error : undefined));
  });
  // req.pipe() forwards data but not an abort, and a form waiting for data that never comes would hang.
  req.once('close', () => {
    if (!req.complete) form.destroy(new Error('request aborted'));
  });
  req.pipe(form);
  try {
    await finished(form);
  } catch (parseError) {
    req.unpipe(form);
    const uploadError = await upload?.then(
      () => undefined,
      (error: unknown) => error,
    );
    throw uploadError ?? (parseError instanceof DevUpstreamError ? parseError : malformedPost());
  }
  if (!upload) throw postFileMissing();
  return { fields, object: await upload };
}

function ignore(): void {}

function successStatus(field: string | undefined): 200 | 201 | 204 {
  if (field === '200') return 200;
  if (field === '201') return 201;
  return 204;
}

/** As on OSS, a redirect that is not an absolute http(s) URL falls back to success_action_status. */
function redirectUrl(field: string | undefined, object: StoredObject): string | undefined {
  if (!field) return undefined;
  let url: URL;
  try {
    url = new URL(field);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  url.searchParams.append('bucket', object.bucket);
  url.searchParams.append('key', object.key);
  url.searchParams.append('etag', object.etag);
  return url.toString();
}

function objectLocation(target: RequestTarget & { bucket: string }, key: string): string {
  const path = encodeURIComponent(key).replaceAll('%2F', '/');
  return target.virtualHosted
    ? `http://${target.host}/${path}`
    : `http://${target.host}/${encodeURIComponent(target.bucket)}/${path}`;
}
