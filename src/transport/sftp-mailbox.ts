import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { join, posix, resolve } from 'node:path';
import { pipeline } from 'node:stream/promises';
import SftpClient from 'ssh2-sftp-client';
import type { Env } from '../config/load.js';
import type { X12dConfig } from '../config/schema.js';
import { resolveSecret } from '../config/secrets.js';
import { createLogger, type Logger } from '../log/index.js';
import { X12dError, isX12dError } from '../errors.js';
import { formatFingerprint, hostKeyFingerprint, hostKeyMatches, parseHostKeyPin } from './host-key.js';
import { isTempName, uniqueName } from './names.js';

/**
 * One partner's SFTP mailbox, polled with ssh2-sftp-client.
 *
 * Every connection verifies the server's host key against the pinned SHA-256 fingerprint before
 * authenticating (so no password or key signature is ever offered to an impostor); a mismatch refuses the
 * connection with X12D_ERR_HOST_KEY_MISMATCH and nothing is listed or downloaded. Secrets are resolved
 * by reference at each connection and kept nowhere.
 *
 * A poll lists the inbound folder (regular files only; temp names skipped), oldest first, and for each file:
 * downloads it into the staging folder (to a temp name, then renamed), hands it to the handler, and only
 * after the handler says 'recorded' archives the remote file (renamed into the archive folder, with a
 * time-stamp suffix when the name is taken there) or deletes it when no archive folder is configured. On
 * 'failed' (or a throw) the remote file stays where it is and is offered again at the next poll. The staged
 * copy is removed once the handler has returned: the handler stores what it keeps.
 *
 * Polls run every `pollSeconds`; after a failed poll (connection refused, authentication, host key, listing)
 * the next one waits exponentially longer, up to a cap, and the delay resets after a good poll. An optional
 * `lock` hook lets the daemon hold an advisory lock per mailbox so only one instance polls it.
 *
 * `send()` uploads an outbound file: written under a temp name (`.NAME.RANDOM.part`) in the outbound
 * folder, then renamed to its name, so the partner never sees a partial file. An existing file of that
 * name is never replaced.
 *
 * Logs name mailboxes, hosts, paths, sizes and outcomes; never file contents or secrets.
 */

/** The mailbox part of a trading partner's configuration (after defaults). */
export type SftpMailboxConfig = NonNullable<X12dConfig['partners'][number]['sftp']>;

export interface StagedFile {
  /** Absolute path of the downloaded copy in the staging folder; removed after the handler returns. */
  readonly path: string;
  /** The remote file name. */
  readonly name: string;
  /** Size in bytes of the downloaded copy. */
  readonly size: number;
  /** Where it is on the server. */
  readonly remotePath: string;
}

export type MailboxOutcome = 'recorded' | 'failed';
export type MailboxHandler = (staged: StagedFile) => Promise<MailboxOutcome>;

/** Releases a mailbox lock taken by the `lock` hook. */
export type MailboxLockRelease = () => Promise<void> | void;
/** Takes the mailbox's advisory lock; null when another instance holds it (the poll is then skipped). */
export type MailboxLock = (mailboxKey: string) => Promise<MailboxLockRelease | null>;

export interface SftpMailboxOptions {
  /** The mailbox's stable key, e.g. the trading partner's id; used for the lock, logs and client name. */
  readonly key: string;
  readonly mailbox: SftpMailboxConfig;
  /** Local folder for downloads, this mailbox's own; created when missing. */
  readonly stagingDir: string;
  readonly handler: MailboxHandler;
  readonly lock?: MailboxLock;
  readonly logger?: Logger;
  /** Where secret references are resolved (default process.env). */
  readonly env?: Env;
  /** Overrides `mailbox.pollSeconds` (tests). */
  readonly pollIntervalMs?: number;
  /** First delay after a failed poll (default: the poll interval); doubled for each further failure. */
  readonly backoffInitialMs?: number;
  /** The longest delay after failures (default: 30 minutes, or the poll interval when that is longer). */
  readonly backoffMaxMs?: number;
  /** SSH handshake and authentication timeout (default 20 s). */
  readonly connectTimeoutMs?: number;
  /** Permissions of uploaded files on the server (default 0o640; ssh2 would otherwise set 0o666). */
  readonly uploadMode?: number;
  /** Told after each poll this instance made (not one skipped for the lock), for the mailbox's record. */
  readonly onPolled?: (result: PollResult) => void | Promise<void>;
}

export interface PollResult {
  readonly mailbox: string;
  /** Why nothing was done: another instance holds the lock, or the poller is stopping. */
  readonly skipped?: 'locked' | 'stopped';
  /** Files found in the inbound folder (temp names and directories not counted). */
  listed: number;
  downloaded: number;
  recorded: number;
  failed: number;
  /** Remote files archived or deleted after being recorded. */
  archived: number;
  /** Files whose download or archiving failed (logged; retried at the next poll). */
  errors: number;
}

export interface SendResult {
  readonly remotePath: string;
  readonly size: number;
}

export interface MailboxStatus {
  readonly consecutiveFailures: number;
  /** The last poll error's message (no file contents). */
  readonly lastError?: string;
  readonly lastPollAt?: Date;
  readonly nextPollAt?: Date;
}

/** The delay before the next poll after `failures` consecutive failed polls (failures >= 1). */
export function backoffDelay(failures: number, initialMs: number, maxMs: number): number {
  const exp = Math.min(Math.max(failures - 1, 0), 30);
  return Math.min(maxMs, initialMs * 2 ** exp);
}

export class SftpMailboxPoller {
  readonly key: string;
  readonly mailbox: SftpMailboxConfig;
  readonly stagingDir: string;
  readonly pollIntervalMs: number;
  readonly backoffInitialMs: number;
  readonly backoffMaxMs: number;
  private readonly handler: MailboxHandler;
  private readonly onPolled: SftpMailboxOptions['onPolled'];
  private readonly lock?: MailboxLock;
  private readonly log: Logger;
  private readonly env: Env;
  private readonly connectTimeoutMs: number;
  private readonly uploadMode: number;
  private timer: NodeJS.Timeout | null = null;
  private started = false;
  /** Bumped by start(): a timer loop from before a stop() and restart ends instead of running twice. */
  private generation = 0;
  private stopping = false;
  /** Polls run one at a time: timer polls and pollOnce() calls queue here. */
  private pollChain: Promise<unknown> = Promise.resolve();
  /** Uploads run one at a time, on their own connection. */
  private sendChain: Promise<unknown> = Promise.resolve();
  private failures = 0;
  private lastError?: string;
  private lastPollAt?: Date;
  private nextPollAt?: Date;

  constructor(opts: SftpMailboxOptions) {
    if (opts.mailbox.password === undefined && opts.mailbox.privateKey === undefined) {
      throw new X12dError('X12D_ERR_TRANSPORT_USAGE', `SFTP mailbox ${opts.key} has neither a password nor a private key.`, { mailbox: opts.key });
    }
    parseHostKeyPin(opts.mailbox.hostKeySha256); // refuse a malformed pin at construction
    this.key = opts.key;
    this.mailbox = opts.mailbox;
    this.stagingDir = resolve(opts.stagingDir);
    this.handler = opts.handler;
    this.onPolled = opts.onPolled;
    this.lock = opts.lock;
    this.env = opts.env ?? process.env;
    this.pollIntervalMs = opts.pollIntervalMs ?? opts.mailbox.pollSeconds * 1000;
    this.backoffInitialMs = opts.backoffInitialMs ?? this.pollIntervalMs;
    this.backoffMaxMs = opts.backoffMaxMs ?? Math.max(30 * 60_000, this.pollIntervalMs);
    this.connectTimeoutMs = opts.connectTimeoutMs ?? 20_000;
    this.uploadMode = opts.uploadMode ?? 0o640;
    this.log = (opts.logger ?? createLogger()).child({ component: 'sftp-mailbox', mailbox: opts.key, host: opts.mailbox.host, port: opts.mailbox.port });
  }

  /** Starts polling: the first poll runs at once, then every poll interval (longer after failures). */
  start(): void {
    if (this.started) return;
    this.started = true;
    this.stopping = false;
    this.generation += 1;
    this.log.info({ inbound: this.mailbox.inbound, pollMs: this.pollIntervalMs }, 'polling SFTP mailbox');
    this.schedule(0, this.generation);
  }

  /**
   * Stops polling. A poll in progress finishes the file it is on (download, handler, archive) and skips the
   * rest; uploads in progress finish. Resolves when both are done.
   */
  async stop(): Promise<void> {
    this.stopping = true;
    this.started = false;
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    this.nextPollAt = undefined;
    await Promise.allSettled([this.pollChain, this.sendChain]);
  }

  status(): MailboxStatus {
    return { consecutiveFailures: this.failures, lastError: this.lastError, lastPollAt: this.lastPollAt, nextPollAt: this.nextPollAt };
  }

  /**
   * Runs one poll now (after any poll in progress). Throws when the mailbox cannot be reached or listed
   * (X12dError); per-file problems are counted in the result and logged instead.
   */
  pollOnce(): Promise<PollResult> {
    const run = this.pollChain.then(() => this.poll());
    this.pollChain = run.catch(() => undefined);
    return run;
  }

  /**
   * Uploads a local file to the outbound folder as `remoteName`: written to a temp name there, then
   * renamed, so the partner sees the whole file or nothing. Refuses to replace an existing remote file.
   */
  send(localPath: string, remoteName: string): Promise<SendResult> {
    const run = this.sendChain.then(() => this.upload(localPath, remoteName));
    this.sendChain = run.catch(() => undefined);
    return run;
  }

  // ---------------------------------------------------------------------------------------------------

  /** Schedules the next timer poll, unless stopped or restarted since `generation` began. */
  private schedule(delayMs: number, generation: number): void {
    if (this.stopping || generation !== this.generation) return;
    this.nextPollAt = new Date(Date.now() + delayMs);
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.tick(generation);
    }, delayMs);
  }

  private async tick(generation: number): Promise<void> {
    if (this.stopping || generation !== this.generation) return;
    let delay = this.pollIntervalMs;
    try {
      const result = await this.pollOnce();
      if (result.skipped === undefined && (result.listed > 0 || result.errors > 0)) {
        this.log.info({ ...result }, 'SFTP mailbox polled');
      }
      if (result.skipped === undefined) {
        // Bookkeeping only: its failure must not count as a failed poll.
        await Promise.resolve(this.onPolled?.(result)).catch((e: unknown) => this.log.warn({ error: (e as Error).name }, 'recording the poll failed'));
      }
    } catch {
      // poll() has counted and logged it.
      delay = backoffDelay(this.failures, this.backoffInitialMs, this.backoffMaxMs);
      this.log.warn({ consecutiveFailures: this.failures, retryInMs: delay }, 'SFTP mailbox poll failed; backing off');
    }
    this.schedule(delay, generation);
  }

  private async poll(): Promise<PollResult> {
    const result: PollResult = { mailbox: this.key, listed: 0, downloaded: 0, recorded: 0, failed: 0, archived: 0, errors: 0 };
    if (this.stopping) return { ...result, skipped: 'stopped' };
    let release: MailboxLockRelease | null = null;
    try {
      if (this.lock !== undefined) {
        release = await this.lock(this.key);
        if (release === null) {
          this.log.debug('mailbox lock held elsewhere; poll skipped');
          return { ...result, skipped: 'locked' };
        }
      }
      this.lastPollAt = new Date();
      const client = await this.connect();
      try {
        const entries = await this.listInbound(client);
        result.listed = entries.length;
        for (const entry of entries) {
          if (this.stopping) break;
          await this.fetchOne(client, entry, result);
        }
      } finally {
        await this.disconnect(client);
      }
      this.failures = 0;
      this.lastError = undefined;
      return result;
    } catch (err) {
      this.failures += 1;
      this.lastError = err instanceof Error ? err.message : String(err);
      this.log.error({ err, consecutiveFailures: this.failures }, 'SFTP mailbox poll failed');
      throw err;
    } finally {
      if (release !== null) {
        try {
          await release();
        } catch (err) {
          this.log.error({ err }, 'releasing the mailbox lock failed');
        }
      }
    }
  }

  private async listInbound(client: SftpClient): Promise<SftpClient.FileInfo[]> {
    let entries: SftpClient.FileInfo[];
    try {
      entries = await client.list(this.mailbox.inbound);
    } catch (err) {
      throw this.sftpError(`listing ${this.mailbox.inbound} failed`, err);
    }
    return entries
      .filter((e) => e.type === '-' && !isTempName(e.name) && !e.name.includes('/'))
      .sort((a, b) => a.modifyTime - b.modifyTime || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  private async fetchOne(client: SftpClient, entry: SftpClient.FileInfo, result: PollResult): Promise<void> {
    const remotePath = posix.join(this.mailbox.inbound, entry.name);
    const file = entry.name;
    await mkdir(this.stagingDir, { recursive: true });
    const stagedPath = join(this.stagingDir, entry.name);
    const tempPath = join(this.stagingDir, `.${entry.name}.${randomBytes(6).toString('hex')}.part`);

    let size: number;
    try {
      await pipeline(client.createReadStream(remotePath), createWriteStream(tempPath, { flags: 'wx', mode: 0o600 }));
      await rename(tempPath, stagedPath);
      size = (await stat(stagedPath)).size;
    } catch (err) {
      await rm(tempPath, { force: true }).catch(() => undefined);
      result.errors += 1;
      this.log.error({ file, remotePath, err: this.sftpError(`downloading ${remotePath} failed`, err) }, 'download failed; the remote file stays');
      this.throwIfDisconnected(client, err);
      return;
    }
    result.downloaded += 1;

    const staged: StagedFile = { path: stagedPath, name: entry.name, size, remotePath };
    let outcome: MailboxOutcome;
    try {
      const r = await this.handler(staged);
      if (r === 'recorded' || r === 'failed') outcome = r;
      else {
        outcome = 'failed';
        this.log.error({ file, result: String(r) }, "the handler returned neither 'recorded' nor 'failed'; treated as failed");
      }
    } catch (err) {
      outcome = 'failed';
      this.log.error({ file, remotePath, err }, 'the handler threw; the remote file stays');
    } finally {
      await rm(stagedPath, { force: true }).catch(() => undefined);
    }

    if (outcome === 'failed') {
      result.failed += 1;
      this.log.warn({ file, remotePath, size }, 'file not recorded; the remote file stays for the next poll');
      return;
    }
    result.recorded += 1;
    try {
      const archivedTo = await this.archiveRemote(client, remotePath, entry.name);
      result.archived += 1;
      this.log.info({ file, remotePath, size, archivedTo: archivedTo ?? null, deleted: archivedTo === undefined }, 'file recorded and removed from the inbound folder');
    } catch (err) {
      result.errors += 1;
      this.log.error({ file, remotePath, err: this.sftpError(`archiving ${remotePath} failed`, err) }, 'file recorded but the remote file could not be archived; it will be offered again');
      this.throwIfDisconnected(client, err);
    }
  }

  /** Moves a recorded file into the archive folder (a suffixed name when taken), or deletes it. */
  private async archiveRemote(client: SftpClient, remotePath: string, name: string): Promise<string | undefined> {
    const archive = this.mailbox.archive;
    if (archive === undefined) {
      await client.delete(remotePath);
      return undefined;
    }
    const now = new Date();
    for (let attempt = 0; attempt < 100; attempt++) {
      const target = posix.join(archive, uniqueName(name, attempt, now));
      try {
        await client.rename(remotePath, target);
        return target;
      } catch (err) {
        // Servers refuse to rename onto an existing file: try the next name when that is why.
        if ((await client.exists(target)) === false) throw err;
      }
    }
    throw new X12dError('X12D_ERR_SFTP', `no free archive name for ${remotePath}`, { mailbox: this.key });
  }

  private async upload(localPath: string, remoteName: string): Promise<SendResult> {
    if (remoteName === '' || remoteName === '.' || remoteName === '..' || /[/\\\0]/.test(remoteName) || isTempName(remoteName)) {
      throw new X12dError('X12D_ERR_TRANSPORT_USAGE', `"${remoteName}" is not a usable outbound file name (no slashes, and not a temp or hidden name).`, { mailbox: this.key });
    }
    const size = (await stat(localPath)).size;
    const finalPath = posix.join(this.mailbox.outbound, remoteName);
    const tempPath = posix.join(this.mailbox.outbound, `.${remoteName}.${randomBytes(6).toString('hex')}.part`);
    const client = await this.connect();
    try {
      try {
        // 'wx': the temp name must be new (O_EXCL; ssh2 accepts it, its types list only 'w' and 'a'); the mode is
        // applied by ssh2 with fchmod after opening.
        await client.put(localPath, tempPath, { writeStreamOptions: { flags: 'wx' as 'w', mode: this.uploadMode } });
      } catch (err) {
        await client.delete(tempPath, true).catch(() => undefined);
        throw this.sftpError(`uploading to ${tempPath} failed`, err);
      }
      try {
        await client.rename(tempPath, finalPath);
      } catch (err) {
        await client.delete(tempPath, true).catch(() => undefined);
        if ((await client.exists(finalPath).catch(() => false)) !== false) {
          throw new X12dError('X12D_ERR_SFTP', `SFTP mailbox ${this.key}: ${finalPath} already exists on the server; not replaced.`, { mailbox: this.key, remotePath: finalPath });
        }
        throw this.sftpError(`renaming ${tempPath} to ${finalPath} failed`, err);
      }
      this.log.info({ remotePath: finalPath, size }, 'file sent');
      return { remotePath: finalPath, size };
    } finally {
      await this.disconnect(client);
    }
  }

  private async connect(): Promise<SftpClient> {
    const m = this.mailbox;
    const pinned = parseHostKeyPin(m.hostKeySha256);
    const client = new SftpClient(`x12d-${this.key}`, {
      error: (err) => this.log.debug({ err }, 'SFTP connection error event'),
      end: () => undefined,
      close: () => undefined,
    });
    let presented: string | undefined;
    let mismatch = false;
    const config: SftpClient.ConnectOptions = {
      host: m.host,
      port: m.port,
      username: m.username,
      readyTimeout: this.connectTimeoutMs,
      // Called with the raw public key blob during key exchange, before any authentication.
      hostVerifier: (key: Buffer): boolean => {
        presented = hostKeyFingerprint(key);
        const ok = hostKeyMatches(key, pinned);
        if (!ok) mismatch = true;
        return ok;
      },
    };
    if (m.password !== undefined) config.password = await resolveSecret(m.password, this.env);
    if (m.privateKey !== undefined) config.privateKey = await resolveSecret(m.privateKey, this.env);
    if (m.passphrase !== undefined) config.passphrase = await resolveSecret(m.passphrase, this.env);
    try {
      await client.connect(config);
    } catch (err) {
      await this.disconnect(client);
      if (mismatch) {
        throw new X12dError(
          'X12D_ERR_HOST_KEY_MISMATCH',
          `SFTP mailbox ${this.key}: the host key of ${m.host}:${m.port} (${presented}) does not match the pinned fingerprint (${formatFingerprint(pinned)}); connection refused, nothing was downloaded.`,
          { mailbox: this.key, host: m.host, port: m.port, pinned: formatFingerprint(pinned), presented },
        );
      }
      throw this.sftpError(`connecting to ${m.host}:${m.port} as ${m.username} failed`, err);
    }
    return client;
  }

  private async disconnect(client: SftpClient): Promise<void> {
    try {
      await client.end();
    } catch {
      // already closed
    }
    // end() only closes a connection that got as far as SFTP; make sure the socket is gone in every case.
    const raw = (client as unknown as { client?: { end?: () => void } }).client;
    try {
      raw?.end?.();
    } catch {
      // already closed
    }
  }

  private throwIfDisconnected(client: SftpClient, err: unknown): void {
    const connected = (client as unknown as { sftp?: unknown }).sftp !== undefined;
    if (!connected) throw this.sftpError('the connection was lost', err);
  }

  private sftpError(what: string, err: unknown): X12dError {
    if (isX12dError(err)) return err;
    const message = err instanceof Error ? err.message : String(err);
    const code = (err as { code?: unknown } | null)?.code;
    return new X12dError('X12D_ERR_SFTP', `SFTP mailbox ${this.key}: ${what}: ${message}`, { mailbox: this.key, ...(typeof code === 'string' ? { sftpCode: code } : {}) }, { cause: err });
  }
}
