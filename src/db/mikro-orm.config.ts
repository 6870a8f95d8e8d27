import { loadConfig } from '../config/load.js';
import { ormOptions } from './storage.js';

/**
 * Configuration for the MikroORM CLI, used to write migrations (it needs a PostgreSQL at the latest
 * migration to compare the entities with):
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/x12d_dev npx tsx ./node_modules/@mikro-orm/cli/cli.js \
 *     migration:create --config src/db/mikro-orm.config.ts --name what_changed
 * x12d itself never loads this file.
 */
const config = loadConfig();
if (config.database.url === undefined) throw new Error('Set DATABASE_URL to a PostgreSQL database migrated to the latest migration.');

export default ormOptions(config.database.url, { poolMax: 2, schema: config.database.schema });
