/**
 * The loop-tree state machine on a small guide made with the dsl: entering, repeating and closing loops,
 * HL levels nested by HL03, same-id siblings told apart by their codes, and each IK3 finding it reports.
 * Then every shipped guide: it compiles and passes the shared ambiguity audit.
 */
import { describe, expect, it } from 'vitest';
import { compileGuide, loopPath } from '../../src/grammar/compile.js';
import { INF, N, R, S, el, guide, loop, nu, seg } from '../../src/grammar/dsl.js';
import { GUIDES } from '../../src/grammar/guides/index.js';
import { LoopTreeBuilder, SegmentError, type StructureFinding } from '../../src/grammar/loop-tree.js';
import type { GuideDef, LoopDef, SegmentDef } from '../../src/grammar/types.js';
import { readX12Sync } from '../../src/x12/reader.js';
import { buildFile } from '../x12/fixtures.js';
import { ambiguities } from './guides/audit.js';

function hl(name: string, level: string): SegmentDef {
  return seg('HL', name, R, 1, [
    el('628', 'Hierarchical ID Number', R, 'AN', 1, 12),
    el('734', 'Hierarchical Parent ID Number', S, 'AN', 1, 12),
    el('735', 'Hierarchical Level Code', R, 'ID', 1, 2, [level]),
    el('736', 'Hierarchical Child Code', S, 'ID', 1, 1, ['0', '1']),
  ], { qualifier: { element: 3 } });
}

function nm1(name: string, codes: readonly string[], explicit = false): SegmentDef {
  return seg('NM1', name, R, 1, [
    el('98', 'Entity Identifier Code', R, 'ID', 2, 3, codes),
    el('1065', 'Entity Type Qualifier', R, 'ID', 1, 1, ['1', '2']),
    el('1035', 'Name', R, 'AN', 1, 60),
  ], explicit ? { qualifier: { element: 1 } } : {});
}

function ref(name: string, code: string, max: number): SegmentDef {
  return seg('REF', name, S, max, [el('128', 'Reference Identification Qualifier', R, 'ID', 2, 3, [code]), el('127', 'Reference Identification', R, 'AN', 1, 50)]);
}

/**
 * ST, BHT, 2000A (HL 20: 2100A NM1*PR, 2000B (HL 22: SBR, 2100B NM1*IL with two REF uses and a not-used
 * DTP, 2100C NM1*PR, 2300 CLM (max 2) with 2400 LX/SV1 (required, max 3), 2000C (HL 23: NM1*QC))), SE.
 */
const L2400 = loop('2400', 'Service Line', R, 3, [
  seg('LX', 'Service Line Number', R, 1, [el('554', 'Assigned Number', R, 'N0', 1, 6)]),
  seg('SV1', 'Service', R, 1, [el('234', 'Procedure', R, 'AN', 1, 48), el('782', 'Charge', R, 'R', 1, 18)]),
]);

const L2300 = loop('2300', 'Claim', S, 2, [
  seg('CLM', 'Claim Information', R, 1, [el('1028', 'Patient Control Number', R, 'AN', 1, 38), el('782', 'Total Charge', R, 'R', 1, 18)]),
  seg('DTP', 'Onset Date', S, 1, [el('374', 'Date Time Qualifier', R, 'ID', 3, 3, ['431']), el('1250', 'Format', R, 'ID', 2, 3, ['D8']), el('1251', 'Date', R, 'AN', 1, 35)]),
  L2400,
]);

const L2000C = loop('2000C', 'Patient Level', S, INF, [hl('Patient Level', '23'), nm1('Patient Name', ['QC'])]);

const L2000B = loop('2000B', 'Subscriber Level', R, INF, [
  hl('Subscriber Level', '22'),
  seg('SBR', 'Subscriber Information', R, 1, [el('1138', 'Payer Responsibility', R, 'ID', 1, 1, ['P', 'S'])]),
  loop('2100B', 'Subscriber Name', R, 1, [
    nm1('Subscriber Name', ['IL']),
    ref('Group Number', '6P', 2),
    ref('Social Security Number', 'SY', 1),
    seg('DTP', 'Retired Date', N, 1, [el('374', 'Date Time Qualifier', R, 'ID', 3, 3, ['102']), el('1250', 'Format', R, 'ID', 2, 3, ['D8']), el('1251', 'Date', R, 'AN', 1, 35)]),
  ]),
  loop('2100C', 'Subscriber Payer', S, 1, [
    nm1('Payer Name', ['PR']),
    seg('N3', 'Payer Address', S, 1, [el('166', 'Address', R, 'AN', 1, 55)]),
  ]),
  L2300,
  L2000C,
]);

const TEST_GUIDE: GuideDef = guide({
  id: 'TEST0001',
  set: '837',
  functionalId: 'HC',
  name: 'Loop tree test guide',
  root: loop('ST', 'Test Set', R, 1, [
    seg('ST', 'Transaction Set Header', R, 1, [el('143', 'Transaction Set Identifier Code', R, 'ID', 3, 3, ['837']), el('329', 'Control Number', R, 'AN', 4, 9), el('1705', 'Guide', R, 'AN', 1, 35)]),
    seg('BHT', 'Beginning of Hierarchical Transaction', R, 1, [el('1005', 'Hierarchical Structure Code', R, 'ID', 4, 4, ['0019'])]),
    loop('2000A', 'Source Level', R, INF, [
      hl('Source Level', '20'),
      loop('2100A', 'Source Name', R, 1, [
        nm1('Source Name', ['PR'], true),
        seg('PER', 'Source Contact', S, 1, [el('366', 'Contact Function Code', R, 'ID', 2, 2, ['IC']), el('93', 'Name', S, 'AN', 1, 60)]),
      ]),
      L2000B,
    ]),
    seg('SE', 'Transaction Set Trailer', R, 1, [el('96', 'Number of Included Segments', R, 'N0', 1, 10), el('329', 'Control Number', R, 'AN', 4, 9)]),
  ]),
});

interface Run {
  /** "code segment@position loop". */
  findings: string[];
  /** The messages, in the same order. */
  messages: string[];
  /** "loop:segment:name" of each placed segment, "-" for one not placed. */
  uses: string[];
  /** "+loop" when a loop is entered (again), "-loop" when it closes. */
  events: string[];
}

/** Runs the body (between ST and SE) of one transaction set through the loop tree. */
function run(body: readonly string[], g: GuideDef = TEST_GUIDE): Run {
  const r: Run = { findings: [], messages: [], uses: [], events: [] };
  const file = buildFile({ interchanges: [{ groups: [{ transactions: [{ set: '837', guide: 'TEST0001', body: [...body] }] }] }] });
  let b: LoopTreeBuilder | null = null;
  readX12Sync(file.buf, {
    segment(s) {
      if (s.setPosition === 0) return;
      if (s.tag === 'ST') {
        b = new LoopTreeBuilder(
          compileGuide(g),
          { enterLoop: (l) => r.events.push(`+${l.def.id}`), exitLoop: (l) => r.events.push(`-${l.def.id}`) },
          (f: StructureFinding) => {
            r.findings.push(`${f.code} ${f.segmentId}@${f.position} ${f.loop}`);
            r.messages.push(f.message);
          },
        );
      }
      const use = b!.push(s);
      r.uses.push(use === null ? `-:${s.tag}` : `${use.loop.def.id}:${use.def.id}:${use.def.name}`);
      if (s.tag === 'SE') b!.end();
    },
  });
  return r;
}

/** A clean body: two information sources; the first with two subscribers, the first of them with a claim of two lines and a patient. */
const CLEAN = [
  'BHT*0019', // 2
  'HL*1**20*1', // 3
  'NM1*PR*2*PAYER', // 4
  'PER*IC*DESK', // 5
  'HL*2*1*22*1', // 6
  'SBR*P', // 7
  'NM1*IL*1*DOE', // 8
  'REF*6P*GROUP1', // 9
  'REF*SY*123456789', // 10
  'NM1*PR*2*OTHER PAYER', // 11
  'N3*1 MAIN ST', // 12
  'CLM*A1*150', // 13
  'DTP*431*D8*20240101', // 14
  'LX*1', // 15
  'SV1*99213*100', // 16
  'LX*2', // 17
  'SV1*99214*50', // 18
  'HL*3*2*23*0', // 19
  'NM1*QC*1*DOE', // 20
  'HL*4*1*22*0', // 21
  'SBR*S', // 22
  'NM1*IL*1*ROE', // 23
  'HL*5**20*1', // 24
  'NM1*PR*2*PAYER TWO', // 25
  'HL*6*5*22*0', // 26
  'SBR*P', // 27
  'NM1*IL*1*POE', // 28
];

/** CLEAN with segment `at` (1-based position in the set, ST = 1) replaced by `segs` (none: deleted). */
function edit(at: number, ...segs: string[]): string[] {
  const body = [...CLEAN];
  body.splice(at - 2, 1, ...segs);
  return body;
}

/** CLEAN with REF*6P (9) and REF*SY (10) swapped. */
function swapped910(): string[] {
  const body = [...CLEAN];
  [body[7], body[8]] = [body[8], body[7]];
  expect(body.slice(7, 9)).toEqual(['REF*SY*123456789', 'REF*6P*GROUP1']);
  return body;
}

/** CLEAN with `segs` inserted after position `after`. */
function insert(after: number, ...segs: string[]): string[] {
  const body = [...CLEAN];
  body.splice(after - 1, 0, ...segs);
  return body;
}

describe('the test guide', () => {
  it('compiles, with qualifiers only where siblings share an id (or where the guide says so)', () => {
    const c = compileGuide(TEST_GUIDE);
    expect(compileGuide(TEST_GUIDE)).toBe(c); // cached
    const a = c.root.children[2];
    expect(a.kind === 'loop' && a.def.id).toBe('2000A');
    if (a.kind !== 'loop') return;
    // HL03 is the explicit qualifier of every HL.
    expect(a.trigger.qualElement).toBe(3);
    expect([...(a.trigger.qualValues ?? [])]).toEqual(['20']);
    const b = a.children[2];
    if (b.kind !== 'loop') throw new Error('2000B');
    // 2100B NM1*IL and 2100C NM1*PR share NM1 in 2000B: NM101 tells them apart.
    const [b2100, c2100] = [b.children[2], b.children[3]];
    if (b2100.kind !== 'loop' || c2100.kind !== 'loop') throw new Error('2100B/C');
    expect([b2100.trigger.qualElement, [...(b2100.trigger.qualValues ?? [])]]).toEqual([1, ['IL']]);
    expect([c2100.trigger.qualElement, [...(c2100.trigger.qualValues ?? [])]]).toEqual([1, ['PR']]);
    // The 2000C NM1 is alone in its loop: no qualifier.
    const patient = b.children[5];
    if (patient.kind !== 'loop') throw new Error('2000C');
    expect(patient.children[1].kind === 'segment' && patient.children[1].qualValues).toBeNull();
    expect(c.segmentIds).toEqual(new Set(['ST', 'BHT', 'HL', 'NM1', 'PER', 'SBR', 'REF', 'DTP', 'N3', 'CLM', 'LX', 'SV1', 'SE']));
    expect(loopPath(patient)).toBe('2000A > 2000B > 2000C');
    expect(ambiguities(TEST_GUIDE)).toEqual([]);
  });
});

describe('LoopTreeBuilder', () => {
  it('enters, repeats and closes loops, nesting the HL levels by HL03', () => {
    const r = run(CLEAN);
    expect(r.findings).toEqual([]);
    expect(r.events).toEqual([
      '+ST', '+2000A', '+2100A', '-2100A', '+2000B', '+2100B', '-2100B', '+2100C', '-2100C', '+2300', '+2400', '-2400', '+2400',
      '-2400', '-2300', '+2000C', '-2000C', '-2000B', '+2000B', '+2100B', '-2100B', '-2000B', '-2000A', '+2000A', '+2100A',
      '-2100A', '+2000B', '+2100B', '-2100B', '-2000B', '-2000A', '-ST',
    ]);
    expect(r.uses).toEqual([
      'ST:ST:Transaction Set Header',
      'ST:BHT:Beginning of Hierarchical Transaction',
      '2000A:HL:Source Level',
      '2100A:NM1:Source Name',
      '2100A:PER:Source Contact',
      '2000B:HL:Subscriber Level',
      '2000B:SBR:Subscriber Information',
      '2100B:NM1:Subscriber Name',
      '2100B:REF:Group Number',
      '2100B:REF:Social Security Number',
      '2100C:NM1:Payer Name',
      '2100C:N3:Payer Address',
      '2300:CLM:Claim Information',
      '2300:DTP:Onset Date',
      '2400:LX:Service Line Number',
      '2400:SV1:Service',
      '2400:LX:Service Line Number',
      '2400:SV1:Service',
      '2000C:HL:Patient Level',
      '2000C:NM1:Patient Name',
      '2000B:HL:Subscriber Level',
      '2000B:SBR:Subscriber Information',
      '2100B:NM1:Subscriber Name',
      '2000A:HL:Source Level',
      '2100A:NM1:Source Name',
      '2000B:HL:Subscriber Level',
      '2000B:SBR:Subscriber Information',
      '2100B:NM1:Subscriber Name',
      'ST:SE:Transaction Set Trailer',
    ]);
  });

  it('reports the current loop as segments are placed', () => {
    const g = compileGuide(TEST_GUIDE);
    const seen: string[] = [];
    const b = new LoopTreeBuilder(g, {}, () => undefined);
    expect(b.currentLoop).toBeNull();
    readX12Sync(buildFile({ interchanges: [{ groups: [{ transactions: [{ body: CLEAN.slice(0, 4) }] }] }] }).buf, {
      segment(s) {
        if (s.setPosition === 0 || s.tag === 'SE') return;
        b.push(s);
        seen.push(b.currentLoop!.def.id);
      },
    });
    expect(seen).toEqual(['ST', 'ST', '2000A', '2100A', '2100A']);
  });

  it('tells same-id siblings apart by their codes: NM1*IL and NM1*PR, REF*6P and REF*SY', () => {
    const r = run(edit(11, 'NM1*PR*2*OTHER PAYER'));
    expect(r.uses[10]).toBe('2100C:NM1:Payer Name');
    const swapped = run(edit(8, 'NM1*PR*2*OTHER PAYER'));
    // NM1*PR right after SBR is the 2100C payer: the required 2100B subscriber loop is then missing.
    expect(swapped.uses[7]).toBe('2100C:NM1:Payer Name');
    expect(swapped.findings[0]).toBe('3 NM1@8 2100B');
    // REF*SY then REF*6P: the SY use is found by its code; the 6P use is behind it (out of order, not placed).
    expect(run(swapped910()).uses.slice(8, 10)).toEqual(['2100B:REF:Social Security Number', '-:REF']);
  });

  it('places a wrong qualifier code loosely, at the next same-id use not yet filled, without a structure finding', () => {
    // NM1*XX is neither IL nor PR; it takes the 2100B use (the element check then reports NM101's code).
    const r = run(edit(8, 'NM1*XX*1*DOE'));
    expect(r.findings).toEqual([]);
    expect(r.uses[7]).toBe('2100B:NM1:Subscriber Name');
  });

  it('reports a required segment missing where the next segment is read', () => {
    const r = run(edit(7));
    expect(r.findings).toEqual(['3 SBR@7 2000B']);
    expect(r.messages).toEqual(['The required segment SBR (Subscriber Information) is missing from loop 2000B (Subscriber Level).']);
  });

  it('reports a required loop missing by its loop id and first segment', () => {
    const r = run([...CLEAN.slice(0, 6), ...CLEAN.slice(9)]);
    expect(r.findings).toEqual(['3 NM1@8 2100B']);
    expect(r.messages[0]).toBe('The required loop 2100B (Subscriber Name), which starts with NM1 is missing from loop 2000B (Subscriber Level).');
  });

  it('reports a required loop missing when its parent closes, and when the set ends', () => {
    const noLines = run([...CLEAN.slice(0, 13), ...CLEAN.slice(17)]);
    expect(noLines.findings).toEqual(['3 LX@15 2400']);
    expect(noLines.messages[0]).toContain('loop 2400 (Service Line), which starts with LX is missing from loop 2300 (Claim)');
    const endsInClaim = run(CLEAN.slice(0, 13));
    // The set ends (SE at 15) with the claim open and no line.
    expect(endsInClaim.findings).toEqual(['3 LX@15 2400']);
    // The root's own required segments: no 2000A at all.
    expect(run(['BHT*0019']).findings).toEqual(['3 HL@3 2000A']);
    expect(run([]).findings).toEqual(['3 BHT@2 ST', '3 HL@2 2000A']);
  });

  it('reports a segment over its maximum use (5)', () => {
    expect(run(insert(10, 'REF*SY*987654321')).findings).toEqual(['5 REF@11 2100B']);
    const third = run(insert(9, 'REF*6P*GROUP2', 'REF*6P*GROUP3'));
    expect(third.findings).toEqual(['5 REF@11 2100B']);
    expect(third.messages[0]).toBe('Segment REF (Group Number) occurs 3 times in loop 2100B; the guide allows at most 2.');
  });

  it('reports a loop over its maximum (4)', () => {
    const claims = run(insert(18, 'CLM*A2*10', 'LX*1', 'SV1*99211*10', 'CLM*A3*10', 'LX*1', 'SV1*99211*10'));
    expect(claims.findings).toEqual(['4 CLM@22 2300']);
    expect(claims.messages[0]).toBe('Loop 2300 (Claim) occurs 3 times; the guide allows at most 2.');
    const lines = run(insert(18, 'LX*3', 'SV1*1*1', 'LX*4', 'SV1*1*1'));
    expect(lines.findings).toEqual(['4 LX@21 2400']);
  });

  it('reports a segment out of order (7)', () => {
    // DTP*431 belongs before the 2400 lines of its claim.
    const r = run(insert(18, 'DTP*431*D8*20240102'));
    expect(r.findings).toEqual(['7 DTP@19 2400']);
    expect(r.messages[0]).toBe('Segment DTP is out of order in loop 2400 (Service Line): the guide places it before segments already read.');
    expect(run(swapped910()).findings).toEqual(['7 REF@10 2100B']);
    // A repeated BHT after the hierarchy has begun is out of order too.
    expect(run(insert(5, 'BHT*0019')).findings).toEqual(['7 BHT@6 2100A']);
  });

  it('reports a segment of the set that is not expected at this point (2)', () => {
    // N3 exists only in 2100C; in 2100B it cannot be placed and was never passed.
    const r = run(insert(8, 'N3*1 MAIN ST'));
    expect(r.findings).toEqual(['2 N3@9 2100B']);
    expect(r.messages[0]).toBe('Segment N3 is not expected in loop 2100B (Subscriber Name) at this point.');
    // And a segment in the header before the hierarchy.
    expect(run(['BHT*0019', 'SBR*P', ...CLEAN.slice(1)]).findings).toEqual(['2 SBR@3 ST']);
  });

  it('reports a segment not in the set (6) and an unrecognized segment id (1)', () => {
    const r = run(insert(12, 'CAS*CO*45*10'));
    expect(r.findings).toEqual(['6 CAS@13 2100C']);
    expect(r.messages[0]).toBe('Segment CAS is not part of the 837 transaction set as TEST0001 defines it.');
    const odd = run(insert(12, 'ZZZZ*1'));
    expect(odd.findings).toEqual(['1 ZZZZ@13 2100C']);
    // Unplaced segments leave the loop where it was: the next segment still fits.
    expect(r.uses[13]).toBe('2300:CLM:Claim Information');
  });

  it('reports a segment the guide marks not used (I4) and still places it', () => {
    const r = run(insert(10, 'DTP*102*D8*20200101'));
    expect(r.findings).toEqual(['I4 DTP@11 2100B']);
    expect(r.messages[0]).toBe('Segment DTP (Retired Date) is not used in this guide but is present.');
    expect(r.uses[10]).toBe('2100B:DTP:Retired Date');
  });

  it('uses the SegmentError codes of the 999 IK3-04', () => {
    expect(SegmentError).toEqual({ UNRECOGNIZED: '1', UNEXPECTED: '2', REQUIRED_MISSING: '3', LOOP_OVER_MAX: '4', SEGMENT_OVER_MAX: '5', NOT_IN_SET: '6', OUT_OF_SEQUENCE: '7', HAS_ELEMENT_ERRORS: '8', NOT_USED_PRESENT: 'I4' });
  });
});

describe('the shipped guides', () => {
  it('are all registered, one per set and guide (two for the 278)', () => {
    expect(GUIDES.map((g) => `${g.set} ${g.id}`).sort()).toEqual([
      '270 005010X279A1', '271 005010X279A1', '277 005010X214', '278 005010X217', '278 005010X217', '835 005010X221A1', '837 005010X222A1', '999 005010X231A1',
    ]);
  });

  for (const g of GUIDES) {
    describe(`${g.set} ${g.id} ${g.name}`, () => {
      it('compiles: ST first, SE last, every loop started by a segment', () => {
        const c = compileGuide(g);
        expect(c.def).toBe(g);
        expect(c.root.trigger.def.id).toBe('ST');
        const last = c.root.children[c.root.children.length - 1];
        expect(last.kind === 'segment' && last.def.id).toBe('SE');
        const visit = (l: typeof c.root): void => {
          expect(l.trigger).toBe(l.children[0]);
          expect(l.trigger.kind).toBe('segment');
          l.children.forEach((ch, i) => {
            expect(ch.index).toBe(i);
            if (ch.kind === 'loop') {
              expect(ch.parent).toBe(l);
              visit(ch);
            } else expect(ch.loop).toBe(l);
          });
        };
        visit(c.root);
        expect(c.segmentIds.has('ST') && c.segmentIds.has('SE')).toBe(true);
      });

      it('passes the ambiguity audit', () => {
        expect(ambiguities(g)).toEqual([]);
      });
    });
  }

  it('the audit catches siblings that share a code, lack codes, or qualify at different positions', () => {
    const a = ref('Group Number', '6P', 1);
    const b = ref('Other Group Number', '6P', 1);
    const c = seg('REF', 'Free Text', S, 1, [el('127', 'Text', R, 'AN', 1, 50)]);
    const d = seg('REF', 'By Second Element', S, 1, [el('127', 'Text', R, 'AN', 1, 50), el('128', 'Qualifier', R, 'ID', 2, 3, ['ZZ'])]);
    const bad: LoopDef = loop('X', 'Audit test', R, 1, [seg('LX', 'Start', R, 1, [el('554', 'Assigned Number', R, 'N0', 1, 6)]), a, b, c, d]);
    expect(ambiguities(bad)).toEqual([
      "X: REF 'Free Text' shares REF with a sibling but has no distinguishing codes",
      "X: REF 'Group Number' and REF 'Other Group Number' share 6P",
      "X: REF 'Group Number' and REF 'By Second Element' qualify at different positions",
      "X: REF 'Other Group Number' and REF 'By Second Element' qualify at different positions",
    ]);
    // A not-used first element does not qualify: the state machine reads the first used one.
    const e = seg('REF', 'Second', S, 1, [nu('128', 'Qualifier', 'ID', 2, 3), el('127', 'Code', R, 'ID', 1, 2, ['AA'])]);
    const f = seg('REF', 'Third', S, 1, [el('128', 'Qualifier', R, 'ID', 2, 3, ['AA'])]);
    expect(ambiguities(loop('Y', 'Y', R, 1, [seg('LX', 'Start', R, 1, []), e, f]))).toEqual(["Y: REF 'Second' and REF 'Third' qualify at different positions"]);
  });
});
