// An in-process SFTP server for the transport tests: ssh2's Server with an ed25519 host key made per run,
// password and public-key login, and a temp folder as the root of what clients see. It implements the
// requests ssh2-sftp-client needs (OPEN, READ, WRITE, CLOSE, OPENDIR, READDIR, STAT, LSTAT, FSTAT, SETSTAT,
// FSETSTAT, REALPATH, RENAME, REMOVE, MKDIR, RMDIR) and records every request so tests can check what a
// client did (for example, that an upload went to a temp name first). Like OpenSSH, it refuses to rename
// onto an existing file.
import { timingSafeEqual } from 'node:crypto';
import * as fs from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, posix } from 'node:path';
import ssh2 from 'ssh2';
import type { Connection, ParsedKey, SFTPWrapper } from 'ssh2';
import { hostKeyFingerprint } from '../../src/transport/host-key.js';

const { STATUS_CODE, flagsToString } = ssh2.utils.sftp;

export interface SftpOp {
  readonly op: string;
  readonly path: string;
  readonly target?: string;
  /** For OPEN: the open flags as fs flags ('r', 'w', 'wx', 'a', ...). */
  readonly flags?: string;
}

export interface TestSftpServerOptions {
  readonly username?: string;
  readonly password?: string;
  /** OpenSSH public key line ("ssh-ed25519 AAAA... comment") allowed to log in. */
  readonly authorizedKey?: string;
}

export interface TestSftpServer {
  readonly host: string;
  readonly port: number;
  readonly username: string;
  readonly password: string;
  /** The temp folder clients see as "/". */
  readonly root: string;
  /** The host key's fingerprint, `SHA256:...` as OpenSSH prints it. */
  readonly fingerprint: string;
  /** The same digest as 64 hex digits. */
  readonly fingerprintHex: string;
  /** Every SFTP request, in order. */
  readonly ops: SftpOp[];
  /** Number of SSH connections accepted (TCP connections, before authentication). */
  connections(): number;
  /** Authentication requests received, by method ('none', 'password', 'publickey', ...). */
  readonly authAttempts: string[];
  /** The local path of a client path ("/inbound/a.x12"). */
  local(clientPath: string): string;
  close(): Promise<void>;
}

/**
 * A fresh ed25519 key pair in OpenSSH formats: `private` (PEM-like text) and `public` (one line).
 *
 * ssh2 1.17's generateKeyPairSync strips leading zero bytes from the 32-byte ed25519 public key, so about
 * 1 pair in 256 comes out malformed and parseKey (and sshd) refuse it (mscdex/ssh2#1390, #1513): pairs that
 * do not parse back are generated again.
 */
export function generateEd25519(comment = 'x12d-test'): { private: string; public: string } {
  for (let i = 0; i < 100; i++) {
    const kp = ssh2.utils.generateKeyPairSync('ed25519', { comment });
    const pub = ssh2.utils.parseKey(kp.public);
    const priv = ssh2.utils.parseKey(kp.private);
    if (pub instanceof Error || priv instanceof Error) continue;
    const blob = (Array.isArray(pub) ? pub[0] : pub).getPublicSSH();
    if (blob.length !== 51) continue; // string "ssh-ed25519" (4 + 11) and a 32-byte key (4 + 32)
    return { private: kp.private, public: kp.public };
  }
  throw new Error('could not generate a well-formed ed25519 key pair');
}

/** The SSH wire-format blob of an OpenSSH public key or a private key (its public half). */
export function publicKeyBlob(key: string): Buffer {
  const parsed = ssh2.utils.parseKey(key);
  if (parsed instanceof Error) throw parsed;
  const k = Array.isArray(parsed) ? parsed[0] : parsed;
  return k.getPublicSSH();
}

interface OpenFile {
  kind: 'file';
  fd: number;
  path: string;
}
interface OpenDir {
  kind: 'dir';
  path: string;
  entries: { filename: string; longname: string; attrs: ssh2.Attributes }[];
  sent: boolean;
}

function attrsOf(st: fs.Stats): ssh2.Attributes {
  return { mode: st.mode, uid: st.uid, gid: st.gid, size: st.size, atime: Math.floor(st.atimeMs / 1000), mtime: Math.floor(st.mtimeMs / 1000) };
}

function longnameOf(name: string, st: fs.Stats): string {
  const type = st.isDirectory() ? 'd' : st.isSymbolicLink() ? 'l' : st.isFile() ? '-' : '?';
  const bits = 'rwxrwxrwx'
    .split('')
    .map((c, i) => ((st.mode >> (8 - i)) & 1 ? c : '-'))
    .join('');
  const date = new Date(st.mtimeMs).toUTCString().slice(5, 22);
  return `${type}${bits} 1 ${st.uid} ${st.gid} ${String(st.size).padStart(8)} ${date} ${name}`;
}

function statusFor(err: unknown): number {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'ENOENT' || code === 'ENOTDIR') return STATUS_CODE.NO_SUCH_FILE;
  if (code === 'EACCES' || code === 'EPERM') return STATUS_CODE.PERMISSION_DENIED;
  return STATUS_CODE.FAILURE;
}

export async function startTestSftpServer(opts: TestSftpServerOptions = {}): Promise<TestSftpServer> {
  const username = opts.username ?? 'partner';
  const password = opts.password ?? 'correct horse battery staple';
  const root = await mkdtemp(join(tmpdir(), 'x12d-sftp-root-'));
  const hostKey = generateEd25519('x12d-test-host');
  const blob = publicKeyBlob(hostKey.public);
  const fingerprint = hostKeyFingerprint(blob);
  const fingerprintHex = Buffer.from(`${fingerprint.slice(7)}=`, 'base64').toString('hex');
  const allowedKey: ParsedKey | undefined = opts.authorizedKey === undefined ? undefined : (ssh2.utils.parseKey(opts.authorizedKey) as ParsedKey);
  const ops: SftpOp[] = [];
  let connectionCount = 0;
  const authAttempts: string[] = [];
  const live = new Set<Connection>();

  const local = (clientPath: string): string => {
    const normal = posix.normalize(posix.join('/', clientPath));
    return join(root, ...normal.split('/').filter((p) => p !== ''));
  };
  const clientPathOf = (p: string): string => posix.normalize(posix.join('/', p));

  const safeEqual = (a: Buffer, b: Buffer): boolean => a.length === b.length && timingSafeEqual(a, b);

  const server = new ssh2.Server({ hostKeys: [hostKey.private] }, (conn) => {
    connectionCount += 1;
    live.add(conn);
    conn.on('close', () => live.delete(conn));
    conn.on('error', () => undefined);
    conn.on('authentication', (ctx) => {
      authAttempts.push(ctx.method);
      if (ctx.username !== username) return ctx.reject();
      if (ctx.method === 'password') {
        return safeEqual(Buffer.from(ctx.password), Buffer.from(password)) ? ctx.accept() : ctx.reject();
      }
      if (ctx.method === 'publickey' && allowedKey !== undefined) {
        if (ctx.key.algo !== allowedKey.type || !safeEqual(ctx.key.data, allowedKey.getPublicSSH())) return ctx.reject();
        if (ctx.signature === undefined) return ctx.accept(); // the client asks whether this key would do
        return ctx.blob !== undefined && allowedKey.verify(ctx.blob, ctx.signature, ctx.hashAlgo) === true ? ctx.accept() : ctx.reject();
      }
      return ctx.reject(allowedKey === undefined ? ['password'] : ['password', 'publickey']);
    });
    conn.on('ready', () => {
      conn.on('session', (acceptSession) => {
        const session = acceptSession();
        session.on('sftp', (acceptSftp) => serveSftp(acceptSftp()));
      });
    });
  });

  function serveSftp(sftp: SFTPWrapper): void {
    const handles = new Map<number, OpenFile | OpenDir>();
    let nextHandle = 1;
    const makeHandle = (h: OpenFile | OpenDir): Buffer => {
      const id = nextHandle++;
      handles.set(id, h);
      const b = Buffer.alloc(4);
      b.writeUInt32BE(id);
      return b;
    };
    const lookup = (handle: Buffer): OpenFile | OpenDir | undefined => (handle.length === 4 ? handles.get(handle.readUInt32BE(0)) : undefined);

    sftp.on('OPEN', (reqid, filename, flags) => {
      const fsFlags = flagsToString(flags) ?? 'r';
      ops.push({ op: 'OPEN', path: clientPathOf(filename), flags: fsFlags });
      fs.open(local(filename), fsFlags, 0o644, (err, fd) => {
        if (err) return sftp.status(reqid, statusFor(err));
        sftp.handle(reqid, makeHandle({ kind: 'file', fd, path: filename }));
      });
    });
    sftp.on('READ', (reqid, handle, offset, length) => {
      const h = lookup(handle);
      if (h?.kind !== 'file') return sftp.status(reqid, STATUS_CODE.FAILURE);
      const buf = Buffer.alloc(length);
      fs.read(h.fd, buf, 0, length, offset, (err, n) => {
        if (err) return sftp.status(reqid, statusFor(err));
        if (n === 0) return sftp.status(reqid, STATUS_CODE.EOF);
        sftp.data(reqid, buf.subarray(0, n));
      });
    });
    sftp.on('WRITE', (reqid, handle, offset, data) => {
      const h = lookup(handle);
      if (h?.kind !== 'file') return sftp.status(reqid, STATUS_CODE.FAILURE);
      fs.write(h.fd, data, 0, data.length, offset, (err) => sftp.status(reqid, err ? statusFor(err) : STATUS_CODE.OK));
    });
    sftp.on('CLOSE', (reqid, handle) => {
      const h = lookup(handle);
      if (h === undefined) return sftp.status(reqid, STATUS_CODE.FAILURE);
      handles.delete(handle.readUInt32BE(0));
      if (h.kind === 'dir') return sftp.status(reqid, STATUS_CODE.OK);
      fs.close(h.fd, (err) => sftp.status(reqid, err ? statusFor(err) : STATUS_CODE.OK));
    });
    sftp.on('FSTAT', (reqid, handle) => {
      const h = lookup(handle);
      if (h?.kind !== 'file') return sftp.status(reqid, STATUS_CODE.FAILURE);
      fs.fstat(h.fd, (err, st) => (err ? sftp.status(reqid, statusFor(err)) : sftp.attrs(reqid, attrsOf(st))));
    });
    sftp.on('FSETSTAT', (reqid) => sftp.status(reqid, STATUS_CODE.OK));
    sftp.on('SETSTAT', (reqid, path) => {
      fs.stat(local(path), (err) => sftp.status(reqid, err ? statusFor(err) : STATUS_CODE.OK));
    });
    const statLike = (op: 'STAT' | 'LSTAT') => (reqid: number, path: string) => {
      ops.push({ op, path: clientPathOf(path) });
      (op === 'STAT' ? fs.stat : fs.lstat)(local(path), (err, st) => (err ? sftp.status(reqid, statusFor(err)) : sftp.attrs(reqid, attrsOf(st))));
    };
    sftp.on('STAT', statLike('STAT'));
    sftp.on('LSTAT', statLike('LSTAT'));
    sftp.on('OPENDIR', (reqid, path) => {
      ops.push({ op: 'OPENDIR', path: clientPathOf(path) });
      const dir = local(path);
      fs.readdir(dir, (err, names) => {
        if (err) return sftp.status(reqid, statusFor(err));
        const entries: OpenDir['entries'] = [];
        for (const filename of names) {
          try {
            const st = fs.lstatSync(join(dir, filename));
            entries.push({ filename, longname: longnameOf(filename, st), attrs: attrsOf(st) });
          } catch {
            // removed meanwhile
          }
        }
        sftp.handle(reqid, makeHandle({ kind: 'dir', path, entries, sent: false }));
      });
    });
    sftp.on('READDIR', (reqid, handle) => {
      const h = lookup(handle);
      if (h?.kind !== 'dir') return sftp.status(reqid, STATUS_CODE.FAILURE);
      if (h.sent || h.entries.length === 0) return sftp.status(reqid, STATUS_CODE.EOF);
      h.sent = true;
      sftp.name(reqid, h.entries);
    });
    sftp.on('REALPATH', (reqid, path) => {
      const p = clientPathOf(path === '' ? '.' : path);
      sftp.name(reqid, [{ filename: p, longname: p, attrs: {} as ssh2.Attributes }]);
    });
    sftp.on('RENAME', (reqid, oldPath, newPath) => {
      ops.push({ op: 'RENAME', path: clientPathOf(oldPath), target: clientPathOf(newPath) });
      if (fs.existsSync(local(newPath))) return sftp.status(reqid, STATUS_CODE.FAILURE);
      fs.rename(local(oldPath), local(newPath), (err) => sftp.status(reqid, err ? statusFor(err) : STATUS_CODE.OK));
    });
    sftp.on('REMOVE', (reqid, path) => {
      ops.push({ op: 'REMOVE', path: clientPathOf(path) });
      fs.unlink(local(path), (err) => sftp.status(reqid, err ? statusFor(err) : STATUS_CODE.OK));
    });
    sftp.on('MKDIR', (reqid, path) => {
      ops.push({ op: 'MKDIR', path: clientPathOf(path) });
      fs.mkdir(local(path), (err) => sftp.status(reqid, err ? statusFor(err) : STATUS_CODE.OK));
    });
    sftp.on('RMDIR', (reqid, path) => {
      ops.push({ op: 'RMDIR', path: clientPathOf(path) });
      fs.rmdir(local(path), (err) => sftp.status(reqid, err ? statusFor(err) : STATUS_CODE.OK));
    });
    sftp.on('close', () => {
      for (const h of handles.values()) if (h.kind === 'file') fs.close(h.fd, () => undefined);
      handles.clear();
    });
  }

  await new Promise<void>((res, rej) => {
    server.once('error', rej);
    server.listen(0, '127.0.0.1', () => res());
  });
  const port = (server.address() as AddressInfo).port;

  return {
    host: '127.0.0.1',
    port,
    username,
    password,
    root,
    fingerprint,
    fingerprintHex,
    ops,
    connections: () => connectionCount,
    authAttempts,
    local,
    close: async () => {
      for (const c of live) c.end();
      await new Promise<void>((res) => server.close(() => res()));
      await rm(root, { recursive: true, force: true });
    },
  };
}
