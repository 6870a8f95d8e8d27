/**
 * Storage: the only part of x12d that knows MikroORM. Everything else uses these functions and the plain
 * records of records.ts.
 */
export { openStorage, migrate, pendingMigrations, ormOptions, MIGRATIONS_TABLE, type Storage, type StorageConfig, type StorageKind } from './storage.js';
export { controlNumbers, DbControlNumbers, MAX_CONTROL_NUMBER } from './control-numbers.js';
export { recordInboundFile, recordOutboundFile, readFileBytes, type Content, type FileMeta, type RecordedFile } from './files.js';
export { claimQueueItems, type ClaimOptions, type QueueName } from './queues.js';
export { FsBlobStore, MemoryBlobStore, sha256Hex, type BlobStore } from './blobs.js';
export { toRecord, toId } from './mapping.js';
export * from './records.js';
export { inTransaction, autocommit, pgArray, type SqlUnit } from './sql.js';
