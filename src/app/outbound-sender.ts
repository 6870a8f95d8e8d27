import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { autocommit, inTransaction, type SqlUnit, type Storage } from '../db/index.js';
import type { Logger } from '../log/index.js';
import type { SendResult } from '../transport/sftp-mailbox.js';
import { safeErrorText } from './ingest.js';

/** Uploads one local file to a partner's outbound folder (SftpMailboxPoller.send). */
export type PartnerSend = (localPath: string, remoteName: string) => Promise<SendResult>;

export interface OutboundSenderOptions {
  readonly storage: Storage;
  /** The senders by trading partner code (configuration id): partners with an SFTP mailbox. */
  readonly senders: ReadonlyMap<string, PartnerSend>;
  /** Where a file's bytes are written for the upload (removed afterwards). */
  readonly workDir: string;
  readonly log: Logger;
  /** Time between passes (default 5 s). */
  readonly intervalMs?: number;
  /** A file whose upload failed is tried again after this long (default 60 s). */
  readonly retryMs?: number;
}

export interface OutboundSenderStatus {
  readonly sent: number;
  readonly failed: number;
  readonly lastError?: string;
  readonly lastPassAt?: Date;
}

interface Claimed {
  readonly id: string;
  readonly name: string;
  readonly sha256: string;
  readonly code: string;
}

/**
 * The outbound sender: every `intervalMs` (and whenever `kick()` is called) it sends, one at a time, the
 * outbound files with status `queued` whose trading partner has an SFTP mailbox, and marks each `sent`.
 *
 * Each file is claimed in its own transaction with `FOR UPDATE SKIP LOCKED` and the row lock is held
 * through the upload until the `sent` update commits, so two daemons never send one file twice (the other
 * one skips the locked row). A failed upload rolls back (the file stays `queued`), is counted in
 * `attempts` with its error in `last_error`, and is tried again after `retryMs`. Nothing is deleted.
 *
 * A file's bytes are in the content store of the daemon that wrote it (under its own dataDir); a daemon
 * that does not have them leaves the file to that one rather than failing the upload again and again.
 */
/**
 * What was uploaded is now out with the partner: its envelopes (pending until now) and the eligibility
 * checks it carries become `sent`; an acknowledgment that already answered them keeps its status.
 */
async function markEnvelopesSent(sql: SqlUnit, fileId: string): Promise<void> {
  await sql.query(`update interchange set status = 'sent', updated_at = now() where file_id = ? and status = 'pending'`, [fileId]);
  await sql.query(
    `update functional_group g set status = 'sent', updated_at = now() from interchange i where g.interchange_id = i.id and i.file_id = ? and g.status = 'pending'`,
    [fileId],
  );
  await sql.query(
    `update transaction_set t set status = 'sent', updated_at = now() from functional_group g join interchange i on i.id = g.interchange_id
     where t.group_id = g.id and i.file_id = ? and t.status = 'pending'`,
    [fileId],
  );
  await sql.query(`update eligibility_check set status = 'sent', updated_at = now() where file_id = ? and status = 'pending'`, [fileId]);
}

export class OutboundSender {
  private readonly opts: OutboundSenderOptions;
  private readonly intervalMs: number;
  private readonly retrySeconds: number;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private stopping = true;
  private sent = 0;
  private failed = 0;
  private lastError?: string;
  private lastPassAt?: Date;

  constructor(opts: OutboundSenderOptions) {
    this.opts = opts;
    this.intervalMs = opts.intervalMs ?? 5_000;
    this.retrySeconds = Math.max(1, Math.ceil((opts.retryMs ?? 60_000) / 1000));
  }

  start(): void {
    if (!this.stopping) return;
    this.stopping = false;
    if (this.opts.senders.size === 0) return;
    this.kick();
  }

  /** Runs a pass now (or right after the one in progress). */
  kick(): void {
    if (this.stopping || this.opts.senders.size === 0) return;
    if (this.running !== null) {
      this.again = true;
      return;
    }
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    this.running = this.pass()
      .catch((err: unknown) => {
        this.lastError = safeErrorText(err);
        this.opts.log.error({ error: this.lastError }, 'outbound sender pass failed');
      })
      .finally(() => {
        this.running = null;
        if (this.stopping) return;
        if (this.again) {
          this.again = false;
          this.kick();
        } else {
          this.timer = setTimeout(() => {
            this.timer = null;
            this.kick();
          }, this.intervalMs);
        }
      });
  }

  /** Stops; an upload in progress finishes (and is marked sent) first. */
  async stop(): Promise<void> {
    this.stopping = true;
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    while (this.running !== null) await this.running;
  }

  status(): OutboundSenderStatus {
    return { sent: this.sent, failed: this.failed, lastError: this.lastError, lastPassAt: this.lastPassAt };
  }

  private async pass(): Promise<void> {
    this.lastPassAt = new Date();
    const notHere: string[] = [];
    while (!this.stopping) {
      if (!(await this.sendOne(notHere))) return;
    }
  }

  /**
   * Claims, uploads and marks one file; false when there was none to send. `notHere` collects, for this
   * pass, the files whose bytes another daemon keeps (each daemon has its own content store under its
   * dataDir): they are left to that daemon, which wrote them, instead of counting as failed uploads.
   */
  private async sendOne(notHere: string[]): Promise<boolean> {
    const { storage, senders, log } = this.opts;
    const codes = [...senders.keys()];
    let claimed: Claimed | undefined;
    try {
      const done = await inTransaction(storage, async (sql): Promise<boolean | 'not-here'> => {
        const [row] = await sql.query<Claimed>(
          `select f.id::text as id, f.name, f.sha256, tp.code
             from file f join trading_partner tp on tp.id = f.partner_id
            where f.direction = 'outbound' and f.status = 'queued' and tp.code = any(?::text[])
              and (f.last_error is null or f.updated_at < now() - (?::int * interval '1 second'))
              and f.id <> all(?::bigint[])
            order by f.id
            limit 1
            for update of f skip locked`,
          [codes, this.retrySeconds, notHere],
        );
        if (row === undefined) return false;
        if (!(await sql.hasFileBytes(row.sha256))) {
          notHere.push(row.id);
          log.debug({ fileId: row.id, partner: row.code }, "outbound file left to the daemon that wrote it: its bytes are not in this daemon's store");
          return 'not-here';
        }
        claimed = row;
        const send = senders.get(row.code)!;
        const bytes = await sql.fileBytes(row.sha256);
        const dir = join(this.opts.workDir, 'outbound');
        await mkdir(dir, { recursive: true });
        const local = join(dir, `${row.id}-${row.name.replace(/[^A-Za-z0-9_.-]/g, '_')}`);
        await writeFile(local, bytes, { mode: 0o600 });
        try {
          const r = await send(local, row.name);
          await sql.query(`update file set status = 'sent', processed_at = now(), last_error = null, updated_at = now() where id = ?`, [row.id]);
          await markEnvelopesSent(sql, row.id);
          log.info({ fileId: row.id, partner: row.code, remotePath: r.remotePath, size: r.size }, 'outbound file sent');
        } finally {
          await rm(local, { force: true }).catch(() => undefined);
        }
        return true;
      });
      if (done === 'not-here') return true;
      if (done) this.sent += 1;
      return done;
    } catch (err) {
      if (claimed === undefined) throw err;
      this.failed += 1;
      const error = safeErrorText(err);
      this.lastError = error;
      log.error({ fileId: claimed.id, partner: claimed.code, error }, 'sending an outbound file failed; it stays queued and is tried again later');
      await autocommit(storage)
        .query(`update file set attempts = attempts + 1, last_error = ?, updated_at = now() where id = ? and status = 'queued'`, [error, claimed.id])
        .catch((e: unknown) => log.error({ error: safeErrorText(e) }, 'recording the send failure failed'));
      return true;
    }
  }
}
