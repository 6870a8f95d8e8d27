import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdtempSync, readFileSync as readText } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { ingestFile, processFile } from '../../src/app/ingest.js';
import { readForIngest } from '../../src/app/read.js';
import { autocommit, readFileBytes, recordInboundFile, type Storage } from '../../src/db/index.js';
import { readDocuments, writeDocuments } from '../../src/documents/convert.js';
import { documentRegistry } from '../../src/documents/index.js';
import type { ClaimAcknowledgment } from '../../src/documents/claim-acknowledgment.js';
import type { Remittance } from '../../src/documents/remittance.js';
import { negatedClaim } from './remittances.js';
import { runIngest, runReplay } from '../../src/cli/ingest.js';
import { replayFiles } from '../../src/app/replay.js';
import { listQueue } from '../../src/app/queues.js';
import { runQueue } from '../../src/cli/queue.js';

const SAMPLES = join(import.meta.dirname, '..', '..', 'samples');
export const sample = (p: string): Buffer => readFileSync(join(SAMPLES, p));

type Row = Record<string, unknown>;

export const TABLES = [
  'file',
  'interchange',
  'functional_group',
  'transaction_set',
  'claim',
  'service_line',
  'claim_status_event',
  'remittance',
  'claim_payment',
  'service_payment',
  'adjustment',
  'provider_adjustment',
  'eligibility_response',
  'prior_authorization',
  'denial_queue_item',
  'posting_queue_item',
] as const;

export async function counts(storage: Storage): Promise<Record<string, number>> {
  const db = autocommit(storage);
  const out: Record<string, number> = {};
  for (const t of TABLES) out[t] = Number((await db.query<{ n: string }>(`select count(*) as n from ${t}`))[0].n);
  return out;
}

const q = (storage: Storage, sql: string, params: unknown[] = []) => autocommit(storage).query<Row>(sql, params);

async function remittanceRecord(): Promise<Remittance> {
  let rec: Remittance | undefined;
  await readDocuments(sample('835/remittance.x12'), documentRegistry(), (d) => {
    rec = d.record as Remittance;
  });
  return rec!;
}


/** An 835 with the given claims, a fresh trace number, and its payment the sum paid. */
async function remittanceX12(base: Remittance, trace: string, claims: Remittance['claims']): Promise<Buffer> {
  let cents = 0n;
  for (const c of claims) cents += BigInt(c.paid.replace('.', ''));
  const abs = cents < 0n ? -cents : cents;
  const amount = `${cents < 0n ? '-' : ''}${abs / 100n}.${String(abs % 100n).padStart(2, '0')}`;
  const rec: Remittance = { ...base, trace: { ...base.trace, number: trace }, payment: { ...base.payment, amount }, claims, providerAdjustments: [] };
  const parts: string[] = [];
  await writeDocuments({ documents: [{ set: '835', guide: '005010X221A1', record: rec }] }, documentRegistry(), (s) => parts.push(s), { partner: 'TEST' });
  return Buffer.from(parts.join(''), 'latin1');
}

/** The ingest scenarios, on whichever storage (embedded or PostgreSQL) the suite started and migrated. */
export function ingestScenarios(get: () => Storage): void {
  it('ingests the sample 835: one posting per claim with the exact PR split, the CO-197 denial as authorization', async () => {
    const storage = get();
    const r = await ingestFile(storage, { bytes: sample('835/remittance.x12'), name: 'remittance.x12', source: 'cli' });
    expect(r.status).toBe('processed');
    expect(r.duplicate).toBe(false);
    expect(r.transactions).toMatchObject([{ set: '835', type: 'Remittance', status: 'routed', claims: 4, postings: 4 }]);
    const [file] = await q(storage, `select status, processed_at from file where id = ?`, [r.fileId]);
    expect(file.status).toBe('processed');
    const postings = await q(
      storage,
      `select p.* from posting_queue_item p join remittance rm on rm.id = p.remittance_id where rm.file_id = ? order by p.id`,
      [r.fileId],
    );
    expect(postings).toHaveLength(4);
    const paid = postings.find((p) => p.patient_control_number === 'PMC24031501')!;
    expect(paid).toMatchObject({ paid_amount: '724.00', deductible: '300.00', coinsurance: '181.00', copay: '25.00', other_patient_responsibility: '0.00', contractual_adjustment: '920.00', status: 'open' });
    const denials = await q(
      storage,
      `select d.* from denial_queue_item d join claim_payment cp on cp.id = d.claim_payment_id join remittance rm on rm.id = cp.remittance_id where rm.file_id = ?`,
      [r.fileId],
    );
    const denied = denials.find((d) => d.patient_control_number === 'PMC24031502')!;
    expect(denied).toBeDefined();
    expect(denied.source).toBe('835');
    expect(denied.root_cause).toBe('authorization');
    expect(denied.reason_codes).toContain('CO-197');
    expect(String(denied.action).length).toBeGreaterThan(10);
    expect(denied.amount).toBe('1800.00');
    // Provider-level adjustments (PLB) and the envelopes are stored with the remittance.
    const plb = await q(storage, `select pa.reason_code, pa.amount from provider_adjustment pa join remittance rm on rm.id = pa.remittance_id where rm.file_id = ? order by pa.id`, [r.fileId]);
    expect(plb).toEqual([
      { reason_code: 'WO', amount: '150.00' },
      { reason_code: 'L6', amount: '-12.50' },
    ]);
    const sets = await q(storage, `select ts.set_id, ts.control_number, ts.status, g.control_number as gs, i.control_number as isa from transaction_set ts join functional_group g on g.id = ts.group_id join interchange i on i.id = g.interchange_id where i.file_id = ?`, [r.fileId]);
    expect(sets).toEqual([{ set_id: '835', control_number: '0001', status: 'processed', gs: '5105', isa: '000005105' }]);
  });

  it('posts an 835 that does not balance, and keeps on its set what validation found, in words and without values', async () => {
    const storage = get();
    const base = sample('invalid/835/payment-out-of-balance.x12').toString('latin1');
    // A trace of its own, so the remittance is new whatever ran before.
    const bytes = Buffer.from(base.replace(/TRN\*1\*([^*~]+)/, `TRN*1*UNBAL${randomBytes(4).toString('hex')}`), 'latin1');
    const r = await ingestFile(storage, { bytes, name: 'unbalanced.835', source: 'cli' });
    expect(r.status).toBe('processed');
    expect(r.transactions[0]).toMatchObject({ status: 'routed', findings: 1 });
    expect(r.postings).toBeGreaterThan(0);
    const [set] = await q(storage, `select findings from transaction_set t join functional_group g on g.id = t.group_id join interchange i on i.id = g.interchange_id where i.file_id = ?`, [r.fileId]);
    expect(set.findings).toEqual([{ level: 3, severity: 'error', code: 'PAYMENT_OUT_OF_BALANCE', segment: 'BPR', position: 2, element: 2, loop: expect.any(String), message: expect.any(String) }]);
    // Words, not the amounts or names of the file.
    expect((set.findings as { message: string }[])[0].message).toMatch(/balance|BPR02/i);
    // The posting queue shows it on each of the remittance's items.
    const trace = /TRN\*1\*([^*~]+)/.exec(bytes.toString('latin1'))![1];
    const items = (await listQueue(storage, 'postings', { limit: 100_000 })).filter((p) => p.traceNumber === trace);
    expect(items.length).toBe(r.postings);
    expect(items.every((p) => p.remittanceFindings === 1)).toBe(true);
    // A clean file's set keeps nothing.
    const cleanBytes = Buffer.from(sample('835/remittance.x12').toString('latin1').replace(/TRN\*1\*([^*~]+)/, `TRN*1*CLEAN${randomBytes(4).toString('hex')}`), 'latin1');
    const clean = await ingestFile(storage, { bytes: cleanBytes, name: 'clean.835', source: 'cli' });
    expect(clean.transactions[0].findings).toBe(0);
    const rows = await q(storage, `select t.findings from transaction_set t join functional_group g on g.id = t.group_id join interchange i on i.id = g.interchange_id where i.file_id = ?`, [clean.fileId]);
    expect(rows).toHaveLength(1);
    expect(rows.every((x) => x.findings === null)).toBe(true);
    const cleanTrace = /TRN\*1\*([^*~]+)/.exec(cleanBytes.toString('latin1'))![1];
    expect((await listQueue(storage, 'postings', { limit: 100_000 })).filter((p) => p.traceNumber === cleanTrace).every((p) => p.remittanceFindings === 0)).toBe(true);
  });

  it('records the same file again as a duplicate and writes nothing else', async () => {
    const storage = get();
    const before = await counts(storage);
    const r = await ingestFile(storage, { bytes: sample('835/remittance.x12'), name: 'again.x12', source: 'drop' });
    expect(r.status).toBe('duplicate');
    expect(r.duplicate).toBe(true);
    expect(r.duplicateOfId).not.toBeNull();
    expect(r.postings).toBe(0);
    const after = await counts(storage);
    expect(after).toEqual({ ...before, file: before.file + 1 });
  });

  it('never posts the same remittance (payer and TRN02) twice, even in different bytes', async () => {
    const storage = get();
    const base = await remittanceRecord();
    const trace = `DUP${randomBytes(4).toString('hex')}`;
    const a = await ingestFile(storage, { bytes: await remittanceX12(base, trace, base.claims.slice(0, 1)), name: 'a.x12', source: 'cli' });
    expect(a.status).toBe('processed');
    expect(a.postings).toBe(1);
    const before = await counts(storage);
    // Different bytes (other claims), same payer and trace number.
    const b = await ingestFile(storage, { bytes: await remittanceX12(base, trace, base.claims.slice(0, 2)), name: 'b.x12', source: 'cli' });
    expect(b.status).toBe('processed');
    expect(b.transactions[0].status).toBe('duplicate');
    expect(b.postings).toBe(0);
    const after = await counts(storage);
    expect(after.posting_queue_item).toBe(before.posting_queue_item);
    expect(after.claim_payment).toBe(before.claim_payment);
  });

  it('posts a reversal negatively and marks the earlier posting reversed', async () => {
    const storage = get();
    const base = await remittanceRecord();
    const reversal = base.claims.find((c) => c.status === '22')!;
    const pcn = `REV${randomBytes(4).toString('hex')}`;
    const original = { ...negatedClaim(reversal, '1'), patientControlNumber: pcn };
    const first = await ingestFile(storage, { bytes: await remittanceX12(base, `ORIG${pcn}`, [original]), name: 'orig.x12', source: 'cli' });
    expect(first.status).toBe('processed');
    const [earlier] = await q(storage, `select p.id, p.paid_amount, p.status from posting_queue_item p join remittance rm on rm.id = p.remittance_id where rm.file_id = ?`, [first.fileId]);
    expect(earlier).toMatchObject({ paid_amount: '1280.00', status: 'open' });
    const second = await ingestFile(storage, { bytes: await remittanceX12(base, `REV${pcn}`, [{ ...reversal, patientControlNumber: pcn }]), name: 'rev.x12', source: 'cli' });
    expect(second.status).toBe('processed');
    const [rev] = await q(storage, `select p.* from posting_queue_item p join remittance rm on rm.id = p.remittance_id where rm.file_id = ?`, [second.fileId]);
    expect(rev).toMatchObject({ paid_amount: '-1280.00', coinsurance: '-320.00', contractual_adjustment: '-1250.00', reverses_id: String(earlier.id) });
    const [now] = await q(storage, `select status from posting_queue_item where id = ?`, [earlier.id]);
    expect(now.status).toBe('reversed');
    // A reversal is not a denial.
    expect(second.denials).toBe(0);
  });

  it('answers an inbound 837P with a 999 and a 277CA, then routes the payer 277CA rejections to the denial queue in words', async () => {
    const storage = get();
    // The sample 837 with the patient control numbers the sample 277CA answers.
    const text = sample('837p/professional-claims.x12').toString('latin1').replaceAll('PMC24031501', 'DSP24031201').replaceAll('PMC24031502', 'DSP24031202');
    const claims = await ingestFile(storage, { bytes: Buffer.from(text, 'latin1'), name: 'claims.x12', source: 'cli' });
    expect(claims.status).toBe('processed');
    expect(claims.transactions).toMatchObject([{ set: '837', status: 'routed', claims: 3 }]);
    expect(claims.outboundFileIds).toHaveLength(2);
    const outbound = await q(storage, `select id, direction, status, name, sha256 from file where id = any(?::bigint[]) order by id`, [claims.outboundFileIds]);
    expect(outbound.map((f) => [f.direction, f.status])).toEqual([
      ['outbound', 'queued'],
      ['outbound', 'queued'],
    ]);
    // The 999 accepts the set; the 277CA says A1:20 for each claim, and both read back without findings.
    const ack999 = await readFileBytes(storage, { sha256: String(outbound[0].sha256) });
    expect(ack999.toString('latin1')).toContain('IK5*A');
    const ack277 = await readForIngest(await readFileBytes(storage, { sha256: String(outbound[1].sha256) }), documentRegistry());
    expect(ack277.validation.valid).toBe(true);
    const record = ack277.sets[0].record as ClaimAcknowledgment;
    const statuses = record.providers.flatMap((p) => p.claims.map((c) => `${c.patientControlNumber} ${c.statuses[0].category}:${c.statuses[0].status}`));
    expect(statuses).toEqual(['DSP24031201 A1:20', 'DSP24031202 A1:20', 'PMC24022003 A1:20']);

    const ack = await ingestFile(storage, { bytes: sample('277ca/claim-acknowledgment.x12'), name: '277ca.x12', source: 'cli' });
    expect(ack.status).toBe('processed');
    expect(ack.denials).toBe(4);
    const denials = await q(storage, `select d.*, c.status as claim_status from denial_queue_item d left join claim c on c.id = d.claim_id where d.source = '277CA' order by d.id`);
    const byPcn = new Map(denials.map((d) => [d.patient_control_number, d]));
    const a3 = byPcn.get('DSP24031201')!;
    expect(a3.root_cause).toBe('front_end_rejection');
    expect(a3.claim_id).not.toBeNull();
    expect(a3.claim_status).toBe('rejected');
    expect(a3.reason_codes).toEqual(['A3:400']);
    expect(String(a3.description)).toMatch(/balance/i);
    expect(String(a3.action)).toMatch(/new claim/);
    const a6 = byPcn.get('DSP24031202')!;
    expect(a6.claim_id).not.toBeNull();
    expect(String(a6.description)).toMatch(/rendering provider/i);
    expect(byPcn.get('SPA24031302')!.reason_codes).toEqual(['A7:164:IL']);
    expect(byPcn.has('DSP24031101')).toBe(false);
    const events = await q(storage, `select kind, category_code, status_code from claim_status_event where file_id = ? order by id`, [ack.fileId]);
    expect(events.filter((e) => e.kind === 'accepted')).toHaveLength(3);
    expect(events.filter((e) => e.kind === 'rejected')).toHaveLength(4);
  });

  it('puts the claims of a 999-rejected set in the denial queue with the errors in words', async () => {
    const storage = get();
    const r = await ingestFile(storage, { bytes: sample('999/ack-rejected.x12'), name: '999.x12', source: 'cli' });
    expect(r.status).toBe('processed');
    expect(r.denials).toBe(1);
    const [d] = await q(storage, `select * from denial_queue_item where source = '999'`);
    expect(d).toMatchObject({ patient_control_number: 'PMC24031501', root_cause: 'front_end_rejection' });
    expect(d.reason_codes).toContain('IK4:DMG02:8');
    expect(String(d.description)).toMatch(/invalid date/);
    expect(String(d.description)).not.toContain('19701332');
  });

  it('stores 271 and 278 answers', async () => {
    const storage = get();
    const e = await ingestFile(storage, { bytes: sample('271/eligibility-rejected.x12'), name: '271.x12', source: 'cli' });
    expect(e.status).toBe('processed');
    expect(e.workItems).toBe(1);
    const [resp] = await q(storage, `select coverage_active, detail from eligibility_response where file_id = ?`, [e.fileId]);
    expect(resp.coverage_active).toBe(false);
    expect((resp.detail as { workItem: { kind: string } }).workItem.kind).toBe('rejected');
    const a = await ingestFile(storage, { bytes: sample('278resp/authorization-certified.x12'), name: '278.x12', source: 'cli' });
    expect(a.status).toBe('processed');
    const [auth] = await q(storage, `select status, certification_number, effective_from::text as f, effective_to::text as t from prior_authorization where response_file_id = ?`, [a.fileId]);
    expect(auth).toMatchObject({ status: 'approved', f: '2024-03-01', t: '2024-05-31' });
    expect(auth.certification_number).toBeTruthy();
  });

  it('keeps a file that is not X12 with status failed and its error, and goes on with the next', async () => {
    const storage = get();
    const bytes = sample('broken/not-x12.x12');
    const bad = await ingestFile(storage, { bytes, name: 'not-x12.x12', source: 'drop' });
    expect(bad.status).toBe('failed');
    expect(bad.error).toMatch(/not an X12 file/);
    const [row] = await q(storage, `select status, last_error, sha256, attempts from file where id = ?`, [bad.fileId]);
    expect(row).toMatchObject({ status: 'failed', attempts: 1 });
    expect(row.last_error).toBe(bad.error);
    expect(Buffer.compare(await readFileBytes(storage, { sha256: String(row.sha256) }), bytes)).toBe(0);
    expect(await q(storage, `select id from interchange where file_id = ?`, [bad.fileId])).toEqual([]);
    const next = await ingestFile(storage, { bytes: sample('278resp/authorization-not-certified.x12'), name: 'next.x12', source: 'drop' });
    expect(next.status).toBe('processed');
  });

  it('rolls everything back when routing fails in the middle, and finishes the work once when run again', async () => {
    const storage = get();
    const bytes = sample('835/check-payment.x12');
    const before = await counts(storage);
    const r = await ingestFile(storage, { bytes, name: 'check.x12', source: 'sftp' }, {
      onStage: (stage) => {
        if (stage === 'set-routed') throw new Error('injected fault after the 835 was written');
      },
    });
    expect(r.status).toBe('failed');
    expect(r.error).toMatch(/injected fault/);
    const after = await counts(storage);
    expect(after).toEqual({ ...before, file: before.file + 1 });
    const [row] = await q(storage, `select status, last_error from file where id = ?`, [r.fileId]);
    expect(row.status).toBe('failed');

    // Run again (an admin's replay, from the stored bytes): everything once.
    const [again] = await replayFiles(storage, [r.fileId], { actor: 'tester' });
    expect(again).toMatchObject({ replayed: true, from: 'failed', result: { status: 'processed', postings: 6 } });
    const done = await counts(storage);
    expect(done.posting_queue_item).toBe(before.posting_queue_item + 6);
    // A processed file is not run again, by replay or by the pipeline.
    expect(await replayFiles(storage, [r.fileId], { actor: 'tester' })).toEqual([{ fileId: r.fileId, replayed: false, reason: 'already processed' }]);
    const third = await processFile(storage, r.fileId, bytes, null);
    expect(third.status).toBe('processed');
    expect(await counts(storage)).toEqual(done);
    const [audit] = await q(storage, `select actor, detail from audit_event where action = 'replay' and target_id = ?`, [String(r.fileId)]);
    expect(audit).toEqual({ actor: 'tester', detail: { from: 'failed', to: 'processed' } });
  });

  it('runs a failed file again when the same bytes arrive again (its failure may have been the database\'s)', async () => {
    const storage = get();
    const base = await remittanceRecord();
    const bytes = await remittanceX12(base, `AGAIN${randomBytes(4).toString('hex')}`, base.claims.slice(0, 2));
    const failed = await ingestFile(storage, { bytes, name: 'again.x12', source: 'sftp' }, {
      onStage: (stage) => {
        if (stage === 'before-commit') throw new Error('injected database fault');
      },
    });
    expect(failed.status).toBe('failed');
    const again = await ingestFile(storage, { bytes, name: 'again.x12', source: 'sftp' });
    expect(again).toMatchObject({ duplicate: true, duplicateOfId: failed.fileId, processedFileId: failed.fileId, status: 'processed', postings: 2 });
    const third = await ingestFile(storage, { bytes, name: 'again.x12', source: 'sftp' });
    expect(third).toMatchObject({ status: 'duplicate', postings: 0 });
  });

  it('runs `x12d replay --failed` and `x12d replay ID`, refusing what cannot be replayed', async () => {
    const storage = get();
    const base = await remittanceRecord();
    const bytes = await remittanceX12(base, `REPLAY${randomBytes(4).toString('hex')}`, base.claims.slice(0, 1));
    const failed = await ingestFile(storage, { bytes, name: 'replay.x12', source: 'drop' }, {
      onStage: (stage) => {
        if (stage === 'set-routed') throw new Error('injected fault');
      },
    });
    expect(failed.status).toBe('failed');
    const outs: string[] = [];
    const errs: string[] = [];
    const run = (argv: string[]) => runReplay(argv, (s) => outs.push(s), (s) => errs.push(s), { storage, user: 'admin@test' });
    expect(await run(['--failed', '--json'])).toBeLessThanOrEqual(1);
    const report = JSON.parse(outs.join('')) as { files: { fileId: string; status: string; replayedFrom?: string; postings?: number }[] };
    expect(report.files.find((f) => f.fileId === String(failed.fileId))).toMatchObject({ status: 'processed', replayedFrom: 'failed', postings: 1 });
    outs.length = 0;
    expect(await run([String(failed.fileId)])).toBe(1);
    expect(outs.join('')).toBe(`file ${failed.fileId}: not replayed: already processed\n`);
    outs.length = 0;
    expect(await run(['999999999'])).toBe(1);
    expect(outs.join('')).toMatch(/not replayed: no such file/);
    expect(await run([])).toBe(2);
    expect(await run(['12', '--failed'])).toBe(2);
    expect(await run(['abc'])).toBe(2);
    expect(errs.join('')).toMatch(/is not a file id/);
  });

  it('finishes an interrupted file when the same bytes arrive again', async () => {
    const storage = get();
    const base = await remittanceRecord();
    const bytes = await remittanceX12(base, `CRASH${randomBytes(4).toString('hex')}`, base.claims.slice(0, 2));
    // A crash after recording: the row stays `processing`, nothing routed.
    const rec = await recordInboundFile(storage, bytes, { name: 'crash.x12', source: 'drop' });
    await q(storage, `update file set status = 'processing' where id = ?`, [rec.file.id]);
    const r = await ingestFile(storage, { bytes, name: 'crash.x12', source: 'drop' });
    expect(r.duplicate).toBe(true);
    expect(r.processedFileId).toBe(rec.file.id);
    expect(r.status).toBe('processed');
    expect(r.postings).toBe(2);
    const [row] = await q(storage, `select status from file where id = ?`, [rec.file.id]);
    expect(row.status).toBe('processed');
    const again = await ingestFile(storage, { bytes, name: 'crash.x12', source: 'drop' });
    expect(again.status).toBe('duplicate');
    expect(again.postings).toBe(0);
  });

  it('runs `x12d ingest --json` and `x12d queue` list, claim, resolve and export', async () => {
    const storage = get();
    const outs: string[] = [];
    const errs: string[] = [];
    const dir = mkdtempSync(join(tmpdir(), 'x12d-queue-'));
    const code = await runIngest([join(SAMPLES, '835/check-payment.x12'), join(SAMPLES, 'broken/se-control-mismatch.x12'), '--json'], (s) => outs.push(s), (s) => errs.push(s), { storage });
    expect(code).toBe(1);
    const report = JSON.parse(outs.join('')) as { files: { file: string; status: string; fileId: string; duplicate: boolean; transactions: unknown[]; postings: number; denials: number; error?: string }[] };
    expect(report.files).toHaveLength(2);
    expect(report.files[0]).toMatchObject({ status: 'duplicate', duplicate: true, postings: 0 });
    expect(report.files[1].status).toBe('failed');
    expect(report.files[1].error).toBeTruthy();
    expect(await runIngest([join(dir, 'missing.x12')], () => undefined, () => undefined, { storage })).toBe(2);

    const list = async (args: string[]) => {
      const o: string[] = [];
      expect(await runQueue(['list', ...args, '--json'], (s) => o.push(s), (s) => errs.push(s), { storage, user: 'tester' })).toBe(0);
      return (JSON.parse(o.join('')) as { items: Record<string, unknown>[] }).items;
    };
    const denials = await list(['denials', '--status', 'open']);
    expect(denials.length).toBeGreaterThan(0);
    const auth = denials.find((d) => d.rootCause === 'authorization')!;
    expect(auth).toMatchObject({ patientControlNumber: 'PMC24031502', status: 'open', amount: '1800.00' });
    expect(typeof auth.id).toBe('string');
    expect(typeof auth.action).toBe('string');

    const o: string[] = [];
    expect(await runQueue(['claim', String(auth.id)], (s) => o.push(s), (s) => errs.push(s), { storage, user: 'tester' })).toBe(0);
    expect(await runQueue(['claim', String(auth.id)], () => undefined, () => undefined, { storage, user: 'other' })).toBe(1);
    expect((await list(['denials', '--status', 'claimed'])).find((d) => d.id === auth.id)).toMatchObject({ claimedBy: 'tester' });
    expect(await runQueue(['resolve', String(auth.id), '--resolution', 'auth added, resubmitted'], (s) => o.push(s), (s) => errs.push(s), { storage, user: 'tester' })).toBe(0);
    expect((await list(['denials', '--status', 'resolved'])).map((d) => d.id)).toContain(auth.id);
    expect(await runQueue(['resolve', '999999999'], () => undefined, () => undefined, { storage })).toBe(1);
    expect(await runQueue(['list', 'nonsense'], () => undefined, () => undefined, { storage })).toBe(2);

    const postings = await list(['postings']);
    const p = postings.find((x) => x.patientControlNumber === 'PMC24031501')!;
    expect(p).toMatchObject({ paidAmount: '724.00', deductible: '300.00', coinsurance: '181.00', copay: '25.00' });
    expect(await runQueue(['resolve', String(p.id), '--queue', 'postings'], () => undefined, (s) => errs.push(s), { storage })).toBe(0);

    const target = join(dir, 'postings.jsonl');
    expect(await runQueue(['export', 'postings', '--out', target], () => undefined, () => undefined, { storage })).toBe(0);
    const lines = readText(target, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.length).toBe(postings.length);
    expect(lines.find((l) => l.id === p.id)).toMatchObject({ status: 'posted', paidAmount: '724.00' });
    const second: string[] = [];
    expect(await runQueue(['export', 'postings'], (s) => second.push(s), () => undefined, { storage })).toBe(0);
    expect(second.join('')).toBe('');
  });
}
