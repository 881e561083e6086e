import { randomBytes } from 'node:crypto';
import type { PostFilePart } from './form-part';

/**
 * A fresh random boundary: the file streams through unseen, so a boundary the client cannot
 * know is what keeps its bytes from ever ending the part early.
 */
export function newBoundary(): string {
  return `oss-preflight-${randomBytes(16).toString('hex')}`;
}

// WHATWG form serialisation escapes exactly these three in names and filenames.
function quote(value: string): string {
  return `"${value.replace(/[\r\n"]/g, (c) => (c === '"' ? '%22' : c === '\r' ? '%0D' : '%0A'))}"`;
}

/** Every field part followed by the file part's headers: all that precedes the file's bytes. */
export function encodeFormHead(
  boundary: string,
  fields: ReadonlyArray<readonly [string, string]>,
  file: PostFilePart,
): Buffer {
  const parts: string[] = [];
  for (const [name, value] of fields) {
    parts.push(`--${boundary}\r\nContent-Disposition: form-data; name=${quote(name)}\r\n\r\n${value}\r\n`);
  }
  let disposition = `form-data; name=${quote(file.fieldName)}`;
  if (file.filename !== undefined) disposition += `; filename=${quote(file.filename)}`;
  let head = `--${boundary}\r\nContent-Disposition: ${disposition}\r\n`;
  if (file.mimeType !== undefined) head += `Content-Type: ${file.mimeType}\r\n`;
  // busboy reports 7bit when the part named no transfer encoding; only a real one is repeated.
  if (file.encoding !== '7bit') head += `Content-Transfer-Encoding: ${file.encoding}\r\n`;
  parts.push(`${head}\r\n`);
  return Buffer.from(parts.join(''), 'utf8');
}

export function encodeFormTail(boundary: string): Buffer {
  return Buffer.from(`\r\n--${boundary}--\r\n`, 'latin1');
}
