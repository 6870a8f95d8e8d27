import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { X12Parser } from 'node-x12';
import { describe, expect, it } from 'vitest';
import { buildAcknowledgments } from '../../src/acks/ack999.js';
import { DocumentRegistry, type ParsedDocument, readDocuments, writeDocuments } from '../../src/documents/convert.js';
import {
  IMPLEMENTATION_ACKNOWLEDGMENT_DOCUMENT,
  type ImplementationAcknowledgment,
  rejectedTransactions,
} from '../../src/documents/implementation-acknowledgment.js';
import type { DocumentType } from '../../src/documents/types.js';
import { DEFAULT_EDITS } from '../../src/edits/index.js';
import { X12dError } from '../../src/errors.js';
import { defaultRegistry } from '../../src/grammar/guides/index.js';
import { validateX12 } from '../../src/validation/validator.js';
import { InMemoryControlNumbers } from '../../src/x12/writer.js';
import { SAMPLES } from '../x12/fixtures.js';

const registry = new DocumentRegistry([IMPLEMENTATION_ACKNOWLEDGMENT_DOCUMENT as DocumentType<unknown>]);
const WHEN = new Date(Date.UTC(2024, 2, 25, 9, 0));

const VALID_SAMPLES = [
  ...readdirSync(join(SAMPLES, '999'))
    .filter((f) => f.endsWith('.x12'))
    .map((f) => join(SAMPLES, '999', f)),
  join(SAMPLES, 'various-delimiters', 'crlf.x12'),
];

async function read(source: string | Buffer): Promise<ParsedDocument[]> {
  const docs: ParsedDocument[] = [];
  const r = await readDocuments(source, registry, (d) => docs.push(d));
  expect(r.skipped).toEqual([]);
  return docs;
}

async function one(path: string): Promise<ImplementationAcknowledgment> {
  const docs = await read(path);
  expect(docs).toHaveLength(1);
  expect(docs[0].valid).toBe(true);
  return docs[0].record as ImplementationAcknowledgment;
}

async function write(records: readonly unknown[]): Promise<string> {
  let text = '';
  await writeDocuments({ documents: records.map((record) => ({ set: '999', guide: '005010X231A1', record })) }, registry, (s) => (text += s), { date: WHEN });
  return text;
}

async function findings(text: string): Promise<string[]> {
  const v = await validateX12(Buffer.from(text, 'latin1'), { registry: defaultRegistry(), edits: DEFAULT_EDITS, level: 5 });
  return [...v.envelope.findings.map((f) => f.message), ...v.transactions.flatMap((t) => t.findings.map((f) => `${f.segmentId} ${f.message}`))];
}

async function roundTrip(record: ImplementationAcknowledgment): Promise<{ text: string; again: ImplementationAcknowledgment }> {
  const text = await write([record]);
  expect(await findings(text)).toEqual([]);
  expect(() => new X12Parser(true).parse(text)).not.toThrow();
  const docs = await read(Buffer.from(text, 'latin1'));
  expect(docs).toHaveLength(1);
  return { text, again: docs[0].record as ImplementationAcknowledgment };
}

/** The 999s x12d sends back for a file, read into records. */
async function acknowledge(path: string): Promise<ImplementationAcknowledgment[]> {
  const v = await validateX12(path, { registry: defaultRegistry(), edits: DEFAULT_EDITS, level: 2 });
  const text = await buildAcknowledgments(v, { allocator: new InMemoryControlNumbers(), date: WHEN });
  expect(() => new X12Parser(true).parse(text)).not.toThrow();
  return (await read(Buffer.from(text, 'latin1'))).map((d) => d.record as ImplementationAcknowledgment);
}

describe('999: the samples', () => {
  it('an accepted group: IK5*A and AK9*A', async () => {
    expect(await one(join(SAMPLES, '999', 'ack-accepted.x12'))).toEqual({
      group: { functionalId: 'HC', control: '1001', version: '005010X222A1' },
      transactions: [{ set: '837', control: '0001', guide: '005010X222A1', verdict: 'A', errors: [], segmentErrors: [] }],
      verdict: 'A',
      included: 1,
      received: 1,
      accepted: 1,
      groupErrors: [],
    });
  });

  it('a partially accepted group (AK9*P): one set accepted, one rejected for SV101-1', async () => {
    const r = await one(join(SAMPLES, '999', 'ack-partial.x12'));
    expect(r.group).toEqual({ functionalId: 'HC', control: '1018', version: '005010X222A1' });
    expect(r).toMatchObject({ verdict: 'P', included: 2, received: 2, accepted: 1, groupErrors: [] });
    expect(r.transactions.map((t) => [t.control, t.verdict, t.errors])).toEqual([
      ['0001', 'A', []],
      ['0002', 'R', ['5']],
    ]);
    expect(r.transactions[1].segmentErrors).toEqual([
      {
        segment: 'SV1',
        position: 41,
        loop: '2400',
        code: '8',
        context: { name: 'CLM01', value: 'PMC24031902' },
        elementErrors: [{ position: 1, component: 1, reference: '235', code: '7', badValue: 'HX' }],
      },
    ]);
    expect(rejectedTransactions(r).map((t) => t.control)).toEqual(['0002']);
  });

  it('a rejected group with IK3, CTX and IK4: the bad date of birth in DMG02', async () => {
    const r = await one(join(SAMPLES, '999', 'ack-rejected.x12'));
    expect(r).toEqual({
      group: { functionalId: 'HC', control: '1017', version: '005010X222A1' },
      transactions: [
        {
          set: '837',
          control: '0001',
          guide: '005010X222A1',
          verdict: 'R',
          errors: ['5'],
          segmentErrors: [
            {
              segment: 'DMG',
              position: 17,
              loop: '2010',
              code: '8',
              context: { name: 'CLM01', value: 'PMC24031501' },
              elementErrors: [{ position: 2, reference: '1251', code: '8', badValue: '19701332' }],
            },
          ],
        },
      ],
      verdict: 'R',
      included: 1,
      received: 1,
      accepted: 0,
      groupErrors: [],
    });
  });

  it('invalid 999 samples still parse', async () => {
    const missing = (await read(join(SAMPLES, 'invalid', '999', 'ak904-missing.x12')))[0];
    expect(missing.valid).toBe(false);
    expect((missing.record as ImplementationAcknowledgment).accepted).toBeNaN();
    const loop = (await read(join(SAMPLES, 'invalid', '999', 'ik303-six-character-loop-id.x12')))[0];
    expect((loop.record as ImplementationAcknowledgment).transactions[0].segmentErrors[0].loop).toBe('2010BA');
  });
});

describe('999: round trip', () => {
  it.each(VALID_SAMPLES.map((f) => [f.slice(SAMPLES.length + 1), f]))('%s: parse -> build -> write -> read gives the same record, and the output validates clean', async (_name, path) => {
    const docs = await read(path);
    expect(docs.length).toBeGreaterThan(0);
    for (const d of docs) {
      expect(d.valid).toBe(true);
      const record = d.record as ImplementationAcknowledgment;
      expect(JSON.parse(JSON.stringify(record))).toEqual(record);
      const { again } = await roundTrip(record);
      expect(again).toEqual(record);
    }
  });

  it('writes situational-trigger contexts (segment and element), repetitions and group errors', async () => {
    const record: ImplementationAcknowledgment = {
      group: { functionalId: 'HC', control: '1019', version: '005010X222A1' },
      transactions: [
        {
          set: '837',
          control: '0001',
          guide: '005010X222A1',
          verdict: 'R',
          errors: ['5'],
          segmentErrors: [
            {
              segment: 'REF',
              position: 30,
              loop: '2300',
              code: 'I9',
              context: { name: 'CLM01', value: 'PMC24031501' },
              segmentContext: [{ segment: 'CLM', position: 19, loop: '2300', element: { position: 5, component: 3 }, reference: '1325' }],
              elementErrors: [],
            },
            {
              segment: 'HI',
              position: 25,
              loop: '2300',
              code: '8',
              elementErrors: [
                { position: 2, component: 2, repetition: 3, reference: '1271', code: '7', badValue: 'M5416X' },
                { position: 3, repetition: 2, code: 'I9', context: [{ segment: 'HI', position: 25, element: { position: 1, component: 1 } }] },
              ],
            },
          ],
        },
        { set: '837', control: '0002', guide: '005010X222A1', verdict: 'E', errors: [], segmentErrors: [] },
      ],
      verdict: 'P',
      included: 2,
      received: 2,
      accepted: 1,
      groupErrors: ['5'],
    };
    const { text, again } = await roundTrip(record);
    expect(again).toEqual(record);
    expect(text).toContain('IK3*REF*30*2300*I9~\nCTX*SITUATIONAL TRIGGER*CLM*19*2300*5:3*1325~\nCTX*CLM01:PMC24031501~\n');
    expect(text).toContain('IK4*2:2:3*1271*7*M5416X~\nIK4*3::2**I9~\nCTX*SITUATIONAL TRIGGER*HI*25**1:1~\n');
    expect(text).toContain('AK9*P*2*2*1*5~');
    expect(rejectedTransactions(again).map((t) => t.control)).toEqual(['0001']);
  });
});

describe("999: the acknowledgments x12d generates read back into records", () => {
  it('a clean 837P: accepted', async () => {
    const acks = await acknowledge(join(SAMPLES, '837p', 'professional-claims.x12'));
    expect(acks).toHaveLength(1);
    expect(acks[0]).toEqual({
      group: { functionalId: 'HC', control: '1001', version: '005010X222A1' },
      transactions: [{ set: '837', control: '0001', guide: '005010X222A1', verdict: 'A', errors: [], segmentErrors: [] }],
      verdict: 'A',
      included: 1,
      received: 1,
      accepted: 1,
      groupErrors: [],
    });
  });

  it('an 837P whose SE01 is wrong: set rejected with IK502 4, group rejected', async () => {
    const [ack] = await acknowledge(join(SAMPLES, 'broken', 'se-count-mismatch.x12'));
    expect(ack.transactions).toEqual([{ set: '837', control: '0001', guide: '005010X222A1', verdict: 'R', errors: ['4'], segmentErrors: [] }]);
    expect(ack).toMatchObject({ verdict: 'R', included: 1, received: 1, accepted: 0 });
  });

  it('an 837P whose CLM01 is too long: IK3 CLM and IK4 code 5 with the bad value, and no CTX (CTX01-2 holds 35 characters)', async () => {
    const [ack] = await acknowledge(join(SAMPLES, 'invalid', '837p', 'clm01-too-long.x12'));
    expect(ack.verdict).toBe('R');
    expect(ack.transactions[0]).toMatchObject({ verdict: 'R', errors: ['5'] });
    const [e] = ack.transactions[0].segmentErrors;
    expect(e).toMatchObject({ segment: 'CLM', position: 19, loop: '2300', code: '8' });
    expect(e.context).toBeUndefined();
    expect(e.elementErrors).toEqual([{ position: 1, reference: '1028', code: '5', badValue: 'PMC24031501-2024-03-11-DESERT-SPINE-LUMBAR' }]);
    const { again } = await roundTrip(ack);
    expect(again).toEqual(ack);
  });

  it('a 278 group with one bad set: partially accepted (AK9*P)', async () => {
    const [ack] = await acknowledge(join(SAMPLES, 'invalid', '278req', 'um02-invalid-code.x12'));
    expect(ack.group).toEqual({ functionalId: 'HI', control: '102', version: '005010X217' });
    expect(ack.transactions.map((t) => [t.set, t.control, t.verdict, t.errors])).toEqual([
      ['278', '0001', 'R', ['5']],
      ['278', '0002', 'A', []],
    ]);
    expect(ack.transactions[0].segmentErrors).toEqual([{ segment: 'UM', position: 15, loop: '2000', code: '8', elementErrors: [{ position: 2, reference: '1322', code: '7', badValue: 'Z' }] }]);
    expect(ack).toMatchObject({ verdict: 'P', included: 2, received: 2, accepted: 1, groupErrors: [] });
    const { again } = await roundTrip(ack);
    expect(again).toEqual(ack);
  });

  it('a 270 with too many repetitions: IK4 with a repetition number', async () => {
    const [ack] = await acknowledge(join(SAMPLES, 'invalid', '270', 'dmg03-repeated.x12'));
    expect(ack.transactions[0].segmentErrors).toEqual([{ segment: 'DMG', position: 10, loop: '2100', code: '8', elementErrors: [{ position: 3, repetition: 2, reference: '1068', code: '12' }] }]);
    expect(ack.verdict).toBe('R');
  });
});

describe('999: records are checked before writing', () => {
  it('refuses a set verdict of P (only the group can be partially accepted), naming the field', async () => {
    const r = await one(join(SAMPLES, '999', 'ack-partial.x12'));
    const bad = structuredClone(r) as unknown as { transactions: { verdict: string }[] };
    bad.transactions[1].verdict = 'P';
    const err = await write([bad]).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(X12dError);
    expect((err as X12dError).message).toContain('documents[0].record.transactions.1.verdict');
  });

  it('refuses a count that is not a whole number and a bad element error code', async () => {
    const r = await one(join(SAMPLES, '999', 'ack-rejected.x12'));
    await expect(write([{ ...r, accepted: '0' }])).rejects.toThrow(/documents\[0\]\.record\.accepted/);
    const bad = structuredClone(r) as unknown as { transactions: { segmentErrors: { elementErrors: { code: string }[] }[] }[] };
    bad.transactions[0].segmentErrors[0].elementErrors[0].code = '99';
    await expect(write([bad])).rejects.toThrow(/documents\[0\]\.record\.transactions\.0\.segmentErrors\.0\.elementErrors\.0\.code/);
  });
});
