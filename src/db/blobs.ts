import { createHash, randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { EntityManager } from '@mikro-orm/postgresql';

/**
 * Content-addressed storage for file bytes: each file is kept once, under its SHA-256, and the database
 * keeps only the hash. On disk the layout is `<dataDir>/files/sha256/ab/cd/abcd...` (two levels of fan-out
 * keep folders small); bytes are written to a temporary name in the same folder and renamed into place, so
 * a reader never sees half a file and a crash leaves at worst a stray temporary.
 */
export interface BlobStore {
  /**
   * Stores the bytes under their hash (a no-op when already there) and returns the hash. `em`: the unit of
   * work the caller is in, which a store in the database writes with (the others ignore it).
   */
  put(bytes: Uint8Array, em?: EntityManager): Promise<string>;
  /**
   * Stores the bytes of a file, read as a stream (never whole in memory), and returns their hash and
   * size. For intake: a file of any size is recorded in bounded memory.
   */
  putFile(path: string, em?: EntityManager): Promise<StoredContent>;
  get(sha256: string, em?: EntityManager): Promise<Buffer>;
  /** Runs `work` with a path to the stored bytes (the store's own file, or a temporary copy removed after). */
  withFile<T>(sha256: string, work: (path: string) => Promise<T>, em?: EntityManager): Promise<T>;
  has(sha256: string, em?: EntityManager): Promise<boolean>;
  /** Where the bytes are on disk, or null for the in-memory store. */
  pathOf(sha256: string): string | null;
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export interface StoredContent {
  readonly sha256: string;
  readonly size: number;
}

/** A file's SHA-256 and size, read as a stream. */
export async function sha256OfFile(path: string): Promise<StoredContent> {
  const hash = createHash('sha256');
  let size = 0;
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) {
    hash.update(chunk as Buffer);
    size += (chunk as Buffer).length;
  }
  return { sha256: hash.digest('hex'), size };
}

/** A temporary folder for `work`, removed afterwards whatever happens. */
export async function inTempFolder<T>(work: (dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'x12d-content-'));
  try {
    return await work(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const HEX64 = /^[0-9a-f]{64}$/;
export function checkHash(sha256: string): void {
  if (!HEX64.test(sha256)) throw new Error(`not a SHA-256 hex digest: ${sha256.slice(0, 80)}`);
}

export class FsBlobStore implements BlobStore {
  constructor(readonly root: string) {}

  pathOf(sha256: string): string {
    checkHash(sha256);
    return join(this.root, 'sha256', sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  }

  async has(sha256: string): Promise<boolean> {
    try {
      await stat(this.pathOf(sha256));
      return true;
    } catch {
      return false;
    }
  }

  async put(bytes: Uint8Array): Promise<string> {
    const sha256 = sha256Hex(bytes);
    const path = this.pathOf(sha256);
    if (await this.has(sha256)) return sha256;
    await mkdir(dirname(path), { recursive: true });
    const tmp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
    try {
      await writeFile(tmp, bytes, { flag: 'wx' });
      await rename(tmp, path);
    } catch (e) {
      await rm(tmp, { force: true });
      throw e;
    }
    return sha256;
  }

  async putFile(source: string): Promise<StoredContent> {
    const content = await sha256OfFile(source);
    const path = this.pathOf(content.sha256);
    if (await this.has(content.sha256)) return content;
    await mkdir(dirname(path), { recursive: true });
    const tmp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
    try {
      await copyFile(source, tmp);
      await rename(tmp, path);
    } catch (e) {
      await rm(tmp, { force: true });
      throw e;
    }
    return content;
  }

  get(sha256: string): Promise<Buffer> {
    return readFile(this.pathOf(sha256));
  }

  async withFile<T>(sha256: string, work: (path: string) => Promise<T>): Promise<T> {
    const path = this.pathOf(sha256);
    await stat(path);
    return work(path);
  }
}

/** Keeps bytes in memory: for `dataDir: 'memory://'` (tests). */
export class MemoryBlobStore implements BlobStore {
  private readonly blobs = new Map<string, Buffer>();

  pathOf(sha256: string): null {
    checkHash(sha256);
    return null;
  }

  async has(sha256: string): Promise<boolean> {
    return this.blobs.has(sha256);
  }

  async put(bytes: Uint8Array): Promise<string> {
    const sha256 = sha256Hex(bytes);
    if (!this.blobs.has(sha256)) this.blobs.set(sha256, Buffer.from(bytes));
    return sha256;
  }

  async putFile(path: string): Promise<StoredContent> {
    const bytes = await readFile(path);
    return { sha256: await this.put(bytes), size: bytes.length };
  }

  async get(sha256: string): Promise<Buffer> {
    checkHash(sha256);
    const b = this.blobs.get(sha256);
    if (b === undefined) throw Object.assign(new Error(`no stored bytes for ${sha256}`), { code: 'ENOENT' });
    return Buffer.from(b);
  }

  async withFile<T>(sha256: string, work: (path: string) => Promise<T>): Promise<T> {
    const bytes = await this.get(sha256);
    return inTempFolder(async (dir) => {
      const path = join(dir, sha256);
      await writeFile(path, bytes);
      return work(path);
    });
  }
}
