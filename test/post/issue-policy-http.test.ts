// biome-ignore-all lint/suspicious/noTemplateCurlyInString: OSS's ${filename} placeholder is literal.
// Forms built from issuePostPolicy() fields, posted over HTTP to the PostObject handler
// (createPostObjectHandler, in front of a recording upstream): what a browser would send.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import busboy from 'busboy';
import { issuePostPolicy } from '../../src/post/issue-policy';
import type { IssuePostPolicyOptions } from '../../src/post/issue-policy-types';
import { message } from '../helpers/catalogue';
import { AK, type Part, type PostServer, postForm, REGION, SK, startPostServer, tag } from './helpers';

const BUCKET = 'example-bucket';

/** An element's text as an XML parser reads it (the renderer may escape quotes as &quot;). */
function xmlText(xml: string, name: string): string | undefined {
  return tag(xml, name)
    ?.replaceAll('&quot;', '"')
    .replaceAll('&apos;', "'")
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&amp;', '&');
}

function issue(extra: Partial<IssuePostPolicyOptions> = {}) {
  return issuePostPolicy({
    bucket: BUCKET,
    keyPrefix: 'uploads/alice/',
    minSize: 1,
    maxSize: 1000,
    successActionStatus: 201,
    credentials: { accessKeyId: AK, accessKeySecret: SK },
    region: REGION,
    ...extra,
  });
}

/** Fields in the order issued, then the file, last: what the example page sends. */
function formOf(fields: Record<string, string>, content: Buffer, filename = 'photo.png'): Part[] {
  return [...Object.entries(fields), ['file', { filename, content, contentType: 'image/png' }]];
}

/** The fields and file the upstream received, parsed from the forwarded multipart body. */
function parseForwarded(
  body: Buffer,
  contentType: string,
): Promise<{ fields: Map<string, string>; file: Buffer }> {
  return new Promise((resolve, reject) => {
    const fields = new Map<string, string>();
    const chunks: Buffer[] = [];
    const parser = busboy({ headers: { 'content-type': contentType } });
    parser.on('field', (name, value) => fields.set(name, value));
    parser.on('file', (_name, stream) => stream.on('data', (c: Buffer) => chunks.push(c)));
    parser.on('close', () => resolve({ fields, file: Buffer.concat(chunks) }));
    parser.on('error', reject);
    parser.end(body);
  });
}

describe('issued policies through the PostObject handler', () => {
  let server: PostServer;
  beforeAll(async () => {
    server = await startPostServer();
  });
  afterAll(async () => {
    await server.close();
  });

  it.each([['v4'], ['v1']] as const)(
    '%s: the form is accepted and the file reaches the upstream intact',
    async (version) => {
      const issued = issue({ signatureVersion: version });
      const content = randomBytes(1000);
      const reply = await postForm(server.port, formOf(issued.fields, content), `/${BUCKET}`);
      // The recording upstream answers 200; the handler relays whatever the upstream says.
      expect(reply.status).toBe(200);
      const forwarded = server.upstream.completed().at(-1)!;
      expect(forwarded.method).toBe('POST');
      expect(forwarded.bucket).toBe(BUCKET);
      const received = await parseForwarded(forwarded.body, String(forwarded.headers['content-type']));
      expect(received.file.equals(content)).toBe(true);
      expect(received.fields.get('policy')).toBe(issued.fields.policy);
      expect(received.fields.get('key')).toBe('uploads/alice/${filename}');
    },
  );

  it("the size bounds are the policy's: 1001 bytes is EntityTooLarge, an empty file EntityTooSmall", async () => {
    const issued = issue();
    const before = server.upstream.completed().length;
    const large = await postForm(server.port, formOf(issued.fields, randomBytes(1001)), `/${BUCKET}`);
    expect(large.status).toBe(400);
    expect(tag(large.body, 'Code')).toBe('EntityTooLarge');
    expect(tag(large.body, 'Message')).toBe(message('EntityTooLarge.aboveMaximum'));
    const small = await postForm(server.port, formOf(issued.fields, Buffer.alloc(0)), `/${BUCKET}`);
    expect(tag(small.body, 'Code')).toBe('EntityTooSmall');
    expect(tag(small.body, 'Message')).toBe(message('EntityTooSmall.belowMinimum'));
    // Neither upload was completed upstream: nothing was stored.
    expect(server.upstream.completed().length).toBe(before);
  });

  it('a browser that rewrites a field is refused with the condition OSS prints', async () => {
    const issued = issue();
    const reply = await postForm(
      server.port,
      formOf({ ...issued.fields, key: 'uploads/bob/${filename}' }, randomBytes(10)),
      `/${BUCKET}`,
    );
    expect(reply.status).toBe(403);
    expect(tag(reply.body, 'Code')).toBe('AccessDenied');
    expect(xmlText(reply.body, 'Message')).toBe(
      message('AccessDenied.policyConditionFailed', {
        condition: '["starts-with", "$key", "uploads/alice/"]',
      }),
    );
  });

  it('a policy issued for another bucket or region is refused', async () => {
    const otherBucket = await postForm(server.port, formOf(issue().fields, randomBytes(10)), '/other-bucket');
    expect(tag(otherBucket.body, 'Code')).toBe('AccessDenied');
    const otherRegion = await postForm(
      server.port,
      formOf(issue({ region: 'cn-beijing' }).fields, randomBytes(10)),
      `/${BUCKET}`,
    );
    expect(tag(otherRegion.body, 'Message')).toBe(message('InvalidArgument.credentialRegionInvalid'));
  });
});
