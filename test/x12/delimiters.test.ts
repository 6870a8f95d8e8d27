import { describe, expect, it } from 'vitest';
import { DEFAULT_DELIMITERS, type Delimiters, ISA_FIELD_WIDTHS, ISA_LENGTH, ISA_SEPARATOR_POSITIONS, delimiterProblem, describeByte } from '../../src/x12/delimiters.js';
import { FINDING_INFO } from '../../src/x12/findings.js';
import { readX12Sync } from '../../src/x12/reader.js';
import { type Delims, STD, buildFile, isaText, toBuffer, x12 } from './fixtures.js';
import { codes, recordSync } from './record.js';

function delimitersOf(buf: Buffer): Delimiters[] {
  const seen: Delimiters[] = [];
  readX12Sync(buf, {
    segment(v) {
      if (v.tag === 'ISA') seen.push({ ...v.delimiters });
    },
  });
  return seen;
}

const byte = (s: string) => s.charCodeAt(0);

describe('ISA layout constants', () => {
  it('the 16 separator positions follow from the field widths and total 106 bytes', () => {
    let p = 3;
    const positions: number[] = [];
    for (const w of ISA_FIELD_WIDTHS) {
      positions.push(p);
      p += 1 + w;
    }
    expect(positions).toEqual(ISA_SEPARATOR_POSITIONS);
    expect(p + 1).toBe(ISA_LENGTH);
    expect(ISA_LENGTH).toBe(106);
  });

  it('the fixture ISA is exactly 106 characters with its terminator', () => {
    expect(isaText().length + 1).toBe(106);
    expect(isaText({}, { element: '|', component: '>', repetition: '^', segment: '\n' }).length).toBe(105);
  });
});

describe('delimiterProblem / describeByte', () => {
  it('accepts the standard set and rejects letters, digits and duplicates', () => {
    expect(delimiterProblem(DEFAULT_DELIMITERS)).toBeNull();
    expect(delimiterProblem({ ...DEFAULT_DELIMITERS, segment: byte('A') })).toMatch(/segment terminator "A" is a letter or digit/);
    expect(delimiterProblem({ ...DEFAULT_DELIMITERS, component: byte('5') })).toMatch(/component separator "5"/);
    expect(delimiterProblem({ ...DEFAULT_DELIMITERS, component: byte('*') })).toMatch(/element separator and the component separator are the same character "\*"/);
    expect(delimiterProblem({ ...DEFAULT_DELIMITERS, repetition: byte(':') })).toMatch(/component separator and the repetition separator/);
    // No repetition separator: -1 never collides.
    expect(delimiterProblem({ ...DEFAULT_DELIMITERS, repetition: -1 })).toBeNull();
  });

  it('names bytes readably', () => {
    expect(describeByte(0x0a)).toBe('newline');
    expect(describeByte(0x0d)).toBe('carriage return');
    expect(describeByte(0x20)).toBe('space');
    expect(describeByte(0x1d)).toBe('0x1D');
    expect(describeByte(0x7e)).toBe('"~"');
  });
});

interface DelimCase {
  name: string;
  d: Delims;
  lineEnding: string;
}

const CASES: DelimCase[] = [
  { name: 'standard * : ^ ~', d: STD, lineEnding: '' },
  { name: 'standard with LF after terminators', d: STD, lineEnding: '\n' },
  { name: 'standard with CRLF after terminators', d: STD, lineEnding: '\r\n' },
  { name: 'pipe elements, > components', d: { element: '|', component: '>', repetition: '^', segment: '~' }, lineEnding: '\n' },
  { name: '* elements, > components, { repetition, ! terminator', d: { element: '*', component: '>', repetition: '{', segment: '!' }, lineEnding: '' },
  { name: 'newline as terminator', d: { element: '*', component: ':', repetition: '^', segment: '\n' }, lineEnding: '' },
  { name: '0x1D terminator with CRLF', d: { element: '\x1c', component: '\x1f', repetition: '\x1e', segment: '\x1d' }, lineEnding: '\r\n' },
  { name: '0x1D terminator, * and : with CRLF', d: { element: '*', component: ':', repetition: '^', segment: '\x1d' }, lineEnding: '\r\n' },
  { name: "' terminator, + elements, \\ components, ` repetition", d: { element: '+', component: '\\', repetition: '`', segment: "'" }, lineEnding: '\r\n' },
];

describe('delimiters come from each ISA', () => {
  for (const c of CASES) {
    it(`${c.name}: reads clean, with the right delimiters, offsets, lines and elements`, () => {
      const built = buildFile({ delims: c.d, lineEnding: c.lineEnding });
      const r = recordSync(built.buf);
      expect(codes(r)).toEqual([]);
      expect(r.result.fatal).toBe(false);
      expect(delimitersOf(built.buf)).toEqual([
        { element: byte(c.d.element), component: byte(c.d.component), repetition: byte(c.d.repetition), segment: byte(c.d.segment) },
      ]);
      expect(r.segments.map((s) => s.tag)).toEqual(built.segments.map((s) => s.tag));
      expect(r.segments.map((s) => s.offset)).toEqual(built.segments.map((s) => s.offset));
      expect(r.segments.map((s) => s.line)).toEqual(built.segments.map((s) => s.line));
      // The GS follows the 106-byte ISA and whatever line ending the file uses.
      expect(r.segments[1].offset).toBe(106 + c.lineEnding.length);
      const hi = r.segments.find((s) => s.tag === 'HI')!;
      expect(hi.elements).toEqual([`ABK${c.d.component}J449${c.d.repetition}ABF${c.d.component}R05`]);
      const nm1 = r.segments.find((s) => s.tag === 'NM1')!;
      expect(nm1.elements).toEqual(['41', '2', 'ACME BILLING', '', '', '', '', '46', '12345']);
      const iea = r.segments[r.segments.length - 1];
      expect(iea.elements).toEqual(['1', '000000001']);
    });
  }

  it('a file whose lines are numbered: newline terminator gives one line per segment', () => {
    const built = buildFile({ delims: { segment: '\n' } });
    const r = recordSync(built.buf);
    expect(r.segments.map((s) => s.line)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });

  it('newline terminator: a CR before the LF is not part of the last element', () => {
    // ISA16 followed directly by LF makes LF the terminator; later segments end in CRLF.
    const isa = isaText();
    const text = `${isa}\n${x12().slice(106).split('~').filter(Boolean).join('\r\n')}\r\n`;
    const r = recordSync(Buffer.from(text, 'latin1'));
    expect(codes(r)).toEqual([]);
    expect(r.segments.map((s) => s.tag)).toEqual(['ISA', 'GS', 'ST', 'BHT', 'NM1', 'PER', 'HI', 'SE', 'GE', 'IEA']);
    expect(r.segments[r.segments.length - 1].elements).toEqual(['1', '000000001']);
    expect(r.segments[2].elements).toEqual(['837', '0001', '005010X222A1']);
    expect(r.segments[1].offset).toBe(106);
    expect(r.segments[2].offset).toBe(106 + 'GS*HC*SENDERGS*RECEIVERGS*20250115*1200*1*X*005010X222A1\r\n'.length);
  });

  it('the repetition separator (ISA11) is used for 00501 and later', () => {
    const d = delimitersOf(toBuffer(x12({ delims: { repetition: '!' } })));
    expect(d[0].repetition).toBe(byte('!'));
  });

  it('ISA11 is not a repetition separator before 00501 (00401 uses U)', () => {
    const text = x12({ interchanges: [{ isa: { version: '00401', repetitionField: 'U' }, groups: [{ version: '004010X098A1' }] }] });
    expect(delimitersOf(toBuffer(text))[0].repetition).toBe(-1);
    const r = recordSync(toBuffer(text));
    expect(codes(r)).toEqual([]);
  });

  it('a punctuation ISA11 in a 00401 interchange is not a repetition separator either', () => {
    const text = x12({ interchanges: [{ isa: { version: '00401', repetitionField: '^' }, groups: [{ version: '004010X098A1' }] }] });
    const buf = toBuffer(text);
    expect(delimitersOf(buf)[0].repetition).toBe(-1);
    // '^' is then plain data: HI01 splits on components only.
    let hi: unknown;
    readX12Sync(buf, {
      segment(v) {
        if (v.tag === 'HI') hi = v.detach().elements[0];
      },
    });
    expect(hi).toEqual(['ABK', 'J449^ABF', 'R05']);
  });

  it('ISA11 = U in a 00501 interchange means no repetition separator', () => {
    const text = x12({ interchanges: [{ isa: { repetitionField: 'U' } }] });
    expect(delimitersOf(toBuffer(text))[0].repetition).toBe(-1);
  });

  it('each interchange of a file brings its own delimiters', () => {
    const a = buildFile({ lineEnding: '\n' });
    const b = buildFile({ delims: { element: '|', component: '>', repetition: '{', segment: '\n' }, interchanges: [{ isa: { control: '000000002' } }] });
    const buf = Buffer.concat([a.buf, b.buf]);
    const r = recordSync(buf);
    expect(codes(r)).toEqual([]);
    expect(delimitersOf(buf)).toEqual([
      { element: byte('*'), component: byte(':'), repetition: byte('^'), segment: byte('~') },
      { element: byte('|'), component: byte('>'), repetition: byte('{'), segment: 0x0a },
    ]);
    expect(r.segments.map((s) => s.offset)).toEqual([...a.segments.map((s) => s.offset), ...b.segments.map((s) => s.offset + a.buf.length)]);
    expect(r.result.interchanges.map((i) => i.control)).toEqual(['000000001', '000000002']);
    // Lines continue across the interchanges: the first has 10 lines.
    expect(r.segments[10].line).toBe(11);
    expect(r.segments[19].line).toBe(20);
  });
});

describe('byte order mark, whitespace and blank lines', () => {
  it('a UTF-8 BOM is skipped without a finding; offsets count its 3 bytes', () => {
    const built = buildFile({ prefix: '\uFEFF' });
    expect(built.buf.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const r = recordSync(built.buf);
    expect(codes(r)).toEqual([]);
    expect(r.segments[0].offset).toBe(3);
    expect(r.segments[1].offset).toBe(109);
    expect(r.segments.map((s) => s.offset)).toEqual(built.segments.map((s) => s.offset));
  });

  it('BOM, blank lines and CRLF after terminators', () => {
    const built = buildFile({ prefix: '\uFEFF\r\n\r\n', lineEnding: '\r\n' });
    const r = recordSync(built.buf);
    expect(codes(r)).toEqual([]);
    expect(r.segments[0]).toMatchObject({ tag: 'ISA', offset: 7, line: 3 });
    expect(r.segments[1]).toMatchObject({ tag: 'GS', offset: 7 + 106 + 2, line: 4 });
    expect(r.segments.map((s) => s.line)).toEqual(built.segments.map((s) => s.line));
  });

  it('leading whitespace, blank lines and indentation between segments are skipped', () => {
    const built = buildFile({ prefix: '\n\n   \t', lineEnding: '\n\n  ' });
    const r = recordSync(built.buf);
    expect(codes(r)).toEqual([]);
    expect(r.segments[0]).toMatchObject({ offset: 6, line: 3 });
    expect(r.segments[1]).toMatchObject({ offset: 6 + 106 + 4, line: 5 });
    expect(r.segments.map((s) => s.offset)).toEqual(built.segments.map((s) => s.offset));
    expect(r.segments.map((s) => s.line)).toEqual(built.segments.map((s) => s.line));
    expect(r.segments.length).toBe(10);
  });

  it('a trailing newline after the last terminator adds no finding', () => {
    const r = recordSync(toBuffer(x12({ suffix: '\r\n\r\n' })));
    expect(codes(r)).toEqual([]);
  });
});

describe('files that are not (plain) X12', () => {
  it('UTF-16LE with BOM is WIDE_ENCODING, fatal, nothing read', () => {
    const text = x12();
    const buf = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const r = recordSync(buf);
    expect(codes(r)).toEqual(['WIDE_ENCODING']);
    expect(r.findings[0]).toMatchObject({ severity: 'fatal', offset: 0, segment: -1, ta1: FINDING_INFO.WIDE_ENCODING.ta1 });
    expect(r.result.fatal).toBe(true);
    expect(r.result.segments).toBe(0);
    expect(r.segments).toEqual([]);
    expect(r.result.interchanges).toEqual([]);
  });

  it('UTF-16BE with BOM is WIDE_ENCODING', () => {
    const le = Buffer.from(x12(), 'utf16le');
    const be = Buffer.alloc(le.length);
    for (let i = 0; i < le.length; i += 2) {
      be[i] = le[i + 1];
      be[i + 1] = le[i];
    }
    const r = recordSync(Buffer.concat([Buffer.from([0xfe, 0xff]), be]));
    expect(codes(r)).toEqual(['WIDE_ENCODING']);
    expect(r.result.fatal).toBe(true);
  });

  it('UTF-16LE without a BOM is WIDE_ENCODING', () => {
    const r = recordSync(Buffer.from(x12(), 'utf16le'));
    expect(codes(r)).toEqual(['WIDE_ENCODING']);
    expect(r.result.segments).toBe(0);
  });

  it('no ISA at all is NOT_X12, fatal', () => {
    const r = recordSync(Buffer.from('Dear billing office,\nplease find the claims attached.\n'));
    expect(codes(r)).toEqual(['NOT_X12']);
    expect(r.findings[0]).toMatchObject({ severity: 'fatal', segment: -1, ta1: '022' });
    expect(r.result.fatal).toBe(true);
    expect(r.result.interchanges).toEqual([]);
  });

  it('a JSON or CSV file is NOT_X12', () => {
    expect(codes(recordSync(Buffer.from('{"claims":[]}\n')))).toEqual(['NOT_X12']);
    expect(codes(recordSync(Buffer.from('id,amount\n1,100\n')))).toEqual(['NOT_X12']);
  });

  it('an empty file has no ISA: NOT_X12', () => {
    const r = recordSync(Buffer.alloc(0));
    expect(codes(r)).toEqual(['NOT_X12']);
    expect(r.result.fatal).toBe(true);
  });

  it('a file of blank lines has no ISA: NOT_X12', () => {
    const r = recordSync(Buffer.from('\r\n\r\n   \n'));
    expect(codes(r)).toEqual(['NOT_X12']);
    expect(r.result.fatal).toBe(true);
  });

  it('text before the ISA is TEXT_BEFORE_ISA at offset 0; the interchange is still read', () => {
    const banner = 'From: clearinghouse\nSubject: claims\n\n';
    const built = buildFile({ prefix: banner });
    const r = recordSync(built.buf);
    expect(codes(r)).toEqual(['TEXT_BEFORE_ISA']);
    expect(r.findings[0]).toMatchObject({ offset: 0, segment: -1, severity: 'error', ta1: '022', line: 1 });
    expect(r.findings[0].message).toContain(`${banner.length} bytes`);
    expect(r.segments[0]).toMatchObject({ tag: 'ISA', offset: banner.length, index: 0, line: 4 });
    expect(r.segments.length).toBe(10);
    expect(r.segments.map((s) => s.offset)).toEqual(built.segments.map((s) => s.offset));
    expect(r.result.interchanges[0].control).toBe('000000001');
  });
});

describe('an ISA that is not the fixed 106 characters', () => {
  it('short (unpadded sender): ISA_WRONG_LENGTH, delimiters recovered, the rest read', () => {
    const short = 'ISA*00**00**ZZ*SENDERID*ZZ*RECEIVERID*250115*1200*^*00501*000000001*0*T*>';
    const built = buildFile({ delims: { component: '>' }, lineEnding: '\n', interchanges: [{ rawIsa: short }] });
    const r = recordSync(built.buf);
    expect(codes(r)).toEqual(['ISA_WRONG_LENGTH']);
    expect(r.findings[0]).toMatchObject({ offset: 0, segment: 0, segmentId: 'ISA', ta1: '022' });
    expect(r.findings[0].message).toContain(`${short.length + 1} characters`);
    expect(delimitersOf(built.buf)[0]).toEqual({ element: byte('*'), component: byte('>'), repetition: byte('^'), segment: byte('~') });
    expect(r.segments.map((s) => s.tag)).toEqual(['ISA', 'GS', 'ST', 'BHT', 'NM1', 'PER', 'HI', 'SE', 'GE', 'IEA']);
    expect(r.segments[1].offset).toBe(short.length + 2);
    expect(r.segments.map((s) => s.offset)).toEqual(built.segments.map((s) => s.offset));
    expect(r.result.interchanges[0]).toMatchObject({ sender: 'SENDERID', receiver: 'RECEIVERID', control: '000000001' });
    expect(r.segments.find((s) => s.tag === 'HI')!.elements).toEqual(['ABK>J449^ABF>R05']);
  });

  it('long (a 16-character sender id): ISA_WRONG_LENGTH, still read', () => {
    const isa = isaText({ sender: 'SENDERID1234567X' });
    expect(isa.length).toBe(106);
    const built = buildFile({ interchanges: [{ rawIsa: isa }] });
    const r = recordSync(built.buf);
    expect(codes(r)).toEqual(['ISA_WRONG_LENGTH']);
    expect(r.segments.length).toBe(10);
    expect(r.segments[1].offset).toBe(107);
    expect(r.result.interchanges[0].sender).toBe('SENDERID1234567X');
  });

  it('an ISA with fewer than 16 elements is ISA_UNREADABLE, fatal', () => {
    const text = 'ISA*00*          *00*          *ZZ*SENDERID       ~GS*HC*A*B~' + ' '.repeat(500);
    const r = recordSync(Buffer.from(text));
    expect(codes(r)).toEqual(['ISA_UNREADABLE']);
    expect(r.result.fatal).toBe(true);
  });

  it('a file that ends inside the ISA is TRUNCATED', () => {
    const r = recordSync(Buffer.from(x12().slice(0, 60)));
    expect(codes(r)).toEqual(['TRUNCATED']);
    expect(r.findings[0].message).toContain('60 of 106');
  });
});

describe('delimiter conflicts in the ISA', () => {
  it('a repetition separator equal to the component separator: BAD_COMPONENT_SEPARATOR, read without repetitions', () => {
    const built = buildFile({ delims: { repetition: ':' } });
    const r = recordSync(built.buf);
    expect(codes(r)).toEqual(['BAD_COMPONENT_SEPARATOR']);
    expect(r.findings[0]).toMatchObject({ offset: 0, segment: 0, segmentId: 'ISA', severity: 'error', ta1: '027' });
    expect(r.result.fatal).toBe(false);
    expect(delimitersOf(built.buf)[0]).toEqual({ element: byte('*'), component: byte(':'), repetition: -1, segment: byte('~') });
    expect(r.segments.length).toBe(10);
    expect(r.result.interchanges[0].groups[0].transactions[0]).toMatchObject({ set: '837', control: '0001', segments: 6 });
  });

  it('a letter as element separator is BAD_ELEMENT_SEPARATOR, fatal', () => {
    const text = `ISAX${x12().slice(4)}`;
    const r = recordSync(Buffer.from(text));
    expect(codes(r)).toEqual(['BAD_ELEMENT_SEPARATOR']);
    expect(r.result.fatal).toBe(true);
    expect(r.findings[0]).toMatchObject({ offset: 0, ta1: '026' });
  });

  it('a letter, or the element separator, as component separator (ISA16) is BAD_COMPONENT_SEPARATOR (TA105 027)', () => {
    const letter = x12().replace('*T*:~', '*T*A~').replace(/:/g, 'B');
    expect(letter.charAt(104)).toBe('A');
    const r1 = recordSync(Buffer.from(letter));
    expect(codes(r1)).toEqual(['BAD_COMPONENT_SEPARATOR']);
    expect(r1.findings[0]).toMatchObject({ offset: 0, ta1: '027' });
    const star = x12().replace('*T*:~', '*T**~');
    expect(star.charAt(104)).toBe('*');
    const r2 = recordSync(Buffer.from(star));
    expect(codes(r2)).toEqual(['BAD_COMPONENT_SEPARATOR']);
    expect(r2.findings[0]).toMatchObject({ offset: 0, ta1: '027' });
  });

  it('a letter as segment terminator is BAD_SEGMENT_TERMINATOR, fatal', () => {
    // No terminator after ISA16: byte 106 is the G of GS.
    const text = x12().replace(':~GS', ':GS');
    const r = recordSync(Buffer.from(text));
    expect(codes(r)).toEqual(['BAD_SEGMENT_TERMINATOR']);
    expect(r.result.fatal).toBe(true);
    expect(r.findings[0]).toMatchObject({ offset: 0, ta1: '004' });
  });
});
