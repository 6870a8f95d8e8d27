import { describe, expect, it } from 'vitest';
import { X221A1_835 } from '../../../src/grammar/guides/x221a1-835.js';
import type { SegmentDef } from '../../../src/grammar/types.js';
import { ambiguities, childLoopIds, forGuide, loops, segments, segsOf, simples } from './audit.js';

const { findLoop } = forGuide(X221A1_835);

/** The codes that tell a segment use apart: the explicit qualifier, else the first element with codes. */
function qualifierCodes(s: SegmentDef): readonly string[] | undefined {
  if (s.qualifier) {
    const e = s.elements[s.qualifier.element - 1];
    if (!e) return undefined;
    if (e.kind === 'composite') return e.components[(s.qualifier.component ?? 1) - 1]?.codes;
    return e.codes;
  }
  const first = s.elements.find((e) => e.kind === 'simple' && e.codes && e.codes.length > 0);
  return first?.kind === 'simple' ? first.codes : undefined;
}

describe('005010X221A1 835 guide', () => {
  const g = X221A1_835;
  const root = g.root;

  it('identifies the guide', () => {
    expect(g.id).toBe('005010X221A1');
    expect(g.set).toBe('835');
    expect(g.functionalId).toBe('HP');
    expect(root.id).toBe('ST');
  });

  it('starts with ST and ends with SE, header segments in TR3 order', () => {
    const first = root.children[0] as SegmentDef;
    const last = root.children[root.children.length - 1] as SegmentDef;
    expect(first.id).toBe('ST');
    expect(first.elements[0].kind === 'simple' && first.elements[0].codes).toEqual(['835']);
    // X221A1 marks ST03 not used
    expect(first.elements[2].usage).toBe('N');
    expect(first.elements[2].ref).toBe('1705');
    expect(last.id).toBe('SE');
    const order = root.children.map((c) => (c.kind === 'segment' ? c.id : `loop:${c.id}`));
    expect(order).toEqual(['ST', 'BPR', 'TRN', 'CUR', 'REF', 'REF', 'DTM', 'loop:1000A', 'loop:1000B', 'loop:2000', 'PLB', 'SE']);
  });

  it('nests the loops as the TR3 does', () => {
    expect(childLoopIds(root)).toEqual(['1000A', '1000B', '2000']);
    expect(childLoopIds(findLoop('1000A'))).toEqual([]);
    expect(childLoopIds(findLoop('2000'))).toEqual(['2100']);
    expect(childLoopIds(findLoop('2100'))).toEqual(['2110']);
    expect(loops(root).map((l) => l.id).sort()).toEqual(['1000A', '1000B', '2000', '2100', '2110', 'ST']);
    expect(findLoop('2000').max).toBe(Infinity);
    expect(findLoop('2100').max).toBe(Infinity);
    expect(findLoop('2110').max).toBe(999);
    expect(findLoop('2110').usage).toBe('S');
  });

  it('starts every loop with a segment', () => {
    for (const l of loops(root)) expect(l.children[0].kind, l.id).toBe('segment');
    expect((findLoop('1000A').children[0] as SegmentDef).id).toBe('N1');
    expect((findLoop('2000').children[0] as SegmentDef).id).toBe('LX');
    expect((findLoop('2100').children[0] as SegmentDef).id).toBe('CLP');
    expect((findLoop('2110').children[0] as SegmentDef).id).toBe('SVC');
  });

  it('has no ambiguous sibling segment uses or loop triggers', () => {
    expect(ambiguities(root)).toEqual([]);
  });

  it('tells the same-id uses apart by their codes', () => {
    const q = (s: SegmentDef) => qualifierCodes(s);
    expect(segsOf(root, 'REF').map(q)).toEqual([['EV'], ['F2']]);
    expect(segsOf(findLoop('1000A'), 'PER').map(q)).toEqual([['CX'], ['BL'], ['IC']]);
    expect(segsOf(findLoop('2100'), 'NM1').map((s) => q(s)?.join())).toEqual(['QC', 'IL', '74', '82', 'TT', 'PR', 'GB']);
    expect(segsOf(findLoop('2100'), 'DTM').map(q)).toEqual([['232', '233'], ['036'], ['050']]);
    expect(segsOf(findLoop('2110'), 'REF')).toHaveLength(4);
    expect(q((findLoop('1000A').children[0] as SegmentDef))).toEqual(['PR']);
    expect(q((findLoop('1000B').children[0] as SegmentDef))).toEqual(['PE']);
  });

  it('carries key codes and max uses', () => {
    const clp = findLoop('2100').children[0] as SegmentDef;
    expect(clp.elements[1].kind === 'simple' && clp.elements[1].codes).toEqual(['1', '2', '3', '4', '19', '20', '21', '22', '23', '25']);
    const cas = segsOf(findLoop('2100'), 'CAS')[0];
    expect(cas.max).toBe(99);
    expect(cas.elements[0].kind === 'simple' && cas.elements[0].codes).toEqual(['CO', 'OA', 'PI', 'PR']);
    // CARC is an external code list
    expect(cas.elements[1].kind === 'simple' && cas.elements[1].codes).toBeUndefined();
    expect(segsOf(findLoop('1000A'), 'PER')[1].max).toBe(Infinity);
    expect(segsOf(findLoop('1000A'), 'PER')[1].usage).toBe('R');
    expect(segsOf(findLoop('1000A'), 'REF')[0].max).toBe(4);
    expect(segsOf(findLoop('2110'), 'LQ')[0].max).toBe(99);

    const svc = findLoop('2110').children[0] as SegmentDef;
    expect(svc.elements[0].kind).toBe('composite');
    expect(svc.elements[0].ref).toBe('C003');
    expect(svc.elements[5].kind).toBe('composite');

    const plb = segsOf(root, 'PLB')[0];
    expect(plb.max).toBe(Infinity);
    const adjustments = plb.elements.filter((e) => e.kind === 'composite');
    expect(adjustments.map((e) => e.ref)).toEqual(['C042', 'C042', 'C042', 'C042', 'C042', 'C042']);
    for (const a of adjustments) expect(a.kind === 'composite' && a.components[0].codes).toContain('WO');

    const bpr = segsOf(root, 'BPR')[0];
    expect(bpr.rules.map((r) => r.kind + r.positions.map((p) => String(p).padStart(2, '0')).join(''))).toEqual([
      'P0607', 'C0809', 'P1213', 'C1415', 'P1819', 'C2021',
    ]);
  });

  it('keeps middle not-used elements as placeholders and drops trailing ones', () => {
    const clp = findLoop('2100').children[0] as SegmentDef;
    expect(clp.elements).toHaveLength(13);
    expect(clp.elements[9].usage).toBe('N'); // CLP10 Patient Status Code
    const ts3 = segsOf(findLoop('2000'), 'TS3')[0];
    expect(ts3.elements).toHaveLength(24);
    // ST03 is the one trailing not-used element kept, so a value there reads as "not used"
    for (const s of segments(root).filter((x) => x.id !== 'ST')) {
      expect(s.elements[s.elements.length - 1].usage, `${s.id} ${s.name}`).not.toBe('N');
    }
  });

  it('has sane element definitions', () => {
    for (const s of segments(root)) {
      for (const e of s.elements.flatMap(simples)) {
        const where = `${s.id} ${s.name} ${e.ref} ${e.name}`;
        expect(e.min, where).toBeGreaterThanOrEqual(1);
        expect(e.min, where).toBeLessThanOrEqual(e.max);
        expect(e.repeat, where).toBe(1);
        if (e.codes) {
          expect(e.type, where).toBe('ID');
          for (const c of e.codes) {
            expect(c.length, `${where} code ${c}`).toBeGreaterThanOrEqual(e.min);
            expect(c.length, `${where} code ${c}`).toBeLessThanOrEqual(e.max);
          }
        }
      }
    }
  });

  it('has 53 segment uses', () => {
    expect(segments(root)).toHaveLength(53);
  });
});
