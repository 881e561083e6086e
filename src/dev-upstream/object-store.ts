import { createHash, randomUUID } from 'node:crypto';
import type { FileHandle } from 'node:fs/promises';
import { mkdir, open, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { invalidDigest } from './dev-error';
import { writeBody } from './write-body';

/** Content-Type, Cache-Control and the like plus x-oss-meta-*, lower-case names. */
export type ObjectHeaders = Readonly<Record<string, string>>;

export type StoredObject = {
  readonly bucket: string;
  readonly key: string;
  readonly size: number;
  /** Quoted upper-case MD5 hex, as OSS returns for a simple upload. */
  readonly etag: string;
  readonly contentMd5: string;
  readonly lastModified: string;
  readonly headers: ObjectHeaders;
  /** Body file name under data/; fresh per upload so a reader with it open keeps a consistent body. */
  readonly dataFile: string;
};

export type PutOptions = {
  readonly headers: ObjectHeaders;
  readonly maxBytes: number;
  readonly expectedMd5?: Buffer | undefined;
};

/**
 * Objects on disk: meta/<id>.json describes the object and names its body
 * in data/. A new upload is written under tmp/ and renamed in, and the
 * sidecar is swapped last, so readers never see a half-written object.
 */
export class ObjectStore {
  private readonly metaDir: string;
  private readonly dataDir: string;
  private readonly tmpDir: string;

  private constructor(root: string) {
    this.metaDir = join(root, 'meta');
    this.dataDir = join(root, 'data');
    this.tmpDir = join(root, 'tmp');
  }

  static async create(root: string): Promise<ObjectStore> {
    const store = new ObjectStore(root);
    await Promise.all(
      [store.metaDir, store.dataDir, store.tmpDir].map((dir) => mkdir(dir, { recursive: true })),
    );
    return store;
  }

  async put(
    bucket: string,
    key: string,
    body: AsyncIterable<Buffer | string>,
    options: PutOptions,
  ): Promise<StoredObject> {
    const id = objectId(bucket, key);
    const tmpPath = join(this.tmpDir, randomUUID());
    const dataFile = `${id}.${randomUUID()}`;
    const dataPath = join(this.dataDir, dataFile);
    let written: Awaited<ReturnType<typeof writeBody>>;
    try {
      written = await writeBody(body, tmpPath, options.maxBytes);
      if (options.expectedMd5 && !written.md5.equals(options.expectedMd5)) throw invalidDigest();
      await rename(tmpPath, dataPath);
    } catch (error) {
      await rm(tmpPath, { force: true });
      throw error;
    }
    const object: StoredObject = {
      bucket,
      key,
      size: written.size,
      etag: `"${written.md5.toString('hex').toUpperCase()}"`,
      contentMd5: written.md5.toString('base64'),
      lastModified: new Date().toISOString(),
      headers: options.headers,
      dataFile,
    };
    const previous = await this.stat(bucket, key).catch(() => undefined);
    try {
      await this.writeMeta(id, object);
    } catch (error) {
      await rm(dataPath, { force: true });
      throw error;
    }
    if (previous && previous.dataFile !== dataFile)
      await rm(join(this.dataDir, previous.dataFile), { force: true });
    return object;
  }

  async stat(bucket: string, key: string): Promise<StoredObject | undefined> {
    const object = await this.readMeta(`${objectId(bucket, key)}.json`);
    return object && object.bucket === bucket && object.key === key ? object : undefined;
  }

  /** Opens the body; retries because a concurrent overwrite may remove the body a sidecar just named. */
  async openBody(
    bucket: string,
    key: string,
  ): Promise<{ object: StoredObject; file: FileHandle } | undefined> {
    for (let attempt = 0; attempt < 3; attempt++) {
      const object = await this.stat(bucket, key);
      if (!object) return undefined;
      try {
        return { object, file: await open(join(this.dataDir, object.dataFile), 'r') };
      } catch (error) {
        if (!isNotFound(error)) throw error;
      }
    }
    return undefined;
  }

  async delete(bucket: string, key: string): Promise<void> {
    const object = await this.stat(bucket, key);
    if (!object) return;
    await rm(join(this.metaDir, `${objectId(bucket, key)}.json`), { force: true });
    await rm(join(this.dataDir, object.dataFile), { force: true });
  }

  /** Every object of the bucket in key order (UTF-8 byte order, as OSS lists). */
  async list(bucket: string): Promise<StoredObject[]> {
    const names = (await readdir(this.metaDir)).filter((name) => name.endsWith('.json'));
    const objects = await Promise.all(names.map((name) => this.readMeta(name)));
    return objects
      .filter((object): object is StoredObject => object?.bucket === bucket)
      .sort((a, b) => Buffer.compare(Buffer.from(a.key), Buffer.from(b.key)));
  }

  private async readMeta(fileName: string): Promise<StoredObject | undefined> {
    try {
      return JSON.parse(await readFile(join(this.metaDir, fileName), 'utf8')) as StoredObject;
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
  }

  private async writeMeta(id: string, object: StoredObject): Promise<void> {
    const tmpPath = join(this.tmpDir, `${randomUUID()}.json`);
    try {
      await writeFile(tmpPath, JSON.stringify(object), { flag: 'wx' });
      await rename(tmpPath, join(this.metaDir, `${id}.json`));
    } catch (error) {
      await rm(tmpPath, { force: true });
      throw error;
    }
  }
}

/** A file-name-safe id: keys may hold any character, including "/" and "..". */
function objectId(bucket: string, key: string): string {
  return createHash('sha256').update(`${bucket}\0${key}`).digest('hex');
}

function isNotFound(error: unknown): boolean {
  return (error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT';
}
