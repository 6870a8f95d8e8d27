import { Migration } from '@mikro-orm/migrations';

/**
 * Inbound transaction sets keep what validation found (SNIP 1-5: level, code, place, words; never a
 * value): an 835 that does not balance is still posted, and this is where the billing office sees why
 * its totals will not reconcile.
 */
export class Migration20261127234000_set_findings extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "transaction_set" add column "findings" jsonb null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "transaction_set" drop column "findings";`);
  }
}
