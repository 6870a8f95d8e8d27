import { readdirSync } from 'node:fs';
import { expect, it } from 'vitest';
import {
  claimQueueItems,
  controlNumbers,
  migrate,
  pendingMigrations,
  readFileBytes,
  recordInboundFile,
  recordOutboundFile,
  toRecord,
  type AdjustmentRecord,
  type ClaimPaymentRecord,
  type ClaimRecord,
  type DenialQueueItemRecord,
  type PostingQueueItemRecord,
  type ProviderAdjustmentRecord,
  type Storage,
} from '../../src/db/index.js';
import {
  AdjustmentEntity,
  ClaimEntity,
  ClaimPaymentEntity,
  DenialQueueItemEntity,
  PostingQueueItemEntity,
  ProviderAdjustmentEntity,
  RemittanceEntity,
  ServiceLineEntity,
  ServicePaymentEntity,
} from '../../src/db/entities.js';
import { migrationsList } from '../../src/db/migrations/index.js';
import { MIGRATIONS_PATH } from '../../src/db/storage.js';
import { parseCents } from '../../src/money.js';
import { stringWriter } from '../../src/x12/writer.js';
import { sortIds } from './helpers.js';

/**
 * Storage behaviour both databases must show; test/db/storage.test.ts runs it on the embedded PGlite and
 * test/db/postgres.int.test.ts on PostgreSQL. `get` returns a started, migrated storage.
 */
export function storageScenarios(get: () => Storage): void {
  it('has applied every migration, and applying again does nothing', async () => {
    const s = get();
    expect(await pendingMigrations(s)).toEqual([]);
    expect(await migrate(s)).toEqual([]);
    const executed = await s.orm.getMigrator().getExecutedMigrations();
    expect(executed.map((m) => m.name)).toEqual(migrationsList.map((m) => m.name));
  });

  it('lists every migration file of the folder in migrationsList', () => {
    const files = readdirSync(MIGRATIONS_PATH)
      .filter((f) => /^Migration\d+.*\.ts$/.test(f))
      .map((f) => f.replace(/\.ts$/, ''))
      .sort();
    expect(migrationsList.map((m) => m.name)).toEqual(files);
  });

  it('has a schema that matches the entities (the migrations and entities.ts agree)', async () => {
    // Only this suite's schema: other suites run at the same time in schemas of their own.
    const schema = get().schema;
    const diff = await get().orm.getSchemaGenerator().getUpdateSchemaSQL({ wrap: false, ...(schema !== undefined ? { schema } : {}) });
    expect(diff.trim()).toBe('');
  });

  it('allocates control numbers per partner and kind, without repeats, and wraps after the maximum', async () => {
    const s = get();
    const cn = controlNumbers(s);
    const got = await Promise.all(Array.from({ length: 40 }, () => cn.next('interchange', 'scenario-a')));
    expect([...got].sort((a, b) => a - b)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    expect(await cn.next('group', 'scenario-a')).toBe(1);
    expect(await cn.next('interchange', 'scenario-b')).toBe(1);
    expect(await cn.next('interchange', 'scenario-a')).toBe(41);
    const small = controlNumbers(s, { max: 3 });
    expect([await small.next('transaction', 'wrap'), await small.next('transaction', 'wrap'), await small.next('transaction', 'wrap'), await small.next('transaction', 'wrap')]).toEqual([1, 2, 3, 1]);
  });

  it('gives the X12 writer its ISA13, GS06 and ST02', async () => {
    const s = get();
    const { writer, text } = stringWriter({ allocator: controlNumbers(s), partner: 'scenario-writer' });
    const isa13 = await writer.beginInterchange({ senderQualifier: 'ZZ', sender: 'CLINIC', receiverQualifier: 'ZZ', receiver: 'PAYER', usage: 'T' });
    const gs06 = await writer.beginGroup({ functionalId: 'HC', sender: 'CLINIC', receiver: 'PAYER', version: '005010X222A1' });
    const st02 = await writer.beginTransaction('837', '005010X222A1');
    expect([isa13, gs06, st02]).toEqual(['000000001', '1', '0001']);
    writer.endTransaction();
    writer.endGroup();
    writer.endInterchange();
    expect(text()).toContain('ST*837*0001*005010X222A1');
  });

  it('records file bytes once, by content, and marks the same bytes again as a duplicate of the first', async () => {
    const s = get();
    const bytes = Buffer.from(`ISA*00*          *00*          *ZZ*SCENARIO ${Math.random()}~`);
    const first = await recordInboundFile(s, bytes, { name: 'first.x12', source: 'drop' });
    expect(first.duplicate).toBe(false);
    expect(first.file).toMatchObject({ direction: 'inbound', name: 'first.x12', status: 'received', size: bytes.length, attempts: 0, duplicateOfId: null });
    expect(first.file.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(Buffer.compare(await readFileBytes(s, first.file), bytes)).toBe(0);

    const again = await recordInboundFile(s, Buffer.from(bytes), { name: 'renamed.x12', source: 'sftp' });
    expect(again.duplicate).toBe(true);
    expect(again.earlierFileId).toBe(first.file.id);
    expect(again.file).toMatchObject({ status: 'duplicate', duplicateOfId: first.file.id, name: 'renamed.x12', sha256: first.file.sha256 });
    expect(again.file.id).not.toBe(first.file.id);
    const third = await recordInboundFile(s, bytes, { name: 'third.x12', source: 'cli' });
    expect(third.earlierFileId).toBe(first.file.id);

    // The direction is part of the key; other bytes are a new file.
    expect((await recordOutboundFile(s, bytes, { name: 'out.x12', source: 'generated' })).duplicate).toBe(false);
    expect((await recordInboundFile(s, Buffer.concat([bytes, Buffer.from('\n')]), { name: 'other.x12', source: 'drop' })).duplicate).toBe(false);
  });

  it('returns records as frozen plain data', async () => {
    const s = get();
    const { file } = await recordInboundFile(s, Buffer.from(`frozen ${Math.random()}`), { name: 'f.csv', source: 'drop', kind: 'csv' });
    expect(Object.isFrozen(file)).toBe(true);
    expect(Object.getPrototypeOf(file)).toBe(Object.prototype);
    expect(typeof file.id).toBe('bigint');
    expect(file.receivedAt).toBeInstanceOf(Date);
  });

  it('keeps money exact: numeric(14,2) in, the same decimal string out', async () => {
    const s = get();
    const { file } = await recordInboundFile(s, Buffer.from(`835 ${Math.random()}`), { name: 'era.835', source: 'drop' });
    const em = s.em();
    const remittance = em.create(RemittanceEntity, { fileId: file.id, payerId: `1${Math.floor(Math.random() * 1e9)}`, traceNumber: 'TRACE-MONEY', paymentAmount: '12345678901.23' });
    await em.flush();
    const cp = em.create(ClaimPaymentEntity, {
      remittanceId: remittance.id,
      patientControlNumber: 'PCN-MONEY',
      statusCode: '1',
      chargeAmount: '999999999999.99',
      paidAmount: '0.10',
      patientResponsibility: '-0.01',
      adjustments: [{ group: 'PR', reason: '1', amount: '0.29', quantity: null }],
    });
    await em.flush();
    const sp = em.create(ServicePaymentEntity, { claimPaymentId: cp.id, procedureCode: '64483', modifiers: ['RT', 'KX'], chargeAmount: '1500.00', paidAmount: '0.07', units: '1.500', remarkCodes: ['N115'], adjustments: [{ group: 'CO', reason: '45', amount: '1499.93', quantity: '1.500' }] });
    await em.flush();
    em.create(ProviderAdjustmentEntity, { remittanceId: remittance.id, providerId: '1234567893', fiscalPeriodDate: '2026-12-31', reasonCode: 'WO', amount: '-12345678901.23' });
    em.create(PostingQueueItemEntity, {
      claimPaymentId: cp.id,
      remittanceId: remittance.id,
      patientControlNumber: 'PCN-MONEY',
      paidAmount: '0.10',
      deductible: '0.29',
      coinsurance: '0.00',
      copay: '0.00',
      otherPatientResponsibility: '0.00',
      contractualAdjustment: '1499.93',
      underpaymentAmount: '0.03',
    });
    await em.flush();

    const fresh = s.em();
    const r = await fresh.findOneOrFail(RemittanceEntity, { id: remittance.id });
    expect(r.paymentAmount).toBe('12345678901.23');
    expect(parseCents(r.paymentAmount)).toBe(1234567890123n);
    const cpr = toRecord<ClaimPaymentRecord>(await fresh.findOneOrFail(ClaimPaymentEntity, { id: cp.id }));
    expect([cpr.chargeAmount, cpr.paidAmount, cpr.patientResponsibility]).toEqual(['999999999999.99', '0.10', '-0.01']);
    expect(cpr.adjustments).toEqual([{ group: 'PR', reason: '1', amount: '0.29', quantity: null }]);
    // The view spreads the adjustments kept in the payment rows back into rows, amounts still exact.
    const adjustments = (await fresh.find(AdjustmentEntity, { claimPaymentId: cp.id }, { orderBy: { servicePaymentId: 'asc' } })).map((a) => toRecord<AdjustmentRecord>(a));
    expect(adjustments.map((a) => [a.groupCode, a.reasonCode, a.amount, a.quantity, a.servicePaymentId, a.position])).toEqual([
      ['CO', '45', '1499.93', '1.500', sp.id, 1],
      ['PR', '1', '0.29', null, null, 1],
    ]);
    const spr = await fresh.findOneOrFail(ServicePaymentEntity, { id: sp.id });
    expect([spr.units, spr.modifiers, spr.remarkCodes]).toEqual(['1.500', ['RT', 'KX'], ['N115']]);
    const plb = toRecord<ProviderAdjustmentRecord>(await fresh.findOneOrFail(ProviderAdjustmentEntity, { remittanceId: remittance.id }));
    expect([plb.amount, plb.fiscalPeriodDate]).toEqual(['-12345678901.23', '2026-12-31']);
    const posting = toRecord<PostingQueueItemRecord>(await fresh.findOneOrFail(PostingQueueItemEntity, { claimPaymentId: cp.id }));
    expect(posting).toMatchObject({ status: 'open', paidAmount: '0.10', deductible: '0.29', contractualAdjustment: '1499.93', underpaymentAmount: '0.03', expectedAmount: null });

    // Sums in the database are exact too (a float would give 12345678901.229999).
    const [sum] = await fresh.execute<{ total: string }[]>(`select (sum(amount) + 12345678901.23)::text as total from provider_adjustment where remittance_id = ?`, [remittance.id]);
    expect(sum.total).toBe('0.00');
  });

  it('refuses a second remittance with the same payer and trace number', async () => {
    const s = get();
    const { file } = await recordInboundFile(s, Buffer.from(`835 twice ${Math.random()}`), { name: 'era2.835', source: 'drop' });
    const payerId = `9${Math.floor(Math.random() * 1e9)}`;
    await s.em().insert(RemittanceEntity, { fileId: file.id, payerId, traceNumber: 'EFT-1', paymentAmount: '10.00' });
    await expect(s.em().insert(RemittanceEntity, { fileId: file.id, payerId, traceNumber: 'EFT-1', paymentAmount: '10.00' })).rejects.toMatchObject({ code: '23505' });
    await s.em().insert(RemittanceEntity, { fileId: file.id, payerId, traceNumber: 'EFT-2', paymentAmount: '10.00' });
  });

  it('keeps a claim, its lines and dates as written', async () => {
    const s = get();
    const em = s.em();
    const claim = em.create(ClaimEntity, { patientControlNumber: 'PCN-CLAIM-1', totalCharge: '2450.00', status: 'submitted', serviceDateFrom: '2026-03-14', detail: { frequency: '1', lines: 2 } });
    await em.flush();
    em.create(ServiceLineEntity, { claimId: claim.id, lineNumber: 1, procedureCode: '64493', modifiers: ['RT'], chargeAmount: '1225.00', serviceDate: '2026-03-14' });
    em.create(ServiceLineEntity, { claimId: claim.id, lineNumber: 2, procedureCode: '64494', modifiers: [], chargeAmount: '1225.00' });
    await em.flush();
    const c = toRecord<ClaimRecord>(await s.em().findOneOrFail(ClaimEntity, { id: claim.id }));
    expect(c).toMatchObject({ patientControlNumber: 'PCN-CLAIM-1', totalCharge: '2450.00', serviceDateFrom: '2026-03-14', serviceDateTo: null, detail: { frequency: '1', lines: 2 } });
    expect(Object.isFrozen(c.detail)).toBe(true);
    const lines = await s.em().find(ServiceLineEntity, { claimId: claim.id }, { orderBy: { lineNumber: 'asc' } });
    expect(lines.map((l) => [l.lineNumber, l.modifiers, l.serviceDate])).toEqual([
      [1, ['RT'], '2026-03-14'],
      [2, [], null],
    ]);
    await expect(s.em().insert(ServiceLineEntity, { claimId: claim.id, lineNumber: 1, procedureCode: '64493', modifiers: [], chargeAmount: '1.00' })).rejects.toMatchObject({
      code: '23505',
    });
  });

  it('gives two concurrent claimers disjoint queue items (FOR UPDATE SKIP LOCKED)', async () => {
    const s = get();
    const tag = `PCN-Q-${Math.random()}`.slice(0, 38);
    const em = s.em();
    for (let i = 0; i < 30; i++) {
      em.create(DenialQueueItemEntity, { patientControlNumber: tag, source: '835', rootCause: 'authorization', action: 'Request a retro authorization, then appeal.', reasonCodes: ['CO-197'] });
    }
    await em.flush();
    const claimAll = async (worker: string): Promise<DenialQueueItemRecord[]> => {
      const mine: DenialQueueItemRecord[] = [];
      for (;;) {
        const got = await claimQueueItems(s, 'denial', { worker, limit: 4 });
        if (got.length === 0) return mine;
        mine.push(...got);
      }
    };
    const [a, b] = await Promise.all([claimAll('worker-a'), claimAll('worker-b')]);
    const ids = [...a, ...b].map((x) => x.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBeGreaterThanOrEqual(30);
    for (const item of a) expect(item).toMatchObject({ status: 'claimed', claimedBy: 'worker-a' });
    for (const item of b) expect(item).toMatchObject({ status: 'claimed', claimedBy: 'worker-b' });
    expect(a.every((x) => x.claimedAt instanceof Date)).toBe(true);
    expect(sortIds(a.map((x) => x.id))).toEqual(a.map((x) => x.id));
    expect(await s.em().count(DenialQueueItemEntity, { patientControlNumber: tag, status: 'open' })).toBe(0);
  });
}
