/**
 * The ambiguity audit every guide must pass, shared by the guide tests and the loop-tree test.
 *
 * Within each loop, the segment uses and the child loops' first segments are what a segment can match at
 * that level (the loop's own first segment included). Any two with the same segment id must be told apart
 * by codes at the same qualifier position, with no code shared. The qualifier is the one the state machine
 * reads (compile.ts): the explicit `qualifier` (element, optional component), else the first used simple
 * element with codes. A second pass checks that the compiled guide really carries those codes for every
 * use that shares its id with a sibling, so the audit and the state machine cannot drift apart.
 */
import { type CompiledLoop, compileGuide } from '../../../src/grammar/compile.js';
import type { GuideDef, LoopDef, SegmentDef } from '../../../src/grammar/types.js';

export interface Qualifier {
  /** "element.component" (component 0 for a simple element). */
  readonly pos: string;
  readonly codes: readonly string[];
}

/** The codes that tell a segment use apart, where the state machine reads them; undefined when it has none. */
export function qualifierOf(s: SegmentDef): Qualifier | undefined {
  if (s.qualifier) {
    const e = s.elements[s.qualifier.element - 1];
    if (!e) return undefined;
    const component = e.kind === 'composite' ? s.qualifier.component ?? 1 : 0;
    const simple = e.kind === 'composite' ? e.components[component - 1] : e;
    if (!simple?.codes || simple.codes.length === 0) return undefined;
    return { pos: `${s.qualifier.element}.${component}`, codes: simple.codes };
  }
  for (let i = 0; i < s.elements.length; i++) {
    const e = s.elements[i];
    if (e.kind === 'simple' && e.usage !== 'N' && e.codes) return e.codes.length > 0 ? { pos: `${i + 1}.0`, codes: e.codes } : undefined;
  }
  return undefined;
}

function* loopsOf(l: LoopDef): Generator<LoopDef> {
  yield l;
  for (const c of l.children) if (c.kind === 'loop') yield* loopsOf(c);
}

function rootOf(g: GuideDef | LoopDef): LoopDef {
  return 'root' in g ? g.root : g;
}

function guideOf(g: GuideDef | LoopDef): GuideDef {
  return 'root' in g ? g : { id: `audit ${g.id}`, set: 'AUD', functionalId: 'AU', name: g.name, root: g };
}

/** Ambiguities in a guide (or in one loop and what it holds); [] when every sibling group is told apart. */
export function ambiguities(g: GuideDef | LoopDef): string[] {
  const problems: string[] = [];
  for (const l of loopsOf(rootOf(g))) {
    const entries = l.children.map((c) => ({
      label: c.kind === 'loop' ? `loop ${c.id}` : `${c.id} '${c.name}'`,
      seg: c.kind === 'loop' ? (c.children[0] as SegmentDef) : c,
    }));
    const byId = new Map<string, typeof entries>();
    for (const e of entries) byId.set(e.seg.id, [...(byId.get(e.seg.id) ?? []), e]);
    for (const [id, group] of byId) {
      if (group.length < 2) continue;
      const quals = group.map((e) => ({ e, q: qualifierOf(e.seg) }));
      for (const { e, q } of quals) if (!q) problems.push(`${l.id}: ${e.label} shares ${id} with a sibling but has no distinguishing codes`);
      for (let i = 0; i < quals.length; i++) {
        for (let j = i + 1; j < quals.length; j++) {
          const a = quals[i];
          const b = quals[j];
          if (!a.q || !b.q) continue;
          if (a.q.pos !== b.q.pos) {
            problems.push(`${l.id}: ${a.e.label} and ${b.e.label} qualify at different positions`);
            continue;
          }
          const shared = a.q.codes.filter((c) => b.q!.codes.includes(c));
          if (shared.length) problems.push(`${l.id}: ${a.e.label} and ${b.e.label} share ${shared.join(',')}`);
        }
      }
    }
  }
  problems.push(...compiledDrift(guideOf(g)));
  return problems;
}

/**
 * Every use the state machine has to tell apart from a sibling (a later child sharing its id, or a child
 * loop whose first segment shares its id with a sibling) must carry exactly the codes the audit judged.
 */
function compiledDrift(g: GuideDef): string[] {
  const problems: string[] = [];
  const visit = (l: CompiledLoop): void => {
    const ids = l.children.map((c) => (c.kind === 'segment' ? c.def.id : c.trigger.def.id));
    l.children.forEach((c, i) => {
      if (c.kind === 'loop') visit(c);
      if (i === 0 || ids.filter((x) => x === ids[i]).length < 2) return;
      const use = c.kind === 'segment' ? c : c.trigger;
      const q = qualifierOf(use.def);
      const got = use.qualValues === null ? '' : [...use.qualValues].sort().join(',');
      const want = q ? [...q.codes].sort().join(',') : '';
      const where = q ? q.pos : '0.0';
      const read = `${use.qualElement}.${use.qualComponent}`;
      if (got !== want || (q && read !== where)) {
        problems.push(`${l.def.id}: ${c.kind === 'loop' ? `loop ${c.def.id}` : `${use.def.id} '${use.def.name}'`} is read at ${read} with codes [${got}] but declares ${where} [${want}]`);
      }
    });
  };
  visit(compileGuide(g).root);
  return problems;
}
