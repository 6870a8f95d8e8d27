import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { autocommit, migrate, openStorage, recordInboundFile, sha256Hex, type Storage } from '../../src/db/index.js';
import { DbBlobStore } from '../../src/db/db-blobs.js';
import { ingestFile } from '../../src/app/ingest.js';
import { replayFiles } from '../../src/app/replay.js';
import { TEST_DATABASE_URL, freshSchemaName } from './helpers.js';

// File bytes kept in PostgreSQL (database.fileContent "database"): what one x12d receives, another replays.
const url = TEST_DATABASE_URL;
const SAMPLE = readFileSync(join(import.meta.dirname, '..', '..', 'samples', '835', 'remittance.x12'));

if (url === undefined) {
  describe('file bytes in PostgreSQL', () => {
    it('did not run: TEST_DATABASE_URL is not set', () => {
      console.warn('TEST_DATABASE_URL not set: PostgreSQL file content tests did not run');
      expect(url).toBeUndefined();
    });
  });
} else {
  describe('file bytes in PostgreSQL', () => {
    const schema = freshSchemaName();
    // Two instances: different data folders (here: none), one database.
    const open = () => openStorage({ dataDir: 'memory://', database: { url, schema, poolMax: 4, fileContent: 'database' } });
    let a: Storage;
    let b: Storage;
    beforeAll(async () => {
      a = open();
      await a.start();
      await migrate(a);
      b = open();
      await b.start();
    }, 120_000);
    afterAll(async () => {
      if (a !== undefined) await a.em().execute(`drop schema if exists "${schema}" cascade`);
      await a?.stop();
      await b?.stop();
    });

    it('keeps bytes in chunks and gives them back whole: empty, one chunk, many, the same bytes twice', async () => {
      const store = new DbBlobStore(() => a.em(), 1000);
      for (const bytes of [Buffer.alloc(0), randomBytes(999), randomBytes(1000), randomBytes(4321)]) {
        const sha = await store.put(bytes);
        expect(sha).toBe(sha256Hex(bytes));
        expect(await store.put(bytes)).toBe(sha);
        expect(await store.has(sha)).toBe(true);
        expect((await store.get(sha)).equals(bytes)).toBe(true);
        const [n] = await a.em().execute<{ n: string }[]>(`select count(*)::text as n from file_content where sha256 = ?`, [sha]);
        expect(Number(n.n)).toBe(Math.max(1, Math.ceil(bytes.length / 1000)));
      }
      const missing = sha256Hex(Buffer.from('never stored'));
      expect(await store.has(missing)).toBe(false);
      await expect(store.get(missing)).rejects.toMatchObject({ code: 'ENOENT' });
      await expect(store.get('not-a-hash')).rejects.toThrow(/not a SHA-256/);
    });

    it('stores a file from its path chunk by chunk and hands it back as a file, chunk by chunk', async () => {
      const store = new DbBlobStore(() => a.em(), 1000);
      const dir = await mkdtemp(join(tmpdir(), 'x12d-db-blobs-'));
      try {
        for (const size of [0, 1000, 4321]) {
          const bytes = randomBytes(size);
          const path = join(dir, `f${size}`);
          await writeFile(path, bytes);
          const stored = await store.putFile(path);
          expect(stored).toEqual({ sha256: sha256Hex(bytes), size });
          expect(await store.putFile(path)).toEqual(stored);
          expect(await store.withFile(stored.sha256, async (p) => (await readFile(p)).equals(bytes))).toBe(true);
        }
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
      await expect(store.withFile(sha256Hex(Buffer.from('absent')), async () => 'ran')).rejects.toMatchObject({ code: 'ENOENT' });
    });

    it('lets one instance replay a file another recorded: the bytes are in the database, not in a folder', async () => {
      const bytes = Buffer.from(SAMPLE.toString('latin1').replace(/TRN\*1\*[^*~]+/, `TRN*1*DBBLOB${randomBytes(3).toString('hex')}`), 'latin1');
      const { file } = await recordInboundFile(a, bytes, { name: 'on-a.835', source: 'sftp' });
      expect(await b.blobs.has(file.sha256)).toBe(true);
      const [outcome] = await replayFiles(b, [file.id], { actor: 'test' });
      expect(outcome).toMatchObject({ replayed: true, from: 'received', result: { status: 'processed', postings: 4 } });
      // And the whole pipeline on the other instance: the same bytes again are a duplicate there too.
      const again = await ingestFile(b, { bytes, name: 'on-b.835', source: 'sftp' });
      expect(again.status).toBe('duplicate');
      const [row] = await autocommit(b).query<{ status: string }>(`select status from file where id = ?`, [file.id]);
      expect(row.status).toBe('processed');
    });

    it('commits the bytes with the file row, or not at all', async () => {
      const bytes = randomBytes(2048);
      const sha = sha256Hex(bytes);
      await expect(
        a.em().transactional(async (em) => {
          await a.blobs.put(bytes, em as never);
          throw new Error('rolled back');
        }),
      ).rejects.toThrow('rolled back');
      expect(await a.blobs.has(sha)).toBe(false);
    });
  });
}
