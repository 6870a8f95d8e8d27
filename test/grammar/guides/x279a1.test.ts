import { describe, expect, it } from 'vitest';
import { X279A1_270 } from '../../../src/grammar/guides/x279a1-270.js';
import { X279A1_271 } from '../../../src/grammar/guides/x279a1-271.js';
import type { SegmentDef } from '../../../src/grammar/types.js';
import { ambiguities, childLoopIds, elementAt, findLoop, segsOf, structureProblems } from './audit.js';

describe('005010X279A1 270 guide', () => {
  const g = X279A1_270;
  const root = g.root;

  it('identifies the guide', () => {
    expect(g.id).toBe('005010X279A1');
    expect(g.set).toBe('270');
    expect(g.functionalId).toBe('HS');
    expect(g.discriminator).toBeUndefined();
    expect(elementAt(root.children[0] as SegmentDef, 3).codes).toEqual(['005010X279A1']);
  });

  it('passes the structural checks', () => {
    expect(structureProblems(g)).toEqual([]);
  });

  it('has no ambiguous sibling segment uses or loop triggers', () => {
    expect(ambiguities(root)).toEqual([]);
  });

  it('nests the HL levels as the TR3 does', () => {
    expect(childLoopIds(root)).toEqual(['2000A']);
    expect(childLoopIds(findLoop(root, '2000A'))).toEqual(['2100A', '2000B']);
    expect(childLoopIds(findLoop(root, '2000B'))).toEqual(['2100B', '2000C']);
    expect(childLoopIds(findLoop(root, '2000C'))).toEqual(['2100C', '2000D']);
    expect(childLoopIds(findLoop(root, '2000D'))).toEqual(['2100D']);
    expect(childLoopIds(findLoop(root, '2100C'))).toEqual(['2110C']);
    expect(childLoopIds(findLoop(root, '2100D'))).toEqual(['2110D']);
    const levels = ['2000A', '2000B', '2000C', '2000D'].map((id) => elementAt(findLoop(root, id).children[0] as SegmentDef, 3).codes);
    expect(levels).toEqual([['20'], ['21'], ['22'], ['23']]);
  });

  it('carries the BHT and EQ facts', () => {
    const bht = segsOf(root, 'BHT')[0];
    expect(elementAt(bht, 1).codes).toEqual(['0022']);
    expect(elementAt(bht, 2).codes).toEqual(['01', '13']);
    const eq = findLoop(root, '2110C').children[0] as SegmentDef;
    expect(eq.id).toBe('EQ');
    expect(eq.usage).toBe('R');
    expect(elementAt(eq, 1).repeat).toBe(99);
    expect(elementAt(eq, 1).codes).toContain('30');
    expect(findLoop(root, '2110C').max).toBe(99);
    expect(findLoop(root, '2110D').max).toBe(99);
    expect(elementAt(findLoop(root, '2110D').children[0] as SegmentDef, 3).usage).toBe('N');
  });

  it('tells the two spend down AMT uses apart', () => {
    const amts = segsOf(findLoop(root, '2110C'), 'AMT');
    expect(amts.map((s) => elementAt(s, 1).codes)).toEqual([['R'], ['PB']]);
  });

  it('uses the subscriber and dependent name codes', () => {
    const nm1 = findLoop(root, '2100C').children[0] as SegmentDef;
    expect(elementAt(nm1, 1).codes).toEqual(['IL']);
    expect(elementAt(nm1, 8).codes).toEqual(['II', 'MI']);
    expect(nm1.rules.map((r) => r.kind + r.positions.join(','))).toEqual(['P8,9', 'C11,10', 'C12,3']);
    const dep = findLoop(root, '2100D').children[0] as SegmentDef;
    expect(elementAt(dep, 1).codes).toEqual(['03']);
    expect(dep.elements).toHaveLength(7);
  });
});

describe('005010X279A1 271 guide', () => {
  const g = X279A1_271;
  const root = g.root;

  it('identifies the guide', () => {
    expect(g.id).toBe('005010X279A1');
    expect(g.set).toBe('271');
    expect(g.functionalId).toBe('HB');
    expect(elementAt(root.children[0] as SegmentDef, 1).codes).toEqual(['271']);
  });

  it('passes the structural checks', () => {
    expect(structureProblems(g)).toEqual([]);
  });

  it('has no ambiguous sibling segment uses or loop triggers', () => {
    expect(ambiguities(root)).toEqual([]);
  });

  it('nests the HL levels and the benefit loops as the TR3 does', () => {
    expect(childLoopIds(findLoop(root, '2000A'))).toEqual(['2100A', '2000B']);
    expect(childLoopIds(findLoop(root, '2000B'))).toEqual(['2100B', '2000C']);
    expect(childLoopIds(findLoop(root, '2000C'))).toEqual(['2100C', '2000D']);
    expect(childLoopIds(findLoop(root, '2100C'))).toEqual(['2110C']);
    expect(childLoopIds(findLoop(root, '2110C'))).toEqual(['2115C', '2120C']);
    expect(childLoopIds(findLoop(root, '2110D'))).toEqual(['2115D', '2120D']);
    const order = findLoop(root, '2110C').children.map((c) => (c.kind === 'loop' ? c.id : c.id));
    expect(order).toEqual(['EB', 'HSD', 'REF', 'DTP', 'AAA', 'MSG', '2115C', 'LS', '2120C', 'LE']);
    expect(findLoop(root, '2120C').max).toBe(23);
    expect(findLoop(root, '2115C').max).toBe(10);
  });

  it('has AAA request validation at the source level and in 2100C', () => {
    const aaa = segsOf(findLoop(root, '2000A'), 'AAA')[0];
    expect(elementAt(aaa, 1).codes).toEqual(['N', 'Y']);
    expect(elementAt(aaa, 2).usage).toBe('N');
    expect(elementAt(aaa, 3).codes).toEqual(['04', '41', '42', '79']);
    expect(segsOf(findLoop(root, '2100C'), 'AAA')[0].max).toBe(9);
    expect(elementAt(segsOf(findLoop(root, '2100C'), 'AAA')[0], 3).codes).toContain('72');
  });

  it('lets EB03 repeat 99 times and carries the EB code lists', () => {
    for (const id of ['2110C', '2110D']) {
      const eb = findLoop(root, id).children[0] as SegmentDef;
      expect(eb.id).toBe('EB');
      expect(elementAt(eb, 3).repeat).toBe(99);
      expect(elementAt(eb, 3).codes).toContain('13');
      expect(elementAt(eb, 1).codes).toContain('1');
      expect(elementAt(eb, 12).codes).toEqual(['N', 'U', 'W', 'Y']);
      const c003 = eb.elements[12];
      expect(c003.kind === 'composite' && c003.ref).toBe('C003');
      expect(c003.kind === 'composite' && c003.components[6].usage).toBe('N');
    }
    expect(elementAt(findLoop(root, '2110C').children[0] as SegmentDef, 2).codes).toContain('EMP');
    expect(elementAt(findLoop(root, '2110D').children[0] as SegmentDef, 2).codes).not.toContain('EMP');
  });

  it('keeps the 2120 loop entity codes and LS/LE loop identifiers', () => {
    const nm1 = findLoop(root, '2120C').children[0] as SegmentDef;
    expect(elementAt(nm1, 1).codes).toContain('PRP');
    expect(elementAt(nm1, 6).usage).toBe('N');
    expect(elementAt(nm1, 7).usage).toBe('S');
    expect(elementAt(segsOf(findLoop(root, '2110C'), 'LS')[0], 1).codes).toEqual(['2120']);
    expect(elementAt(segsOf(findLoop(root, '2110D'), 'LE')[0], 1).codes).toEqual(['2120']);
  });
});
