import { afterAll, beforeAll, describe } from 'vitest';
import { migrate, type Storage } from '../../src/db/index.js';
import { memoryStorage } from '../db/helpers.js';
import { ingestScenarios } from './scenarios.js';

// The ingest pipeline and the queue CLI on the embedded default (PGlite in memory).
describe('ingest on the embedded database (PGlite in memory)', () => {
  let storage: Storage;
  beforeAll(async () => {
    storage = memoryStorage();
    await storage.start();
    await migrate(storage);
  }, 300_000);
  afterAll(async () => {
    await storage?.stop();
  });
  ingestScenarios(() => storage);
});
