import type { EntityManager } from '@mikro-orm/postgresql';
import { FileEntity } from './entities.js';
import { toId, toRecord } from './mapping.js';
import type { Direction, FileKind, FileRecord, FileSource, FileStatus, Id } from './records.js';
import type { Storage } from './storage.js';

export interface FileMeta {
  /** The file's name where it came from (no folders). */
  readonly name: string;
  readonly source: FileSource;
  readonly kind?: FileKind;
  readonly partnerId?: Id | null;
  readonly mailboxId?: Id | null;
}

export interface RecordedFile {
  /** The row just written: status received (or queued, outbound), or duplicate. */
  readonly file: FileRecord;
  /** True when the same bytes were recorded before, in the same direction. */
  readonly duplicate: boolean;
  /** For a duplicate: the earlier file's id (also in `file.duplicateOfId`). */
  readonly earlierFileId: Id | null;
}

/**
 * Records an arriving file: its bytes go to the content store first (under their SHA-256), then one row.
 * When the same bytes arrived before, the row gets status `duplicate` and points at the earlier file, whose
 * id is returned; such a file is never processed again. Safe against two daemons recording the same bytes
 * at once: a partial unique index on (direction, sha256) lets exactly one row be the original.
 */
export function recordInboundFile(storage: Storage, content: Content, meta: FileMeta, em?: EntityManager): Promise<RecordedFile> {
  return recordFile(storage, 'inbound', content, meta, em);
}

/** Records a file x12d wrote, before it is sent (status queued); the same bytes twice is a duplicate. */
export function recordOutboundFile(storage: Storage, bytes: Uint8Array, meta: FileMeta, em?: EntityManager): Promise<RecordedFile> {
  return recordFile(storage, 'outbound', bytes, meta, em);
}

/** A file's bytes: in memory, or a file on disk that is read as a stream (never whole). */
export type Content = Uint8Array | { readonly path: string };

async function recordFile(storage: Storage, direction: Direction, content: Content, meta: FileMeta, given?: EntityManager): Promise<RecordedFile> {
  const em = given ?? storage.em();
  const { sha256, size } = content instanceof Uint8Array ? { sha256: await storage.blobs.put(content, em), size: content.byteLength } : await storage.blobs.putFile(content.path, em);
  const status: FileStatus = direction === 'inbound' ? 'received' : 'queued';
  const values = [direction, meta.name, meta.source, meta.kind ?? 'x12', meta.partnerId ?? null, meta.mailboxId ?? null, sha256, size];
  const inserted = await em.execute<{ id: string }[]>(
    `insert into file (direction, name, source, kind, partner_id, mailbox_id, sha256, size, status)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?)
     on conflict (direction, sha256) where status <> 'duplicate' do nothing
     returning id`,
    [...values, status],
  );
  if (inserted.length === 1) {
    const file = await em.findOneOrFail(FileEntity, { id: toId(inserted[0].id) });
    return { file: toRecord<FileRecord>(file), duplicate: false, earlierFileId: null };
  }
  // The original is never deleted and never becomes a duplicate, so it is there to point at.
  const [earlier] = await em.execute<{ id: string }[]>(`select id from file where direction = ? and sha256 = ? and status <> 'duplicate'`, [direction, sha256]);
  const earlierFileId = toId(earlier.id);
  const [dup] = await em.execute<{ id: string }[]>(
    `insert into file (direction, name, source, kind, partner_id, mailbox_id, sha256, size, status, duplicate_of_id)
     values (?, ?, ?, ?, ?, ?, ?, ?, 'duplicate', ?)
     returning id`,
    [...values, earlierFileId],
  );
  const file = await em.findOneOrFail(FileEntity, { id: toId(dup.id) });
  return { file: toRecord<FileRecord>(file), duplicate: true, earlierFileId };
}

/** The bytes of a recorded file, from the content store. */
export function readFileBytes(storage: Storage, file: Pick<FileRecord, 'sha256'>): Promise<Buffer> {
  return storage.blobs.get(file.sha256);
}
