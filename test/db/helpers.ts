import { randomBytes } from 'node:crypto';
import { openStorage, type Storage } from '../../src/db/index.js';

/** CI sets this to a PostgreSQL the tests may create and drop schemas in. */
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL?.trim() || undefined;

/** PGlite in memory: the embedded default, with nothing on disk. */
export function memoryStorage(): Storage {
  return openStorage({ dataDir: 'memory://', database: { poolMax: 1 } });
}

/** A schema name no other run uses. */
export function freshSchemaName(): string {
  return `x12d_test_${randomBytes(5).toString('hex')}`;
}

/** Storage on TEST_DATABASE_URL in the given schema (created on start). */
export function postgresStorage(url: string, schema: string, poolMax = 10): Storage {
  return openStorage({ dataDir: 'memory://', database: { url, schema, poolMax } });
}

export async function timed<T>(f: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const t = performance.now();
  const value = await f();
  return { value, ms: Math.round(performance.now() - t) };
}

export const sortIds = (xs: readonly bigint[]): bigint[] => [...xs].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
