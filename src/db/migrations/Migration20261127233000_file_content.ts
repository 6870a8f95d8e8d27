import { Migration } from '@mikro-orm/migrations';

/**
 * File bytes in the database (table file_content, chunks by SHA-256), so every x12d instance on one
 * PostgreSQL can replay or send any file, whichever machine received or wrote it. Bytes already in a
 * data folder stay there; a storage configured with fileContent `folder` keeps using the folder.
 */
export class Migration20261127233000_file_content extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "file_content" ("sha256" char(64) not null, "seq" int not null, "bytes" bytea not null, constraint "file_content_pkey" primary key ("sha256", "seq"));`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "file_content";`);
  }
}
