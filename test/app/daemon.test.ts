import { mkdir, mkdtemp, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startDaemon, type Daemon } from '../../src/app/daemon.js';
import { X12dConfigSchema, type X12dConfig, type X12dConfigInput } from '../../src/config/schema.js';
import { autocommit, readFileBytes } from '../../src/db/index.js';
import { runStart } from '../../src/cli/start.js';
import { collectingLogger, waitFor } from '../transport/helpers.js';
import { startTestSftpServer, type TestSftpServer } from '../transport/sftp-server.js';
import { sample } from './scenarios.js';

const WAIT = 30_000;
const config = (input: X12dConfigInput): X12dConfig => X12dConfigSchema.parse({ dataDir: 'memory://', log: { level: 'silent' }, ...input });

type Row = Record<string, unknown>;
const q = (d: Daemon, sql: string, params: unknown[] = []) => autocommit(d.storage).query<Row>(sql, params);

/** Writes to a temp name, then renames: the drop folder contract. */
async function drop(folder: string, name: string, bytes: Uint8Array | string): Promise<void> {
  const tmp = join(folder, `.${name}.part`);
  await writeFile(tmp, bytes);
  await rename(tmp, join(folder, name));
}

let work: string;
const daemons: Daemon[] = [];
beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'x12d-daemon-test-'));
});
afterEach(async () => {
  await Promise.all(daemons.splice(0).map((d) => d.stop()));
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

describe('daemon: drop folder', () => {
  it('ingests an 835 end to end, keeps a not-X12 file as failed, and goes on with the next file', async () => {
    const folder = join(work, 'drop');
    await mkdir(folder, { recursive: true });
    const log = collectingLogger();
    const d = await startDaemon(config({ dropFolders: [{ path: folder }] }), { logger: log.logger, stabilityThresholdMs: 200, workDir: join(work, 'w1') });
    daemons.push(d);
    expect(d.status().dropFolders).toMatchObject([{ folder, running: true }]);

    await drop(folder, 'remittance.x12', sample('835/remittance.x12'));
    await waitFor(async () => (await readdir(join(folder, '.processed'))).includes('remittance.x12'), 'remittance.x12 in .processed', WAIT);
    const [file] = await q(d, `select f.id, f.status, f.source, m.kind, m.key, m.inbound_path from file f join mailbox m on m.id = f.mailbox_id where f.name = 'remittance.x12'`);
    expect(file).toMatchObject({ status: 'processed', source: 'drop', kind: 'drop', key: `drop:${folder}`, inbound_path: folder });
    const postings = await q(d, `select p.patient_control_number from posting_queue_item p join remittance rm on rm.id = p.remittance_id where rm.file_id = ?`, [file.id]);
    expect(postings).toHaveLength(4);
    const denials = await q(
      d,
      `select d.patient_control_number, d.root_cause from denial_queue_item d join claim_payment cp on cp.id = d.claim_payment_id join remittance rm on rm.id = cp.remittance_id where rm.file_id = ?`,
      [file.id],
    );
    expect(denials).toContainEqual({ patient_control_number: 'PMC24031502', root_cause: 'authorization' });

    const junk = 'hello, this is not X12 SECRET-CONTENT-4242\n';
    await drop(folder, 'junk.x12', junk);
    await waitFor(async () => (await readdir(join(folder, '.failed'))).includes('junk.x12'), 'junk.x12 in .failed', WAIT);
    const [failed] = await q(d, `select id, status, last_error, sha256 from file where name = 'junk.x12'`);
    expect(failed.status).toBe('failed');
    expect(String(failed.last_error)).toMatch(/not an X12 file/);
    expect((await readFileBytes(d.storage, { sha256: String(failed.sha256) })).toString()).toBe(junk);

    // The daemon goes on with the next file.
    await drop(folder, 'check.x12', sample('835/check-payment.x12'));
    await waitFor(async () => (await readdir(join(folder, '.processed'))).includes('check.x12'), 'check.x12 in .processed', WAIT);
    const [next] = await q(d, `select status from file where name = 'check.x12'`);
    expect(next.status).toBe('processed');
    expect(await readdir(folder)).toEqual(expect.not.arrayContaining(['remittance.x12', 'junk.x12', 'check.x12']));
    expect(d.status().ingested).toMatchObject({ processed: 2, failed: 1, errors: 0 });
    expect(log.text()).not.toContain('SECRET-CONTENT-4242');
  });
});

describe('daemon: SFTP mailbox', () => {
  let server: TestSftpServer;
  beforeAll(async () => {
    server = await startTestSftpServer();
    for (const dir of ['inbound', 'outbound', 'archive']) await mkdir(server.local(`/${dir}`), { recursive: true });
  });
  afterAll(async () => {
    await server?.close();
  });

  it('ingests and archives an inbound 835, and uploads the 999 and 277CA answering an inbound 837P', async () => {
    const log = collectingLogger();
    const cfg = config({
      partners: [
        {
          id: 'acme',
          name: 'Acme Clearinghouse',
          isaQualifier: 'ZZ',
          isaId: 'ACME',
          sftp: {
            host: server.host,
            port: server.port,
            username: server.username,
            password: { env: 'ACME_SFTP_PASSWORD' },
            hostKeySha256: server.fingerprint,
            inbound: '/inbound',
            outbound: '/outbound',
            archive: '/archive',
          },
        },
      ],
    });
    const d = await startDaemon(cfg, { env: { ACME_SFTP_PASSWORD: server.password }, logger: log.logger, pollIntervalMs: 200, sendIntervalMs: 200, workDir: join(work, 'w2') });
    daemons.push(d);
    expect(d.status().mailboxes).toMatchObject([{ partner: 'acme', host: server.host, port: server.port }]);

    await writeFile(server.local('/inbound/remit.835'), sample('835/remittance.x12'));
    await waitFor(async () => (await readdir(server.local('/archive'))).includes('remit.835'), 'remit.835 archived remotely', WAIT);
    expect(await readdir(server.local('/inbound'))).not.toContain('remit.835');
    const [remit] = await q(d, `select f.status, f.source, tp.code from file f join trading_partner tp on tp.id = f.partner_id where f.name = 'remit.835'`);
    expect(remit).toEqual({ status: 'processed', source: 'sftp', code: 'acme' });
    // The file names the mailbox it came through; the mailbox row has where and how, never a secret.
    const [box] = await q(d, `select m.key, m.kind, m.host, m.port, m.inbound_path, m.archive_path, m.enabled, tp.code from file f join mailbox m on m.id = f.mailbox_id join trading_partner tp on tp.id = m.partner_id where f.name = 'remit.835'`);
    expect(box).toMatchObject({ key: 'sftp:acme', kind: 'sftp', host: server.host, port: server.port, inbound_path: '/inbound', archive_path: '/archive', enabled: true, code: 'acme' });
    await waitFor(async () => (await q(d, `select last_polled_at from mailbox where key = 'sftp:acme'`))[0]?.last_polled_at != null, 'the poll recorded on the mailbox row', WAIT);
    const [{ n }] = await q(d, `select count(*)::int as n from posting_queue_item`);
    expect(n).toBe(4);

    await writeFile(server.local('/inbound/claims.837'), sample('837p/professional-claims.x12'));
    await waitFor(async () => (await readdir(server.local('/archive'))).includes('claims.837'), 'claims.837 archived remotely', WAIT);
    const [claims] = await q(d, `select id, status from file where name = 'claims.837'`);
    expect(claims.status).toBe('processed');
    const expected = [`277CA-${claims.id}.x12`, `999-${claims.id}.x12`];
    await waitFor(async () => {
      const names = await readdir(server.local('/outbound'));
      return expected.every((n) => names.includes(n));
    }, 'the 999 and 277CA uploaded', WAIT);
    await waitFor(async () => {
      const out = await q(d, `select name, status from file where direction = 'outbound' order by name`);
      return out.length === 2 && out.every((f) => f.status === 'sent') ? out : null;
    }, 'outbound files marked sent', WAIT);
    expect((await readdir(server.local('/outbound'))).sort()).toEqual(expected);
    // Uploads go to a temp name first, then are renamed.
    expect(server.ops.some((o) => o.op === 'RENAME' && o.target === `/outbound/999-${claims.id}.x12`)).toBe(true);
    expect(d.status().sender).toMatchObject({ sent: 2, failed: 0 });
    // Once uploaded, their envelopes are sent (pending until then).
    const envelopes = await q(
      d,
      `select i.status as interchange, g.status as grp, t.status as txn from file f join interchange i on i.file_id = f.id join functional_group g on g.interchange_id = i.id join transaction_set t on t.group_id = g.id where f.direction = 'outbound'`,
    );
    expect(envelopes.length).toBeGreaterThanOrEqual(2);
    expect(envelopes.every((e) => e.interchange === 'sent' && e.grp === 'sent' && e.txn === 'sent')).toBe(true);
  });
});

describe('daemon: stop', () => {
  it('stops everything and closes storage; stopping twice is harmless', async () => {
    const folder = join(work, 'drop-stop');
    const d = await startDaemon(config({ dropFolders: [{ path: folder }, { path: join(work, 'csv'), kind: 'csv' }] }), { workDir: join(work, 'w3') });
    expect(d.status()).toMatchObject({ running: true, storage: 'embedded', dropFolders: [{ running: true }], skippedDropFolders: [{ kind: 'csv' }] });
    await d.stop();
    await d.stop();
    expect(d.status().running).toBe(false);
    expect(d.status().dropFolders).toMatchObject([{ running: false }]);
    expect(() => d.storage.orm).toThrow(/not started/);
  });

  it('x12d start runs the daemon from a configuration file and stops on a signal', async () => {
    const file = join(work, 'x12d.json');
    const folder = join(work, 'drop-cli');
    await writeFile(file, JSON.stringify({ dataDir: 'memory://', log: { level: 'silent' }, dropFolders: [{ path: folder }] }));
    const log = collectingLogger();
    const abort = new AbortController();
    let started: Daemon | undefined;
    const errs: string[] = [];
    const code = runStart(['--config', file], () => undefined, (s) => errs.push(s), {
      env: {},
      logger: log.logger,
      signal: abort.signal,
      daemon: { workDir: join(work, 'w4') },
      onStarted: (d) => {
        started = d;
      },
    });
    await waitFor(() => started, 'the daemon to start', WAIT);
    expect(log.text()).toContain('x12d started');
    expect(log.text()).toContain(folder);
    abort.abort();
    expect(await code).toBe(0);
    expect(errs).toEqual([]);
    expect(started!.status().running).toBe(false);
    expect(await runStart(['--bogus'], () => undefined, (s) => errs.push(s))).toBe(2);
  });
});
