import type { EntityManager } from '@mikro-orm/postgresql';
import { DbControlNumbers } from './control-numbers.js';
import { type FileMeta, type RecordedFile, recordInboundFile, recordOutboundFile } from './files.js';
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
   * Inserts rows (arrays of values in `columns` order) in multi-row statements of at most `chunk` rows.
   * `casts` gives an SQL type per column where a text value needs one (`text[]`, `jsonb`, `date`).
   */
  insert(table: string, columns: readonly string[], rows: readonly (readonly unknown[])[], opts?: { casts?: Readonly<Record<string, string>>; chunk?: number }): Promise<void>;
  /** `n` fresh ids of a table's identity column, in increasing order. */
  nextIds(table: string, n: number): Promise<bigint[]>;
  recordInboundFile(bytes: Uint8Array, meta: FileMeta): Promise<RecordedFile>;
  recordOutboundFile(bytes: Uint8Array, meta: FileMeta): Promise<RecordedFile>;
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

function unit(storage: Storage, em: EntityManager): SqlUnit {
  const query = async <T>(sql: string, params: readonly unknown[] = []): Promise<T[]> => {
    const rows = await em.execute<T[]>(sql, params.map(param));
    return Array.isArray(rows) ? rows : [];
  };
  return {
    query,
    async insert(table, columns, rows, opts = {}) {
      if (!TABLE_NAME.test(table) || !columns.every((c) => TABLE_NAME.test(c))) throw new Error('bad table or column name');
      if (rows.length === 0) return;
      const casts = opts.casts ?? {};
      const tuple = `(${columns.map((c) => (casts[c] === undefined ? '?' : `?::${casts[c]}`)).join(', ')})`;
      const chunk = opts.chunk ?? 500;
      for (let i = 0; i < rows.length; i += chunk) {
        const part = rows.slice(i, i + chunk);
        const params: unknown[] = [];
        for (const r of part) {
          if (r.length !== columns.length) throw new Error(`a row for ${table} has ${r.length} values for ${columns.length} columns`);
          for (const v of r) params.push(param(v));
        }
        await em.execute(`insert into "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) values ${part.map(() => tuple).join(', ')}`, params);
      }
    },
    async nextIds(table, n) {
      if (!TABLE_NAME.test(table)) throw new Error('bad table name');
      if (n <= 0) return [];
      const rows = await query<{ id: string | number }>(`select nextval(pg_get_serial_sequence(?, 'id')) as id from generate_series(1, ?)`, [table, n]);
      return rows.map((r) => toId(r.id)).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    },
    recordInboundFile: (bytes, meta) => recordInboundFile(storage, bytes, meta, em),
    recordOutboundFile: (bytes, meta) => recordOutboundFile(storage, bytes, meta, em),
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
