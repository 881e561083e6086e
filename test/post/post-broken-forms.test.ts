// Forms that break while they stream. The fuzz suite found the last case: a file part nobody reads
// (here one under another name than `file`) was destroyed with the form's error and, without an
// error listener, took the process down.
import { describe, expect, it } from '@jest/globals';
import { AK, multipart, rawExchange, SK, startPostServer, tag, v1Form } from './helpers';

describe('a form that breaks mid-file while its signature is being checked', () => {
  it('is answered with MalformedPOSTRequest and the process survives', async () => {
    // A slow key lookup keeps the file part unread while busboy meets the broken end of the form.
    const server = await startPostServer({
      knownKeys: async (id: string) => {
        await new Promise((r) => setTimeout(r, 150));
        return id === AK ? SK : undefined;
      },
    });
    try {
      for (let round = 0; round < 5; round++) {
        const { body, contentType } = multipart(
          v1Form([], {
            file: { filename: 'a.bin', content: 'x'.repeat(20_000), contentType: 'application/octet-stream' },
          }),
        );
        // Cut inside the file part and declare exactly what is sent: the form simply ends too early.
        const cut = body.subarray(0, body.length - 5000);
        const answer = await rawExchange(
          server.port,
          Buffer.concat([
            Buffer.from(
              `POST /example-bucket HTTP/1.1\r\nHost: x\r\nContent-Type: ${contentType}\r\nContent-Length: ${cut.length}\r\nConnection: close\r\n\r\n`,
            ),
            cut,
          ]),
        );
        expect(answer).toMatch(/^HTTP\/1\.1 400 /);
        expect(tag(answer, 'Code')).toBe('MalformedPOSTRequest');
      }
      expect(server.upstream.completed()).toHaveLength(0);
    } finally {
      await server.close();
    }
  });

  it('survives a client that leaves mid-file (the unread part is destroyed with the form error)', async () => {
    const server = await startPostServer({
      knownKeys: async (id: string) => {
        await new Promise((r) => setTimeout(r, 150));
        return id === AK ? SK : undefined;
      },
    });
    try {
      for (let round = 0; round < 5; round++) {
        const { body, contentType } = multipart(
          v1Form([], {
            file: { filename: 'a.bin', content: 'x'.repeat(20_000), contentType: 'application/octet-stream' },
          }),
        );
        await rawExchange(
          server.port,
          Buffer.concat([
            Buffer.from(
              `POST /example-bucket HTTP/1.1\r\nHost: x\r\nContent-Type: ${contentType}\r\nContent-Length: ${body.length}\r\n\r\n`,
            ),
            body.subarray(0, body.length - 5000),
          ]),
          { endAfterWrite: true },
        );
      }
      // Still serving: a whole form goes through.
      const { body, contentType } = multipart(v1Form([]));
      const answer = await rawExchange(
        server.port,
        Buffer.concat([
          Buffer.from(
            `POST /example-bucket HTTP/1.1\r\nHost: x\r\nContent-Type: ${contentType}\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n`,
          ),
          body,
        ]),
      );
      expect(answer).toMatch(/^HTTP\/1\.1 20\d /);
    } finally {
      await server.close();
    }
  });
});

describe('a file part under another name', () => {
  it('is refused while it streams, without an unhandled error from the part nobody reads', async () => {
    const server = await startPostServer();
    try {
      const parts = v1Form([]).filter(([name]) => name !== 'file');
      const { body, contentType } = multipart([
        ...parts,
        [
          'upload',
          {
            filename: 'big.bin',
            content: 'y'.repeat(2 * 1024 * 1024),
            contentType: 'application/octet-stream',
          },
        ],
      ]);
      const answer = await rawExchange(
        server.port,
        Buffer.concat([
          Buffer.from(
            `POST /example-bucket HTTP/1.1\r\nHost: x\r\nContent-Type: ${contentType}\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n`,
          ),
          body,
        ]),
      );
      expect(answer).toMatch(/^HTTP\/1\.1 400 /);
      expect(tag(answer, 'Code')).toBe('IncorrectNumberOfFilesInPOSTRequest');
    } finally {
      await server.close();
    }
  });
});
