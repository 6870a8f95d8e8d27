import { mkdir, mkdtemp, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startDaemon, type Daemon } from '../../src/app/daemon.js';
import { X12dConfigSchema, type X12dConfigInput } from '../../src/config/schema.js';
import { autocommit, readFileBytes } from '../../src/db/index.js';
import { collectingLogger, waitFor } from '../transport/helpers.js';
import { startTestSftpServer, type TestSftpServer } from '../transport/sftp-server.js';
import { sample } from './scenarios.js';

// Every inbound route, end to end through the daemon on the embedded database: the same files through a
// drop folder and through an SFTP mailbox, one at a time (a 277CA finds the claims of the 837P before it),
// checked in the database rows and in where the files went.
const WAIT = 30_000;

type Row = Record<string, unknown>;
const q = (d: Daemon, sql: string, params: unknown[] = []) => autocommit(d.storage).query<Row>(sql, params);

const listing = async (dir: string): Promise<string[]> => {
  try {
    return (await readdir(dir)).sort();
  } catch {
    return [];
  }
};

/** Writes to a temp name, then renames: what the drop folder and the mailbox poller expect of writers. */
async function place(folder: string, name: string, bytes: Uint8Array | string): Promise<void> {
  const tmp = join(folder, `.${name}.part`);
  await writeFile(tmp, bytes);
  await rename(tmp, join(folder, name));
}

/** The sample 837P with patient control numbers the sample 277CA answers (two rejected, one accepted). */
const claims837 = (): Buffer =>
  Buffer.from(
    sample('837p/professional-claims.x12').toString('latin1').replaceAll('PMC24031501', 'DSP24031201').replaceAll('PMC24031502', 'DSP24031202').replaceAll('PMC24022003', 'DSP24031101'),
    'latin1',
  );

let server: TestSftpServer;
let work: string;
const daemons: Daemon[] = [];
beforeAll(async () => {
  server = await startTestSftpServer();
  work = await mkdtemp(join(tmpdir(), 'x12d-daemon-routes-'));
});
afterEach(async () => {
  await Promise.all(daemons.splice(0).map((d) => d.stop()));
});
afterAll(async () => {
  await server?.close();
  if (work !== undefined) await rm(work, { recursive: true, force: true });
});

type Via = 'drop folder' | 'SFTP';

describe.each<Via>(['drop folder', 'SFTP'])('daemon routes through a %s', (via) => {
  it('835, 277CA, 999, 271, 278 and 837P (answered with a 999 and a 277CA uploaded to the partner), and a file that is not X12', async () => {
    const key = via === 'SFTP' ? 'sftp' : 'drop';
    const remote = { inbound: `/${key}/inbound`, outbound: `/${key}/outbound`, archive: `/${key}/archive` };
    for (const d of Object.values(remote)) await mkdir(server.local(d), { recursive: true });
    const acmeFolder = join(work, key, 'acme');
    const clinicFolder = join(work, key, 'clinic');
    const clinicOutbound = join(work, key, 'clinic-outbound');
    const input: X12dConfigInput = {
      dataDir: 'memory://',
      log: { level: 'silent' },
      partners: [
        {
          id: 'acme',
          name: 'Acme Clearinghouse',
          isaQualifier: 'ZZ',
          isaId: 'ACME',
          sftp: { host: server.host, port: server.port, username: server.username, password: { env: 'ACME_SFTP_PASSWORD' }, hostKeySha256: server.fingerprint, ...remote },
        },
        // A partner whose files come and go through local folders: no mailbox.
        { id: 'clinic', name: 'Walk-in Clinic', isaQualifier: 'ZZ', isaId: 'CLINIC' },
      ],
      dropFolders:
        via === 'drop folder'
          ? [
              { path: acmeFolder, partner: 'acme' },
              { path: clinicFolder, partner: 'clinic', outbound: clinicOutbound },
            ]
          : [],
    };
    const log = collectingLogger();
    const d = await startDaemon(X12dConfigSchema.parse(input), {
      env: { ACME_SFTP_PASSWORD: server.password },
      logger: log.logger,
      pollIntervalMs: 200,
      sendIntervalMs: 200,
      stabilityThresholdMs: 200,
      workDir: join(work, key, 'work'),
    });
    daemons.push(d);

    /** Hands a file to acme's intake and waits until it has been moved (drop folder) or archived (SFTP); returns its row. */
    const deliver = async (name: string, bytes: Uint8Array | string): Promise<Row> => {
      if (via === 'SFTP') {
        await place(server.local(remote.inbound), name, bytes);
        await waitFor(async () => (await listing(server.local(remote.archive))).includes(name), `${name} archived`, WAIT);
      } else {
        await place(acmeFolder, name, bytes);
        await waitFor(
          async () => (await listing(join(acmeFolder, '.processed'))).includes(name) || (await listing(join(acmeFolder, '.failed'))).includes(name),
          `${name} moved out of the drop folder`,
          WAIT,
        );
      }
      const [row] = await q(d, `select f.id, f.status, f.source, f.last_error, tp.code as partner from file f left join trading_partner tp on tp.id = f.partner_id where f.direction = 'inbound' and f.name = ?`, [name]);
      return row;
    };
    const source = via === 'SFTP' ? 'sftp' : 'drop';

    // Drop folders only: an 837P from the partner without a mailbox. Its answers go to the outbound
    // folder of its drop folder.
    let clinicAnswers: Row[] = [];
    if (via === 'drop folder') {
      await place(clinicFolder, 'clinic.837', sample('837p/claim-details.x12'));
      await waitFor(async () => (await listing(join(clinicFolder, '.processed'))).includes('clinic.837'), 'clinic.837 processed', WAIT);
      const [clinic] = await q(d, `select id from file where name = 'clinic.837'`);
      clinicAnswers = await q(d, `select f.id, f.name, tp.code as partner from file f join trading_partner tp on tp.id = f.partner_id where f.direction = 'outbound' order by f.name`);
      expect(clinicAnswers.map((f) => [f.name, f.partner])).toEqual([
        [`277CA-${clinic.id}.x12`, 'clinic'],
        [`999-${clinic.id}.x12`, 'clinic'],
      ]);
    }

    // 837P: claims stored, the 999 and 277CA uploaded to acme's outbound folder (temp name, then renamed).
    const claimsFile = await deliver('claims.837', claims837());
    expect(claimsFile).toMatchObject({ status: 'processed', source, partner: 'acme' });
    const claims = await q(d, `select patient_control_number as pcn, status from claim where file_id = ? order by 1`, [claimsFile.id]);
    expect(claims).toEqual([
      { pcn: 'DSP24031101', status: 'accepted' },
      { pcn: 'DSP24031201', status: 'accepted' },
      { pcn: 'DSP24031202', status: 'accepted' },
    ]);
    const answers = [`277CA-${claimsFile.id}.x12`, `999-${claimsFile.id}.x12`];
    await waitFor(async () => {
      const sent = await q(d, `select name from file where direction = 'outbound' and status = 'sent' and name = any(?::text[]) order by name`, [answers]);
      return sent.length === 2 && sent.every((f, i) => f.name === answers[i]);
    }, 'the 999 and 277CA sent', WAIT);
    expect(await listing(server.local(remote.outbound))).toEqual(answers);
    for (const name of answers) {
      const [f] = await q(d, `select sha256 from file where name = ?`, [name]);
      expect(Buffer.compare(await readFile(server.local(`${remote.outbound}/${name}`)), await readFileBytes(d.storage, { sha256: String(f.sha256) })), name).toBe(0);
      expect(server.ops.some((o) => o.op === 'RENAME' && o.target === `${remote.outbound}/${name}` && o.path.endsWith('.part'))).toBe(true);
    }
    expect((await readFile(server.local(`${remote.outbound}/999-${claimsFile.id}.x12`), 'latin1'))).toContain('IK5*A');
    expect((await readFile(server.local(`${remote.outbound}/277CA-${claimsFile.id}.x12`), 'latin1')).match(/STC\*A1:20/g)).toHaveLength(3);
    if (via === 'drop folder') {
      // The clinic's answers went to its outbound folder, complete, under their own names (no temp left).
      const names = clinicAnswers.map((f) => String(f.name)).sort();
      await waitFor(async () => (await listing(clinicOutbound)).length === 2, "the clinic's 999 and 277CA in its outbound folder", WAIT);
      expect(await listing(clinicOutbound)).toEqual(names);
      for (const f of clinicAnswers) {
        const [row] = await q(d, `select sha256 from file where id = ?`, [f.id]);
        expect(Buffer.compare(await readFile(join(clinicOutbound, String(f.name))), await readFileBytes(d.storage, { sha256: String(row.sha256) }))).toBe(0);
      }
      await waitFor(async () => {
        const rows = await q(d, `select status from file where id = any(?::bigint[])`, [clinicAnswers.map((f) => f.id)]);
        return rows.every((r) => r.status === 'sent');
      }, "the clinic's answers marked sent", WAIT);
      expect((await listing(clinicFolder)).filter((n) => !n.startsWith('.'))).toEqual([]);
    }

    // 277CA: accepted claims get an event, rejected ones go to the denial queue, both linked to the stored claims.
    const ack277 = await deliver('acks.277', sample('277ca/claim-acknowledgment.x12'));
    expect(ack277).toMatchObject({ status: 'processed', source });
    const events = await q(d, `select c.patient_control_number as pcn, e.kind from claim_status_event e join claim c on c.id = e.claim_id where e.file_id = ? order by 1`, [ack277.id]);
    expect(events).toEqual([
      { pcn: 'DSP24031101', kind: 'accepted' },
      { pcn: 'DSP24031201', kind: 'rejected' },
      { pcn: 'DSP24031202', kind: 'rejected' },
    ]);
    expect(await q(d, `select count(*)::int as n from claim_status_event where file_id = ?`, [ack277.id])).toEqual([{ n: 7 }]);
    const rejected277 = await q(d, `select d.patient_control_number as pcn, d.root_cause, d.reason_codes, c.status as claim_status from denial_queue_item d left join claim c on c.id = d.claim_id where d.source = '277CA' order by 1`);
    expect(rejected277).toEqual([
      { pcn: 'DSP24031201', root_cause: 'front_end_rejection', reason_codes: ['A3:400'], claim_status: 'rejected' },
      { pcn: 'DSP24031202', root_cause: 'front_end_rejection', reason_codes: ['A6:145:82'], claim_status: 'rejected' },
      { pcn: 'SPA24031302', root_cause: 'front_end_rejection', reason_codes: ['A7:164:IL'], claim_status: null },
      { pcn: 'SPA24031401', root_cause: 'front_end_rejection', reason_codes: ['A8:453'], claim_status: null },
    ]);
    expect(await q(d, `select status from claim where patient_control_number = 'DSP24031101'`)).toEqual([{ status: 'accepted' }]);

    // 999 rejecting a set: the claim it names goes to the denial queue with the errors in words.
    const ack999 = await deliver('ack.999', sample('999/ack-rejected.x12'));
    expect(ack999).toMatchObject({ status: 'processed', source });
    const rejected999 = await q(d, `select patient_control_number as pcn, root_cause, reason_codes, description from denial_queue_item where source = '999'`);
    expect(rejected999).toHaveLength(1);
    expect(rejected999[0]).toMatchObject({ pcn: 'PMC24031501', root_cause: 'front_end_rejection' });
    expect(rejected999[0].reason_codes).toContain('IK4:DMG02:8');
    expect(String(rejected999[0].description)).toMatch(/invalid date/);

    // 835: one posting per claim payment, the CO-197 denial as authorization.
    const remit = await deliver('remit.835', sample('835/remittance.x12'));
    expect(remit).toMatchObject({ status: 'processed', source });
    const postings = await q(d, `select p.patient_control_number as pcn from posting_queue_item p join remittance rm on rm.id = p.remittance_id where rm.file_id = ? order by 1`, [remit.id]);
    expect(postings.map((p) => p.pcn)).toEqual(['PMC24022003', 'PMC24022003', 'PMC24031501', 'PMC24031502']);
    const denied835 = await q(
      d,
      `select d.patient_control_number as pcn, d.root_cause, d.reason_codes from denial_queue_item d join claim_payment cp on cp.id = d.claim_payment_id join remittance rm on rm.id = cp.remittance_id where rm.file_id = ?`,
      [remit.id],
    );
    expect(denied835).toEqual([{ pcn: 'PMC24031502', root_cause: 'authorization', reason_codes: ['CO-197', 'M62'] }]);

    // 271: one eligibility response per subscriber or dependent answered.
    const elig = await deliver('elig.271', sample('271/eligibility-active.x12'));
    expect(elig).toMatchObject({ status: 'processed', source });
    expect(await q(d, `select trace_number, coverage_active from eligibility_response where file_id = ? order by 1`, [elig.id])).toEqual([
      { trace_number: 'ELG0304-0001', coverage_active: true },
      { trace_number: 'ELG0304-0002', coverage_active: true },
    ]);

    // 278 response: the prior authorization, certified, with its dates.
    const auth = await deliver('auth.278', sample('278resp/authorization-certified.x12'));
    expect(auth).toMatchObject({ status: 'processed', source });
    const [pa] = await q(d, `select status, certification_number, effective_from::text as "from", effective_to::text as "to" from prior_authorization where response_file_id = ?`, [auth.id]);
    expect(pa).toEqual({ status: 'approved', certification_number: 'AHP2402280417', from: '2024-03-01', to: '2024-05-31' });

    // Not X12: kept as failed; moved to .failed, or archived from the mailbox (its bytes are recorded).
    const junk = await deliver('junk.x12', sample('broken/not-x12.x12'));
    expect(junk).toMatchObject({ status: 'failed', source });
    expect(String(junk.last_error)).toMatch(/not an X12 file/);

    const names = ['ack.999', 'acks.277', 'auth.278', 'claims.837', 'elig.271', 'junk.x12', 'remit.835'];
    if (via === 'SFTP') {
      expect(await listing(server.local(remote.inbound))).toEqual([]);
      expect(await listing(server.local(remote.archive))).toEqual(names);
    } else {
      expect((await listing(acmeFolder)).filter((n) => !n.startsWith('.'))).toEqual([]);
      expect(await listing(join(acmeFolder, '.processed'))).toEqual(names.filter((n) => n !== 'junk.x12'));
      expect(await listing(join(acmeFolder, '.failed'))).toEqual(['junk.x12']);
      // Nothing was fetched from the mailbox, whose inbound folder stayed empty.
      expect(await listing(server.local(remote.archive))).toEqual([]);
    }
    expect(d.status().ingested).toMatchObject({ processed: via === 'SFTP' ? 6 : 7, failed: 1, duplicate: 0, errors: 0 });
    // acme's two answers, and through a drop folder also the clinic's two.
    expect(d.status().sender).toMatchObject({ sent: via === 'drop folder' ? 4 : 2, failed: 0 });
    // Logs carry ids and codes, never the patients in the files.
    expect(log.text()).not.toMatch(/DOE|SMITH|BROWN/);
  });
});
