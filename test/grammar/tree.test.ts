import { describe, expect, it } from 'vitest';
import { defaultRegistry } from '../../src/grammar/guides/index.js';
import { Loop, comp, el, reps } from '../../src/grammar/tree.js';
import { validateX12 } from '../../src/validation/validator.js';

async function trees(path: string): Promise<Loop[]> {
  const out: Loop[] = [];
  await validateX12(path, { registry: defaultRegistry(), level: 2, buildTree: true, keepTransactions: false, onTransaction: (v) => v.tree && out.push(new Loop(v.tree)) });
  return out;
}

describe('loop trees for documents', () => {
  it('nests the 837P hierarchy as the guide does and keeps every segment in file order', async () => {
    const [t] = await trees('samples/837p/professional-claims.x12');
    expect(t.node.id).toBe('ST');
    expect(el(t.segment('ST'), 1)).toBe('837');
    expect(t.segment('SE')).toBeDefined();
    const billing = t.loops('2000A');
    expect(billing.length).toBeGreaterThan(0);
    const provider = billing[0].loopsWhere('2010AA', '85');
    expect(provider).toHaveLength(1);
    const subscribers = billing.flatMap((b) => b.loops('2000B'));
    const claims = subscribers.flatMap((s) => [...s.loops('2300'), ...s.loops('2000C').flatMap((p) => p.loops('2300'))]);
    expect(claims.length).toBeGreaterThanOrEqual(2);
    for (const c of claims) {
      expect(c.first.tag).toBe('CLM');
      expect(c.loops('2400').length).toBeGreaterThan(0);
      expect(comp(c.loops('2400')[0].segment('SV1'), 1, 1)).toBe('HC');
    }
    // Positions count up through the whole set, ST first.
    const positions: number[] = [];
    const walk = (n: Loop['node']) => n.children.forEach((c) => (c.kind === 'segment' ? positions.push(c.position) : walk(c)));
    walk(t.node);
    expect(positions[0]).toBe(1);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
    expect(positions[positions.length - 1]).toBe(positions.length);
  });

  it('builds the 278 response tree when the guide is chosen after the ST, with its ST and SE in the root', async () => {
    const [t] = await trees('samples/278resp/authorization-certified.x12');
    expect(el(t.segment('BHT'), 2)).toBe('11');
    expect(t.node.children.some((c) => c.kind === 'loop')).toBe(true);
    expect(t.segment('SE')).toBeDefined();
  });

  it('reads repeated elements as their repetitions', async () => {
    const ts = await trees('samples/271/eligibility-active.x12');
    const ebs: string[][] = [];
    const walk = (l: Loop) => {
      for (const s of l.segments('EB')) ebs.push(reps(s, 3));
      for (const c of l.node.children) if (c.kind === 'loop') walk(new Loop(c));
    };
    ts.forEach(walk);
    expect(ebs[0]).toEqual(['30', '1', '33', '35', '47', '48', '50', '86', '88', '98', 'AL', 'MH', 'UC']);
    expect(ebs[1]).toEqual(['98']);
  });
});
