import { createConnection } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate, type Storage } from '../../src/db/index.js';
import { migrationsList } from '../../src/db/migrations/index.js';
import { memoryStorage, timed } from './helpers.js';
import { storageScenarios } from './scenarios.js';

// The embedded default (PGlite behind pglite-socket, in memory): runs everywhere, needs nothing installed.
describe('storage on the embedded database (PGlite in memory)', () => {
  let storage: Storage;

  beforeAll(async () => {
    storage = memoryStorage();
    const start = await timed(() => storage.start());
    const applied = await timed(() => migrate(storage));
    console.info(`PGlite in memory: started in ${start.ms} ms; ${applied.value.length} migration(s) applied in ${applied.ms} ms`);
    expect(applied.value).toEqual(migrationsList.map((m) => m.name));
  }, 300_000);

  afterAll(async () => {
    await storage?.stop();
  });

  it('is the embedded kind, on loopback', () => {
    expect(storage.kind).toBe('embedded');
    expect(storage.blobs.pathOf('0'.repeat(64))).toBeNull();
  });

  storageScenarios(() => storage);

  // Last: stops the storage the tests above shared.
  it('closes the ORM, the socket server and PGlite on stop()', async () => {
    const [row] = await storage.em().execute<{ one: number }[]>('select 1 as one');
    expect(row.one).toBe(1);
    const url = new URL(storage.orm.config.get('clientUrl')!);
    await storage.stop();
    expect(() => storage.orm).toThrow(/not started/);
    const refused = await new Promise<boolean>((resolve) => {
      const socket = createConnection({ host: url.hostname, port: Number(url.port) });
      socket.once('connect', () => {
        socket.destroy();
        resolve(false);
      });
      socket.once('error', () => resolve(true));
    });
    expect(refused).toBe(true);
    await storage.stop();
  });
});
