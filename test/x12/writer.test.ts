import { readFileSync } from 'node:fs';
import { X12FatInterchange, type X12Interchange, X12Parser } from 'node-x12';
import { describe, expect, it } from 'vitest';
import { X12dError, isX12dError } from '../../src/errors.js';
import { DEFAULT_DELIMITERS, type Delimiters } from '../../src/x12/delimiters.js';
import { readTransactions, readX12Sync } from '../../src/x12/reader.js';
import { detectLineEnding, rewriteX12 } from '../../src/x12/rewrite.js';
import type { ElementValue, Segment } from '../../src/x12/segment.js';
import { type ControlNumberAllocator, InMemoryControlNumbers, X12Writer, padIsaField, stringWriter, x12Date, x12Time } from '../../src/x12/writer.js';
import { buildFile, samplePath, toBuffer, validSamples, x12 } from './fixtures.js';
import { codes, recordSync } from './record.js';

const WHEN = new Date(Date.UTC(2025, 0, 15, 9, 5, 30));

const HEADER = {
  senderQualifier: 'ZZ',
  sender: 'SUBMITTER',
  receiverQualifier: '30',
  receiver: '123456789',
  usage: 'T' as const,
  date: WHEN,
};

const BODY: [string, ElementValue[]][] = [
  ['BHT', ['0019', '00', 'BATCH1', '20250115', '0905', 'CH']],
  ['NM1', ['41', '2', 'ACME BILLING', '', '', '', '', '46', '12345']],
  ['CLM', ['PATIENT1', '150', '', '', ['11', 'B', '1'], 'Y', 'A', 'Y', 'I']],
  ['HI', [{ repeats: [['ABK', 'J449'], ['ABF', 'R05']] }]],
  ['SV1', [['HC', '99213', '25'], '150', 'UN', '1', '', '', ['1', '2']]],
];

const d = (element: string, component: string, repetition: string, segment: string): Delimiters => ({
  element: element.charCodeAt(0),
  component: component.charCodeAt(0),
  repetition: repetition === '' ? -1 : repetition.charCodeAt(0),
  segment: segment.charCodeAt(0),
});

const DELIMITER_SETS: [string, Delimiters, '' | '\n' | '\r\n'][] = [
  ['* : ^ ~', DEFAULT_DELIMITERS, '\n'],
  ['* : ^ ~ no line breaks', DEFAULT_DELIMITERS, ''],
  ['| > ^ ~', d('|', '>', '^', '~'), '\r\n'],
  ['* > { !', d('*', '>', '{', '!'), '\n'],
  ['* : ^ newline', d('*', ':', '^', '\n'), ''],
  ['* : ^ 0x1D with CRLF', d('*', ':', '^', '\x1d'), '\r\n'],
  ['0x1C 0x1F 0x1E 0x1D', d('\x1c', '\x1f', '\x1e', '\x1d'), ''],
];

/** Writes one interchange with two groups and three transaction sets. */
async function writeSample(w: X12Writer): Promise<void> {
  await w.beginInterchange(HEADER);
  await w.beginGroup({ functionalId: 'HC', sender: 'SUBMITTER', receiver: 'PAYER', version: '005010X222A1', date: WHEN });
  for (let t = 0; t < 2; t++) {
    await w.beginTransaction('837', '005010X222A1');
    for (const [tag, els] of BODY) w.write(tag, els);
    w.endTransaction();
  }
  w.endGroup();
  await w.beginGroup({ functionalId: 'HC', sender: 'SUBMITTER', receiver: 'PAYER', version: '005010X222A1', date: WHEN });
  await w.beginTransaction('837', '005010X222A1');
  w.write('BHT', ['0019', '00', 'BATCH2', '20250115', '0905', 'CH']);
  w.endTransaction();
  w.endGroup();
  w.endInterchange();
}

function segmentsOf(text: string): Segment[] {
  const out: Segment[] = [];
  readX12Sync(toBuffer(text), { segment: (v) => out.push(v.detach()) });
  return out;
}

function expectError(fn: () => unknown, code: string, message?: RegExp): X12dError {
  try {
    fn();
  } catch (e) {
    expect(isX12dError(e)).toBe(true);
    expect((e as X12dError).code).toBe(code);
    if (message) expect((e as X12dError).message).toMatch(message);
    return e as X12dError;
  }
  throw new Error(`expected ${code} to be thrown`);
}

async function expectRejects(p: Promise<unknown>, code: string): Promise<void> {
  await expect(p).rejects.toSatisfy((e: unknown) => isX12dError(e) && (e as X12dError).code === code);
}

describe('X12Writer: envelopes and counts', () => {
  it('writes a valid interchange that reads back with zero findings', async () => {
    const { writer, text } = stringWriter();
    await writeSample(writer);
    const out = text();
    const r = recordSync(toBuffer(out));
    expect(codes(r)).toEqual([]);
    expect(r.result.interchanges[0].groups.map((g) => g.transactions.map((t) => [t.control, t.segments]))).toEqual([
      [
        ['0001', 7],
        ['0002', 7],
      ],
      [['0003', 3]],
    ]);
    expect(writer.segmentsWritten).toBe(r.segments.length);
  });

  it('fills SE01, GE01 and IEA01 with the real counts and the trailers repeat the control numbers', async () => {
    const { writer, text } = stringWriter();
    await writeSample(writer);
    const segs = segmentsOf(text());
    const trailers = segs.filter((s) => ['SE', 'GE', 'IEA'].includes(s.tag)).map((s) => `${s.tag}*${s.elements.join('*')}`);
    expect(trailers).toEqual(['SE*7*0001', 'SE*7*0002', 'GE*2*1', 'SE*3*0003', 'GE*1*2', 'IEA*2*000000001']);
  });

  it('replaces trailer counts passed to write() by the counts actually written', () => {
    const { writer, text } = stringWriter({ lineEnding: '' });
    writer.write('ISA', ['00', '', '00', '', 'ZZ', 'A', 'ZZ', 'B', '250115', '1200', '^', '00501', '000000005', '0', 'T', ':'].map((v, i) => padIsaField(i, v)));
    writer.write('GS', ['HC', 'A', 'B', '20250115', '1200', '7', 'X', '005010X222A1']);
    writer.write('ST', ['837', '0001', '005010X222A1']);
    writer.write('BHT', ['0019']);
    writer.write('SE', ['99', '0001']);
    writer.write('GE', ['99', '7']);
    writer.write('IEA', ['99', '000000005']);
    expect(text().slice(106)).toBe('GS*HC*A*B*20250115*1200*7*X*005010X222A1~ST*837*0001*005010X222A1~BHT*0019~SE*3*0001~GE*1*7~IEA*1*000000005~');
    expect(codes(recordSync(toBuffer(text())))).toEqual([]);
  });

  it('pads the ISA to exactly 106 characters with its fields at their fixed widths', async () => {
    const { writer, text } = stringWriter();
    await writer.beginInterchange({ ...HEADER, control: 42, ackRequested: true });
    const out = text();
    const isa = out.slice(0, out.indexOf('~') + 1);
    expect(isa.length).toBe(106);
    expect(isa).toBe('ISA*00*          *00*          *ZZ*SUBMITTER      *30*123456789      *250115*0905*^*00501*000000042*1*T*:~');
    expect(out.slice(106)).toBe('\n');
  });

  it('writes ISA09/ISA10 and GS04/GS05 from the given date in UTC', async () => {
    const { writer, text } = stringWriter({ lineEnding: '' });
    await writer.beginInterchange({ ...HEADER, date: new Date(Date.UTC(2024, 1, 29, 23, 59)) });
    await writer.beginGroup({ functionalId: 'HC', sender: 'S', receiver: 'R', version: '005010X222A1', date: new Date(Date.UTC(2024, 1, 29, 23, 59)) });
    const segs = segmentsOf(`${text()}GE*0*1~IEA*1*000000001~`);
    expect(segs[0].elements.slice(8, 10)).toEqual(['240229', '2359']);
    expect(segs[1].elements.slice(3, 5)).toEqual(['20240229', '2359']);
    expect(x12Date(WHEN, false)).toBe('250115');
    expect(x12Date(WHEN, true)).toBe('20250115');
    expect(x12Time(WHEN)).toBe('0905');
  });

  it('writes the line ending after every terminator', async () => {
    for (const lineEnding of ['', '\n', '\r\n'] as const) {
      const { writer, text } = stringWriter({ lineEnding });
      await writeSample(writer);
      const out = text();
      const n = segmentsOf(out).length;
      expect(out.split(`~${lineEnding}`).length - 1).toBe(n);
      expect(out.endsWith(`~${lineEnding}`)).toBe(true);
    }
  });

  it('drops trailing empty elements and components (unless told not to)', () => {
    const { writer } = stringWriter({ lineEnding: '' });
    expect(writer.format('NM1', ['41', '2', 'ACME', '', '', ''])).toBe('NM1*41*2*ACME~');
    expect(writer.format('SV1', [['HC', '99213', '', ''], '10'])).toBe('SV1*HC:99213*10~');
    expect(writer.format('REF', ['EA', '', '1'])).toBe('REF*EA**1~');
    expect(writer.format('CLM', ['X', ['', '']])).toBe('CLM*X~');
    const keep = stringWriter({ lineEnding: '', trimTrailing: false }).writer;
    expect(keep.format('NM1', ['41', '2', 'ACME', '', ''])).toBe('NM1*41*2*ACME**~');
  });
});

describe('X12Writer: any delimiter set', () => {
  for (const [name, delims, lineEnding] of DELIMITER_SETS) {
    it(`${name}: writes, reads back with zero findings and the same values`, async () => {
      const { writer, text } = stringWriter({ delimiters: delims, lineEnding });
      await writeSample(writer);
      const out = text();
      const r = recordSync(toBuffer(out));
      expect(codes(r)).toEqual([]);
      let seen: Delimiters | undefined;
      const segs: Segment[] = [];
      readX12Sync(toBuffer(out), {
        segment(v) {
          if (v.tag === 'ISA') seen = { ...v.delimiters };
          segs.push(v.detach());
        },
      });
      expect(seen).toEqual(delims);
      // The ISA is 106 characters whatever the delimiters.
      expect(out.indexOf(String.fromCharCode(delims.segment))).toBe(105);
      const body = segs.filter((s) => BODY.some(([t]) => t === s.tag)).slice(0, BODY.length);
      expect(body).toEqual(
        BODY.map(([tag, els]) => {
          // What reads back is what was written, trailing empties trimmed.
          const trimmed = els.slice();
          while (trimmed.length > 0 && trimmed[trimmed.length - 1] === '') trimmed.pop();
          return { tag, elements: trimmed };
        }),
      );
    });

    it(`${name}: parses in node-x12 (strict)`, async () => {
      const { writer, text } = stringWriter({ delimiters: delims, lineEnding });
      await writeSample(writer);
      const parsed = new X12Parser(true).parse(text());
      const ic = Array.isArray(parsed) ? parsed[0] : parsed;
      expect(ic.functionalGroups).toHaveLength(2);
      expect(ic.functionalGroups[0].transactions).toHaveLength(2);
      expect(ic.functionalGroups[1].transactions).toHaveLength(1);
      expect(ic.functionalGroups[0].transactions[1].header.valueOf(2)).toBe('0002');
      expect(ic.header.valueOf(6)).toBe('SUBMITTER      ');
      expect(ic.trailer.valueOf(1)).toBe('2');
    });
  }

  it('node-x12 reads several interchanges written by one writer', async () => {
    const { writer, text } = stringWriter({ lineEnding: '\n' });
    await writeSample(writer);
    await writeSample(writer);
    const out = text();
    expect(codes(recordSync(toBuffer(out)))).toEqual([]);
    const parsed = new X12Parser(true).parse(out);
    expect(parsed instanceof X12FatInterchange).toBe(true);
    // (X12FatInterchange is an Array subclass that refers to itself: copy it before comparing.)
    const list: X12Interchange[] = [];
    for (let i = 0; i < (parsed as X12FatInterchange).interchanges.length; i++) list.push((parsed as X12FatInterchange).interchanges[i]);
    expect(list.length).toBe(2);
    expect(list.map((i) => i.header.valueOf(13))).toEqual(['1', '2']);
    expect(list.map((i) => i.functionalGroups.length)).toEqual([2, 2]);
  });

  it('a set without a repetition separator writes U in ISA11 and refuses repeated elements', async () => {
    const { writer, text } = stringWriter({ delimiters: { ...DEFAULT_DELIMITERS, repetition: -1 } });
    await writer.beginInterchange(HEADER);
    expect(text().charAt(82)).toBe('U');
    const e = expectError(() => writer.format('HI', [{ repeats: ['A', 'B'] }]), 'X12D_ERR_DELIMITER_IN_DATA', /HI01/);
    expect(e.details).toMatchObject({ segment: 'HI', element: 1 });
    // '^' is then ordinary data.
    expect(writer.format('NTE', ['ADD', 'A^B'])).toBe('NTE*ADD*A^B~\n');
  });

  it('refuses delimiters that cannot work', () => {
    expectError(() => new X12Writer(() => {}, { delimiters: d('*', '*', '^', '~') }), 'X12D_ERR_BAD_DELIMITERS');
    expectError(() => new X12Writer(() => {}, { delimiters: d('*', ':', '^', 'A') }), 'X12D_ERR_BAD_DELIMITERS', /letter or digit/);
    const w = new X12Writer(() => {});
    expectError(() => w.setDelimiters(d('|', ':', ':', '~')), 'X12D_ERR_BAD_DELIMITERS');
    expect(w.delimiters).toEqual(DEFAULT_DELIMITERS);
  });
});

describe('X12Writer: delimiters in data', () => {
  const w = stringWriter({ lineEnding: '' }).writer;

  it('refuses an element separator in an element, naming the segment and element', () => {
    const e = expectError(() => w.write('NM1', ['85', '2', 'SMITH*JONES']), 'X12D_ERR_DELIMITER_IN_DATA', /^NM103 contains "\*"/);
    expect(e.details).toMatchObject({ segment: 'NM1', element: 3 });
  });

  it('refuses a segment terminator, a component separator and a repetition separator', () => {
    expectError(() => w.write('N3', ['12 MAIN ST~APT 4']), 'X12D_ERR_DELIMITER_IN_DATA', /^N301 contains "~"/);
    expectError(() => w.write('REF', ['EA', 'A:B']), 'X12D_ERR_DELIMITER_IN_DATA', /^REF02 contains ":"/);
    expectError(() => w.write('NTE', ['ADD', 'A^B']), 'X12D_ERR_DELIMITER_IN_DATA', /^NTE02 contains "\^"/);
  });

  it('names the component inside a composite', () => {
    const e = expectError(() => w.write('CLM', ['X', '1', '', '', ['11', 'B*', '1']]), 'X12D_ERR_DELIMITER_IN_DATA', /^CLM05-2 contains "\*"/);
    expect(e.details).toMatchObject({ segment: 'CLM', element: 5, component: 2 });
  });

  it('checks ISA fields too', () => {
    const { writer } = stringWriter();
    return expectRejects(writer.beginInterchange({ ...HEADER, sender: 'A*B' }), 'X12D_ERR_DELIMITER_IN_DATA');
  });

  it('what is a delimiter depends on the set: * is data when | separates elements', () => {
    const pipe = stringWriter({ delimiters: d('|', '>', '^', '~'), lineEnding: '' }).writer;
    expect(pipe.format('NM1', ['85', '2', 'SMITH*JONES:JR'])).toBe('NM1|85|2|SMITH*JONES:JR~');
    expectError(() => pipe.format('NM1', ['85', '2', 'A|B']), 'X12D_ERR_DELIMITER_IN_DATA', /NM103 contains "\|"/);
    expectError(() => pipe.format('NM1', ['85', '2', 'A>B']), 'X12D_ERR_DELIMITER_IN_DATA', /NM103 contains ">"/);
  });

  it('nothing is written when a segment is refused', () => {
    const { writer, text } = stringWriter({ lineEnding: '' });
    expect(() => writer.write('NM1', ['A*B'])).toThrow(X12dError);
    expect(text()).toBe('');
    expect(writer.segmentsWritten).toBe(0);
  });
});

describe('ISA field padding', () => {
  it('pads text fields with spaces and ISA13 with zeros', () => {
    expect(padIsaField(5, 'ABC')).toBe('ABC            ');
    expect(padIsaField(1, '')).toBe('          ');
    expect(padIsaField(12, '42')).toBe('000000042');
    expect(padIsaField(4, 'ZZ')).toBe('ZZ');
  });

  it('refuses a value longer than its field', () => {
    const e = expectError(() => padIsaField(5, 'X'.repeat(16)), 'X12D_ERR_ISA_FIELD_TOO_LONG', /ISA06 holds at most 15 characters/);
    expect(e.details).toEqual({ element: 'ISA06' });
  });

  it('a sender id longer than 15 characters is refused by beginInterchange', async () => {
    const { writer } = stringWriter();
    await expectRejects(writer.beginInterchange({ ...HEADER, sender: 'S'.repeat(16) }), 'X12D_ERR_ISA_FIELD_TOO_LONG');
  });
});

describe('control numbers', () => {
  it('InMemoryControlNumbers counts per kind and per partner', () => {
    const a = new InMemoryControlNumbers();
    expect([a.next('interchange', 'P1'), a.next('interchange', 'P1'), a.next('interchange', 'P1')]).toEqual([1, 2, 3]);
    expect(a.next('group', 'P1')).toBe(1);
    expect(a.next('interchange', 'P2')).toBe(1);
    expect(a.next('transaction', 'P1')).toBe(1);
    expect(a.next('group', 'P1')).toBe(2);
    const b = new InMemoryControlNumbers(500);
    expect([b.next('group', ''), b.next('group', '')]).toEqual([500, 501]);
  });

  it('the writer takes ISA13, GS06 and ST02 from its allocator', async () => {
    const allocator = new InMemoryControlNumbers(7);
    const { writer, text } = stringWriter({ allocator, partner: 'PAYER1' });
    await writeSample(writer);
    await writeSample(writer);
    const r = recordSync(toBuffer(text()));
    expect(codes(r)).toEqual([]);
    expect(r.result.interchanges.map((i) => i.control)).toEqual(['000000007', '000000008']);
    expect(r.result.interchanges.map((i) => i.groups.map((g) => g.control))).toEqual([
      ['7', '8'],
      ['9', '10'],
    ]);
    expect(r.result.interchanges.flatMap((i) => i.groups.flatMap((g) => g.transactions.map((t) => t.control)))).toEqual(['0007', '0008', '0009', '0010', '0011', '0012']);
    // Another partner's numbers are its own.
    expect(allocator.next('interchange', 'PAYER2')).toBe(7);
    expect(allocator.next('interchange', 'PAYER1')).toBe(9);
  });

  it('returns the control numbers it writes and honours explicit ones', async () => {
    const { writer, text } = stringWriter();
    expect(await writer.beginInterchange({ ...HEADER, control: 123 })).toBe('000000123');
    expect(await writer.beginGroup({ functionalId: 'HC', sender: 'S', receiver: 'R', version: '005010X222A1', date: WHEN, control: 55 })).toBe('55');
    expect(await writer.beginTransaction('837', '005010X222A1', 'ABC1')).toBe('ABC1');
    writer.endTransaction();
    writer.endGroup();
    writer.endInterchange();
    expect(text()).toContain('SE*2*ABC1~');
    expect(text()).toContain('GE*1*55~');
    expect(text()).toContain('IEA*1*000000123~');
  });

  it('accepts an asynchronous allocator', async () => {
    const calls: string[] = [];
    const allocator: ControlNumberAllocator = {
      async next(kind, partner) {
        calls.push(`${kind}:${partner}`);
        return 900;
      },
    };
    const { writer, text } = stringWriter({ allocator, partner: 'X' });
    await writeSample(writer);
    expect(calls[0]).toBe('interchange:X');
    expect(calls).toContain('group:X');
    expect(calls).toContain('transaction:X');
    expect(text()).toContain('*000000900*');
  });

  it('ISA13 wraps at 9 digits', async () => {
    const { writer, text } = stringWriter();
    await writer.beginInterchange({ ...HEADER, control: 1_000_000_005 });
    expect(text().slice(90, 99)).toBe('000000005');
  });
});

describe('writer state errors', () => {
  it('refuses a group without an interchange, a set without a group, and trailers without headers', async () => {
    const { writer } = stringWriter();
    await expectRejects(writer.beginGroup({ functionalId: 'HC', sender: 'S', receiver: 'R', version: 'V' }), 'X12D_ERR_WRITER_STATE');
    await expectRejects(writer.beginTransaction('837'), 'X12D_ERR_WRITER_STATE');
    expectError(() => writer.endTransaction(), 'X12D_ERR_WRITER_STATE', /No transaction set is open/);
    expectError(() => writer.endGroup(), 'X12D_ERR_WRITER_STATE', /No functional group is open/);
    expectError(() => writer.endInterchange(), 'X12D_ERR_WRITER_STATE', /No interchange is open/);
  });

  it('refuses to open what is already open and to close around an open child', async () => {
    const { writer } = stringWriter();
    await writer.beginInterchange(HEADER);
    await expectRejects(writer.beginInterchange(HEADER), 'X12D_ERR_WRITER_STATE');
    await writer.beginGroup({ functionalId: 'HC', sender: 'S', receiver: 'R', version: '005010X222A1', date: WHEN });
    await expectRejects(writer.beginGroup({ functionalId: 'HC', sender: 'S', receiver: 'R', version: '005010X222A1' }), 'X12D_ERR_WRITER_STATE');
    expectError(() => writer.endInterchange(), 'X12D_ERR_WRITER_STATE', /Functional group 1 is still open/);
    await writer.beginTransaction('837', '005010X222A1');
    await expectRejects(writer.beginTransaction('837'), 'X12D_ERR_WRITER_STATE');
    expectError(() => writer.endGroup(), 'X12D_ERR_WRITER_STATE', /Transaction set 0001 is still open/);
    writer.endTransaction();
    writer.endGroup();
    writer.endInterchange();
    // And a new interchange can then start.
    await expect(writer.beginInterchange(HEADER)).resolves.toBe('000000002');
  });
});

describe('round trip', () => {
  for (const rel of validSamples()) {
    it(`rewriteX12 is byte-identical: ${rel}`, () => {
      const input = readFileSync(samplePath(rel));
      const out = rewriteX12(input);
      if (!out.equals(input)) {
        // Show the first difference readably.
        let i = 0;
        while (i < input.length && input[i] === out[i]) i++;
        expect(JSON.stringify(out.toString('latin1', Math.max(0, i - 40), i + 40))).toBe(JSON.stringify(input.toString('latin1', Math.max(0, i - 40), i + 40)));
      }
      expect(out.equals(input)).toBe(true);
    });
  }

  const fixtures: [string, Buffer][] = [
    ['default', buildFile().buf],
    ['LF', buildFile({ lineEnding: '\n' }).buf],
    ['CRLF', buildFile({ lineEnding: '\r\n' }).buf],
    ['| > with LF', buildFile({ delims: { element: '|', component: '>' }, lineEnding: '\n' }).buf],
    ['newline terminator', buildFile({ delims: { segment: '\n' } }).buf],
    ['0x1D with CRLF', buildFile({ delims: { segment: '\x1d' }, lineEnding: '\r\n' }).buf],
    ['BOM', buildFile({ prefix: '\uFEFF', lineEnding: '\n' }).buf],
    ['BOM and blank lines', buildFile({ prefix: '\uFEFF\r\n\r\n', lineEnding: '\r\n' }).buf],
    ['two interchanges, TA1', buildFile({ lineEnding: '\n', interchanges: [{}, { isa: { control: '000000002' }, before: ['TA1*000000001*250115*1200*A*000'], groups: [] }] }).buf],
  ];
  for (const [name, input] of fixtures) {
    it(`rewriteX12 is byte-identical: fixture ${name}`, () => {
      expect(rewriteX12(input).toString('latin1')).toBe(input.toString('latin1'));
    });
  }

  it('rewriteX12 recomputes a wrong SE01', () => {
    const input = toBuffer(x12({ interchanges: [{ groups: [{ transactions: [{ se: { count: '42' } }] }] }] }));
    expect(codes(recordSync(input))).toEqual(['SE_COUNT_MISMATCH']);
    const out = rewriteX12(input);
    expect(codes(recordSync(out))).toEqual([]);
    expect(out.toString('latin1')).toBe(x12());
  });

  it('detectLineEnding finds what follows the first terminator', () => {
    expect(detectLineEnding(Buffer.from('A~\r\nB~'), 0x7e)).toBe('\r\n');
    expect(detectLineEnding(Buffer.from('A~\nB~'), 0x7e)).toBe('\n');
    expect(detectLineEnding(Buffer.from('A~B~'), 0x7e)).toBe('');
    expect(detectLineEnding(Buffer.from('A\nB\n'), 0x0a)).toBe('');
  });

  it('transaction sets from readTransactions, written back, give the same file', async () => {
    const input = buildFile({ lineEnding: '\n', interchanges: [{ groups: [{ transactions: [{}, { control: '0002' }] }] }] });
    const { writer, text } = stringWriter({ lineEnding: '\n' });
    const gen = readTransactions(input.buf);
    let first = true;
    for await (const t of gen) {
      if (first) {
        writer.writeSegment(segmentsOf(input.text)[0]);
        writer.writeSegment(segmentsOf(input.text)[1]);
        first = false;
      }
      for (const s of t.segments) writer.writeSegment(s);
    }
    writer.write('GE', ['', '1']);
    writer.write('IEA', ['', '000000001']);
    expect(text()).toBe(input.text);
  });
});
