import { autocommit, type FileStatus, type Id, type Storage } from '../db/index.js';
import { processFile, UNFINISHED, type IngestOptions, type IngestResult } from './ingest.js';

/**
 * Replaying inbound files an admin names (or every failed one): each runs again from its stored bytes
 * through the same pipeline, all or nothing, and the file row's lock keeps two replays (or a replay and a
 * daemon) from doing anything twice. A file that was processed, or is a duplicate, is not run again.
 * Every replay leaves an audit row: who, which file, from which status to which.
 */

export type ReplayOutcome =
  | { readonly fileId: Id; readonly replayed: true; readonly from: FileStatus; readonly result: IngestResult }
  | { readonly fileId: Id; readonly replayed: false; readonly reason: string };

export interface ReplayOptions extends IngestOptions {
  /** Who asks, for the audit trail. */
  readonly actor: string;
}

/** Inbound files with status failed, oldest first (at most `limit`). */
export async function failedFileIds(storage: Storage, limit = 10_000): Promise<Id[]> {
  const rows = await autocommit(storage).query<{ id: string }>(`select id from file where direction = 'inbound' and status = 'failed' order by id limit ?`, [limit]);
  return rows.map((r) => BigInt(r.id));
}

export async function replayFiles(storage: Storage, ids: readonly Id[], opts: ReplayOptions): Promise<ReplayOutcome[]> {
  const db = autocommit(storage);
  const out: ReplayOutcome[] = [];
  for (const fileId of ids) {
    const [row] = await db.query<{ status: FileStatus; direction: string; sha256: string; partner_id: string | null }>(`select status, direction, sha256, partner_id from file where id = ?`, [fileId]);
    if (row === undefined) {
      out.push({ fileId, replayed: false, reason: 'no such file' });
      continue;
    }
    if (row.direction !== 'inbound') {
      out.push({ fileId, replayed: false, reason: 'an outbound file: the outbound sender retries those' });
      continue;
    }
    if (!UNFINISHED.includes(row.status)) {
      out.push({ fileId, replayed: false, reason: row.status === 'duplicate' ? 'a duplicate: replay the file it duplicates' : `already ${row.status}` });
      continue;
    }
    if (!(await storage.blobs.has(row.sha256))) {
      // The bytes are in the content store under the dataDir of the daemon that received the file.
      out.push({ fileId, replayed: false, reason: 'its bytes are not in this content store (replay it where it was received, or share the data folder)' });
      continue;
    }
    const { actor, ...ingest } = opts;
    // From a path to the stored bytes (a temporary copy when they are in the database): never whole in memory.
    const result = await storage.blobs.withFile(row.sha256, (path) => processFile(storage, fileId, { path }, row.partner_id === null ? null : BigInt(row.partner_id), ingest));
    await db.query(`insert into audit_event (actor, action, target_type, target_id, detail) values (?, 'replay', 'file', ?, ?::jsonb)`, [
      actor.slice(0, 255),
      fileId.toString(),
      JSON.stringify({ from: row.status, to: result.status, ...(result.error === undefined ? {} : { error: result.error }) }),
    ]);
    out.push({ fileId, replayed: true, from: row.status, result });
  }
  return out;
}
