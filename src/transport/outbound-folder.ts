import { copyFile, mkdir, rm, stat } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { moveNoClobber } from './drop-folder.js';
import type { SendResult } from './sftp-mailbox.js';

/**
 * Delivery into a local folder, for a partner whose files come and go through folders (a practice system,
 * a clearinghouse's shared drive). The file is first copied under a dot-name in the folder itself (a
 * temp name readers ignore, and on the same device), then linked to its real name, which no reader sees
 * half written; a name already taken gets a suffix rather than being replaced.
 */
export function folderSender(folder: string): (localPath: string, name: string) => Promise<SendResult> {
  return async (localPath, name) => {
    await mkdir(folder, { recursive: true });
    const tmp = join(folder, `.${name}.${randomBytes(4).toString('hex')}.part`);
    try {
      await copyFile(localPath, tmp);
      const dest = await moveNoClobber(tmp, folder, name);
      return { remotePath: dest, size: (await stat(dest)).size };
    } finally {
      await rm(tmp, { force: true });
    }
  };
}
