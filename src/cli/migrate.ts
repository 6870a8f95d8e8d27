import { isX12dError } from '../errors.js';
import { loadConfig, type Env } from '../config/load.js';
import { migrate, openStorage, type Storage } from '../db/index.js';
import { parseArgs } from './args.js';

type Out = (s: string) => void;

export const MIGRATE_USAGE = `Usage: x12d migrate [--database-url URL] [--config FILE]

Applies every pending database migration and prints what was applied.
Without a database URL (--database-url, DATABASE_URL or the configuration file) the embedded database
in the data folder (X12D_DATA_DIR, default ./.data) is migrated.
`;

/** A URL fit to print: the password, if any, is masked. */
export function printableUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password !== '') u.password = '***';
    return u.toString();
  } catch {
    return '(unparseable URL)';
  }
}

/**
 * `x12d migrate`: applies pending migrations. Exit code 0 when the database is up to date afterwards,
 * 2 on a usage, configuration or database error.
 */
export async function runMigrate(argv: readonly string[], out: Out, err: Out, env: Env = process.env): Promise<number> {
  let storage: Storage | undefined;
  try {
    const { positional, flags } = parseArgs(argv, ['database-url', 'config']);
    if (flags.has('help') || positional.includes('-h')) {
      out(MIGRATE_USAGE);
      return 0;
    }
    const unknown = [...flags.keys()].filter((f) => f !== 'database-url' && f !== 'config');
    if (positional.length > 0 || unknown.length > 0) {
      err(`x12d migrate: unexpected ${positional.length > 0 ? `argument ${JSON.stringify(positional[0])}` : `flag --${unknown[0]}`}\n\n${MIGRATE_USAGE}`);
      return 2;
    }
    const file = flags.get('config');
    const url = flags.get('database-url');
    const config = loadConfig({ file: typeof file === 'string' ? file : undefined, env, overrides: { 'database.url': typeof url === 'string' ? url : undefined } });
    storage = openStorage(config);
    const where =
      storage.kind === 'embedded'
        ? `the embedded database (${config.dataDir === 'memory://' ? 'in memory' : `${config.dataDir}/pglite`})`
        : `PostgreSQL ${printableUrl(config.database.url!)}${config.database.schema !== undefined ? `, schema ${config.database.schema}` : ''}`;
    out(`x12d migrate: ${where}\n`);
    await storage.start();
    const started = performance.now();
    const applied = await migrate(storage);
    const ms = Math.round(performance.now() - started);
    if (applied.length === 0) out('Up to date: no migrations to apply.\n');
    else {
      for (const name of applied) out(`applied ${name}\n`);
      out(`${applied.length} ${applied.length === 1 ? 'migration' : 'migrations'} applied in ${ms} ms.\n`);
    }
    return 0;
  } catch (e) {
    const message = isX12dError(e) || e instanceof Error ? e.message : String(e);
    err(`x12d migrate: ${message}\n`);
    return 2;
  } finally {
    if (storage !== undefined) await storage.stop().catch(() => undefined);
  }
}
