import { Migration } from '@mikro-orm/migrations';

/**
 * x12d as the sender: work items that come before any claim (a 271 saying coverage is not active, a 278
 * not certified) go to the denial queue with their own source, and the lookups an acknowledgment makes
 * against what x12d sent get indexes: the outbound group a 999 names (GS01 and GS06, compared as numbers)
 * and the claims of the set it answers.
 */
export class Migration20261127220000_outbound_work_items extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "denial_queue_item" drop constraint if exists "denial_queue_item_source_check";`);
    this.addSql(`alter table "denial_queue_item" add constraint "denial_queue_item_source_check" check ("source" in ('999', '277CA', '835', '271', '278'));`);
    this.addSql(`create index "functional_group_ack_match_index" on "functional_group" ("functional_id", ltrim("control_number", '0'));`);
    this.addSql(`create index "claim_transaction_set_index" on "claim" ("transaction_set_id");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index if exists "claim_transaction_set_index";`);
    this.addSql(`drop index if exists "functional_group_ack_match_index";`);
    // Work items from a 271 or 278 cannot be kept under the old rule.
    this.addSql(`delete from "denial_queue_item" where "source" in ('271', '278');`);
    this.addSql(`alter table "denial_queue_item" drop constraint if exists "denial_queue_item_source_check";`);
    this.addSql(`alter table "denial_queue_item" add constraint "denial_queue_item_source_check" check ("source" in ('999', '277CA', '835'));`);
  }
}
