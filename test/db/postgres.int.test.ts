import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { claimQueueItems, controlNumbers, migrate, recordInboundFile, type Storage } from '../../src/db/index.js';
import { ClaimPaymentEntity, DenialQueueItemEntity, PostingQueueItemEntity, RemittanceEntity } from '../../src/db/entities.js';
import { migrationsList } from '../../src/db/migrations/index.js';
import { runMigrate } from '../../src/cli/migrate.js';
import { TEST_DATABASE_URL, freshSchemaName, postgresStorage, timed } from './helpers.js';
import { storageScenarios } from './scenarios.js';

// Real PostgreSQL, as CI runs it (TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test). Each run works
// in a schema of its own (x12d_test_<random>) and drops it afterwards.
const url = TEST_DATABASE_URL;

if (url === undefined) {
  describe('storage on PostgreSQL', () => {
    it('PostgreSQL suite', () => {
      console.warn('TEST_DATABASE_URL not set: PostgreSQL tests did not run');
      expect(url).toBeUndefined();
    });
  });
} else {
  describe('storage on PostgreSQL', () => {
    const schema = freshSchemaName();
    // Two storages on one database: two daemons.
    let a: Storage;
    let b: Storage;

    beforeAll(async () => {
      a = postgresStorage(url, schema);
      b = postgresStorage(url, schema);
      await a.start();
      const applied = await timed(() => migrate(a));
      console.info(`PostgreSQL (schema ${schema}): ${applied.value.length} migration(s) applied in ${applied.ms} ms`);
      expect(applied.value).toEqual(migrationsList.map((m) => m.name));
      await b.start();
    }, 120_000);

    afterAll(async () => {
      if (a !== undefined) await a.em().execute(`drop schema if exists "${schema}" cascade`);
      await a?.stop();
      await b?.stop();
    });

    it('is the postgresql kind, in its own schema', async () => {
      expect(a.kind).toBe('postgresql');
      const [row] = await a.em().execute<{ schema: string }[]>('select current_schema() as schema');
      expect(row.schema).toBe(schema);
    });

    storageScenarios(() => a);

    it('gives two storages allocating 200 control numbers in parallel disjoint numbers', async () => {
      const ca = controlNumbers(a);
      const cb = controlNumbers(b);
      const calls: Promise<number>[] = [];
      for (let i = 0; i < 100; i++) calls.push(ca.next('interchange', 'concurrent'), cb.next('interchange', 'concurrent'));
      const got = await Promise.all(calls);
      const fromA = new Set(got.filter((_, i) => i % 2 === 0));
      const fromB = new Set(got.filter((_, i) => i % 2 === 1));
      expect(fromA.size).toBe(100);
      expect(fromB.size).toBe(100);
      expect([...fromA].filter((n) => fromB.has(n))).toEqual([]);
      expect([...got].sort((x, y) => x - y)).toEqual(Array.from({ length: 200 }, (_, i) => i + 1));
    });

    it('records the same bytes arriving at two daemons at once as one original and duplicates of it', async () => {
      const bytes = Buffer.from(`ISA*race*${Math.random()}~`);
      const results = await Promise.all(Array.from({ length: 10 }, (_, i) => recordInboundFile(i % 2 === 0 ? a : b, bytes, { name: `race-${i}.x12`, source: 'sftp' })));
      const originals = results.filter((r) => !r.duplicate);
      expect(originals).toHaveLength(1);
      const originalId = originals[0].file.id;
      for (const r of results.filter((x) => x.duplicate)) {
        expect(r.earlierFileId).toBe(originalId);
        expect(r.file.status).toBe('duplicate');
      }
    });

    it('gives claimers on two storages disjoint posting items (FOR UPDATE SKIP LOCKED)', async () => {
      const { file } = await recordInboundFile(a, Buffer.from(`835 queue ${Math.random()}`), { name: 'q.835', source: 'drop' });
      const em = a.em();
      const remittance = em.create(RemittanceEntity, { fileId: file.id, payerId: 'QUEUEPAYER', traceNumber: `T${Math.random()}`.slice(0, 50), paymentAmount: '100.00' });
      await em.flush();
      const cp = em.create(ClaimPaymentEntity, { remittanceId: remittance.id, patientControlNumber: 'PCN-Q', statusCode: '1', chargeAmount: '10.00', paidAmount: '5.00', adjustments: [] });
      await em.flush();
      const zero = '0.00';
      const ours = [];
      for (let i = 0; i < 200; i++) {
        ours.push(em.create(PostingQueueItemEntity, {
          claimPaymentId: cp.id,
          remittanceId: remittance.id,
          patientControlNumber: 'PCN-Q',
          paidAmount: '5.00',
          deductible: zero,
          coinsurance: zero,
          copay: zero,
          otherPatientResponsibility: zero,
          contractualAdjustment: '5.00',
        }));
      }
      await em.flush();
      const drain = async (s: Storage, worker: string): Promise<bigint[]> => {
        const ids: bigint[] = [];
        for (;;) {
          const got = await claimQueueItems(s, 'posting', { worker, limit: 3 });
          if (got.length === 0) return ids;
          ids.push(...got.map((x) => x.id));
        }
      };
      // Four claimers per storage, all at once.
      const runs = await Promise.all([...[1, 2, 3, 4].map((n) => drain(a, `a${n}`)), ...[1, 2, 3, 4].map((n) => drain(b, `b${n}`))]);
      const all = runs.flat();
      expect(new Set(all).size).toBe(all.length);
      // Every item of ours was claimed once (items left open by earlier tests may be claimed too).
      const claimed = new Set(all);
      expect(ours.filter((item) => !claimed.has(item.id))).toEqual([]);
      expect(runs.filter((r) => r.length > 0).length).toBeGreaterThan(1);
      expect(await a.em().count(PostingQueueItemEntity, { status: 'open' })).toBe(0);
    });

    it('skips, without waiting, an item another transaction has locked', async () => {
      const em = a.em();
      for (let i = 0; i < 2; i++) em.create(DenialQueueItemEntity, { patientControlNumber: 'PCN-LOCK', source: '277CA', rootCause: 'front_end_rejection', action: 'Fix and resend.', reasonCodes: ['A7:21'] });
      await em.flush();
      let release!: () => void;
      const held = new Promise<void>((r) => (release = r));
      let claimedInTx: bigint[] = [];
      const tx = a.em().transactional(async (txEm) => {
        claimedInTx = (await claimQueueItems(a, 'denial', { worker: 'tx', limit: 1, em: txEm })).map((x) => x.id);
        await held; // keep the row lock
      });
      while (claimedInTx.length === 0) await new Promise((r) => setTimeout(r, 10));
      const started = performance.now();
      const other = await claimQueueItems(b, 'denial', { worker: 'other', limit: 5 });
      expect(performance.now() - started).toBeLessThan(5_000);
      expect(other.map((x) => x.id)).not.toContain(claimedInTx[0]);
      expect(other).toHaveLength(1);
      release();
      await tx;
    });

    it('x12d migrate applies the migrations to a new schema, then finds nothing to do', async () => {
      const other = freshSchemaName();
      let out = '';
      let err = '';
      const env = { X12D_DATABASE_SCHEMA: other, X12D_DATA_DIR: 'memory://' };
      try {
        const code = await runMigrate(['--database-url', url], (s) => void (out += s), (s) => void (err += s), env);
        expect(err).toBe('');
        expect(code).toBe(0);
        expect(out).toContain(`applied ${migrationsList[0].name}`);
        expect(out).toMatch(new RegExp(`${migrationsList.length} migrations? applied in \\d+ ms`));
        const ms = Number(/applied in (\d+) ms/.exec(out)![1]);
        console.info(`PostgreSQL via x12d migrate (schema ${other}): migrations applied in ${ms} ms`);
        out = '';
        expect(await runMigrate(['--database-url', url], (s) => void (out += s), (s) => void (err += s), env)).toBe(0);
        expect(out).toContain('Up to date');
      } finally {
        await a.em().execute(`drop schema if exists "${other}" cascade`);
      }
    });
  });
}
