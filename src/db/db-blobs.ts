import { open } from 'node:fs/promises';
import { join } from 'node:path';
import type { EntityManager } from '@mikro-orm/postgresql';
import { type BlobStore, checkHash, inTempFolder, sha256Hex, sha256OfFile, type StoredContent } from './blobs.js';
import { rawQuery } from './sql.js';

/**
 * File bytes in PostgreSQL (table file_content), so every x12d instance on the database can read what
 * any of them received or wrote: a replay, or an upload, works on whichever machine takes the work. Bytes
 * are cut into chunks (4 MiB by default) so no single value nears PostgreSQL's 1 GB limit, travel as
 * binary parameters (no hex text), and are written in one transaction: the caller's when given (so the
 * file row and its bytes commit together), else their own. A file is stored once, under its SHA-256.
 */
export class DbBlobStore implements BlobStore {
  constructor(
    private readonly em: () => EntityManager,
    private readonly chunkBytes = 4 << 20,
  ) {}

  pathOf(sha256: string): null {
    checkHash(sha256);
    return null;
  }

  async has(sha256: string, em?: EntityManager): Promise<boolean> {
    checkHash(sha256);
    const rows = await rawQuery(em ?? this.em(), `select 1 from file_content where sha256 = $1 and seq = 0`, [sha256]);
    return rows.length > 0;
  }

  async put(bytes: Uint8Array, em?: EntityManager): Promise<string> {
    const sha256 = sha256Hex(bytes);
    const write = async (tx: EntityManager): Promise<void> => {
      if (await this.has(sha256, tx)) return;
      const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      // An empty file is one empty chunk, so "chunk 0 is there" always means "the file is there".
      let seq = 0;
      for (let at = 0; seq === 0 || at < buf.length; at += this.chunkBytes, seq++) {
        await rawQuery(tx, `insert into file_content (sha256, seq, bytes) values ($1, $2, $3) on conflict do nothing`, [sha256, seq, buf.subarray(at, Math.min(buf.length, at + this.chunkBytes))]);
      }
    };
    if (em !== undefined && em.isInTransaction()) await write(em);
    else await (em ?? this.em()).transactional((tx) => write(tx as EntityManager));
    return sha256;
  }

  async putFile(path: string, em?: EntityManager): Promise<StoredContent> {
    const content = await sha256OfFile(path);
    const write = async (tx: EntityManager): Promise<void> => {
      if (await this.has(content.sha256, tx)) return;
      const fh = await open(path, 'r');
      try {
        // One chunk in memory at a time, whatever the file's size.
        for (let seq = 0, at = 0; seq === 0 || at < content.size; seq++, at += this.chunkBytes) {
          const want = Math.min(this.chunkBytes, content.size - at);
          const chunk = Buffer.allocUnsafe(want);
          let got = 0;
          while (got < want) {
            const { bytesRead } = await fh.read(chunk, got, want - got, at + got);
            if (bytesRead === 0) throw new Error('the file became shorter while it was being stored');
            got += bytesRead;
          }
          await rawQuery(tx, `insert into file_content (sha256, seq, bytes) values ($1, $2, $3) on conflict do nothing`, [content.sha256, seq, chunk]);
        }
      } finally {
        await fh.close();
      }
    };
    if (em !== undefined && em.isInTransaction()) await write(em);
    else await (em ?? this.em()).transactional((tx) => write(tx as EntityManager));
    return content;
  }

  async withFile<T>(sha256: string, work: (path: string) => Promise<T>, em?: EntityManager): Promise<T> {
    checkHash(sha256);
    return inTempFolder(async (dir) => {
      const path = join(dir, sha256);
      const fh = await open(path, 'wx');
      try {
        // Chunk by chunk: the copy never holds more than one in memory.
        for (let seq = 0; ; seq++) {
          const rows = (await rawQuery(em ?? this.em(), `select bytes from file_content where sha256 = $1 and seq = $2`, [sha256, seq])) as { bytes: Buffer }[];
          if (rows.length === 0) {
            if (seq === 0) throw Object.assign(new Error(`no stored bytes for ${sha256}`), { code: 'ENOENT' });
            break;
          }
          await fh.write(rows[0].bytes);
        }
      } finally {
        await fh.close();
      }
      return work(path);
    });
  }

  async get(sha256: string, em?: EntityManager): Promise<Buffer> {
    checkHash(sha256);
    const rows = (await rawQuery(em ?? this.em(), `select bytes from file_content where sha256 = $1 order by seq`, [sha256])) as { bytes: Buffer }[];
    if (rows.length === 0) throw Object.assign(new Error(`no stored bytes for ${sha256}`), { code: 'ENOENT' });
    return rows.length === 1 ? rows[0].bytes : Buffer.concat(rows.map((r) => r.bytes));
  }
}

