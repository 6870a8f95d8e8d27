import { constants as fsConstants } from 'node:fs';
import { copyFile, link, mkdir, readdir, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { watch, type FSWatcher } from 'chokidar';
import { createLogger, type Logger } from '../log/index.js';
import { isTempName, uniqueName } from './names.js';

/**
 * A local drop folder: files written into it (write to a temp name, then rename: see `isTempName`) are
 * handed, one at a time and in arrival order, to an async handler; afterwards each file is moved to
 * `<folder>/.processed/` or `<folder>/.failed/`. Nothing is ever deleted, and a name already taken in
 * those folders gets a time-stamp suffix. Files already in the folder at start are picked up (oldest
 * first). A handler that throws counts as 'failed'; nothing a file holds stops the watcher.
 *
 * chokidar's `awaitWriteFinish` holds each `add` until the file's size has stayed the same for
 * `stabilityThreshold` ms; a writer that pauses longer than that, without using a temp name, can have a
 * partial file picked up: the contract for writers is write-then-rename.
 */

export interface DropFolderFile {
  /** Absolute path of the file in the drop folder, valid while the handler runs. */
  readonly path: string;
  /** Its file name. */
  readonly name: string;
  /** Its size in bytes when it was handed over. */
  readonly size: number;
}

export type DropFolderOutcome = 'processed' | 'failed';
export type DropFolderHandler = (file: DropFolderFile) => Promise<DropFolderOutcome>;

/** What happened to one file; passed to `onSettled`. */
export interface DropFolderSettled {
  readonly file: DropFolderFile;
  readonly outcome: DropFolderOutcome;
  /** Where the file was moved; undefined when it could not be moved (the error is logged). */
  readonly movedTo?: string;
  /** Set when the handler threw (its outcome is then 'failed'). */
  readonly error?: unknown;
}

export interface DropFolderWatcherOptions {
  /** The folder to watch; created, with `.processed` and `.failed`, when missing. */
  readonly folder: string;
  readonly handler: DropFolderHandler;
  readonly logger?: Logger;
  /** chokidar's awaitWriteFinish; default 500 ms stable size, checked every 100 ms. */
  readonly stabilityThresholdMs?: number;
  readonly pollIntervalMs?: number;
  /** Poll the folder instead of using inotify (network file systems). Default false. */
  readonly usePolling?: boolean;
  /** Called after each file is handled and moved. Errors it throws are logged and ignored. */
  readonly onSettled?: (settled: DropFolderSettled) => void;
}

export const PROCESSED_DIR = '.processed';
export const FAILED_DIR = '.failed';

interface Queued {
  readonly path: string;
  /** Position among the files found at start (oldest first); undefined for files that arrived later. */
  readonly initialRank?: number;
}

export class DropFolderWatcher {
  readonly folder: string;
  readonly processedDir: string;
  readonly failedDir: string;
  private readonly handler: DropFolderHandler;
  private readonly log: Logger;
  private readonly opts: DropFolderWatcherOptions;
  private watcher: FSWatcher | null = null;
  private readonly queue: Queued[] = [];
  /** Paths queued or in progress: chokidar may report a path again before it has been moved away. */
  private readonly known = new Set<string>();
  private initialRanks = new Map<string, number>();
  private initialDeadline = 0;
  private pumping: Promise<void> | null = null;
  private stopping = false;
  private handled = 0;

  constructor(opts: DropFolderWatcherOptions) {
    this.opts = opts;
    this.folder = resolve(opts.folder);
    this.processedDir = join(this.folder, PROCESSED_DIR);
    this.failedDir = join(this.folder, FAILED_DIR);
    this.handler = opts.handler;
    this.log = (opts.logger ?? createLogger()).child({ component: 'drop-folder', folder: this.folder });
  }

  /** Number of files handled (and moved, or attempted) since construction. */
  get handledCount(): number {
    return this.handled;
  }

  /** True while the watcher runs. */
  get running(): boolean {
    return this.watcher !== null;
  }

  /** Creates the folders, starts watching, and resolves once the initial scan is done. */
  async start(): Promise<void> {
    if (this.watcher !== null) return;
    this.stopping = false;
    await mkdir(this.processedDir, { recursive: true });
    await mkdir(this.failedDir, { recursive: true });
    this.initialRanks = await this.rankExisting();
    this.initialDeadline = Date.now() + 2 * (this.opts.stabilityThresholdMs ?? 500) + 5_000;

    const folder = this.folder;
    const watcher = watch(folder, {
      persistent: true,
      ignoreInitial: false,
      depth: 0,
      usePolling: this.opts.usePolling ?? false,
      interval: this.opts.pollIntervalMs ?? 100,
      awaitWriteFinish: {
        stabilityThreshold: this.opts.stabilityThresholdMs ?? 500,
        pollInterval: this.opts.pollIntervalMs ?? 100,
      },
      ignored: (path: string) => {
        if (path === folder) return false;
        const rel = relative(folder, path);
        // Only names directly in the folder; temp names and dot-folders (.processed, .failed) are skipped.
        if (rel === '' || rel.startsWith('..') || rel.includes(sep)) return rel !== '';
        return isTempName(basename(path));
      },
    });
    this.watcher = watcher;
    watcher.on('add', (path) => this.enqueue(resolve(path)));
    watcher.on('error', (err) => this.log.error({ err }, 'drop folder watcher error'));
    await new Promise<void>((res) => watcher.once('ready', () => res()));
    this.log.info({ processedDir: this.processedDir, failedDir: this.failedDir }, 'watching drop folder');
  }

  /**
   * Stops watching. The file in progress is finished (handler and move) before this resolves; files queued
   * behind it stay in the folder and are picked up at the next start.
   */
  async stop(): Promise<void> {
    this.stopping = true;
    const watcher = this.watcher;
    this.watcher = null;
    if (watcher !== null) {
      try {
        await watcher.close();
      } catch (err) {
        this.log.warn({ err }, 'closing the drop folder watcher failed');
      }
    }
    this.queue.length = 0;
    if (this.pumping !== null) await this.pumping;
    this.known.clear();
    if (watcher !== null) this.log.info('stopped watching drop folder');
  }

  /** Resolves when nothing is queued or in progress (tests and shutdown diagnostics). */
  async idle(): Promise<void> {
    while (this.pumping !== null) await this.pumping;
  }

  /** Ranks the files present before watching starts by modification time, then name. */
  private async rankExisting(): Promise<Map<string, number>> {
    const found: { path: string; mtimeMs: number; name: string }[] = [];
    for (const entry of await readdir(this.folder, { withFileTypes: true })) {
      if (isTempName(entry.name)) continue;
      const path = join(this.folder, entry.name);
      try {
        const st = await stat(path);
        if (st.isFile()) found.push({ path, mtimeMs: st.mtimeMs, name: entry.name });
      } catch {
        // gone already
      }
    }
    found.sort((a, b) => a.mtimeMs - b.mtimeMs || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    return new Map(found.map((f, i) => [f.path, i]));
  }

  private earlierInitialPending(rank: number): boolean {
    if (Date.now() > this.initialDeadline) return false;
    for (const r of this.initialRanks.values()) if (r < rank) return true;
    return false;
  }

  private enqueue(path: string): void {
    if (this.stopping || this.known.has(path) || dirname(path) !== this.folder) return;
    this.known.add(path);
    const initialRank = this.initialRanks.get(path);
    this.initialRanks.delete(path);
    const item: Queued = { path, initialRank };
    if (initialRank === undefined) {
      this.queue.push(item);
    } else {
      // Files found at start keep their oldest-first order among themselves, whatever order chokidar reports them in.
      const at = this.queue.findIndex((q) => q.initialRank !== undefined && q.initialRank > initialRank);
      if (at === -1) this.queue.push(item);
      else this.queue.splice(at, 0, item);
    }
    if (this.pumping === null) {
      this.pumping = this.pump().finally(() => {
        this.pumping = null;
      });
    }
  }

  private async pump(): Promise<void> {
    while (!this.stopping) {
      const head = this.queue[0];
      if (head === undefined) return;
      if (head.initialRank !== undefined && this.earlierInitialPending(head.initialRank)) {
        // A file found at start and older than this one has not been reported yet (chokidar reports each
        // when its size is stable): wait for it a little, so files found at start go oldest first.
        await new Promise((r) => setTimeout(r, 25));
        continue;
      }
      const next = this.queue.shift()!;
      try {
        await this.processOne(next.path);
      } catch (err) {
        // processOne handles its own errors; this is a last guard so the loop never dies.
        this.log.error({ err }, 'unexpected error in the drop folder loop');
      } finally {
        this.known.delete(next.path);
      }
    }
  }

  private async processOne(path: string): Promise<void> {
    const name = basename(path);
    let size: number;
    try {
      const st = await stat(path);
      if (!st.isFile()) return;
      size = st.size;
    } catch (err) {
      this.log.warn({ file: name, err }, 'file vanished before it was handled');
      return;
    }
    const file: DropFolderFile = { path, name, size };
    let outcome: DropFolderOutcome;
    let error: unknown;
    try {
      const result = await this.handler(file);
      if (result === 'processed' || result === 'failed') {
        outcome = result;
      } else {
        outcome = 'failed';
        this.log.error({ file: name, result: String(result) }, "the handler returned neither 'processed' nor 'failed'; treated as failed");
      }
    } catch (err) {
      outcome = 'failed';
      error = err;
      this.log.error({ file: name, err }, 'the handler threw; the file is treated as failed');
    }
    this.handled += 1;

    let movedTo: string | undefined;
    try {
      movedTo = await moveNoClobber(path, outcome === 'processed' ? this.processedDir : this.failedDir, name);
      this.log.info({ file: name, size, outcome, movedTo }, 'drop folder file handled');
    } catch (err) {
      this.log.error({ file: name, outcome, err }, 'the handled file could not be moved out of the drop folder');
    }
    if (this.opts.onSettled !== undefined) {
      try {
        this.opts.onSettled({ file, outcome, movedTo, error });
      } catch (err) {
        this.log.warn({ err }, 'onSettled threw');
      }
    }
  }
}

/**
 * Moves `src` into `dir` under `name`, or under a suffixed name when `name` is taken there; never replaces
 * a file. A hard link claims the new name atomically (EEXIST when taken); where links are not supported,
 * an exclusive copy does. Returns the new path.
 */
export async function moveNoClobber(src: string, dir: string, name: string, now: Date = new Date()): Promise<string> {
  await mkdir(dir, { recursive: true });
  let useCopy = false;
  for (let attempt = 0; attempt < 1000; attempt++) {
    const dest = join(dir, uniqueName(name, attempt, now));
    try {
      if (useCopy) await copyFile(src, dest, fsConstants.COPYFILE_EXCL);
      else await link(src, dest);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'EEXIST') continue;
      if (!useCopy && (code === 'EPERM' || code === 'ENOTSUP' || code === 'EOPNOTSUPP' || code === 'ENOSYS' || code === 'EXDEV' || code === 'EMLINK')) {
        useCopy = true;
        attempt -= 1;
        continue;
      }
      throw err;
    }
    await unlink(src);
    return dest;
  }
  throw new Error(`no free name for the file in ${dir}`);
}
