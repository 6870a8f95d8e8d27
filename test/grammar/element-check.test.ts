/**
 * SNIP 1/2 element checks (element-check.ts) on small segment definitions made with the dsl: every IK4-03
 * code, composites and repetitions, the five X12 syntax rules, dates (leap years), times, and the numeric
 * types N0/N2/R.
 */
import { describe, expect, it } from 'vitest';
import { N, R, S, comp, el, nu, seg } from '../../src/grammar/dsl.js';
import { ElementError, type ElementFinding, checkSegmentElements, isDate, isTime } from '../../src/grammar/element-check.js';
import type { SegmentDef } from '../../src/grammar/types.js';
import { readX12Sync } from '../../src/x12/reader.js';
import { type Delims, buildFile } from '../x12/fixtures.js';

/** Runs the check on one segment (written with * : ^, translated to `delims`); returns every finding. */
function check(def: SegmentDef, text: string, delims: Partial<Delims> = {}): ElementFinding[] {
  const out: ElementFinding[] = [];
  const file = buildFile({ delims, interchanges: [{ groups: [{ transactions: [{ body: [text] }] }] }] });
  let seen = false;
  readX12Sync(file.buf, {
    segment(s) {
      if (s.setPosition !== 2) return;
      seen = true;
      checkSegmentElements(def, s, (f) => out.push(f));
    },
  });
  expect(seen, text).toBe(true);
  return out;
}

/** "code element.component.repetition" of each finding, in report order. */
function codes(def: SegmentDef, text: string, delims: Partial<Delims> = {}): string[] {
  return check(def, text, delims).map((f) => `${f.code} ${f.element}.${f.component}.${f.repetition}`);
}

const one = (type: Parameters<typeof el>[3], min: number, max: number, codesList?: readonly string[]) => seg('TST', 'Test', R, 1, [el('9001', 'Value', R, type, min, max, codesList)]);

describe('IK4 codes on simple elements', () => {
  const def = seg('TST', 'Test', R, 1, [
    el('1001', 'Code', R, 'ID', 2, 2, ['AA', 'BB']),
    el('1002', 'Text', S, 'AN', 2, 5),
    nu('1003', 'Retired', 'AN', 1, 10),
    el('1004', 'Count', S, 'N0', 1, 3),
  ]);

  it('accepts a good segment, with trailing elements left out', () => {
    expect(codes(def, 'TST*AA*HELLO**123')).toEqual([]);
    expect(codes(def, 'TST*BB')).toEqual([]);
    expect(codes(def, 'TST*AA*HI')).toEqual([]);
  });

  it('1: a required element is empty', () => {
    const f = check(def, 'TST**HI');
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ code: ElementError.REQUIRED_MISSING, element: 1, component: 0, repetition: 0, ref: '1001' });
    expect(f[0].badValue).toBeUndefined();
    expect(f[0].message).toBe('TST01 (Code) is required but empty.');
  });

  it('3: more elements than the guide defines (an empty trailing one is no finding)', () => {
    expect(codes(def, 'TST*AA*HI**1*X')).toEqual(['3 5.0.0']);
    expect(codes(def, 'TST*AA*HI**1*X*Y')).toEqual(['3 5.0.0']); // reported once
    expect(codes(def, 'TST*AA*HI**1**')).toEqual([]);
    expect(codes(def, 'TST*AA*HI**1**Z')).toEqual(['3 6.0.0']);
  });

  it('4 and 5: too short and too long, with the lengths in the message and no value', () => {
    const short = check(def, 'TST*AA*H');
    expect(short.map((f) => f.code)).toEqual([ElementError.TOO_SHORT]);
    expect(short[0].message).toBe('TST02 (Text) is 1 character long; it must be at least 2.');
    const long = check(def, 'TST*AA*SECRET');
    expect(long.map((f) => f.code)).toEqual([ElementError.TOO_LONG]);
    expect(long[0].message).toBe('TST02 (Text) is 6 characters long; it can be at most 5.');
    expect(long[0].message).not.toContain('SECRET');
    expect(long[0].badValue).toBe('SECRET');
    expect(codes(def, 'TST*A')).toEqual(['4 1.0.0']);
    expect(codes(def, 'TST*AAA')).toEqual(['5 1.0.0']);
  });

  it('6: a control character, or a non-digit in a number', () => {
    expect(codes(def, 'TST*AA*H\u0001I')).toEqual(['6 2.0.0']);
    expect(codes(def, 'TST*AA*H\u007fI')).toEqual(['6 2.0.0']);
    expect(codes(def, 'TST*AA*HI**1A')).toEqual(['6 4.0.0']);
    expect(codes(def, 'TST*AA*HI**-')).toEqual(['6 4.0.0']);
    // Latin-1 letters and other printable characters are allowed in AN.
    expect(codes(def, 'TST*AA*\u00c9T\u00c9')).toEqual([]);
  });

  it('7: a code the guide does not allow, listing the allowed codes when there are few', () => {
    const f = check(def, 'TST*CC');
    expect(f.map((x) => x.code)).toEqual([ElementError.INVALID_CODE]);
    expect(f[0].badValue).toBe('CC');
    expect(f[0].message).toBe('TST01 (Code) has code "CC", which this guide does not allow here (allowed here: AA, BB).');
    const many = one('ID', 1, 2, Array.from({ length: 20 }, (_, i) => String(i + 1)));
    expect(check(many, 'TST*99')[0].message).toBe('TST01 (Value) has code "99", which this guide does not allow here.');
    // Codes are exact: no trimming or case folding.
    expect(codes(def, 'TST*aa')).toEqual(['7 1.0.0']);
    // AN elements fixed to values (ST03, CTX01-1) are checked too.
    const fixed = one('AN', 1, 35, ['005010X222A1']);
    expect(codes(fixed, 'TST*005010X222A1')).toEqual([]);
    expect(codes(fixed, 'TST*005010X222')).toEqual(['7 1.0.0']);
  });

  it('I10: a value in an element the guide does not use', () => {
    const f = check(def, 'TST*AA*HI*OLD');
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ code: ElementError.NOT_USED_PRESENT, element: 3, ref: '1003', badValue: 'OLD' });
    expect(f[0].message).toBe('TST03 (Retired) is not used in this guide but has a value.');
  });

  it('checks length before the code, and reports one finding per element', () => {
    expect(codes(def, 'TST*ABC')).toEqual(['5 1.0.0']);
    expect(codes(def, 'TST*A\u0001')).toEqual(['6 1.0.0']);
  });

  it('uses the 999 IK4-03 code values', () => {
    expect(ElementError).toEqual({
      REQUIRED_MISSING: '1', CONDITIONAL_MISSING: '2', TOO_MANY_ELEMENTS: '3', TOO_SHORT: '4', TOO_LONG: '5', INVALID_CHARACTER: '6', INVALID_CODE: '7',
      INVALID_DATE: '8', INVALID_TIME: '9', EXCLUSION_VIOLATED: '10', TOO_MANY_REPETITIONS: '12', TOO_MANY_COMPONENTS: '13', NOT_USED_PRESENT: 'I10',
    });
  });
});

describe('numeric types', () => {
  it('N0: digits and an optional leading minus, which does not count toward the length', () => {
    const n0 = one('N0', 1, 3);
    for (const ok of ['0', '7', '123', '-123', '007']) expect(codes(n0, `TST*${ok}`), ok).toEqual([]);
    expect(codes(n0, 'TST*1234')).toEqual(['5 1.0.0']);
    expect(codes(n0, 'TST*-1234')).toEqual(['5 1.0.0']);
    for (const bad of ['1.5', '+1', '1-', '--1', '1 2', '1e3']) expect(codes(n0, `TST*${bad}`), bad).toEqual(['6 1.0.0']);
  });

  it('N2: an implied decimal, so a written point is an invalid character', () => {
    const n2 = one('N2', 1, 6);
    expect(codes(n2, 'TST*12550')).toEqual([]);
    expect(codes(n2, 'TST*-500')).toEqual([]);
    expect(codes(n2, 'TST*125.50')).toEqual(['6 1.0.0']);
    expect(codes(n2, 'TST*1234567')).toEqual(['5 1.0.0']);
  });

  it('R: digits with at most one point and a leading minus; only digits count toward the length', () => {
    const r = one('R', 1, 4);
    for (const ok of ['1', '12.5', '.5', '5.', '-12.50', '-.75', '1234', '12.34', '0.00']) expect(codes(r, `TST*${ok}`), ok).toEqual([]);
    expect(codes(r, 'TST*12345')).toEqual(['5 1.0.0']);
    expect(codes(r, 'TST*123.45')).toEqual(['5 1.0.0']);
    for (const bad of ['1.2.3', '.', '-', '-.', '1,5', '1e5', '$5', '20%', '+5', '5-']) expect(codes(r, `TST*${bad}`), bad).toEqual(['6 1.0.0']);
    const min2 = one('R', 2, 4);
    expect(codes(min2, 'TST*.5')).toEqual(['4 1.0.0']);
    expect(codes(min2, 'TST*-1.5')).toEqual([]);
  });
});

describe('dates', () => {
  const dt8 = one('DT', 8, 8);
  const dt6 = one('DT', 6, 6);
  const d = (s: string) => isDate(Buffer.from(s, 'latin1'), 0, s.length);

  it('knows leap years: every 4th, not every 100th, but every 400th', () => {
    expect(d('20240229')).toBe(true);
    expect(d('20230229')).toBe(false);
    expect(d('20000229')).toBe(true);
    expect(d('19000229')).toBe(false);
    expect(d('21000229')).toBe(false);
    expect(d('24000229')).toBe(true);
    expect(d('20240230')).toBe(false);
    expect(codes(dt8, 'TST*20240229')).toEqual([]);
    expect(codes(dt8, 'TST*20230229')).toEqual(['8 1.0.0']);
    expect(codes(dt8, 'TST*19000229')).toEqual(['8 1.0.0']);
  });

  it('knows the length of each month', () => {
    const ends = ['0131', '0331', '0430', '0531', '0630', '0731', '0831', '0930', '1031', '1130', '1231'];
    for (const md of ends) expect(d(`2023${md}`), md).toBe(true);
    for (const md of ['0132', '0431', '0631', '0931', '1131', '1232']) expect(d(`2023${md}`), md).toBe(false);
    for (const md of ['0001', '1301', '0100', '9901']) expect(d(`2023${md}`), md).toBe(false);
  });

  it('reads YYMMDD as 20YY, and rejects other lengths and non-digits', () => {
    expect(d('240229')).toBe(true);
    expect(d('230229')).toBe(false);
    expect(d('991231')).toBe(true);
    for (const bad of ['2024022', '202402290', '2024-02-2', '2024O229', '', '24022']) expect(d(bad), bad).toBe(false);
    expect(codes(dt6, 'TST*240229')).toEqual([]);
    expect(codes(dt6, 'TST*240230')).toEqual(['8 1.0.0']);
    // A real YYMMDD date where CCYYMMDD is wanted is too short, not an invalid date.
    expect(codes(dt8, 'TST*240229')).toEqual(['4 1.0.0']);
    expect(codes(dt8, 'TST*2024022')).toEqual(['8 1.0.0']);
    expect(check(dt8, 'TST*20241301')[0].message).toBe('TST01 (Value) is not a real date written as CCYYMMDD.');
    expect(check(dt6, 'TST*241301')[0].message).toBe('TST01 (Value) is not a real date written as YYMMDD.');
  });

  it('works on a slice of a larger buffer', () => {
    const buf = Buffer.from('xx20240229yy', 'latin1');
    expect(isDate(buf, 2, 10)).toBe(true);
    expect(isDate(buf, 1, 9)).toBe(false);
  });
});

describe('times', () => {
  const tm = one('TM', 4, 8);
  const t = (s: string) => isTime(Buffer.from(s, 'latin1'), 0, s.length);

  it('accepts HHMM, HHMMSS, HHMMSSd and HHMMSSdd within the day', () => {
    for (const ok of ['0000', '2359', '1200', '235959', '1200000', '12000099']) expect(t(ok), ok).toBe(true);
    for (const ok of ['0000', '235959', '12000099']) expect(codes(tm, `TST*${ok}`), ok).toEqual([]);
  });

  it('rejects 24:00, minute or second 60, other lengths and non-digits', () => {
    for (const bad of ['2400', '2360', '1260', '235960', '12345', '123', '123456789', '12:0', '12O0', '120000x', '1200001x']) expect(t(bad), bad).toBe(false);
    expect(codes(tm, 'TST*2400')).toEqual(['9 1.0.0']);
    expect(codes(tm, 'TST*0875')).toEqual(['9 1.0.0']);
    expect(check(tm, 'TST*2400')[0].message).toBe('TST01 (Value) is not a real time written as HHMM or HHMMSS.');
  });
});

describe('composites', () => {
  const def = seg('TST', 'Test', R, 1, [
    comp('C003', 'Procedure', R, [
      el('235', 'Qualifier', R, 'ID', 2, 2, ['HC', 'IV']),
      el('234', 'Code', R, 'AN', 1, 48),
      el('1339', 'Modifier', S, 'AN', 2, 2),
      nu('1339', 'Retired Modifier', 'AN', 2, 2),
    ]),
    comp('C022', 'Diagnosis', S, [el('1270', 'Type', R, 'ID', 1, 3, ['ABK']), el('1271', 'Code', R, 'AN', 1, 30), el('1250', 'Format', S, 'ID', 2, 3, ['D8']), el('1251', 'Date', S, 'AN', 1, 35)], { rules: ['P0304'] }),
    el('782', 'Amount', S, 'R', 1, 18),
  ]);

  it('accepts good composites, short or whole', () => {
    expect(codes(def, 'TST*HC:99213')).toEqual([]);
    expect(codes(def, 'TST*HC:99213:25*ABK:M5416:D8:20240101*10')).toEqual([]);
    expect(codes(def, 'TST*HC:99213**10')).toEqual([]);
  });

  it('reports a component by its element and component position and its own reference number', () => {
    const f = check(def, 'TST*XX:99213');
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ code: '7', element: 1, component: 1, repetition: 0, ref: '235', badValue: 'XX' });
    expect(f[0].message).toBe('TST01-1 (Qualifier) has code "XX", which this guide does not allow here (allowed here: HC, IV).');
    expect(codes(def, 'TST*HC:99213:L')).toEqual(['4 1.3.0']);
  });

  it('1: a required component empty, or a required composite absent', () => {
    const f = check(def, 'TST*HC');
    expect(f.map((x) => `${x.code} ${x.element}.${x.component} ${x.ref}`)).toEqual(['1 1.2 234']);
    expect(f[0].message).toBe('TST01-2 (Code) is required but empty.');
    expect(codes(def, 'TST*:99213')).toEqual(['1 1.1.0']);
    const absent = check(def, 'TST**ABK:M5416');
    expect(absent.map((x) => `${x.code} ${x.element}.${x.component} ${x.ref}`)).toEqual(['1 1.0 C003']);
    // A situational composite left out is fine; once present its required components are required.
    expect(codes(def, 'TST*HC:1*:M5416')).toEqual(['1 2.1.0']);
  });

  it('13: more components than defined, or a component separator in a simple element', () => {
    const f = check(def, 'TST*HC:99213:25::X');
    expect(f.map((x) => `${x.code} ${x.element}.${x.component}`)).toEqual(['13 1.5']);
    expect(f[0].badValue).toBe('X');
    expect(f[0].message).toBe('TST01 (Procedure) has 5 components; at most 4 are defined.');
    const simple = check(def, 'TST*HC:1**10:5');
    expect(simple.map((x) => `${x.code} ${x.element}.${x.component}`)).toEqual(['13 3.0']);
    expect(simple[0].message).toBe('TST03 (Amount) contains the component separator but is not a composite element.');
  });

  it('I10: a value in a component the guide does not use', () => {
    const f = check(def, 'TST*HC:99213:25:LT');
    expect(f.map((x) => `${x.code} ${x.element}.${x.component} ${x.badValue}`)).toEqual(['I10 1.4 LT']);
  });

  it('applies syntax rules between components', () => {
    const f = check(def, 'TST*HC:1*ABK:M5416:D8');
    expect(f.map((x) => `${x.code} ${x.element}.${x.component} ${x.ref}`)).toEqual(['2 2.4 1251']);
    expect(f[0].message).toBe('TST02-4 is required when TST02-3 is present: these elements go together.');
    expect(codes(def, 'TST*HC:1*ABK:M5416::20240101')).toEqual(['2 2.3.0']);
  });

  it('reads components with other delimiters', () => {
    expect(codes(def, 'TST*HC:99213:25*ABK:M5416', { element: '|', component: '>' })).toEqual([]);
    expect(codes(def, 'TST*XX:99213', { element: '|', component: '>' })).toEqual(['7 1.1.0']);
  });
});

describe('repetitions', () => {
  const def = seg('TST', 'Test', R, 1, [
    el('1365', 'Service Type', R, 'ID', 1, 2, ['1', '30', '33', 'AL'], 3),
    el('1068', 'Gender', S, 'ID', 1, 1, ['F', 'M']),
    comp('C022', 'Diagnosis', S, [el('1270', 'Type', R, 'ID', 1, 3, ['ABK', 'ABF']), el('1271', 'Code', R, 'AN', 1, 30)], { repeat: 2 }),
  ]);

  it('checks each repetition and names it in the finding', () => {
    expect(codes(def, 'TST*30^1^AL')).toEqual([]);
    expect(codes(def, 'TST*30^99^AL')).toEqual(['7 1.0.2']);
    // An empty repetition between two others is reported, at its repetition.
    expect(check(def, 'TST*30^^AL').map((f) => `${f.element}.${f.repetition}`)).toEqual(['1.2']);
    expect(codes(def, 'TST*30**ABK:M5416^ABF:XX')).toEqual([]);
    expect(codes(def, 'TST*30**ABK:M5416^ZZ:XX')).toEqual(['7 3.1.2']);
  });

  it('12: more repetitions than allowed, or any repetition of a non-repeating element', () => {
    const f = check(def, 'TST*30^1^33^AL');
    expect(f.map((x) => `${x.code} ${x.element}.${x.component}.${x.repetition}`)).toEqual(['12 1.0.4']);
    expect(f[0].message).toBe('TST01 (Service Type) repeats 4 times; at most 3 are allowed.');
    const g = check(def, 'TST*30*F^M');
    expect(g.map((x) => `${x.code} ${x.element}.${x.component}.${x.repetition}`)).toEqual(['12 2.0.2']);
    expect(g[0].message).toBe('TST02 (Gender) repeats 2 times; it does not repeat.');
    expect(codes(def, 'TST*30**ABK:1^ABF:2^ABF:3')).toEqual(['12 3.0.3']);
  });

  it('treats ^ as data when the interchange has no repetition separator (ISA11 U)', () => {
    const an = seg('TST', 'Test', R, 1, [el('352', 'Description', R, 'AN', 1, 20)]);
    expect(codes(an, 'TST*A^B', { repetition: '' })).toEqual([]);
    expect(codes(an, 'TST*A^B')).toEqual(['12 1.0.2']);
  });
});

describe('syntax rules', () => {
  // P0102 paired, R0304 at least one, E0506 at most one, C0708 if 07 then 08, L091011 if 09 then 10 or 11.
  const def = seg('TST', 'Test', R, 1, Array.from({ length: 11 }, (_, i) => el(String(100 + i + 1), `E${i + 1}`, S, 'AN', 1, 10)), { rules: ['P0102', 'R0304', 'E0506', 'C0708', 'L091011'] });
  const at = (elements: Record<number, string>) => {
    const vals = Array.from({ length: 11 }, (_, i) => elements[i + 1] ?? '');
    while (vals.length > 0 && vals[vals.length - 1] === '') vals.pop();
    return `TST*${vals.join('*')}`;
  };
  const base = { 3: 'R' };

  it('accepts a segment that meets every rule', () => {
    expect(codes(def, at(base))).toEqual([]);
    expect(codes(def, at({ ...base, 1: 'A', 2: 'B', 4: 'R', 5: 'E', 7: 'C', 8: 'D', 9: 'L', 11: 'M' }))).toEqual([]);
  });

  it('P: paired elements, all or none; the missing one is reported', () => {
    expect(codes(def, at({ ...base, 1: 'A' }))).toEqual(['2 2.0.0']);
    expect(codes(def, at({ ...base, 2: 'B' }))).toEqual(['2 1.0.0']);
    const f = check(def, at({ ...base, 1: 'A' }));
    expect(f[0].ref).toBe('102');
    expect(f[0].message).toBe('TST02 is required when TST01 is present: these elements go together.');
  });

  it('R: at least one of them, reported at the first', () => {
    const f = check(def, at({ 1: 'A', 2: 'B' }));
    expect(f.map((x) => `${x.code} ${x.element}`)).toEqual(['2 3']);
    expect(f[0].message).toBe('At least one of TST03, TST04 is required.');
    expect(codes(def, at({ 4: 'R' }))).toEqual([]);
  });

  it('E: at most one of them, reported at the second present (code 10)', () => {
    const f = check(def, at({ ...base, 5: 'E', 6: 'F' }));
    expect(f.map((x) => `${x.code} ${x.element} ${x.ref}`)).toEqual(['10 6 106']);
    expect(f[0].message).toBe('Only one of TST05, TST06 may be present.');
    expect(codes(def, at({ ...base, 6: 'F' }))).toEqual([]);
  });

  it('C: if the first is present, the others are', () => {
    const f = check(def, at({ ...base, 7: 'C' }));
    expect(f.map((x) => `${x.code} ${x.element}`)).toEqual(['2 8']);
    expect(f[0].message).toBe('TST08 is required when TST07 is present.');
    expect(codes(def, at({ ...base, 8: 'D' }))).toEqual([]);
  });

  it('L: if the first is present, at least one of the others is', () => {
    const f = check(def, at({ ...base, 9: 'L' }));
    expect(f.map((x) => `${x.code} ${x.element}`)).toEqual(['2 10']);
    expect(f[0].message).toBe('When TST09 is present, at least one of TST10, TST11 is required.');
    expect(codes(def, at({ ...base, 9: 'L', 10: 'X' }))).toEqual([]);
    expect(codes(def, at({ ...base, 10: 'X', 11: 'Y' }))).toEqual([]);
  });

  it('reports rule violations after the element findings, one per rule', () => {
    expect(codes(def, `${at({ 1: 'A', 5: 'E', 6: 'F', 7: 'C', 9: 'L' })}***Z`)).toEqual(['3 12.0.0', '2 2.0.0', '2 3.0.0', '10 6.0.0', '2 8.0.0', '2 10.0.0']);
  });

  it('rejects malformed rule notes in the dsl', () => {
    expect(() => seg('TST', 'x', R, 1, [], { rules: ['X0102'] })).toThrow('bad syntax rule X0102');
    expect(() => seg('TST', 'x', R, 1, [], { rules: ['P010'] })).toThrow('bad syntax rule');
    expect(() => seg('TST', 'x', R, 1, [], { rules: ['P01'] })).toThrow('bad syntax rule');
    expect(seg('TST', 'x', N, 1, [], { rules: ['L01020304'] }).rules).toEqual([{ kind: 'L', positions: [1, 2, 3, 4] }]);
  });
});
