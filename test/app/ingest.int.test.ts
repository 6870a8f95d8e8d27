import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate, type Storage } from '../../src/db/index.js';
import { TEST_DATABASE_URL, freshSchemaName, postgresStorage } from '../db/helpers.js';
import { ingestScenarios } from './scenarios.js';

// The same scenarios on real PostgreSQL (TEST_DATABASE_URL), in a schema of their own, dropped afterwards.
const url = TEST_DATABASE_URL;

if (url === undefined) {
  describe('ingest on PostgreSQL', () => {
    it('PostgreSQL ingest suite', () => {
      console.warn('TEST_DATABASE_URL not set: PostgreSQL ingest tests did not run');
      expect(url).toBeUndefined();
    });
  });
} else {
  describe('ingest on PostgreSQL', () => {
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
    ingestScenarios(() => storage);
  });
}
