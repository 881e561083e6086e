import type { IncomingMessage, ServerResponse } from 'node:http';
import { noteUpstreamCode } from './outcome';

/** OSS puts <Code> in the first few hundred bytes of its error documents. */
const LOOK_AT_MOST = 2048;
const CODE = /<Code>([A-Za-z0-9]{1,64})<\/Code>/;

/**
 * For the logs and metrics: reads the `<Code>` of an upstream error document as it passes to the
 * client. Only error answers with an XML body are looked at, and only their first 2 KiB; object
 * bodies are never touched.
 */
export function readUpstreamCode(upstreamRes: IncomingMessage, res: ServerResponse): void {
  const status = upstreamRes.statusCode ?? 0;
  if (status < 300) return;
  // A HEAD answer carries its error document base64-encoded in x-oss-err.
  const inHeader = upstreamRes.headers['x-oss-err'];
  if (typeof inHeader === 'string') {
    const code = CODE.exec(Buffer.from(inHeader.slice(0, 4096), 'base64').toString('latin1'))?.[1];
    if (code !== undefined) noteUpstreamCode(res, code);
    return;
  }
  if (!/xml/i.test(upstreamRes.headers['content-type'] ?? '')) return;
  let seen = '';
  const look = (chunk: Buffer) => {
    seen += chunk.toString('latin1', 0, Math.min(chunk.length, LOOK_AT_MOST - seen.length));
    const code = CODE.exec(seen)?.[1];
    if (code !== undefined || seen.length >= LOOK_AT_MOST) {
      upstreamRes.off('data', look);
      if (code !== undefined) noteUpstreamCode(res, code);
    }
  };
  upstreamRes.on('data', look);
}
