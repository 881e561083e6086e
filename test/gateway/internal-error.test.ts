// A failure on the gateway's own side is answered 500 InternalError with OSS's generic message;
// the error itself is only for the log (observeRequests hands it over as `detail`).
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from '@jest/globals';
import { observeRequests, type RequestRecord } from '../../src/gateway/observe';
import { createGatewayServer } from '../../src/gateway/server';
import { signV4 } from '../../src/signing/sign-v4';
import { message } from '../helpers/catalogue';
import { send, TEST_CREDENTIALS, xmlTag } from '../helpers/gateway-harness';
import { startRecordingUpstream } from '../helpers/recording-upstream';

describe('internal errors', () => {
  it('answer 500 InternalError in OSS form, never the error text, and hand the error to the observer', async () => {
    const upstream = await startRecordingUpstream(TEST_CREDENTIALS);
    const { server } = createGatewayServer({
      endpoint: upstream.url,
      region: 'cn-hangzhou',
      credentials: TEST_CREDENTIALS,
      // A key store that fails: the gateway's own problem, not the client's.
      knownKeys: () => {
        throw new Error('key store at 10.1.2.3:6379 unreachable');
      },
    });
    const records: RequestRecord[] = [];
    observeRequests(server, { onEnd: (record) => records.push(record) });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    const { port } = server.address() as AddressInfo;
    try {
      const headers = signV4(
        { method: 'GET', bucket: 'example-bucket', key: 'a.txt', query: [], headers: {} },
        TEST_CREDENTIALS,
        { region: 'cn-hangzhou' },
      );
      for (const method of ['GET', 'HEAD']) {
        const answer = await send(port, method, '/example-bucket/a.txt', headers);
        expect(answer.status).toBe(500);
        const xml =
          method === 'HEAD'
            ? Buffer.from(String(answer.headers['x-oss-err']), 'base64').toString()
            : answer.body;
        expect(xmlTag(xml, 'Code')).toBe('InternalError');
        expect(xmlTag(xml, 'Message')).toBe(message('InternalError.contactAdministrator'));
        expect(xml).not.toContain('10.1.2.3');
        expect(answer.headers['x-oss-request-id']).toBe(xmlTag(xml, 'RequestId'));
      }
      await new Promise((r) => setTimeout(r, 50));
      expect(records.map((r) => [r.outcome, r.code, r.status])).toEqual([
        ['internal-error', 'InternalError', 500],
        ['internal-error', 'InternalError', 500],
      ]);
      expect(String((records[0]!.detail as Error).message)).toContain('10.1.2.3');
      expect(upstream.requests).toHaveLength(0);
    } finally {
      server.closeAllConnections();
      server.close();
      await upstream.close();
    }
  });
});
