/**
 * 278 Authorization Request and Response records: every field read from the samples, the decision helper,
 * round trips of every valid sample and of rich made-up records, and written output validating clean at
 * SNIP level 5 and in node-x12 strict mode.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { X12Parser } from 'node-x12';
import { describe, expect, it } from 'vitest';
import {
  AUTHORIZATION_ACTIONS,
  AUTHORIZATION_REQUEST_DOCUMENT,
  AUTHORIZATION_RESPONSE_DOCUMENT,
  type AuthorizationRequest,
  type AuthorizationResponse,
  authorizationRejections,
  authorizationStatus,
  certifiedPeriod,
} from '../../src/documents/authorization.js';
import { DocumentRegistry, type ParsedDocument, readDocuments, writeDocuments } from '../../src/documents/convert.js';
import { FOLLOW_UP_ACTIONS, REJECT_REASONS, type Rejection } from '../../src/documents/eligibility.js';
import type { DocumentType } from '../../src/documents/types.js';
import { DEFAULT_EDITS } from '../../src/edits/index.js';
import { X12dError } from '../../src/errors.js';
import { defaultRegistry } from '../../src/grammar/guides/index.js';
import { validateX12 } from '../../src/validation/validator.js';

const SAMPLES = join(import.meta.dirname, '..', '..', 'samples');
const registry = new DocumentRegistry([AUTHORIZATION_REQUEST_DOCUMENT, AUTHORIZATION_RESPONSE_DOCUMENT] as DocumentType<unknown>[]);
const DATE = new Date('2024-02-28T08:15:00Z');

async function read(source: string | Buffer): Promise<ParsedDocument[]> {
  const docs: ParsedDocument[] = [];
  const r = await readDocuments(source, registry, (d) => docs.push(d));
  expect(r.skipped).toEqual([]);
  return docs;
}

async function readSample(name: string): Promise<ParsedDocument[]> {
  return read(join(SAMPLES, name));
}

type Kind = 'AuthorizationRequest' | 'AuthorizationResponse';

async function write(docs: readonly { type: Kind; record: unknown }[]): Promise<string> {
  let text = '';
  const envelope = { senderQualifier: 'ZZ', sender: 'DSPC0001', receiverQualifier: 'ZZ', receiver: 'AHP01', usage: 'P' as const };
  await writeDocuments(
    { documents: docs.map((d) => ({ set: '278', guide: '005010X217', type: d.type, envelope, record: d.record })) },
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

/** Write, check clean at level 5 and in node-x12 strict, read back: the records must come back deep-equal. */
async function roundTrip(type: Kind, records: readonly unknown[]): Promise<string> {
  const text = await write(records.map((record) => ({ type, record })));
  expect(await findings(text)).toEqual([]);
  expect(() => new X12Parser(true).parse(text)).not.toThrow();
  const again = await read(Buffer.from(text));
  expect(again.map((d) => d.record)).toEqual(JSON.parse(JSON.stringify(records)));
  return text;
}

function body(text: string): string[] {
  return text.split(/\r?\n/).filter((l) => /^(?!ISA|GS|GE|IEA)[A-Z]/.test(l));
}

function rejection(reasonCode: string, followUpCode: string, validRequest = false): Rejection {
  return { validRequest, reasonCode, reason: REJECT_REASONS[reasonCode], followUpCode, followUp: FOLLOW_UP_ACTIONS[followUpCode] };
}

const UMO = { entityType: '2' as const, last: 'ACME HEALTH PLAN', idQualifier: 'PI', id: 'AHP01' };
const PRACTICE = { entityType: '2' as const, last: 'DESERT SPINE AND PAIN CENTER', idQualifier: 'XX', id: '1648120396' };
const PATEL = { entityCode: 'SJ', name: { entityType: '1' as const, last: 'PATEL', first: 'ANIL', middle: 'R', idQualifier: 'XX', id: '1288405610' }, providerCode: 'PE', taxonomy: '208VP0014X' };

describe('278 request: the sample', () => {
  async function requests(): Promise<AuthorizationRequest[]> {
    const docs = await readSample('278req/authorization-request.x12');
    expect(docs.map((d) => [d.set, d.valid])).toEqual([
      ['278', true],
      ['278', true],
    ]);
    return docs.map((d) => d.record as AuthorizationRequest);
  }

  it('reads the transaction, the UMO, the requester with address and contact, and the subscriber', async () => {
    const [r] = await requests();
    expect(r.transaction).toEqual({ purpose: '13', reference: 'UM20240226A', date: '2024-02-26', time: '1010' });
    expect(r.umo).toEqual({ entityCode: 'X3', name: UMO });
    expect(r.requester).toEqual({
      entityCode: '1P',
      name: PRACTICE,
      address: { line1: '1200 SAGUARO PLAZA DR', line2: 'STE 210', city: 'PHOENIX', state: 'AZ', postalCode: '850161234' },
      contact: { function: 'IC', name: 'ROSA DIAZ', channels: [{ type: 'TE', value: '6025550147' }, { type: 'FX', value: '6025550148' }] },
    });
    expect(r.subscriber).toEqual({ name: { entityType: '1', last: 'DOE', first: 'JANE', middle: 'M' }, memberId: 'W123456789', birthDate: '1970-05-12', gender: 'F' });
    expect(r.patient).toBeUndefined();
  });

  it('reads the event: trace, request category, certification type, service type, facility, dates, diagnoses, providers', async () => {
    const [r] = await requests();
    expect(r.event).toEqual({
      trace: { number: 'UM0226-0001', originator: '9861234567' },
      requestCategory: 'HS',
      certificationType: 'I',
      serviceType: '2',
      facility: { code: '24', qualifier: 'B' },
      levelOfService: 'E',
      eventDate: { from: '2024-03-01', to: '2024-05-31' },
      diagnoses: [
        { qualifier: 'ABK', code: 'M5416' },
        { qualifier: 'ABF', code: 'M5116' },
      ],
      providers: [
        PATEL,
        {
          entityCode: 'FA',
          name: { entityType: '2', last: 'DESERT SPINE SURGERY CENTER', idQualifier: 'XX', id: '1533902742' },
          address: { line1: '1250 SAGUARO PLAZA DR', city: 'PHOENIX', state: 'AZ', postalCode: '850161234' },
        },
      ],
    });
  });

  it('reads the services: procedure code with modifiers, units, service period, review and delivery', async () => {
    const [r] = await requests();
    expect(r.services).toEqual([
      {
        requestCategory: 'HS',
        certificationType: 'I',
        serviceType: '2',
        serviceDate: { from: '2024-03-01', to: '2024-05-31' },
        procedureCode: '64483',
        modifiers: ['LT'],
        unitOfMeasure: 'UN',
        units: '1',
        delivery: { quantityQualifier: 'VS', quantity: '1' },
      },
      {
        requestCategory: 'HS',
        certificationType: 'I',
        serviceType: '2',
        serviceDate: { from: '2024-03-01', to: '2024-05-31' },
        procedureCode: '64484',
        modifiers: ['LT'],
        unitOfMeasure: 'UN',
        units: '1',
        delivery: { quantityQualifier: 'VS', quantity: '1' },
      },
    ]);
  });

  it('reads the second request: bilateral RFA at a hospital outpatient department, with its message', async () => {
    const [, r] = await requests();
    expect(r.transaction.reference).toBe('UM20240226B');
    expect(r.subscriber.memberId).toBe('W135792468');
    expect(r.event.trace).toEqual({ number: 'UM0226-0002', originator: '9861234567' });
    expect(r.event.facility).toEqual({ code: '22', qualifier: 'B' });
    expect(r.event.diagnoses).toEqual([{ qualifier: 'ABK', code: 'M47816' }]);
    expect(r.event.message).toBe('BILATERAL L4-L5 AND L5-S1 MEDIAL BRANCH RFA AFTER TWO DIAGNOSTIC BLOCKS WITH 80 PCT RELIEF');
    expect(r.event.providers?.map((p) => [p.entityCode, p.name.last])).toEqual([
      ['SJ', 'PATEL'],
      ['FA', 'VALLEY REGIONAL HOSPITAL OUTPATIENT'],
    ]);
    expect(r.services.map((s) => [s.procedureCode, s.modifiers, s.units, s.serviceDate])).toEqual([
      ['64635', ['50'], '1', { from: '2024-03-15', to: '2024-06-14' }],
      ['64636', ['50'], '1', { from: '2024-03-15', to: '2024-06-14' }],
    ]);
  });

  it('round-trips both sets, writing the same segments as the sample', async () => {
    const docs = await readSample('278req/authorization-request.x12');
    const text = await roundTrip('AuthorizationRequest', docs.map((d) => d.record));
    expect(body(text)).toEqual(body(readFileSync(join(SAMPLES, '278req/authorization-request.x12'), 'latin1')));
  });

  it('round-trips the copy with 0x1D terminators and CR LF', async () => {
    const docs = await readSample('various-delimiters/gs-terminator-crlf.x12');
    expect(docs.map((d) => d.record)).toEqual((await readSample('278req/authorization-request.x12')).map((d) => d.record));
    await roundTrip('AuthorizationRequest', docs.map((d) => d.record));
  });
});

describe('278 response: certified', () => {
  async function certified(): Promise<AuthorizationResponse> {
    const docs = await readSample('278resp/authorization-certified.x12');
    expect(docs).toHaveLength(1);
    expect(docs[0].valid).toBe(true);
    return docs[0].record as AuthorizationResponse;
  }

  it('is read as a response (BHT02 11), not as a request', async () => {
    const r = await certified();
    expect(r.transaction).toEqual({ purpose: '11', reference: 'UM20240226A', date: '2024-02-28', time: '0815' });
    expect('services' in r).toBe(true);
    expect(r.event?.traces).toBeDefined();
  });

  it('reads the parties: UMO with contact, requester, subscriber', async () => {
    const r = await certified();
    expect(r.umo).toEqual({ entityCode: 'X3', name: UMO, contacts: [{ function: 'IC', name: 'UTILIZATION MANAGEMENT', channels: [{ type: 'TE', value: '8005550110' }] }] });
    expect(r.requester).toEqual({ entityCode: '1P', name: PRACTICE });
    expect(r.subscriber).toEqual({ name: { entityType: '1', last: 'DOE', first: 'JANE', middle: 'M' }, memberId: 'W123456789', birthDate: '1970-05-12', gender: 'F' });
    expect(r.rejections).toBeUndefined();
  });

  it('reads the decision: certified in total, certification number, trace returned, event period', async () => {
    const r = await certified();
    expect(r.event).toEqual({
      traces: [{ type: '2', number: 'UM0226-0001', originator: '9861234567' }],
      action: 'A1',
      certificationNumber: 'AHP2402280417',
      requestCategory: 'HS',
      certificationType: 'I',
      serviceType: '2',
      facility: { code: '24', qualifier: 'B' },
      levelOfService: 'E',
      eventDate: { from: '2024-03-01', to: '2024-05-31' },
      diagnoses: [
        { qualifier: 'ABK', code: 'M5416' },
        { qualifier: 'ABF', code: 'M5116' },
      ],
      providers: [PATEL],
    });
    expect(authorizationStatus(r)).toBe('certified');
    expect(certifiedPeriod(r)).toEqual({ from: '2024-03-01', to: '2024-05-31' });
    expect(authorizationRejections(r)).toEqual([]);
  });

  it('reads each service: procedure, action, certification number, period and units approved', async () => {
    const r = await certified();
    expect(r.services).toEqual([
      {
        traces: [],
        action: 'A1',
        certificationNumber: 'AHP2402280417',
        requestCategory: 'HS',
        certificationType: 'I',
        serviceType: '2',
        serviceDate: { from: '2024-03-01', to: '2024-05-31' },
        procedureCode: '64483',
        modifiers: ['LT'],
        unitOfMeasure: 'UN',
        units: '1',
        delivery: { quantityQualifier: 'VS', quantity: '1' },
      },
      {
        traces: [],
        action: 'A1',
        certificationNumber: 'AHP2402280417',
        requestCategory: 'HS',
        certificationType: 'I',
        serviceType: '2',
        serviceDate: { from: '2024-03-01', to: '2024-05-31' },
        procedureCode: '64484',
        modifiers: ['LT'],
        unitOfMeasure: 'UN',
        units: '1',
        delivery: { quantityQualifier: 'VS', quantity: '1' },
      },
    ]);
  });

  it('matches its request by the trace returned and the BHT03 reference', async () => {
    const [request] = (await readSample('278req/authorization-request.x12')).map((d) => d.record as AuthorizationRequest);
    const r = await certified();
    expect(r.transaction.reference).toBe(request.transaction.reference);
    expect(r.event?.traces.find((t) => t.type === '2')).toMatchObject(request.event.trace!);
  });

  it('round-trips, writing the same segments as the sample', async () => {
    const docs = await readSample('278resp/authorization-certified.x12');
    const text = await roundTrip('AuthorizationResponse', docs.map((d) => d.record));
    expect(body(text)).toEqual(body(readFileSync(join(SAMPLES, '278resp/authorization-certified.x12'), 'latin1')));
  });
});

describe('278 response: not certified', () => {
  it('reads the denial: A3, reference number, reason 0F on the event and the services', async () => {
    const docs = await readSample('278resp/authorization-not-certified.x12');
    const r = docs[0].record as AuthorizationResponse;
    expect(r.transaction.reference).toBe('UM20240226B');
    expect(r.subscriber?.memberId).toBe('W135792468');
    expect(r.event).toMatchObject({ action: 'A3', certificationNumber: 'AHP2402290981', reason: '0F', traces: [{ type: '2', number: 'UM0226-0002', originator: '9861234567' }] });
    expect(r.event?.eventDate).toEqual({ from: '2024-03-15', to: '2024-06-14' });
    expect(r.services.map((s) => [s.procedureCode, s.modifiers, s.action, s.certificationNumber, s.reason, s.units])).toEqual([
      ['64635', ['50'], 'A3', 'AHP2402290981', '0F', '1'],
      ['64636', ['50'], 'A3', 'AHP2402290981', '0F', '1'],
    ]);
    expect(authorizationStatus(r)).toBe('not certified');
  });

  it('round-trips, writing the same segments as the sample', async () => {
    const docs = await readSample('278resp/authorization-not-certified.x12');
    const text = await roundTrip('AuthorizationResponse', docs.map((d) => d.record));
    expect(body(text)).toEqual(body(readFileSync(join(SAMPLES, '278resp/authorization-not-certified.x12'), 'latin1')));
  });

  it('reads requests and responses from one file, each as its own type', async () => {
    const request = (await readSample('278req/authorization-request.x12'))[0].record;
    const response = (await readSample('278resp/authorization-not-certified.x12'))[0].record;
    const text = await write([
      { type: 'AuthorizationRequest', record: request },
      { type: 'AuthorizationResponse', record: response },
    ]);
    expect(await findings(text)).toEqual([]);
    const docs = await read(Buffer.from(text));
    expect(docs.map((d) => d.record)).toEqual([request, response]);
  });
});

describe('authorizationStatus', () => {
  const base: AuthorizationResponse = {
    transaction: { purpose: '11', reference: 'R1', date: '2024-02-28', time: '0815' },
    umo: { entityCode: 'X3', name: UMO },
    requester: { entityCode: '1P', name: PRACTICE },
    subscriber: { name: { entityType: '1', last: 'DOE', first: 'JANE' }, memberId: 'W123456789' },
    event: { traces: [] },
    services: [],
  };

  it('names every HCR01 action', () => {
    const expected = { A1: 'certified', A2: 'partially certified', A3: 'not certified', A4: 'pended', A6: 'modified', C: 'cancelled', CT: 'contact payer', NA: 'no action required' };
    expect(AUTHORIZATION_ACTIONS).toEqual(expected);
    for (const [action, status] of Object.entries(expected)) {
      expect(authorizationStatus({ ...base, event: { traces: [], action: action as keyof typeof expected } })).toBe(status);
    }
  });

  it('falls back to the services when the event has no decision', () => {
    const svc = (action: 'A1' | 'A3' | 'A4') => ({ traces: [], modifiers: [], action });
    expect(authorizationStatus(base)).toBeUndefined();
    expect(authorizationStatus({ ...base, services: [svc('A1'), svc('A1')] })).toBe('certified');
    expect(authorizationStatus({ ...base, services: [svc('A1'), svc('A3')] })).toBe('partially certified');
    expect(authorizationStatus({ ...base, services: [svc('A4'), svc('A3')] })).toBe('pended');
  });
});

const REQUEST: AuthorizationRequest = {
  transaction: { purpose: '13', reference: 'UM20240301C', date: '2024-03-01', time: '101530', transactionType: 'RU' },
  umo: { entityCode: 'X3', name: UMO },
  requester: {
    entityCode: '1P',
    name: PRACTICE,
    references: [{ qualifier: '0B', value: 'LIC12345', description: 'AZ' }],
    address: { line1: '1200 SAGUARO PLAZA DR', city: 'PHOENIX', state: 'AZ', postalCode: '850161234' },
    contact: { function: 'IC', name: 'ROSA DIAZ', channels: [{ type: 'TE', value: '6025550147' }, { type: 'EX', value: '210' }] },
    providerCode: 'PE',
    taxonomy: '208VP0014X',
  },
  subscriber: {
    name: { entityType: '1', last: 'SMITH', first: 'ROBERT', middle: 'J', suffix: 'JR' },
    memberId: 'W987654321',
    references: [{ qualifier: '6P', value: 'GRP4410' }],
    address: { line1: '88 MESQUITE CT', city: 'TEMPE', state: 'AZ', postalCode: '852821234' },
    birthDate: '1972-02-29',
    gender: 'M',
    relationship: '18',
  },
  patient: {
    name: { entityType: '1', last: 'SMITH', first: 'LUCAS' },
    references: [{ qualifier: 'SY', value: '123456789' }],
    birthDate: '2010-06-01',
    gender: 'M',
    relationship: '19',
    birthSequence: '2',
  },
  event: {
    trace: { number: 'UM0301-0001', originator: '9861234567', originatorSupplement: 'UM DESK' },
    requestCategory: 'HS',
    certificationType: 'I',
    serviceType: '2',
    facility: { code: '24', qualifier: 'B' },
    relatedCauses: { causes: ['AA'], state: 'AZ' },
    levelOfService: 'U',
    previousAuthorization: 'AHP2312010001',
    previousReference: 'ADM0001',
    accidentDate: '2024-01-15',
    onsetDate: '2024-01-16',
    eventDate: { from: '2024-03-11', to: '2024-06-10' },
    diagnoses: [
      { qualifier: 'ABK', code: 'S335XXA', date: '2024-01-15' },
      { qualifier: 'ABF', code: 'M5416' },
    ],
    delivery: { quantityQualifier: 'VS', quantity: '2', timePeriod: '34', periodCount: '3' },
    attachments: [{ reportType: '77', transmission: 'FX', controlNumber: 'ATT0001', description: 'MRI REPORT' }],
    message: 'FAILED SIX WEEKS OF PHYSICAL THERAPY',
    providers: [
      { ...PATEL, references: [{ qualifier: '0B', value: 'MD4455', description: 'AZ' }], contact: { function: 'IC', channels: [{ type: 'TE', value: '6025550150' }] } },
      {
        entityCode: 'FA',
        name: { entityType: '2', last: 'DESERT SPINE SURGERY CENTER', idQualifier: 'XX', id: '1533902742' },
        address: { line1: '1250 SAGUARO PLAZA DR', city: 'PHOENIX', state: 'AZ', postalCode: '850161234' },
      },
    ],
  },
  services: [
    {
      trace: { number: 'UM0301-0001-1', originator: '9861234567' },
      requestCategory: 'HS',
      certificationType: 'I',
      serviceType: '2',
      facility: { code: '24', qualifier: 'B' },
      levelOfService: 'U',
      previousAuthorization: 'AHP2312010001',
      previousReference: 'ADM0001',
      serviceDate: { from: '2024-03-11' },
      procedureCode: '62323',
      modifiers: [],
      procedureDescription: 'LUMBAR EPIDURAL WITH IMAGING',
      amount: '1250.00',
      unitOfMeasure: 'UN',
      units: '1',
      diagnosisPointers: ['1', '2'],
      delivery: { quantityQualifier: 'VS', quantity: '1' },
      attachments: [{ reportType: '03', transmission: 'EL', controlNumber: 'ATT0002' }],
      message: 'SECOND INJECTION IF FIRST GIVES 50 PCT RELIEF',
      providers: [PATEL],
    },
    { institutional: true, revenueCode: '0360', procedureCode: '64483', modifiers: ['LT', 'KX'], amount: '2500.50', unitOfMeasure: 'UN', units: '2.5', serviceDate: { from: '2024-03-11', to: '2024-03-12' } },
  ],
};

const RESPONSE: AuthorizationResponse = {
  transaction: { purpose: '11', reference: 'UM20240301C', date: '2024-03-02', time: '0900', transactionType: 'RU' },
  umo: {
    entityCode: 'X3',
    name: UMO,
    contacts: [
      { function: 'IC', name: 'UTILIZATION MANAGEMENT', channels: [{ type: 'TE', value: '8005550110' }, { type: 'FX', value: '8005550111' }] },
      { function: 'IC', channels: [{ type: 'UR', value: 'WWW.ACMEHEALTH.EXAMPLE' }] },
    ],
  },
  requester: { entityCode: '1P', name: PRACTICE, references: [{ qualifier: '0B', value: 'LIC12345', description: 'AZ' }], providerCode: 'PE', taxonomy: '208VP0014X' },
  subscriber: { name: { entityType: '1', last: 'SMITH', first: 'ROBERT' }, memberId: 'W987654321', address: { line1: '88 MESQUITE CT', city: 'TEMPE', state: 'AZ', postalCode: '852821234' }, birthDate: '1972-02-29', relationship: '18' },
  patient: { name: { entityType: '1', last: 'SMITH', first: 'LUCAS' }, birthDate: '2010-06-01', gender: 'M', relationship: '19' },
  event: {
    traces: [
      { type: '2', number: 'UM0301-0001', originator: '9861234567', originatorSupplement: 'UM DESK' },
      { type: '1', number: 'AHP-UM-0301-77', originator: '1234567890' },
    ],
    action: 'A2',
    certificationNumber: 'AHP2403020001',
    administrativeReference: 'ADM0002',
    previousAuthorization: 'AHP2312010001',
    requestCategory: 'HS',
    certificationType: 'I',
    serviceType: '2',
    facility: { code: '24', qualifier: 'B' },
    relatedCauses: { causes: ['AA', 'EM'], state: 'AZ' },
    eventDate: { from: '2024-03-11', to: '2024-06-10' },
    certificationIssueDate: '2024-03-02',
    certificationExpirationDate: '2024-06-10',
    certificationEffective: { from: '2024-03-11', to: '2024-06-10' },
    diagnoses: [{ qualifier: 'ABK', code: 'S335XXA' }],
    message: 'ONE OF TWO SERVICES CERTIFIED',
    providers: [{ ...PATEL, rejections: [rejection('51', 'C')] }],
    informationContact: {
      entityCode: 'X3',
      name: { entityType: '2', last: 'ACME UM CLINICAL REVIEW' },
      address: { line1: 'PO BOX 4400', city: 'PHOENIX', state: 'AZ', postalCode: '85001' },
      contact: { function: 'IC', name: 'NURSE REVIEWER', channels: [{ type: 'FX', value: '8005550112' }] },
    },
  },
  services: [
    {
      traces: [{ type: '2', number: 'UM0301-0001-1', originator: '9861234567' }],
      action: 'A1',
      certificationNumber: 'AHP2403020001',
      serviceDate: { from: '2024-03-11' },
      certificationEffective: { from: '2024-03-11', to: '2024-04-10' },
      procedureCode: '62323',
      modifiers: [],
      unitOfMeasure: 'UN',
      units: '1',
    },
    {
      traces: [],
      action: 'A4',
      reason: '0U',
      administrativeReference: 'ADM0003',
      rejections: [rejection('AO', 'W', true)],
      documentationRequested: ['18842-5', '11506-3'],
      institutional: true,
      revenueCode: '0360',
      procedureCode: '64483',
      modifiers: ['LT'],
      amount: '2500.50',
      unitOfMeasure: 'UN',
      units: '2',
      providers: [{ entityCode: 'SJ', name: PATEL.name, rejections: [rejection('43', 'C')] }],
      informationContact: { entityCode: 'X3', name: { entityType: '2', last: 'ACME UM CLINICAL REVIEW' }, contact: { function: 'IC', channels: [{ type: 'EM', value: 'UM@ACMEHEALTH.EXAMPLE' }] } },
    },
  ],
};

describe('made-up records with every mapped field', () => {
  it('writes a request for a dependent clean: HL 20/21/22/23/EV/SS, SV1 and SV2, attachments', async () => {
    const text = await roundTrip('AuthorizationRequest', [REQUEST]);
    const lines = body(text);
    expect(lines.filter((l) => l.startsWith('HL*'))).toEqual(['HL*1**20*1~', 'HL*2*1*21*1~', 'HL*3*2*22*1~', 'HL*4*3*23*1~', 'HL*5*4*EV*1~', 'HL*6*5*SS*0~', 'HL*7*5*SS*0~']);
    expect(lines).toContain('NM1*QC*1*SMITH*LUCAS~');
    expect(lines).toContain('UM*HS*I*2*24:B*AA:::AZ*U~');
    expect(lines).toContain('HI*ABK:S335XXA:D8:20240115*ABF:M5416~');
    expect(lines).toContain('SV1*HC:62323:::::LUMBAR EPIDURAL WITH IMAGING*1250*UN*1***1:2~');
    expect(lines).toContain('SV2*0360*HC:64483:LT:KX*2500.5*UN*2.5~');
    expect(lines).toContain('PWK*77*FX***AC*ATT0001*MRI REPORT~');
    expect(lines).toContain('INS*N*19***************2~');
  });

  it('writes a response clean: AAA, HCR, certification dates, LOINC requests, contact loops', async () => {
    const text = await roundTrip('AuthorizationResponse', [RESPONSE]);
    const lines = body(text);
    expect(lines).toContain('HCR*A2*AHP2403020001~');
    expect(lines).toContain('DTP*007*RD8*20240311-20240610~');
    expect(lines).toContain('HI*LOI:18842-5*LOI:11506-3~');
    expect(lines).toContain('AAA*Y**AO*W~');
    expect(authorizationStatus(RESPONSE)).toBe('partially certified');
    expect(certifiedPeriod(RESPONSE)).toEqual({ from: '2024-03-11', to: '2024-06-10' });
    expect(authorizationRejections(RESPONSE)).toEqual([
      'provider not on file (51): please correct and resubmit',
      'additional patient condition information required (AO): please wait 30 days and resubmit',
      'invalid or missing provider identification (43): please correct and resubmit',
    ]);
  });

  it('writes a response rejected at the UMO level: no requester, subscriber or event', async () => {
    const r: AuthorizationResponse = {
      transaction: { purpose: '11', reference: 'UM20240301D', date: '2024-03-02', time: '0901' },
      rejections: [rejection('42', 'P', true)],
      umo: { entityCode: 'X3', name: UMO, rejections: [rejection('79', 'C')] },
      services: [],
    };
    const text = await roundTrip('AuthorizationResponse', [r]);
    expect(body(text).filter((l) => /^(HL|AAA|HCR)\*/.test(l))).toEqual(['HL*1**20*0~', 'AAA*Y**42*P~', 'AAA*N**79*C~']);
    expect(authorizationStatus(r)).toBeUndefined();
    expect(authorizationRejections(r)).toEqual(['unable to respond at current time (42): please resubmit original transaction', 'invalid participant identification (79): please correct and resubmit']);
  });

  it('writes a response rejected at the subscriber: AAA in 2010C, no event', async () => {
    const r: AuthorizationResponse = {
      transaction: { purpose: '11', reference: 'UM20240301E', date: '2024-03-02', time: '0902' },
      umo: { entityCode: 'X3', name: UMO },
      requester: { entityCode: '1P', name: PRACTICE },
      subscriber: { name: { entityType: '1', last: 'ROE', first: 'RICHARD' }, memberId: 'W555000111', rejections: [rejection('75', 'C')], birthDate: '1962-08-30', gender: 'M' },
      services: [],
    };
    const text = await roundTrip('AuthorizationResponse', [r]);
    expect(body(text).filter((l) => /^(HL|AAA)\*/.test(l))).toEqual(['HL*1**20*1~', 'HL*2*1*21*1~', 'HL*3*2*22*0~', 'AAA*N**75*C~']);
  });
});

describe('schema', () => {
  it('refuses a bad record with the path of the field', async () => {
    const bad = structuredClone(REQUEST) as unknown as { services: { amount: string }[] };
    bad.services[0].amount = '1250.5';
    const err = await write([{ type: 'AuthorizationRequest', record: bad }]).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(X12dError);
    expect((err as X12dError).message).toContain('documents[0].record.services.0.amount');
  });

  it('refuses a request without its reference, an unknown action, services without an event', async () => {
    const noReference = { ...REQUEST, transaction: { ...REQUEST.transaction, reference: undefined } };
    await expect(write([{ type: 'AuthorizationRequest', record: noReference }])).rejects.toThrow(/documents\[0\]\.record\.transaction\.reference/);
    const badAction = { ...RESPONSE, event: { ...RESPONSE.event, action: 'A9' } };
    await expect(write([{ type: 'AuthorizationResponse', record: badAction }])).rejects.toThrow(/documents\[0\]\.record\.event\.action/);
    const unpaired = structuredClone(REQUEST) as unknown as { services: { amount?: string }[] };
    delete unpaired.services[1].amount;
    await expect(write([{ type: 'AuthorizationRequest', record: unpaired }])).rejects.toThrow(/documents\[0\]\.record\.services\.1\.amount: an institutional line/);
    const orphan = { ...RESPONSE, event: undefined };
    await expect(write([{ type: 'AuthorizationResponse', record: orphan }])).rejects.toThrow(/documents\[0\]\.record\.event: services need/);
  });
});

describe('invalid samples', () => {
  it('reads every invalid sample of these sets without throwing, one record per set', async () => {
    for (const set of ['278req', '278resp']) {
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
