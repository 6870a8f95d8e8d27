import { describe, expect, it } from 'vitest';
import { X217_278_REQUEST } from '../../../src/grammar/guides/x217-278req.js';
import { X217_278_RESPONSE } from '../../../src/grammar/guides/x217-278resp.js';
import type { ElementDef, GuideDef, LoopDef, SegmentDef, SimpleElementDef } from '../../../src/grammar/types.js';
import { ambiguities } from './audit.js';

function loops(l: LoopDef): LoopDef[] {
  return [l, ...l.children.filter((c): c is LoopDef => c.kind === 'loop').flatMap(loops)];
}

function segments(l: LoopDef): SegmentDef[] {
  return l.children.flatMap((c) => (c.kind === 'segment' ? [c] : segments(c)));
}

function findLoops(root: LoopDef, id: string): LoopDef[] {
  const found = loops(root).filter((x) => x.id === id);
  if (found.length === 0) throw new Error(`no loop ${id}`);
  return found;
}

function findLoop(root: LoopDef, id: string): LoopDef {
  return findLoops(root, id)[0];
}

function childLoopIds(l: LoopDef): string[] {
  return l.children.filter((c): c is LoopDef => c.kind === 'loop').map((c) => c.id);
}

function segsOf(l: LoopDef, id: string): SegmentDef[] {
  return l.children.filter((c): c is SegmentDef => c.kind === 'segment' && c.id === id);
}

function simples(e: ElementDef): SimpleElementDef[] {
  return e.kind === 'simple' ? [e] : [...e.components];
}

/** The element use at a 1-based position, for assertions. */
function elementAt(s: SegmentDef, position: number): SimpleElementDef {
  const e = s.elements[position - 1];
  if (!e || e.kind !== 'simple') throw new Error(`${s.id}${position} is not a simple element`);
  return e;
}

/** Structural sanity every guide must pass; returns the problems found. */
function structureProblems(g: GuideDef): string[] {
  const problems: string[] = [];
  const root = g.root;
  if (root.id !== 'ST') problems.push(`root is ${root.id}`);
  const first = root.children[0];
  const last = root.children[root.children.length - 1];
  if (first.kind !== 'segment' || first.id !== 'ST') problems.push('ST is not first');
  if (last.kind !== 'segment' || last.id !== 'SE') problems.push('SE is not last');
  for (const l of loops(root)) {
    if (l.children[0]?.kind !== 'segment') problems.push(`loop ${l.id} does not start with a segment`);
    if (!(l.max >= 1)) problems.push(`loop ${l.id} max ${l.max}`);
    const hl = l.children[0];
    if (hl.kind === 'segment' && hl.id === 'HL') {
      if (hl.qualifier?.element !== 3) problems.push(`loop ${l.id}: HL qualifier is not HL03`);
      const codes = elementAt(hl, 3).codes;
      if (!codes || codes.length !== 1) problems.push(`loop ${l.id}: HL03 must carry its one level code`);
    }
  }
  for (const s of segments(root)) {
    if (!(s.max >= 1)) problems.push(`${s.id} (${s.name}) max ${s.max}`);
    for (const e of s.elements) {
      for (const x of simples(e)) {
        if (!(x.min >= 1 && x.min <= x.max)) problems.push(`${s.id} (${s.name}) ${x.ref} min ${x.min} max ${x.max}`);
        if (!(x.repeat >= 1)) problems.push(`${s.id} (${s.name}) ${x.ref} repeat ${x.repeat}`);
        if (x.type === 'ID' && x.usage !== 'N' && x.codes !== undefined && x.codes.length === 0) problems.push(`${s.id} ${x.ref}: empty code list`);
        for (const c of x.codes ?? []) if (c.length > x.max || c.length < x.min) problems.push(`${s.id} (${s.name}) ${x.ref}: code ${c} outside ${x.min}-${x.max}`);
      }
    }
  }
  return problems;
}

/** HL03 level codes of the HL loops, depth-first, as "parent>child" pairs. */
function hlNesting(root: LoopDef): string[] {
  const out: string[] = [];
  const level = (l: LoopDef): string | undefined => {
    const hl = l.children[0];
    return hl.kind === 'segment' && hl.id === 'HL' ? elementAt(hl, 3).codes?.[0] : undefined;
  };
  for (const l of loops(root)) {
    const parent = level(l);
    if (parent === undefined) continue;
    for (const c of l.children) if (c.kind === 'loop' && level(c) !== undefined) out.push(`${parent}>${level(c)}`);
  }
  return [...new Set(out)].sort();
}

describe('005010X217 278 request and response guides', () => {
  it('share ST01 and ST03 and are told apart by BHT02', () => {
    for (const g of [X217_278_REQUEST, X217_278_RESPONSE]) {
      expect(g.id).toBe('005010X217');
      expect(g.set).toBe('278');
      expect(g.functionalId).toBe('HI');
      expect(elementAt(g.root.children[0] as SegmentDef, 3).codes).toEqual(['005010X217']);
    }
    expect(X217_278_REQUEST.discriminator).toEqual({ segment: 'BHT', element: 2, values: ['01', '13'] });
    expect(X217_278_RESPONSE.discriminator).toEqual({ segment: 'BHT', element: 2, values: ['11'] });
    const bhtReq = segsOf(X217_278_REQUEST.root, 'BHT')[0];
    const bhtResp = segsOf(X217_278_RESPONSE.root, 'BHT')[0];
    expect(elementAt(bhtReq, 1).codes).toEqual(['0007']);
    expect(elementAt(bhtReq, 2).codes).toContain('13');
    expect(elementAt(bhtResp, 2).codes).toEqual(['11']);
  });

  for (const g of [X217_278_REQUEST, X217_278_RESPONSE]) {
    const label = g === X217_278_REQUEST ? 'request' : 'response';

    it(`${label}: passes the structural checks`, () => {
      expect(structureProblems(g)).toEqual([]);
    });

    it(`${label}: has no ambiguous sibling segment uses or loop triggers`, () => {
      expect(ambiguities(g.root)).toEqual([]);
    });

    it(`${label}: nests the HL levels 20 > 21 > 22 > (23 >) EV > SS`, () => {
      expect(hlNesting(g.root)).toEqual(['20>21', '21>22', '22>23', '22>EV', '23>EV', 'EV>SS']);
      expect(childLoopIds(findLoop(g.root, '2000A'))).toEqual(['2010A', '2000B']);
      expect(childLoopIds(findLoop(g.root, '2000B'))).toEqual(['2010B', '2000C']);
      expect(childLoopIds(findLoop(g.root, '2000C'))).toEqual(['2010C', '2000D', '2000E']);
      expect(childLoopIds(findLoop(g.root, '2000D'))).toEqual(['2010D', '2000E']);
      expect(findLoops(g.root, '2000E')).toHaveLength(2);
    });

    it(`${label}: carries the UM review information and the patient event dates`, () => {
      const ev = findLoop(g.root, '2000E');
      const um = segsOf(ev, 'UM')[0];
      expect(elementAt(um, 1).codes).toEqual(['AR', 'HS', 'IN', 'SC']);
      expect(elementAt(um, 2).codes).toEqual(['1', '2', '3', '4', 'I', 'S']);
      expect(um.elements[3].kind === 'composite' && um.elements[3].ref).toBe('C023');
      const dtp = segsOf(ev, 'DTP').map((s) => elementAt(s, 1).codes?.[0]);
      expect(dtp).toEqual(expect.arrayContaining(['439', '484', 'ABC', '431', 'AAH', '435', '096']));
      const refs = segsOf(ev, 'REF').map((s) => elementAt(s, 1).codes);
      expect(refs).toEqual(expect.arrayContaining([['BB'], ['NT']]));
      const hi = segsOf(ev, 'HI')[0];
      expect(hi.elements).toHaveLength(12);
      const svc = findLoop(g.root, '2000F');
      expect(segsOf(svc, 'SV1')).toHaveLength(1);
      expect(segsOf(svc, 'SV2')).toHaveLength(1);
      expect(segsOf(svc, 'SV3')).toHaveLength(1);
      expect(segsOf(svc, 'TOO')[0].max).toBe(32);
      expect(segsOf(svc, 'PWK')).toHaveLength(1);
      expect(segsOf(svc, 'MSG')).toHaveLength(1);
      expect(elementAt(segsOf(svc, 'DTP')[0], 1).codes).toEqual(['472']);
    });
  }

  it('request: has the event provider, transport and other UMO loops, and the CRC certifications', () => {
    const ev = findLoop(X217_278_REQUEST.root, '2000E');
    expect(childLoopIds(ev)).toEqual(['2010EA', '2010EB', '2010EC', '2000F']);
    expect(elementAt(findLoop(ev, '2010EB').children[0] as SegmentDef, 1).codes).toEqual(['45', 'FS', 'ND', 'PW', 'R3']);
    expect(elementAt(findLoop(ev, '2010EC').children[0] as SegmentDef, 1).codes).toEqual(['X3']);
    expect(findLoop(ev, '2010EA').max).toBe(12);
    expect(segsOf(ev, 'CRC').map((s) => elementAt(s, 1).codes?.[0])).toEqual(['07', '08', '09', '11', '75', '76', '77']);
    expect(segsOf(ev, 'HCR')).toHaveLength(0);
    expect(childLoopIds(findLoop(ev, '2000F'))).toEqual(['2010F']);
    expect(elementAt(segsOf(ev, 'TRN')[0], 1).codes).toEqual(['1']);
  });

  it('response: carries the HCR decision, certification dates and AAA validations', () => {
    const root = X217_278_RESPONSE.root;
    const ev = findLoop(root, '2000E');
    expect(childLoopIds(ev)).toEqual(['2010EA', '2010EB', '2010EC', '2000F']);
    expect(findLoop(ev, '2010EB').name).toBe('Additional Patient Information Contact Name');
    expect(findLoop(ev, '2010EC').name).toBe('Patient Event Transport Information');
    for (const l of [ev, findLoop(root, '2000F')]) {
      const hcr = segsOf(l, 'HCR')[0];
      expect(elementAt(hcr, 1).codes).toEqual(['A1', 'A2', 'A3', 'A4', 'A6', 'C', 'CT', 'NA']);
      expect(elementAt(hcr, 3).codes).toBeUndefined(); // external decision reason codes
      expect(segsOf(l, 'DTP').map((s) => elementAt(s, 1).codes?.[0])).toEqual(expect.arrayContaining(['102', '036', '007']));
      expect(segsOf(l, 'AAA')).toHaveLength(1);
    }
    expect(childLoopIds(findLoop(root, '2000F'))).toEqual(['2010FA', '2010FB']);
    expect(segsOf(findLoop(root, '2000A'), 'AAA')[0].max).toBe(9);
    expect(segsOf(findLoop(root, '2010A'), 'PER')[0].max).toBe(3);
    expect(elementAt(segsOf(findLoop(root, '2000E'), 'TRN')[0], 1).codes).toEqual(['1', '2']);
    expect(segsOf(findLoop(root, '2000E'), 'CRC')).toHaveLength(0);
  });
});
