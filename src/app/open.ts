import { loadConfig, type Env } from '../config/load.js';
import type { X12dConfig } from '../config/schema.js';
import { loadFeeSchedule, type FeeSchedule } from '../routing/posting.js';
import { migrate, openStorage, pendingMigrations, type Storage } from '../db/index.js';

/** Storage from the configuration (DATABASE_URL, or the embedded database in the data folder), started and migrated. */
export async function openConfiguredStorage(env: Env = process.env, file?: string): Promise<{ storage: Storage; config: X12dConfig }> {
  const config = loadConfig({ env, ...(file === undefined ? {} : { file }) });
  const storage = openStorage(config);
  await storage.start();
  try {
    if ((await pendingMigrations(storage)).length > 0) await migrate(storage);
  } catch (e) {
    await storage.stop().catch(() => undefined);
    throw e;
  }
  return { storage, config };
}

/** The configured fee schedule, when there is one (JSON). */
export function configuredFeeSchedule(config: X12dConfig): FeeSchedule | undefined {
  return config.feeSchedule === undefined ? undefined : loadFeeSchedule(config.feeSchedule.file);
}
