import { createHash } from 'node:crypto';
import { open } from 'node:fs/promises';
import { entityTooLarge } from './dev-error';

export type WrittenBody = { readonly size: number; readonly md5: Buffer };

/**
 * Copies a body to a new file chunk by chunk, hashing as it goes, so an
 * upload of several GiB never sits in memory. Awaiting every write gives
 * natural back-pressure on the socket.
 */
export async function writeBody(
  body: AsyncIterable<Buffer | string>,
  path: string,
  maxBytes: number,
): Promise<WrittenBody> {
  const file = await open(path, 'wx');
  const md5 = createHash('md5');
  let size = 0;
  try {
    for await (const chunk of body) {
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      size += bytes.length;
      if (size > maxBytes) throw entityTooLarge();
      md5.update(bytes);
      for (let offset = 0; offset < bytes.length; ) {
        const { bytesWritten } = await file.write(bytes, offset, bytes.length - offset);
        offset += bytesWritten;
      }
    }
  } finally {
    await file.close();
  }
  return { size, md5: md5.digest() };
}
