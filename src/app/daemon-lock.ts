import type { Storage } from '../db/index.js';
import type { Logger } from '../log/index.js';
import type { MailboxLock, MailboxLockRelease } from '../transport/sftp-mailbox.js';

/**
 * The per-mailbox lock of the daemon: a PostgreSQL session-level advisory lock
 * (`pg_try_advisory_lock(hashtext('x12d:mailbox:<key>'))`) taken on a connection of its own from the pool,
 * held for the whole poll and released (`pg_advisory_unlock`, then the connection goes back) afterwards.
 * Another daemon on the same database gets `false` and skips that poll.
 *
 * The lock holds one pool connection while the poll's handler ingests on others, so it needs a pool of at
 * least two. On the embedded PGlite (one connection, one process) and on a pool of one there is no lock:
 * `undefined` is returned and the poller runs without one.
 */
export function advisoryMailboxLock(storage: Storage, poolMax: number, log: Logger): MailboxLock | undefined {
  if (storage.kind === 'embedded') return undefined;
  if (poolMax < 2) {
    log.warn({ poolMax }, 'database.poolMax is 1: SFTP mailboxes are polled without an advisory lock (run one daemon per database, or raise poolMax)');
    return undefined;
  }
  return async (key: string): Promise<MailboxLockRelease | null> => {
    const knex = storage.orm.em.getConnection().getKnex();
    const lockKey = `x12d:mailbox:${key}`;
    const conn: unknown = await knex.client.acquireConnection();
    const release = async (): Promise<void> => {
      await knex.client.releaseConnection(conn);
    };
    let locked = false;
    try {
      const r = (await knex.raw('select pg_try_advisory_lock(hashtext(?)) as locked', [lockKey]).connection(conn)) as { rows?: { locked: boolean }[] };
      locked = r.rows?.[0]?.locked === true;
    } catch (e) {
      await release().catch(() => undefined);
      throw e;
    }
    if (!locked) {
      await release();
      return null;
    }
    return async () => {
      try {
        await knex.raw('select pg_advisory_unlock(hashtext(?))', [lockKey]).connection(conn);
      } finally {
        await release();
      }
    };
  };
}
