import { describe, expect, it } from 'vitest';
import { X214_277CA } from '../../../src/grammar/guides/x214-277ca.js';
import type { SegmentDef } from '../../../src/grammar/types.js';
import { ambiguities, childLoopIds, elementAt as simpleAt, forGuide, interchange, loops, segments, segsOf, simples } from './audit.js';

const g = X214_277CA;
const { findLoop, validate } = forGuide(g);

/** A 277CA in the TR3's shape: one payer, one receiver, one billing provider, two patients (the second with two claims, one with a line). */
const SAMPLE = interchange(g, [
  'BHT*0085*08*BATCH0001*20240102*1200*TH',
  'HL*1**20*1',
  'NM1*PR*2*EXAMPLE HEALTH PLAN*****PI*12345',
  'TRN*1*RCPT0001',
  'DTP*050*D8*20240101',
  'DTP*009*D8*20240102',
  'HL*2*1*21*1',
  'NM1*41*2*EXAMPLE CLINIC*****46*SUBMIT01',
  'TRN*2*BATCH0001',
  'STC*A1:19:PR*20240102*WQ*350',
  'QTY*90*1',
  'QTY*AA*1',
  'AMT*YU*200',
  'AMT*YY*150',
  'HL*3*2*19*1',
  'NM1*85*2*EXAMPLE CLINIC*****XX*1234567893',
  'TRN*1*0',
  'REF*TJ*123456789',
  'QTY*QA*1',
  'QTY*QC*1',
  'AMT*YU*200',
  'AMT*YY*150',
  'HL*4*3*PT',
  'NM1*QC*1*DOE*JANE****MI*MEMBER001',
  'TRN*2*PCN0001',
  'STC*A2:20*20240102*WQ*200',
  'REF*1K*PAYERICN0001',
  'REF*D9*CH0001',
  'DTP*472*D8*20231215',
  'HL*5*3*PT',
  'NM1*QC*1*ROE*RICHARD****MI*MEMBER002',
  'TRN*2*PCN0002',
  'STC*A7:21:85*20240102*U*150******A7:562:85',
  'REF*1K*PAYERICN0002',
  'DTP*472*RD8*20231201-20231202',
  'SVC*HC:99213:25*150*****1',
  'STC*A7:453*20240102*U',
  'REF*FJ*LINE1',
  'DTP*472*D8*20231201',
  'TRN*2*PCN0003',
  'STC*A1:19*20240102*WQ*75',
  'DTP*472*D8*20231220',
], { control: 101 });

describe('005010X214 277CA guide', () => {
  const root = g.root;

  it('identifies the guide', () => {
    expect(g.id).toBe('005010X214');
    expect(g.set).toBe('277');
    expect(g.functionalId).toBe('HN');
    expect(root.id).toBe('ST');
  });

  it('starts with ST and BHT and ends with SE', () => {
    const first = root.children[0] as SegmentDef;
    expect(first.id).toBe('ST');
    expect(simpleAt(first, 1).codes).toEqual(['277']);
    expect(simpleAt(first, 3).codes).toEqual(['005010X214']);
    expect((root.children[1] as SegmentDef).id).toBe('BHT');
    expect((root.children[root.children.length - 1] as SegmentDef).id).toBe('SE');
    const bht = segsOf(root, 'BHT')[0];
    expect(simpleAt(bht, 1).codes).toEqual(['0085']);
    expect(simpleAt(bht, 2).codes).toEqual(['08']);
    expect(simpleAt(bht, 6).codes).toEqual(['TH']);
  });

  it('nests the HL levels and their loops as the TR3 does', () => {
    expect(childLoopIds(root)).toEqual(['2000A']);
    expect(childLoopIds(findLoop('2000A'))).toEqual(['2100A', '2200A', '2000B']);
    expect(childLoopIds(findLoop('2000B'))).toEqual(['2100B', '2200B', '2000C']);
    expect(childLoopIds(findLoop('2000C'))).toEqual(['2100C', '2200C', '2000D']);
    expect(childLoopIds(findLoop('2000D'))).toEqual(['2100D', '2200D']);
    expect(childLoopIds(findLoop('2200D'))).toEqual(['2220D']);
    expect(childLoopIds(findLoop('2220D'))).toEqual([]);
  });

  it('qualifies every HL by HL03 with its level code', () => {
    const levels: Record<string, string> = { '2000A': '20', '2000B': '21', '2000C': '19', '2000D': 'PT' };
    for (const [id, code] of Object.entries(levels)) {
      const hl = findLoop(id).children[0] as SegmentDef;
      expect(hl.id).toBe('HL');
      expect(hl.qualifier).toEqual({ element: 3 });
      expect(simpleAt(hl, 3).codes).toEqual([code]);
    }
    expect(simpleAt(findLoop('2000B').children[0] as SegmentDef, 4).codes).toEqual(['0', '1']);
    expect((findLoop('2000D').children[0] as SegmentDef).elements).toHaveLength(3); // HL04 not used
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

  it('tells the same-id uses apart by their codes', () => {
    expect(segsOf(findLoop('2200A'), 'DTP').map((s) => simpleAt(s, 1).codes)).toEqual([['050'], ['009']]);
    expect(segsOf(findLoop('2200B'), 'QTY').map((s) => simpleAt(s, 1).codes)).toEqual([['90'], ['AA']]);
    expect(segsOf(findLoop('2200B'), 'AMT').map((s) => simpleAt(s, 1).codes)).toEqual([['YU'], ['YY']]);
    expect(segsOf(findLoop('2200C'), 'QTY').map((s) => simpleAt(s, 1).codes)).toEqual([['QA'], ['QC']]);
    expect(segsOf(findLoop('2200D'), 'REF').map((s) => simpleAt(s, 1).codes)).toEqual([['1K'], ['D9'], ['BLT']]);
    expect(segsOf(findLoop('2220D'), 'REF').map((s) => simpleAt(s, 1).codes)).toEqual([['FJ'], ['XZ']]);
  });

  it('carries key codes, usages and max uses', () => {
    const nm1 = (id: string) => segsOf(findLoop(id), 'NM1')[0];
    expect(simpleAt(nm1('2100A'), 1).codes).toEqual(['AY', 'PR']);
    expect(simpleAt(nm1('2100A'), 8).codes).toEqual(['46', 'FI', 'PI', 'XV']);
    expect(simpleAt(nm1('2100B'), 1).codes).toEqual(['41']);
    expect(simpleAt(nm1('2100C'), 1).codes).toEqual(['85']);
    expect(simpleAt(nm1('2100C'), 8).codes).toEqual(['FI', 'SV', 'XX']);
    expect(simpleAt(nm1('2100D'), 1).codes).toEqual(['QC']);
    expect(simpleAt(nm1('2100D'), 8).codes).toEqual(['II', 'MI']);
    for (const id of ['2100A', '2100B', '2100C', '2100D']) expect(nm1(id).rules.map((r) => r.kind + r.positions.join(','))).toEqual(['P8,9', 'C11,10', 'C12,3']);

    expect(findLoop('2000A').max).toBe(Infinity);
    expect(findLoop('2000B').max).toBe(1);
    expect(findLoop('2000C').usage).toBe('S');
    expect(findLoop('2000D').max).toBe(Infinity);
    expect(findLoop('2200D').usage).toBe('S');
    expect(findLoop('2220D').usage).toBe('S');

    const stc = (id: string) => segsOf(findLoop(id), 'STC')[0];
    expect(stc('2200B').usage).toBe('R');
    expect(stc('2200C').usage).toBe('S');
    expect(stc('2200D').max).toBe(Infinity);
    expect(stc('2220D').max).toBe(1);
    expect(simpleAt(stc('2200D'), 1, 1).codes).toBeUndefined(); // claim status category: external code source 507
    expect(simpleAt(stc('2200D'), 1, 3).codes).toContain('85');
    expect(simpleAt(stc('2200D'), 3).codes).toEqual(['U', 'WQ']);
    expect(simpleAt(stc('2220D'), 3).codes).toEqual(['U']);
    expect(stc('2200C').elements[1].usage).toBe('N'); // STC02 not used at the provider level
    expect(stc('2200D').elements).toHaveLength(12);

    const svc = segsOf(findLoop('2220D'), 'SVC')[0];
    expect(simpleAt(svc, 1, 1).codes).toEqual(['AD', 'ER', 'HC', 'HP', 'IV', 'NU', 'WK']);
    expect(svc.elements[5].kind).toBe('composite');
    expect(svc.elements[5].usage).toBe('N');
    expect(segsOf(findLoop('2200D'), 'DTP')[0].usage).toBe('R');
  });

  it('keeps middle not-used elements as placeholders and the standard syntax notes', () => {
    const nm1 = segsOf(findLoop('2100A'), 'NM1')[0];
    expect(nm1.elements.map((e) => e.usage)).toEqual(['R', 'R', 'R', 'N', 'N', 'N', 'N', 'R', 'R']);
    for (const s of segments(root)) {
      if (s.id === 'REF') expect(s.rules.map((r) => r.kind + r.positions.join(','))).toEqual(['R2,3']);
      if (s.id === 'QTY') expect(s.rules.map((r) => r.kind + r.positions.join(','))).toEqual(['R2,4', 'E2,4']);
      expect(s.elements[s.elements.length - 1].usage, `${s.id} ${s.name} ends with a used element`).not.toBe('N');
    }
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

  it('has 38 segment uses', () => {
    expect(segments(root)).toHaveLength(38);
  });

  it('places a TR3-shaped 277CA cleanly', () => {
    const { findings, uses } = validate(SAMPLE);
    expect(findings).toEqual([]);
    expect(uses).toContain('2200B:QTY:Total Rejected Quantity');
    expect(uses).toContain('2200C:AMT:Total Rejected Amount');
    expect(uses).toContain('2200D:REF:Claim Identifier Number for Clearinghouses and Other Transmission Intermediaries');
    expect(uses).toContain('2220D:SVC:Service Line Information');
    expect(uses.filter((u) => u === '2000D:HL:Patient Level')).toHaveLength(2);
    expect(uses.filter((u) => u === '2200D:TRN:Claim Status Tracking Number')).toHaveLength(3);
  });

  it('reports a missing required segment and a wrong level code', () => {
    const noDtp = validate(SAMPLE.replace('DTP*472*D8*20231215~\n', ''));
    expect(noDtp.findings.some((f) => f.startsWith('DTP@') && f.includes(' 3: '))).toBe(true);
    const badAction = validate(SAMPLE.replace('STC*A7:453*20240102*U~', 'STC*A7:453*20240102*WQ~'));
    expect(badAction.findings.some((f) => f.startsWith('STC@') && f.includes(' 7: '))).toBe(true);
  });
});
