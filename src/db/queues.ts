import type { EntityManager } from '@mikro-orm/postgresql';
import { DenialQueueItemEntity, PostingQueueItemEntity } from './entities.js';
import { toId, toRecord } from './mapping.js';
import type { DenialQueueItemRecord, PostingQueueItemRecord } from './records.js';
import type { Storage } from './storage.js';

export type QueueName = 'denial' | 'posting';

const TABLES = { denial: 'denial_queue_item', posting: 'posting_queue_item' } as const;

export interface ClaimOptions {
  /** Who takes the items: a user name or `daemon:<host>:<pid>`. */
  readonly worker: string;
  /** At most this many (default 1). */
  readonly limit?: number;
  /** Run inside this EntityManager's transaction instead of on its own. */
  readonly em?: EntityManager;
}

/**
 * Takes up to `limit` open items of a queue for `worker`, oldest first, and marks them claimed, in one
 * statement: `UPDATE ... WHERE id IN (SELECT ... FOR UPDATE SKIP LOCKED) RETURNING id`. Rows another
 * claimer has locked are skipped rather than waited for, so concurrent claimers (two daemons on one
 * PostgreSQL, or two users) get disjoint items. Returns the claimed items in id order (RETURNING's order
 * is not guaranteed, so they are sorted).
 */
export async function claimQueueItems(storage: Storage, queue: 'denial', opts: ClaimOptions): Promise<DenialQueueItemRecord[]>;
export async function claimQueueItems(storage: Storage, queue: 'posting', opts: ClaimOptions): Promise<PostingQueueItemRecord[]>;
export async function claimQueueItems(storage: Storage, queue: QueueName, opts: ClaimOptions): Promise<(DenialQueueItemRecord | PostingQueueItemRecord)[]> {
  const table = TABLES[queue];
  const limit = opts.limit ?? 1;
  if (!Number.isSafeInteger(limit) || limit < 1) throw new RangeError('limit must be a positive integer');
  const em = opts.em ?? storage.em();
  const rows = await em.execute<{ id: string }[]>(
    `update ${table} set status = 'claimed', claimed_by = ?, claimed_at = now(), updated_at = now()
     where id in (select id from ${table} where status = 'open' order by id limit ? for update skip locked)
     returning id`,
    [opts.worker, limit],
  );
  if (rows.length === 0) return [];
  const ids = rows.map((r) => toId(r.id)).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const entity = queue === 'denial' ? DenialQueueItemEntity : PostingQueueItemEntity;
  const found = await em.find(entity as typeof DenialQueueItemEntity, { id: { $in: ids } }, { orderBy: { id: 'asc' } });
  return found.map((e) => toRecord<DenialQueueItemRecord | PostingQueueItemRecord>(e));
}
