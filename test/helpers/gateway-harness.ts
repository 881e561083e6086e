import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { GatewayOptions } from '../../src/gateway/gateway';
import { createGatewayServer } from '../../src/gateway/server';
import { type RecordingUpstream, startRecordingUpstream } from './recording-upstream';

export const TEST_CREDENTIALS = {
  accessKeyId: 'LTAI5tTestGatewayKey',
  accessKeySecret: 'testGatewaySecret0123456789abcdef',
};

export type RunningGateway = {
  readonly url: string;
  readonly port: number;
  readonly upstream: RecordingUpstream;
  close(): Promise<void>;
};

/** The gateway on an ephemeral port in front of a recording upstream that verifies signatures. */
export async function startGateway(options: Partial<GatewayOptions> = {}): Promise<RunningGateway> {
  const upstream = await startRecordingUpstream(TEST_CREDENTIALS);
  const { server } = createGatewayServer({
    endpoint: upstream.url,
    region: 'cn-hangzhou',
    credentials: TEST_CREDENTIALS,
    ...options,
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    upstream,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await upstream.close();
    },
  };
}

export type RawResponse = { status: number; headers: http.IncomingHttpHeaders; body: string };

/** Sends one request with node:http (any method, headers as given, body as given). */
export function send(
  port: number,
  method: string,
  path: string,
  headers: Record<string, string> = {},
  body?: Buffer | string,
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        method,
        path,
        headers: { host: `127.0.0.1:${port}`, ...headers },
        setHost: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

export function xmlTag(xml: string, name: string): string | undefined {
  return new RegExp(`<${name}>([\\s\\S]*?)</${name}>`).exec(xml)?.[1];
}
