import { autocommit, type Storage } from '../db/index.js';
import type { Logger } from '../log/index.js';
import type { MailboxLock, MailboxLockRelease } from '../transport/sftp-mailbox.js';

/**
 * PostgreSQL advisory locks for daemons sharing one database.
 *
 * Mailboxes: a session-level `pg_try_advisory_lock` per mailbox, held for the whole poll and released
 * afterwards; another daemon on the same database and schema gets `false` and skips that poll. The key is
 * `hashtext('x12d:<schema>:mailbox:<key>')`: advisory locks are per database, and two x12d installations
 * in different schemas of one database name their partners independently, so they must not block each
 * other's mailboxes.
 *
 * All the mailbox locks of one daemon share ONE pool connection, taken when the first lock is and given
 * back when the last is released. A connection per mailbox would let the polls of many mailboxes hold
 * the whole pool while their handlers wait for a connection to ingest on (a pool of two and two
 * mailboxes never ingested anything). Their handlers ingest on the other connections, so the pool needs
 * at least two; on the embedded PGlite (one connection, one process) and on a pool of one there is no
 * lock: `undefined` is returned and the poller runs without one.
 *
 * Migrations: `withMigrationLock` holds a blocking advisory lock on a connection outside the pool while
 * the migrations run, so daemons started together on a new database migrate one after the other instead
 * of failing on each other's `create table`.
 */
export function advisoryMailboxLock(storage: Storage, poolMax: number, log: Logger): MailboxLock | undefined {
  if (storage.kind === 'embedded') return undefined;
  if (poolMax < 2) {
    log.warn({ poolMax }, 'database.poolMax is 1: SFTP mailboxes are polled without an advisory lock (run one daemon per database, or raise poolMax)');
    return undefined;
  }
  const session = new MailboxLockSession(storage, log);
  return (key) => session.tryLock(key);
}

/** The schema x12d's tables are in: the configured one, else the connection's current schema. */
async function schemaOf(storage: Storage): Promise<string> {
  if (storage.schema !== undefined) return storage.schema;
  const [row] = await autocommit(storage).query<{ schema: string | null }>('select current_schema() as schema');
  return row?.schema ?? 'public';
}

/** The parts of knex's client used here (its typings say `any`). */
interface KnexClient {
  acquireConnection(): Promise<PgConnection>;
  releaseConnection(conn: PgConnection): Promise<unknown>;
  acquireRawConnection(): Promise<PgConnection>;
  destroyRawConnection(conn: PgConnection): Promise<unknown>;
}
interface PgConnection {
  query(sql: string, params: readonly unknown[]): Promise<{ rows: Record<string, unknown>[] }>;
  end(): Promise<void>;
}

function knexClient(storage: Storage): KnexClient {
  return storage.orm.em.getConnection().getKnex().client as KnexClient;
}

class MailboxLockSession {
  private conn: PgConnection | null = null;
  /** Locks held on `conn`. */
  private held = 0;
  /** A statement failed on `conn`: no new lock is taken on it, and it is closed once no poll holds a lock on it. */
  private broken = false;
  private schema: string | undefined;
  /** Lock, unlock, acquire and release run one at a time. */
  private chain: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly storage: Storage,
    private readonly log: Logger,
  ) {}

  tryLock(key: string): Promise<MailboxLockRelease | null> {
    return this.serial(async () => {
      this.schema ??= await schemaOf(this.storage);
      const lockKey = `x12d:${this.schema}:mailbox:${key}`;
      if (this.conn !== null && this.broken) {
        // The polls still holding locks on the failed connection end soon; until then this poll is a failed one (backoff).
        throw new Error('the mailbox lock connection failed; a new one is taken once the polls using it have ended');
      }
      this.conn ??= await knexClient(this.storage).acquireConnection();
      const conn = this.conn;
      let locked: boolean;
      try {
        const r = await conn.query('select pg_try_advisory_lock(hashtext($1)) as locked', [lockKey]);
        locked = r.rows[0]?.locked === true;
      } catch (e) {
        this.broken = true;
        await this.giveBackIfUnused();
        throw e;
      }
      if (!locked) {
        await this.giveBackIfUnused();
        return null;
      }
      this.held += 1;
      let released = false;
      return () =>
        this.serial(async () => {
          if (released) return;
          released = true;
          this.held -= 1;
          try {
            await conn.query('select pg_advisory_unlock(hashtext($1))', [lockKey]);
          } catch (e) {
            // Most likely the connection is gone, and the server dropped its locks with it. Should it be
            // alive, closing it (below) is what releases the lock.
            this.broken = true;
            this.log.warn({ mailbox: key, error: e instanceof Error ? e.message : String(e) }, 'unlocking a mailbox failed; its lock connection is closed');
          } finally {
            await this.giveBackIfUnused();
          }
        });
    });
  }

  /** Gives the connection back to the pool when no lock is held on it; closes it first when it failed. */
  private async giveBackIfUnused(): Promise<void> {
    const conn = this.conn;
    if (conn === null || this.held > 0) return;
    this.conn = null;
    const broken = this.broken;
    this.broken = false;
    // An ended connection is marked disposed by knex and dropped at its next validation, never reused.
    if (broken) await conn.end().catch(() => undefined);
    await knexClient(this.storage)
      .releaseConnection(conn)
      .catch(() => undefined);
  }

  private serial<T>(work: () => Promise<T>): Promise<T> {
    const run = this.chain.then(work);
    this.chain = run.catch(() => undefined);
    return run;
  }
}

/**
 * Runs `work` (the migrations) while holding `pg_advisory_lock(hashtext('x12d:<schema>:migrate'))` on a
 * connection of its own outside the pool (so it works with a pool of one, and the migrations have the
 * pool). The lock is released by closing that connection. On the embedded database `work` just runs.
 */
export async function withMigrationLock<T>(storage: Storage, work: () => Promise<T>): Promise<T> {
  if (storage.kind === 'embedded') return work();
  const key = `x12d:${await schemaOf(storage)}:migrate`;
  const client = knexClient(storage);
  const conn = await client.acquireRawConnection();
  try {
    await conn.query('select pg_advisory_lock(hashtext($1))', [key]);
    return await work();
  } finally {
    await client.destroyRawConnection(conn).catch(() => undefined);
  }
}
