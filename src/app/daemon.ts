import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Env } from '../config/load.js';
import type { X12dConfig } from '../config/schema.js';
import { autocommit, migrate, openStorage, pendingMigrations, type Content, type Storage } from '../db/index.js';
import { MEMORY } from '../db/embedded.js';
import { createLogger, type Logger } from '../log/index.js';
import { DropFolderWatcher, type DropFolderOutcome } from '../transport/drop-folder.js';
import { folderSender } from '../transport/outbound-folder.js';
import { SftpMailboxPoller, type MailboxOutcome, type MailboxStatus } from '../transport/sftp-mailbox.js';
import { advisoryMailboxLock, withMigrationLock } from './daemon-lock.js';
import { ingestFile, safeErrorText, type IngestOptions, type IngestResult } from './ingest.js';
import { configuredFeeSchedule } from './open.js';
import { OutboundSender, type OutboundSenderStatus } from './outbound-sender.js';

/**
 * The x12d daemon: storage (started and migrated), one watcher per X12 drop folder, one poller per trading
 * partner with an SFTP mailbox, and the outbound sender that uploads queued 999/277CA files to the
 * partners' outbound folders. Nothing a file holds stops it: a file that cannot be ingested is kept (bytes
 * in the database, status failed) and the next one goes on. Logs carry names, ids and codes, never file
 * contents.
 */

export interface DaemonOptions {
  /** Where secret references (SFTP passwords, keys) are resolved; default process.env. */
  readonly env?: Env;
  /** Default: a PHI-safe logger at the configured level. */
  readonly logger?: Logger;
  /** Local work folder (SFTP staging, outbound uploads); default `<dataDir>/work`, or a temp folder for `memory://`. */
  readonly workDir?: string;
  /** Overrides every mailbox's `pollSeconds` (tests). */
  readonly pollIntervalMs?: number;
  /** Time between outbound sender passes (default 5 s; the sender also runs right after an ingest writes outbound files). */
  readonly sendIntervalMs?: number;
  /** A failed upload is retried after this long (default 60 s). */
  readonly sendRetryMs?: number;
  /** Drop folder stability threshold (default 500 ms). */
  readonly stabilityThresholdMs?: number;
  /** Use polling for drop folders (network file systems). */
  readonly usePolling?: boolean;
  /** Passed to ingestFile (default: the configured fee schedule). */
  readonly ingest?: IngestOptions;
}

export interface DaemonStatus {
  readonly running: boolean;
  readonly storage: Storage['kind'];
  readonly dropFolders: readonly { readonly folder: string; readonly partner?: string; readonly handled: number; readonly running: boolean }[];
  /** Drop folders not watched: kinds other than x12 (not ingested by this version). */
  readonly skippedDropFolders: readonly { readonly folder: string; readonly kind: string }[];
  readonly mailboxes: readonly ({ readonly partner: string; readonly host: string; readonly port: number } & MailboxStatus)[];
  readonly sender: OutboundSenderStatus;
  readonly ingested: { readonly processed: number; readonly duplicate: number; readonly failed: number; readonly errors: number };
}

export interface Daemon {
  readonly storage: Storage;
  /** Stops the sender, the pollers and the watchers (in reverse order of start), then closes storage. */
  stop(): Promise<void>;
  status(): DaemonStatus;
}

/** Starts the daemon for a validated configuration. On a failed start, everything started is stopped again. */
export async function startDaemon(config: X12dConfig, opts: DaemonOptions = {}): Promise<Daemon> {
  const log = (opts.logger ?? createLogger({ level: config.log.level })).child({ component: 'daemon' });
  const stops: { what: string; stop: () => Promise<void> }[] = [];
  const stopAll = async (): Promise<void> => {
    for (const s of stops.splice(0).reverse()) {
      try {
        await s.stop();
      } catch (err) {
        log.error({ what: s.what, error: safeErrorText(err) }, 'stopping a daemon part failed');
      }
    }
  };

  const storage = openStorage(config);
  await storage.start();
  stops.push({ what: 'storage', stop: () => storage.stop() });
  try {
    // Daemons started together on a new database take turns: the second finds nothing left to apply.
    await withMigrationLock(storage, async () => {
      if ((await pendingMigrations(storage)).length > 0) {
        const applied = await migrate(storage);
        log.info({ migrations: applied }, 'database migrated');
      }
    });
    await syncPartners(storage, config);

    let workDir: string;
    if (opts.workDir !== undefined) workDir = resolve(opts.workDir);
    else if (config.dataDir === MEMORY) {
      const tmp = await mkdtemp(join(tmpdir(), 'x12d-work-'));
      workDir = tmp;
      stops.push({ what: 'work folder', stop: () => rm(tmp, { recursive: true, force: true }) });
    } else workDir = resolve(config.dataDir, 'work');

    const feeSchedule = configuredFeeSchedule(config);
    const ingestOpts: IngestOptions = opts.ingest ?? (feeSchedule === undefined ? {} : { feeSchedule });
    const counts = { processed: 0, duplicate: 0, failed: 0, errors: 0 };
    let sender: OutboundSender | undefined;

    const ingest = async (bytes: Content, name: string, source: 'drop' | 'sftp', partnerCode: string | undefined, where: string, mailboxKey: string): Promise<IngestResult | undefined> => {
      try {
        const r = await ingestFile(storage, { bytes, name, source, mailboxKey, ...(partnerCode === undefined ? {} : { partnerCode }) }, ingestOpts);
        if (r.status === 'failed') counts.failed += 1;
        else if (r.status === 'duplicate') counts.duplicate += 1;
        else counts.processed += 1;
        const line = { file: name, fileId: r.fileId.toString(), source, where, partner: partnerCode, status: r.status, postings: r.postings, denials: r.denials, outboundFiles: r.outboundFileIds.length };
        if (r.status === 'failed') log.warn({ ...line, error: r.error }, 'file failed; its bytes are kept');
        else log.info(line, 'file ingested');
        if (r.outboundFileIds.length > 0) sender?.kick();
        return r;
      } catch (err) {
        // Storage failed before the file was recorded; only the safe text of the error is logged.
        counts.errors += 1;
        log.error({ file: name, source, where, partner: partnerCode, error: safeErrorText(err) }, 'file could not be recorded');
        return undefined;
      }
    };

    // Drop folders.
    const watchers: { watcher: DropFolderWatcher; partner?: string }[] = [];
    const skippedDropFolders: { folder: string; kind: string }[] = [];
    for (const df of config.dropFolders) {
      if (df.kind !== 'x12') {
        skippedDropFolders.push({ folder: resolve(df.path), kind: df.kind });
        log.warn({ folder: resolve(df.path), kind: df.kind }, 'drop folder not watched: only x12 drop folders are ingested by this version');
        continue;
      }
      const watcher = new DropFolderWatcher({
        folder: df.path,
        logger: log,
        ...(opts.stabilityThresholdMs === undefined ? {} : { stabilityThresholdMs: opts.stabilityThresholdMs }),
        ...(opts.usePolling === undefined ? {} : { usePolling: opts.usePolling }),
        handler: async (file): Promise<DropFolderOutcome> => {
          // By path: recorded and read as a stream, so a file of any size fits in bounded memory.
          const r = await ingest({ path: file.path }, file.name, 'drop', df.partner, file.path, dropFolderKey(df.path));
          return r !== undefined && (r.status === 'processed' || r.status === 'duplicate') ? 'processed' : 'failed';
        },
      });
      await watcher.start();
      stops.push({ what: `drop folder ${watcher.folder}`, stop: () => watcher.stop() });
      watchers.push({ watcher, ...(df.partner === undefined ? {} : { partner: df.partner }) });
    }

    // SFTP mailboxes.
    const lock = advisoryMailboxLock(storage, config.database.poolMax, log);
    const pollers: { poller: SftpMailboxPoller; partner: string }[] = [];
    const senders = new Map<string, (local: string, remote: string) => ReturnType<SftpMailboxPoller['send']>>();
    for (const partner of config.partners) {
      if (partner.sftp === undefined) continue;
      const poller = new SftpMailboxPoller({
        key: partner.id,
        mailbox: partner.sftp,
        stagingDir: join(workDir, 'sftp', partner.id),
        logger: log,
        ...(opts.env === undefined ? {} : { env: opts.env }),
        ...(opts.pollIntervalMs === undefined ? {} : { pollIntervalMs: opts.pollIntervalMs }),
        ...(lock === undefined ? {} : { lock }),
        onPolled: async () => {
          await autocommit(storage).query(`update mailbox set last_polled_at = now() where key = ?`, [sftpMailboxKey(partner.id)]);
        },
        handler: async (staged): Promise<MailboxOutcome> => {
          const r = await ingest({ path: staged.path }, staged.name, 'sftp', partner.id, staged.remotePath, sftpMailboxKey(partner.id));
          // Recorded once the file row exists, even when processing failed: the bytes are in the database.
          return r === undefined ? 'failed' : 'recorded';
        },
      });
      pollers.push({ poller, partner: partner.id });
      senders.set(partner.id, (local, remote) => poller.send(local, remote));
    }
    // Drop-folder partners without a mailbox get their files in the folder's outbound folder.
    for (const df of config.dropFolders) {
      if (df.partner === undefined || df.outbound === undefined || senders.has(df.partner)) continue;
      senders.set(df.partner, folderSender(resolve(df.outbound)));
    }
    for (const p of config.partners) {
      if (!senders.has(p.id)) log.warn({ partner: p.id }, 'partner has no SFTP mailbox and no drop folder with an outbound folder: files for it (999s, 277CAs) wait in the queue');
    }
    for (const { poller } of pollers) {
      poller.start();
      stops.push({ what: `mailbox ${poller.key}`, stop: () => poller.stop() });
    }

    // Outbound sender (stopped first: before the pollers whose connections it uploads with).
    const s = new OutboundSender({
      storage,
      senders,
      workDir,
      log,
      ...(opts.sendIntervalMs === undefined ? {} : { intervalMs: opts.sendIntervalMs }),
      ...(opts.sendRetryMs === undefined ? {} : { retryMs: opts.sendRetryMs }),
    });
    sender = s;
    s.start();
    stops.push({ what: 'outbound sender', stop: () => s.stop() });

    let running = true;
    let stopping: Promise<void> | undefined;
    log.info({ storage: storage.kind, dropFolders: watchers.map((w) => w.watcher.folder), mailboxes: pollers.map((p) => p.partner) }, 'daemon running');
    return {
      storage,
      stop() {
        stopping ??= (async () => {
          running = false;
          await stopAll();
          log.info('daemon stopped');
        })();
        return stopping;
      },
      status(): DaemonStatus {
        return {
          running,
          storage: storage.kind,
          dropFolders: watchers.map(({ watcher, partner }) => ({ folder: watcher.folder, ...(partner === undefined ? {} : { partner }), handled: watcher.handledCount, running: watcher.running })),
          skippedDropFolders,
          mailboxes: pollers.map(({ poller, partner }) => ({ partner, host: poller.mailbox.host, port: poller.mailbox.port, ...poller.status() })),
          sender: s.status(),
          ingested: { ...counts },
        };
      },
    };
  } catch (err) {
    await stopAll();
    throw err;
  }
}

/** The mailbox row key of a partner's SFTP mailbox and of a drop folder. */
export function sftpMailboxKey(partnerId: string): string {
  return `sftp:${partnerId}`;
}
export function dropFolderKey(path: string): string {
  return `drop:${resolve(path)}`;
}

/**
 * Writes the configured trading partners into `trading_partner` (by code) and their mailboxes (SFTP and
 * drop folders) into `mailbox` (by key), so files carry the partner and the mailbox they came through.
 * Secrets stay in the configuration's references; only where and how to connect is written. A mailbox no
 * longer configured is disabled, never deleted (files point at it).
 */
export async function syncPartners(storage: Storage, config: Pick<X12dConfig, 'partners'> & Partial<Pick<X12dConfig, 'dropFolders'>>): Promise<void> {
  const db = autocommit(storage);
  for (const p of config.partners) {
    await db.query(
      `insert into trading_partner (code, name, isa_qualifier, isa_id) values (?, ?, ?, ?)
       on conflict (code) do update set name = excluded.name, isa_qualifier = excluded.isa_qualifier, isa_id = excluded.isa_id, updated_at = now()`,
      [p.id, p.name, p.isaQualifier, p.isaId],
    );
  }
  const mailboxes: unknown[][] = [];
  for (const p of config.partners) {
    const m = p.sftp;
    if (m !== undefined) mailboxes.push([sftpMailboxKey(p.id), p.id, 'sftp', 'x12', m.host, m.port, m.username, m.hostKeySha256, m.inbound, m.outbound, m.archive ?? null, m.pollSeconds]);
  }
  for (const d of config.dropFolders ?? []) mailboxes.push([dropFolderKey(d.path), d.partner ?? null, 'drop', d.kind, null, null, null, null, resolve(d.path), d.outbound === undefined ? null : resolve(d.outbound), null, null]);
  for (const m of mailboxes) {
    await db.query(
      `insert into mailbox (key, partner_id, kind, file_kind, host, port, username, host_key_sha256, inbound_path, outbound_path, archive_path, poll_seconds, enabled)
       values (?, (select id from trading_partner where code = ?), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, true)
       on conflict (key) do update set partner_id = excluded.partner_id, kind = excluded.kind, file_kind = excluded.file_kind, host = excluded.host, port = excluded.port,
         username = excluded.username, host_key_sha256 = excluded.host_key_sha256, inbound_path = excluded.inbound_path, outbound_path = excluded.outbound_path,
         archive_path = excluded.archive_path, poll_seconds = excluded.poll_seconds, enabled = true, updated_at = now()`,
      m,
    );
  }
  // Another daemon may run with another configuration on the same database: only mailboxes of the
  // partners this one knows are disabled when they are gone from it.
  if (config.partners.length > 0) {
    await db.query(
      `update mailbox set enabled = false, updated_at = now()
       where kind = 'sftp' and enabled and key <> all(?::text[]) and partner_id in (select id from trading_partner where code = any(?::text[]))`,
      [mailboxes.map((m) => m[0] as string), config.partners.map((p) => p.id)],
    );
  }
}
