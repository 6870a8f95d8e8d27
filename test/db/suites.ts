import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate, type Storage } from '../../src/db/index.js';
import { TEST_DATABASE_URL, freshSchemaName, memoryStorage, postgresStorage } from './helpers.js';

/** Scenarios written once, given the started and migrated storage when they run. */
export type Scenarios = (get: () => Storage) => void;

/** Runs scenarios on the embedded default: PGlite in memory, migrated once for the suite. */
export function onEmbedded(title: string, scenarios: Scenarios): void {
  describe(`${title} on the embedded database (PGlite in memory)`, () => {
    let storage: Storage;
    beforeAll(async () => {
      storage = memoryStorage();
      await storage.start();
      await migrate(storage);
    }, 300_000);
    afterAll(async () => {
      await storage?.stop();
    });
    scenarios(() => storage);
  });
}

/**
 * Runs scenarios on real PostgreSQL (TEST_DATABASE_URL, as CI sets it), in a schema of their own that is
 * dropped afterwards. Without TEST_DATABASE_URL the suite says that it did not run.
 */
export function onPostgres(title: string, scenarios: Scenarios): void {
  const url = TEST_DATABASE_URL;
  if (url === undefined) {
    describe(`${title} on PostgreSQL`, () => {
      it('did not run: TEST_DATABASE_URL is not set', () => {
        console.warn(`TEST_DATABASE_URL not set: PostgreSQL tests "${title}" did not run`);
        expect(url).toBeUndefined();
      });
    });
    return;
  }
  describe(`${title} on PostgreSQL`, () => {
    const schema = freshSchemaName();
    let storage: Storage;
    beforeAll(async () => {
      storage = postgresStorage(url, schema);
      await storage.start();
      await migrate(storage);
    }, 120_000);
    afterAll(async () => {
      if (storage !== undefined) await storage.em().execute(`drop schema if exists "${schema}" cascade`);
      await storage?.stop();
    });
    scenarios(() => storage);
  });
}
