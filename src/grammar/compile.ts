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
}

export interface CompiledLoop {
  readonly kind: 'loop';
  readonly def: LoopDef;
  readonly parent: CompiledLoop | null;
  readonly index: number;
  readonly children: readonly (CompiledSegment | CompiledLoop)[];
  readonly trigger: CompiledSegment;
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
    const loop = { kind: 'loop', def: loopDef, parent, index, children, trigger: null as unknown as CompiledSegment } as CompiledLoop & { trigger: CompiledSegment };
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
        children.push({ kind: 'segment', def: c, loop, index: i, qualElement: q.element, qualComponent: q.component, qualValues: q.values });
      } else {
        children.push(build(c, loop, i, shared.has(idOf(c))));
      }
    });
    loop.trigger = children[0] as CompiledSegment;
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
