import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { MikroORM, PostgreSqlDriver, type EntityManager, type Options } from '@mikro-orm/postgresql';
import { Migrator } from '@mikro-orm/migrations';
import { X12dError } from '../errors.js';
import type { X12dConfig } from '../config/schema.js';
import { FsBlobStore, MemoryBlobStore, type BlobStore } from './blobs.js';
import { DbBlobStore } from './db-blobs.js';
import { MEMORY, startEmbedded, type EmbeddedDatabase } from './embedded.js';
import { ENTITIES } from './entities.js';
import { migrationsList } from './migrations/index.js';

/** The part of the configuration storage needs. */
export type StorageConfig = Pick<X12dConfig, 'dataDir' | 'database'>;

export type StorageKind = 'postgresql' | 'embedded';

/**
 * x12d's storage: MikroORM on PostgreSQL (DATABASE_URL) or on the embedded PGlite, plus the content store
 * for file bytes. `start()` connects (starting PGlite first when embedded); `stop()` closes all it opened.
 */
export interface Storage {
  readonly kind: StorageKind;
  /** The ORM; only after start(). */
  readonly orm: MikroORM;
  /** Where file bytes are kept, by SHA-256. */
  readonly blobs: BlobStore;
  /** The PostgreSQL schema x12d's tables are in, when one is configured. */
  readonly schema: string | undefined;
  /** A fresh EntityManager for one unit of work. */
  em(): EntityManager;
  start(): Promise<void>;
  stop(): Promise<void>;
}

export const MIGRATIONS_TABLE = 'x12d_migrations';
export const MIGRATIONS_PATH = fileURLToPath(new URL('./migrations', import.meta.url));

/** MikroORM options for x12d's entities and migrations on a PostgreSQL URL. */
export function ormOptions(url: string, opts: { poolMax: number; schema?: string; embedded?: boolean }): Options {
  const schema = opts.schema;
  return {
    driver: PostgreSqlDriver,
    clientUrl: url,
    entities: [...ENTITIES],
    ...(schema !== undefined ? { schema } : {}),
    extensions: [Migrator],
    migrations: {
      tableName: MIGRATIONS_TABLE,
      path: MIGRATIONS_PATH,
      pathTs: MIGRATIONS_PATH,
      emit: 'ts',
      migrationsList,
      transactional: true,
      allOrNothing: true,
      snapshot: false,
      silent: true,
      fileName: (timestamp: string, name?: string) => `Migration${timestamp}${name ? `_${name}` : ''}`,
    },
    pool: {
      // PGlite has one backend: one connection, kept open.
      min: opts.embedded ? 1 : 0,
      max: opts.embedded ? 1 : opts.poolMax,
      // Unqualified SQL (migrations, raw queries) resolves in the configured schema.
      ...(schema !== undefined
        ? {
            afterCreate: (conn: { query(sql: string, cb: (err: Error | null) => void): void }, done: (err: Error | null, conn: unknown) => void) => {
              conn.query(`set search_path to "${schema}"`, (err) => done(err, conn));
            },
          }
        : {}),
    },
    allowGlobalContext: false,
    debug: false,
    discovery: { warnWhenNoEntities: false },
  };
}

/**
 * Storage for the configuration: PostgreSQL when `database.url` is set, otherwise the embedded PGlite
 * with its data in `<dataDir>/pglite` (`dataDir: 'memory://'` keeps everything in memory). Nothing is
 * opened until `start()`.
 */
export function openStorage(config: StorageConfig): Storage {
  const url = config.database.url;
  const schema = config.database.schema;
  let orm: MikroORM | undefined;
  const inDatabase = config.database.fileContent === 'database' || (config.database.fileContent === undefined && url !== undefined && config.dataDir !== MEMORY);
  const blobs: BlobStore = inDatabase
    ? new DbBlobStore(() => {
        if (orm === undefined) throw new X12dError('X12D_ERR_USAGE', 'Storage is not started: call start() first.');
        return orm.em.fork();
      })
    : config.dataDir === MEMORY
      ? new MemoryBlobStore()
      : new FsBlobStore(join(config.dataDir, 'files'));
  let embedded: EmbeddedDatabase | undefined;
  let starting: Promise<void> | undefined;

  const start = async (): Promise<void> => {
    if (url === undefined) embedded = await startEmbedded(config.dataDir);
    try {
      const target = url ?? embedded!.url;
      const created = await MikroORM.init(ormOptions(target, { poolMax: config.database.poolMax, schema, embedded: embedded !== undefined }));
      orm = created;
      if (schema !== undefined) {
        // Two daemons starting together both run this; "if not exists" still races in the catalogue, and
        // losing that race (unique violation, or the schema already there) is what we wanted anyway.
        await created.em
          .getConnection()
          .execute(`create schema if not exists "${schema}"`)
          .catch((e: unknown) => {
            const state = (e as { code?: unknown }).code;
            if (state !== '23505' && state !== '42P06') throw e;
          });
      }
    } catch (e) {
      if (orm !== undefined) await orm.close(true).catch(() => undefined);
      orm = undefined;
      if (embedded !== undefined) await embedded.stop().catch(() => undefined);
      embedded = undefined;
      throw e;
    }
  };

  return {
    kind: url === undefined ? 'embedded' : 'postgresql',
    blobs,
    schema,
    get orm(): MikroORM {
      if (orm === undefined) throw new X12dError('X12D_ERR_USAGE', 'Storage is not started: call start() first.');
      return orm;
    },
    em() {
      return this.orm.em.fork();
    },
    start() {
      // Concurrent calls share one start; a failed start can be retried.
      starting ??= start().catch((e: unknown) => {
        starting = undefined;
        throw e;
      });
      return starting;
    },
    async stop() {
      const o = orm;
      const e = embedded;
      orm = undefined;
      embedded = undefined;
      starting = undefined;
      try {
        if (o !== undefined) await o.close(true);
      } finally {
        if (e !== undefined) await e.stop();
      }
    },
  };
}

/** Applies every pending migration; returns the names applied, in order (empty when up to date). */
export async function migrate(storage: Storage): Promise<string[]> {
  const applied = await storage.orm.getMigrator().up();
  return applied.map((m) => m.name);
}

/** Names of migrations not applied yet. */
export async function pendingMigrations(storage: Storage): Promise<string[]> {
  return (await storage.orm.getMigrator().getPendingMigrations()).map((m) => m.name);
}
