import net from 'node:net';

export type RawAnswer = { status: number; head: string; headers: Record<string, string>; body: string };

/** Parses the first response on a socket's bytes (latin1), de-chunking a chunked body. */
export function parseRawResponse(data: string): RawAnswer | undefined {
  // Interim answers (100 Continue) come before the response proper.
  while (/^HTTP\/1\.[01] 1\d\d /.test(data)) {
    const interim = data.indexOf('\r\n\r\n');
    if (interim === -1) return undefined;
    data = data.slice(interim + 4);
  }
  const end = data.indexOf('\r\n\r\n');
  if (end === -1) return undefined;
  const head = data.slice(0, end);
  const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(head)?.[1] ?? 0);
  const headers: Record<string, string> = {};
  for (const line of head.split('\r\n').slice(1)) {
    const colon = line.indexOf(':');
    headers[line.slice(0, colon).toLowerCase()] = line.slice(colon + 1).trim();
  }
  let body = data.slice(end + 4);
  if (/chunked/i.test(headers['transfer-encoding'] ?? '')) {
    let out = '';
    let rest = body;
    for (;;) {
      const eol = rest.indexOf('\r\n');
      const size = Number.parseInt(rest.slice(0, eol), 16);
      if (!size) break;
      out += rest.slice(eol + 2, eol + 2 + size);
      rest = rest.slice(eol + 2 + size + 2);
    }
    body = out;
  } else if (headers['content-length'] !== undefined) {
    body = body.slice(0, Number(headers['content-length']));
  }
  return { status, head, headers, body };
}

/**
 * Writes bytes exactly as given on a fresh connection and resolves with the first response, or
 * undefined when the connection closes (or `timeoutMs` passes) without one.
 */
export function rawRequest(
  port: number,
  bytes: Buffer | string,
  timeoutMs = 5000,
): Promise<RawAnswer | undefined> {
  return new Promise((resolve) => {
    let data = '';
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      socket.destroy();
      resolve(parseRawResponse(data));
    };
    const socket = net.connect(port, '127.0.0.1', () => socket.write(bytes));
    socket.setTimeout(timeoutMs, finish);
    socket.on('data', (chunk: Buffer) => {
      data += chunk.toString('latin1');
      const answer = parseRawResponse(data);
      // A complete response (length known and reached) ends the wait early.
      if (answer === undefined) return;
      const have = data.length - data.indexOf('\r\n\r\n') - 4;
      const length = answer.headers['content-length'];
      if (length !== undefined && have >= Number(length)) finish();
      else if (/chunked/i.test(answer.headers['transfer-encoding'] ?? '') && data.endsWith('0\r\n\r\n'))
        finish();
    });
    socket.on('error', finish);
    socket.on('close', finish);
  });
}

export type RawUpstream = {
  readonly url: string;
  readonly host: string;
  /** Every request head received (latin1), and the bytes after it on that connection. */
  readonly received: string[];
  close(): Promise<void>;
};

/** An upstream that records raw bytes, so header bytes can be checked exactly as they were written. */
export async function startRawUpstream(): Promise<RawUpstream> {
  const received: string[] = [];
  const server = net.createServer((socket) => {
    let data = '';
    socket.on('data', (chunk: Buffer) => {
      data += chunk.toString('latin1');
      if (!data.includes('\r\n\r\n')) return;
      received.push(data);
      socket.end('HTTP/1.1 200 OK\r\ncontent-length: 0\r\nconnection: close\r\n\r\n');
      data = '';
    });
    socket.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as net.AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    host: `127.0.0.1:${port}`,
    received,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
