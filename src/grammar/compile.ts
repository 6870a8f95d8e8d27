import type { GuideDef, LoopDef, SegmentDef } from './types.js';

/** A segment use placed in its loop, with what tells it apart from same-id siblings. */
export interface CompiledSegment {
  readonly kind: 'segment';
  readonly def: SegmentDef;
  readonly loop: CompiledLoop;
  /** Index among the loop's children. */
  readonly index: number;
  /** Element (1-based) and component (0 = whole element) read to tell this use apart; 0 when none. */
  readonly qualElement: number;
  readonly qualComponent: number;
  readonly qualValues: ReadonlySet<string> | null;
  /**
   * The qualifier codes of 1 to 3 characters as small integers (length, then the bytes), so the loop tree
   * can match a qualifier on the buffer without building a string; null when qualValues is.
   */
  readonly qualShort: ReadonlySet<number> | null;
}

/** The key qualShort holds for a code of 1 to 3 characters: its length, then its bytes, in one integer. */
export function shortCodeKey(code: string): number {
  let k = code.length;
  for (let i = 0; i < code.length; i++) k = (k << 8) | (code.charCodeAt(i) & 0xff);
  return k;
}

function shortKeys(values: ReadonlySet<string> | null): ReadonlySet<number> | null {
  if (values === null) return null;
  const out = new Set<number>();
  for (const v of values) if (v.length >= 1 && v.length <= 3) out.add(shortCodeKey(v));
  return out;
}

export interface CompiledLoop {
  readonly kind: 'loop';
  readonly def: LoopDef;
  readonly parent: CompiledLoop | null;
  readonly index: number;
  readonly children: readonly (CompiledSegment | CompiledLoop)[];
  readonly trigger: CompiledSegment;
  /** For each segment id, the indices of the children it can be (uses, and loops it starts), ascending. */
  readonly byTag: ReadonlyMap<string, Int32Array>;
  /** requiredNext[i]: the first child at index i or after whose usage is R; children.length when none. */
  readonly requiredNext: Int32Array;
}

export interface CompiledGuide {
  readonly def: GuideDef;
  readonly root: CompiledLoop;
  /** Every segment id the guide uses somewhere. */
  readonly segmentIds: ReadonlySet<string>;
}

function qualifierOf(def: SegmentDef): { element: number; component: number; values: ReadonlySet<string> | null } {
  if (def.qualifier) {
    const e = def.elements[def.qualifier.element - 1];
    if (e === undefined) return { element: 0, component: 0, values: null };
    if (e.kind === 'composite') {
      const c = e.components[(def.qualifier.component ?? 1) - 1];
      return { element: def.qualifier.element, component: def.qualifier.component ?? 1, values: c?.codes ? new Set(c.codes) : null };
    }
    return { element: def.qualifier.element, component: 0, values: e.codes ? new Set(e.codes) : null };
  }
  for (let i = 0; i < def.elements.length; i++) {
    const e = def.elements[i];
    if (e.kind === 'simple' && e.codes && e.usage !== 'N') return { element: i + 1, component: 0, values: new Set(e.codes) };
  }
  return { element: 0, component: 0, values: null };
}

const cache = new WeakMap<GuideDef, CompiledGuide>();

/** Links a guide's loops and segments for the state machine. Done once per guide and cached. */
export function compileGuide(def: GuideDef): CompiledGuide {
  const hit = cache.get(def);
  if (hit) return hit;
  const ids = new Set<string>();
  const build = (loopDef: LoopDef, parent: CompiledLoop | null, index: number, triggerShared: boolean): CompiledLoop => {
    const children: (CompiledSegment | CompiledLoop)[] = [];
    const loop = { kind: 'loop', def: loopDef, parent, index, children, trigger: null as unknown as CompiledSegment, byTag: null as unknown as ReadonlyMap<string, Int32Array>, requiredNext: null as unknown as Int32Array } as CompiledLoop & { trigger: CompiledSegment };
    // A qualifier only matters where siblings share an id (NM1*85 and NM1*87); a lone use matches on its
    // id alone, so a situational qualifier element left empty is not mistaken for another segment.
    const idOf = (c: SegmentDef | LoopDef) => (c.kind === 'segment' ? c.id : (c.children[0] as SegmentDef).id);
    const shared = new Set<string>();
    const seen = new Set<string>();
    for (const c of loopDef.children) {
      const id = idOf(c);
      if (seen.has(id)) shared.add(id);
      seen.add(id);
    }
    loopDef.children.forEach((c, i) => {
      if (c.kind === 'segment') {
        ids.add(c.id);
        const q = c.qualifier || (i === 0 ? triggerShared : shared.has(c.id)) ? qualifierOf(c) : { element: 0, component: 0, values: null };
        children.push({ kind: 'segment', def: c, loop, index: i, qualElement: q.element, qualComponent: q.component, qualValues: q.values, qualShort: shortKeys(q.values) });
      } else {
        children.push(build(c, loop, i, shared.has(idOf(c))));
      }
    });
    loop.trigger = children[0] as CompiledSegment;
    const byTag = new Map<string, number[]>();
    children.forEach((c, i) => {
      const id = c.kind === 'segment' ? c.def.id : c.trigger.def.id;
      byTag.set(id, [...(byTag.get(id) ?? []), i]);
    });
    const requiredNext = new Int32Array(children.length + 1);
    requiredNext[children.length] = children.length;
    for (let i = children.length - 1; i >= 0; i--) requiredNext[i] = children[i].def.usage === 'R' ? i : requiredNext[i + 1];
    const extra = loop as unknown as { byTag: ReadonlyMap<string, Int32Array>; requiredNext: Int32Array };
    extra.byTag = new Map([...byTag].map(([k, v]) => [k, Int32Array.from(v)]));
    extra.requiredNext = requiredNext;
    return loop;
  };
  const compiled: CompiledGuide = { def, root: build(def.root, null, 0, false), segmentIds: ids };
  cache.set(def, compiled);
  return compiled;
}

/** The loop ids from the root to this loop, for messages: 2000A > 2000B > 2300. */
export function loopPath(loop: CompiledLoop | null): string {
  const ids: string[] = [];
  for (let l = loop; l !== null && l.parent !== null; l = l.parent) ids.unshift(l.def.id);
  return ids.join(' > ');
}
