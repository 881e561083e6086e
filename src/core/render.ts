import { randomBytes } from 'node:crypto';
import type { OssError } from './oss-error';

/** 24 upper-case hex characters, the form of every modern OSS request id. */
export function newRequestId(): string {
  return randomBytes(12).toString('hex').toUpperCase();
}

const XML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };

/**
 * Escapes element text for XML 1.0. Quotes stay as they are, as in OSS's own bodies, so a
 * message such as a failed policy condition is byte for byte the same; characters XML cannot
 * carry at all become U+FFFD.
 */
export function escapeXml(text: string): string {
  return text
    .replace(/[&<>]/g, (c) => XML_ESCAPES[c] ?? c)
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDFFF]/gu, '\uFFFD');
}

/** What the renderer needs; an OssError has it, and so can a gateway-level failure. */
export type RenderableError = Pick<OssError, 'code' | 'message' | 'details' | 'ec'>;

export type ErrorContext = { readonly requestId: string; readonly hostId: string };

export function renderErrorXml(error: RenderableError, context: ErrorContext): string {
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<Error>',
    `  <Code>${escapeXml(error.code)}</Code>`,
    `  <Message>${escapeXml(error.message)}</Message>`,
    `  <RequestId>${escapeXml(context.requestId)}</RequestId>`,
    `  <HostId>${escapeXml(context.hostId)}</HostId>`,
  ];
  for (const [name, value] of error.details) lines.push(`  <${name}>${escapeXml(value)}</${name}>`);
  if (error.ec) {
    lines.push(`  <EC>${escapeXml(error.ec)}</EC>`);
    lines.push(`  <RecommendDoc>https://api.aliyun.com/troubleshoot?q=${escapeXml(error.ec)}</RecommendDoc>`);
  }
  lines.push('</Error>', '');
  return lines.join('\n');
}

export type ErrorResponse = {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: string;
};

/**
 * The whole response OSS would send. A HEAD response has no body, so the XML
 * travels base64-encoded in `x-oss-err`, which the official SDKs decode.
 */
export function errorResponse(
  error: OssError,
  context: { readonly method: string; readonly hostId: string; readonly requestId?: string },
): ErrorResponse {
  const requestId = context.requestId ?? newRequestId();
  const xml = renderErrorXml(error, { requestId, hostId: context.hostId });
  const headers: Record<string, string> = {
    'content-type': 'application/xml',
    'x-oss-request-id': requestId,
  };
  if (error.ec) headers['x-oss-ec'] = error.ec;
  if (context.method.toUpperCase() === 'HEAD') {
    headers['x-oss-err'] = Buffer.from(xml, 'utf8').toString('base64');
    headers['content-length'] = '0';
    return { status: error.status, headers, body: '' };
  }
  headers['content-length'] = String(Buffer.byteLength(xml, 'utf8'));
  return { status: error.status, headers, body: xml };
}
