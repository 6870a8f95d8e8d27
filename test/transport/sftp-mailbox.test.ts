import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SftpMailbox } from '../../src/config/schema.js';
import { isX12dError } from '../../src/errors.js';
import { formatFingerprint, hostKeyFingerprint, parseHostKeyPin } from '../../src/transport/host-key.js';
import { backoffDelay, SftpMailboxPoller, type MailboxOutcome, type SftpMailboxOptions, type StagedFile } from '../../src/transport/sftp-mailbox.js';
import { collectingLogger, deferred, waitFor } from './helpers.js';
import { generateEd25519, publicKeyBlob, startTestSftpServer, type TestSftpServer } from './sftp-server.js';

const BODY = (n: string) => `ISA*00*          *00*          *ZZ*PAYER          *ZZ*PROVIDER       *250101*1200*^*00501*00000000${n}*0*P*:~CLP*PCN-SECRET-${n}*1*100*80~NM1*QC*1*DOE*JANE~`;

describe('host key pins', () => {
  it('reads both the SHA256:base64 and the hex form, and refuses anything else', () => {
    const blob = publicKeyBlob(generateEd25519().public);
    const fp = hostKeyFingerprint(blob);
    expect(fp).toMatch(/^SHA256:[A-Za-z0-9+/]{43}$/);
    const digest = parseHostKeyPin(fp);
    expect(digest).toHaveLength(32);
    expect(parseHostKeyPin(digest.toString('hex')).equals(digest)).toBe(true);
    expect(parseHostKeyPin(digest.toString('hex').toUpperCase()).equals(digest)).toBe(true);
    expect(parseHostKeyPin(`${fp}=`).equals(digest)).toBe(true);
    expect(formatFingerprint(digest)).toBe(fp);
    for (const bad of ['', 'SHA256:short', 'MD5:aa:bb', 'z'.repeat(64)]) expect(() => parseHostKeyPin(bad), bad).toThrow(/fingerprint/);
  });

  it('backs off exponentially up to a cap', () => {
    expect([1, 2, 3, 4, 5, 6].map((n) => backoffDelay(n, 1000, 10_000))).toEqual([1000, 2000, 4000, 8000, 10_000, 10_000]);
    expect(backoffDelay(1000, 60_000, 1_800_000)).toBe(1_800_000);
  });
});

describe('SftpMailboxPoller against an in-process SFTP server', () => {
  const clientKey = generateEd25519('x12d-client');
  let server: TestSftpServer;
  let work: string;
  let staging: string;
  let keyFile: string;
  const pollers: SftpMailboxPoller[] = [];
  const log = collectingLogger();
  let recorded: { name: string; size: number; remotePath: string; content: string }[];

  beforeAll(async () => {
    server = await startTestSftpServer({ authorizedKey: clientKey.public });
  });
  afterAll(async () => {
    await server?.close();
  });
  beforeEach(async () => {
    for (const d of ['inbound', 'outbound', 'archive']) {
      await rm(server.local(`/${d}`), { recursive: true, force: true });
      await mkdir(server.local(`/${d}`), { recursive: true });
    }
    server.ops.length = 0;
    server.authAttempts.length = 0;
    log.lines.length = 0;
    work = await mkdtemp(join(tmpdir(), 'x12d-mailbox-'));
    staging = join(work, 'staging');
    keyFile = join(work, 'id_ed25519');
    await writeFile(keyFile, clientKey.private, { mode: 0o600 });
    recorded = [];
  });
  afterEach(async () => {
    await Promise.all(pollers.splice(0).map((p) => p.stop()));
    await rm(work, { recursive: true, force: true });
  });

  const recordingHandler =
    (decide: (s: StagedFile) => MailboxOutcome = () => 'recorded') =>
    async (s: StagedFile): Promise<MailboxOutcome> => {
      recorded.push({ name: s.name, size: s.size, remotePath: s.remotePath, content: await readFile(s.path, 'utf8') });
      return decide(s);
    };

  function poller(over: Partial<Omit<SftpMailboxOptions, 'mailbox'>> & { mailbox?: Partial<SftpMailbox> } = {}): SftpMailboxPoller {
    const { mailbox, ...rest } = over;
    const p = new SftpMailboxPoller({
      key: 'acme',
      mailbox: SftpMailbox.parse({
        host: server.host,
        port: server.port,
        username: server.username,
        password: { env: 'ACME_SFTP_PASSWORD' },
        hostKeySha256: server.fingerprint,
        inbound: '/inbound',
        outbound: '/outbound',
        archive: '/archive',
        ...mailbox,
      }),
      env: { ACME_SFTP_PASSWORD: server.password },
      stagingDir: staging,
      handler: recordingHandler(),
      logger: log.logger,
      pollIntervalMs: 200,
      ...rest,
    });
    pollers.push(p);
    return p;
  }
  const remote = async (dir: string) => (await readdir(server.local(dir))).sort();

  it('downloads each inbound file to staging, hands it over, and archives it only after it is recorded', async () => {
    await writeFile(server.local('/inbound/remit-1.835'), BODY('1'));
    await writeFile(server.local('/inbound/remit-2.835'), BODY('2'));
    await writeFile(server.local('/inbound/.remit-3.835.part'), 'partial');
    await writeFile(server.local('/inbound/upload.tmp'), 'partial');
    await mkdir(server.local('/inbound/subfolder'));
    const archivedAtHandover: string[][] = [];
    const p = poller({
      handler: async (s) => {
        archivedAtHandover.push(await remote('/archive'));
        return recordingHandler()(s);
      },
    });
    const result = await p.pollOnce();
    expect(result).toMatchObject({ mailbox: 'acme', listed: 2, downloaded: 2, recorded: 2, failed: 0, archived: 2, errors: 0 });
    expect(recorded.map((r) => r.name).sort()).toEqual(['remit-1.835', 'remit-2.835']);
    const one = recorded.find((r) => r.name === 'remit-1.835')!;
    expect(one).toEqual({ name: 'remit-1.835', size: Buffer.byteLength(BODY('1')), remotePath: '/inbound/remit-1.835', content: BODY('1') });
    // Nothing was archived before the handler had recorded it.
    expect(server.authAttempts).toContain('password');
    expect(archivedAtHandover[0]).toEqual([]);
    expect(archivedAtHandover[1]).toHaveLength(1);
    expect(await remote('/archive')).toEqual(['remit-1.835', 'remit-2.835']);
    expect(await remote('/inbound')).toEqual(['.remit-3.835.part', 'subfolder', 'upload.tmp']);
    expect(await readFile(server.local('/archive/remit-2.835'), 'utf8')).toBe(BODY('2'));
    // Staged copies are gone once handled; no temp downloads are left.
    expect(existsSync(staging) ? await readdir(staging) : []).toEqual([]);
    // Temp names were never opened.
    expect(server.ops.filter((o) => o.op === 'OPEN').map((o) => o.path).sort()).toEqual(['/inbound/remit-1.835', '/inbound/remit-2.835']);
    // The log carries names and sizes, never contents or the password.
    const text = log.text();
    expect(text).toContain('remit-1.835');
    for (const secret of ['DOE', 'PCN-SECRET', 'CLP*', server.password]) expect(text).not.toContain(secret);
  });

  it('logs in with a private key by file reference, accepts a hex pin, and deletes recorded files when no archive is configured', async () => {
    await writeFile(server.local('/inbound/a.x12'), BODY('3'));
    const p = poller({
      mailbox: { password: undefined, privateKey: { file: keyFile }, hostKeySha256: server.fingerprintHex, archive: undefined },
      env: {},
    });
    const result = await p.pollOnce();
    expect(result).toMatchObject({ listed: 1, recorded: 1, archived: 1 });
    expect(recorded.map((r) => r.content)).toEqual([BODY('3')]);
    expect(await remote('/inbound')).toEqual([]);
    expect(await remote('/archive')).toEqual([]);
    expect(server.ops.some((o) => o.op === 'REMOVE' && o.path === '/inbound/a.x12')).toBe(true);
    expect(server.authAttempts).toContain('publickey');
    expect(server.authAttempts).not.toContain('password');
  });

  it("leaves the remote file in place when the handler fails or throws, and archives it once it is recorded", async () => {
    await writeFile(server.local('/inbound/a.x12'), BODY('4'));
    await writeFile(server.local('/inbound/b.x12'), BODY('5'));
    let mode: 'fail' | 'record' = 'fail';
    const p = poller({
      handler: recordingHandler((s) => {
        if (mode === 'record') return 'recorded';
        if (s.name === 'a.x12') return 'failed';
        throw new Error('database unavailable');
      }),
    });
    const first = await p.pollOnce();
    expect(first).toMatchObject({ listed: 2, downloaded: 2, recorded: 0, failed: 2, archived: 0 });
    expect(await remote('/inbound')).toEqual(['a.x12', 'b.x12']);
    expect(await remote('/archive')).toEqual([]);
    expect(server.ops.some((o) => o.op === 'RENAME' || o.op === 'REMOVE')).toBe(false);
    expect(log.text()).toContain('database unavailable');

    mode = 'record';
    const second = await p.pollOnce();
    expect(second).toMatchObject({ listed: 2, recorded: 2, archived: 2 });
    expect(await remote('/inbound')).toEqual([]);
    expect(await remote('/archive')).toEqual(['a.x12', 'b.x12']);
  });

  it('archives under a suffixed name when the archive already has the name', async () => {
    await writeFile(server.local('/archive/daily.835'), 'yesterday');
    await writeFile(server.local('/inbound/daily.835'), BODY('6'));
    const result = await poller().pollOnce();
    expect(result).toMatchObject({ recorded: 1, archived: 1 });
    const names = await remote('/archive');
    expect(names).toHaveLength(2);
    expect(await readFile(server.local('/archive/daily.835'), 'utf8')).toBe('yesterday');
    const other = names.find((n) => n !== 'daily.835')!;
    expect(other).toMatch(/^daily-\d{8}T\d{9}Z\.835$/);
    expect(await readFile(server.local(`/archive/${other}`), 'utf8')).toBe(BODY('6'));
  });

  it('refuses a server whose host key does not match the pin, and downloads nothing', async () => {
    await writeFile(server.local('/inbound/a.x12'), BODY('7'));
    const wrong = hostKeyFingerprint(publicKeyBlob(generateEd25519().public));
    const p = poller({ mailbox: { hostKeySha256: wrong } });
    const err = await p.pollOnce().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(isX12dError(err, 'X12D_ERR_HOST_KEY_MISMATCH')).toBe(true);
    expect((err as Error).message).toContain('does not match the pinned fingerprint');
    expect((err as Error).message).toContain(wrong);
    expect((err as Error).message).toContain(server.fingerprint);
    expect(recorded).toEqual([]);
    expect(server.ops).toEqual([]);
    // Refused during key exchange: no password or key was ever offered to the server.
    expect(server.authAttempts).toEqual([]);
    expect(await remote('/inbound')).toEqual(['a.x12']);
    expect(existsSync(staging) ? await readdir(staging) : []).toEqual([]);
    expect(p.status().consecutiveFailures).toBe(1);
    expect(p.status().lastError).toContain('does not match');
    // send() is refused the same way.
    await writeFile(join(work, 'out.x12'), BODY('8'));
    await expect(p.send(join(work, 'out.x12'), 'out.x12')).rejects.toThrow(/does not match the pinned fingerprint/);
    expect(await remote('/outbound')).toEqual([]);
  });

  it('send() writes to a temp name in the outbound folder, then renames it', async () => {
    const local = join(work, 'claims-0001.x12');
    await writeFile(local, BODY('9').repeat(500));
    const p = poller();
    const sent = await p.send(local, 'claims-0001.x12');
    expect(sent).toEqual({ remotePath: '/outbound/claims-0001.x12', size: Buffer.byteLength(BODY('9').repeat(500)) });
    expect(await remote('/outbound')).toEqual(['claims-0001.x12']);
    expect(await readFile(server.local('/outbound/claims-0001.x12'), 'utf8')).toBe(BODY('9').repeat(500));

    const opens = server.ops.filter((o) => o.op === 'OPEN');
    expect(opens).toHaveLength(1);
    const temp = opens[0].path;
    expect(temp).toMatch(/^\/outbound\/\.claims-0001\.x12\.[0-9a-f]+\.part$/);
    expect(opens[0].flags).toBe('wx');
    const renames = server.ops.filter((o) => o.op === 'RENAME');
    expect(renames).toEqual([{ op: 'RENAME', path: temp, target: '/outbound/claims-0001.x12' }]);
    // The final name was never opened for writing: the partner sees the whole file or nothing.
    expect(server.ops.findIndex((o) => o.op === 'RENAME')).toBeGreaterThan(server.ops.findIndex((o) => o.op === 'OPEN'));
  });

  it('send() never replaces a file already in the outbound folder, and leaves no temp file', async () => {
    await writeFile(server.local('/outbound/claims.x12'), 'unread by the partner');
    const local = join(work, 'claims.x12');
    await writeFile(local, BODY('1'));
    await expect(poller().send(local, 'claims.x12')).rejects.toThrow(/already exists/);
    expect(await remote('/outbound')).toEqual(['claims.x12']);
    expect(await readFile(server.local('/outbound/claims.x12'), 'utf8')).toBe('unread by the partner');
    await expect(poller().send(local, '../escape.x12')).rejects.toThrow(/not a usable outbound file name/);
    await expect(poller().send(local, 'half.part')).rejects.toThrow(/not a usable outbound file name/);
  });

  it('skips the poll without connecting when the lock hook returns null, and releases a lock it took', async () => {
    await writeFile(server.local('/inbound/a.x12'), BODY('2'));
    const before = server.connections();
    const asked: string[] = [];
    const skipped = await poller({
      lock: async (key) => {
        asked.push(key);
        return null;
      },
    }).pollOnce();
    expect(skipped).toMatchObject({ skipped: 'locked', listed: 0 });
    expect(asked).toEqual(['acme']);
    expect(server.connections()).toBe(before);
    expect(recorded).toEqual([]);
    expect(await remote('/inbound')).toEqual(['a.x12']);

    let held = false;
    let releases = 0;
    const result = await poller({
      lock: async () => {
        held = true;
        return async () => {
          held = false;
          releases += 1;
        };
      },
      handler: async (s) => {
        expect(held).toBe(true);
        return recordingHandler()(s);
      },
    }).pollOnce();
    expect(result).toMatchObject({ recorded: 1, archived: 1 });
    expect(releases).toBe(1);
    expect(held).toBe(false);

    // A lock hook that throws fails the poll like a connection error (counted, backed off), without connecting.
    const connectionsBefore = server.connections();
    const throwing = poller({
      lock: async () => {
        throw new Error('lock table unavailable');
      },
    });
    await expect(throwing.pollOnce()).rejects.toThrow('lock table unavailable');
    expect(throwing.status().consecutiveFailures).toBe(1);
    expect(server.connections()).toBe(connectionsBefore);
  });

  it('polls on its own after start(), and stop() waits for the file in progress', async () => {
    const gate = deferred<void>();
    let first = true;
    const p = poller({
      handler: async (s) => {
        if (first) {
          first = false;
          await gate.promise;
        }
        return recordingHandler()(s);
      },
    });
    p.start();
    await writeFile(server.local('/inbound/one.x12'), BODY('1'));
    await waitFor(async () => (await remote('/archive')).includes('one.x12') || !first, 'one.x12 handed over');
    const stopping = p.stop();
    gate.resolve();
    await stopping;
    expect(await remote('/archive')).toEqual(['one.x12']);
    expect(recorded.map((r) => r.name)).toEqual(['one.x12']);

    // A fresh poller picks up files arriving later, on its own.
    const q = poller();
    q.start();
    await writeFile(server.local('/inbound/two.x12'), BODY('2'));
    await waitFor(async () => (await remote('/archive')).includes('two.x12'), 'two.x12 archived by the timer');
    await writeFile(server.local('/inbound/three.x12'), BODY('3'));
    await waitFor(async () => (await remote('/archive')).includes('three.x12'), 'three.x12 archived by the timer');
    expect(q.status().consecutiveFailures).toBe(0);
  });

  it('backs off after connection errors and keeps running', async () => {
    // A port nothing listens on.
    const probe = createServer();
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', () => r()));
    const deadPort = (probe.address() as AddressInfo).port;
    await new Promise<void>((r) => probe.close(() => r()));

    const p = poller({ mailbox: { port: deadPort }, pollIntervalMs: 100, backoffInitialMs: 100, backoffMaxMs: 400 });
    p.start();
    await waitFor(() => p.status().consecutiveFailures >= 3, 'three failed polls');
    const s = p.status();
    expect(s.lastError).toMatch(/connecting to 127\.0\.0\.1:\d+ as partner failed/);
    expect(s.nextPollAt).toBeInstanceOf(Date);
    expect(log.text()).toContain('backing off');
    expect(log.text()).not.toContain(server.password);
  });
});
