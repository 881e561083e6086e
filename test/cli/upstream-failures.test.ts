// Upstream timeouts and failures, with the command in its own process and upstreams that misbehave
// on real sockets: silent, refusing, never finishing a TLS handshake, dying or stalling mid-answer.
import http from 'node:http';
import net from 'node:net';
import { afterAll, describe, expect, it } from '@jest/globals';
import { message } from '../helpers/catalogue';
import { freePort, killAll, type LogLine, startCli } from '../helpers/cli-process';
import { send, TEST_CREDENTIALS, xmlTag } from '../helpers/gateway-harness';
import { startRecordingUpstream } from '../helpers/recording-upstream';

afterAll(killAll);

const KEY = {
  OSS_ACCESS_KEY_ID: TEST_CREDENTIALS.accessKeyId,
  OSS_ACCESS_KEY_SECRET: TEST_CREDENTIALS.accessKeySecret,
  OSS_REGION: 'cn-hangzhou',
};

/** A TCP server that accepts, reads and never says a word. */
async function silentServer(): Promise<{ port: number; sockets: net.Socket[]; close(): void }> {
  const sockets: net.Socket[] = [];
  const server = net.createServer((socket) => {
    sockets.push(socket);
    socket.on('error', () => undefined);
    socket.resume();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return {
    port: (server.address() as net.AddressInfo).port,
    sockets,
    close: () => {
      for (const s of sockets) s.destroy();
      server.close();
    },
  };
}

/** An upstream that answers every request by `write(socket)`. */
async function scriptedUpstream(
  write: (socket: net.Socket) => void,
): Promise<{ port: number; requests: number; close(): void }> {
  const state = { port: 0, requests: 0, close: (): void => undefined };
  const sockets: net.Socket[] = [];
  const server = net.createServer((socket) => {
    sockets.push(socket);
    socket.on('error', () => undefined);
    let head = '';
    socket.on('data', (chunk: Buffer) => {
      head += chunk.toString('latin1');
      if (!head.includes('\r\n\r\n')) return;
      head = '';
      state.requests++;
      write(socket);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  state.port = (server.address() as net.AddressInfo).port;
  state.close = () => {
    for (const s of sockets) s.destroy();
    server.close();
  };
  return state;
}

function failureLine(gateway: { waitFor(m: (l: LogLine) => boolean): Promise<LogLine> }) {
  return gateway.waitFor((l) => l.msg === 'upstream failure');
}

/** GET whose answer is read to the end; resolves with what arrived and whether it ended cleanly. */
function readAll(port: number, path: string): Promise<{ status: number; bytes: number; complete: boolean }> {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port, path }, (res) => {
      let bytes = 0;
      res.on('data', (c: Buffer) => {
        bytes += c.length;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, bytes, complete: res.complete }));
      res.on('error', () => resolve({ status: res.statusCode ?? 0, bytes, complete: false }));
      res.on('aborted', () => resolve({ status: res.statusCode ?? 0, bytes, complete: false }));
    });
    req.on('error', reject);
  });
}

describe('upstream timeouts and failures (real processes and sockets)', () => {
  it('an upstream that never answers: 504 UpstreamTimeout after the response timeout, details only in the log', async () => {
    const silent = await silentServer();
    const gateway = await startCli(['gateway', '--workers', '0', '--upstream-response-timeout-ms', '600'], {
      ...KEY,
      OSS_ENDPOINT: `http://127.0.0.1:${silent.port}`,
    });
    try {
      const started = Date.now();
      const answer = await send(gateway.port, 'PUT', '/example-bucket/a.txt', {}, 'hello');
      const elapsed = Date.now() - started;
      expect(answer.status).toBe(504);
      expect(xmlTag(answer.body, 'Code')).toBe('UpstreamTimeout');
      expect(xmlTag(answer.body, 'Message')).toBe(message('UpstreamTimeout.noAnswerInTime'));
      expect(answer.headers['x-oss-request-id']).toBe(xmlTag(answer.body, 'RequestId'));
      expect(answer.body).not.toContain(String(silent.port));
      expect(elapsed).toBeGreaterThanOrEqual(550);
      expect(elapsed).toBeLessThan(5000);
      const line = await failureLine(gateway);
      expect(line).toMatchObject({ outcome: 'upstream-failure', failure: 'response-timeout', status: 504 });
      expect(line.requestId).toBe(answer.headers['x-oss-request-id']);
    } finally {
      gateway.kill();
      silent.close();
    }
  });

  it('an upstream that refuses connections: 502 with a fixed message (no address, no errno); the log has them', async () => {
    const closedPort = await freePort();
    const gateway = await startCli(['gateway', '--workers', '0'], {
      ...KEY,
      OSS_ENDPOINT: `http://127.0.0.1:${closedPort}`,
    });
    try {
      const answer = await send(gateway.port, 'GET', '/example-bucket/a.txt');
      expect(answer.status).toBe(502);
      expect(xmlTag(answer.body, 'Code')).toBe('UpstreamUnavailable');
      expect(xmlTag(answer.body, 'Message')).toBe(message('UpstreamUnavailable.noAnswer'));
      // (HostId is the Host the client itself sent.)
      expect(answer.body).not.toMatch(new RegExp(`ECONNREFUSED|:${closedPort}|connect`));
      const head = await send(gateway.port, 'HEAD', '/example-bucket/a.txt');
      expect(head.status).toBe(502);
      expect(Buffer.from(String(head.headers['x-oss-err']), 'base64').toString()).toContain(
        'UpstreamUnavailable',
      );
      const line = await failureLine(gateway);
      expect(line).toMatchObject({ failure: 'ECONNREFUSED', code: 'UpstreamUnavailable' });
      expect(JSON.stringify(line.err)).toContain(`127.0.0.1:${closedPort}`);
    } finally {
      gateway.kill();
    }
  });

  it('a connection that never completes (TLS handshake unanswered): 504 after the connect timeout', async () => {
    const silent = await silentServer();
    const gateway = await startCli(['gateway', '--workers', '0', '--upstream-connect-timeout-ms', '400'], {
      ...KEY,
      OSS_ENDPOINT: `https://127.0.0.1:${silent.port}`,
    });
    try {
      const started = Date.now();
      const answer = await send(gateway.port, 'GET', '/example-bucket/a.txt');
      expect(answer.status).toBe(504);
      expect(xmlTag(answer.body, 'Code')).toBe('UpstreamTimeout');
      expect(Date.now() - started).toBeGreaterThanOrEqual(350);
      expect((await failureLine(gateway)).failure).toBe('connect-timeout');
      expect(silent.sockets.length).toBeGreaterThan(0);
    } finally {
      gateway.kill();
      silent.close();
    }
  });

  it('an upstream that dies mid-answer: the client connection is closed (no truncated "whole" body), no retry', async () => {
    const dying = await scriptedUpstream((socket) => {
      socket.write(
        'HTTP/1.1 200 OK\r\ncontent-length: 100000\r\nx-oss-request-id: UPSTREAM00000000000000DD\r\n\r\n',
      );
      socket.write(Buffer.alloc(1000, 1), () => setTimeout(() => socket.destroy(), 50));
    });
    const gateway = await startCli(['gateway', '--workers', '0'], {
      ...KEY,
      OSS_ENDPOINT: `http://127.0.0.1:${dying.port}`,
    });
    try {
      const answer = await readAll(gateway.port, '/example-bucket/big.bin');
      expect(answer.status).toBe(200);
      expect(answer.complete).toBe(false);
      expect(answer.bytes).toBeLessThan(100000);
      const line = await failureLine(gateway);
      expect(line).toMatchObject({ outcome: 'upstream-failure', requestId: 'UPSTREAM00000000000000DD' });
      expect(dying.requests).toBe(1);
    } finally {
      gateway.kill();
      dying.close();
    }
  });

  it('an upstream that stalls mid-answer: the client connection is closed after the response timeout', async () => {
    const stalling = await scriptedUpstream((socket) => {
      socket.write('HTTP/1.1 200 OK\r\ncontent-length: 100000\r\n\r\n');
      socket.write(Buffer.alloc(1000, 1));
    });
    const gateway = await startCli(['gateway', '--workers', '0', '--upstream-response-timeout-ms', '500'], {
      ...KEY,
      OSS_ENDPOINT: `http://127.0.0.1:${stalling.port}`,
    });
    try {
      const started = Date.now();
      const answer = await readAll(gateway.port, '/example-bucket/big.bin');
      expect(answer).toMatchObject({ status: 200, complete: false });
      expect(Date.now() - started).toBeGreaterThanOrEqual(450);
      expect((await failureLine(gateway)).failure).toBe('response-timeout');
    } finally {
      gateway.kill();
      stalling.close();
    }
  });

  it('a client that disconnects mid-upload aborts the upstream request (never completed upstream)', async () => {
    const upstream = await startRecordingUpstream(TEST_CREDENTIALS);
    const gateway = await startCli(['gateway', '--workers', '0'], { ...KEY, OSS_ENDPOINT: upstream.url });
    try {
      const socket = net.connect(gateway.port, '127.0.0.1');
      await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
      socket.write(
        `PUT /example-bucket/partial.bin HTTP/1.1\r\nhost: 127.0.0.1:${gateway.port}\r\ncontent-length: 1000000\r\n\r\n`,
      );
      socket.write(Buffer.alloc(100_000, 2));
      const deadline = Date.now() + 5000;
      while (upstream.requests.length === 0 && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 20));
      expect(upstream.requests).toHaveLength(1);
      // A client that goes away (connection reset): a FIN mid-body would instead be answered as a
      // malformed request, to a client that may still read it.
      socket.resetAndDestroy();
      const line = await gateway.waitFor((l) => l.msg === 'request' && l.outcome === 'client-abort');
      expect(line).toMatchObject({ key: 'partial.bin', status: 0 });
      await new Promise((r) => setTimeout(r, 200));
      expect(upstream.requests[0]?.complete).toBe(false);
      expect(upstream.completed()).toHaveLength(0);
    } finally {
      gateway.kill();
      await upstream.close();
    }
  });
});

describe('time spent waiting on the client never counts against the upstream', () => {
  it('a slow upload and a slow reader outlast the response timeout and complete', async () => {
    const upstream = await startRecordingUpstream(TEST_CREDENTIALS);
    const big = Buffer.alloc(4 * 1024 * 1024, 5);
    upstream.reply = (r) =>
      r.method === 'GET' ? { status: 200, body: big } : { status: 200, headers: { etag: '"X"' } };
    const gateway = await startCli(['gateway', '--workers', '0', '--upstream-response-timeout-ms', '300'], {
      ...KEY,
      OSS_ENDPOINT: upstream.url,
    });
    try {
      // Upload: 5 pieces 250 ms apart (1.25 s in all, each gap close to the timeout).
      const status = await new Promise<number>((resolve, reject) => {
        const req = http.request(
          {
            host: '127.0.0.1',
            port: gateway.port,
            method: 'PUT',
            path: '/example-bucket/slow.bin',
            headers: { 'content-length': String(5 * 1000) },
          },
          (res) => {
            res.resume();
            res.on('end', () => resolve(res.statusCode ?? 0));
          },
        );
        req.on('error', reject);
        let sent = 0;
        const next = () => {
          req.write(Buffer.alloc(1000, 7));
          if (++sent === 5) req.end();
          else setTimeout(next, 250);
        };
        next();
      });
      expect(status).toBe(200);
      expect(upstream.completed()[0]?.body.length).toBe(5000);
      // Download: the client stops reading for 1 s (past the timeout) after the first bytes.
      const received = await new Promise<number>((resolve, reject) => {
        http
          .get({ host: '127.0.0.1', port: gateway.port, path: '/example-bucket/big.bin' }, (res) => {
            let bytes = 0;
            res.once('data', (c: Buffer) => {
              bytes += c.length;
              res.pause();
              setTimeout(() => {
                res.on('data', (more: Buffer) => {
                  bytes += more.length;
                });
                res.resume();
              }, 1000);
            });
            res.on('end', () => resolve(res.complete ? bytes : -1));
            res.on('aborted', () => resolve(-1));
          })
          .on('error', reject);
      });
      expect(received).toBe(big.length);
      expect(gateway.lines().filter((l) => l.msg === 'upstream failure')).toEqual([]);
    } finally {
      gateway.kill();
      await upstream.close();
    }
  });
});
