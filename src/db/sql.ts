import type { EntityManager } from '@mikro-orm/postgresql';
import { DbControlNumbers } from './control-numbers.js';
import { type Content, type FileMeta, type RecordedFile, recordInboundFile, recordOutboundFile } from './files.js';
import { toId } from './mapping.js';
import type { Storage } from './storage.js';

/**
 * A unit of work for code outside src/db that writes many rows at once (the ingest pipeline): plain SQL
 * with `?` placeholders (values are escaped by the driver), multi-row inserts, id allocation, and the file
 * and control-number functions bound to the same connection. Inside `inTransaction` every call runs in
 * that one transaction; on the embedded database nothing else may be awaited on another connection then.
 */
export interface SqlUnit {
  /** Rows of a statement (`select`, or anything with `returning`). */
  query<T = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<T[]>;
  /**
   * Inserts rows (arrays of values in `columns` order): one statement per `chunk` rows (default 10,000),
   * each column sent as ONE array parameter and spread by `unnest`, typed from the table itself. Values:
   * strings, numbers, bigints, booleans, null, and arrays for array columns.
   */
  insert(table: string, columns: readonly string[], rows: readonly (readonly unknown[])[], opts?: { chunk?: number }): Promise<void>;
  /**
   * The same bulk insert, with an `on conflict ... do nothing` target when given, returning the named
   * columns of the rows actually inserted (as text). One statement; for batches that fit in memory.
   */
  insertReturning<T extends Record<string, string | null>>(table: string, columns: readonly string[], rows: readonly (readonly unknown[])[], returning: readonly string[], opts?: { onConflictDoNothing?: readonly string[] }): Promise<T[]>;
  /** `n` fresh ids of a table's identity column, in increasing order. */
  nextIds(table: string, n: number): Promise<bigint[]>;
  recordInboundFile(content: Content, meta: FileMeta): Promise<RecordedFile>;
  recordOutboundFile(bytes: Uint8Array, meta: FileMeta): Promise<RecordedFile>;
  /**
   * A stored file's bytes, and whether they are here, read on this unit's connection: inside a transaction
   * a second connection from the pool could wait for ever on a pool the transaction helps to exhaust.
   */
  fileBytes(sha256: string): Promise<Buffer>;
  hasFileBytes(sha256: string): Promise<boolean>;
  /** Control numbers taken in this unit (returned if a transaction rolls back). */
  controlNumbers(): DbControlNumbers;
}

const TABLE_NAME = /^[a-z_][a-z0-9_]*$/;

/** A value as the driver's formatter takes it: bigints as text, arrays as PostgreSQL array literals. */
function param(v: unknown): unknown {
  if (typeof v === 'bigint') return v.toString();
  if (Array.isArray(v)) return pgArray(v as readonly unknown[]);
  if (v === undefined) return null;
  return v;
}

/** A text[] literal: {"a","b"} with quotes and backslashes escaped. */
export function pgArray(values: readonly unknown[]): string {
  return `{${values.map((x) => (x === null || x === undefined ? 'NULL' : `"${String(x).replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`)).join(',')}}`;
}

/**
 * `insert into t (a, b) select u.c0, u.c1::text[] from unnest($1::bigint[], $2::text[]) as u(c0, c1)`:
 * one parameter per column whatever the row count, so the statement text is short and the server parses
 * no literals. Array columns travel as text[] of array literals and are cast per row (unnest would
 * flatten a two-dimensional array). Types carry no length or scale: assignment to the column checks them,
 * as a plain INSERT would (an explicit cast to varchar(n) would silently cut).
 */
function unnestInsert(table: string, columns: readonly string[], types: ReadonlyMap<string, string>): string {
  const typeOf = (c: string): string => {
    const t = types.get(c);
    if (t === undefined) throw new Error(`table ${table} has no column ${c}`);
    return t;
  };
  const select = columns.map((c, i) => (typeOf(c).endsWith('[]') ? `u.c${i}::${typeOf(c)}` : `u.c${i}`));
  const params = columns.map((c, i) => `$${i + 1}::${typeOf(c).endsWith('[]') ? 'text' : typeOf(c)}[]`);
  return `insert into "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) select ${select.join(', ')} from unnest(${params.join(', ')}) as u(${columns.map((_, i) => `c${i}`).join(', ')})`;
}

function checkNames(table: string, columns: readonly string[]): string {
  if (!TABLE_NAME.test(table) || !columns.every((c) => TABLE_NAME.test(c))) throw new Error('bad table or column name');
  return table;
}

/** Rows [from, to) turned into one array per column. */
function columnArrays(table: string, columns: readonly string[], rows: readonly (readonly unknown[])[], from: number, to: number): unknown[][] {
  const arrays: unknown[][] = columns.map(() => new Array<unknown>(to - from));
  for (let r = from; r < to; r++) {
    const row = rows[r];
    if (row.length !== columns.length) throw new Error(`a row for ${table} has ${row.length} values for ${columns.length} columns`);
    for (let c = 0; c < row.length; c++) arrays[c][r - from] = columnValue(row[c]);
  }
  return arrays;
}

/** One value of an unnest column: bigints as text, arrays as their literal, undefined as null. */
function columnValue(v: unknown): unknown {
  if (v === undefined || v === null) return null;
  if (typeof v === 'bigint') return v.toString();
  if (Array.isArray(v)) return pgArray(v as readonly unknown[]);
  return v;
}

/** Column types of a table (without length or scale), read from the database once per storage. */
const typeCache = new WeakMap<Storage, Map<string, Promise<Map<string, string>>>>();

function columnTypes(storage: Storage, em: EntityManager, table: string): Promise<Map<string, string>> {
  let tables = typeCache.get(storage);
  if (tables === undefined) typeCache.set(storage, (tables = new Map()));
  let types = tables.get(table);
  if (types === undefined) {
    types = em
      .execute<{ name: string; type: string }[]>(
        `select a.attname as name, format_type(a.atttypid, null) as type from pg_attribute a
         where a.attrelid = to_regclass(?) and a.attnum > 0 and not a.attisdropped`,
        [`"${table}"`],
      )
      .then((rows) => {
        if (rows.length === 0) throw new Error(`no table ${table}`);
        return new Map(rows.map((r) => [r.name, r.type]));
      });
    types.catch(() => tables!.delete(table));
    tables.set(table, types);
  }
  return types;
}

const sequenceCache = new WeakMap<Storage, Map<string, Promise<string>>>();

/** The identity sequence of a table's id column, looked up once per storage. */
function identitySequence(storage: Storage, em: EntityManager, table: string): Promise<string> {
  let tables = sequenceCache.get(storage);
  if (tables === undefined) sequenceCache.set(storage, (tables = new Map()));
  let name = tables.get(table);
  if (name === undefined) {
    name = em.execute<{ seq: string | null }[]>(`select pg_get_serial_sequence(?, 'id') as seq`, [table]).then(([r]) => {
      if (r?.seq == null) throw new Error(`table ${table} has no identity id`);
      return r.seq;
    });
    name.catch(() => tables!.delete(table));
    tables.set(table, name);
  }
  return name;
}

interface PgConnection {
  query(text: string, values: readonly unknown[]): Promise<{ rows: unknown[] }>;
}
interface KnexLike {
  client: { acquireConnection(): Promise<unknown>; releaseConnection(conn: unknown): Promise<void> };
}

/**
 * A statement with server-side parameters on the driver's connection: the transaction's own connection
 * inside `inTransaction` (MikroORM hands it out, so one rollback covers ORM and bulk writes), else one from
 * the pool for this statement. MikroORM's `execute` would inline every value into the SQL text instead.
 */
export async function rawQuery(em: EntityManager, text: string, values: readonly unknown[]): Promise<unknown[]> {
  const trx = em.getTransactionContext<KnexLike>();
  const client = trx?.client ?? (em.getConnection().getKnex() as unknown as KnexLike).client;
  const conn = (await client.acquireConnection()) as PgConnection;
  try {
    return (await conn.query(text, values)).rows;
  } finally {
    // Inside a transaction the knex client hands out the transaction's connection and keeps it.
    if (trx === undefined) await client.releaseConnection(conn);
  }
}

function unit(storage: Storage, em: EntityManager): SqlUnit {
  const query = async <T>(sql: string, params: readonly unknown[] = []): Promise<T[]> => {
    const rows = await em.execute<T[]>(sql, params.map(param));
    return Array.isArray(rows) ? rows : [];
  };
  return {
    query,
    async insert(table, columns, rows, opts = {}) {
      if (rows.length === 0) return;
      const text = unnestInsert(table, columns, await columnTypes(storage, em, checkNames(table, columns)));
      const chunk = opts.chunk ?? 10_000;
      for (let i = 0; i < rows.length; i += chunk) await rawQuery(em, text, columnArrays(table, columns, rows, i, Math.min(rows.length, i + chunk)));
    },
    async insertReturning<T>(table: string, columns: readonly string[], rows: readonly (readonly unknown[])[], returning: readonly string[], opts: { onConflictDoNothing?: readonly string[] } = {}) {
      if (rows.length === 0) return [];
      const target = opts.onConflictDoNothing;
      checkNames(table, [...columns, ...returning, ...(target ?? [])]);
      let text = unnestInsert(table, columns, await columnTypes(storage, em, table));
      if (target !== undefined) text += ` on conflict (${target.map((c) => `"${c}"`).join(', ')}) do nothing`;
      text += ` returning ${returning.map((c) => `"${c}"::text as "${c}"`).join(', ')}`;
      return (await rawQuery(em, text, columnArrays(table, columns, rows, 0, rows.length))) as T[];
    },
    async nextIds(table, n) {
      if (!TABLE_NAME.test(table)) throw new Error('bad table name');
      if (n <= 0) return [];
      // The sequence is named once: pg_get_serial_sequence in the select list would run per row (13x slower).
      const sequence = await identitySequence(storage, em, table);
      const rows = await query<{ id: string | number }>(`select nextval(?::regclass) as id from generate_series(1, ?)`, [sequence, n]);
      return rows.map((r) => toId(r.id)).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    },
    recordInboundFile: (content, meta) => recordInboundFile(storage, content, meta, em),
    recordOutboundFile: (bytes, meta) => recordOutboundFile(storage, bytes, meta, em),
    fileBytes: (sha256) => storage.blobs.get(sha256, em),
    hasFileBytes: (sha256) => storage.blobs.has(sha256, em),
    controlNumbers: () => new DbControlNumbers(storage, { em }),
  };
}

/** Runs `work` in one database transaction: all or nothing. */
export function inTransaction<T>(storage: Storage, work: (sql: SqlUnit) => Promise<T>): Promise<T> {
  return storage.em().transactional((em) => work(unit(storage, em as EntityManager)));
}

/** Statements that each commit on their own (no transaction). */
export function autocommit(storage: Storage): SqlUnit {
  return unit(storage, storage.em());
}
