import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rename, rm, utimes, writeFile, appendFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DropFolderWatcher, moveNoClobber, type DropFolderFile, type DropFolderOutcome } from '../../src/transport/drop-folder.js';
import { isTempName, uniqueName } from '../../src/transport/names.js';
import { collectingLogger, deferred, settlesWithin, sleep, waitFor } from './helpers.js';

const X12 = (n: string) => `ISA*00*          *00*          *ZZ*SENDER         *ZZ*RECEIVER       *250101*1200*^*00501*00000000${n}*0*T*:~NM1*IL*1*DOE*JANE~`;

describe('temp names and unique names', () => {
  it('treats dotfiles, *.tmp, *.part, *.filepart and ~* as temp names', () => {
    for (const n of ['.hidden', '.claims.x12.part', 'a.tmp', 'a.TMP', 'b.part', 'c.filepart', '~lock.x12', '~$doc']) expect(isTempName(n), n).toBe(true);
    for (const n of ['claims.x12', 'remit.835', 'a.partial', 'tmp.x12', 'part', 'x.txt']) expect(isTempName(n), n).toBe(false);
  });

  it('adds a time stamp, then a counter, before the extension', () => {
    const at = new Date(Date.UTC(2025, 0, 2, 3, 4, 5, 678));
    expect(uniqueName('claims.x12', 0, at)).toBe('claims.x12');
    expect(uniqueName('claims.x12', 1, at)).toBe('claims-20250102T030405678Z.x12');
    expect(uniqueName('claims.x12', 2, at)).toBe('claims-20250102T030405678Z-2.x12');
    expect(uniqueName('README', 1, at)).toBe('README-20250102T030405678Z');
  });

  it('moveNoClobber never replaces a file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'x12d-move-'));
    try {
      await mkdir(join(dir, 'to'));
      await writeFile(join(dir, 'to', 'a.x12'), 'old');
      await writeFile(join(dir, 'a.x12'), 'new');
      const dest = await moveNoClobber(join(dir, 'a.x12'), join(dir, 'to'), 'a.x12');
      expect(dest).not.toBe(join(dir, 'to', 'a.x12'));
      expect(await readFile(join(dir, 'to', 'a.x12'), 'utf8')).toBe('old');
      expect(await readFile(dest, 'utf8')).toBe('new');
      expect(existsSync(join(dir, 'a.x12'))).toBe(false);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('DropFolderWatcher', () => {
  let dir: string;
  let watcher: DropFolderWatcher | undefined;
  let calls: DropFolderFile[];
  const log = collectingLogger();

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'x12d-drop-'));
    calls = [];
    log.lines.length = 0;
  });
  afterEach(async () => {
    await watcher?.stop();
    watcher = undefined;
    await rm(dir, { recursive: true, force: true });
  });

  function make(decide: (file: DropFolderFile) => DropFolderOutcome | Promise<DropFolderOutcome> = () => 'processed'): DropFolderWatcher {
    watcher = new DropFolderWatcher({
      folder: dir,
      logger: log.logger,
      stabilityThresholdMs: 300,
      pollIntervalMs: 50,
      handler: async (file) => {
        calls.push(file);
        return decide(file);
      },
    });
    return watcher;
  }
  const inDir = async (sub: string) => (existsSync(join(dir, sub)) ? (await readdir(join(dir, sub))).sort() : []);

  it('picks up files already in the folder at start, oldest first, and moves them to .processed', async () => {
    await writeFile(join(dir, 'b.x12'), X12('2'));
    await writeFile(join(dir, 'a.x12'), X12('1'));
    await writeFile(join(dir, 'c.x12'), X12('3'));
    // b is the oldest, then c, then a.
    const t = Date.now() / 1000;
    await utimes(join(dir, 'b.x12'), t - 300, t - 300);
    await utimes(join(dir, 'c.x12'), t - 200, t - 200);
    await utimes(join(dir, 'a.x12'), t - 100, t - 100);
    const w = make();
    await w.start();
    await waitFor(async () => (await inDir('.processed')).length === 3, 'three files in .processed');
    expect(calls.map((c) => c.name)).toEqual(['b.x12', 'c.x12', 'a.x12']);
    expect(calls[0]).toEqual({ path: join(dir, 'b.x12'), name: 'b.x12', size: Buffer.byteLength(X12('2')) });
    expect(await inDir('.processed')).toEqual(['a.x12', 'b.x12', 'c.x12']);
    expect((await readdir(dir)).sort()).toEqual(['.failed', '.processed']);
    expect(await readFile(join(dir, '.processed', 'a.x12'), 'utf8')).toBe(X12('1'));
  });

  it('hands over a file written to a temp name and renamed exactly once, complete', async () => {
    const w = make();
    await w.start();
    const temp = join(dir, '.incoming.x12.part');
    const body = X12('7').repeat(2000);
    for (let i = 0; i < body.length; i += 8192) {
      await appendFile(temp, body.slice(i, i + 8192));
      await sleep(5);
    }
    await rename(temp, join(dir, 'incoming.x12'));
    await waitFor(async () => (await inDir('.processed')).includes('incoming.x12'), 'incoming.x12 processed');
    // Give chokidar time to report anything else it might (it must not).
    await sleep(1500);
    expect(calls.map((c) => c.name)).toEqual(['incoming.x12']);
    expect(calls[0].size).toBe(Buffer.byteLength(body));
    expect(await readFile(join(dir, '.processed', 'incoming.x12'), 'utf8')).toBe(body);
  });

  it('ignores temp names: dotfiles, *.tmp, *.part, *.filepart and ~*', async () => {
    const temps = ['.hidden.x12', 'upload.tmp', 'upload.x12.part', 'winscp.filepart', '~lock.x12'];
    for (const t of temps) await writeFile(join(dir, t), 'partial');
    const w = make();
    await w.start();
    for (const t of temps) await writeFile(join(dir, `${t}`), 'partial, written again');
    await writeFile(join(dir, 'real.x12'), X12('5'));
    await waitFor(async () => (await inDir('.processed')).includes('real.x12'), 'real.x12 processed');
    await sleep(1500);
    expect(calls.map((c) => c.name)).toEqual(['real.x12']);
    expect((await readdir(dir)).filter((n) => !n.startsWith('.') || n === '.hidden.x12').sort()).toEqual([...temps].sort());
  });

  it('moves a failed file (returned or thrown) to .failed and goes on with the next file', async () => {
    const w = make((f) => {
      if (f.name === 'throws.x12') throw new Error('handler exploded');
      return f.name === 'rejected.x12' ? 'failed' : 'processed';
    });
    await w.start();
    await writeFile(join(dir, 'throws.x12'), X12('1'));
    await waitFor(() => calls.length >= 1, 'first file handled');
    await writeFile(join(dir, 'rejected.x12'), X12('2'));
    await waitFor(() => calls.length >= 2, 'second file handled');
    await writeFile(join(dir, 'good.x12'), X12('3'));
    await waitFor(async () => (await inDir('.processed')).includes('good.x12'), 'good.x12 processed');
    await waitFor(async () => (await inDir('.failed')).length === 2, 'two files in .failed');
    expect(calls.map((c) => c.name)).toEqual(['throws.x12', 'rejected.x12', 'good.x12']);
    expect(await inDir('.failed')).toEqual(['rejected.x12', 'throws.x12']);
    expect(w.running).toBe(true);
    const text = log.text();
    expect(text).toContain('handler exploded');
    // File contents are never logged.
    expect(text).not.toContain('DOE');
    expect(text).not.toContain('ISA*');
  });

  it('gives a name already taken in .processed a suffix instead of replacing the earlier file', async () => {
    await mkdir(join(dir, '.processed'), { recursive: true });
    await writeFile(join(dir, '.processed', 'daily.x12'), 'yesterday');
    const w = make();
    await w.start();
    await writeFile(join(dir, 'daily.x12'), 'today');
    await waitFor(async () => (await inDir('.processed')).length === 2, 'second daily.x12 processed');
    const names = await inDir('.processed');
    expect(await readFile(join(dir, '.processed', 'daily.x12'), 'utf8')).toBe('yesterday');
    const other = names.find((n) => n !== 'daily.x12')!;
    expect(other).toMatch(/^daily-\d{8}T\d{9}Z(-\d+)?\.x12$/);
    expect(await readFile(join(dir, '.processed', other), 'utf8')).toBe('today');
  });

  it('handles one file at a time, in arrival order', async () => {
    let active = 0;
    let maxActive = 0;
    const w = make(async (): Promise<DropFolderOutcome> => {
      active += 1;
      maxActive = Math.max(maxActive, active);
      await sleep(100);
      active -= 1;
      return 'processed';
    });
    await w.start();
    for (const n of ['1.x12', '2.x12', '3.x12']) {
      await writeFile(join(dir, n), X12(n[0]));
      await waitFor(() => calls.some((c) => c.name === n), `${n} handed over`);
    }
    await waitFor(async () => (await inDir('.processed')).length === 3, 'three processed');
    expect(maxActive).toBe(1);
    expect(calls.map((c) => c.name)).toEqual(['1.x12', '2.x12', '3.x12']);
  });

  it('stop() waits for the file in progress, and leaves files not yet handled for the next start', async () => {
    const gate = deferred<void>();
    const w = make(async (f): Promise<DropFolderOutcome> => {
      if (f.name === 'slow.x12') await gate.promise;
      return 'processed';
    });
    await w.start();
    await writeFile(join(dir, 'slow.x12'), X12('9'));
    await waitFor(() => calls.length === 1, 'slow.x12 handed over');
    await writeFile(join(dir, 'later.x12'), X12('8'));
    await sleep(1000); // later.x12 is reported and queued behind slow.x12
    const stopping = w.stop();
    expect(await settlesWithin(stopping, 500)).toBe(false);
    expect(existsSync(join(dir, 'slow.x12'))).toBe(true);
    gate.resolve();
    await stopping;
    expect(await inDir('.processed')).toEqual(['slow.x12']);
    expect(existsSync(join(dir, 'later.x12'))).toBe(true);
    expect(calls.map((c) => c.name)).toEqual(['slow.x12']);

    // The next start picks it up.
    const again = make();
    await again.start();
    await waitFor(async () => (await inDir('.processed')).includes('later.x12'), 'later.x12 processed after restart');
  });
});
