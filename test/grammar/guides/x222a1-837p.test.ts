import { describe, expect, it } from 'vitest';
import { X222A1_837P } from '../../../src/grammar/guides/x222a1-837p.js';
import type { LoopDef, SegmentDef, SimpleElementDef } from '../../../src/grammar/types.js';
// Here `segments` means a loop's own segment uses, and `allSegments` every use below it.
import { ambiguities, loops as allLoops, segments as allSegments, segsOf as segments, simples } from './audit.js';

const root = X222A1_837P.root;

/** The loop at a path of loop ids from the root, e.g. ['2000A', '2000B', '2300']. */
function loopAt(path: readonly string[]): LoopDef {
  let cur = root;
  for (const id of path) {
    const next = cur.children.find((c): c is LoopDef => c.kind === 'loop' && c.id === id);
    if (!next) throw new Error(`no loop ${id} under ${cur.id} (path ${path.join('/')})`);
    cur = next;
  }
  return cur;
}

function segNamed(l: LoopDef, name: string): SegmentDef {
  const s = segments(l).find((x) => x.name === name);
  if (!s) throw new Error(`no segment '${name}' in ${l.id}`);
  return s;
}

function simpleElements(s: SegmentDef): SimpleElementDef[] {
  return s.elements.flatMap(simples);
}

describe('005010X222A1 837P guide', () => {
  it('identifies the set and guide', () => {
    expect(X222A1_837P.id).toBe('005010X222A1');
    expect(X222A1_837P.set).toBe('837');
    expect(X222A1_837P.functionalId).toBe('HC');
    expect(root.id).toBe('ST');
    const kids = root.children;
    expect(kids[0].kind === 'segment' && kids[0].id).toBe('ST');
    expect(kids[kids.length - 1].kind === 'segment' && (kids[kids.length - 1] as SegmentDef).id).toBe('SE');
    expect(kids.map((c) => c.id)).toEqual(['ST', 'BHT', '1000A', '1000B', '2000A', 'SE']);
    const stSeg = kids[0] as SegmentDef;
    expect((stSeg.elements[0] as SimpleElementDef).codes).toEqual(['837']);
    expect((stSeg.elements[2] as SimpleElementDef).codes).toEqual(['005010X222A1']);
  });

  it('has no envelope segments', () => {
    const ids = new Set([...allSegments(root)].map((s) => s.id));
    for (const env of ['ISA', 'IEA', 'GS', 'GE', 'TA1']) expect(ids.has(env)).toBe(false);
  });

  it('holds all 381 segment uses of the set (386 in pyx12 less ISA, GS, GE, TA1, IEA)', () => {
    expect([...allSegments(root)].length).toBe(381);
    expect([...allSegments(loopAt(['2000A', '2000B', '2300']))].length).toBe(167);
  });

  it('nests the loops as the TR3 does', () => {
    expect(loopAt(['2000A']).children.filter((c) => c.kind === 'loop').map((c) => c.id)).toEqual(['2010AA', '2010AB', '2010AC', '2000B']);
    expect(loopAt(['2000A', '2000B']).children.filter((c) => c.kind === 'loop').map((c) => c.id)).toEqual(['2010BA', '2010BB', '2300', '2000C']);
    expect(loopAt(['2000A', '2000B', '2000C']).children.filter((c) => c.kind === 'loop').map((c) => c.id)).toEqual(['2010CA', '2300']);
    for (const base of [['2000A', '2000B', '2300'], ['2000A', '2000B', '2000C', '2300']]) {
      expect(loopAt(base).children.filter((c) => c.kind === 'loop').map((c) => c.id)).toEqual(['2310A', '2310B', '2310C', '2310D', '2310E', '2310F', '2320', '2400']);
      expect(loopAt([...base, '2320']).children.filter((c) => c.kind === 'loop').map((c) => c.id)).toEqual(['2330A', '2330B', '2330C', '2330D', '2330E', '2330F', '2330G']);
      expect(loopAt([...base, '2400']).children.filter((c) => c.kind === 'loop').map((c) => c.id)).toEqual([
        '2410', '2420A', '2420B', '2420C', '2420D', '2420E', '2420F', '2420G', '2420H', '2430', '2440',
      ]);
    }
    // 2300 is situational under 2000B (patient is the subscriber) and required under 2000C.
    expect(loopAt(['2000A', '2000B', '2300']).usage).toBe('S');
    expect(loopAt(['2000A', '2000B', '2000C', '2300']).usage).toBe('R');
  });

  it('qualifies the HL loops by HL03', () => {
    const levels: [string[], string][] = [[['2000A'], '20'], [['2000A', '2000B'], '22'], [['2000A', '2000B', '2000C'], '23']];
    for (const [path, code] of levels) {
      const hl = loopAt(path).children[0] as SegmentDef;
      expect(hl.id).toBe('HL');
      expect(hl.qualifier).toEqual({ element: 3 });
      expect((hl.elements[2] as SimpleElementDef).codes).toEqual([code]);
    }
  });

  it('carries the key element codes', () => {
    const nm1 = loopAt(['2000A', '2010AA']).children[0] as SegmentDef;
    expect((nm1.elements[0] as SimpleElementDef).codes).toEqual(['85']);
    expect(nm1.rules.map((r) => r.kind + r.positions.map((p) => String(p).padStart(2, '0')).join(''))).toEqual(['P0809', 'C1110', 'C1203']);
    expect(((loopAt(['2000A', '2010AB']).children[0] as SegmentDef).elements[0] as SimpleElementDef).codes).toEqual(['87']);

    const clm = segments(loopAt(['2000A', '2000B', '2300']))[0];
    expect(clm.id).toBe('CLM');
    const clm05 = clm.elements[4];
    expect(clm05.kind).toBe('composite');
    if (clm05.kind === 'composite') {
      expect(clm05.ref).toBe('C023');
      expect(clm05.components[1].codes).toEqual(['B']);
    }
    expect(clm.elements[2].usage).toBe('N'); // CLM03 kept as a placeholder

    const sv1 = segNamed(loopAt(['2000A', '2000B', '2300', '2400']), 'Professional Service');
    const sv101 = sv1.elements[0];
    expect(sv101.kind === 'composite' && sv101.ref).toBe('C003');
    if (sv101.kind === 'composite') expect(sv101.components[0].codes).toEqual(['ER', 'HC', 'IV', 'WK']);
    expect((sv1.elements[2] as SimpleElementDef).codes).toEqual(['MJ', 'UN']);
    const sv107 = sv1.elements[6];
    expect(sv107.kind === 'composite' && sv107.ref).toBe('C004');

    const hi = segNamed(loopAt(['2000A', '2000B', '2300']), 'Health Care Diagnosis Code');
    expect(hi.usage).toBe('R');
    expect(hi.elements.length).toBe(12);
    expect(hi.qualifier).toEqual({ element: 1, component: 1 });
    const hi01 = hi.elements[0];
    if (hi01.kind === 'composite') expect(hi01.components[0].codes).toEqual(['ABK', 'BK']);

    const dtp472 = segNamed(loopAt(['2000A', '2000B', '2300', '2400']), 'Date - Service Date');
    expect(dtp472.usage).toBe('R');
    expect((dtp472.elements[0] as SimpleElementDef).codes).toEqual(['472']);
  });

  it('keeps the max uses and repeats of the TR3', () => {
    const b2300 = ['2000A', '2000B', '2300'];
    expect(loopAt(b2300).max).toBe(100);
    expect(loopAt([...b2300, '2400']).max).toBe(50);
    expect(loopAt([...b2300, '2320']).max).toBe(10);
    expect(loopAt([...b2300, '2310A']).max).toBe(2);
    expect(loopAt([...b2300, '2400', '2430']).max).toBe(15);
    expect(loopAt([...b2300, '2400', '2440']).max).toBe(Infinity);
    expect(loopAt(['2000A']).max).toBe(Infinity);
    expect(segNamed(loopAt(b2300), 'Claim Supplemental Information').max).toBe(10);
    expect(segNamed(loopAt(b2300), 'Condition Information').max).toBe(2);
    expect(segNamed(loopAt([...b2300, '2400', '2420A']), 'Rendering Provider Secondary Identification').max).toBe(20);
    expect(segNamed(loopAt([...b2300, '2400', '2440']), 'Supporting Documentation').max).toBe(99);
    expect(segNamed(loopAt(['2000A', '2010AA']), 'Billing Provider UPIN/License Information').max).toBe(2);
  });

  it('starts every loop with a segment', () => {
    for (const l of allLoops(root)) expect(l.children[0]?.kind, l.id).toBe('segment');
  });

  it('has no ambiguous sibling segment uses or loop triggers', () => {
    expect(ambiguities(root)).toEqual([]);
    // The two 2400 PWK uses share PWK01 CT, so PWK02 qualifies them.
    const pwks = segments(loopAt(['2000A', '2000B', '2300', '2400'])).filter((s) => s.id === 'PWK');
    expect(pwks.map((s) => s.qualifier)).toEqual([{ element: 2 }, { element: 2 }]);
  });

  it('the audit catches an ambiguity', () => {
    const a = segNamed(loopAt(['2000A', '2000B', '2300']), 'Referral Number');
    const b = segNamed(loopAt(['2000A', '2000B', '2300']), 'Prior Authorization');
    const bad: LoopDef = { kind: 'loop', id: 'X', name: 'x', usage: 'R', max: 1, children: [a, { ...b, elements: a.elements }] };
    expect(ambiguities(bad)).toEqual([`X: REF 'Referral Number' and REF 'Prior Authorization' share 9F`]);
  });

  it('has sane element definitions', () => {
    for (const s of allSegments(root)) {
      for (const e of s.elements) {
        expect(e.repeat, `${s.id} ${e.name}`).toBeGreaterThanOrEqual(1);
        if (e.kind === 'composite') expect(e.components.length, `${s.id} ${e.ref}`).toBeGreaterThan(0);
      }
      const last = s.elements[s.elements.length - 1];
      if (last) expect(last.usage, `${s.id} '${s.name}' ends with a not-used element`).not.toBe('N');
      for (const e of simpleElements(s)) {
        expect(e.min, `${s.id} ${e.ref}`).toBeLessThanOrEqual(e.max);
        expect(e.min).toBeGreaterThanOrEqual(1);
        for (const c of e.codes ?? []) {
          expect(c.length, `${s.id} ${e.ref} code ${c}`).toBeGreaterThanOrEqual(e.min);
          expect(c.length, `${s.id} ${e.ref} code ${c}`).toBeLessThanOrEqual(e.max);
        }
        // Codes sit on ID elements; the exceptions are ST03 (the guide id, AN) and the SV107 diagnosis
        // pointers (N0), which the TR3 limits to 1 through 12.
        if (e.codes && e.ref !== '1705' && e.ref !== '1328') expect(e.type, `${s.id} ${e.ref}`).toBe('ID');
      }
    }
  });

  it('leaves only external code lists without codes', () => {
    const external = new Set(['100', '1034', '116', '1325', '156', '1715', '26']);
    for (const s of allSegments(root)) {
      for (const e of simpleElements(s)) {
        if (e.type === 'ID' && e.usage !== 'N' && !e.codes) expect(external.has(e.ref), `${s.id} '${s.name}' ${e.ref}`).toBe(true);
      }
    }
  });
});
