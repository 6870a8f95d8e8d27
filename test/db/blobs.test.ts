import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FsBlobStore, MemoryBlobStore, sha256Hex, sha256OfFile, type BlobStore } from '../../src/db/blobs.js';

// The content stores that need no database: a folder (the embedded default) and memory (tests).
let work: string;
beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'x12d-blobs-'));
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

describe.each<[string, () => BlobStore]>([
  ['a folder', () => new FsBlobStore(join(work, `files-${randomBytes(3).toString('hex')}`))],
  ['memory', () => new MemoryBlobStore()],
])('content kept in %s', (_, make) => {
  it('stores a file from its path (read as a stream) under the same hash as its bytes, once', async () => {
    const store = make();
    const bytes = randomBytes(3 << 20);
    const path = join(work, `in-${randomBytes(3).toString('hex')}`);
    await writeFile(path, bytes);
    const stored = await store.putFile(path);
    expect(stored).toEqual({ sha256: sha256Hex(bytes), size: bytes.length });
    expect(await store.putFile(path)).toEqual(stored);
    expect(await store.put(bytes)).toBe(stored.sha256);
    expect((await store.get(stored.sha256)).equals(bytes)).toBe(true);
  });

  it('hands out a path to the stored bytes, and a missing hash is an error', async () => {
    const store = make();
    const bytes = Buffer.from('ISA*00*...~');
    const sha = await store.put(bytes);
    expect(await store.withFile(sha, async (p) => (await readFile(p)).equals(bytes))).toBe(true);
    await expect(store.withFile(sha256Hex(Buffer.from('never')), async () => 'ran')).rejects.toMatchObject({ code: 'ENOENT' });
  });
});

describe('sha256OfFile', () => {
  it('gives the hash and size of an empty file and of a large one', async () => {
    const empty = join(work, 'empty');
    await writeFile(empty, '');
    expect(await sha256OfFile(empty)).toEqual({ sha256: sha256Hex(Buffer.alloc(0)), size: 0 });
    const big = randomBytes((5 << 20) + 7);
    const path = join(work, 'big');
    await writeFile(path, big);
    expect(await sha256OfFile(path)).toEqual({ sha256: sha256Hex(big), size: big.length });
  });

  it('leaves no temporary copy behind after withFile on memory', async () => {
    const store = new MemoryBlobStore();
    const sha = await store.put(Buffer.from('x'));
    const seen = await store.withFile(sha, async (p) => p);
    await expect(readdir(seen)).rejects.toMatchObject({ code: 'ENOENT' });
  });
});
