// The SFTP mailbox against a real OpenSSH sshd on loopback: download, handler, archive, upload and host key
// pinning, as with the in-process server, but with OpenSSH's own SFTP server (internal-sftp).
//
// The suite starts its own sshd (/usr/sbin/sshd -D) on 127.0.0.1 with a free port, a temp config, a temp
// ed25519 host key and key authentication for the current user (AuthorizedKeysFile in the temp folder,
// StrictModes no, UsePAM no, ForceCommand internal-sftp). It runs only when X12D_SSHD=1 and sshd is
// installed (scripts/ci/sshd-setup.sh installs it; .ci/run sets X12D_SSHD=1); otherwise it registers one
// test that says so and passes.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, watch } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { connect, createServer, type AddressInfo } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SftpMailbox } from '../../src/config/schema.js';
import { isX12dError } from '../../src/errors.js';
import { hostKeyFingerprint } from '../../src/transport/host-key.js';
import { SftpMailboxPoller, type MailboxOutcome, type SftpMailboxOptions, type StagedFile } from '../../src/transport/sftp-mailbox.js';
import { collectingLogger, sleep, waitFor } from './helpers.js';
import { generateEd25519, publicKeyBlob } from './sftp-server.js';

const SSHD = '/usr/sbin/sshd';
const notRunReason = process.env.X12D_SSHD !== '1' ? 'X12D_SSHD is not 1' : !existsSync(SSHD) ? `${SSHD} is not installed` : undefined;

const BODY = (n: string) => `ISA*00*          *00*          *ZZ*PAYER          *ZZ*PROVIDER       *250101*1200*^*00501*00000000${n}*0*P*:~CLP*PCN-SECRET-${n}*1*100*80~NM1*QC*1*DOE*JANE~`;

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((r) => probe.listen(0, '127.0.0.1', () => r()));
  const port = (probe.address() as AddressInfo).port;
  await new Promise<void>((r) => probe.close(() => r()));
  return port;
}

function accepts(port: number): Promise<boolean> {
  return new Promise((res) => {
    const s = connect({ host: '127.0.0.1', port }, () => {
      s.destroy();
      res(true);
    });
    s.on('error', () => res(false));
  });
}

interface Sshd {
  readonly port: number;
  readonly dir: string;
  readonly username: string;
  readonly fingerprint: string;
  readonly clientKeyFile: string;
  readonly log: () => string;
  stop(): Promise<void>;
}

async function startSshd(): Promise<Sshd> {
  const dir = await mkdtemp(join(tmpdir(), 'x12d-sshd-'));
  const username = userInfo().username;
  const hostKey = generateEd25519('x12d-sshd-host');
  const clientKey = generateEd25519('x12d-sshd-client');
  await writeFile(join(dir, 'ssh_host_ed25519_key'), hostKey.private, { mode: 0o600 });
  await writeFile(join(dir, 'ssh_host_ed25519_key.pub'), `${hostKey.public}\n`, { mode: 0o644 });
  await mkdir(join(dir, 'authorized_keys'));
  await writeFile(join(dir, 'authorized_keys', username), `${clientKey.public}\n`, { mode: 0o600 });
  const clientKeyFile = join(dir, 'client_ed25519');
  await writeFile(clientKeyFile, clientKey.private, { mode: 0o600 });
  if (process.getuid?.() === 0 && !existsSync('/run/sshd')) mkdirSync('/run/sshd', { recursive: true, mode: 0o755 });

  let lastLog = '';
  for (let attempt = 1; attempt <= 5; attempt++) {
    const port = await freePort();
    const config = [
      `Port ${port}`,
      'ListenAddress 127.0.0.1',
      `HostKey ${join(dir, 'ssh_host_ed25519_key')}`,
      `PidFile ${join(dir, 'sshd.pid')}`,
      `AuthorizedKeysFile ${join(dir, 'authorized_keys')}/%u`,
      'StrictModes no',
      'UsePAM no',
      'PasswordAuthentication yes',
      'PubkeyAuthentication yes',
      'KbdInteractiveAuthentication no',
      'PermitRootLogin prohibit-password',
      'AllowTcpForwarding no',
      'X11Forwarding no',
      'LogLevel VERBOSE',
      'Subsystem sftp internal-sftp',
      `Match User ${username}`,
      '  ForceCommand internal-sftp',
      '',
    ].join('\n');
    const configFile = join(dir, 'sshd_config');
    await writeFile(configFile, config);
    const check = spawnSync(SSHD, ['-t', '-f', configFile], { encoding: 'utf8' });
    if (check.status !== 0) throw new Error(`sshd -t refused the test config: ${check.stderr}`);

    let log = '';
    const child: ChildProcess = spawn(SSHD, ['-D', '-e', '-f', configFile], { stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout?.on('data', (d: Buffer) => (log += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (log += d.toString()));
    let exited = false;
    child.once('exit', () => (exited = true));
    const deadline = Date.now() + 20_000;
    while (!exited && Date.now() < deadline && !(await accepts(port))) await sleep(50);
    if (!exited && (await accepts(port))) {
      return {
        port,
        dir,
        username,
        fingerprint: hostKeyFingerprint(publicKeyBlob(hostKey.public)),
        clientKeyFile,
        log: () => log,
        stop: async () => {
          if (!exited) {
            const gone = new Promise<void>((r) => child.once('exit', () => r()));
            child.kill('SIGTERM');
            await Promise.race([gone, sleep(5000)]);
            if (!exited) child.kill('SIGKILL');
          }
          await rm(dir, { recursive: true, force: true });
        },
      };
    }
    lastLog = log;
    if (!exited) child.kill('SIGKILL');
    // Most likely the port was taken between probing and binding: try another.
  }
  await rm(dir, { recursive: true, force: true });
  throw new Error(`sshd did not start: ${lastLog}`);
}

if (notRunReason !== undefined) {
  describe('SftpMailboxPoller against OpenSSH sshd', () => {
    it('did not run: OpenSSH sshd is not available', () => {
      console.log(`OpenSSH sshd not available: the OpenSSH SFTP suite did not run (${notRunReason})`);
      expect(notRunReason).toBeDefined();
    });
  });
} else {
  describe('SftpMailboxPoller against OpenSSH sshd', () => {
    let sshd: Sshd;
    let root: string;
    let work: string;
    const pollers: SftpMailboxPoller[] = [];
    const log = collectingLogger();
    let recorded: { name: string; size: number; content: string }[];

    beforeAll(async () => {
      sshd = await startSshd();
    });
    afterAll(async () => {
      await sshd?.stop();
    });
    beforeEach(async () => {
      root = join(sshd.dir, 'mailbox');
      await rm(root, { recursive: true, force: true });
      for (const d of ['inbound', 'outbound', 'archive']) await mkdir(join(root, d), { recursive: true });
      work = await mkdtemp(join(tmpdir(), 'x12d-openssh-work-'));
      recorded = [];
      log.lines.length = 0;
    });
    afterEach(async () => {
      await Promise.all(pollers.splice(0).map((p) => p.stop()));
      await rm(work, { recursive: true, force: true });
    });

    const handler =
      (decide: (s: StagedFile) => MailboxOutcome = () => 'recorded') =>
      async (s: StagedFile): Promise<MailboxOutcome> => {
        recorded.push({ name: s.name, size: s.size, content: await readFile(s.path, 'utf8') });
        return decide(s);
      };

    function poller(over: Partial<Omit<SftpMailboxOptions, 'mailbox'>> & { mailbox?: Partial<SftpMailbox> } = {}): SftpMailboxPoller {
      const { mailbox, ...rest } = over;
      const p = new SftpMailboxPoller({
        key: 'openssh-partner',
        mailbox: SftpMailbox.parse({
          host: '127.0.0.1',
          port: sshd.port,
          username: sshd.username,
          privateKey: { file: sshd.clientKeyFile },
          hostKeySha256: sshd.fingerprint,
          inbound: join(root, 'inbound'),
          outbound: join(root, 'outbound'),
          archive: join(root, 'archive'),
          ...mailbox,
        }),
        env: {},
        stagingDir: join(work, 'staging'),
        handler: handler(),
        logger: log.logger,
        pollIntervalMs: 200,
        ...rest,
      });
      pollers.push(p);
      return p;
    }
    const local = async (dir: string) => (await readdir(join(root, dir))).sort();

    it('downloads, hands over and archives inbound files, skipping temp names and folders', async () => {
      await writeFile(join(root, 'inbound', 'remit-1.835'), BODY('1'));
      await writeFile(join(root, 'inbound', 'remit-2.835'), BODY('2'));
      await writeFile(join(root, 'inbound', '.remit-3.835.part'), 'partial');
      await mkdir(join(root, 'inbound', 'subfolder'));
      const result = await poller().pollOnce();
      expect(result).toMatchObject({ listed: 2, downloaded: 2, recorded: 2, failed: 0, archived: 2, errors: 0 });
      expect(recorded.map((r) => [r.name, r.content]).sort()).toEqual([
        ['remit-1.835', BODY('1')],
        ['remit-2.835', BODY('2')],
      ]);
      expect(await local('archive')).toEqual(['remit-1.835', 'remit-2.835']);
      expect(await local('inbound')).toEqual(['.remit-3.835.part', 'subfolder']);
      expect(existsSync(join(work, 'staging')) ? await readdir(join(work, 'staging')) : []).toEqual([]);
      expect(log.text()).not.toContain('DOE');
    });

    it('leaves the remote file when the handler fails; archives with a suffix when the name is taken', async () => {
      await writeFile(join(root, 'inbound', 'daily.835'), BODY('3'));
      await writeFile(join(root, 'archive', 'daily.835'), 'yesterday');
      let outcome: MailboxOutcome = 'failed';
      const p = poller({ handler: handler(() => outcome) });
      expect(await p.pollOnce()).toMatchObject({ listed: 1, failed: 1, archived: 0 });
      expect(await local('inbound')).toEqual(['daily.835']);
      outcome = 'recorded';
      expect(await p.pollOnce()).toMatchObject({ listed: 1, recorded: 1, archived: 1 });
      expect(await local('inbound')).toEqual([]);
      const archived = await local('archive');
      expect(archived).toHaveLength(2);
      expect(await readFile(join(root, 'archive', 'daily.835'), 'utf8')).toBe('yesterday');
      const other = archived.find((n) => n !== 'daily.835')!;
      expect(other).toMatch(/^daily-\d{8}T\d{9}Z\.835$/);
      expect(await readFile(join(root, 'archive', other), 'utf8')).toBe(BODY('3'));
    });

    it('accepts a hex pin and deletes recorded files when no archive is configured', async () => {
      await writeFile(join(root, 'inbound', 'a.x12'), BODY('4'));
      const hex = Buffer.from(`${sshd.fingerprint.slice(7)}=`, 'base64').toString('hex');
      const result = await poller({ mailbox: { hostKeySha256: hex, archive: undefined } }).pollOnce();
      expect(result).toMatchObject({ recorded: 1, archived: 1 });
      expect(await local('inbound')).toEqual([]);
      expect(await local('archive')).toEqual([]);
    });

    it('refuses the server when the pinned fingerprint does not match, and downloads nothing', async () => {
      await writeFile(join(root, 'inbound', 'a.x12'), BODY('5'));
      const wrong = hostKeyFingerprint(publicKeyBlob(generateEd25519().public));
      const p = poller({ mailbox: { hostKeySha256: wrong } });
      const logFrom = sshd.log().length;
      const err = await p.pollOnce().then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(isX12dError(err, 'X12D_ERR_HOST_KEY_MISMATCH')).toBe(true);
      expect((err as Error).message).toContain(sshd.fingerprint);
      expect(recorded).toEqual([]);
      expect(await local('inbound')).toEqual(['a.x12']);
      expect(existsSync(join(work, 'staging')) ? await readdir(join(work, 'staging')) : []).toEqual([]);
      // sshd saw no authentication: the client hung up during key exchange.
      await waitFor(() => /Disconnected from .*\[preauth\]/.test(sshd.log().slice(logFrom)), 'the pre-auth disconnect in the sshd log');
      expect(sshd.log().slice(logFrom)).not.toMatch(/Accepted|Postponed|Failed|publickey/);
    });

    it('send() uploads through a temp name and never replaces an existing remote file', async () => {
      const file = join(work, 'claims-0001.x12');
      await writeFile(file, BODY('6').repeat(300));
      const p = poller();
      // Watch the outbound folder while sending: the final name must appear only by a rename, never be written in place.
      const events: { type: string; name: string }[] = [];
      const watcher = watch(join(root, 'outbound'), (type, name) => events.push({ type, name: String(name) }));
      try {
        expect(await p.send(file, 'claims-0001.x12')).toEqual({ remotePath: join(root, 'outbound', 'claims-0001.x12'), size: Buffer.byteLength(BODY('6').repeat(300)) });
        await waitFor(() => events.some((e) => e.name === 'claims-0001.x12'), 'the final name in the watch events');
      } finally {
        watcher.close();
      }
      const firstTemp = events.findIndex((e) => /^\.claims-0001\.x12\.[0-9a-f]+\.part$/.test(e.name));
      const firstFinal = events.findIndex((e) => e.name === 'claims-0001.x12');
      expect(firstTemp).toBeGreaterThanOrEqual(0);
      expect(firstTemp).toBeLessThan(firstFinal);
      expect(events.filter((e) => e.name === 'claims-0001.x12').map((e) => e.type)).toEqual(['rename']);
      expect(await local('outbound')).toEqual(['claims-0001.x12']);
      expect(await readFile(join(root, 'outbound', 'claims-0001.x12'), 'utf8')).toBe(BODY('6').repeat(300));
      // Not world-readable or writable (ssh2 alone would leave 0666).
      expect((await stat(join(root, 'outbound', 'claims-0001.x12'))).mode & 0o777).toBe(0o640);

      // OpenSSH refuses to rename onto an existing file: send() reports it and cleans up its temp file.
      await writeFile(file, 'a second version');
      await expect(p.send(file, 'claims-0001.x12')).rejects.toThrow(/already exists/);
      expect(await local('outbound')).toEqual(['claims-0001.x12']);
      expect(await readFile(join(root, 'outbound', 'claims-0001.x12'), 'utf8')).toBe(BODY('6').repeat(300));
    });
  });
}
