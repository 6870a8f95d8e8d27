import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261127195923_initial } from './Migration20261127195923_initial.js';
import { Migration20261127220000_outbound_work_items } from './Migration20261127220000_outbound_work_items.js';
import { Migration20261127230000_adjustments_with_payments } from './Migration20261127230000_adjustments_with_payments.js';
import { Migration20261127233000_file_content } from './Migration20261127233000_file_content.js';
import { Migration20261127234000_set_findings } from './Migration20261127234000_set_findings.js';

/**
 * Every migration, in order. MikroORM is given this list (`migrationsList`) instead of a folder to scan:
 * its loader cannot import .ts files under vitest, and a static list works the same under tsx, vitest and
 * compiled JavaScript. A new migration file must be added here; test/db/migrations.test.ts fails when a
 * file in this folder is missing from the list.
 *
 * To write the next migration from a change to entities.ts, against a database migrated to the latest:
 *   DATABASE_URL=postgres://... npx tsx ./node_modules/@mikro-orm/cli/cli.js migration:create \
 *     --config src/db/mikro-orm.config.ts --name what_changed
 * then add the new class here.
 */
export const migrationsList: MigrationObject[] = [
  { name: 'Migration20261127195923_initial', class: Migration20261127195923_initial },
  { name: 'Migration20261127220000_outbound_work_items', class: Migration20261127220000_outbound_work_items },
  { name: 'Migration20261127230000_adjustments_with_payments', class: Migration20261127230000_adjustments_with_payments },
  { name: 'Migration20261127233000_file_content', class: Migration20261127233000_file_content },
  { name: 'Migration20261127234000_set_findings', class: Migration20261127234000_set_findings },
];
