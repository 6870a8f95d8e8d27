import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runMigrate } from '../../src/cli/migrate.js';
import { openStorage, pendingMigrations, readFileBytes, recordInboundFile } from '../../src/db/index.js';
import { migrationsList } from '../../src/db/migrations/index.js';

// The embedded default as the daemon runs it: PGlite with its data in <dataDir>/pglite, file bytes in
// <dataDir>/files, both surviving a restart.
describe('the embedded database in a data folder', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'x12d-data-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
  const env = { X12D_DATA_DIR: dataDir };

  it('is migrated by x12d migrate, keeps files and rows across restarts, and is then up to date', async () => {
    let out = '';
    let err = '';
    expect(await runMigrate([], (s) => void (out += s), (s) => void (err += s), env)).toBe(0);
    expect(err).toBe('');
    expect(out).toContain(`${dataDir}/pglite`);
    expect(out).toContain(`applied ${migrationsList[0].name}`);
    console.info(`PGlite on disk via x12d migrate: ${/applied in (\d+) ms/.exec(out)?.[0] ?? out}`);
    expect(existsSync(join(dataDir, 'pglite', 'PG_VERSION'))).toBe(true);

    const bytes = Buffer.from('ISA*00*          *00*          *ZZ*DISK~');
    const first = openStorage({ dataDir, database: { poolMax: 10 } });
    await first.start();
    expect(await pendingMigrations(first)).toEqual([]);
    const recorded = await recordInboundFile(first, bytes, { name: 'disk.x12', source: 'drop' });
    await first.stop();
    const onDisk = join(dataDir, 'files', 'sha256', recorded.file.sha256.slice(0, 2), recorded.file.sha256.slice(2, 4), recorded.file.sha256);
    expect(readFileSync(onDisk)).toEqual(bytes);

    const second = openStorage({ dataDir, database: { poolMax: 10 } });
    await second.start();
    try {
      const again = await recordInboundFile(second, bytes, { name: 'disk-again.x12', source: 'drop' });
      expect(again.duplicate).toBe(true);
      expect(again.earlierFileId).toBe(recorded.file.id);
      expect(await readFileBytes(second, again.file)).toEqual(bytes);
    } finally {
      await second.stop();
    }

    out = '';
    expect(await runMigrate([], (s) => void (out += s), (s) => void (err += s), env)).toBe(0);
    expect(out).toContain('Up to date');
  }, 600_000);

  it('reports a usage or configuration problem with exit code 2', async () => {
    let err = '';
    expect(await runMigrate(['--bogus'], () => undefined, (s) => void (err += s), env)).toBe(2);
    expect(err).toContain('unexpected flag --bogus');
    err = '';
    expect(await runMigrate(['--database-url', 'mysql://nope'], () => undefined, (s) => void (err += s), env)).toBe(2);
    expect(err).toContain('database.url');
    err = '';
    expect(await runMigrate(['--database-url', 'postgres://postgres@127.0.0.1:1/none'], () => undefined, (s) => void (err += s), env)).toBe(2);
    expect(err).toContain('ECONNREFUSED');
  });
});
