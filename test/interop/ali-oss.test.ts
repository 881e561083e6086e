import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startVerifyingGateway } from '../auth/verifying-gateway';
import type { RunningGateway } from '../helpers/gateway-harness';
import { aliClient } from './client';
import { ossStandIn } from './stand-in';

// The official ali-oss client against the gateway, which verifies its signatures (V1 by default,
// V4 with authorizationV4) and forwards them to a recording upstream that verifies them again.

let gw: RunningGateway;
beforeAll(async () => {
  gw = await startVerifyingGateway();
  gw.upstream.reply = ossStandIn();
});
afterAll(async () => {
  await gw.close();
});

/** The upstream requests made while `run` ran; each must carry a signature the upstream verified. */
async function forwarded(run: () => Promise<unknown>) {
  const before = gw.upstream.requests.length;
  await run();
  const seen = gw.upstream.requests.slice(before);
  for (const r of seen)
    expect(`${r.method} ${r.url}: ${r.signatureProblem}`).toBe(`${r.method} ${r.url}: null`);
  return seen;
}

describe.each([
  ['V1', false],
  ['V4', true],
])('ali-oss %s through the gateway', (_name, authorizationV4) => {
  const client = () => aliClient(gw.port, { authorizationV4 });
  const key = (name: string) => `interop/${authorizationV4 ? 'v4' : 'v1'}/${name}`;

  it('put, get, head and delete', async () => {
    const seen = await forwarded(async () => {
      const put = await client().put(key('a b+c.txt'), Buffer.from('hello interop'), { mime: 'text/plain' });
      expect(put.res.status).toBe(200);
      const got = await client().get(key('a b+c.txt'));
      expect(got.content?.toString()).toBe('hello interop');
      const head = await client().head(key('a b+c.txt'));
      expect(head.res.headers['content-length']).toBe('13');
      const removed = await client().delete(key('a b+c.txt'));
      expect(removed.res.status).toBe(204);
    });
    expect(seen.map((r) => r.method)).toEqual(['PUT', 'GET', 'HEAD', 'DELETE']);
    expect(seen[0]?.key).toBe(key('a b+c.txt'));
    expect(seen[0]?.body.toString()).toBe('hello interop');
  });

  it('append', async () => {
    await forwarded(async () => {
      const first = await client().append(key('log.txt'), Buffer.from('one,'));
      const second = await client().append(key('log.txt'), Buffer.from('two'), {
        position: first.nextAppendPosition!,
      });
      expect(second.nextAppendPosition).toBe('7');
    });
  });

  it('copy', async () => {
    const seen = await forwarded(async () => {
      await client().put(key('source.txt'), Buffer.from('copy me'));
      const copied = await client().copy(key('copy.txt'), key('source.txt'));
      expect(copied.res.status).toBe(200);
    });
    expect(seen[1]?.headers['x-oss-copy-source']).toBe(
      `/interop-bucket/${encodeURIComponent(key('source.txt'))}`,
    );
  });

  it('multipart upload', async () => {
    const body = Buffer.alloc(250 * 1024, 7);
    const seen = await forwarded(async () => {
      const result = await client().multipartUpload(key('big.bin'), body, {
        partSize: 100 * 1024,
        parallel: 1,
      });
      expect(result.res.status).toBe(200);
    });
    const parts = seen.filter((r) => r.url.includes('partNumber='));
    expect(parts.map((r) => r.body.length)).toEqual([102_400, 102_400, 51_200]);
    expect(seen.at(-1)?.body.toString()).toContain('<PartNumber>3</PartNumber>');
  });

  it('object tagging', async () => {
    await forwarded(async () => {
      await client().put(key('tagged.txt'), Buffer.from('x'));
      await client().putObjectTagging(key('tagged.txt'), { project: 'interop', stage: 'test' });
      const tags = await client().getObjectTagging(key('tagged.txt'));
      expect(tags.tag).toEqual({ project: 'interop', stage: 'test' });
    });
  });
});
