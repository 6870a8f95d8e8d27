import { describe, expect, it } from 'vitest';
import { X217_278_REQUEST } from '../../../src/grammar/guides/x217-278req.js';
import { X217_278_RESPONSE } from '../../../src/grammar/guides/x217-278resp.js';
import type { LoopDef, SegmentDef } from '../../../src/grammar/types.js';
import { ambiguities, childLoopIds, elementAt, findLoop, findLoops, loops, segsOf, structureProblems } from './audit.js';

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
