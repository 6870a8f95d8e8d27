import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { X12Parser } from 'node-x12';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  type AcknowledgedClaim,
  CLAIM_ACKNOWLEDGMENT_DOCUMENT,
  type ClaimAcknowledgment,
  claimAccepted,
  claimRejected,
  describeStatus,
} from '../../src/documents/claim-acknowledgment.js';
import { sumMoney } from '../../src/documents/common.js';
import { DocumentRegistry, type ParsedDocument, readDocuments, writeDocuments } from '../../src/documents/convert.js';
import type { DocumentType } from '../../src/documents/types.js';
import { DEFAULT_EDITS } from '../../src/edits/index.js';
import { X12dError } from '../../src/errors.js';
import { defaultRegistry } from '../../src/grammar/guides/index.js';
import { validateX12 } from '../../src/validation/validator.js';
import { SAMPLES } from '../x12/fixtures.js';

const registry = new DocumentRegistry([CLAIM_ACKNOWLEDGMENT_DOCUMENT as DocumentType<unknown>]);
const WHEN = new Date(Date.UTC(2024, 2, 25, 9, 0));

const MAIN = join(SAMPLES, '277ca', 'claim-acknowledgment.x12');
const PROVIDER_REJECTED = join(SAMPLES, '277ca', 'claim-acknowledgment-provider-rejected.x12');
const BATCH_REJECTED = join(SAMPLES, '277ca', 'claim-acknowledgment-batch-rejected.x12');
const VALID_SAMPLES = [
  ...readdirSync(join(SAMPLES, '277ca'))
    .filter((f) => f.endsWith('.x12'))
    .map((f) => join(SAMPLES, '277ca', f)),
  join(SAMPLES, 'various-delimiters', 'pipe-newline-terminator.x12'),
];

async function read(source: string | Buffer): Promise<ParsedDocument[]> {
  const docs: ParsedDocument[] = [];
  const r = await readDocuments(source, registry, (d) => docs.push(d));
  expect(r.skipped).toEqual([]);
  return docs;
}

async function one(path: string): Promise<ClaimAcknowledgment> {
  const docs = await read(path);
  expect(docs).toHaveLength(1);
  expect(docs[0].valid).toBe(true);
  return docs[0].record as ClaimAcknowledgment;
}

async function write(records: readonly unknown[]): Promise<string> {
  let text = '';
  await writeDocuments({ documents: records.map((record) => ({ set: '277', guide: '005010X214', record })) }, registry, (s) => (text += s), { date: WHEN });
  return text;
}

async function findings(text: string): Promise<string[]> {
  const v = await validateX12(Buffer.from(text, 'latin1'), { registry: defaultRegistry(), edits: DEFAULT_EDITS, level: 5 });
  return [...v.envelope.findings.map((f) => f.message), ...v.transactions.flatMap((t) => t.findings.map((f) => `${f.segmentId} ${f.message}`))];
}

/** Build -> write -> validate (level 5, zero findings) -> node-x12 strict -> read -> parse. */
async function roundTrip(record: ClaimAcknowledgment): Promise<{ text: string; again: ClaimAcknowledgment }> {
  const text = await write([record]);
  expect(await findings(text)).toEqual([]);
  expect(() => new X12Parser(true).parse(text)).not.toThrow();
  const docs = await read(Buffer.from(text, 'latin1'));
  expect(docs).toHaveLength(1);
  return { text, again: docs[0].record as ClaimAcknowledgment };
}

function claim(r: ClaimAcknowledgment, pcn: string): AcknowledgedClaim {
  const c = r.providers.flatMap((p) => p.claims).find((x) => x.patientControlNumber === pcn);
  if (c === undefined) throw new Error(`no claim ${pcn}`);
  return c;
}

describe('277CA: the claim acknowledgment sample (accepted and rejected claims)', () => {
  let r: ClaimAcknowledgment;
  beforeAll(async () => {
    r = await one(MAIN);
  });

  it('reads the BHT as the transaction', () => {
    expect(r.transaction).toEqual({ purpose: '08', reference: 'CA20240320001', date: '2024-03-20', time: '08:15' });
  });

  it('reads the information source: the payer, its trace, and the received and processed dates', () => {
    expect(r.informationSource).toEqual({
      entity: 'PR',
      name: { entityType: '2', last: 'ACME HEALTH PLAN', idQualifier: 'PI', id: 'AHP01' },
      trace: 'CA20240320001',
      receivedDate: '2024-03-19',
      processedDate: '2024-03-20',
    });
    expect(r.additionalSources).toBeUndefined();
  });

  it('reads the information receiver with the batch status and accepted/rejected totals', () => {
    expect(r.informationReceiver).toEqual({
      name: { entityType: '2', last: 'CACTUS CLAIMS EXCHANGE', idQualifier: '46', id: 'CCX0001' },
      trace: 'CCX20240319B',
      statuses: [{ category: 'A1', status: '19', effectiveDate: '2024-03-20', action: 'WQ', charge: '10043.00' }],
      acceptedQuantity: '3',
      rejectedQuantity: '4',
      acceptedAmount: '2743.00',
      rejectedAmount: '7300.00',
    });
  });

  it('reads the billing providers with their NPI, provider-level status and totals', () => {
    expect(r.providers).toHaveLength(2);
    const [dsp, spa] = r.providers;
    expect(dsp.name).toEqual({ entityType: '2', last: 'DESERT SPINE AND PAIN CENTER', idQualifier: 'XX', id: '1648120396' });
    expect(dsp.trace).toBeUndefined(); // TRN*1*0: no provider trace number
    expect(dsp.statuses).toEqual([{ category: 'A1', status: '19', action: 'WQ', charge: '5708.00' }]);
    expect(dsp).toMatchObject({ acceptedQuantity: '2', rejectedQuantity: '2', acceptedAmount: '1758.00', rejectedAmount: '3950.00' });
    expect(dsp.claims.map((c) => c.patientControlNumber)).toEqual(['DSP24031101', 'DSP24031102', 'DSP24031201', 'DSP24031202']);
    expect(spa.name).toEqual({ entityType: '2', last: 'SONORAN PAIN ASSOCIATES', idQualifier: 'XX', id: '1422150981' });
    expect(spa).toMatchObject({ acceptedQuantity: '1', rejectedQuantity: '2', acceptedAmount: '985.00', rejectedAmount: '3350.00' });
    expect(spa.claims.map((c) => c.patientControlNumber)).toEqual(['SPA24031301', 'SPA24031302', 'SPA24031401']);
  });

  it('reads an accepted claim: patient, payer claim number, status and service date', () => {
    expect(claim(r, 'DSP24031101')).toEqual({
      patient: { entityType: '1', last: 'KIM', first: 'SOYEON', idQualifier: 'MI', id: 'W300100201' },
      patientControlNumber: 'DSP24031101',
      statuses: [{ category: 'A2', status: '20', effectiveDate: '2024-03-20', action: 'WQ', charge: '1350.00' }],
      payerClaimNumber: '2024080000301',
      serviceDate: { from: '2024-03-11' },
    });
    expect(claim(r, 'DSP24031102').statuses).toEqual([{ category: 'A1', status: '19', effectiveDate: '2024-03-20', action: 'WQ', charge: '408.00' }]);
  });

  it('reads the rejected claims: A3, A6 and A7 with their entity codes', () => {
    expect(claim(r, 'DSP24031201').statuses).toEqual([{ category: 'A3', status: '400', effectiveDate: '2024-03-20', action: 'U', charge: '2150.00' }]);
    expect(claim(r, 'DSP24031202').statuses).toEqual([{ category: 'A6', status: '145', entity: '82', effectiveDate: '2024-03-20', action: 'U', charge: '1800.00' }]);
    const a7 = claim(r, 'SPA24031302');
    expect(a7.patient).toEqual({ entityType: '1', last: 'TURNER', first: 'MARCUS', idQualifier: 'MI', id: 'W300100206' });
    expect(a7.statuses).toEqual([{ category: 'A7', status: '164', entity: 'IL', effectiveDate: '2024-03-20', action: 'U', charge: '1200.00' }]);
    expect(a7.payerClaimNumber).toBeUndefined();
  });

  it('reads the A8 claim with its rejected service line (2220D)', () => {
    const a8 = claim(r, 'SPA24031401');
    expect(a8.statuses).toEqual([{ category: 'A8', status: '453', effectiveDate: '2024-03-20', action: 'U', charge: '2150.00' }]);
    expect(a8.serviceDate).toEqual({ from: '2024-03-14' });
    expect(a8.serviceLines).toEqual([
      {
        procedureQualifier: 'HC',
        procedureCode: '64484',
        modifiers: ['RT'],
        charge: '700.00',
        units: '1',
        status: { category: 'A8', status: '453', effectiveDate: '2024-03-20', action: 'U' },
        lineControlNumber: 'SPA24031401L2',
        serviceDate: { from: '2024-03-14' },
      },
    ]);
    expect(claim(r, 'DSP24031101').serviceLines).toBeUndefined();
  });

  it('claimAccepted is true only when every category is A1 or A2; claimRejected for A3, A4, A6, A7, A8', () => {
    const all = r.providers.flatMap((p) => p.claims);
    expect(all.filter(claimAccepted).map((c) => c.patientControlNumber)).toEqual(['DSP24031101', 'DSP24031102', 'SPA24031301']);
    expect(all.filter(claimRejected).map((c) => c.patientControlNumber)).toEqual(['DSP24031201', 'DSP24031202', 'SPA24031302', 'SPA24031401']);
    const base = claim(r, 'DSP24031101').statuses[0];
    expect(claimRejected({ statuses: [{ ...base, category: 'A4', status: '35' }] })).toBe(true);
    // A secondary status counts too.
    expect(claimAccepted({ statuses: [{ ...base, additional: [{ category: 'A7', status: '562', entity: '82' }] }] })).toBe(false);
    // Neither accepted nor rejected: forwarded, or no answer possible.
    expect(claimAccepted({ statuses: [{ ...base, category: 'A0', status: '16', entity: 'PR' }] })).toBe(false);
    expect(claimRejected({ statuses: [{ ...base, category: 'E0', status: '0' }] })).toBe(false);
  });

  it("the totals are the sums of the claims' charges, to the cent", () => {
    for (const p of r.providers) {
      expect(sumMoney(p.claims.map((c) => c.statuses[0].charge))).toBe(p.statuses![0].charge);
      expect(sumMoney(p.claims.filter(claimAccepted).map((c) => c.statuses[0].charge))).toBe(p.acceptedAmount);
      expect(sumMoney(p.claims.filter(claimRejected).map((c) => c.statuses[0].charge))).toBe(p.rejectedAmount);
      expect(String(p.claims.filter(claimAccepted).length)).toBe(p.acceptedQuantity);
    }
    expect(sumMoney(r.providers.map((p) => p.statuses![0].charge))).toBe(r.informationReceiver.statuses[0].charge);
    expect(sumMoney(r.providers.map((p) => p.rejectedAmount))).toBe(r.informationReceiver.rejectedAmount);
  });

  it('describeStatus puts the category and status codes into words', () => {
    const words = (pcn: string) => describeStatus(claim(r, pcn).statuses[0]);
    expect(words('DSP24031101')).toBe('Accepted into adjudication system: Accepted for processing (A2:20)');
    expect(words('DSP24031102')).toBe('Receipt: received, not yet accepted for adjudication: Entity acknowledges receipt of claim (A1:19)');
    expect(words('DSP24031201')).toBe('Returned as unprocessable: rejected, not entered into adjudication: Claim is out of balance (A3:400)');
    expect(words('DSP24031202')).toBe("Rejected for missing information: Rendering provider's specialty/taxonomy code (A6:145:82)");
    expect(words('SPA24031302')).toBe("Rejected for invalid information: Insured or subscriber's contract/member number (A7:164:IL)");
    expect(words('SPA24031401')).toBe('Rejected for relational field in error: Procedure code modifier(s) for services (A8:453)');
    expect(describeStatus(claim(r, 'SPA24031401').serviceLines![0].status)).toBe('Rejected for relational field in error: Procedure code modifier(s) for services (A8:453)');
    expect(describeStatus({ category: 'A1', status: '19', entity: 'PR' })).toBe('Receipt: received, not yet accepted for adjudication: Payer acknowledges receipt of claim (A1:19:PR)');
    expect(describeStatus({ category: 'ZZ9', status: '99999' })).toBe('Claim status category ZZ9: Status 99999 (ZZ9:99999)');
  });
});

describe('277CA: provider-level rejection, a patient with two claims, secondary statuses', () => {
  let r: ClaimAcknowledgment;
  beforeAll(async () => {
    r = await one(PROVIDER_REJECTED);
  });

  it('reads the receiver totals', () => {
    expect(r.transaction).toEqual({ purpose: '08', reference: 'CA20240323001', date: '2024-03-23', time: '07:40' });
    expect(r.informationReceiver).toMatchObject({
      trace: 'CCX20240322B',
      statuses: [{ category: 'A1', status: '19', effectiveDate: '2024-03-23', action: 'WQ', charge: '6235.00' }],
      acceptedQuantity: '1',
      rejectedQuantity: '3',
      acceptedAmount: '2700.00',
      rejectedAmount: '3535.00',
    });
  });

  it('reads the provider trace number and secondary id', () => {
    const dsp = r.providers[0];
    expect(dsp.trace).toBe('DSP0322PROV');
    expect(dsp.secondaryId).toEqual({ qualifier: 'TJ', value: '860123457' });
    expect(dsp).toMatchObject({ acceptedQuantity: '1', rejectedQuantity: '1', acceptedAmount: '2700.00', rejectedAmount: '1350.00' });
  });

  it('reads a rejection of the billing provider as a whole (2200C STC) and its rejected claims', () => {
    const spa = r.providers[1];
    expect(spa.name.last).toBe('SONORAN PAIN ASSOCIATES');
    expect(spa.trace).toBeUndefined();
    expect(spa.statuses).toEqual([{ category: 'A3', status: '743', entity: '85', action: 'U', charge: '2185.00' }]);
    expect(spa.acceptedQuantity).toBeUndefined();
    expect(spa).toMatchObject({ rejectedQuantity: '2', rejectedAmount: '2185.00' });
    expect(describeStatus(spa.statuses![0])).toBe("Returned as unprocessable: rejected, not entered into adjudication: Billing provider's credential/enrollment information (A3:743:85)");
    expect(spa.claims.map((c) => [c.patientControlNumber, c.clearinghouseTraceNumber, claimRejected(c)])).toEqual([
      ['SPA24032001', 'CCX2403220003', true],
      ['SPA24032002', 'CCX2403220004', true],
    ]);
  });

  it('reads two claims of one patient, the clearinghouse trace number and a service period', () => {
    const [first, second] = r.providers[0].claims;
    expect(first.patient).toEqual(second.patient);
    expect(first).toEqual({
      patient: { entityType: '1', last: 'KIM', first: 'SOYEON', idQualifier: 'MI', id: 'W300100201' },
      patientControlNumber: 'DSP24031801',
      statuses: [{ category: 'A2', status: '20', effectiveDate: '2024-03-23', action: 'WQ', charge: '2700.00' }],
      payerClaimNumber: '2024083000117',
      clearinghouseTraceNumber: 'CCX2403220001',
      serviceDate: { from: '2024-03-18', to: '2024-03-19' },
    });
    expect(claimAccepted(first)).toBe(true);
  });

  it('reads the secondary status (STC10) and the free-form message (STC12)', () => {
    const c = r.providers[0].claims[1];
    expect(c.statuses).toEqual([
      {
        category: 'A7',
        status: '21',
        entity: '82',
        effectiveDate: '2024-03-23',
        action: 'U',
        charge: '1350.00',
        additional: [{ category: 'A7', status: '562', entity: '82' }],
        message: 'RENDERING PROVIDER NPI NOT ON FILE WITH PAYER',
      },
    ]);
    expect(claimAccepted(c)).toBe(false);
    expect(claimRejected(c)).toBe(true);
    expect(describeStatus(c.statuses[0])).toBe(
      "Rejected for invalid information: Missing or invalid information (Rendering provider) (A7:21:82); Rejected for invalid information: Rendering provider's National Provider Identifier (NPI) (A7:562:82). RENDERING PROVIDER NPI NOT ON FILE WITH PAYER",
    );
  });

  it('build puts both claims of the patient under one patient level (HL PT)', async () => {
    const { text } = await roundTrip(r);
    const hls = text.split('~\n').filter((s) => s.startsWith('HL*'));
    expect(hls).toEqual(['HL*1**20*1', 'HL*2*1*21*1', 'HL*3*2*19*1', 'HL*4*3*PT', 'HL*5*2*19*1', 'HL*6*5*PT', 'HL*7*5*PT']);
  });
});

describe('277CA: a batch rejected at the information receiver level', () => {
  it('reads the clearinghouse as the source and the receiver-level rejection, with no providers', async () => {
    const r = await one(BATCH_REJECTED);
    expect(r.informationSource).toEqual({
      entity: 'AY',
      name: { entityType: '2', last: 'CACTUS CLAIMS EXCHANGE', idQualifier: '46', id: 'CCX0001' },
      trace: 'CCX20240322R1',
      receivedDate: '2024-03-22',
      processedDate: '2024-03-22',
    });
    expect(r.informationReceiver).toEqual({
      name: { entityType: '2', last: 'DESERT SPINE AND PAIN CENTER', idQualifier: '46', id: 'DSPC0001' },
      trace: 'DSPC20240320A',
      statuses: [{ category: 'A3', status: '746', effectiveDate: '2024-03-22', action: 'U', charge: '8225.00' }],
      rejectedQuantity: '3',
      rejectedAmount: '8225.00',
    });
    expect(r.providers).toEqual([]);
    expect(describeStatus(r.informationReceiver.statuses[0])).toBe('Returned as unprocessable: rejected, not entered into adjudication: Duplicate submission (information receiver level, 277CA) (A3:746)');
    const { text } = await roundTrip(r);
    expect(text).toContain('HL*2*1*21*0~');
  });
});

describe('277CA: round trip', () => {
  it.each(VALID_SAMPLES.map((f) => [f.slice(SAMPLES.length + 1), f]))('%s: parse -> build -> write -> read gives the same record, and the output validates clean', async (_name, path) => {
    const docs = await read(path);
    expect(docs.length).toBeGreaterThan(0);
    for (const d of docs) {
      expect(d.valid).toBe(true);
      const record = d.record as ClaimAcknowledgment;
      expect(JSON.parse(JSON.stringify(record))).toEqual(record);
      const { again } = await roundTrip(record);
      expect(again).toEqual(record);
    }
  });

  it('writes the optional pieces the samples lack: bill type, revenue code, prescription number, line period, more receipts and sources', async () => {
    const base = await one(MAIN);
    const a8 = base.providers[1].claims[2];
    const line = a8.serviceLines![0];
    const record: ClaimAcknowledgment = {
      ...base,
      transaction: { ...base.transaction, time: '08:15:30' },
      informationSource: { ...base.informationSource, additionalReceipts: [{ trace: 'CA20240320002', receivedDate: '2024-03-19', processedDate: '2024-03-20' }] },
      providers: [
        {
          ...base.providers[1],
          claims: [
            {
              ...a8,
              billTypeIdentifier: '831',
              serviceDate: { from: '2024-03-14', to: '2024-03-15' },
              serviceLines: [
                { ...line, revenueCode: '0360', prescriptionNumber: 'RX1234', serviceDate: { from: '2024-03-14', to: '2024-03-15' }, modifiers: ['RT', '59'], units: '2.5' },
                { procedureQualifier: 'HC', procedureCode: '64483', modifiers: [], charge: '1450.00', status: { ...line.status, entity: '82', additional: [{ category: 'A8', status: '454' }] } },
              ],
            },
          ],
        },
      ],
      additionalSources: [{ informationSource: base.informationSource, informationReceiver: base.informationReceiver, providers: [base.providers[0]] }],
    };
    const { text, again } = await roundTrip(record);
    expect(again).toEqual(record);
    expect(text).toContain('BHT*0085*08*CA20240320001*20240320*081530*TH~');
    expect(text).toContain('REF*BLT*831~');
    expect(text).toContain('SVC*HC:64484:RT:59*700**0360***2.5~');
    expect(text).toContain('STC*A8:453:82*20240320*U*******A8:454~');
    expect(text).toContain('REF*XZ*RX1234~');
    expect(text).toContain('DTP*472*RD8*20240314-20240315~');
    expect(text.match(/^HL\*\d+\*\*20\*1~$/gm)).toEqual(['HL*1**20*1~', 'HL*5**20*1~']);
  });
});

describe('277CA: records are checked before writing', () => {
  it('refuses a claim status with an unknown action code, naming the field', async () => {
    const r = await one(MAIN);
    const bad = structuredClone(r) as unknown as { providers: { claims: { statuses: { action: string }[] }[] }[] };
    bad.providers[0].claims[2].statuses[0].action = 'X';
    const err = await write([bad]).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(X12dError);
    expect((err as X12dError).message).toContain('documents[0].record.providers.0.claims.2.statuses.0.action');
  });

  it('refuses an amount that is not money and a provider with no claims', async () => {
    const r = await one(MAIN);
    const bad = structuredClone(r);
    (bad.informationReceiver as { acceptedAmount: string }).acceptedAmount = '2743.5';
    await expect(write([bad])).rejects.toThrow(/documents\[0\]\.record\.informationReceiver\.acceptedAmount/);
    const empty = structuredClone(r);
    empty.providers[0].claims = [];
    await expect(write([empty])).rejects.toThrow(/documents\[0\]\.record\.providers\.0\.claims/);
  });
});

describe('277CA: invalid files still parse', () => {
  const dir = join(SAMPLES, 'invalid', '277ca');
  it.each(readdirSync(dir).filter((f) => f.endsWith('.x12')))('%s', async (f) => {
    const docs = await read(join(dir, f));
    expect(docs).toHaveLength(1);
    expect((docs[0].record as ClaimAcknowledgment).providers.length).toBeGreaterThan(0);
  });
});
