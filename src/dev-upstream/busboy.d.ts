// busboy arrives through multer and ships no types; this covers only what the
// development stand-in uses, so @types/busboy need not become a dependency.
declare module 'busboy' {
  import type { IncomingHttpHeaders } from 'node:http';
  import type { Readable, Writable } from 'node:stream';

  namespace busboy {
    type Limits = {
      fieldNameSize?: number;
      fieldSize?: number;
      fields?: number;
      fileSize?: number;
      files?: number;
      parts?: number;
      headerPairs?: number;
    };
    type Config = { headers: IncomingHttpHeaders; limits?: Limits; defParamCharset?: string };
    type FileInfo = { filename: string | undefined; encoding: string; mimeType: string };
    type FieldInfo = { nameTruncated: boolean; valueTruncated: boolean; encoding: string; mimeType: string };
    interface Busboy extends Writable {
      on(
        event: 'file',
        listener: (name: string, stream: Readable & { truncated?: boolean }, info: FileInfo) => void,
      ): this;
      on(event: 'field', listener: (name: string, value: string, info: FieldInfo) => void): this;
      on(event: string | symbol, listener: (...args: unknown[]) => void): this;
    }
  }

  function busboy(config: busboy.Config): busboy.Busboy;
  export = busboy;
}
