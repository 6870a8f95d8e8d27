import { describe, expect, it } from 'vitest';
import { isX12dError } from '../../src/errors.js';
import { type ReadResult, type TransactionSet, readTransactions, readX12, readX12Sync } from '../../src/x12/reader.js';
import { buildFile, tempDir, toBuffer, x12 } from './fixtures.js';
import { chunked, codes, cut, record, recordSync } from './record.js';

describe('readX12 sources', () => {
  const built = buildFile({ lineEnding: '\r\n', interchanges: [{ groups: [{ transactions: [{}, { control: '0002', se: { count: '1' } }] }] }] });

  it('Buffer, Uint8Array, path, async iterable and readX12Sync agree', async () => {
    const tmp = tempDir();
    try {
      const path = tmp.write('f.x12', built.buf);
      const fromBuffer = await record(built.buf);
      const u8 = new Uint8Array(built.buf.length + 10).subarray(5, 5 + built.buf.length);
      u8.set(built.buf);
      const fromU8 = await record(u8);
      const fromPath = await record(path);
      const fromIter = await record(chunked(cut(built.buf, [50, 200, 201])));
      const fromStrings = await record(chunked(cut(built.buf, [100, 300]).map((b) => b.toString('latin1'))));
      const sync = recordSync(built.buf);
      for (const other of [fromU8, fromPath, fromIter, fromStrings, sync]) {
        expect(other.segments).toEqual(fromBuffer.segments);
        expect(other.findings).toEqual(fromBuffer.findings);
        expect(other.result).toEqual(fromBuffer.result);
      }
      expect(fromBuffer.result.bytes).toBe(built.buf.length);
      expect(fromBuffer.result.segments).toBe(built.segments.length);
      expect(codes(fromBuffer)).toEqual(['SE_COUNT_MISMATCH']);
      expect(fromBuffer.result.findingCount).toBe(1);
      expect(fromBuffer.result.fatal).toBe(false);
    } finally {
      tmp.cleanup();
    }
  });

  it('a missing file throws an I/O error (it is not a finding)', async () => {
    await expect(readX12('/nonexistent/x12d/none.x12')).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('bytes is the size of the input for every kind of source, even when a fatal finding stops reading', async () => {
    const tmp = tempDir();
    try {
      const wide = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(x12(), 'utf16le')]);
      const path = tmp.write('wide.x12', wide);
      expect((await readX12(wide)).bytes).toBe(wide.length);
      expect(readX12Sync(wide).bytes).toBe(wide.length);
      expect((await readX12(chunked(cut(wide, [7, 100])))).bytes).toBe(wide.length);
      const fromPath = await readX12(path, {}, { readSize: 64 });
      expect(fromPath.findings.map((f) => f.code)).toEqual(['WIDE_ENCODING']);
      expect(fromPath.bytes).toBe(wide.length);
    } finally {
      tmp.cleanup();
    }
  });

  it('maxFindings caps the kept findings; findingCount and the handler still see all of them', () => {
    const text = x12({ interchanges: [{ groups: [{ transactions: Array.from({ length: 5 }, (_, i) => ({ control: `000${i + 1}`, se: { count: '1' } })) }] }] });
    let seen = 0;
    const r = readX12Sync(toBuffer(text), { finding: () => seen++ }, { maxFindings: 2 });
    expect(r.findings).toHaveLength(2);
    expect(r.findingCount).toBe(5);
    expect(seen).toBe(5);
  });

  it('a segment longer than maxSegment without a terminator is SEGMENT_TOO_LONG, fatal (streamed file)', async () => {
    const tmp = tempDir();
    try {
      // The ISA says "~" but the rest of the file uses "!".
      const text = x12().slice(0, 106) + x12().slice(106).replace(/~/g, '!');
      const path = tmp.write('long.x12', text);
      const r = await record(path, { maxSegment: 64, readSize: 16 });
      expect(codes(r)).toContain('SEGMENT_TOO_LONG');
      expect(r.findings.find((f) => f.code === 'SEGMENT_TOO_LONG')).toMatchObject({ severity: 'fatal', offset: 106, ta1: '004' });
      expect(r.result.fatal).toBe(true);
      expect(r.segments.map((s) => s.tag)).toEqual(['ISA']);
    } finally {
      tmp.cleanup();
    }
  });

  it('a fatal finding stops reading; chunks after it are still counted as bytes', async () => {
    const body = Buffer.from('this is not x12 at all\n'.repeat(10));
    const r = await record(chunked(cut(body, [5, 50, 100])));
    expect(codes(r)).toEqual(['NOT_X12']);
    expect(r.result.bytes).toBe(body.length);
    expect(r.result.fatal).toBe(true);
  });
});

async function collect(gen: AsyncGenerator<TransactionSet, ReadResult>): Promise<{ sets: TransactionSet[]; result: ReadResult }> {
  const sets: TransactionSet[] = [];
  for (;;) {
    const n = await gen.next();
    if (n.done) return { sets, result: n.value };
    sets.push(n.value);
  }
}

describe('readTransactions', () => {
  const built = buildFile({
    lineEnding: '\n',
    interchanges: [
      {
        isa: { control: '000000101' },
        groups: [
          { functionalId: 'HC', control: '11', transactions: [{ control: '1001' }, { control: '1002', body: ['BHT*0019*00*X*20250115*1200*CH', 'CLM*A1*100***11:B:1'] }] },
          { functionalId: 'HP', control: '12', version: '005010X221A1', transactions: [{ set: '835', control: '2001', body: ['BPR*I*100*C*ACH'] }] },
        ],
      },
      { isa: { control: '000000102' }, groups: [{ control: '21', transactions: [{ control: '3001' }] }] },
    ],
  });

  it('yields each transaction set, detached, with its control numbers and segments', async () => {
    const { sets, result } = await collect(readTransactions(built.buf));
    expect(sets.map((s) => [s.set, s.control, s.functionalId, s.groupControl, s.groupVersion, s.interchange?.control, s.guide])).toEqual([
      ['837', '1001', 'HC', '11', '005010X222A1', '000000101', '005010X222A1'],
      ['837', '1002', 'HC', '11', '005010X222A1', '000000101', '005010X222A1'],
      ['835', '2001', 'HP', '12', '005010X221A1', '000000101', '005010X221A1'],
      ['837', '3001', 'HC', '21', '005010X222A1', '000000102', '005010X222A1'],
    ]);
    const second = sets[1];
    expect(second.segments.map((s) => s.tag)).toEqual(['ST', 'BHT', 'CLM', 'SE']);
    expect(second.segments[2]).toEqual({ tag: 'CLM', elements: ['A1', '100', '', '', ['11', 'B', '1']] });
    expect(second.segments[3]).toEqual({ tag: 'SE', elements: ['4', '1002'] });
    const stOffsets = built.segments.filter((s) => s.tag === 'ST').map((s) => s.offset);
    expect(sets.map((s) => s.offset)).toEqual(stOffsets);
    // offsets[] is parallel to segments[] and points at each segment in the file.
    for (const s of sets) {
      expect(s.offsets).toHaveLength(s.segments.length);
      s.offsets.forEach((o, i) => expect(built.text.slice(o, o + s.segments[i].tag.length)).toBe(s.segments[i].tag));
      expect(s.findings).toEqual([]);
    }
    expect(result.findings).toEqual([]);
    expect(result.segments).toBe(built.segments.length);
  });

  it('hands out one set at a time: the source is not read to the end before the first set', async () => {
    // One chunk per line (segment); count how many were pulled when the first set arrives.
    const lines = built.text.split(/(?<=\n)/).map((l) => Buffer.from(l, 'latin1'));
    let pulled = 0;
    async function* source() {
      for (const l of lines) {
        pulled++;
        yield l;
      }
    }
    const gen = readTransactions(source());
    const first = await gen.next();
    expect(first.done).toBe(false);
    expect((first.value as TransactionSet).control).toBe('1001');
    expect(pulled).toBeLessThan(lines.length / 2);
    const pulledAtFirst = pulled;
    const second = await gen.next();
    expect((second.value as TransactionSet).control).toBe('1002');
    expect(pulled).toBeGreaterThan(pulledAtFirst);
    expect(pulled).toBeLessThan(lines.length);
    // The first set's data is its own: reading on did not change it.
    expect((first.value as TransactionSet).segments.map((s) => s.tag)).toEqual(['ST', 'BHT', 'NM1', 'PER', 'HI', 'SE']);
    await gen.return(undefined as never);
  });

  it('gives the same sets from a path with a tiny read buffer', async () => {
    const tmp = tempDir();
    try {
      const path = tmp.write('t.x12', built.buf);
      const a = await collect(readTransactions(built.buf));
      for (const readSize of [7, 64]) {
        const b = await collect(readTransactions(path, { readSize }));
        expect(b.sets).toEqual(a.sets);
        expect(b.result).toEqual(a.result);
      }
    } finally {
      tmp.cleanup();
    }
  });

  it("attaches findings inside a set to that set; envelope findings outside sets go to the result", async () => {
    const text = x12({
      interchanges: [{ groups: [{ transactions: [{ se: { count: '9' } }, { control: '0002' }], ge: { count: '5' } }] }],
    });
    const { sets, result } = await collect(readTransactions(toBuffer(text)));
    expect(sets).toHaveLength(2);
    expect(codes(sets[0])).toEqual(['SE_COUNT_MISMATCH']);
    expect(sets[0].findings[0].transaction).toBe('0001');
    expect(sets[1].findings).toEqual([]);
    expect(codes(result)).toEqual(['SE_COUNT_MISMATCH', 'GE_COUNT_MISMATCH']);
  });

  it("a finding on a set's own ST (duplicate ST02) belongs to that set", async () => {
    const text = x12({ interchanges: [{ groups: [{ transactions: [{ control: '0001' }, { control: '0001' }] }] }] });
    const { sets } = await collect(readTransactions(toBuffer(text)));
    expect(sets).toHaveLength(2);
    expect(codes(sets[0])).toEqual([]);
    expect(codes(sets[1])).toEqual(['DUPLICATE_ST_CONTROL']);
  });

  it("a finding on a set's own ST (bad ST02) belongs to that set", async () => {
    const text = x12({ interchanges: [{ groups: [{ transactions: [{ control: '12' }] }] }] });
    const { sets } = await collect(readTransactions(toBuffer(text)));
    expect(codes(sets[0])).toEqual(['BAD_ST_CONTROL_NUMBER']);
  });

  it('a set cut off by the end of the file is still handed out, with MISSING_SE', async () => {
    const full = x12();
    const { sets, result } = await collect(readTransactions(Buffer.from(full.slice(0, full.indexOf('SE*')))));
    expect(sets).toHaveLength(1);
    expect(sets[0].segments.map((s) => s.tag)).toEqual(['ST', 'BHT', 'NM1', 'PER', 'HI']);
    expect(codes(sets[0])).toEqual(['MISSING_SE']);
    expect(codes(result)).toEqual(['MISSING_SE', 'MISSING_GE', 'TRUNCATED']);
  });

  it('a set whose SE is missing before the next ST ends there', async () => {
    const text = x12({ interchanges: [{ groups: [{ transactions: [{ se: null }, { control: '0002' }] }] }] });
    const { sets } = await collect(readTransactions(toBuffer(text)));
    expect(sets.map((s) => [s.control, s.segments.map((x) => x.tag).join(',')])).toEqual([
      ['0001', 'ST,BHT,NM1,PER,HI'],
      ['0002', 'ST,BHT,NM1,PER,HI,SE'],
    ]);
    expect(codes(sets[0])).toEqual(['MISSING_SE']);
  });

  it('a file that is not X12 yields nothing and returns the fatal finding', async () => {
    const { sets, result } = await collect(readTransactions(Buffer.from('hello')));
    expect(sets).toEqual([]);
    expect(codes(result)).toEqual(['NOT_X12']);
    expect(result.fatal).toBe(true);
  });
});

describe('errors', () => {
  it('isX12dError narrows by code', async () => {
    const { X12dError } = await import('../../src/errors.js');
    const e = new X12dError('X12D_ERR_USAGE', 'x', { a: 1 });
    expect(isX12dError(e)).toBe(true);
    expect(isX12dError(e, 'X12D_ERR_USAGE')).toBe(true);
    expect(isX12dError(e, 'X12D_ERR_WRITER_STATE')).toBe(false);
    expect(isX12dError(new Error('x'))).toBe(false);
    expect(e.details).toEqual({ a: 1 });
    expect(Object.isFrozen(e.details)).toBe(true);
  });
});
