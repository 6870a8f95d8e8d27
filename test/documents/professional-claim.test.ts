import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { X12Parser } from 'node-x12';
import { beforeAll, describe, expect, it } from 'vitest';
import { DocumentRegistry, type ParsedDocument, readDocuments, writeDocuments } from '../../src/documents/convert.js';
import { type Claim, PROFESSIONAL_CLAIM_DOCUMENT, type ProfessionalClaim, ProfessionalClaimSchema, claimTotalsBalance } from '../../src/documents/professional-claim.js';
import type { DocumentType } from '../../src/documents/types.js';
import { DEFAULT_EDITS } from '../../src/edits/index.js';
import { X12dError } from '../../src/errors.js';
import { defaultRegistry } from '../../src/grammar/guides/index.js';
import { validateX12 } from '../../src/validation/validator.js';

const SAMPLES = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'samples');
const REGISTRY = new DocumentRegistry([PROFESSIONAL_CLAIM_DOCUMENT as DocumentType<unknown>]);
const WHEN = new Date(Date.UTC(2024, 2, 25, 9, 30));
const ENVELOPE = { senderQualifier: 'ZZ', sender: 'DSPC0001', receiverQualifier: 'ZZ', receiver: 'AHP01', usage: 'P' as const };

async function read(source: string | Buffer): Promise<ParsedDocument[]> {
  const docs: ParsedDocument[] = [];
  await readDocuments(source, REGISTRY, (d) => docs.push(d));
  return docs;
}

async function readSample(rel: string): Promise<ProfessionalClaim[]> {
  const docs = await read(join(SAMPLES, rel));
  expect(docs.length).toBeGreaterThan(0);
  for (const d of docs) expect(d.valid).toBe(true);
  return docs.map((d) => d.record as ProfessionalClaim);
}

async function write(records: unknown[]): Promise<string> {
  let text = '';
  await writeDocuments({ documents: records.map((record) => ({ set: '837', guide: '005010X222A1', envelope: ENVELOPE, record })) }, REGISTRY, (c) => (text += c), { date: WHEN });
  return text;
}

async function findings(text: string): Promise<string[]> {
  const v = await validateX12(Buffer.from(text), { registry: defaultRegistry(), edits: DEFAULT_EDITS, level: 5 });
  return [...v.envelope.findings.map((f) => `${f.code}: ${f.message}`), ...v.transactions.flatMap((t) => t.findings.map((f) => `${f.code} ${f.segmentId}${f.element}: ${f.message}`))];
}

/** The segments between ST and SE of each transaction set, one list per set. */
function bodies(text: string): string[][] {
  const out: string[][] = [];
  let cur: string[] | null = null;
  for (const s of text.split(/~\r?\n?/)) {
    if (s.startsWith('ST*')) cur = [];
    else if (s.startsWith('SE*')) {
      if (cur !== null) out.push(cur);
      cur = null;
    } else if (cur !== null && s !== '') cur.push(s);
  }
  return out;
}

function clone<T>(v: T): T {
  return JSON.parse(JSON.stringify(v)) as T;
}

function byPcn(r: ProfessionalClaim, pcn: string): Claim {
  const c = r.claims.find((x) => x.patientControlNumber === pcn);
  if (c === undefined) throw new Error(`no claim ${pcn}`);
  return c;
}

/** Every 837 among the valid samples (its own folder and the delimiter variants). */
function claimSamples(): string[] {
  const out: string[] = [];
  for (const dir of ['837p', 'various-delimiters']) {
    for (const f of readdirSync(join(SAMPLES, dir)).sort()) {
      if (!f.endsWith('.x12')) continue;
      const text = readFileSync(join(SAMPLES, dir, f), 'latin1');
      if (/ST.837./.test(text)) out.push(`${dir}/${f}`);
    }
  }
  return out;
}

let claims: ProfessionalClaim;
let multi: ProfessionalClaim[];
let details: ProfessionalClaim;

beforeAll(async () => {
  [claims] = await readSample('837p/professional-claims.x12');
  multi = await readSample('837p/multi-interchange.x12');
  [details] = await readSample('837p/claim-details.x12');
});

describe('837P parse: professional-claims.x12', () => {
  it('reads the transaction header, submitter and receiver', () => {
    expect(claims.transaction).toEqual({ purpose: '00', reference: 'DSPC20240320A', date: '2024-03-20', time: '14:30', claimOrEncounter: 'CH' });
    expect(claims.submitter).toEqual({
      name: { entityType: '2', last: 'DESERT SPINE AND PAIN CENTER' },
      id: 'DSPC0001',
      contact: {
        function: 'IC',
        name: 'ROSA DIAZ',
        channels: [
          { type: 'TE', value: '6025550147' },
          { type: 'EM', value: 'BILLING@DESERTSPINE.EXAMPLE' },
        ],
      },
    });
    expect(claims.receiver).toEqual({ name: 'ACME HEALTH PLAN', id: 'AHP01' });
    expect(claims.claims.map((c) => c.patientControlNumber)).toEqual(['PMC24031501', 'PMC24031502', 'PMC24022003']);
  });

  it('gives every claim its billing provider and payer', () => {
    for (const c of claims.claims) {
      expect(c.billingProvider).toEqual({
        npi: '1648120396',
        name: { entityType: '2', last: 'DESERT SPINE AND PAIN CENTER' },
        taxonomy: '208VP0014X',
        taxId: '861234567',
        address: { line1: '1200 SAGUARO PLAZA DR', line2: 'STE 210', city: 'PHOENIX', state: 'AZ', postalCode: '850161234' },
      });
      expect(c.payToProvider).toBeUndefined();
      expect(c.payer).toEqual({ name: 'ACME HEALTH PLAN', id: 'AHP01' });
    }
  });

  it('reads a claim whose patient is the subscriber', () => {
    const c = byPcn(claims, 'PMC24031501');
    expect(c.subscriber).toEqual({
      payerResponsibility: 'P',
      relationship: '18',
      groupNumber: 'GRP4410',
      claimFilingIndicator: '12',
      name: { entityType: '1', last: 'DOE', first: 'JANE', middle: 'M' },
      memberId: 'W123456789',
      address: { line1: '742 WILLOW BEND LN', city: 'MESA', state: 'AZ', postalCode: '852011234' },
      birthDate: '1970-05-12',
      gender: 'F',
    });
    expect(c.patient).toBeUndefined();
    expect(c.totalCharge).toBe('2150.00');
    expect(c.placeOfService).toBe('24');
    expect(c.frequencyCode).toBe('1');
    expect(c.originalClaimNumber).toBeUndefined();
    expect(c.providerSignature).toBe(true);
    expect(c.assignment).toBe('A');
    expect(c.benefitsAssigned).toBe('Y');
    expect(c.releaseOfInformation).toBe('Y');
    expect(c.priorAuthorization).toBe('AHP2402280417');
    expect(c.referralNumber).toBeUndefined();
    expect(c.onsetDate).toBe('2023-11-15');
    expect(c.diagnoses).toEqual(['M5416', 'M5116']);
    expect(c.renderingProvider).toEqual({ npi: '1288405610', name: { entityType: '1', last: 'PATEL', first: 'ANIL', middle: 'R' }, taxonomy: '208VP0014X' });
    expect(c.serviceFacility).toEqual({ name: 'DESERT SPINE SURGERY CENTER', npi: '1533902742', address: { line1: '1250 SAGUARO PLAZA DR', city: 'PHOENIX', state: 'AZ', postalCode: '850161234' } });
    expect(c.serviceLines).toEqual([
      { lineNumber: 1, procedureCode: '64483', modifiers: ['LT'], charge: '1450.00', unitBasis: 'UN', units: '1', diagnosisPointers: [1, 2], serviceDate: '2024-03-11', lineControlNumber: 'PMC24031501L1' },
      { lineNumber: 2, procedureCode: '64484', modifiers: ['LT'], charge: '700.00', unitBasis: 'UN', units: '1', diagnosisPointers: [1, 2], serviceDate: '2024-03-11', lineControlNumber: 'PMC24031501L2' },
    ]);
  });

  it('reads a dependent patient (2000C) and a subscriber without SBR02', () => {
    const c = byPcn(claims, 'PMC24031502');
    expect(c.subscriber).toEqual({
      payerResponsibility: 'P',
      groupNumber: 'GRP4410',
      claimFilingIndicator: '12',
      name: { entityType: '1', last: 'SMITH', first: 'ROBERT', middle: 'J' },
      memberId: 'W987654321',
      address: { line1: '88 MESQUITE CT', city: 'TEMPE', state: 'AZ', postalCode: '852821234' },
    });
    expect(c.patient).toEqual({
      relationship: '01',
      name: { entityType: '1', last: 'SMITH', first: 'MARIA', middle: 'L' },
      address: { line1: '88 MESQUITE CT', city: 'TEMPE', state: 'AZ', postalCode: '852821234' },
      birthDate: '1974-09-23',
      gender: 'F',
    });
    expect(c.placeOfService).toBe('11');
    expect(c.diagnoses).toEqual(['M47816']);
    expect(c.serviceFacility).toBeUndefined();
    expect(c.onsetDate).toBeUndefined();
    expect(c.serviceLines.map((l) => [l.procedureCode, l.modifiers, l.charge, l.diagnosisPointers])).toEqual([
      ['64493', ['50', 'KX'], '1200.00', [1]],
      ['64494', ['50', 'KX'], '600.00', [1]],
    ]);
  });

  it('reads a replacement claim with the original claim number', () => {
    const c = byPcn(claims, 'PMC24022003');
    expect(c.frequencyCode).toBe('7');
    expect(c.originalClaimNumber).toBe('2024055000123');
    expect(c.placeOfService).toBe('22');
    expect(c.priorAuthorization).toBe('AHP2401190233');
    expect(c.totalCharge).toBe('4275.00');
    expect(c.subscriber.groupNumber).toBe('GRP7720');
    expect(c.subscriber.birthDate).toBe('1958-02-17');
    expect(c.diagnoses).toEqual(['M47816', 'M5450']);
    expect(c.serviceFacility?.name).toBe('VALLEY REGIONAL HOSPITAL OUTPATIENT');
    expect(c.serviceFacility?.npi).toBe('1877264105');
    expect(c.serviceLines.map((l) => `${l.procedureCode}-${l.modifiers.join('-')} ${l.charge} ${l.serviceDate} ${l.lineControlNumber}`)).toEqual([
      '64635-50 2850.00 2024-02-13 PMC24022003L1',
      '64636-50 1425.00 2024-02-13 PMC24022003L2',
    ]);
  });
});

describe('837P parse: multi-interchange.x12', () => {
  it('reads one record per transaction set across interchanges and groups', () => {
    expect(multi.map((r) => [r.transaction.reference, r.transaction.time, r.claims.map((c) => c.patientControlNumber)])).toEqual([
      ['DSPC20240322A', '09:00', ['PMC24032101']],
      ['DSPC20240322B', '15:15', ['PMC24032102']],
      ['DSPC20240322C', '15:16', ['PMC24032103']],
    ]);
  });

  it('reads E/M with modifier 25, trigger points and a drug line', () => {
    const c = multi[0].claims[0];
    expect(c.subscriber.name).toEqual({ entityType: '1', last: 'LEE', first: 'DAVID', middle: 'K' });
    expect(c.subscriber.memberId).toBe('W314159265');
    expect(c.subscriber.gender).toBe('M');
    expect(c.totalCharge).toBe('408.00');
    expect(c.diagnoses).toEqual(['M7918', 'M62838']);
    expect(c.serviceLines.map((l) => [l.lineNumber, l.procedureCode, l.modifiers, l.charge, l.units, l.diagnosisPointers])).toEqual([
      [1, '99213', ['25'], '165.00', '1', [1, 2]],
      [2, '20552', [], '225.00', '1', [1, 2]],
      [3, 'J1030', [], '18.00', '1', [1]],
    ]);
    expect(claimTotalsBalance(c)).toBe(true);
  });

  it('reads units and prior authorization on a stimulator trial', () => {
    const c = multi[1].claims[0];
    expect(c.placeOfService).toBe('24');
    expect(c.priorAuthorization).toBe('AHP2403080552');
    expect(c.serviceLines[0]).toMatchObject({ procedureCode: '63650', charge: '2600.00', units: '2', unitBasis: 'UN', serviceDate: '2024-03-19' });
  });

  it('reads a dependent child (PAT01 19)', () => {
    const c = multi[2].claims[0];
    expect(c.patient).toEqual({
      relationship: '19',
      name: { entityType: '1', last: 'GARCIA', first: 'LUIS', middle: 'A' },
      address: { line1: '901 DESERT WILLOW DR', city: 'GLENDALE', state: 'AZ', postalCode: '853011234' },
      birthDate: '1999-08-02',
      gender: 'M',
    });
    expect(c.subscriber.relationship).toBeUndefined();
    expect(c.subscriber.birthDate).toBeUndefined();
  });
});

describe('837P parse: claim-details.x12', () => {
  it('reads the time with seconds and a three-channel contact', () => {
    expect(details.transaction.time).toBe('09:30:15');
    expect(details.submitter.contact.channels).toEqual([
      { type: 'TE', value: '6025550147' },
      { type: 'EX', value: '204' },
      { type: 'EM', value: 'BILLING@DESERTSPINE.EXAMPLE' },
    ]);
    expect(details.claims.map((c) => c.patientControlNumber)).toEqual(['PMC24032501', 'PMC24030402', 'PMC24032503', 'PMC24032504', 'SIP24032201']);
  });

  it('reads the billing provider contact and the pay-to address', () => {
    const c = details.claims[0];
    expect(c.billingProvider.contact).toEqual({
      function: 'IC',
      name: 'BILLING OFFICE',
      channels: [
        { type: 'TE', value: '6025550140' },
        { type: 'FX', value: '6025550141' },
      ],
    });
    expect(c.payToProvider).toEqual({ entityType: '2', address: { line1: 'PO BOX 52010', city: 'PHOENIX', state: 'AZ', postalCode: '850722010' } });
    // The second billing provider has neither.
    const other = byPcn(details, 'SIP24032201');
    expect(other.billingProvider).toEqual({
      npi: '1671234502',
      name: { entityType: '2', last: 'SONORAN INTERVENTIONAL PAIN PLLC' },
      taxonomy: '208VP0000X',
      taxId: '862345678',
      address: { line1: '455 W RIVER RD', city: 'TUCSON', state: 'AZ', postalCode: '857041234' },
    });
    expect(other.payToProvider).toBeUndefined();
  });

  it('reads the claim dates, references, note, amount paid and twelve diagnoses', () => {
    const c = byPcn(details, 'PMC24032501');
    expect(c.patientSignatureSource).toBe('P');
    expect(c.onsetDate).toBe('2023-10-02');
    expect(c.initialTreatmentDate).toBe('2024-01-08');
    expect(c.lastSeenDate).toBe('2024-02-26');
    expect(c.patientAmountPaid).toBe('40.00');
    expect(c.referralNumber).toBe('RF20240108');
    expect(c.priorAuthorization).toBe('AHP2403110901');
    expect(c.medicalRecordNumber).toBe('MRN004417');
    expect(c.note).toBe('LEFT L4-5 AND L5-S1 TFESI UNDER MAC');
    expect(c.diagnoses).toEqual(['M5416', 'M5116', 'M47816', 'M48061', 'G8929', 'M5450', 'M25551', 'M7918', 'M62838', 'G894', 'Z79891', 'M961']);
    expect(c.referringProvider).toEqual({ npi: '1345678902', name: { entityType: '1', last: 'CHEN', first: 'MARGARET', middle: 'L' } });
    expect(c.totalCharge).toBe('2687.00');
    expect(claimTotalsBalance(c)).toBe(true);
  });

  it('reads four pointers, drugs by NDC, a description, minutes and a line rendering provider', () => {
    const lines = byPcn(details, 'PMC24032501').serviceLines;
    expect(lines[0].diagnosisPointers).toEqual([1, 2, 3, 4]);
    expect(lines[0].placeOfService).toBeUndefined();
    expect(lines[2]).toMatchObject({ procedureCode: 'J1040', drug: { ndc: '00009347501', quantity: '1', unit: 'ML' } });
    expect(lines[3]).toMatchObject({ procedureCode: 'J3490', modifiers: [], description: 'ROPIVACAINE HCL 0.5 PERCENT 10 ML', charge: '22.00', drug: { ndc: '63323028510', quantity: '10', unit: 'ML' } });
    expect(lines[4]).toMatchObject({ procedureCode: '01938', modifiers: ['QZ'], unitBasis: 'MJ', units: '45', charge: '480.00' });
    expect(lines[4].renderingProvider).toEqual({ npi: '1452027182', name: { entityType: '1', last: 'NOVAK', first: 'ELENA' }, taxonomy: '367500000X' });
    expect(lines[0].renderingProvider).toBeUndefined();
    expect(lines[0].drug).toBeUndefined();
  });

  it('reads a void with a service period', () => {
    const c = byPcn(details, 'PMC24030402');
    expect(c.frequencyCode).toBe('8');
    expect(c.originalClaimNumber).toBe('2024066000418');
    expect(c.totalCharge).toBe('315.00');
    expect(c.serviceLines[0]).toMatchObject({ procedureCode: '97110', modifiers: ['GP'], units: '4', servicePeriod: { from: '2024-03-04', to: '2024-03-08' } });
    expect(c.serviceLines[0].serviceDate).toBeUndefined();
    expect(c.serviceLines[1].serviceDate).toBe('2024-03-04');
    // Same subscriber as the claim before it: both sit in one 2000B.
    expect(c.subscriber).toEqual(byPcn(details, 'PMC24032501').subscriber);
  });

  it('reads an auto accident with a decimal drug quantity', () => {
    const c = byPcn(details, 'PMC24032503');
    expect(c.relatedCauses).toEqual({ causes: ['AA'], state: 'AZ' });
    expect(c.accidentDate).toBe('2024-02-10');
    expect(c.patient?.relationship).toBe('01');
    expect(c.diagnoses).toEqual(['S335XXA', 'M5450']);
    expect(c.serviceLines[1]).toMatchObject({ procedureCode: 'J3301', units: '2', charge: '20.00', drug: { ndc: '00003029320', quantity: '0.5', unit: 'ML' } });
    expect(byPcn(details, 'PMC24032504').patient).toEqual(c.patient);
    // The TR3 sends the subscriber's address and demographics only when the subscriber is the patient.
    expect(c.subscriber).toEqual({ payerResponsibility: 'P', groupNumber: 'GRP4410', claimFilingIndicator: '12', name: { entityType: '1', last: 'SMITH', first: 'ROBERT', middle: 'J' }, memberId: 'W987654321' });
  });

  it('reads the group name, a commercial filing indicator and a payer address', () => {
    const c = byPcn(details, 'SIP24032201');
    expect(c.subscriber).toMatchObject({ relationship: '18', groupName: 'SONORAN UNIFIED SCHOOLS', claimFilingIndicator: 'CI', birthDate: '1961-11-30', gender: 'M' });
    expect(c.subscriber.groupNumber).toBeUndefined();
    expect(c.payer).toEqual({ name: 'ACME HEALTH PLAN', id: 'AHP01', address: { line1: 'PO BOX 3300', city: 'PHOENIX', state: 'AZ', postalCode: '850623300' } });
    expect(c.frequencyCode).toBe('7');
    expect(c.renderingProvider?.npi).toBe('1987654328');
  });
});

describe('837P round trip over the valid samples', () => {
  const files = claimSamples();

  it('finds the 837 samples', () => {
    expect(files).toEqual(expect.arrayContaining(['837p/professional-claims.x12', '837p/multi-interchange.x12', '837p/claim-details.x12', 'various-delimiters/single-line.x12']));
  });

  for (const file of files) {
    it(`${file}: parse, build, write, read and parse again give the same records; output validates and parses in node-x12`, async () => {
      const docs = await read(join(SAMPLES, file));
      expect(docs.length).toBeGreaterThan(0);
      const records = docs.map((d) => d.record);
      const text = await write(records);
      expect(await findings(text)).toEqual([]);
      expect(() => new X12Parser(true).parse(text)).not.toThrow();
      const again = await read(Buffer.from(text));
      expect(again.map((d) => d.record)).toEqual(clone(records));
      // The hierarchy is rebuilt exactly as the sample has it.
      expect(bodies(text)).toEqual(bodies(readFileSync(join(SAMPLES, file), 'latin1').replace(/\r/g, '')));
    });
  }

  it('records survive a JSON round trip unchanged', () => {
    expect(clone(details)).toEqual(details);
    expect(ProfessionalClaimSchema.parse(clone(details))).toEqual(details);
  });
});

/** A record from the details sample, with its claims replaced. */
function withClaims(list: Claim[]): ProfessionalClaim {
  return { ...clone(details), claims: clone(list) };
}

function hl(text: string): string[] {
  return bodies(text)[0].filter((s) => s.startsWith('HL*') || s.startsWith('SBR*') || s.startsWith('CLM*')).map((s) => s.split('*').slice(0, s.startsWith('CLM*') ? 6 : 5).join('*'));
}

describe('837P build: hierarchy', () => {
  it('groups consecutive claims that share billing provider, subscriber and patient, comparing by content', async () => {
    const self = byPcn(details, 'PMC24032501');
    const dep = byPcn(details, 'PMC24032503');
    // Each claim is a separate copy, so grouping goes by content, not by object identity.
    const list = [self, { ...self, patientControlNumber: 'A2' }, dep, { ...dep, patientControlNumber: 'B2' }, self].map((c) => clone(c));
    const text = await write([withClaims(list)]);
    expect(hl(text)).toEqual([
      'HL*1**20*1',
      'HL*2*1*22*0',
      'SBR*P*18*GRP4410*',
      'CLM*PMC24032501*2687***24:B:1',
      'CLM*A2*2687***24:B:1',
      'HL*3*1*22*1',
      'SBR*P**GRP4410*',
      'HL*4*3*23*0',
      'CLM*PMC24032503*320***11:B:1',
      'CLM*B2*320***11:B:1',
      // Not consecutive with the first two: a new 2000B.
      'HL*5*1*22*0',
      'SBR*P*18*GRP4410*',
      'CLM*PMC24032501*2687***24:B:1',
    ]);
    expect(await findings(text)).toEqual([]);
  });

  it('starts a new 2000A when the billing provider or pay-to address changes', async () => {
    const a = byPcn(details, 'PMC24032501');
    const b = clone(a);
    b.payToProvider = { entityType: '2', address: { line1: 'PO BOX 99', city: 'PHOENIX', state: 'AZ', postalCode: '850720099' } };
    const c = byPcn(details, 'SIP24032201');
    const text = await write([withClaims([a, b, c])]);
    expect(hl(text).filter((s) => s.startsWith('HL*'))).toEqual(['HL*1**20*1', 'HL*2*1*22*0', 'HL*3**20*1', 'HL*4*3*22*0', 'HL*5**20*1', 'HL*6*5*22*0']);
    expect(await findings(text)).toEqual([]);
  });

  it('never puts a self claim and a dependent claim of the same subscriber in one 2000B', async () => {
    const dep = clone(byPcn(details, 'PMC24032503'));
    // The same subscriber (name, member id, group), now as the patient: SBR02 18 and a birth date.
    const self = clone(dep);
    delete self.patient;
    self.patientControlNumber = 'SELF1';
    self.subscriber = { ...self.subscriber, relationship: '18', address: { line1: '88 MESQUITE CT', city: 'TEMPE', state: 'AZ', postalCode: '852821234' }, birthDate: '1972-01-15', gender: 'M' };
    const text = await write([withClaims([dep, self])]);
    expect(hl(text)).toEqual(['HL*1**20*1', 'HL*2*1*22*1', 'SBR*P**GRP4410*', 'HL*3*2*23*0', 'CLM*PMC24032503*320***11:B:1', 'HL*4*1*22*0', 'SBR*P*18*GRP4410*', 'CLM*SELF1*320***11:B:1']);
    expect(await findings(text)).toEqual([]);
  });

  it('starts a new 2000B after 100 claims, as the TR3 allows at most 100 claims per level', async () => {
    const base = byPcn(details, 'PMC24030402');
    const list: Claim[] = [];
    for (let i = 0; i < 205; i++) list.push({ ...base, patientControlNumber: `V${i}` });
    const text = await write([withClaims(list)]);
    const levels = hl(text).filter((s) => s.startsWith('HL*'));
    expect(levels).toEqual(['HL*1**20*1', 'HL*2*1*22*0', 'HL*3*1*22*0', 'HL*4*1*22*0']);
    expect(await findings(text)).toEqual([]);
    const [again] = await read(Buffer.from(text));
    expect((again.record as ProfessionalClaim).claims).toHaveLength(205);
  });

  it('computes LX numbers and ignores lineNumber in the record', async () => {
    const c = clone(byPcn(details, 'PMC24030402'));
    c.serviceLines = [{ ...c.serviceLines[1], lineNumber: 7 }, { ...c.serviceLines[0], lineNumber: 3 }];
    const text = await write([withClaims([c])]);
    expect(bodies(text)[0].filter((s) => s.startsWith('LX*'))).toEqual(['LX*1', 'LX*2']);
    const [again] = await read(Buffer.from(text));
    expect((again.record as ProfessionalClaim).claims[0].serviceLines.map((l) => [l.lineNumber, l.procedureCode])).toEqual([
      [1, '20553'],
      [2, '97110'],
    ]);
  });

  it('writes the fields no sample carries and reads them back', async () => {
    const c = clone(byPcn(details, 'PMC24032503'));
    c.billingProvider = { ...c.billingProvider, taxIdType: 'SSN', taxId: '123456789' };
    c.payer = { ...c.payer, idType: 'XV' };
    c.subscriber = { ...c.subscriber, payerResponsibility: 'S', insuranceType: '47', claimFilingIndicator: 'MB' };
    c.relatedCauses = { causes: ['EM', 'OA'] };
    c.lastXrayDate = '2024-02-12';
    c.admissionDate = '2024-02-10';
    c.dischargeDate = '2024-02-11';
    c.patientAmountPaid = '15.25';
    c.serviceLines[0] = { ...c.serviceLines[0], charge: '299.50', units: '2.5', placeOfService: '22', modifiers: ['59', 'XS', 'RT', 'KX'], description: 'TRIGGER POINTS 3 MUSCLES' };
    c.serviceLines[1] = { ...c.serviceLines[1], charge: '20.50', drug: { ndc: '00003029320', quantity: '1.25', unit: 'ML', prescriptionNumber: 'RX1001' } };
    delete c.serviceLines[1].serviceDate;
    c.serviceLines[1].servicePeriod = { from: '2024-03-25', to: '2024-03-25' };
    const text = await write([withClaims([c])]);
    const body = bodies(text)[0];
    expect(body).toEqual(
      expect.arrayContaining([
        'REF*SY*123456789',
        'NM1*PR*2*ACME HEALTH PLAN*****XV*AHP01',
        'SBR*S**GRP4410**47****MB',
        'CLM*PMC24032503*320***11:B:1*Y*A*Y*Y**EM:OA',
        'DTP*455*D8*20240212',
        'DTP*435*D8*20240210',
        'DTP*096*D8*20240211',
        'AMT*F5*15.25',
        'SV1*HC:20553:59:XS:RT:KX:TRIGGER POINTS 3 MUSCLES*299.5*UN*2.5*22**1:2',
        'SV1*HC:J3301*20.5*UN*2***1',
        'DTP*472*RD8*20240325-20240325',
        'LIN**N4*00003029320',
        'CTP****1.25*ML',
        'REF*XZ*RX1001',
      ]),
    );
    expect(await findings(text)).toEqual([]);
    expect(() => new X12Parser(true).parse(text)).not.toThrow();
    const [again] = await read(Buffer.from(text));
    expect((again.record as ProfessionalClaim).claims[0]).toEqual(c);
  });

  it('generates a large mixed batch that validates at level 5, parses in node-x12 and reads back equal', async () => {
    const templates = details.claims;
    const list: Claim[] = [];
    for (let i = 0; i < 250; i++) {
      const c = clone(templates[i % templates.length]);
      c.patientControlNumber = `GEN${String(i).padStart(5, '0')}`;
      // Every third claim gets its own subscriber, so the hierarchy varies.
      if (i % 3 === 0) c.subscriber = { ...c.subscriber, memberId: `M${i}` };
      list.push(c);
    }
    const record = withClaims(list);
    const text = await write([record, record]);
    expect(await findings(text)).toEqual([]);
    const parsed = new X12Parser(true).parse(text);
    const ic = Array.isArray(parsed) ? parsed[0] : parsed;
    expect(ic.functionalGroups[0].transactions).toHaveLength(2);
    const again = await read(Buffer.from(text));
    expect(again.map((d) => d.record)).toEqual([clone(record), clone(record)]);
  });

  it('builds without the writer: the segments start with BHT and carry no ST or SE', () => {
    const segs = PROFESSIONAL_CLAIM_DOCUMENT.build(ProfessionalClaimSchema.parse(clone(claims)));
    expect(segs[0].tag).toBe('BHT');
    expect(segs.some((s) => s.tag === 'ST' || s.tag === 'SE')).toBe(false);
    expect(PROFESSIONAL_CLAIM_DOCUMENT).toMatchObject({ name: 'ProfessionalClaim', set: '837', guide: '005010X222A1', functionalId: 'HC', st03: true });
  });
});

describe('837P schema', () => {
  async function refused(mutate: (r: ProfessionalClaim) => void): Promise<X12dError> {
    const r = clone(details);
    mutate(r);
    try {
      await write([r]);
    } catch (e) {
      expect(e).toBeInstanceOf(X12dError);
      return e as X12dError;
    }
    throw new Error('the record was not refused');
  }

  it('refuses an ICD-10 code with a decimal point, naming the field', async () => {
    const e = await refused((r) => {
      (r.claims[0].diagnoses as string[])[0] = 'M54.16';
    });
    expect(e.code).toBe('X12D_ERR_USAGE');
    expect(e.message).toContain('documents[0].record.claims.0.diagnoses.0');
    expect(e.message).toContain('without the decimal point');
  });

  it('refuses a claim whose total is not the sum of its lines', async () => {
    const e = await refused((r) => {
      r.claims[1].totalCharge = '315.01';
    });
    expect(e.message).toContain('documents[0].record.claims.1.totalCharge');
    expect(e.message).toContain('315.00');
  });

  it('refuses a replacement or void without the original claim number', async () => {
    const e = await refused((r) => {
      delete r.claims[1].originalClaimNumber;
    });
    expect(e.message).toContain('documents[0].record.claims.1.originalClaimNumber');
  });

  it('refuses a diagnosis pointer past the last diagnosis', async () => {
    const e = await refused((r) => {
      r.claims[2].serviceLines[0].diagnosisPointers = [1, 3];
    });
    expect(e.message).toContain('documents[0].record.claims.2.serviceLines.0.diagnosisPointers.1');
  });

  it('refuses a bad NPI check digit', async () => {
    const e = await refused((r) => {
      r.claims[0].billingProvider = { ...r.claims[0].billingProvider, npi: '1648120397' };
    });
    expect(e.message).toContain('documents[0].record.claims.0.billingProvider.npi');
  });

  it('refuses a line with neither a service date nor a period', async () => {
    const e = await refused((r) => {
      delete r.claims[0].serviceLines[2].serviceDate;
    });
    expect(e.message).toContain('documents[0].record.claims.0.serviceLines.2.serviceDate');
  });

  it("refuses SBR02 '18' on a claim that names a separate patient", async () => {
    const e = await refused((r) => {
      r.claims[2].subscriber = { ...r.claims[2].subscriber, relationship: '18' };
    });
    expect(e.message).toContain('documents[0].record.claims.2.subscriber.relationship');
  });

  it('refuses a self claim without the subscriber birth date', async () => {
    const e = await refused((r) => {
      r.claims[0].subscriber = { ...r.claims[0].subscriber };
      delete r.claims[0].subscriber.birthDate;
      delete r.claims[0].subscriber.gender;
    });
    expect(e.message).toContain('documents[0].record.claims.0.subscriber.birthDate');
  });

  it('refuses amounts as numbers and more than four modifiers', async () => {
    const e1 = await refused((r) => {
      (r.claims[0].serviceLines[0] as unknown as { charge: number }).charge = 1450;
    });
    expect(e1.message).toContain('documents[0].record.claims.0.serviceLines.0.charge');
    const e2 = await refused((r) => {
      r.claims[0].serviceLines[0].modifiers = ['LT', '59', 'XS', 'KX', 'GA'];
    });
    expect(e2.message).toContain('documents[0].record.claims.0.serviceLines.0.modifiers');
  });

  it('accepts a record whose lines leave out modifiers', () => {
    const r = clone(details) as unknown as { claims: { serviceLines: { modifiers?: string[] }[] }[] };
    delete r.claims[0].serviceLines[2].modifiers;
    const parsed = ProfessionalClaimSchema.parse(r);
    expect(parsed.claims[0].serviceLines[2].modifiers).toEqual([]);
  });
});

describe('claimTotalsBalance', () => {
  it('holds for every sample claim', () => {
    for (const r of [claims, ...multi, details]) for (const c of r.claims) expect(claimTotalsBalance(c)).toBe(true);
  });

  it('is exact to the cent, with no binary-float drift', () => {
    expect(claimTotalsBalance({ totalCharge: '0.30', serviceLines: [{ charge: '0.10' }, { charge: '0.20' }] })).toBe(true);
    expect(claimTotalsBalance({ totalCharge: '2687.00', serviceLines: [{ charge: '1450.00' }, { charge: '700.00' }, { charge: '35.00' }, { charge: '22.00' }, { charge: '480.01' }] })).toBe(false);
    expect(claimTotalsBalance({ totalCharge: '100.00', serviceLines: [{ charge: '99.99' }] })).toBe(false);
  });

  it('is false for an amount that is not one', () => {
    expect(claimTotalsBalance({ totalCharge: 'abc', serviceLines: [{ charge: '1.00' }] })).toBe(false);
    expect(claimTotalsBalance({ totalCharge: '1.00', serviceLines: [{ charge: '1.0.0' }] })).toBe(false);
  });
});

describe('837P parse of invalid samples', () => {
  it('never throws, whatever the file', async () => {
    const dir = join(SAMPLES, 'invalid', '837p');
    for (const f of readdirSync(dir).filter((x) => x.endsWith('.x12'))) {
      const docs = await read(join(dir, f));
      expect(docs.length, f).toBe(1);
      expect((docs[0].record as ProfessionalClaim).claims.length, f).toBeGreaterThan(0);
    }
  });
});
