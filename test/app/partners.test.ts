import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syncPartners } from '../../src/app/daemon.js';
import { X12dConfigSchema } from '../../src/config/index.js';
import { autocommit, migrate, type Storage } from '../../src/db/index.js';
import { memoryStorage } from '../db/helpers.js';

const FINGERPRINT = `SHA256:${'A'.repeat(43)}`;
const sftp = { host: 'sftp.example', username: 'u', password: { env: 'P' }, hostKeySha256: FINGERPRINT, inbound: '/in', outbound: '/out' };

describe('syncPartners', () => {
  let storage: Storage;
  beforeAll(async () => {
    storage = memoryStorage();
    await storage.start();
    await migrate(storage);
  }, 300_000);
  afterAll(async () => {
    await storage?.stop();
  });
  const mailboxes = () => autocommit(storage).query<{ key: string; kind: string; enabled: boolean; host: string | null; outbound_path: string | null }>(`select key, kind, enabled, host, outbound_path from mailbox order by key`);

  it('writes partners and their mailboxes, updates them, and disables a mailbox gone from the configuration without deleting it', async () => {
    const first = X12dConfigSchema.parse({
      partners: [{ id: 'acme', name: 'Acme', isaQualifier: 'ZZ', isaId: 'ACME', sftp }],
      dropFolders: [{ path: '/srv/drop/acme', partner: 'acme', outbound: '/srv/answers/acme' }],
    });
    await syncPartners(storage, first);
    expect(await mailboxes()).toEqual([
      { key: 'drop:/srv/drop/acme', kind: 'drop', enabled: true, host: null, outbound_path: '/srv/answers/acme' },
      { key: 'sftp:acme', kind: 'sftp', enabled: true, host: 'sftp.example', outbound_path: '/out' },
    ]);
    // The mailbox moves host; then the partner drops SFTP altogether.
    await syncPartners(storage, X12dConfigSchema.parse({ ...first, partners: [{ ...first.partners[0], sftp: { ...sftp, host: 'new.example' } }] }));
    expect((await mailboxes()).find((m) => m.key === 'sftp:acme')).toMatchObject({ host: 'new.example', enabled: true });
    await syncPartners(storage, X12dConfigSchema.parse({ ...first, partners: [{ id: 'acme', name: 'Acme', isaQualifier: 'ZZ', isaId: 'ACME' }] }));
    expect((await mailboxes()).find((m) => m.key === 'sftp:acme')).toMatchObject({ enabled: false });
    // Back in the configuration, back in use.
    await syncPartners(storage, first);
    expect((await mailboxes()).find((m) => m.key === 'sftp:acme')).toMatchObject({ enabled: true, host: 'sftp.example' });
  });
});
