import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { X12dError } from '../../src/errors.js';
import { CONFIG_ERROR_CODE, loadConfig, resolveSecret, type ConfigIssue } from '../../src/config/index.js';

const dir = mkdtempSync(join(tmpdir(), 'x12d-config-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function writeJson(name: string, value: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, typeof value === 'string' ? value : JSON.stringify(value, null, 2));
  return path;
}

function configError(f: () => unknown): X12dError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(X12dError);
    return e as X12dError;
  }
  throw new Error('expected a configuration error');
}

const FINGERPRINT = `SHA256:${'q'.repeat(43)}`;
const goodPartner = {
  id: 'acme',
  name: 'Acme Clearinghouse',
  isaQualifier: 'ZZ',
  isaId: 'ACME',
  sftp: { host: 'sftp.acme.test', username: 'clinic', password: { env: 'ACME_SFTP_PASSWORD' }, hostKeySha256: FINGERPRINT, inbound: '/out', outbound: '/in' },
};

describe('loadConfig', () => {
  it('gives the defaults when there is no file and no environment', () => {
    const config = loadConfig({ env: {}, cwd: dir });
    expect(config).toEqual({ dataDir: './.data', database: { poolMax: 10 }, log: { level: 'info' }, partners: [], dropFolders: [] });
    expect(config.database.url).toBeUndefined();
  });

  it('reads the file, then lets the environment win', () => {
    const file = writeJson('a.json', { dataDir: '/var/lib/x12d', database: { url: 'postgres://file@db/x12d' }, log: { level: 'debug' }, partners: [goodPartner] });
    const config = loadConfig({ file, env: { DATABASE_URL: 'postgres://env@db/x12d', X12D_DATA_DIR: '/srv/x12d' } });
    expect(config.database.url).toBe('postgres://env@db/x12d');
    expect(config.dataDir).toBe('/srv/x12d');
    expect(config.log.level).toBe('debug');
    expect(config.partners[0].sftp).toMatchObject({ port: 22, pollSeconds: 60, password: { env: 'ACME_SFTP_PASSWORD' } });
  });

  it('finds config/x12d.json under the working folder, or the file X12D_CONFIG names', () => {
    const cwd = join(dir, 'project');
    mkdirSync(join(cwd, 'config'), { recursive: true });
    writeFileSync(join(cwd, 'config', 'x12d.json'), JSON.stringify({ dataDir: '/from/default/file' }));
    expect(loadConfig({ env: {}, cwd }).dataDir).toBe('/from/default/file');
    const other = writeJson('other.json', { dataDir: '/from/x12d_config' });
    expect(loadConfig({ env: { X12D_CONFIG: other }, cwd }).dataDir).toBe('/from/x12d_config');
  });

  it('lists every problem with its path in one error', () => {
    const file = writeJson('bad.json', {
      dataDr: './typo',
      log: { level: 'loud' },
      partners: [
        {
          id: 'has space',
          name: '',
          isaQualifier: 'Z',
          isaId: 'X',
          sftp: { host: 'h', port: 'twenty-two', username: 'u', password: 'hunter2-inline-secret', hostKeySha256: 'not-a-fingerprint', inbound: '/in', outbound: '/out', pollSeconds: 1 },
        },
        { id: 'twin', name: 'Twin', isaQualifier: 'ZZ', isaId: 'T' },
        { id: 'twin', name: 'Twin again', isaQualifier: 'ZZ', isaId: 'T', sftp: { host: 'h', username: 'u', hostKeySha256: FINGERPRINT, inbound: '/i', outbound: '/o' } },
      ],
      dropFolders: [{ path: '/drop', kind: 'pdf', partner: 'nobody' }, { path: '/drop' }, { path: '/drop2', outbound: '/answers' }],
      feeSchedule: {},
    });
    const e = configError(() => loadConfig({ file, env: { DATABASE_URL: 'mysql://nope' } }));
    expect(e.code).toBe(CONFIG_ERROR_CODE);
    const issues = e.details.issues as ConfigIssue[];
    const paths = issues.map((i) => i.path).sort();
    expect(paths).toEqual(
      [
        'dataDr',
        'database.url',
        'dropFolders[0].kind',
        'dropFolders[0].partner',
        'dropFolders[1].path',
        'dropFolders[2].outbound',
        'feeSchedule.file',
        'log.level',
        'partners[0].id',
        'partners[0].isaQualifier',
        'partners[0].name',
        'partners[0].sftp.hostKeySha256',
        'partners[0].sftp.password',
        'partners[0].sftp.pollSeconds',
        'partners[0].sftp.port',
        'partners[2].id',
        'partners[2].sftp',
      ].sort(),
    );
    for (const p of paths) expect(e.message).toContain(`  ${p}: `);
    expect(e.message).toContain(`has ${issues.length} problems`);
    expect(issues.find((i) => i.path === 'database.url')!.message).toContain('set by DATABASE_URL');
    expect(issues.find((i) => i.path === 'partners[0].sftp.password')!.message).toContain('never the secret itself');
    // A secret written inline is refused without being repeated anywhere.
    expect(JSON.stringify({ message: e.message, details: e.details })).not.toContain('hunter2');
  });

  it('reports a file that is not JSON by position, without quoting it', () => {
    const file = writeJson('broken.json', '{\n  "database": { "url": s3cr3t }\n}');
    const e = configError(() => loadConfig({ file, env: {} }));
    expect(e.message).toMatch(/not valid JSON/);
    expect(e.message).not.toContain('s3cr3t');
    const missing = configError(() => loadConfig({ file: join(dir, 'nope.json'), env: {} }));
    expect(missing.message).toContain('ENOENT');
  });

  it('returns a deeply frozen configuration', () => {
    const file = writeJson('frozen.json', { partners: [goodPartner], dropFolders: [{ path: '/drop', partner: 'acme' }] });
    const config = loadConfig({ file, env: {} });
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.database)).toBe(true);
    expect(Object.isFrozen(config.partners)).toBe(true);
    expect(Object.isFrozen(config.partners[0].sftp!.password)).toBe(true);
    expect(Object.isFrozen(config.dropFolders[0])).toBe(true);
    expect(() => {
      (config as { dataDir: string }).dataDir = '/elsewhere';
    }).toThrow(TypeError);
    expect(() => {
      (config.partners as unknown as unknown[]).push({});
    }).toThrow(TypeError);
    expect(config.dropFolders[0].kind).toBe('x12');
  });
});

describe('secrets by reference', () => {
  it('keeps only the reference in the configuration and reads the secret when asked', async () => {
    const keyFile = join(dir, 'id_ed25519');
    writeFileSync(keyFile, '-----BEGIN KEY-----\nabc\n-----END KEY-----\n');
    const file = writeJson('secrets.json', {
      partners: [{ ...goodPartner, sftp: { ...goodPartner.sftp, password: undefined, privateKey: { file: keyFile }, passphrase: { env: 'KEY_PASS' } } }],
    });
    const env = { KEY_PASS: 'correct horse' };
    const config = loadConfig({ file, env });
    expect(JSON.stringify(config)).not.toContain('correct horse');
    expect(JSON.stringify(config)).not.toContain('BEGIN KEY');
    const sftp = config.partners[0].sftp!;
    expect(await resolveSecret(sftp.passphrase!, env)).toBe('correct horse');
    expect(await resolveSecret(sftp.privateKey!, env)).toBe('-----BEGIN KEY-----\nabc\n-----END KEY-----');
    await expect(resolveSecret({ env: 'MISSING_VAR' }, env)).rejects.toThrow(/MISSING_VAR is not set/);
  });
});

describe('config/x12d.example.json', () => {
  it('is a valid configuration: an SFTP partner, drop folders (one with an outbound folder), file bytes in the database', () => {
    const file = join(import.meta.dirname, '..', '..', 'config', 'x12d.example.json');
    const config = loadConfig({ file, env: {} });
    expect(config.database).toMatchObject({ schema: 'x12d', fileContent: 'database' });
    expect(config.partners.map((p) => [p.id, p.sftp !== undefined])).toEqual([
      ['acme', true],
      ['clinic', false],
    ]);
    expect(config.dropFolders[1]).toMatchObject({ partner: 'clinic', outbound: '/srv/x12d/answers/clinic', kind: 'x12' });
  });
});
