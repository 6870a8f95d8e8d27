import type { EntityManager } from '@mikro-orm/postgresql';
import type { ControlNumberAllocator, ControlNumberKind } from '../x12/writer.js';
import type { Storage } from './storage.js';

/** ISA13, GS06 and ST02 all hold at most nine digits; after 999999999 a counter starts again at 1. */
export const MAX_CONTROL_NUMBER = 999_999_999;

/**
 * Control numbers from the database, per partner and kind, that never repeat across restarts or between
 * daemons sharing one PostgreSQL. Each number comes from one statement (an upsert with RETURNING), which
 * PostgreSQL runs under the counter row's lock: two callers can never read the same value.
 *
 * By default each call runs on its own (autocommit), so a number is spent even if the file it was for is
 * never written; gaps are allowed in X12, repeats are not. Pass an EntityManager that is inside a
 * transaction (`em.transactional(em => ...)`) to take the numbers in that transaction instead: they are
 * then returned if it rolls back, and other writers for the same partner wait for it to end. On the
 * embedded database never use the default (its own connection) while a transaction is open: the one
 * connection is busy and the call would wait forever.
 */
export class DbControlNumbers implements ControlNumberAllocator {
  constructor(
    private readonly storage: Storage,
    private readonly opts: { readonly em?: EntityManager; readonly max?: number } = {},
  ) {}

  async next(kind: ControlNumberKind, partner: string): Promise<number> {
    const em = this.opts.em ?? this.storage.em();
    const max = this.opts.max ?? MAX_CONTROL_NUMBER;
    const rows = await em.execute<{ last_value: string | number }[]>(
      `insert into control_number_counter as c (partner, kind, last_value) values (?, ?, 1)
       on conflict (partner, kind) do update
         set last_value = case when c.last_value >= ? then 1 else c.last_value + 1 end, updated_at = now()
       returning last_value`,
      [partner, kind, max],
    );
    return Number(rows[0].last_value);
  }
}

/** The durable allocator for the writer: `new X12Writer(out, { allocator: controlNumbers(storage) })`. */
export function controlNumbers(storage: Storage, opts: { readonly em?: EntityManager; readonly max?: number } = {}): DbControlNumbers {
  return new DbControlNumbers(storage, opts);
}
