import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { ingestFile, type IngestStage } from '../../src/app/ingest.js';
import { autocommit, inTransaction, type Storage } from '../../src/db/index.js';
import { readDocuments, writeDocuments } from '../../src/documents/convert.js';
import { documentRegistry } from '../../src/documents/index.js';
import type { ClaimPayment, Remittance } from '../../src/documents/remittance.js';
import { negate, negatedClaim } from './remittances.js';

const SAMPLE_835 = join(import.meta.dirname, '..', '..', 'samples', '835', 'remittance.x12');

type Row = Record<string, unknown>;
const q = (storage: Storage, sql: string, params: unknown[] = []) => autocommit(storage).query<Row>(sql, params);

async function sampleRemittance(): Promise<Remittance> {
  let rec: Remittance | undefined;
  await readDocuments(readFileSync(SAMPLE_835), documentRegistry(), (d) => {
    rec = d.record as Remittance;
  });
  return rec!;
}

function cents(m: string): bigint {
  const neg = m.startsWith('-');
  const [w, f = ''] = (neg ? m.slice(1) : m).split('.');
  const v = BigInt(w) * 100n + BigInt((f + '00').slice(0, 2));
  return neg ? -v : v;
}

function money(c: bigint): string {
  const a = c < 0n ? -c : c;
  return `${c < 0n ? '-' : ''}${a / 100n}.${String(a % 100n).padStart(2, '0')}`;
}

/** One remittance per entry, each a transaction set of one interchange, payments balanced. */
async function file835(base: Remittance, sets: readonly { trace: string; claims: readonly ClaimPayment[] }[]): Promise<Buffer> {
  const documents = sets.map(({ trace, claims }) => {
    const amount = money(claims.reduce((t, c) => t + cents(c.paid), 0n));
    const record: Remittance = { ...base, trace: { ...base.trace, number: trace }, payment: { ...base.payment, amount }, claims: [...claims], providerAdjustments: [] };
    return { set: '835', guide: '005010X221A1', record };
  });
  const parts: string[] = [];
  await writeDocuments({ documents }, documentRegistry(), (s) => parts.push(s), { partner: 'BATCH' });
  return Buffer.from(parts.join(''), 'latin1');
}

/** The sample's claims that are not reversals, under fresh patient control numbers. */
function claimsFor(base: Remittance, tag: string): ClaimPayment[] {
  return base.claims.filter((c) => c.status !== '22').map((c, i) => ({ ...c, patientControlNumber: `${tag}C${i}` }));
}

const tag = () => randomBytes(3).toString('hex').toUpperCase();

async function postingsOfFile(storage: Storage, fileId: bigint): Promise<Row[]> {
  return q(storage, `select p.*, rm.trace_number from posting_queue_item p join remittance rm on rm.id = p.remittance_id where rm.file_id = ? order by p.id`, [fileId]);
}

/**
 * An 835 file of many sets is read as a stream and loaded in batches of sets (one statement per table
 * per batch). These scenarios pin what batching must not change: every claim posted once, in order, the
 * same remittance never twice, reversals found across batches, and all or nothing per file.
 */
export function remittanceBatchScenarios(get: () => Storage): void {
  it('loads a file of five 835 sets in batches: every claim posted once, outcomes in set order, a hook per set', async () => {
    const storage = get();
    const base = await sampleRemittance();
    const t = tag();
    const sets = [1, 2, 3, 4, 5].map((n) => ({ trace: `B${t}${n}`, claims: claimsFor(base, `${t}S${n}`) }));
    const perSet = sets[0].claims.length;
    const seen: string[] = [];
    // Batches close at two sets: 2 + 2 + 1.
    const r = await ingestFile(
      storage,
      { bytes: await file835(base, sets), name: 'five.835', source: 'cli' },
      { remittanceBatchClaims: perSet * 2, onStage: (stage: IngestStage, d) => void (stage === 'set-routed' && seen.push(d.control ?? '')) },
    );
    expect(r.status).toBe('processed');
    expect(r.transactions.map((x) => [x.set, x.status, x.claims, x.postings])).toEqual(sets.map(() => ['835', 'routed', perSet, perSet]));
    expect(seen).toEqual(r.transactions.map((x) => x.control));
    expect(r.postings).toBe(perSet * 5);
    const rows = await postingsOfFile(storage, r.fileId);
    expect(rows.map((p) => p.trace_number)).toEqual(sets.flatMap((s) => s.claims.map(() => s.trace)));
    expect(new Set(rows.map((p) => p.patient_control_number)).size).toBe(perSet * 5);
    // Each remittance points at its own transaction set row.
    const rem = await q(storage, `select rm.trace_number, ts.control_number from remittance rm join transaction_set ts on ts.id = rm.transaction_set_id where rm.file_id = ? order by rm.id`, [r.fileId]);
    expect(rem.map((x) => x.trace_number)).toEqual(sets.map((s) => s.trace));
    expect(new Set(rem.map((x) => x.control_number)).size).toBe(5);
    // Line-level adjustments name their service payment; claim-level ones do not.
    const [adj] = await q(
      storage,
      `select count(*) filter (where a.service_payment_id is not null) as line, count(*) filter (where a.service_payment_id is null) as claim
       from adjustment a join claim_payment cp on cp.id = a.claim_payment_id join remittance rm on rm.id = cp.remittance_id where rm.file_id = ?`,
      [r.fileId],
    );
    const lineAdjustments = sets.flatMap((s) => s.claims).reduce((n, c) => n + c.serviceLines.reduce((m, l) => m + l.adjustments.length, 0), 0);
    const claimAdjustments = sets.flatMap((s) => s.claims).reduce((n, c) => n + c.adjustments.length, 0);
    expect([Number(adj.line), Number(adj.claim)]).toEqual([lineAdjustments, claimAdjustments]);
  });

  it('ingests a file from its path (read as a stream, never whole) exactly as from its bytes', async () => {
    const storage = get();
    const base = await sampleRemittance();
    const t = tag();
    const sets = [1, 2, 3].map((n) => ({ trace: `P${t}${n}`, claims: claimsFor(base, `${t}P${n}`) }));
    const bytes = await file835(base, sets);
    const dir = await mkdtemp(join(tmpdir(), 'x12d-path-'));
    try {
      const path = join(dir, 'by-path.835');
      await writeFile(path, bytes);
      const seen: string[] = [];
      const r = await ingestFile(storage, { bytes: { path }, name: 'by-path.835', source: 'drop' }, { remittanceBatchClaims: 1, readSliceBytes: 257, onStage: (stage, d) => void (stage === 'set-routed' && seen.push(d.control ?? '')) });
      expect(r.status).toBe('processed');
      expect(r.transactions.map((x) => [x.status, x.postings])).toEqual(sets.map((s) => ['routed', s.claims.length]));
      expect(seen).toHaveLength(3);
      const [row] = await q(storage, `select size, sha256 from file where id = ?`, [r.fileId]);
      expect(Number(row.size)).toBe(bytes.length);
      expect(row.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
      // The same bytes given in memory are the same file: a duplicate.
      const again = await ingestFile(storage, { bytes, name: 'in-memory.835', source: 'cli' });
      expect(again).toMatchObject({ status: 'duplicate', duplicateOfId: r.fileId });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('loads the same remittance twice in one batch once: the second set is a duplicate and posts nothing', async () => {
    const storage = get();
    const base = await sampleRemittance();
    const t = tag();
    const claims = claimsFor(base, t);
    const r = await ingestFile(storage, { bytes: await file835(base, [{ trace: `D${t}`, claims }, { trace: `D${t}`, claims }, { trace: `E${t}`, claims: claimsFor(base, `${t}E`) }]), name: 'dup.835', source: 'cli' });
    expect(r.status).toBe('processed');
    expect(r.transactions.map((x) => x.status)).toEqual(['routed', 'duplicate', 'routed']);
    expect(r.postings).toBe(claims.length * 2);
    expect((await postingsOfFile(storage, r.fileId)).length).toBe(claims.length * 2);
    // And in a later file, whichever batch it lands in.
    const again = await ingestFile(storage, { bytes: await file835(base, [{ trace: `E${t}`, claims: claimsFor(base, `${t}E`) }]), name: 'dup-later.835', source: 'cli' });
    expect(again.transactions.map((x) => x.status)).toEqual(['duplicate']);
    expect(again.postings).toBe(0);
  });

  it('finds the posting a reversal undoes in an earlier batch of the same file and in the same batch', async () => {
    const storage = get();
    const base = await sampleRemittance();
    const t = tag();
    const [a, b] = claimsFor(base, t).filter((c) => c.payerClaimControlNumber !== '');
    const sets = [
      { trace: `R${t}1`, claims: [a, b] },
      { trace: `R${t}2`, claims: [negatedClaim(a, '22')] },
      { trace: `R${t}3`, claims: [negatedClaim(b, '22')] },
    ];
    // Batch 1: set 1 alone; batch 2: sets 2 and 3 (the reversal of a reaches back a batch, of b too).
    const r = await ingestFile(storage, { bytes: await file835(base, sets), name: 'rev.835', source: 'cli' }, { remittanceBatchClaims: 2 });
    expect(r.status).toBe('processed');
    const rows = await postingsOfFile(storage, r.fileId);
    const originals = rows.filter((p) => p.reverses_id === null);
    const reversals = rows.filter((p) => p.reverses_id !== null);
    expect(originals.map((p) => p.status)).toEqual(['reversed', 'reversed']);
    expect(reversals.map((p) => String(p.reverses_id)).sort()).toEqual(originals.map((p) => String(p.id)).sort());
    expect(reversals.map((p) => p.paid_amount)).toEqual([negate(a.paid), negate(b.paid)]);

    // Inside one batch: the original and its reversal in two sets loaded together.
    const u = tag();
    const [c] = claimsFor(base, u).filter((x) => x.payerClaimControlNumber !== '');
    const one = await ingestFile(storage, { bytes: await file835(base, [{ trace: `S${u}1`, claims: [c] }, { trace: `S${u}2`, claims: [negatedClaim(c, '22')] }]), name: 'rev-one-batch.835', source: 'cli' });
    const pair = await postingsOfFile(storage, one.fileId);
    expect(pair.map((p) => p.status)).toEqual(['reversed', 'open']);
    expect(String(pair[1].reverses_id)).toBe(String(pair[0].id));
  });

  it('moves the claims x12d sent along in one statement: status, payer claim number and an 835 event each', async () => {
    const storage = get();
    const base = await sampleRemittance();
    const t = tag();
    const claims = claimsFor(base, t);
    await inTransaction(storage, async (sql) => {
      await sql.insert(
        'claim',
        ['patient_control_number', 'total_charge', 'status'],
        claims.map((c) => [c.patientControlNumber, c.charge, 'accepted']),
      );
    });
    const r = await ingestFile(storage, { bytes: await file835(base, [{ trace: `M${t}`, claims }]), name: 'matched.835', source: 'cli' });
    expect(r.status).toBe('processed');
    const rows = await q(storage, `select patient_control_number, status, payer_claim_number from claim where patient_control_number like ? order by patient_control_number`, [`${t}C%`]);
    const want = claims.map((c) => ({ patient_control_number: c.patientControlNumber, status: c.status === '4' ? 'denied' : expect.stringMatching(/^(paid|partially_paid)$/), payer_claim_number: c.payerClaimControlNumber === '' ? null : c.payerClaimControlNumber }));
    expect(rows).toEqual(want.sort((x, y) => String(x.patient_control_number).localeCompare(String(y.patient_control_number))));
    const events = await q(storage, `select e.kind from claim_status_event e join claim c on c.id = e.claim_id where c.patient_control_number like ? and e.source = '835'`, [`${t}C%`]);
    expect(events.length).toBe(claims.length);
    const linked = await q(storage, `select count(*) as n from claim_payment cp join claim c on c.id = cp.claim_id where c.patient_control_number like ?`, [`${t}C%`]);
    expect(Number(linked[0].n)).toBe(claims.length);
  });

  it('keeps nothing of a file whose routing fails in a later batch, then loads it all once when run again', async () => {
    const storage = get();
    const base = await sampleRemittance();
    const t = tag();
    const sets = [1, 2, 3, 4].map((n) => ({ trace: `F${t}${n}`, claims: claimsFor(base, `${t}F${n}`) }));
    const bytes = await file835(base, sets);
    let routed = 0;
    const failing = await ingestFile(storage, { bytes, name: 'fails.835', source: 'cli' }, {
      remittanceBatchClaims: 1,
      onStage: (stage) => {
        if (stage === 'set-routed' && ++routed === 3) throw new Error('simulated crash after the third set');
      },
    });
    expect(failing.status).toBe('failed');
    expect(failing.error).toMatch(/simulated crash/);
    const kept = await q(storage, `select count(*) as n from remittance where trace_number like ?`, [`F${t}%`]);
    expect(Number(kept[0].n)).toBe(0);
    const [file] = await q(storage, `select status, last_error from file where id = ?`, [failing.fileId]);
    expect(file.status).toBe('failed');

    const { processFile } = await import('../../src/app/ingest.js');
    const retry = await processFile(storage, failing.fileId, bytes, null, { remittanceBatchClaims: 1 });
    expect(retry.status).toBe('processed');
    expect(retry.postings).toBe(sets.reduce((n, s) => n + s.claims.length, 0));
    const loaded = await q(storage, `select count(*) as n from remittance where trace_number like ?`, [`F${t}%`]);
    expect(Number(loaded[0].n)).toBe(4);
  });

  it('fails the whole file, keeping nothing, when a later set cannot be routed (SNIP 1-2 errors)', async () => {
    const storage = get();
    const base = await sampleRemittance();
    const t = tag();
    const good = await file835(base, [1, 2, 3].map((n) => ({ trace: `G${t}${n}`, claims: claimsFor(base, `${t}G${n}`) })));
    // Damage the last set: its BPR02 becomes text, a data element error the 999 would reject.
    const text = good.toString('latin1');
    const at = text.lastIndexOf('BPR*');
    const parts = text.slice(at).split('*');
    parts[2] = 'ABC';
    const broken = Buffer.from(text.slice(0, at) + parts.join('*'), 'latin1');
    const r = await ingestFile(storage, { bytes: broken, name: 'late-error.835', source: 'cli' }, { remittanceBatchClaims: 1 });
    expect(r.status).toBe('failed');
    expect(r.error).toMatch(/^835 set \d+ failed validation: SNIP [12] /);
    expect(r.transactions.map((x) => x.set)).toEqual(['835', '835', '835']);
    const kept = await q(storage, `select count(*) as n from remittance where trace_number like ?`, [`G${t}%`]);
    expect(Number(kept[0].n)).toBe(0);
  });
}
