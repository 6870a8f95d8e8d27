import type { CompositeElementDef, ElementDef, ElementType, GuideDef, LoopDef, SegmentDef, SimpleElementDef, SyntaxRule, Usage } from './types.js';
import { UNBOUNDED } from './types.js';

/**
 * Short builders for guide files, so one line reads as one element use or one segment use, as in the
 * TR3's tables. Guides import these and nothing else.
 */
export const R: Usage = 'R';
export const S: Usage = 'S';
export const N: Usage = 'N';
export const INF = UNBOUNDED;

/** A simple element use: el('1065', 'Entity Type Qualifier', R, 'ID', 1, 1, ['1', '2']). */
export function el(ref: string, name: string, usage: Usage, type: ElementType, min: number, max: number, codes?: readonly string[], repeat = 1): SimpleElementDef {
  const d: SimpleElementDef = { kind: 'simple', ref, name, usage, type, min, max, repeat, ...(codes ? { codes: Object.freeze([...codes]) } : {}) };
  return Object.freeze(d);
}

/** A composite element use: comp('C003', 'Procedure Identifier', R, [el(...), ...]). */
export function comp(ref: string, name: string, usage: Usage, components: readonly SimpleElementDef[], opts: { repeat?: number; rules?: readonly string[] } = {}): CompositeElementDef {
  return Object.freeze({ kind: 'composite', ref, name, usage, components: Object.freeze([...components]), repeat: opts.repeat ?? 1, rules: parseRules(opts.rules ?? []) });
}

/** Element uses the guide marks not used, as placeholders to keep positions: nu('1073', 'Yes/No') . */
export function nu(ref: string, name: string, type: ElementType = 'AN', min = 1, max = 80): SimpleElementDef {
  return el(ref, name, N, type, min, max);
}

/** X12 syntax notes as the standard writes them: 'P0102', 'C0304', 'L100203', 'R020304', 'E0203'. */
export function parseRules(notes: readonly string[]): readonly SyntaxRule[] {
  return Object.freeze(
    notes.map((n) => {
      const kind = n[0] as SyntaxRule['kind'];
      if (!'PRECL'.includes(kind) || (n.length - 1) % 2 !== 0 || n.length < 5) throw new Error(`bad syntax rule ${n}`);
      const positions: number[] = [];
      for (let i = 1; i < n.length; i += 2) positions.push(Number(n.slice(i, i + 2)));
      return Object.freeze({ kind, positions: Object.freeze(positions) });
    }),
  );
}

export interface SegOptions {
  readonly rules?: readonly string[];
  readonly qualifier?: { readonly element: number; readonly component?: number };
}

/** A segment use: seg('NM1', 'Billing Provider Name', R, 1, [...elements], { rules: ['P0809'] }). */
export function seg(id: string, name: string, usage: Usage, max: number, elements: readonly ElementDef[], opts: SegOptions = {}): SegmentDef {
  return Object.freeze({
    kind: 'segment',
    id,
    name,
    usage,
    max,
    elements: Object.freeze([...elements]),
    rules: parseRules(opts.rules ?? []),
    ...(opts.qualifier ? { qualifier: opts.qualifier } : {}),
  });
}

/** A loop: loop('2010AA', 'Billing Provider Name', R, 1, [seg('NM1', ...), ...]); the first child starts it. */
export function loop(id: string, name: string, usage: Usage, max: number, children: readonly (SegmentDef | LoopDef)[]): LoopDef {
  if (children.length === 0 || children[0].kind !== 'segment') throw new Error(`loop ${id} must start with a segment`);
  return Object.freeze({ kind: 'loop', id, name, usage, max, children: Object.freeze([...children]) });
}

export function guide(def: GuideDef): GuideDef {
  return Object.freeze(def);
}
