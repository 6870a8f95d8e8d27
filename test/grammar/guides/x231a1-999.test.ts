import { describe, expect, it } from 'vitest';
import { X231A1_999 } from '../../../src/grammar/guides/x231a1-999.js';
import type { SegmentDef } from '../../../src/grammar/types.js';
import { ambiguities, childLoopIds, elementAt as simpleAt, forGuide, interchange, loops, segments, segsOf, simples } from './audit.js';

const g = X231A1_999;
const { findLoop, validate } = forGuide(g);

/** A 999 for a group of three 837s: one accepted, two rejected with segment, element and business unit context. */
const SAMPLE = interchange(g, [
  'AK1*HC*17456*005010X222A1',
  'AK2*837*0001*005010X222A1',
  'IK5*A',
  'AK2*837*0002*005010X222A1',
  'IK3*CLM*22*2300*8',
  'CTX*CLM01:PCN0002',
  'IK4*2*782*1',
  'CTX*SITUATIONAL TRIGGER*CLM*22*2300*2',
  'IK5*R*5',
  'AK2*837*0003*005010X222A1',
  'IK3*REF*57*2300*I9',
  'CTX*SITUATIONAL TRIGGER*CLM*43**5:3*1325',
  'CTX*CLM01:PCN0003',
  'IK5*R*5',
  'AK9*P*3*3*1',
], { control: 202, reply: true });

describe('005010X231A1 999 guide', () => {
  const root = g.root;

  it('identifies the guide', () => {
    expect(g.id).toBe('005010X231A1');
    expect(g.set).toBe('999');
    expect(g.functionalId).toBe('FA');
    expect(root.id).toBe('ST');
  });

  it('has ST, AK1, the 2000 loop, AK9 and SE in TR3 order', () => {
    const first = root.children[0] as SegmentDef;
    expect(first.id).toBe('ST');
    expect(simpleAt(first, 1).codes).toEqual(['999']);
    expect(simpleAt(first, 3).codes).toEqual(['005010X231A1']);
    expect(root.children.map((c) => (c.kind === 'segment' ? c.id : `loop ${c.id}`))).toEqual(['ST', 'AK1', 'loop 2000', 'AK9', 'SE']);
  });

  it('nests the loops as the TR3 does', () => {
    expect(childLoopIds(root)).toEqual(['2000']);
    expect(childLoopIds(findLoop('2000'))).toEqual(['2100']);
    expect(childLoopIds(findLoop('2100'))).toEqual(['2110']);
    expect(childLoopIds(findLoop('2110'))).toEqual([]);
    expect(findLoop('2000').children.map((c) => (c.kind === 'segment' ? c.id : `loop ${c.id}`))).toEqual(['AK2', 'loop 2100', 'IK5']);
    expect(findLoop('2100').children.map((c) => (c.kind === 'segment' ? c.id : `loop ${c.id}`))).toEqual(['IK3', 'CTX', 'CTX', 'loop 2110']);
    expect(findLoop('2110').children.map((c) => (c.kind === 'segment' ? c.id : `loop ${c.id}`))).toEqual(['IK4', 'CTX']);
    for (const id of ['2000', '2100', '2110']) {
      expect(findLoop(id).usage).toBe('S');
      expect(findLoop(id).max).toBe(Infinity);
    }
  });

  it('starts every loop with a required segment', () => {
    for (const l of loops(root)) {
      const first = l.children[0];
      expect(first.kind, l.id).toBe('segment');
      expect((first as SegmentDef).usage, l.id).toBe('R');
    }
  });

  it('has no ambiguous sibling segment uses or loop triggers', () => {
    expect(ambiguities(g)).toEqual([]);
  });

  it('tells the segment context CTX from the business unit CTX by CTX01-1', () => {
    const [segCtx, buCtx] = segsOf(findLoop('2100'), 'CTX');
    expect(segCtx.name).toBe('Segment Context');
    expect(buCtx.name).toBe('Business Unit Identifier');
    for (const s of [segCtx, buCtx]) expect(s.qualifier).toEqual({ element: 1, component: 1 });
    expect(simpleAt(segCtx, 1, 1).codes).toEqual(['SITUATIONAL TRIGGER']);
    expect(simpleAt(buCtx, 1, 1).codes).toEqual(['TRN02', 'NM109', 'PATIENT NAME NM109', 'SUBSCRIBER NAME NM109', 'ENT01', 'SUBSCRIBER NUMBER REF02', 'CLM01']);
    expect(segCtx.max).toBe(9);
    expect(buCtx.max).toBe(1);
    expect(segCtx.elements[0].repeat).toBe(10);
    // Segment context: CTX01-2 not used, CTX02/03 required. Business unit: CTX01-2 required, nothing after CTX01.
    expect(simpleAt(segCtx, 1, 2).usage).toBe('N');
    expect(segCtx.elements.map((e) => e.usage)).toEqual(['R', 'R', 'R', 'S', 'S', 'S']);
    expect(simpleAt(buCtx, 1, 2).usage).toBe('R');
    expect(buCtx.elements).toHaveLength(1);
    const elemCtx = segsOf(findLoop('2110'), 'CTX')[0];
    expect(elemCtx.name).toBe('Element Context');
    expect(elemCtx.max).toBe(10);
    expect(simpleAt(elemCtx, 1, 1).codes).toEqual(['SITUATIONAL TRIGGER']);
  });

  it('carries key codes, usages and lengths', () => {
    const ak1 = segsOf(root, 'AK1')[0];
    expect(simpleAt(ak1, 1).codes).toEqual(['BE', 'HB', 'HC', 'HI', 'HN', 'HP', 'HR', 'HS', 'RA']);
    const ak2 = segsOf(findLoop('2000'), 'AK2')[0];
    expect(simpleAt(ak2, 1).codes).toContain('837');
    expect(simpleAt(ak2, 3).usage).toBe('S');
    const ik3 = segsOf(findLoop('2100'), 'IK3')[0];
    expect(simpleAt(ik3, 2)).toMatchObject({ ref: '719', type: 'N0', min: 1, max: 10 });
    expect(simpleAt(ik3, 4)).toMatchObject({ ref: '620', usage: 'R' });
    expect(simpleAt(ik3, 4).codes).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', 'I4', 'I6', 'I7', 'I8', 'I9']);
    const ik4 = segsOf(findLoop('2110'), 'IK4')[0];
    expect(ik4.elements[0]).toMatchObject({ kind: 'composite', ref: 'C030', usage: 'R' });
    expect(simpleAt(ik4, 3).codes).toContain('I10');
    expect(simpleAt(ik4, 4)).toMatchObject({ ref: '724', type: 'AN', max: 99 });
    const ik5 = segsOf(findLoop('2000'), 'IK5')[0];
    expect(simpleAt(ik5, 1).codes).toEqual(['A', 'E', 'M', 'R', 'W', 'X']);
    expect(ik5.elements).toHaveLength(6);
    const ak9 = segsOf(root, 'AK9')[0];
    expect(simpleAt(ak9, 1).codes).toEqual(['A', 'E', 'M', 'P', 'R', 'W', 'X']);
    expect(ak9.elements).toHaveLength(9);
    for (const s of segments(root)) expect(s.rules, s.id).toEqual([]);
  });

  it('has sane element definitions', () => {
    for (const s of segments(root)) {
      for (const e of s.elements) {
        expect(e.repeat).toBeGreaterThanOrEqual(1);
        for (const x of simples(e)) {
          const where = `${s.id} ${s.name} ${x.ref} ${x.name}`;
          expect(x.min, where).toBeGreaterThanOrEqual(1);
          expect(x.min, where).toBeLessThanOrEqual(x.max);
          if (x.codes) {
            expect(x.usage, where).not.toBe('N');
            expect(new Set(x.codes).size, where).toBe(x.codes.length);
            for (const c of x.codes) expect(c.length, `${where} code ${c}`).toBeLessThanOrEqual(x.max);
          }
        }
      }
    }
  });

  it('has 11 segment uses', () => {
    expect(segments(root)).toHaveLength(11);
  });

  it('places a TR3-shaped 999 cleanly and tells the three CTX uses apart', () => {
    const { findings, uses } = validate(SAMPLE);
    expect(findings).toEqual([]);
    expect(uses.filter((u) => u.includes(':CTX:'))).toEqual([
      '2100:CTX:Business Unit Identifier',
      '2110:CTX:Element Context',
      '2100:CTX:Segment Context',
      '2100:CTX:Business Unit Identifier',
    ]);
  });

  it('reports errors in a 999', () => {
    // CTX06-1 is a data element number (N0), not a composite id such as C023.
    const composite = validate(SAMPLE.replace('*5:3*1325~', '*5:3*C023:1325~'));
    expect(composite.findings.some((f) => f.startsWith('CTX@') && f.includes(' 6: '))).toBe(true);
    expect(composite.findings.some((f) => f.startsWith('CTX@') && f.includes(' I10: '))).toBe(true);
    // IK5 is required in every 2000 loop.
    const noIk5 = validate(SAMPLE.replace('IK5*A~\n', ''));
    expect(noIk5.findings.some((f) => f.startsWith('IK5@') && f.includes(' 3: '))).toBe(true);
    // A second business unit CTX in one 2100 is over its max use of 1.
    const twoBu = validate(SAMPLE.replace('CTX*CLM01:PCN0003~', 'CTX*CLM01:PCN0003~\nCTX*CLM01:PCN0004~').replace('SE*17*', 'SE*18*'));
    expect(twoBu.findings.some((f) => f.startsWith('CTX@') && f.includes(' 5: '))).toBe(true);
  });
});
