import { fork } from 'node:child_process';
import { mkdir, mkdtemp, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { createServer, createConnection, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startDaemon, type Daemon, type DaemonOptions } from '../../src/app/daemon.js';
import { advisoryMailboxLock } from '../../src/app/daemon-lock.js';
import { X12dConfigSchema, type X12dConfig, type X12dConfigInput } from '../../src/config/schema.js';
import { autocommit, type Storage } from '../../src/db/index.js';
import { createLogger } from '../../src/log/index.js';
import { SftpMailboxPoller } from '../../src/transport/sftp-mailbox.js';
import { TEST_DATABASE_URL, freshSchemaName, postgresStorage } from '../db/helpers.js';
import { collectingLogger, waitFor } from '../transport/helpers.js';
import { startTestSftpServer, type TestSftpServer } from '../transport/sftp-server.js';
import type { ChildMessage, ChildSpec } from './daemon-child.js';
import { sample } from './scenarios.js';

// Several daemons on one real PostgreSQL (TEST_DATABASE_URL), as the README promises they share the work:
// the per-mailbox advisory lock, two daemons on one SFTP mailbox, two drop folders given the same bytes,
// and a daemon killed in the middle of a routing transaction. Each test works in a schema of its own,
// dropped afterwards. Waits poll the database or the folders; nothing asserts on timing.
const url = TEST_DATABASE_URL;
const WAIT = 60_000;
const CHILD = join(import.meta.dirname, 'daemon-child.ts');
const REPO = join(import.meta.dirname, '..', '..');

type Row = Record<string, unknown>;
const q = (s: Storage, sql: string, params: unknown[] = []) => autocommit(s).query<Row>(sql, params);
const count = async (s: Storage, sql: string, params: unknown[] = []): Promise<number> => Number((await q(s, sql, params))[0].n);

/** A copy of a sample 835 that is a remittance of its own: its TRN02 and every CLP01 get `tag` in front. */
function distinct835(path: string, tag: string): Buffer {
  const text = sample(path).toString('latin1').replace(/^TRN\*1\*/m, `TRN*1*${tag}`).replace(/^CLP\*/gm, `CLP*${tag}`);
  return Buffer.from(text, 'latin1');
}

/** The patient control numbers (CLP01) of an 835, one per claim payment. */
const claimsOf = (bytes: Buffer): string[] => [...bytes.toString('latin1').matchAll(/^CLP\*([^*]+)/gm)].map((m) => m[1]);

/** Writes to a temp name, then renames: what the drop folder and the mailbox poller expect of writers. */
async function place(path: string, bytes: Uint8Array | string): Promise<void> {
  const i = path.lastIndexOf('/');
  const tmp = `${path.slice(0, i + 1)}.${path.slice(i + 1)}.part`;
  await writeFile(tmp, bytes);
  await rename(tmp, path);
}

const listing = async (dir: string): Promise<string[]> => {
  try {
    return (await readdir(dir)).sort();
  } catch {
    return [];
  }
};

if (url === undefined) {
  describe('daemons on PostgreSQL', () => {
    it('PostgreSQL suite', () => {
      console.warn('TEST_DATABASE_URL not set: the PostgreSQL daemon tests did not run');
      expect(url).toBeUndefined();
    });
  });
} else {
  let server: TestSftpServer;
  let work: string;
  const storages: Storage[] = [];
  const schemas: string[] = [];
  const daemons: Daemon[] = [];

  /** A schema of its own and a storage on it for the test's queries (the schema is created, not migrated). */
  async function freshSchema(): Promise<{ schema: string; admin: Storage }> {
    const schema = freshSchemaName();
    schemas.push(schema);
    const admin = postgresStorage(url!, schema, 4);
    storages.push(admin);
    await admin.start();
    return { schema, admin };
  }

  /** Remote folders of a mailbox of its own on the test server. */
  async function mailboxFolders(name: string): Promise<{ inbound: string; outbound: string; archive: string }> {
    const dirs = { inbound: `/${name}/inbound`, outbound: `/${name}/outbound`, archive: `/${name}/archive` };
    for (const d of Object.values(dirs)) await mkdir(server.local(d), { recursive: true });
    return dirs;
  }

  const partner = (id: string, folders: { inbound: string; outbound: string; archive: string }) => ({
    id,
    name: `${id} clearinghouse`,
    isaQualifier: 'ZZ',
    isaId: id.toUpperCase(),
    sftp: { host: server.host, port: server.port, username: server.username, password: { env: 'SFTP_PASSWORD' }, hostKeySha256: server.fingerprint, ...folders },
  });

  const daemonConfig = (schema: string, dataDir: string, input: X12dConfigInput, poolMax = 2): X12dConfig =>
    X12dConfigSchema.parse({ dataDir, database: { url, schema, poolMax }, log: { level: 'silent' }, ...input });

  const daemonOptions = (): DaemonOptions => ({ env: { SFTP_PASSWORD: server.password }, logger: createLogger({ level: 'silent' }), pollIntervalMs: 200, sendIntervalMs: 200, stabilityThresholdMs: 200 });

  async function start(config: X12dConfig): Promise<Daemon> {
    const d = await startDaemon(config, daemonOptions());
    daemons.push(d);
    return d;
  }

  beforeAll(async () => {
    server = await startTestSftpServer();
    work = await mkdtemp(join(tmpdir(), 'x12d-daemon-int-'));
  });
  afterEach(async () => {
    await Promise.all(daemons.splice(0).map((d) => d.stop()));
  });
  afterAll(async () => {
    const admin = storages[0];
    if (admin !== undefined) for (const s of schemas) await admin.em().execute(`drop schema if exists "${s}" cascade`);
    await Promise.all(storages.map((s) => s.stop().catch(() => undefined)));
    await server?.close();
    if (work !== undefined) await rm(work, { recursive: true, force: true });
  });

  describe('the mailbox advisory lock', () => {
    const silent = createLogger({ level: 'silent' });
    const pool = (s: Storage) => (s.orm.em.getConnection().getKnex().client as { pool: { numUsed(): number; numPendingAcquires(): number } }).pool;

    it('lets one daemon hold a mailbox while the other gets null, and hands it over once released', async () => {
      const { schema } = await freshSchema();
      const a = postgresStorage(url, schema);
      const b = postgresStorage(url, schema);
      storages.push(a, b);
      await Promise.all([a.start(), b.start()]);
      const lockA = advisoryMailboxLock(a, 10, silent)!;
      const lockB = advisoryMailboxLock(b, 10, silent)!;

      const releaseA = await lockA('acme');
      expect(releaseA).toBeTypeOf('function');
      expect(await lockB('acme')).toBeNull();
      expect(await lockB('acme')).toBeNull();
      // Other mailboxes are free, and one daemon can hold several (on one connection).
      const releaseBeta = await lockA('beta');
      expect(releaseBeta).toBeTypeOf('function');
      const releaseGamma = await lockB('gamma');
      expect(releaseGamma).toBeTypeOf('function');
      expect(await lockA('gamma')).toBeNull();
      expect(pool(a).numUsed()).toBe(1);

      await releaseA!();
      await releaseA!(); // twice is harmless
      const releaseB = await lockB('acme');
      expect(releaseB).toBeTypeOf('function');
      expect(await lockA('acme')).toBeNull();
      await releaseB!();
      await releaseBeta!();
      await releaseGamma!();
      const again = await lockA('acme');
      expect(again).toBeTypeOf('function');
      await again!();
      expect(pool(a).numUsed()).toBe(0);
      expect(pool(b).numUsed()).toBe(0);
    });

    it('does not block a mailbox of the same name in another schema of the same database', async () => {
      const one = postgresStorage(url, (await freshSchema()).schema);
      const two = postgresStorage(url, (await freshSchema()).schema);
      storages.push(one, two);
      await Promise.all([one.start(), two.start()]);
      const release = await advisoryMailboxLock(one, 10, silent)!('acme');
      expect(release).toBeTypeOf('function');
      const other = await advisoryMailboxLock(two, 10, silent)!('acme');
      expect(other).toBeTypeOf('function');
      await other!();
      await release!();
    });

    it('gives its connection back to the pool after every poll, and leaves no lock behind on it', async () => {
      const { schema } = await freshSchema();
      const a = postgresStorage(url, schema, 2);
      const b = postgresStorage(url, schema, 2);
      storages.push(a, b);
      await Promise.all([a.start(), b.start()]);
      const lockA = advisoryMailboxLock(a, 2, silent)!;
      const lockB = advisoryMailboxLock(b, 2, silent)!;
      let taken = 0;
      let refused = 0;
      // 200 polls of three mailboxes by two daemons at once, on pools of two.
      await Promise.all(
        [lockA, lockB].map(async (lock) => {
          for (let i = 0; i < 100; i++) {
            const release = await lock(`m${i % 3}`);
            if (release === null) refused += 1;
            else {
              taken += 1;
              // The poll's own work meanwhile: the pool's other connection is free for it.
              await q(lock === lockA ? a : b, 'select 1');
              await release();
            }
          }
        }),
      );
      expect(taken + refused).toBe(200);
      expect(taken).toBeGreaterThan(0);
      for (const s of [a, b]) {
        expect(pool(s).numUsed()).toBe(0);
        expect(pool(s).numPendingAcquires()).toBe(0);
      }
      // Every pooled connection is free of advisory locks: each mailbox can be taken from either side.
      for (const key of ['m0', 'm1', 'm2']) {
        for (const lock of [lockA, lockB]) {
          const release = await lock(key);
          expect(release, key).toBeTypeOf('function');
          await release!();
        }
      }
    });

    it('survives its connection being killed while held: the lock is freed, the release does not throw, the next poll gets a new connection', async () => {
      const { schema, admin } = await freshSchema();
      const a = postgresStorage(url, schema, 2);
      const b = postgresStorage(url, schema, 2);
      storages.push(a, b);
      await Promise.all([a.start(), b.start()]);
      const log = collectingLogger();
      const lockA = advisoryMailboxLock(a, 2, log.logger)!;
      const lockB = advisoryMailboxLock(b, 2, silent)!;
      const release = await lockA('acme');
      expect(release).toBeTypeOf('function');
      const key = `x12d:${schema}:mailbox:acme`;
      const [holder] = await q(admin, `select pid from pg_locks where locktype = 'advisory' and granted and ((classid::bigint << 32) | objid::bigint) = hashtext(?)::bigint`, [key]);
      expect(holder).toBeDefined();
      await q(admin, 'select pg_terminate_backend(?::int)', [holder.pid]);

      // The server drops the session's locks with it: the other daemon may poll.
      const releaseB = await waitFor(() => lockB('acme'), 'the other daemon to get the lock', WAIT);
      await expect(release!()).resolves.toBeUndefined();
      expect(log.text()).toContain('unlocking a mailbox failed');
      expect(pool(a).numUsed()).toBe(0);
      expect(await lockA('acme')).toBeNull();
      await releaseB();
      const back = await lockA('acme');
      expect(back).toBeTypeOf('function');
      await back!();
      expect(pool(a).numUsed()).toBe(0);
    });

    it('fails the poll (the mailbox untouched) while the database is unreachable, and recovers when it is back', async () => {
      const { schema } = await freshSchema();
      // A TCP relay to PostgreSQL that the test can cut: "the database is gone" for one storage only.
      const target = new URL(url);
      const sockets = new Set<Socket>();
      const relay = (): Server =>
        createServer((client) => {
          const upstream = createConnection(Number(target.port || 5432), target.hostname);
          for (const s of [client, upstream]) {
            sockets.add(s);
            s.on('error', () => undefined);
            s.on('close', () => sockets.delete(s));
          }
          client.pipe(upstream).pipe(client);
        });
      let proxy = relay();
      await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', r));
      const port = (proxy.address() as { port: number }).port;
      const via = new URL(url);
      via.hostname = '127.0.0.1';
      via.port = String(port);
      const s = postgresStorage(via.toString(), schema, 2);
      storages.push(s);
      await s.start();
      const lock = advisoryMailboxLock(s, 2, silent)!;
      const held = await lock('acme');
      expect(held).toBeTypeOf('function');

      await new Promise<void>((r) => {
        proxy.close(() => r());
        for (const sock of sockets) sock.destroy();
      });
      // Held when the database went away: releasing it does not throw (the server dropped it).
      await expect(held!()).resolves.toBeUndefined();
      await expect(lock('acme')).rejects.toThrow();

      // A poller with this lock counts a failed poll (and backs off) without connecting to the mailbox.
      const folders = await mailboxFolders('gone');
      await writeFile(server.local(`${folders.inbound}/remit.835`), sample('835/remittance.x12'));
      const connectionsBefore = server.connections();
      let handled = 0;
      const poller = new SftpMailboxPoller({
        key: 'acme',
        mailbox: X12dConfigSchema.parse({ partners: [partner('acme', folders)] }).partners[0].sftp!,
        stagingDir: join(work, 'gone-staging'),
        env: { SFTP_PASSWORD: server.password },
        logger: silent,
        lock,
        handler: async () => {
          handled += 1;
          return 'recorded';
        },
      });
      await expect(poller.pollOnce()).rejects.toThrow();
      expect(poller.status().consecutiveFailures).toBe(1);
      expect(handled).toBe(0);
      expect(server.connections()).toBe(connectionsBefore);
      expect(await listing(server.local(folders.inbound))).toEqual(['remit.835']);

      // The database is back: the next poll takes the lock on a fresh connection and goes on.
      proxy = relay();
      await new Promise<void>((r) => proxy.listen(port, '127.0.0.1', r));
      const result = await waitFor(() => poller.pollOnce().catch(() => null), 'a poll once the database is back', WAIT);
      expect(result).toMatchObject({ listed: 1, recorded: 1, archived: 1 });
      expect(handled).toBe(1);
      await poller.stop();
      await s.stop();
      await new Promise<void>((r) => {
        proxy.close(() => r());
        for (const sock of sockets) sock.destroy();
      });
    });
  });

  describe('two daemons on one database', () => {
    it('share one SFTP mailbox of 20 files: each file ingested once, each remittance posted once, each answer sent once, every remote file archived once', async () => {
      const { schema, admin } = await freshSchema();
      const folders = await mailboxFolders('shared');
      const cfg = (n: string) => daemonConfig(schema, join(work, `shared-${n}`), { partners: [partner('acme', folders)] });
      // Started together on a schema with no tables yet: they migrate one after the other.
      const started = await Promise.allSettled([startDaemon(cfg('a'), daemonOptions()), startDaemon(cfg('b'), daemonOptions())]);
      for (const s of started) if (s.status === 'fulfilled') daemons.push(s.value);
      expect(started.map((s) => (s.status === 'fulfilled' ? 'started' : String(s.reason)))).toEqual(['started', 'started']);
      const [a, b] = daemons;

      const files: { name: string; bytes: Buffer }[] = [];
      for (let i = 0; i < 8; i++) files.push({ name: `remit-${i}.835`, bytes: distinct835('835/remittance.x12', `R${i}`) });
      for (let i = 0; i < 4; i++) files.push({ name: `check-${i}.835`, bytes: distinct835('835/check-payment.x12', `C${i}`) });
      files.push(
        { name: 'ack.277', bytes: sample('277ca/claim-acknowledgment.x12') },
        { name: 'ack-provider.277', bytes: sample('277ca/claim-acknowledgment-provider-rejected.x12') },
        { name: 'elig-active.271', bytes: sample('271/eligibility-active.x12') },
        { name: 'elig-rejected.271', bytes: sample('271/eligibility-rejected.x12') },
        { name: 'auth-certified.278', bytes: sample('278resp/authorization-certified.x12') },
        { name: 'auth-denied.278', bytes: sample('278resp/authorization-not-certified.x12') },
        { name: 'claims.837', bytes: sample('837p/professional-claims.x12') },
        { name: 'not-x12.csv', bytes: sample('broken/not-x12.x12') },
      );
      expect(files).toHaveLength(20);
      const names = files.map((f) => f.name).sort();
      const inbound = server.local(folders.inbound);
      const archive = server.local(folders.archive);

      // Half now, half once polling has begun, so the second half may go to either daemon.
      for (const f of files.slice(0, 10)) await place(join(inbound, f.name), f.bytes);
      await waitFor(async () => (await listing(archive)).length > 0, 'the first file archived', WAIT);
      for (const f of files.slice(10)) await place(join(inbound, f.name), f.bytes);
      await waitFor(async () => (await listing(archive)).length === 20 && (await listing(inbound)).length === 0, 'all 20 files archived', WAIT);
      await waitFor(
        async () => (await count(admin, `select count(*) as n from file where direction = 'outbound' and status = 'sent'`)) === 2,
        'the 999 and 277CA answering the 837P sent',
        WAIT,
      );
      const ingested = [a, b].map((d) => d.status().ingested);
      await Promise.all(daemons.splice(0).map((d) => d.stop()));
      expect([a.status().running, b.status().running]).toEqual([false, false]);

      // Each file once: one row per name, none a duplicate, all finished.
      const rows = await q(admin, `select name, status, count(*) over (partition by sha256) as same from file where direction = 'inbound' order by name`);
      expect(rows.map((r) => r.name)).toEqual(names);
      expect(rows.filter((r) => Number(r.same) !== 1)).toEqual([]);
      expect(rows.filter((r) => r.status !== 'processed').map((r) => [r.name, r.status])).toEqual([['not-x12.csv', 'failed']]);
      expect(ingested.reduce((t, c) => t + c.processed, 0)).toBe(19);
      expect(ingested.reduce((t, c) => t + c.failed, 0)).toBe(1);
      expect(ingested.reduce((t, c) => t + c.duplicate + c.errors, 0)).toBe(0);

      // Each remittance posted once: one posting per claim payment in the files, no more.
      const expectedClaims = files.filter((f) => f.name.endsWith('.835')).flatMap((f) => claimsOf(f.bytes));
      expect(expectedClaims).toHaveLength(8 * 4 + 4 * 6);
      const postings = await q(admin, `select patient_control_number as pcn from posting_queue_item order by 1`);
      expect(postings.map((p) => p.pcn)).toEqual([...expectedClaims].sort());
      expect(await count(admin, `select count(*) as n from remittance`)).toBe(12);
      expect(await count(admin, `select count(*) as n from denial_queue_item where source = '835'`)).toBe(8 * 1 + 4 * 2);
      expect(await count(admin, `select count(*) as n from denial_queue_item where source = '277CA'`)).toBe(4 + 3);
      expect(await count(admin, `select count(*) as n from eligibility_response`)).toBe(3);
      expect(await count(admin, `select count(*) as n from prior_authorization`)).toBe(2);
      expect(await count(admin, `select count(*) as n from claim`)).toBe(3);

      // Every remote file archived once, under its own name; each answer uploaded once.
      expect(await listing(archive)).toEqual(names);
      for (const n of names) expect(server.ops.filter((o) => o.op === 'RENAME' && o.path === `${folders.inbound}/${n}`), n).toHaveLength(1);
      const [claims] = await q(admin, `select id from file where name = 'claims.837'`);
      const answers = [`277CA-${claims.id}.x12`, `999-${claims.id}.x12`];
      expect(await listing(server.local(folders.outbound))).toEqual(answers);
      for (const n of answers) expect(server.ops.filter((o) => o.op === 'RENAME' && o.target === `${folders.outbound}/${n}`), n).toHaveLength(1);
      expect(await count(admin, `select count(*) as n from file where direction = 'outbound' and attempts > 0`)).toBe(0);
      // Nothing left behind in either daemon's staging folder.
      for (const n of ['a', 'b']) expect(await listing(join(work, `shared-${n}`, 'work', 'sftp', 'acme'))).toEqual([]);
    }, 4 * WAIT);

    it('given the same bytes in their two drop folders, process them once and record the other as a duplicate', async () => {
      const { schema, admin } = await freshSchema();
      const folderA = join(work, 'same-bytes-a');
      const folderB = join(work, 'same-bytes-b');
      const a = await start(daemonConfig(schema, join(work, 'same-bytes-data-a'), { dropFolders: [{ path: folderA }] }));
      const b = await start(daemonConfig(schema, join(work, 'same-bytes-data-b'), { dropFolders: [{ path: folderB }] }));
      const bytes = distinct835('835/remittance.x12', 'SAME');
      await Promise.all([place(join(folderA, 'remit.835'), bytes), place(join(folderB, 'remit.835'), bytes)]);
      for (const folder of [folderA, folderB]) {
        await waitFor(async () => (await listing(join(folder, '.processed'))).includes('remit.835'), `remit.835 in ${folder}/.processed`, WAIT);
      }
      expect([...(await listing(folderA)), ...(await listing(folderB))].filter((n) => !n.startsWith('.'))).toEqual([]);
      expect([a, b].flatMap((d) => d.status().dropFolders.map((f) => f.handled))).toEqual([1, 1]);

      const rows = await q(admin, `select id, status, duplicate_of_id from file where direction = 'inbound' order by id`);
      const originals = rows.filter((r) => r.status !== 'duplicate');
      expect(originals).toHaveLength(1);
      expect(originals[0].status).toBe('processed');
      expect(rows.filter((r) => r.status === 'duplicate').map((r) => r.duplicate_of_id)).toEqual([originals[0].id]);
      expect(await count(admin, `select count(*) as n from remittance`)).toBe(1);
      expect((await q(admin, `select patient_control_number as pcn from posting_queue_item order by 1`)).map((p) => p.pcn)).toEqual(claimsOf(bytes).sort());
    });

    it('ingests from two mailboxes on a pool of two connections: the mailbox locks of one daemon share one connection', async () => {
      // With a connection per mailbox lock, two polls held both connections while their handlers waited
      // for one to ingest on: nothing was ingested until the pool's acquire timeout.
      const { schema, admin } = await freshSchema();
      const acme = await mailboxFolders('pool-acme');
      const beta = await mailboxFolders('pool-beta');
      for (const [folders, tag] of [
        [acme, 'PA'],
        [beta, 'PB'],
      ] as const) {
        for (let i = 0; i < 3; i++) await place(server.local(`${folders.inbound}/remit-${i}.835`), distinct835('835/remittance.x12', `${tag}${i}`));
      }
      const d = await start(daemonConfig(schema, join(work, 'pool-data'), { partners: [partner('acme', acme), partner('beta', beta)] }, 2));
      await waitFor(
        async () => (await listing(server.local(acme.archive))).length === 3 && (await listing(server.local(beta.archive))).length === 3,
        'both mailboxes archived',
        WAIT,
      );
      expect(await count(admin, `select count(*) as n from file where status = 'processed'`)).toBe(6);
      expect(await count(admin, `select count(*) as n from posting_queue_item`)).toBe(6 * 4);
      expect(d.status().ingested).toMatchObject({ processed: 6, errors: 0 });
    });
  });

  describe('a daemon killed in the middle of a routing transaction', () => {
    /** Runs a daemon in a child process until one of its ingests is inside the routing transaction, then SIGKILLs it. */
    async function crashMidTransaction(spec: ChildSpec, feed: () => Promise<void>): Promise<void> {
      const child = fork(CHILD, [JSON.stringify(spec)], { cwd: REPO, execArgv: ['--import', 'tsx'], stdio: ['ignore', 'pipe', 'pipe', 'ipc'] });
      const seen: string[] = [];
      const output: string[] = [];
      let exit: string | undefined;
      child.on('message', (m: ChildMessage) => seen.push(m.event));
      child.stdout!.on('data', (b: Buffer) => output.push(b.toString()));
      child.stderr!.on('data', (b: Buffer) => output.push(b.toString()));
      const exited = new Promise<void>((r) =>
        child.once('exit', (code, signal) => {
          exit = `exit ${code ?? signal}`;
          r();
        }),
      );
      const expectEvent = (event: ChildMessage['event']) =>
        waitFor(() => {
          if (exit !== undefined && !seen.includes(event)) throw new Error(`the child daemon ended (${exit}) before "${event}"`);
          return seen.includes(event);
        }, `the child daemon: ${event}`, WAIT);
      try {
        await expectEvent('started');
        await feed();
        await expectEvent('mid-transaction');
      } catch (e) {
        throw new Error(`${e instanceof Error ? e.message : String(e)}\nthe child daemon's output:\n${output.join('').slice(-20_000)}`);
      } finally {
        child.kill('SIGKILL');
        await exited;
      }
      expect(exit).toBe('exit SIGKILL');
    }

    async function expectFinishedOnce(admin: Storage, bytes: Buffer): Promise<void> {
      const rows = await q(admin, `select id, status, attempts, duplicate_of_id from file where direction = 'inbound' order by id`);
      expect(rows).toHaveLength(2);
      expect(rows[0]).toMatchObject({ status: 'processed', attempts: 2, duplicate_of_id: null });
      expect(rows[1]).toMatchObject({ status: 'duplicate', duplicate_of_id: rows[0].id });
      expect(await count(admin, `select count(*) as n from remittance`)).toBe(1);
      expect(await count(admin, `select count(*) as n from interchange`)).toBe(1);
      expect((await q(admin, `select patient_control_number as pcn from posting_queue_item order by 1`)).map((p) => p.pcn)).toEqual(claimsOf(bytes).sort());
    }

    it('SFTP: the other daemon finishes the file once, after the killed one lost its mailbox lock', async () => {
      const { schema, admin } = await freshSchema();
      const folders = await mailboxFolders('crash');
      const input = { partners: [partner('acme', folders)] };
      const bytes = distinct835('835/remittance.x12', 'CRASH');
      const inbound = server.local(folders.inbound);
      await crashMidTransaction(
        { config: { dataDir: join(work, 'crash-data-a'), database: { url, schema, poolMax: 2 }, log: { level: 'silent' }, ...input }, env: { SFTP_PASSWORD: server.password }, workDir: join(work, 'crash-work-a'), crashAt: 'set-routed' },
        () => place(join(inbound, 'remit.835'), bytes),
      );
      // Killed after the 835's rows were written: none of them committed; the file was recorded and is still offered.
      expect(await q(admin, `select status from file`)).toEqual([{ status: 'processing' }]);
      expect(await count(admin, `select count(*) as n from remittance`)).toBe(0);
      expect(await listing(inbound)).toEqual(['remit.835']);

      const b = await start(daemonConfig(schema, join(work, 'crash-data-b'), input));
      await waitFor(async () => (await listing(server.local(folders.archive))).includes('remit.835'), 'remit.835 archived by the other daemon', WAIT);
      await b.stop();
      await expectFinishedOnce(admin, bytes);
      expect(await listing(inbound)).toEqual([]);
      expect(await listing(server.local(folders.archive))).toEqual(['remit.835']);
    }, 4 * WAIT);

    it('drop folder: the restarted daemon finishes the file once', async () => {
      const { schema, admin } = await freshSchema();
      const folder = join(work, 'crash-drop');
      const config = { dataDir: join(work, 'crash-drop-data'), database: { url, schema, poolMax: 2 }, log: { level: 'silent' as const }, dropFolders: [{ path: folder }] };
      const bytes = distinct835('835/check-payment.x12', 'CRASHDROP');
      await crashMidTransaction({ config, env: {}, workDir: join(work, 'crash-drop-work'), crashAt: 'before-commit' }, async () => {
        await mkdir(folder, { recursive: true });
        await place(join(folder, 'check.835'), bytes);
      });
      expect(await q(admin, `select status from file`)).toEqual([{ status: 'processing' }]);
      expect(await listing(folder)).toContain('check.835');

      const restarted = await start(X12dConfigSchema.parse(config));
      await waitFor(async () => (await listing(join(folder, '.processed'))).includes('check.835'), 'check.835 in .processed after the restart', WAIT);
      await restarted.stop();
      await expectFinishedOnce(admin, bytes);
      expect((await listing(folder)).filter((n) => !n.startsWith('.'))).toEqual([]);
    }, 4 * WAIT);
  });
}
