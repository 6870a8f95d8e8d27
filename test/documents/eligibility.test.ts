/**
 * 270 Eligibility Inquiry and 271 Eligibility Response records: every field read from the samples, the
 * helpers (coverage active, benefit summary, rejection reasons), round trips of every valid sample and of
 * rich made-up records, and written output validating clean at SNIP level 5 and in node-x12 strict mode.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { X12Parser } from 'node-x12';
import { describe, expect, it } from 'vitest';
import { DocumentRegistry, type ParsedDocument, readDocuments, writeDocuments } from '../../src/documents/convert.js';
import {
  ELIGIBILITY_INQUIRY_DOCUMENT,
  ELIGIBILITY_RESPONSE_DOCUMENT,
  type EligibilityInquiry,
  type EligibilityResponse,
  FOLLOW_UP_ACTIONS,
  REJECT_REASONS,
  type Rejection,
  benefitSummary,
  coverageActive,
  decimal,
  inquiryTrace,
  rejectionReasons,
  x12Decimal,
} from '../../src/documents/eligibility.js';
import type { DocumentType } from '../../src/documents/types.js';
import { DEFAULT_EDITS } from '../../src/edits/index.js';
import { X12dError } from '../../src/errors.js';
import { defaultRegistry } from '../../src/grammar/guides/index.js';
import { validateX12 } from '../../src/validation/validator.js';

const SAMPLES = join(import.meta.dirname, '..', '..', 'samples');
const registry = new DocumentRegistry([ELIGIBILITY_INQUIRY_DOCUMENT, ELIGIBILITY_RESPONSE_DOCUMENT] as DocumentType<unknown>[]);
const TYPE_BY_SET: Record<string, string> = { '270': 'EligibilityInquiry', '271': 'EligibilityResponse' };
const DATE = new Date('2024-03-06T08:15:00Z');

async function read(source: string | Buffer): Promise<ParsedDocument[]> {
  const docs: ParsedDocument[] = [];
  const r = await readDocuments(source, registry, (d) => docs.push(d));
  expect(r.skipped).toEqual([]);
  return docs;
}

async function readSample(name: string): Promise<ParsedDocument[]> {
  return read(join(SAMPLES, name));
}

/** Writes records as X12 (the 270 and the 271 share a guide id, so the record type is named). */
async function write(docs: readonly { set: string; record: unknown; envelope?: ParsedDocument['envelope'] }[]): Promise<string> {
  let text = '';
  const envelope = { senderQualifier: 'ZZ', sender: 'AHP01', receiverQualifier: 'ZZ', receiver: 'DSPC0001', usage: 'P' as const };
  await writeDocuments(
    { documents: docs.map((d) => ({ set: d.set, guide: '005010X279A1', type: TYPE_BY_SET[d.set], envelope: d.envelope ?? envelope, record: d.record })) },
    registry,
    (c) => {
      text += c;
    },
    { date: DATE },
  );
  return text;
}

async function findings(text: string): Promise<string[]> {
  const v = await validateX12(Buffer.from(text), { registry: defaultRegistry(), edits: DEFAULT_EDITS, level: 5 });
  const out = v.transactions.flatMap((t) => t.findings.map((f) => `${f.code} ${f.segmentId}@${f.position} ${f.loop}: ${f.message}`));
  if (!v.valid && out.length === 0) out.push('invalid envelope');
  return out;
}

function strictParses(text: string): void {
  expect(() => new X12Parser(true).parse(text)).not.toThrow();
}

/** Write, check clean at level 5 and in node-x12, read back: the records must come back deep-equal. */
async function roundTrip(set: string, records: readonly unknown[]): Promise<string> {
  const text = await write(records.map((record) => ({ set, record })));
  expect(await findings(text)).toEqual([]);
  strictParses(text);
  const again = await read(Buffer.from(text));
  expect(again.map((d) => d.record)).toEqual(JSON.parse(JSON.stringify(records)));
  return text;
}

function rejection(reasonCode: string, followUpCode: string, validRequest = false): Rejection {
  return { validRequest, reasonCode, reason: REJECT_REASONS[reasonCode], followUpCode, followUp: FOLLOW_UP_ACTIONS[followUpCode] };
}

const PAYER = { entityType: '2' as const, last: 'ACME HEALTH PLAN', idQualifier: 'PI', id: 'AHP01' };
const PRACTICE = { entityType: '2' as const, last: 'DESERT SPINE AND PAIN CENTER', idQualifier: 'XX', id: '1648120396' };

describe('270 eligibility inquiry: the sample', () => {
  it('reads the transaction, the payer and the provider', async () => {
    const [doc] = await readSample('270/eligibility-inquiry.x12');
    expect(doc.set).toBe('270');
    expect(doc.valid).toBe(true);
    const r = doc.record as EligibilityInquiry;
    expect(r.transaction).toEqual({ purpose: '13', reference: 'ELG20240304A', date: '2024-03-04', time: '0910' });
    expect(r.informationSource).toEqual({ entityCode: 'PR', name: PAYER });
    expect(r.informationReceiver).toEqual({ entityCode: '1P', name: PRACTICE });
    expect(r.informationReceiver.name.id).toBe('1648120396');
    expect(doc.envelope).toMatchObject({ sender: 'DSPC0001', receiver: 'AHP01', usage: 'P' });
  });

  it('reads a subscriber inquiry: trace, member, birth date, gender, service type and date', async () => {
    const r = (await readSample('270/eligibility-inquiry.x12'))[0].record as EligibilityInquiry;
    expect(r.inquiries).toHaveLength(2);
    const q = r.inquiries[0];
    expect(q.trace).toEqual({ number: 'ELG0304-0001', originator: '9861234567' });
    expect(q.subscriber).toEqual({ name: { entityType: '1', last: 'DOE', first: 'JANE', middle: 'M' }, memberId: 'W123456789', birthDate: '1970-05-12', gender: 'F' });
    expect(q.patient).toBeUndefined();
    expect(q.serviceTypes).toEqual(['30']);
    expect(q.serviceDate).toEqual({ from: '2024-03-04' });
    expect('groupNumber' in q.subscriber).toBe(false);
  });

  it('reads a dependent inquiry: the subscriber above it and the patient with its own trace', async () => {
    const r = (await readSample('270/eligibility-inquiry.x12'))[0].record as EligibilityInquiry;
    const q = r.inquiries[1];
    expect(q.trace).toEqual({ number: 'ELG0304-0002', originator: '9861234567' });
    expect(q.subscriber).toEqual({ name: { entityType: '1', last: 'SMITH', first: 'ROBERT', middle: 'J' }, memberId: 'W987654321' });
    expect(q.patient).toEqual({ name: { entityType: '1', last: 'SMITH', first: 'MARIA', middle: 'L' }, birthDate: '1974-09-23', gender: 'F' });
    expect(q.serviceTypes).toEqual(['30']);
    expect(q.serviceDate).toEqual({ from: '2024-03-04' });
  });

  it('round-trips, and writes the same segments as the sample', async () => {
    const docs = await readSample('270/eligibility-inquiry.x12');
    const text = await roundTrip('270', docs.map((d) => d.record));
    const body = (t: string) => t.split('\n').filter((l) => /^(?!ISA|GS|GE|IEA)[A-Z]/.test(l));
    expect(body(text)).toEqual(body(readFileSync(join(SAMPLES, '270/eligibility-inquiry.x12'), 'latin1')));
  });

  it('round-trips the copy with newline terminators', async () => {
    const docs = await readSample('various-delimiters/newline-terminator.x12');
    expect(docs.map((d) => d.record)).toEqual((await readSample('270/eligibility-inquiry.x12')).map((d) => d.record));
    await roundTrip('270', docs.map((d) => d.record));
  });
});

describe('271 eligibility response: active coverage', () => {
  async function active(): Promise<EligibilityResponse> {
    const docs = await readSample('271/eligibility-active.x12');
    expect(docs).toHaveLength(1);
    return docs[0].record as EligibilityResponse;
  }

  it('reads the transaction, the payer with its contact and the provider', async () => {
    const r = await active();
    expect(r.transaction).toEqual({ purpose: '11', reference: 'ELG20240304A', date: '2024-03-04', time: '0912' });
    expect(r.informationSource).toEqual({ entityCode: 'PR', name: PAYER, contacts: [{ function: 'IC', name: 'PROVIDER SERVICES', channels: [{ type: 'TE', value: '8005550199' }] }] });
    expect(r.informationReceiver).toEqual({ entityCode: '1P', name: PRACTICE });
    expect(r.rejections).toBeUndefined();
    expect(r.responses).toHaveLength(2);
  });

  it('reads the subscriber: trace returned, member id, group, address, birth date, gender and plan dates', async () => {
    const e = (await active()).responses[0];
    expect(e.traces).toEqual([{ type: '2', number: 'ELG0304-0001', originator: '9861234567' }]);
    expect(inquiryTrace(e)).toEqual({ number: 'ELG0304-0001', originator: '9861234567' });
    expect(e.subscriber).toEqual({
      name: { entityType: '1', last: 'DOE', first: 'JANE', middle: 'M' },
      memberId: 'W123456789',
      groupNumber: 'GRP4410',
      address: { line1: '742 WILLOW BEND LN', city: 'MESA', state: 'AZ', postalCode: '852011234' },
      birthDate: '1970-05-12',
      gender: 'F',
      dates: [{ qualifier: '346', from: '2024-01-01' }],
    });
    expect(e.patient).toBeUndefined();
  });

  it('reads the plan: coverage level, service types (EB03 repeats), insurance type and plan description', async () => {
    const e = (await active()).responses[0];
    expect(e.coverage.plan).toEqual({
      information: '1',
      coverageLevel: 'FAM',
      serviceTypes: ['30', '1', '33', '35', '47', '48', '50', '86', '88', '98', 'AL', 'MH', 'UC'],
      insuranceType: 'PR',
      planDescription: 'ACME GOLD PPO 1500',
    });
    expect('active' in e.coverage).toBe(false);
    expect(coverageActive(e)).toBe(true);
  });

  it('reads every benefit: copay, coinsurance, deductible, out of pocket, in and out of network', async () => {
    const b = (await active()).responses[0].coverage.benefits;
    expect(b).toHaveLength(13);
    expect(b[0]).toEqual({ information: 'B', coverageLevel: 'IND', serviceTypes: ['98'], insuranceType: 'PR', timePeriod: '27', amount: '40.00', inNetwork: 'Y' });
    expect(b[1]).toEqual({ information: 'B', coverageLevel: 'IND', serviceTypes: ['98'], insuranceType: 'PR', timePeriod: '27', amount: '80.00', inNetwork: 'N' });
    expect(b[2]).toEqual({ information: 'A', coverageLevel: 'IND', serviceTypes: ['30'], insuranceType: 'PR', percent: '0.2', inNetwork: 'Y' });
    expect(b[3]).toMatchObject({ information: 'A', percent: '0.4', inNetwork: 'N' });
    expect(b[4]).toEqual({ information: 'C', coverageLevel: 'IND', serviceTypes: ['30'], insuranceType: 'PR', timePeriod: '23', amount: '1500.00', inNetwork: 'Y' });
    expect(b[5]).toMatchObject({ information: 'C', coverageLevel: 'IND', timePeriod: '29', amount: '650.00', inNetwork: 'Y' });
    expect(b[6]).toMatchObject({ information: 'C', coverageLevel: 'FAM', timePeriod: '23', amount: '3000.00' });
    expect(b[7]).toMatchObject({ information: 'C', coverageLevel: 'FAM', timePeriod: '29', amount: '2150.00' });
    expect(b[8]).toMatchObject({ information: 'C', coverageLevel: 'IND', timePeriod: '23', amount: '3000.00', inNetwork: 'N' });
    expect(b[9]).toMatchObject({ information: 'C', coverageLevel: 'IND', timePeriod: '29', amount: '3000.00', inNetwork: 'N' });
    expect(b[10]).toMatchObject({ information: 'G', coverageLevel: 'IND', timePeriod: '23', amount: '5000.00', inNetwork: 'Y' });
    expect(b[11]).toMatchObject({ information: 'G', coverageLevel: 'IND', timePeriod: '29', amount: '4210.00', inNetwork: 'Y' });
    expect(b[12]).toEqual({
      information: '1',
      coverageLevel: 'IND',
      serviceTypes: ['2'],
      insuranceType: 'PR',
      authorizationRequired: 'Y',
      inNetwork: 'Y',
      messages: ['PRIOR AUTHORIZATION REQUIRED FOR SPINAL INJECTIONS AND RADIOFREQUENCY ABLATION'],
    });
    for (const x of b) {
      expect(x.procedure).toBeUndefined();
      expect(x.quantity).toBeUndefined();
    }
  });

  it('summarizes the in-network individual benefits as exact amounts', async () => {
    const r = await active();
    const summary = { copay: '40.00', coinsurance: '0.2', deductible: '1500.00', deductibleRemaining: '650.00', outOfPocket: '5000.00', outOfPocketRemaining: '4210.00' };
    expect(benefitSummary(r.responses[0])).toEqual(summary);
    expect(benefitSummary(r)).toEqual(summary);
    expect(rejectionReasons(r)).toEqual([]);
  });

  it('reads the dependent: patient under the subscriber, address, relationship, own benefits', async () => {
    const e = (await active()).responses[1];
    expect(e.traces).toEqual([{ type: '2', number: 'ELG0304-0002', originator: '9861234567' }]);
    expect(e.subscriber).toEqual({ name: { entityType: '1', last: 'SMITH', first: 'ROBERT', middle: 'J' }, memberId: 'W987654321', groupNumber: 'GRP4410' });
    expect(e.patient).toEqual({
      name: { entityType: '1', last: 'SMITH', first: 'MARIA', middle: 'L' },
      address: { line1: '88 MESQUITE CT', city: 'TEMPE', state: 'AZ', postalCode: '852821234' },
      birthDate: '1974-09-23',
      gender: 'F',
      relationship: '01',
      dates: [{ qualifier: '346', from: '2024-01-01' }],
    });
    expect(e.coverage.plan).toEqual({ information: '1', coverageLevel: 'FAM', serviceTypes: ['30'], insuranceType: 'PR', planDescription: 'ACME GOLD PPO 1500' });
    expect(coverageActive(e)).toBe(true);
    expect(benefitSummary(e)).toEqual({ coinsurance: '0.2', deductible: '1500.00', deductibleRemaining: '1500.00' });
  });

  it('links each answer to its inquiry by the trace number', async () => {
    const inquiry = (await readSample('270/eligibility-inquiry.x12'))[0].record as EligibilityInquiry;
    const response = await active();
    expect(response.responses.map((e) => inquiryTrace(e))).toEqual(inquiry.inquiries.map((q) => q.trace));
  });

  it('round-trips, and writes the same segments as the sample (EB08 as .2)', async () => {
    const docs = await readSample('271/eligibility-active.x12');
    const text = await roundTrip('271', docs.map((d) => d.record));
    const body = (t: string) => t.split('\n').filter((l) => /^(?!ISA|GS|GE|IEA)[A-Z]/.test(l));
    expect(body(text)).toEqual(body(readFileSync(join(SAMPLES, '271/eligibility-active.x12'), 'latin1')));
  });

  it('round-trips the copy with a byte order mark and blank lines', async () => {
    const docs = await readSample('various-delimiters/utf8-bom-leading-blank-lines.x12');
    expect(docs.map((d) => d.record)).toEqual((await readSample('271/eligibility-active.x12')).map((d) => d.record));
    await roundTrip('271', docs.map((d) => d.record));
  });
});

describe('271 eligibility response: rejected', () => {
  it('reads the AAA rejection at the subscriber: codes and words', async () => {
    const docs = await readSample('271/eligibility-rejected.x12');
    const r = docs[0].record as EligibilityResponse;
    expect(r.transaction).toEqual({ purpose: '11', reference: 'ELG20240305B', date: '2024-03-05', time: '1405' });
    expect(r.responses).toHaveLength(1);
    const e = r.responses[0];
    expect(e.traces).toEqual([{ type: '2', number: 'ELG0305-0001', originator: '9861234567' }]);
    expect(e.subscriber).toEqual({
      name: { entityType: '1', last: 'ROE', first: 'RICHARD' },
      memberId: 'W555000111',
      rejections: [{ validRequest: false, reasonCode: '72', reason: 'invalid or missing subscriber/insured id', followUpCode: 'C', followUp: 'please correct and resubmit' }],
      birthDate: '1962-08-30',
      gender: 'M',
    });
    expect(e.coverage).toEqual({ benefits: [] });
    expect(coverageActive(r)).toBe(false);
    expect(coverageActive(e)).toBe(false);
    expect(benefitSummary(r)).toEqual({});
    expect(rejectionReasons(r)).toEqual(['invalid or missing subscriber/insured id (72): please correct and resubmit']);
    expect(rejectionReasons(e)).toEqual(rejectionReasons(r));
  });

  it('round-trips', async () => {
    const docs = await readSample('271/eligibility-rejected.x12');
    await roundTrip('271', docs.map((d) => d.record));
  });
});

describe('rejection words', () => {
  it('names the common AAA03 reasons and AAA04 follow-up actions', () => {
    expect(REJECT_REASONS['72']).toBe('invalid or missing subscriber/insured id');
    expect(REJECT_REASONS['73']).toBe('invalid or missing subscriber/insured name');
    expect(REJECT_REASONS['75']).toBe('subscriber/insured not found');
    expect(REJECT_REASONS['42']).toBe('unable to respond at current time');
    expect(REJECT_REASONS['58']).toBe('invalid or missing date of birth');
    expect(FOLLOW_UP_ACTIONS.C).toBe('please correct and resubmit');
    expect(FOLLOW_UP_ACTIONS.R).toBe('resubmission allowed');
  });

  it('describes unknown codes by their code', async () => {
    const r: EligibilityResponse = {
      transaction: { purpose: '11', date: '2024-03-06', time: '0815' },
      informationSource: { entityCode: 'PR', name: PAYER, rejections: [{ validRequest: true, reasonCode: 'T4', followUpCode: 'C' }] },
      responses: [],
    };
    expect(rejectionReasons(r)).toEqual(['payer name or identifier missing (T4): please correct and resubmit']);
    const odd = { ...r, informationSource: { ...r.informationSource, rejections: [{ validRequest: false, reasonCode: 'ZZ', followUpCode: 'Q' }] } };
    expect(rejectionReasons(odd)).toEqual(['reject reason ZZ (ZZ): follow-up action Q']);
  });
});

describe('decimals', () => {
  it('normalizes X12 numbers for records and writes them back without a leading zero', () => {
    expect(decimal('.2')).toBe('0.2');
    expect(decimal('0.20')).toBe('0.2');
    expect(decimal('20')).toBe('20');
    expect(decimal('2.50')).toBe('2.5');
    expect(decimal('-.5')).toBe('-0.5');
    expect(decimal('')).toBeUndefined();
    expect(x12Decimal('0.2')).toBe('.2');
    expect(x12Decimal('1')).toBe('1');
    expect(x12Decimal('-0.5')).toBe('-.5');
    expect(x12Decimal(undefined)).toBe('');
  });
});

/** Service type codes the TR3 allows, more than one EQ01 can hold (99), to check they are split. */
const MANY_SERVICE_TYPES = [
  ...Array.from({ length: 28 }, (_, i) => String(i + 1)),
  '30',
  ...Array.from({ length: 68 }, (_, i) => String(i + 32)),
  ...Array.from({ length: 10 }, (_, i) => `A${i}`),
];

const ROBERT = { entityType: '1' as const, last: 'SMITH', first: 'ROBERT', middle: 'J', suffix: 'JR' };

const RICH_INQUIRY: EligibilityInquiry = {
  transaction: { purpose: '13', reference: 'ELG20240306R', date: '2024-03-06', time: '081530', transactionType: 'RT' },
  informationSource: { entityCode: 'PR', name: PAYER },
  informationReceiver: {
    entityCode: '1P',
    name: PRACTICE,
    references: [{ qualifier: 'TJ', value: '861234567' }],
    address: { line1: '1200 SAGUARO PLAZA DR', line2: 'STE 210', city: 'PHOENIX', state: 'AZ', postalCode: '850161234' },
    providerCode: 'PE',
    taxonomy: '208VP0014X',
  },
  inquiries: [
    {
      trace: { number: 'ELG0306-0001', originator: '9861234567', originatorSupplement: 'FRONT DESK' },
      clearinghouseTrace: { number: 'CH778899', originator: '9998887776' },
      subscriber: {
        name: ROBERT,
        memberId: 'W987654321',
        groupNumber: 'GRP4410',
        references: [{ qualifier: 'SY', value: '123456789' }],
        address: { line1: '88 MESQUITE CT', city: 'TEMPE', state: 'AZ', postalCode: '852821234' },
        birthDate: '1972-02-29',
        gender: 'M',
      },
      serviceTypes: MANY_SERVICE_TYPES,
      procedures: [{ qualifier: 'HC', code: '64483', modifiers: ['LT'] }, { qualifier: 'HC', code: '64490' }],
      serviceDate: { from: '2024-03-01', to: '2024-03-31' },
      cardIssueDate: '2024-01-01',
    },
    {
      trace: { number: 'ELG0306-0002', originator: '9861234567' },
      subscriber: {
        name: ROBERT,
        memberId: 'W987654321',
        groupNumber: 'GRP4410',
        references: [{ qualifier: 'SY', value: '123456789' }],
        address: { line1: '88 MESQUITE CT', city: 'TEMPE', state: 'AZ', postalCode: '852821234' },
        birthDate: '1972-02-29',
        gender: 'M',
      },
      patient: {
        name: { entityType: '1', last: 'SMITH', first: 'LUCAS' },
        references: [{ qualifier: 'EJ', value: 'MRN0042' }],
        birthDate: '2010-06-01',
        gender: 'M',
        relationship: '19',
        birthSequence: '2',
      },
      serviceTypes: ['30', '98'],
      serviceDate: { from: '2024-03-06' },
    },
    {
      subscriber: { name: { entityType: '1', last: 'DOE', first: 'JANE' }, memberId: 'ABC1234567', memberIdQualifier: 'II', birthSequence: '1' },
      serviceTypes: ['33'],
    },
  ],
};

const JANE = { entityType: '1' as const, last: 'DOE', first: 'JANE', middle: 'M' };
const RICH_SUBSCRIBER = {
  name: JANE,
  memberId: 'W123456789',
  groupNumber: 'GRP4410',
  groupName: 'ACME GOLD EMPLOYER GROUP',
  references: [{ qualifier: '18', value: 'PLAN77', description: 'GOLD PPO' }],
  address: { line1: '742 WILLOW BEND LN', city: 'MESA', state: 'AZ', postalCode: '852011234' },
  birthDate: '1970-05-12',
  gender: 'F' as const,
  relationship: '18',
  identityChanged: true,
  dates: [
    { qualifier: '346', from: '2024-01-01' },
    { qualifier: '347', from: '2024-12-31' },
  ],
};

const RICH_RESPONSE: EligibilityResponse = {
  transaction: { purpose: '11', reference: 'ELG20240306R', date: '2024-03-06', time: '0816' },
  informationSource: {
    entityCode: 'PR',
    name: PAYER,
    contacts: [{ function: 'IC', name: 'PROVIDER SERVICES', channels: [{ type: 'TE', value: '8005550199' }, { type: 'UR', value: 'WWW.ACMEHEALTH.EXAMPLE' }] }],
  },
  informationReceiver: {
    entityCode: '1P',
    name: PRACTICE,
    references: [{ qualifier: 'TJ', value: '861234567' }],
    address: { line1: '1200 SAGUARO PLAZA DR', city: 'PHOENIX', state: 'AZ', postalCode: '850161234' },
    providerCode: 'PE',
    taxonomy: '208VP0014X',
  },
  responses: [
    {
      traces: [
        { type: '2', number: 'ELG0306-0001', originator: '9861234567' },
        { type: '1', number: 'AHP-TRACE-0001', originator: '1234567890', originatorSupplement: 'ELIG' },
      ],
      subscriber: RICH_SUBSCRIBER,
      coverage: {
        plan: { information: '1', coverageLevel: 'IND', serviceTypes: ['30'], insuranceType: 'PR', planDescription: 'ACME GOLD PPO 1500', dates: [{ qualifier: '291', from: '2024-01-01', to: '2024-12-31' }] },
        benefits: [
          { information: 'B', coverageLevel: 'IND', serviceTypes: ['98'], timePeriod: '27', amount: '25.00', inNetwork: 'W' },
          { information: 'B', coverageLevel: 'IND', serviceTypes: ['98'], timePeriod: '27', amount: '40.00', inNetwork: 'Y', additionalInformation: [{ qualifier: 'ZZ', code: '11' }] },
          { information: 'B', coverageLevel: 'FAM', serviceTypes: ['98'], amount: '10.00', inNetwork: 'Y' },
          { information: 'A', coverageLevel: 'IND', serviceTypes: ['30'], percent: '0.25', inNetwork: 'N' },
          { information: 'A', coverageLevel: 'IND', serviceTypes: ['30'], percent: '0.15', inNetwork: 'Y' },
          {
            information: 'F',
            coverageLevel: 'IND',
            serviceTypes: ['AE'],
            timePeriod: '23',
            quantityQualifier: 'VS',
            quantity: '20',
            inNetwork: 'Y',
            deliveries: [{ quantityQualifier: 'VS', quantity: '20', timePeriod: '23', periodCount: '1' }],
          },
          { information: 'C', coverageLevel: 'IND', serviceTypes: ['30'], timePeriod: '23', amount: '1500.50', inNetwork: 'Y', procedure: { qualifier: 'HC', code: '64483', modifiers: ['LT', '50'], toCode: '64484' } },
          { information: 'C', coverageLevel: 'IND', serviceTypes: ['30'], timePeriod: '29', amount: '0.00', inNetwork: 'Y' },
          { information: 'G', coverageLevel: 'IND', serviceTypes: ['30'], timePeriod: '23', amount: '6350.00', inNetwork: 'Y', diagnosisPointers: ['1'] },
          {
            information: 'R',
            serviceTypes: ['30'],
            references: [{ qualifier: 'IG', value: 'POL123' }],
            dates: [{ qualifier: '307', from: '2023-07-01' }],
            messages: ['OTHER PAYER IS PRIMARY', 'COORDINATE BENEFITS BEFORE BILLING'],
            relatedEntities: [
              {
                entityCode: 'PRP',
                name: { entityType: '2', last: 'OTHER PAYER INC', idQualifier: 'PI', id: 'OTH01' },
                address: { line1: 'PO BOX 500', city: 'DALLAS', state: 'TX', postalCode: '75201' },
                contacts: [{ function: 'IC', channels: [{ type: 'TE', value: '8005550123' }] }],
              },
              { entityCode: 'P3', name: { entityType: '1', last: 'PATEL', first: 'ANIL', idQualifier: 'XX', id: '1288405610' }, relationship: '72', providerCode: 'PE', taxonomy: '208VP0014X' },
            ],
          },
          { information: 'I', serviceTypes: ['33'], authorizationRequired: 'N', rejections: [rejection('AG', 'C')] },
        ],
      },
    },
    {
      traces: [{ type: '2', number: 'ELG0306-0002', originator: '9861234567' }],
      subscriber: RICH_SUBSCRIBER,
      patient: {
        name: { entityType: '1', last: 'DOE', first: 'EMMA' },
        references: [{ qualifier: 'EJ', value: 'MRN0077' }],
        address: { line1: '742 WILLOW BEND LN', city: 'MESA', state: 'AZ', postalCode: '852011234' },
        birthDate: '2012-09-14',
        gender: 'F',
        relationship: '19',
        birthSequence: '1',
        dates: [{ qualifier: '357', from: '2024-02-29' }],
      },
      coverage: { plan: { information: '6', coverageLevel: 'IND', serviceTypes: ['30'], insuranceType: 'PR' }, benefits: [] },
    },
    {
      traces: [{ type: '2', number: 'ELG0306-0003', originator: '9861234567' }],
      subscriber: { name: { entityType: '1', last: 'ROE', first: 'RICHARD' }, memberId: 'W555000111', rejections: [rejection('75', 'N'), rejection('58', 'C')] },
      coverage: { benefits: [] },
    },
  ],
};

describe('made-up records with every mapped field', () => {
  it('writes a 270 clean, splits more than 99 service types, groups dependents under their subscriber', async () => {
    const text = await roundTrip('270', [RICH_INQUIRY]);
    const lines = text.split('\n');
    const eqs = lines.filter((l) => l.startsWith('EQ*'));
    expect(eqs).toHaveLength(6);
    expect(eqs[0].split('*')[1].split('^')).toHaveLength(99);
    expect(eqs[1].split('*')[1].split('^')).toHaveLength(MANY_SERVICE_TYPES.length - 99);
    expect(eqs[2]).toBe('EQ**HC:64483:LT~');
    expect(lines.filter((l) => l.startsWith('HL*'))).toEqual(['HL*1**20*1~', 'HL*2*1*21*1~', 'HL*3*2*22*1~', 'HL*4*3*23*0~', 'HL*5*2*22*0~']);
    expect(lines).toContain('TRN*1*ELG0306-0001*9861234567*FRONT DESK~');
    expect(lines).toContain('NM1*IL*1*DOE*JANE****II*ABC1234567~');
    expect(lines).toContain('INS*Y*18***************1~');
    expect(lines).toContain('DTP*291*RD8*20240301-20240331~');
  });

  it('writes a 271 clean: LS/LE around related entities, AAA at every level, INS corrections', async () => {
    const text = await roundTrip('271', [RICH_RESPONSE]);
    const lines = text.split('\n');
    expect(lines).toContain('LS*2120~');
    expect(lines).toContain('LE*2120~');
    expect(lines).toContain('NM1*P3*1*PATEL*ANIL****XX*1288405610*72~');
    expect(lines).toContain('INS*Y*18*001*25~');
    expect(lines).toContain('INS*N*19***************1~');
    expect(lines).toContain('REF*6P*GRP4410*ACME GOLD EMPLOYER GROUP~');
    expect(lines).toContain('EB*C*IND*30***23*1500.5*****Y*HC:64483:LT:50::::64484~');
    expect(lines.filter((l) => l.startsWith('HL*'))).toEqual(['HL*1**20*1~', 'HL*2*1*21*1~', 'HL*3*2*22*1~', 'HL*4*3*23*0~', 'HL*5*2*22*0~']);
  });

  it('summarizes with in-network individual benefits first, W (network not applicable) next', () => {
    expect(benefitSummary(RICH_RESPONSE.responses[0])).toEqual({ copay: '40.00', coinsurance: '0.15', deductible: '1500.50', deductibleRemaining: '0.00', outOfPocket: '6350.00' });
    const onlyW = { ...RICH_RESPONSE.responses[0], coverage: { benefits: [RICH_RESPONSE.responses[0].coverage.benefits[0]] } };
    expect(benefitSummary(onlyW)).toEqual({ copay: '25.00' });
  });

  it('tells active from inactive coverage per entry, and inactive for the whole 271 when any EB says so', () => {
    const [subscriber, dependent] = RICH_RESPONSE.responses;
    expect(coverageActive(subscriber)).toBe(true);
    expect(coverageActive(dependent)).toBe(false);
    expect(coverageActive(RICH_RESPONSE)).toBe(false);
    expect(coverageActive({ ...subscriber, coverage: { benefits: [] } })).toBe(false);
  });

  it('lists every rejection in words, the subscriber once for all its entries', () => {
    expect(rejectionReasons(RICH_RESPONSE)).toEqual([
      'invalid or missing procedure codes (AG): please correct and resubmit',
      'subscriber/insured not found (75): resubmission not allowed',
      'invalid or missing date of birth (58): please correct and resubmit',
    ]);
  });

  it('writes a 271 rejected at the information source, with no receiver', async () => {
    const r: EligibilityResponse = {
      transaction: { purpose: '11', reference: 'ELG20240306X', date: '2024-03-06', time: '0817' },
      rejections: [rejection('42', 'R', true)],
      informationSource: { entityCode: 'PR', name: PAYER, rejections: [rejection('79', 'C')] },
      responses: [],
    };
    const text = await roundTrip('271', [r]);
    expect(text.split('\n').filter((l) => /^(HL|AAA)\*/.test(l))).toEqual(['HL*1**20*0~', 'AAA*Y**42*R~', 'AAA*N**79*C~']);
    expect(rejectionReasons(r)).toEqual(['unable to respond at current time (42): resubmission allowed', 'invalid participant identification (79): please correct and resubmit']);
  });

  it('writes several documents in one group', async () => {
    const inquiry = (await readSample('270/eligibility-inquiry.x12'))[0].record;
    const text = await roundTrip('270', [inquiry, RICH_INQUIRY]);
    expect(text.split('\n').filter((l) => l.startsWith('ST*'))).toEqual(['ST*270*0001*005010X279A1~', 'ST*270*0002*005010X279A1~']);
  });
});

describe('schema', () => {
  it('refuses a bad record with the path of the field', async () => {
    const bad = structuredClone(RICH_RESPONSE) as unknown as { responses: { coverage: { benefits: { amount: string }[] } }[] };
    bad.responses[0].coverage.benefits[0].amount = '25';
    const err = await write([{ set: '271', record: bad }]).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(X12dError);
    expect((err as X12dError).message).toContain('documents[0].record.responses.0.coverage.benefits.0.amount');
  });

  it('refuses an inquiry without a date, and responses without the receiver they answer', async () => {
    const noDate = { ...RICH_INQUIRY, transaction: { ...RICH_INQUIRY.transaction, date: '03/06/2024' } };
    await expect(write([{ set: '270', record: noDate }])).rejects.toThrow(/documents\[0\]\.record\.transaction\.date/);
    const noReceiver = { ...RICH_RESPONSE, informationReceiver: undefined };
    await expect(write([{ set: '271', record: noReceiver }])).rejects.toThrow(/documents\[0\]\.record\.informationReceiver: responses need/);
    const badGender = structuredClone(RICH_INQUIRY) as unknown as { inquiries: { subscriber: { gender: string } }[] };
    badGender.inquiries[0].subscriber.gender = 'X';
    await expect(write([{ set: '270', record: badGender }])).rejects.toBeInstanceOf(X12dError);
  });

  it('fills defaults: entity codes and purposes', async () => {
    const minimal = {
      transaction: { date: '2024-03-06', time: '0900' },
      informationSource: { name: PAYER },
      informationReceiver: { name: PRACTICE },
      inquiries: [{ subscriber: { name: { entityType: '1', last: 'DOE', first: 'JANE' }, memberId: 'W123456789' }, serviceTypes: ['30'] }],
    };
    const text = await write([{ set: '270', record: minimal }]);
    expect(await findings(text)).toEqual([]);
    const [doc] = await read(Buffer.from(text));
    expect(doc.record).toMatchObject({ transaction: { purpose: '13' }, informationSource: { entityCode: 'PR' }, informationReceiver: { entityCode: '1P' } });
  });
});

describe('invalid samples', () => {
  it('reads every invalid sample of these sets without throwing, one record per set', async () => {
    for (const set of ['270', '271']) {
      const dir = join(SAMPLES, 'invalid', set);
      const files = readdirSync(dir).filter((f) => f.endsWith('.x12'));
      expect(files.length).toBeGreaterThan(0);
      for (const f of files) {
        const docs = await read(join(dir, f));
        expect(docs.length, f).toBeGreaterThan(0);
        for (const d of docs) expect(d.record, f).toBeTypeOf('object');
      }
    }
  });
});
