import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { folderSender } from '../../src/transport/outbound-folder.js';

describe('folderSender', () => {
  let work: string;
  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'x12d-outbound-folder-'));
  });
  afterAll(async () => {
    await rm(work, { recursive: true, force: true });
  });

  it('delivers a file under its name, creating the folder, and leaves no temp behind', async () => {
    const local = join(work, 'staged.x12');
    await writeFile(local, 'ISA*first~');
    const send = folderSender(join(work, 'out'));
    const r = await send(local, '999-1.x12');
    expect(r).toEqual({ remotePath: join(work, 'out', '999-1.x12'), size: 10 });
    expect(await readdir(join(work, 'out'))).toEqual(['999-1.x12']);
    // The staged copy is the sender's to remove; delivery does not take it away.
    expect(await readFile(local, 'utf8')).toBe('ISA*first~');
  });

  it('never replaces a file already there: the new one gets a suffixed name', async () => {
    const out = join(work, 'taken');
    const send = folderSender(out);
    const a = join(work, 'a.x12');
    const b = join(work, 'b.x12');
    await writeFile(a, 'first');
    await writeFile(b, 'second');
    await send(a, '277CA-7.x12');
    const r = await send(b, '277CA-7.x12');
    expect(r.remotePath).not.toBe(join(out, '277CA-7.x12'));
    expect(await readFile(join(out, '277CA-7.x12'), 'utf8')).toBe('first');
    expect(await readFile(r.remotePath, 'utf8')).toBe('second');
    expect((await readdir(out)).filter((n) => n.startsWith('.'))).toEqual([]);
  });
});
