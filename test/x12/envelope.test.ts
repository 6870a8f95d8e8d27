import { describe, expect, it } from 'vitest';
import { FINDING_INFO, type FindingCode, FindingCode as Codes, finding } from '../../src/x12/findings.js';
import { readX12Sync } from '../../src/x12/reader.js';
import { type Built, type FileSpec, buildFile, toBuffer, x12 } from './fixtures.js';
import { codes, recordSync } from './record.js';

/** Index of the n-th (0-based) segment with a tag in a built file. */
function at(built: Built, tag: string, nth = 0): { index: number; offset: number } {
  let k = 0;
  for (let i = 0; i < built.segments.length; i++) {
    if (built.segments[i].tag === tag) {
      if (k === nth) return { index: i, offset: built.segments[i].offset };
      k++;
    }
  }
  throw new Error(`no ${tag} #${nth}`);
}

function read(spec: FileSpec) {
  const built = buildFile(spec);
  return { built, r: recordSync(built.buf) };
}

describe('the findings catalogue', () => {
  it('every code has an entry with a severity, and the acknowledgment codes are the X12 ones', () => {
    for (const code of Object.keys(Codes) as FindingCode[]) {
      expect(FINDING_INFO[code], code).toBeDefined();
      expect(['fatal', 'error', 'warning']).toContain(FINDING_INFO[code].severity);
    }
    expect(FINDING_INFO.IEA_CONTROL_MISMATCH.ta1).toBe('001');
    expect(FINDING_INFO.BAD_ISA_DATE.ta1).toBe('014');
    expect(FINDING_INFO.BAD_ISA_TIME.ta1).toBe('015');
    expect(FINDING_INFO.BAD_ISA_CONTROL_NUMBER.ta1).toBe('018');
    expect(FINDING_INFO.IEA_COUNT_MISMATCH.ta1).toBe('021');
    expect(FINDING_INFO.TRUNCATED.ta1).toBe('023');
    expect(FINDING_INFO.DUPLICATE_ISA_CONTROL.ta1).toBe('025');
    expect(FINDING_INFO.GE_COUNT_MISMATCH.ak9).toBe('5');
    expect(FINDING_INFO.GE_CONTROL_MISMATCH.ak9).toBe('4');
    expect(FINDING_INFO.MISSING_SE.ik5).toBe('2');
    expect(FINDING_INFO.SE_CONTROL_MISMATCH.ik5).toBe('3');
    expect(FINDING_INFO.SE_COUNT_MISMATCH.ik5).toBe('4');
  });

  it('finding() copies severity and acknowledgment codes from the table', () => {
    const f = finding('SE_COUNT_MISMATCH', 'm', { offset: 5, segment: 2, transaction: '0001' });
    expect(f).toEqual({ code: 'SE_COUNT_MISMATCH', severity: 'error', message: 'm', offset: 5, segment: 2, transaction: '0001', ik5: '4' });
    expect(finding('DUPLICATE_GS_CONTROL', 'm', { offset: 0, segment: 0 })).toMatchObject({ ak9: '19', ta1: '024' });
  });

  it('every finding a reading reports carries the acknowledgment codes of its table entry', () => {
    const text = x12({
      interchanges: [
        {
          isa: { date: '250230', time: '2599' },
          groups: [{ transactions: [{ se: { count: '99', control: 'XXXX' } }], ge: { count: '7', control: '9' } }],
          iea: { count: '4', control: '000000002' },
        },
      ],
    });
    const r = recordSync(toBuffer(text));
    expect(r.findings.length).toBe(8);
    for (const f of r.findings) {
      const info = FINDING_INFO[f.code];
      expect(f.severity).toBe(info.severity);
      expect(f.ta1).toBe(info.ta1);
      expect(f.ak9).toBe(info.ak9);
      expect(f.ik5).toBe(info.ik5);
      expect(f.message.length).toBeGreaterThan(10);
    }
  });
});

describe('transaction set trailer (SE)', () => {
  it('a valid file has no findings and counts segments ST..SE', () => {
    const { r } = read({});
    expect(codes(r)).toEqual([]);
    expect(r.transactions).toEqual([{ set: '837', control: '0001', segments: 6, offset: 163 }]);
  });

  it('SE01 that does not count ST..SE is SE_COUNT_MISMATCH at the SE', () => {
    const { built, r } = read({ interchanges: [{ groups: [{ transactions: [{ se: { count: '5' } }] }] }] });
    expect(codes(r)).toEqual(['SE_COUNT_MISMATCH']);
    const se = at(built, 'SE');
    expect(r.findings[0]).toMatchObject({
      code: 'SE_COUNT_MISMATCH',
      severity: 'error',
      offset: se.offset,
      segment: se.index,
      segmentId: 'SE',
      interchange: '000000001',
      group: '1',
      transaction: '0001',
      ik5: '4',
    });
    expect(r.findings[0].message).toContain('"5"');
    expect(r.findings[0].message).toContain('6');
  });

  it('SE01 that is not a number is SE_COUNT_MISMATCH', () => {
    const { r } = read({ interchanges: [{ groups: [{ transactions: [{ se: { count: '6A' } }] }] }] });
    expect(codes(r)).toEqual(['SE_COUNT_MISMATCH']);
  });

  it('SE02 that differs from ST02 is SE_CONTROL_MISMATCH', () => {
    const { built, r } = read({ interchanges: [{ groups: [{ transactions: [{ control: '0042', se: { control: '0043' } }] }] }] });
    expect(codes(r)).toEqual(['SE_CONTROL_MISMATCH']);
    expect(r.findings[0]).toMatchObject({ offset: at(built, 'SE').offset, segment: at(built, 'SE').index, transaction: '0042', group: '1', interchange: '000000001', ik5: '3' });
  });

  it('reading continues after a bad SE count: the next transaction set is read and checked', () => {
    const { built, r } = read({
      interchanges: [{ groups: [{ transactions: [{ se: { count: '3' } }, { control: '0002' }, { control: '0003', se: { control: '0004' } }] }] }],
    });
    expect(codes(r)).toEqual(['SE_COUNT_MISMATCH', 'SE_CONTROL_MISMATCH']);
    expect(r.findings[0].transaction).toBe('0001');
    expect(r.findings[1]).toMatchObject({ transaction: '0003', offset: at(built, 'SE', 2).offset });
    expect(r.transactions.map((t) => t.control)).toEqual(['0001', '0002', '0003']);
    expect(r.result.interchanges[0].groups[0].transactions.map((t) => [t.control, t.segments])).toEqual([
      ['0001', 6],
      ['0002', 6],
      ['0003', 6],
    ]);
    expect(r.segments.length).toBe(built.segments.length);
  });

  it('a missing SE before the next ST is MISSING_SE for the open set; the next set is read', () => {
    const { built, r } = read({ interchanges: [{ groups: [{ transactions: [{ se: null }, { control: '0002' }] }] }] });
    expect(codes(r)).toEqual(['MISSING_SE']);
    expect(r.findings[0]).toMatchObject({ offset: at(built, 'ST', 1).offset, interchange: '000000001', group: '1', transaction: '0001', ik5: '2' });
    expect(r.transactions.map((t) => [t.control, t.segments])).toEqual([
      ['0001', 5],
      ['0002', 6],
    ]);
    // The second ST restarts the set positions.
    expect(r.segments[at(built, 'ST', 1).index].setPosition).toBe(1);
  });

  it('a missing SE before the GE is MISSING_SE at the GE', () => {
    const { built, r } = read({ interchanges: [{ groups: [{ transactions: [{ se: null }] }] }] });
    expect(codes(r)).toEqual(['MISSING_SE']);
    const ge = at(built, 'GE');
    expect(r.findings[0]).toMatchObject({ offset: ge.offset, segment: ge.index, segmentId: 'GE', transaction: '0001', group: '1' });
    expect(r.transactions).toHaveLength(1);
  });

  it('an SE outside a transaction set is SEGMENT_OUTSIDE_ENVELOPE', () => {
    const { built, r } = read({ interchanges: [{ groups: [{ after: ['SE*2*0009'] }] }] });
    expect(codes(r)).toEqual(['SEGMENT_OUTSIDE_ENVELOPE']);
    expect(r.findings[0]).toMatchObject({ segment: at(built, 'SE', 1).index, segmentId: 'SE', group: '1', ta1: '024' });
  });
});

describe('transaction set header (ST)', () => {
  it('ST02 shorter than 4 characters is BAD_ST_CONTROL_NUMBER', () => {
    const { built, r } = read({ interchanges: [{ groups: [{ transactions: [{ control: '12' }] }] }] });
    expect(codes(r)).toEqual(['BAD_ST_CONTROL_NUMBER']);
    expect(r.findings[0]).toMatchObject({ segment: at(built, 'ST').index, transaction: '12', ik5: '7' });
  });

  it('ST01 that is not 3 digits is MISSING_ST_ID', () => {
    const { r } = read({ interchanges: [{ groups: [{ transactions: [{ set: '83A' }] }] }] });
    expect(codes(r)).toEqual(['MISSING_ST_ID']);
    expect(r.findings[0].ik5).toBe('6');
  });

  it('a duplicate ST02 in one group is DUPLICATE_ST_CONTROL at the second ST', () => {
    const { built, r } = read({ interchanges: [{ groups: [{ transactions: [{ control: '0007' }, { control: '0007' }] }] }] });
    expect(codes(r)).toEqual(['DUPLICATE_ST_CONTROL']);
    expect(r.findings[0]).toMatchObject({ offset: at(built, 'ST', 1).offset, segment: at(built, 'ST', 1).index, transaction: '0007', ik5: '23' });
  });

  it('the same ST02 in two different groups is allowed', () => {
    const { r } = read({ interchanges: [{ groups: [{ transactions: [{ control: '0007' }] }, { transactions: [{ control: '0007' }] }] }] });
    expect(codes(r)).toEqual([]);
  });

  it('a segment id that is not 2-3 capitals/digits inside a set is BAD_SEGMENT_ID', () => {
    const { built, r } = read({ interchanges: [{ groups: [{ transactions: [{ body: ['BHT*0019', 'nm1*41*2*X'] }] }] }] });
    expect(codes(r)).toEqual(['BAD_SEGMENT_ID']);
    expect(r.findings[0]).toMatchObject({ segmentId: 'nm1', segment: at(built, 'nm1').index, transaction: '0001', ik5: '5' });
  });
});

describe('functional group (GS/GE)', () => {
  it('GE01 that does not count the sets is GE_COUNT_MISMATCH', () => {
    const { built, r } = read({ interchanges: [{ groups: [{ transactions: [{}, { control: '0002' }], ge: { count: '1' } }] }] });
    expect(codes(r)).toEqual(['GE_COUNT_MISMATCH']);
    const ge = at(built, 'GE');
    expect(r.findings[0]).toMatchObject({ offset: ge.offset, segment: ge.index, segmentId: 'GE', group: '1', interchange: '000000001', ak9: '5' });
    expect(r.findings[0].transaction).toBeUndefined();
  });

  it('GE02 that differs from GS06 is GE_CONTROL_MISMATCH', () => {
    const { r } = read({ interchanges: [{ groups: [{ control: '17', ge: { control: '18' } }] }] });
    expect(codes(r)).toEqual(['GE_CONTROL_MISMATCH']);
    expect(r.findings[0]).toMatchObject({ group: '17', ak9: '4' });
  });

  it('GS06 that is not 1-9 digits is BAD_GS_CONTROL_NUMBER', () => {
    const { r } = read({ interchanges: [{ groups: [{ control: 'A1' }] }] });
    expect(codes(r)).toEqual(['BAD_GS_CONTROL_NUMBER']);
    expect(r.findings[0].ak9).toBe('6');
  });

  it('a duplicate GS06 in one interchange is DUPLICATE_GS_CONTROL at the second GS', () => {
    const { built, r } = read({ interchanges: [{ groups: [{ control: '5' }, { control: '5' }] }] });
    expect(codes(r)).toEqual(['DUPLICATE_GS_CONTROL']);
    expect(r.findings[0]).toMatchObject({ offset: at(built, 'GS', 1).offset, segment: at(built, 'GS', 1).index, group: '5', ak9: '19' });
  });

  it('the same GS06 in two interchanges is allowed', () => {
    const { r } = read({ interchanges: [{}, { isa: { control: '000000002' } }] });
    expect(codes(r)).toEqual([]);
  });

  it('a missing GE before the IEA is MISSING_GE at the IEA', () => {
    const { built, r } = read({ interchanges: [{ groups: [{ ge: null }] }] });
    expect(codes(r)).toEqual(['MISSING_GE']);
    const iea = at(built, 'IEA');
    expect(r.findings[0]).toMatchObject({ offset: iea.offset, segment: iea.index, segmentId: 'IEA', group: '1', interchange: '000000001', ak9: '3' });
  });

  it('a missing GE before the next GS is MISSING_GE; the next group is read', () => {
    const { r } = read({ interchanges: [{ groups: [{ ge: null }, { control: '2' }] }] });
    expect(codes(r)).toEqual(['MISSING_GE']);
    expect(r.findings[0].group).toBe('1');
    expect(r.result.interchanges[0].groups.map((g) => g.control)).toEqual(['1', '2']);
  });

  it('GS08 that is not 5010 in a 00501 interchange is a VERSION_MISMATCH warning', () => {
    const { r } = read({ interchanges: [{ groups: [{ version: '004010X098A1' }] }] });
    expect(codes(r)).toEqual(['VERSION_MISMATCH']);
    expect(r.findings[0]).toMatchObject({ severity: 'warning', ak9: '2' });
  });

  it('a GS outside an interchange is SEGMENT_OUTSIDE_ENVELOPE', () => {
    const text = `${x12()}GS*HC*A*B*20250115*1200*9*X*005010X222A1~`;
    const r = recordSync(toBuffer(text));
    expect(codes(r)).toEqual(['SEGMENT_OUTSIDE_ENVELOPE']);
    expect(r.findings[0]).toMatchObject({ segmentId: 'GS', segment: 10, offset: x12().length });
    expect(r.findings[0].interchange).toBeUndefined();
  });

  it('several groups in one interchange are summarised in order', () => {
    const { r } = read({
      interchanges: [
        {
          groups: [
            { functionalId: 'HC', control: '101', transactions: [{}, { control: '0002' }] },
            { functionalId: 'HP', control: '102', version: '005010X221A1', transactions: [{ set: '835' }] },
          ],
        },
      ],
    });
    expect(codes(r)).toEqual([]);
    const groups = r.result.interchanges[0].groups;
    expect(groups.map((g) => [g.functionalId, g.control, g.version, g.transactions.map((t) => `${t.set}/${t.control}`)])).toEqual([
      ['HC', '101', '005010X222A1', ['837/0001', '837/0002']],
      ['HP', '102', '005010X221A1', ['835/0001']],
    ]);
  });
});

describe('interchange (ISA/IEA)', () => {
  it('IEA01 that does not count the groups is IEA_COUNT_MISMATCH', () => {
    const { built, r } = read({ interchanges: [{ iea: { count: '2' } }] });
    expect(codes(r)).toEqual(['IEA_COUNT_MISMATCH']);
    const iea = at(built, 'IEA');
    expect(r.findings[0]).toMatchObject({ offset: iea.offset, segment: iea.index, segmentId: 'IEA', interchange: '000000001', ta1: '021' });
    expect(r.findings[0].group).toBeUndefined();
  });

  it('IEA02 that differs from ISA13 is IEA_CONTROL_MISMATCH', () => {
    const { built, r } = read({ interchanges: [{ isa: { control: '000000123' }, iea: { control: '000000124' } }] });
    expect(codes(r)).toEqual(['IEA_CONTROL_MISMATCH']);
    expect(r.findings[0]).toMatchObject({ offset: at(built, 'IEA').offset, interchange: '000000123', ta1: '001' });
  });

  it('IEA02 without leading zeros does not match ISA13', () => {
    const { r } = read({ interchanges: [{ isa: { control: '000000123' }, iea: { control: '123' } }] });
    expect(codes(r)).toEqual(['IEA_CONTROL_MISMATCH']);
  });

  for (const [control, ok] of [
    ['000000001', true],
    ['123456789', true],
    ['12345678 ', false],
    ['00000001A', false],
    ['-00000001', false],
  ] as const) {
    it(`ISA13 ${JSON.stringify(control)} is ${ok ? 'valid' : 'BAD_ISA_CONTROL_NUMBER'}`, () => {
      const { r } = read({ interchanges: [{ isa: { control }, iea: { control } }] });
      expect(codes(r)).toEqual(ok ? [] : ['BAD_ISA_CONTROL_NUMBER']);
      if (!ok) expect(r.findings[0]).toMatchObject({ offset: 0, segment: 0, segmentId: 'ISA', interchange: control, ta1: '018' });
    });
  }

  for (const [date, ok] of [
    ['250115', true],
    ['240229', true],
    ['250228', true],
    ['251231', true],
    ['250230', false],
    ['250229', false],
    ['251301', false],
    ['250001', false],
    ['250100', false],
    ['250431', false],
    ['2501AB', false],
  ] as const) {
    it(`ISA09 ${date} is ${ok ? 'a real date' : 'BAD_ISA_DATE'}`, () => {
      const { r } = read({ interchanges: [{ isa: { date } }] });
      expect(codes(r)).toEqual(ok ? [] : ['BAD_ISA_DATE']);
      if (!ok) expect(r.findings[0]).toMatchObject({ offset: 0, segment: 0, ta1: '014', severity: 'error' });
    });
  }

  for (const [time, ok] of [
    ['0000', true],
    ['2359', true],
    ['1200', true],
    ['2400', false],
    ['1260', false],
    ['12AB', false],
  ] as const) {
    it(`ISA10 ${time} is ${ok ? 'a real time' : 'BAD_ISA_TIME'}`, () => {
      const { r } = read({ interchanges: [{ isa: { time } }] });
      expect(codes(r)).toEqual(ok ? [] : ['BAD_ISA_TIME']);
      if (!ok) expect(r.findings[0].ta1).toBe('015');
    });
  }

  it('ISA14 other than 0/1 is BAD_ISA_ACK_REQUESTED; ISA15 other than P/T/I is BAD_ISA_USAGE; a one-letter qualifier is BAD_ISA_QUALIFIER', () => {
    expect(codes(read({ interchanges: [{ isa: { ack: '2' } }] }).r)).toEqual(['BAD_ISA_ACK_REQUESTED']);
    expect(codes(read({ interchanges: [{ isa: { usage: 'X' } }] }).r)).toEqual(['BAD_ISA_USAGE']);
    expect(codes(read({ interchanges: [{ isa: { senderQualifier: 'Z' } }] }).r)).toEqual(['BAD_ISA_QUALIFIER']);
    expect(codes(read({ interchanges: [{ isa: { usage: 'P', ack: '1' } }] }).r)).toEqual([]);
  });

  it('a duplicate ISA13 in one file is DUPLICATE_ISA_CONTROL at the second ISA', () => {
    const { built, r } = read({ interchanges: [{}, {}] });
    expect(codes(r)).toEqual(['DUPLICATE_ISA_CONTROL']);
    const isa2 = at(built, 'ISA', 1);
    expect(r.findings[0]).toMatchObject({ offset: isa2.offset, segment: isa2.index, segmentId: 'ISA', interchange: '000000001', ta1: '025' });
  });

  it('a missing IEA before the next ISA is MISSING_IEA for the open interchange; the next one is read', () => {
    const { built, r } = read({ interchanges: [{ iea: null }, { isa: { control: '000000002' } }] });
    expect(codes(r)).toEqual(['MISSING_IEA']);
    expect(r.findings[0]).toMatchObject({ interchange: '000000001', ta1: '023' });
    expect(r.result.interchanges.map((i) => i.control)).toEqual(['000000001', '000000002']);
    expect(r.result.interchanges[1].groups[0].transactions).toHaveLength(1);
    expect(r.segments.length).toBe(built.segments.length);
  });

  it('a missing IEA with a group and set still open reports MISSING_SE, MISSING_GE and MISSING_IEA', () => {
    const { r } = read({ interchanges: [{ groups: [{ transactions: [{ se: null }], ge: null }], iea: null }, { isa: { control: '000000002' } }] });
    expect(codes(r)).toEqual(['MISSING_SE', 'MISSING_GE', 'MISSING_IEA']);
    expect(r.findings.map((f) => f.interchange)).toEqual(['000000001', '000000001', '000000001']);
    expect(r.findings[0].transaction).toBe('0001');
    expect(r.findings[1].group).toBe('1');
  });

  it('a file cut off after the GE is TRUNCATED', () => {
    const full = x12();
    const r = recordSync(Buffer.from(full.slice(0, full.indexOf('IEA'))));
    expect(codes(r)).toEqual(['TRUNCATED']);
    expect(r.findings[0]).toMatchObject({ interchange: '000000001', ta1: '023', severity: 'error' });
    expect(r.result.interchanges).toHaveLength(1);
  });

  it('a file cut off inside a transaction set reports the open set, group and interchange', () => {
    const full = x12();
    const cutAt = full.indexOf('HI*');
    const r = recordSync(Buffer.from(full.slice(0, cutAt)));
    expect(codes(r)).toEqual(['MISSING_SE', 'MISSING_GE', 'TRUNCATED']);
    expect(r.findings[0]).toMatchObject({ transaction: '0001', group: '1', interchange: '000000001' });
    expect(r.transactions).toEqual([{ set: '837', control: '0001', segments: 4, offset: 163 }]);
  });

  it('a file cut off inside a segment also notes the missing final terminator', () => {
    const full = x12();
    const cutAt = full.indexOf('HI*') + 6;
    const r = recordSync(Buffer.from(full.slice(0, cutAt)));
    expect(codes(r)).toEqual(['MISSING_FINAL_TERMINATOR', 'MISSING_SE', 'MISSING_GE', 'TRUNCATED']);
    expect(r.findings[0]).toMatchObject({ offset: full.indexOf('HI*'), segment: 6, severity: 'warning' });
    expect(r.segments[6]).toMatchObject({ tag: 'HI', elements: ['ABK'] });
  });

  it('a TA1 segment at interchange level is allowed', () => {
    const { built, r } = read({ interchanges: [{ before: ['TA1*000000777*250114*0900*A*000'], groups: [] }] });
    expect(built.text).toContain('IEA*0*000000001~');
    expect(codes(r)).toEqual([]);
    expect(r.segments.map((s) => s.tag)).toEqual(['ISA', 'TA1', 'IEA']);
    expect(r.segments[1]).toMatchObject({ offset: 106, index: 1, setPosition: 0, elements: ['000000777', '250114', '0900', 'A', '000'] });
  });

  it('a TA1 before the groups of an interchange with groups is allowed', () => {
    const { r } = read({ interchanges: [{ before: ['TA1*000000777*250114*0900*A*000'] }] });
    expect(codes(r)).toEqual([]);
  });

  it('a TA1 inside a functional group is outside the envelope', () => {
    const { r } = read({ interchanges: [{ groups: [{ after: ['TA1*000000777*250114*0900*A*000'] }] }] });
    expect(codes(r)).toEqual(['SEGMENT_OUTSIDE_ENVELOPE']);
  });

  it('a segment between GE and IEA, or after the IEA, is SEGMENT_OUTSIDE_ENVELOPE and is not handed on', () => {
    const built = buildFile({ interchanges: [{ before: ['REF*EA*1'] }] });
    const text = `${built.text}NM1*41*2*X~`;
    const r = recordSync(toBuffer(text));
    expect(codes(r)).toEqual(['SEGMENT_OUTSIDE_ENVELOPE', 'SEGMENT_OUTSIDE_ENVELOPE']);
    expect(r.findings[0]).toMatchObject({ segmentId: 'REF', segment: 1, offset: 106, interchange: '000000001', ta1: '024' });
    expect(r.findings[0].group).toBeUndefined();
    expect(r.findings[1]).toMatchObject({ segmentId: 'NM1', segment: built.segments.length, offset: built.text.length });
    expect(r.findings[1].interchange).toBeUndefined();
    expect(r.segments.map((s) => s.tag)).not.toContain('REF');
    expect(r.segments.filter((s) => s.tag === 'NM1')).toHaveLength(1);
    // Indices still count the skipped segments.
    expect(r.result.segments).toBe(built.segments.length + 1);
  });

  it('an empty segment (two terminators) is an EMPTY_SEGMENT warning and reading goes on', () => {
    const text = x12().replace('~NM1', '~~NM1');
    const r = recordSync(Buffer.from(text));
    expect(codes(r)).toEqual(['EMPTY_SEGMENT']);
    expect(r.findings[0]).toMatchObject({ offset: x12().indexOf('~NM1') + 1, severity: 'warning' });
    expect(r.segments.length).toBe(10);
  });

  it('several interchanges per file, each with several groups', () => {
    const { built, r } = read({
      lineEnding: '\n',
      interchanges: [
        { isa: { control: '000000010' }, groups: [{ control: '1' }, { control: '2', transactions: [{}, { control: '0002' }] }] },
        { isa: { control: '000000011', sender: 'OTHER' }, groups: [{ control: '1' }] },
        { isa: { control: '000000012' }, before: ['TA1*000000005*250101*0101*R*001'], groups: [] },
      ],
    });
    expect(codes(r)).toEqual([]);
    expect(r.result.interchanges.map((i) => [i.control, i.sender, i.groups.length, i.offset])).toEqual([
      ['000000010', 'SENDERID', 2, 0],
      ['000000011', 'OTHER', 1, at(built, 'ISA', 1).offset],
      ['000000012', 'SENDERID', 0, at(built, 'ISA', 2).offset],
    ]);
    expect(r.transactions).toHaveLength(4);
    expect(r.result.segments).toBe(built.segments.length);
  });

  it('the interchange summary holds the ISA header fields', () => {
    const { r } = read({ interchanges: [{ isa: { senderQualifier: '30', sender: '123456789', receiverQualifier: 'ZZ', receiver: 'PAYER', usage: 'P', ack: '1', date: '240229', time: '2359' } }] });
    expect(r.result.interchanges[0]).toMatchObject({
      senderQualifier: '30',
      sender: '123456789',
      receiverQualifier: 'ZZ',
      receiver: 'PAYER',
      control: '000000001',
      date: '240229',
      time: '2359',
      version: '00501',
      usage: 'P',
      ackRequested: '1',
      offset: 0,
    });
  });
});

describe('envelope context handed to the handler', () => {
  it('each segment sees its open interchange, group and transaction', () => {
    const seen: string[] = [];
    readX12Sync(toBuffer(x12({ interchanges: [{ groups: [{ control: '9' }] }] })), {
      segment(v, ctx) {
        seen.push(`${v.tag}:${ctx.interchange?.control ?? '-'}/${ctx.group?.control ?? '-'}/${ctx.transaction?.control ?? '-'}`);
      },
    });
    expect(seen).toEqual([
      'ISA:000000001/-/-',
      'GS:000000001/9/-',
      'ST:000000001/9/0001',
      'BHT:000000001/9/0001',
      'NM1:000000001/9/0001',
      'PER:000000001/9/0001',
      'HI:000000001/9/0001',
      'SE:000000001/9/0001',
      'GE:000000001/9/-',
      'IEA:000000001/-/-',
    ]);
  });

  it('the summary can be turned off', () => {
    const r = readX12Sync(toBuffer(x12()), {}, { summary: false });
    expect(r.interchanges).toEqual([]);
    expect(r.segments).toBe(10);
  });
});
