import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FINDING_INFO } from '../../src/x12/findings.js';
import { type ReadResult, readX12Sync } from '../../src/x12/reader.js';
import type { Segment } from '../../src/x12/segment.js';
import { buildTa1Interchange, ta1For } from '../../src/acks/ta1.js';
import { InMemoryControlNumbers } from '../../src/x12/writer.js';
import { brokenSamples, expectedBroken, samplePath, toBuffer, validSamples, x12 } from '../x12/fixtures.js';
import { codes, recordSync } from '../x12/record.js';

function read(text: string | Buffer): ReadResult {
  return readX12Sync(typeof text === 'string' ? toBuffer(text) : text);
}

function segmentsOf(text: string): Segment[] {
  const out: Segment[] = [];
  readX12Sync(toBuffer(text), { segment: (v) => out.push(v.detach()) });
  return out;
}

const WHEN = new Date(Date.UTC(2025, 0, 16, 8, 30));

describe('ta1For: the verdict and note code', () => {
  it('a clean interchange is accepted: A / 000', () => {
    const r = read(x12({ interchanges: [{ isa: { control: '000000321', date: '250115', time: '1200' } }] }));
    const t = ta1For(r.interchanges, 0, r.findings);
    expect(t).toEqual({ control: '000000321', date: '250115', time: '1200', verdict: 'A', note: '000', findings: [] });
  });

  it('findings below the interchange level (SE, GE) do not change the TA1', () => {
    const r = read(x12({ interchanges: [{ groups: [{ transactions: [{ se: { count: '1' } }], ge: { control: '9' } }] }] }));
    expect(codes(r)).toEqual(['SE_COUNT_MISMATCH', 'GE_CONTROL_MISMATCH']);
    expect(ta1For(r.interchanges, 0, r.findings)).toMatchObject({ verdict: 'A', note: '000', findings: [] });
  });

  it('IEA02 that does not match ISA13 is rejected: R / 001', () => {
    const r = read(x12({ interchanges: [{ iea: { control: '000000002' } }] }));
    const t = ta1For(r.interchanges, 0, r.findings);
    expect(t.verdict).toBe('R');
    expect(t.note).toBe('001');
    expect(t.findings.map((f) => f.code)).toEqual(['IEA_CONTROL_MISMATCH']);
  });

  it('IEA01 that does not count the groups is rejected: R / 021', () => {
    const r = read(x12({ interchanges: [{ iea: { count: '3' } }] }));
    expect(ta1For(r.interchanges, 0, r.findings)).toMatchObject({ verdict: 'R', note: '021' });
  });

  it('a bad ISA date is accepted with errors: E / 014', () => {
    const r = read(x12({ interchanges: [{ isa: { date: '250230' } }] }));
    const t = ta1For(r.interchanges, 0, r.findings);
    expect(t).toMatchObject({ verdict: 'E', note: '014', date: '250230' });
  });

  it('a bad ISA time is E / 015; a bad ISA13 is E / 018', () => {
    let r = read(x12({ interchanges: [{ isa: { time: '2500' } }] }));
    expect(ta1For(r.interchanges, 0, r.findings)).toMatchObject({ verdict: 'E', note: '015' });
    r = read(x12({ interchanges: [{ isa: { control: '00000001X' }, iea: { control: '00000001X' } }] }));
    expect(ta1For(r.interchanges, 0, r.findings)).toMatchObject({ verdict: 'E', note: '018' });
  });

  it('a rejecting note outranks an earlier noted one', () => {
    const r = read(x12({ interchanges: [{ isa: { date: '250230' }, iea: { control: '000000002' } }] }));
    expect(ta1For(r.interchanges, 0, r.findings)).toMatchObject({ verdict: 'R', note: '001' });
  });

  it('a file cut off after the GE (no IEA) is rejected: R / 023', () => {
    const full = x12();
    const r = read(full.slice(0, full.indexOf('IEA')));
    expect(ta1For(r.interchanges, 0, r.findings)).toMatchObject({ verdict: 'R', note: '023' });
  });

  it('a file cut off inside a transaction set is rejected as truncated: R / 023', () => {
    const full = x12();
    const r = read(full.slice(0, full.indexOf('HI*')));
    expect(codes({ findings: r.findings })).toContain('TRUNCATED');
    expect(ta1For(r.interchanges, 0, r.findings)).toMatchObject({ verdict: 'R', note: '023' });
  });

  it('an interchange whose IEA is missing before the next ISA is rejected: R / 023', () => {
    const r = read(x12({ interchanges: [{ iea: null }, { isa: { control: '000000002' } }] }));
    expect(codes({ findings: r.findings })).toEqual(['MISSING_IEA']);
    expect(ta1For(r.interchanges, 0, r.findings)).toMatchObject({ verdict: 'R', note: '023' });
    expect(ta1For(r.interchanges, 1, r.findings)).toMatchObject({ verdict: 'A', note: '000' });
  });

  it('text before the ISA belongs to the first interchange: R / 022', () => {
    const r = read(x12({ prefix: 'banner\n' }));
    expect(ta1For(r.interchanges, 0, r.findings)).toMatchObject({ verdict: 'R', note: '022' });
  });

  it('each interchange of a file gets its own TA1', () => {
    const r = read(
      x12({
        interchanges: [{ isa: { control: '000000001' } }, { isa: { control: '000000002' }, iea: { control: '000000003' } }, { isa: { control: '000000004', date: '250132' } }],
      }),
    );
    expect([0, 1, 2].map((i) => ta1For(r.interchanges, i, r.findings)).map((t) => [t.control, t.verdict, t.note])).toEqual([
      ['000000001', 'A', '000'],
      ['000000002', 'R', '001'],
      ['000000004', 'E', '014'],
    ]);
  });

  it('a duplicate ISA13 is rejected on the second interchange only: R / 025', () => {
    const r = read(x12({ interchanges: [{}, {}] }));
    expect(ta1For(r.interchanges, 0, r.findings)).toMatchObject({ verdict: 'A', note: '000' });
    expect(ta1For(r.interchanges, 1, r.findings)).toMatchObject({ verdict: 'R', note: '025' });
  });
});

describe('buildTa1Interchange', () => {
  async function ta1Text(text: string, opts: Parameters<typeof buildTa1Interchange>[2] = {}) {
    const r = read(text);
    const ack = ta1For(r.interchanges, 0, r.findings);
    return { r, ack, out: await buildTa1Interchange(r.interchanges[0], ack, { date: WHEN, ...opts }) };
  }

  it('writes ISA (106 characters), TA1 and IEA*0 with sender and receiver swapped', async () => {
    const { out } = await ta1Text(
      x12({ interchanges: [{ isa: { senderQualifier: '30', sender: '111222333', receiverQualifier: 'ZZ', receiver: 'CLEARINGHOUSE', control: '000000555', usage: 'P' } }] }),
      { allocator: new InMemoryControlNumbers(90) },
    );
    const isa = out.slice(0, out.indexOf('~') + 1);
    expect(isa.length).toBe(106);
    const segs = segmentsOf(out);
    expect(segs.map((s) => s.tag)).toEqual(['ISA', 'TA1', 'IEA']);
    const isaEls = segs[0].elements as string[];
    expect(isaEls[4]).toBe('ZZ');
    expect(isaEls[5]).toBe('CLEARINGHOUSE  ');
    expect(isaEls[6]).toBe('30');
    expect(isaEls[7]).toBe('111222333      ');
    expect(isaEls[8]).toBe('250116');
    expect(isaEls[9]).toBe('0830');
    expect(isaEls[11]).toBe('00501');
    expect(isaEls[12]).toBe('000000090');
    expect(isaEls[14]).toBe('P');
    expect(segs[1].elements).toEqual(['000000555', '250115', '1200', 'A', '000']);
    expect(segs[2].elements).toEqual(['0', '000000090']);
  });

  it('the TA1 interchange reads back with zero findings', async () => {
    const { out } = await ta1Text(x12({ interchanges: [{ iea: { control: '000000009' } }] }));
    const r = recordSync(toBuffer(out));
    expect(codes(r)).toEqual([]);
    expect(r.segments[1].elements).toEqual(['000000001', '250115', '1200', 'R', '001']);
    expect(r.result.interchanges[0].groups).toEqual([]);
  });

  it('carries an E verdict and its note', async () => {
    const { out } = await ta1Text(x12({ interchanges: [{ isa: { date: '250230' } }] }));
    expect(segmentsOf(out)[1].elements).toEqual(['000000001', '250230', '1200', 'E', '014']);
  });

  it('answers a test interchange as test, and honours an explicit usage', async () => {
    expect(segmentsOf((await ta1Text(x12({ interchanges: [{ isa: { usage: 'T' } }] }))).out)[0].elements[14]).toBe('T');
    expect(segmentsOf((await ta1Text(x12({ interchanges: [{ isa: { usage: 'T' } }] }), { usage: 'P' })).out)[0].elements[14]).toBe('P');
  });

  it('uses the writer options (delimiters, line ending)', async () => {
    const { out } = await ta1Text(x12(), { delimiters: { element: 0x7c, component: 0x3e, repetition: 0x5e, segment: 0x7e }, lineEnding: '\r\n' });
    expect(out.startsWith('ISA|00|')).toBe(true);
    expect(out.split('~\r\n')).toHaveLength(4);
    expect(out).toContain('TA1|000000001|250115|1200|A|000~\r\n');
  });
});

describe('TA1 over the samples', () => {
  for (const rel of validSamples()) {
    it(`every interchange of ${rel} is accepted`, () => {
      const r = read(readFileSync(samplePath(rel)));
      r.interchanges.forEach((_, i) => expect(ta1For(r.interchanges, i, r.findings)).toMatchObject({ verdict: 'A', note: '000', findings: [] }));
    });
  }

  const expected = expectedBroken();
  for (const rel of brokenSamples()) {
    const name = rel.slice('broken/'.length);
    const want = [...(expected.get(name) ?? [])];
    const notes = new Set(want.map((c) => FINDING_INFO[c as keyof typeof FINDING_INFO]?.ta1).filter((n): n is string => n !== undefined));
    if (notes.size === 0) continue;
    it(`${name}: some interchange's TA1 notes one of ${[...notes].join(', ')}`, () => {
      const r = read(readFileSync(samplePath(rel)));
      if (r.interchanges.length === 0) {
        // Nothing to acknowledge (not X12, UTF-16): the CLI exits 2 instead.
        expect(r.fatal).toBe(true);
        return;
      }
      const acks = r.interchanges.map((_, i) => ta1For(r.interchanges, i, r.findings));
      const noted = acks.filter((a) => a.verdict !== 'A');
      expect(noted.length, `verdicts ${acks.map((a) => `${a.verdict}/${a.note}`).join(' ')}`).toBeGreaterThan(0);
      for (const a of noted) expect(notes).toContain(a.note);
    });
  }
});
