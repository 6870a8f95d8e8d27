import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { X12Parser } from 'node-x12';
import { beforeAll, describe, expect, it } from 'vitest';
import { DocumentRegistry, type ParsedDocument, readDocuments, writeDocuments } from '../../src/documents/convert.js';
import {
  type ClaimPayment,
  REMITTANCE_DOCUMENT,
  type Remittance,
  RemittanceSchema,
  claimBalances,
  contractualAdjustment,
  isReversal,
  patientResponsibilitySplit,
  remittanceBalances,
  serviceLineBalances,
  totalAdjustments,
} from '../../src/documents/remittance.js';
import type { DocumentType } from '../../src/documents/types.js';
import { DEFAULT_EDITS } from '../../src/edits/index.js';
import { X12dError } from '../../src/errors.js';
import { defaultRegistry } from '../../src/grammar/guides/index.js';
import { validateX12 } from '../../src/validation/validator.js';

const SAMPLES = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'samples');
const REGISTRY = new DocumentRegistry([REMITTANCE_DOCUMENT as DocumentType<unknown>]);
const WHEN = new Date(Date.UTC(2024, 3, 26, 8, 15));
const ENVELOPE = { senderQualifier: 'ZZ', sender: 'AHP01', receiverQualifier: 'ZZ', receiver: 'DSPC0001', usage: 'P' as const };

async function read(source: string | Buffer): Promise<ParsedDocument[]> {
  const docs: ParsedDocument[] = [];
  await readDocuments(source, REGISTRY, (d) => docs.push(d));
  return docs;
}

async function readSample(rel: string): Promise<Remittance> {
  const docs = await read(join(SAMPLES, rel));
  expect(docs).toHaveLength(1);
  expect(docs[0].valid).toBe(true);
  return docs[0].record as Remittance;
}

async function write(records: { record: unknown; envelope?: typeof ENVELOPE }[]): Promise<string> {
  let text = '';
  await writeDocuments({ documents: records.map((r) => ({ set: '835', guide: '005010X221A1', envelope: r.envelope ?? ENVELOPE, record: r.record })) }, REGISTRY, (c) => (text += c), { date: WHEN });
  return text;
}

async function findings(text: string): Promise<string[]> {
  const v = await validateX12(Buffer.from(text), { registry: defaultRegistry(), edits: DEFAULT_EDITS, level: 5 });
  return [...v.envelope.findings.map((f) => `${f.code}: ${f.message}`), ...v.transactions.flatMap((t) => t.findings.map((f) => `${f.code} ${f.segmentId}${f.element}: ${f.message}`))];
}

/** The segments between ST and SE, one per entry. */
function body(text: string): string[] {
  const segs = text.split(/~\r?\n?/).filter((s) => s !== '');
  return segs.slice(segs.findIndex((s) => s.startsWith('ST*')) + 1, segs.findIndex((s) => s.startsWith('SE*')));
}

function claim(r: Remittance, pcn: string, status?: string): ClaimPayment {
  const c = r.claims.find((x) => x.patientControlNumber === pcn && (status === undefined || x.status === status));
  if (c === undefined) throw new Error(`no claim ${pcn}`);
  return c;
}

/** Every 835 among the valid samples (its own folder and the delimiter variants). */
function remittanceSamples(): string[] {
  const out: string[] = [];
  for (const dir of ['835', 'various-delimiters']) {
    for (const f of readdirSync(join(SAMPLES, dir)).sort()) {
      if (!f.endsWith('.x12')) continue;
      const text = readFileSync(join(SAMPLES, dir, f), 'latin1');
      if (/ST.835./.test(text)) out.push(`${dir}/${f}`);
    }
  }
  return out;
}

let ach: Remittance;
let chk: Remittance;
beforeAll(async () => {
  ach = await readSample('835/remittance.x12');
  chk = await readSample('835/check-payment.x12');
});

describe('835 ACH remittance (samples/835/remittance.x12)', () => {
  it('reads the payment, trace and header references', () => {
    expect(ach.payment).toEqual({
      handling: 'I',
      amount: '1226.50',
      creditDebit: 'C',
      method: 'ACH',
      format: 'CCP',
      bank: {
        sender: { dfiQualifier: '01', dfiId: '122105676', accountQualifier: 'DA', accountNumber: '4471002918' },
        originatorId: '1870654321',
        receiver: { dfiQualifier: '01', dfiId: '322271504', accountQualifier: 'DA', accountNumber: '9001337421' },
      },
      date: '2024-04-15',
    });
    expect(ach.trace).toEqual({ type: '1', number: 'EFT240415000381', originatorId: '1870654321' });
    expect(ach.receiverId).toBe('DSPC0001');
    expect(ach.versionId).toBeUndefined();
    expect('versionId' in ach).toBe(false);
    expect(ach.productionDate).toBe('2024-04-12');
    expect(ach.headerSummaries).toBeUndefined();
  });

  it('reads the payer and the payee', () => {
    expect(ach.payer).toEqual({
      name: 'ACME HEALTH PLAN',
      address: { line1: 'PO BOX 40517', city: 'SALT LAKE CITY', state: 'UT', postalCode: '841300517' },
      additionalIds: [{ qualifier: '2U', value: 'AHP01' }],
      contacts: [
        { function: 'CX', name: 'PROVIDER SERVICES', channels: [{ type: 'TE', value: '8005550199' }] },
        { function: 'BL', name: 'EDI SUPPORT', channels: [{ type: 'TE', value: '8005550198' }, { type: 'EM', value: 'EDI@ACMEHEALTH.EXAMPLE' }] },
      ],
    });
    expect(ach.payee).toEqual({
      name: 'DESERT SPINE AND PAIN CENTER',
      idQualifier: 'XX',
      id: '1648120396',
      address: { line1: '1200 SAGUARO PLAZA DR', line2: 'STE 210', city: 'PHOENIX', state: 'AZ', postalCode: '850161234' },
      additionalIds: [{ qualifier: 'TJ', value: '861234567' }],
    });
  });

  it('reads a paid claim with line-level CO-45, PR-1, PR-2 and PR-3', () => {
    expect(ach.claims.map((c) => [c.headerNumber, c.patientControlNumber, c.status])).toEqual([
      ['1', 'PMC24031501', '1'],
      ['1', 'PMC24031502', '4'],
      ['1', 'PMC24022003', '22'],
      ['1', 'PMC24022003', '1'],
    ]);
    const c = claim(ach, 'PMC24031501');
    expect(c).toMatchObject({
      charge: '2150.00',
      paid: '724.00',
      patientResponsibility: '506.00',
      filingIndicator: '12',
      payerClaimControlNumber: '2024081000111',
      facilityCode: '24',
      frequencyCode: '1',
      adjustments: [],
      patient: { entityType: '1', last: 'DOE', first: 'JANE', middle: 'M', idQualifier: 'MI', id: 'W123456789' },
      renderingProvider: { entityType: '1', last: 'PATEL', first: 'ANIL', middle: 'R', idQualifier: 'XX', id: '1288405610' },
      otherClaimIds: [{ qualifier: 'G1', value: 'AHP2402280417' }],
      dates: { received: '2024-03-21' },
    });
    expect(c.insured).toBeUndefined();
    expect(c.serviceLines).toEqual([
      {
        procedureQualifier: 'HC',
        procedureCode: '64483',
        modifiers: ['LT'],
        charge: '1450.00',
        paid: '396.00',
        units: '1',
        unitsDefaulted: true,
        serviceDate: '2024-03-11',
        adjustments: [
          { group: 'CO', reason: '45', amount: '630.00' },
          { group: 'PR', reason: '1', amount: '300.00' },
          { group: 'PR', reason: '2', amount: '99.00' },
          { group: 'PR', reason: '3', amount: '25.00' },
        ],
        lineControlNumber: 'PMC24031501L1',
        allowed: '820.00',
      },
      {
        procedureQualifier: 'HC',
        procedureCode: '64484',
        modifiers: ['LT'],
        charge: '700.00',
        paid: '328.00',
        units: '1',
        unitsDefaulted: true,
        serviceDate: '2024-03-11',
        adjustments: [
          { group: 'CO', reason: '45', amount: '290.00' },
          { group: 'PR', reason: '2', amount: '82.00' },
        ],
        lineControlNumber: 'PMC24031501L2',
        allowed: '410.00',
      },
    ]);
  });

  it('reads a denied claim (CLP02 4) with CO-197 and LQ*HE*M62', () => {
    const c = claim(ach, 'PMC24031502');
    expect(c).toMatchObject({ status: '4', charge: '1800.00', paid: '0.00', patientResponsibility: '0.00', facilityCode: '11' });
    expect(c.patient).toEqual({ entityType: '1', last: 'SMITH', first: 'MARIA', middle: 'L' });
    expect(c.insured).toEqual({ entityType: '1', last: 'SMITH', first: 'ROBERT', middle: 'J', idQualifier: 'MI', id: 'W987654321' });
    expect(c.serviceLines.map((l) => [l.procedureCode, l.modifiers, l.charge, l.paid, l.adjustments, l.remarks])).toEqual([
      ['64493', ['50', 'KX'], '1200.00', '0.00', [{ group: 'CO', reason: '197', amount: '1200.00' }], [{ qualifier: 'HE', code: 'M62' }]],
      ['64494', ['50', 'KX'], '600.00', '0.00', [{ group: 'CO', reason: '197', amount: '600.00' }], [{ qualifier: 'HE', code: 'M62' }]],
    ]);
  });

  it('reads a reversal (CLP02 22, all amounts negated) followed by its correction', () => {
    const rev = claim(ach, 'PMC24022003', '22');
    expect(rev).toMatchObject({ charge: '-2850.00', paid: '-1280.00', patientResponsibility: '-320.00', payerClaimControlNumber: '2024055000123', frequencyCode: '1' });
    expect(rev.serviceLines.map((l) => [l.procedureCode, l.charge, l.paid, l.allowed, l.adjustments.map((a) => `${a.group}-${a.reason} ${a.amount}`)])).toEqual([
      ['64635', '-1900.00', '-880.00', '-1100.00', ['CO-45 -800.00', 'PR-2 -220.00']],
      ['64636', '-950.00', '-400.00', '-500.00', ['CO-45 -450.00', 'PR-2 -100.00']],
    ]);
    const cor = claim(ach, 'PMC24022003', '1');
    expect(cor).toMatchObject({ charge: '4275.00', paid: '1920.00', patientResponsibility: '480.00', payerClaimControlNumber: '2024081000333', frequencyCode: '7' });
    expect(cor.otherClaimIds).toEqual([{ qualifier: 'F8', value: '2024055000123' }]);
    expect(cor.serviceLines.map((l) => [l.procedureCode, l.modifiers, l.paid])).toEqual([
      ['64635', ['50'], '1320.00'],
      ['64636', ['50'], '600.00'],
    ]);
    expect(ach.claims.indexOf(rev)).toBeLessThan(ach.claims.indexOf(cor));
  });

  it('reads the PLB adjustments, one entry per reason/amount pair', () => {
    expect(ach.providerAdjustments).toEqual([
      { provider: '1648120396', fiscalPeriodEnd: '2024-12-31', reason: 'WO', reference: 'PMC24010507', amount: '150.00' },
      { provider: '1648120396', fiscalPeriodEnd: '2024-12-31', reason: 'L6', reference: 'PMC24031501', amount: '-12.50' },
    ]);
  });
});

describe('835 check payment with several headers (samples/835/check-payment.x12)', () => {
  it('reads a check payment: no bank details, TRN04, REF*F2', () => {
    expect(chk.payment).toEqual({ handling: 'C', amount: '2729.37', creditDebit: 'C', method: 'CHK', date: '2024-04-29' });
    expect(chk.trace).toEqual({ type: '1', number: '0004417291', originatorId: '1870654321', originatorSupplemental: 'ACMEAZ' });
    expect(chk.receiverId).toBe('DSPC0001');
    expect(chk.versionId).toBe('ACME835R24');
    expect(chk.productionDate).toBe('2024-04-26');
  });

  it('reads the payer id, its contacts (CX, BL, IC) and a payee identified by tax id', () => {
    expect(chk.payer.idQualifier).toBe('XV');
    expect(chk.payer.id).toBe('7012345678');
    expect(chk.payer.additionalIds).toEqual([
      { qualifier: '2U', value: 'AHP01' },
      { qualifier: 'NF', value: '98765' },
    ]);
    expect(chk.payer.contacts).toEqual([
      { function: 'CX', name: 'PROVIDER SERVICES', channels: [{ type: 'TE', value: '8005550199' }, { type: 'EX', value: '204' }] },
      { function: 'BL', name: 'EDI SUPPORT', channels: [{ type: 'TE', value: '8005550198' }, { type: 'EM', value: 'EDI@ACMEHEALTH.EXAMPLE' }] },
      { function: 'IC', channels: [{ type: 'UR', value: 'WWW.ACMEHEALTH.EXAMPLE/PROVIDERS' }] },
    ]);
    expect(chk.payee).toMatchObject({ idQualifier: 'FI', id: '861234567', additionalIds: [{ qualifier: 'PQ', value: 'DSPCAHP0042' }] });
  });

  it('keeps the LX header number of each claim', () => {
    expect(chk.claims.map((c) => `${c.headerNumber}:${c.patientControlNumber}:${c.status}`)).toEqual([
      '1:PMC24032101:1',
      '1:PMC24032103:1',
      '2:PMC24032102:1',
      '3:PMC24040201:19',
      '3:PMC24040202:4',
      '3:PMC24040203:4',
    ]);
  });

  it('reads claim-level CAS, the corrected insured, MOA, claim dates, contact and AMT*AU', () => {
    const c = claim(chk, 'PMC24032101');
    expect(c.adjustments).toEqual([{ group: 'PR', reason: '1', amount: '50.00' }]);
    expect(c.correctedInsured).toEqual({ entityType: '1', last: 'LEE', first: 'DAVID', middle: 'K', idQualifier: 'C', id: 'W314159266' });
    expect(c.outpatient).toEqual({ remarkCodes: ['MA01'] });
    expect(c.inpatient).toBeUndefined();
    expect(c.otherClaimIds).toEqual([{ qualifier: '1L', value: 'GRP4410' }]);
    expect(c.dates).toEqual({ statementPeriod: { from: '2024-03-21', to: '2024-03-21' }, received: '2024-03-25' });
    expect(c.contacts).toEqual([{ function: 'CX', name: 'CLAIMS UNIT 4', channels: [{ type: 'TE', value: '8005550197' }] }]);
    expect(c.amounts).toEqual([{ qualifier: 'AU', amount: '262.00' }]);
    expect(c.quantities).toBeUndefined();
    expect(c.serviceLines.map((l) => [l.procedureCode, l.modifiers, l.units, l.unitsDefaulted, l.paid, l.allowed])).toEqual([
      ['99213', ['25'], '1', undefined, '110.00', '110.00'],
      ['20552', [], '1', true, '140.00', '140.00'],
      ['J1030', [], '1', undefined, '12.00', '12.00'],
    ]);
    expect(c.serviceLines[2].remarks).toEqual([{ qualifier: 'HE', code: 'N130' }]);
  });

  it('reads an adjudicated procedure that differs from the one billed (SVC06, SVC07) and a CAS quantity', () => {
    const c = claim(chk, 'PMC24032103');
    expect(c.patient).toEqual({ entityType: '1', last: 'GARCIA', first: 'LUIS', middle: 'A' });
    expect(c.insured).toMatchObject({ last: 'GARCIA', first: 'CARMEN', id: 'W161803398' });
    const [epidural, drug] = c.serviceLines;
    expect(epidural.adjustments).toEqual([
      { group: 'CO', reason: '45', amount: '370.00' },
      { group: 'PR', reason: '3', amount: '40.00' },
    ]);
    expect(drug).toMatchObject({
      procedureQualifier: 'HC',
      procedureCode: 'J1030',
      units: '2',
      originalProcedure: { qualifier: 'HC', code: 'J1040', modifiers: [] },
      originalUnits: '1',
      adjustments: [{ group: 'CO', reason: '45', amount: '15.00', quantity: '1' }],
      remarks: [{ qualifier: 'HE', code: 'N657' }],
    });
    expect(drug.revenueCode).toBeUndefined();
  });

  it('omits CLP05 when the payer leaves it out, and keeps line REFs other than 6R', () => {
    const c = claim(chk, 'PMC24032102');
    expect(c.patientResponsibility).toBeUndefined();
    expect('patientResponsibility' in c).toBe(false);
    expect(c).toMatchObject({ charge: '2600.00', paid: '1820.00', facilityCode: '24', otherClaimIds: [{ qualifier: 'G1', value: 'AHP2403080552' }] });
    expect(c.serviceLines[0]).toMatchObject({ procedureCode: '63650', units: '2', lineControlNumber: 'PMC24032102L1', otherIds: [{ qualifier: 'HPI', value: '1288405610' }] });
  });

  it('reads a crossover claim (CLP02 19, NM1*TT) and a service period (DTM*150/151)', () => {
    const c = claim(chk, 'PMC24040201');
    expect(c.crossoverCarrier).toEqual({ entityType: '2', last: 'DESERT MUTUAL SUPPLEMENTAL', idQualifier: 'PI', id: 'DMS77' });
    const supplies = c.serviceLines[1];
    expect(supplies.procedureCode).toBe('A4595');
    expect(supplies.servicePeriod).toEqual({ from: '2024-03-01', to: '2024-03-31' });
    expect(supplies.serviceDate).toBeUndefined();
    expect(supplies.lineControlNumber).toBeUndefined();
  });

  it('reads denials naming a priority payer (NM1*PR, OA-22) and an ended coverage (DTM*036, PR-27)', () => {
    const cob = claim(chk, 'PMC24040202');
    expect(cob.status).toBe('4');
    expect(cob.correctedPriorityPayer).toEqual({ entityType: '2', last: 'SUNSTATE HEALTH INSURANCE', idQualifier: 'PI', id: 'SSHI4' });
    expect(cob.serviceLines[0].adjustments).toEqual([{ group: 'OA', reason: '22', amount: '190.00' }]);
    expect(cob.serviceLines[0].remarks).toEqual([{ qualifier: 'HE', code: 'MA04' }]);
    const ended = claim(chk, 'PMC24040203');
    expect(ended).toMatchObject({ status: '4', paid: '0.00', patientResponsibility: '165.00', dates: { coverageExpiration: '2024-02-29', received: '2024-04-02' } });
    expect(ended.serviceLines[0].adjustments).toEqual([{ group: 'PR', reason: '27', amount: '165.00' }]);
  });

  it('reads PLB interest with the claim it is for', () => {
    expect(chk.providerAdjustments).toEqual([
      { provider: '1648120396', fiscalPeriodEnd: '2024-12-31', reason: 'CS', reference: 'CAP202404', amount: '35.00' },
      { provider: '1648120396', fiscalPeriodEnd: '2024-12-31', reason: 'L6', reference: 'PMC24032102', amount: '-4.37' },
    ]);
  });
});

describe('posting helpers', () => {
  it('splits patient responsibility into deductible, coinsurance, copay and other, from claim and line CAS', () => {
    expect(patientResponsibilitySplit(claim(ach, 'PMC24031501'))).toEqual({ deductible: '300.00', coinsurance: '181.00', copay: '25.00', other: '0.00', total: '506.00' });
    expect(patientResponsibilitySplit(claim(chk, 'PMC24032101'))).toEqual({ deductible: '50.00', coinsurance: '0.00', copay: '0.00', other: '0.00', total: '50.00' });
    expect(patientResponsibilitySplit(claim(chk, 'PMC24032103'))).toEqual({ deductible: '0.00', coinsurance: '0.00', copay: '40.00', other: '0.00', total: '40.00' });
    expect(patientResponsibilitySplit(claim(chk, 'PMC24040203'))).toEqual({ deductible: '0.00', coinsurance: '0.00', copay: '0.00', other: '165.00', total: '165.00' });
    expect(patientResponsibilitySplit(claim(ach, 'PMC24022003', '22'))).toEqual({ deductible: '0.00', coinsurance: '-320.00', copay: '0.00', other: '0.00', total: '-320.00' });
    // The split's total is CLP05 wherever the payer reported one.
    for (const c of [...ach.claims, ...chk.claims]) if (c.patientResponsibility !== undefined) expect(patientResponsibilitySplit(c).total).toBe(c.patientResponsibility);
  });

  it('is exact in cents', () => {
    const c = { adjustments: [{ group: 'PR' as const, reason: '2', amount: '0.10' }], serviceLines: [{ adjustments: [{ group: 'PR' as const, reason: '2', amount: '0.20' }] }] };
    expect(patientResponsibilitySplit(c).coinsurance).toBe('0.30');
  });

  it('sums the contractual (CO) adjustments', () => {
    expect(contractualAdjustment(claim(ach, 'PMC24031501'))).toBe('920.00');
    expect(contractualAdjustment(claim(ach, 'PMC24031502'))).toBe('1800.00');
    expect(contractualAdjustment(claim(ach, 'PMC24022003', '22'))).toBe('-1250.00');
    expect(contractualAdjustment(claim(chk, 'PMC24040202'))).toBe('0.00');
    expect(totalAdjustments(claim(chk, 'PMC24032101'))).toBe('196.00');
  });

  it('tells a reversal', () => {
    expect(ach.claims.map(isReversal)).toEqual([false, false, true, false]);
    expect(chk.claims.some(isReversal)).toBe(false);
  });

  it('checks claim, line and payment balances', () => {
    for (const r of [ach, chk]) {
      expect(remittanceBalances(r)).toBe(true);
      for (const c of r.claims) {
        expect(claimBalances(c)).toBe(true);
        for (const l of c.serviceLines) expect(serviceLineBalances(l)).toBe(true);
      }
    }
    const c = claim(ach, 'PMC24031501');
    expect(claimBalances({ ...c, paid: '724.01' })).toBe(false);
    expect(claimBalances({ ...c, adjustments: [{ group: 'OA', reason: '23', amount: '1.00' }] })).toBe(false);
    expect(serviceLineBalances({ ...c.serviceLines[0], paid: '395.99' })).toBe(false);
    expect(remittanceBalances({ ...ach, payment: { ...ach.payment, amount: '1226.49' } })).toBe(false);
    expect(remittanceBalances({ ...ach, providerAdjustments: [] })).toBe(false);
  });
});

/** A record using the parts the samples do not: CUR, RDM, TS3/TS2, MIA, full MOA, QTY, LQ*RX, SVC04, long CAS and PLB lists. */
function kitchenSink(): Remittance {
  return {
    payment: {
      handling: 'C',
      amount: '1090.00',
      creditDebit: 'C',
      method: 'ACH',
      format: 'CTX',
      bank: {
        sender: { dfiQualifier: '01', dfiId: '122105676', accountQualifier: 'DA', accountNumber: '4471002918' },
        originatorId: '1870654321',
        originatorSupplemental: '000012345',
        receiver: { dfiQualifier: '01', dfiId: '322271504', accountQualifier: 'SG', accountNumber: '9001337421' },
      },
      date: '2024-05-02',
      currency: 'CAD',
    },
    trace: { type: '1', number: 'EFT240502000007', originatorId: '1870654321', originatorSupplemental: 'ACMEAZ' },
    receiverId: 'DSPC0001',
    versionId: 'ACME835R24',
    productionDate: '2024-04-30',
    payer: {
      name: 'ACME HEALTH PLAN',
      idQualifier: 'XV',
      id: '7012345678',
      address: { line1: 'PO BOX 40517', city: 'SALT LAKE CITY', state: 'UT', postalCode: '841300517' },
      additionalIds: [{ qualifier: 'HI', value: 'AHP99' }],
      contacts: [
        { function: 'CX', channels: [{ type: 'TE', value: '8005550199' }] },
        { function: 'BL', name: 'EDI SUPPORT', channels: [{ type: 'EM', value: 'EDI@ACMEHEALTH.EXAMPLE' }] },
        { function: 'BL', name: 'EDI NIGHT DESK', channels: [{ type: 'TE', value: '8005550100' }] },
        { function: 'IC', channels: [{ type: 'UR', value: 'WWW.ACMEHEALTH.EXAMPLE' }] },
      ],
    },
    payee: {
      name: 'DESERT SPINE AND PAIN CENTER',
      idQualifier: 'XX',
      id: '1648120396',
      additionalIds: [{ qualifier: '0B', value: 'AZ12345' }],
      remittanceDelivery: { method: 'EM', name: 'BILLING OFFICE', number: 'REMITS@DESERTSPINE.EXAMPLE' },
    },
    headerSummaries: [
      {
        headerNumber: '7',
        providerSummary: { providerId: '1648120396', facilityCode: '11', fiscalPeriodEnd: '2024-12-31', totalClaimCount: '2', totalClaimCharge: '1700.00', totalHcpcsPayableAmount: '331.00', totalPipClaimCount: '0' },
        supplementalSummary: { totalDrgAmount: '900.00', totalDischargeCount: '1', averageDrgWeight: '1.9' },
      },
    ],
    claims: [
      {
        headerNumber: '7',
        patientControlNumber: 'PMC24042501',
        status: '1',
        charge: '1500.00',
        paid: '933.00',
        patientResponsibility: '150.00',
        filingIndicator: 'MA',
        payerClaimControlNumber: '2024121000001',
        facilityCode: '11',
        frequencyCode: '1',
        drgCode: '470',
        drgWeight: '1.9',
        dischargeFraction: '.5',
        adjustments: [
          { group: 'CO', reason: '59', amount: '1.00' },
          { group: 'CO', reason: '97', amount: '1.00' },
          { group: 'CO', reason: '16', amount: '1.00' },
          { group: 'CO', reason: '18', amount: '1.00' },
          { group: 'CO', reason: 'B7', amount: '1.00' },
          { group: 'CO', reason: '45', amount: '1.00', quantity: '2' },
          { group: 'CO', reason: '253', amount: '1.00' },
          { group: 'PR', reason: '1', amount: '100.00' },
        ],
        patient: { entityType: '1', last: 'DOE', first: 'JANE', middle: 'M', suffix: 'JR', idQualifier: 'MI', id: 'W123456789' },
        insured: { entityType: '1', last: 'DOE', first: 'JOHN', idQualifier: 'MI', id: 'W123456700' },
        correctedInsured: { entityType: '1', last: 'DOE', first: 'JONATHAN', idQualifier: 'C', id: 'W123456701' },
        renderingProvider: { entityType: '2', last: 'DESERT SPINE SURGERY CENTER', idQualifier: 'XX', id: '1648120396' },
        crossoverCarrier: { entityType: '2', last: 'DESERT MUTUAL SUPPLEMENTAL', idQualifier: 'PI', id: 'DMS77' },
        correctedPriorityPayer: { entityType: '2', last: 'SUNSTATE HEALTH INSURANCE', idQualifier: 'PI', id: 'SSHI4' },
        otherSubscriber: { entityType: '1', last: 'DOE', first: 'JULIA', idQualifier: 'MI', id: 'S555' },
        inpatient: { coveredDays: '3', drgAmount: '900.00', costReportDays: '3', ppsCapitalExceptionAmount: '5.00', remarkCodes: ['MA01', 'N130'] },
        otherClaimIds: [
          { qualifier: 'EA', value: 'MR778812' },
          { qualifier: '1A', value: 'BCBSAZ123' },
        ],
        dates: { statementPeriod: { from: '2024-04-22', to: '2024-04-25' }, coverageExpiration: '2024-12-31', received: '2024-04-27' },
        contacts: [
          { function: 'CX', name: 'CLAIMS UNIT 4', channels: [{ type: 'TE', value: '8005550197' }, { type: 'EX', value: '12' }] },
          { function: 'CX', name: 'APPEALS', channels: [{ type: 'FX', value: '8005550196' }] },
        ],
        amounts: [
          { qualifier: 'AU', amount: '1040.00' },
          { qualifier: 'I', amount: '0.00' },
        ],
        quantities: [
          { qualifier: 'CA', quantity: '3' },
          { qualifier: 'LA', quantity: '0' },
        ],
        serviceLines: [
          {
            procedureQualifier: 'HC',
            procedureCode: '64483',
            modifiers: ['LT', '59'],
            charge: '1000.00',
            paid: '690.00',
            revenueCode: '0360',
            units: '1.5',
            servicePeriod: { from: '2024-04-22', to: '2024-04-25' },
            adjustments: [
              { group: 'CO', reason: '45', amount: '300.00' },
              { group: 'CO', reason: '253', amount: '10.00' },
            ],
            lineControlNumber: 'PMC24042501L1',
            otherIds: [
              { qualifier: 'LU', value: 'LOC7' },
              { qualifier: 'HPI', value: '1288405610' },
              { qualifier: '0K', value: 'LCD L39240' },
            ],
            allowed: '700.00',
            amounts: [{ qualifier: 'KH', amount: '0.00' }],
            quantities: [{ qualifier: 'ZK', quantity: '1' }],
            remarks: [
              { qualifier: 'HE', code: 'N130' },
              { qualifier: 'RX', code: '70' },
            ],
          },
          {
            procedureQualifier: 'NU',
            procedureCode: '0250',
            modifiers: [],
            charge: '500.00',
            paid: '350.00',
            units: '4',
            originalProcedure: { qualifier: 'HC', code: 'J1040', modifiers: ['JW'], description: 'METHYLPREDNISOLONE 80 MG' },
            originalUnits: '2',
            serviceDate: '2024-04-22',
            adjustments: [
              { group: 'PR', reason: '2', amount: '50.00' },
              { group: 'CO', reason: '45', amount: '100.00' },
            ],
          },
        ],
      },
      {
        patientControlNumber: 'PMC24042502',
        status: '3',
        charge: '200.00',
        paid: '120.00',
        filingIndicator: '15',
        payerClaimControlNumber: '2024121000002',
        adjustments: [{ group: 'OA', reason: '23', amount: '80.00' }],
        patient: { entityType: '1', last: 'SMITH', first: 'MARIA' },
        outpatient: { reimbursementRate: '0.8', hcpcsPayableAmount: '331.00', remarkCodes: ['MA01', 'N130'], esrdPaymentAmount: '0.00', nonpayableProfessionalComponentAmount: '12.50' },
        serviceLines: [],
      },
      {
        headerNumber: '8',
        patientControlNumber: 'PMC24042503',
        status: '2',
        charge: '100.00',
        paid: '60.00',
        patientResponsibility: '0.00',
        filingIndicator: '12',
        payerClaimControlNumber: '2024121000003',
        adjustments: [],
        patient: { entityType: '1', last: 'BROWN', first: 'HELEN' },
        serviceLines: [{ procedureQualifier: 'HC', procedureCode: '99213', modifiers: [], charge: '100.00', paid: '60.00', units: '1', unitsDefaulted: true, serviceDate: '2024-04-24', adjustments: [{ group: 'CO', reason: '45', amount: '40.00' }] }],
      },
    ],
    providerAdjustments: [
      { provider: '1648120396', fiscalPeriodEnd: '2024-12-31', reason: 'WO', reference: 'PMC24010507', amount: '10.00' },
      { provider: '1648120396', fiscalPeriodEnd: '2024-12-31', reason: 'L6', reference: 'PMC24042501', amount: '-1.25' },
      { provider: '1648120396', fiscalPeriodEnd: '2024-12-31', reason: 'FB', amount: '5.00' },
      { provider: '1648120396', fiscalPeriodEnd: '2024-12-31', reason: '72', amount: '2.00' },
      { provider: '1648120396', fiscalPeriodEnd: '2024-12-31', reason: 'CS', amount: '3.00' },
      { provider: '1648120396', fiscalPeriodEnd: '2024-12-31', reason: 'J1', amount: '1.00' },
      { provider: '1648120396', fiscalPeriodEnd: '2024-12-31', reason: 'WU', reference: 'RECOUP 7', amount: '0.50' },
      { provider: '1288405610', fiscalPeriodEnd: '2024-06-30', reason: 'IS', amount: '2.75' },
    ],
  };
}

describe('build and round trip', () => {
  for (const rel of remittanceSamples()) {
    it(`round-trips ${rel}: parse, build, write, validate at level 5, read back equal`, async () => {
      const docs = await read(join(SAMPLES, rel));
      expect(docs.length).toBeGreaterThan(0);
      const text = await write(docs.map((d) => ({ record: d.record, envelope: d.envelope as typeof ENVELOPE })));
      expect(await findings(text)).toEqual([]);
      const parsed = new X12Parser(true).parse(text);
      expect(parsed).toBeTruthy();
      const again = await read(Buffer.from(text));
      expect(again.map((d) => d.record)).toEqual(JSON.parse(JSON.stringify(docs.map((d) => d.record))));
      expect(again.every((d) => d.valid)).toBe(true);
    });
  }

  it('builds exactly the sample segments between ST and SE', async () => {
    for (const rel of ['835/remittance.x12', '835/check-payment.x12']) {
      const original = readFileSync(join(SAMPLES, rel), 'latin1');
      const docs = await read(join(SAMPLES, rel));
      const text = await write([{ record: docs[0].record }]);
      expect(body(text)).toEqual(body(original));
    }
  });

  it('parses in node-x12 strict mode', async () => {
    const text = await write([{ record: chk }, { record: ach }]);
    const parsed = new X12Parser(true).parse(text);
    const ic = Array.isArray(parsed) ? parsed[0] : parsed;
    expect(ic.functionalGroups).toHaveLength(1);
    expect(ic.functionalGroups[0].transactions).toHaveLength(2);
    expect(ic.functionalGroups[0].transactions[0].header.valueOf(1)).toBe('835');
    expect(ic.functionalGroups[0].header.valueOf(1)).toBe('HP');
    expect(ic.functionalGroups[0].header.valueOf(8)).toBe('005010X221A1');
  });

  it('writes ST without ST03', async () => {
    const text = await write([{ record: ach }]);
    expect(text).toMatch(/^ST\*835\*\d{4,9}~$/m);
  });

  it('round-trips a record using the rest of the 835 (CUR, RDM, TS3/TS2, MIA, MOA, QTY, LQ*RX, SVC04, SVC06, long CAS and PLB)', async () => {
    const record = kitchenSink();
    const text = await write([{ record }]);
    expect(await findings(text)).toEqual([]);
    new X12Parser(true).parse(text);
    const segs = body(text);
    expect(segs.slice(0, 6)).toEqual([
      'BPR*C*1090*C*ACH*CTX*01*122105676*DA*4471002918*1870654321*000012345*01*322271504*SG*9001337421*20240502',
      'TRN*1*EFT240502000007*1870654321*ACMEAZ',
      'CUR*PR*CAD',
      'REF*EV*DSPC0001',
      'REF*F2*ACME835R24',
      'DTM*405*20240430',
    ]);
    expect(segs).toContain('RDM*EM*BILLING OFFICE*REMITS@DESERTSPINE.EXAMPLE');
    expect(segs).toContain('TS3*1648120396*11*20241231*2*1700*************331*****0');
    expect(segs).toContain('TS2*900**********1*****1.9');
    expect(segs).toContain('CLP*PMC24042501*1*1500*933*150*MA*2024121000001*11*1**470*1.9*.5');
    expect(segs).toContain('CAS*CO*59*1**97*1**16*1**18*1**B7*1**45*1*2');
    expect(segs).toContain('CAS*CO*253*1');
    expect(segs).toContain('MIA*3***900*MA01**********3*****N130****5');
    expect(segs).toContain('MOA*0.8*331*MA01*N130****0*12.5');
    expect(segs).toContain('SVC*HC:64483:LT:59*1000*690*0360*1.5');
    expect(segs).toContain('SVC*NU:0250*500*350**4*HC:J1040:JW::::METHYLPREDNISOLONE 80 MG*2');
    expect(segs).toContain('SVC*HC:99213*100*60');
    expect(segs).toContain('LQ*RX*70');
    expect(segs.filter((s) => s.startsWith('PLB'))).toEqual([
      'PLB*1648120396*20241231*WO:PMC24010507*10*L6:PMC24042501*-1.25*FB*5*72*2*CS*3*J1*1',
      'PLB*1648120396*20241231*WU:RECOUP 7*0.5',
      'PLB*1288405610*20240630*IS*2.75',
    ]);
    // The claim without a header number joins the header before it.
    expect(segs.filter((s) => s.startsWith('LX'))).toEqual(['LX*7', 'LX*8']);
    // Claim REFs: other claim ids before rendering provider ids; line REFs in the guide's order.
    const i = segs.indexOf('REF*EA*MR778812');
    expect(segs.slice(i, i + 2)).toEqual(['REF*EA*MR778812', 'REF*1A*BCBSAZ123']);
    const j = segs.indexOf('REF*LU*LOC7');
    expect(segs.slice(j, j + 4)).toEqual(['REF*LU*LOC7', 'REF*6R*PMC24042501L1', 'REF*HPI*1288405610', 'REF*0K*LCD L39240']);

    const [doc] = await read(Buffer.from(text));
    expect(doc.valid).toBe(true);
    const expected = { ...record, claims: record.claims.map((c, n) => (n === 1 ? { ...c, headerNumber: '7' } : c)) };
    expect(doc.record).toEqual(expected);
    expect(remittanceBalances(doc.record as Remittance)).toBe(true);
    expect((doc.record as Remittance).claims.every(claimBalances)).toBe(true);
  });

  it('writes payer contacts in the guide order (CX, BL, IC) and puts claims without header numbers under LX*1', async () => {
    const record = structuredClone(chk);
    record.payer.contacts.reverse();
    for (const c of record.claims) delete (c as { headerNumber?: string }).headerNumber;
    const text = await write([{ record }]);
    expect(await findings(text)).toEqual([]);
    const segs = body(text);
    expect(segs.filter((s) => s.startsWith('PER*') && segs.indexOf(s) < segs.indexOf('N1*PE*DESERT SPINE AND PAIN CENTER*FI*861234567')).map((s) => s.slice(0, 6))).toEqual(['PER*CX', 'PER*BL', 'PER*IC']);
    expect(segs.filter((s) => s.startsWith('LX'))).toEqual(['LX*1']);
  });

  it('fills in defaults for a hand-written record: units "1", empty lists', async () => {
    const record = {
      payment: { handling: 'I', amount: '80.00', creditDebit: 'C', method: 'NON', date: '2024-05-01' },
      trace: { type: '1', number: '0', originatorId: '1870654321' },
      payer: { name: 'ACME HEALTH PLAN', address: { line1: 'PO BOX 40517', city: 'SALT LAKE CITY', state: 'UT', postalCode: '841300517' }, contacts: [{ function: 'BL', channels: [{ type: 'TE', value: '8005550198' }] }] },
      payee: { name: 'DESERT SPINE AND PAIN CENTER', idQualifier: 'XX', id: '1648120396' },
      claims: [
        {
          patientControlNumber: 'PMC1',
          status: '1',
          charge: '100.00',
          paid: '80.00',
          filingIndicator: '12',
          payerClaimControlNumber: 'X1',
          patient: { entityType: '1', last: 'DOE' },
          serviceLines: [{ procedureCode: '99213', charge: '100.00', paid: '80.00', adjustments: [{ group: 'CO', reason: '45', amount: '20.00' }] }],
        },
      ],
    };
    const text = await write([{ record }]);
    expect(await findings(text)).toEqual([]);
    expect(body(text)).toContain('SVC*HC:99213*100*80**1');
    const [doc] = await read(Buffer.from(text));
    const r = doc.record as Remittance;
    expect(r.claims[0].headerNumber).toBe('1');
    expect(r.claims[0].adjustments).toEqual([]);
    expect(r.claims[0].serviceLines[0]).toMatchObject({ procedureQualifier: 'HC', modifiers: [], units: '1' });
    expect(r.providerAdjustments).toEqual([]);
  });
});

describe('schema', () => {
  it('refuses an amount written as a number-like string without two places', async () => {
    const record = structuredClone(ach) as unknown as { claims: { charge: unknown }[] };
    record.claims[0].charge = '2150.5';
    const err = await write([{ record }]).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(X12dError);
    expect((err as X12dError).message).toContain('documents[0].record.claims.0.charge');
  });

  it('refuses an unknown CAS group (CR was retired in 5010)', async () => {
    const record = structuredClone(ach) as unknown as { claims: { serviceLines: { adjustments: { group: string }[] }[] }[] };
    record.claims[0].serviceLines[1].adjustments[0].group = 'CR';
    const err = await write([{ record }]).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(X12dError);
    expect((err as X12dError).message).toContain('claims.0.serviceLines.1.adjustments.0.group');
  });

  it('refuses a claim status and a payment amount given as a number', () => {
    const bad = structuredClone(chk) as unknown as { payment: { amount: unknown }; claims: { status: string }[] };
    bad.claims[2].status = '5';
    const r = RemittanceSchema.safeParse(bad);
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => i.path.join('.'))).toEqual(['claims.2.status']);
    bad.claims[2].status = '1';
    bad.payment.amount = 2729.37;
    expect(RemittanceSchema.safeParse(bad).error?.issues.map((i) => i.path.join('.'))).toEqual(['payment.amount']);
  });

  it('refuses a payer without a technical contact (PER*BL)', () => {
    const bad = structuredClone(chk);
    bad.payer.contacts = bad.payer.contacts.filter((c) => c.function !== 'BL');
    expect(RemittanceSchema.safeParse(bad).error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`)).toEqual(['payer.contacts: the payer needs a technical contact (PER*BL): the TR3 requires one']);
  });

  it('refuses unitsDefaulted on a line whose units are not 1', () => {
    const bad = structuredClone(ach);
    bad.claims[0].serviceLines[0].units = '2';
    expect(RemittanceSchema.safeParse(bad).error?.issues.map((i) => i.path.join('.'))).toEqual(['claims.0.serviceLines.0.unitsDefaulted']);
  });

  it('accepts every parsed sample record as is', () => {
    expect(RemittanceSchema.parse(ach)).toEqual(ach);
    expect(RemittanceSchema.parse(chk)).toEqual(chk);
  });
});

describe('robustness', () => {
  const dir = join(SAMPLES, 'invalid', '835');
  const files = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.x12')) : [];
  it('parses the invalid 835 samples without throwing', async () => {
    for (const f of files) {
      const docs = await read(join(dir, f));
      for (const d of docs) expect(typeof (d.record as Remittance).payment).toBe('object');
    }
  });
});
