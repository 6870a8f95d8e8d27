/**
 * Helpers shared by the guide tests (and the loop-tree test): walking a guide's loops and segment uses,
 * reading element uses, the structural checks and the ambiguity audit every guide must pass, and running a
 * guide over an interchange with the loop tree and element checks.
 *
 * The ambiguity audit: within each loop, the segment uses and the child loops' first segments are what a
 * segment can match at that level (the loop's own first segment included). Any two with the same segment id
 * must be told apart by codes at the same qualifier position, with no code shared. The qualifier is the one
 * the state machine reads (compile.ts): the explicit `qualifier` (element, optional component), else the
 * first used simple element with codes. A second pass checks that the compiled guide really carries those
 * codes for every use that shares its id with a sibling, so the audit and the state machine cannot drift apart.
 */
import { type CompiledLoop, compileGuide } from '../../../src/grammar/compile.js';
import { checkSegmentElements } from '../../../src/grammar/element-check.js';
import { LoopTreeBuilder } from '../../../src/grammar/loop-tree.js';
import type { ElementDef, GuideDef, LoopDef, SegmentDef, SimpleElementDef } from '../../../src/grammar/types.js';
import { readX12Sync } from '../../../src/x12/reader.js';

// ---- Walking a guide ----

/** A loop and every loop below it, depth-first. */
export function loops(l: LoopDef): LoopDef[] {
  return [l, ...l.children.filter((c): c is LoopDef => c.kind === 'loop').flatMap(loops)];
}

/** Every segment use in a loop and the loops below it, in guide order. */
export function segments(l: LoopDef): SegmentDef[] {
  return l.children.flatMap((c) => (c.kind === 'segment' ? [c] : segments(c)));
}

/** Every loop with this id at or below `root`; throws when there is none. */
export function findLoops(root: LoopDef, id: string): LoopDef[] {
  const found = loops(root).filter((x) => x.id === id);
  if (found.length === 0) throw new Error(`no loop ${id}`);
  return found;
}

/** The first loop with this id at or below `root`; throws when there is none. */
export function findLoop(root: LoopDef, id: string): LoopDef {
  return findLoops(root, id)[0];
}

/** The ids of a loop's direct child loops, in order. */
export function childLoopIds(l: LoopDef): string[] {
  return l.children.filter((c): c is LoopDef => c.kind === 'loop').map((c) => c.id);
}

/** A loop's direct segment uses, only those with this segment id when one is given. */
export function segsOf(l: LoopDef, id?: string): SegmentDef[] {
  return l.children.filter((c): c is SegmentDef => c.kind === 'segment' && (id === undefined || c.id === id));
}

// ---- Reading element uses ----

/** The simple elements of an element use: itself, or a composite's components. */
export function simples(e: ElementDef): SimpleElementDef[] {
  return e.kind === 'simple' ? [e] : [...e.components];
}

/**
 * The simple element use at a 1-based position, for assertions; for a composite, its 1-based `component`.
 * Throws when there is no such element, or a composite is read without a component.
 */
export function elementAt(s: SegmentDef, position: number, component?: number): SimpleElementDef {
  const e = s.elements[position - 1];
  if (e?.kind === 'simple') return e;
  const c = e && component !== undefined ? e.components[component - 1] : undefined;
  if (!c) throw new Error(`${s.id}${position}${component === undefined ? '' : `-${component}`} is not a simple element`);
  return c;
}

// ---- Structural checks ----

/** Structural sanity every guide must pass; returns the problems found. */
export function structureProblems(g: GuideDef): string[] {
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

// ---- Running a guide over an interchange ----

export interface Placement {
  /** Loop-tree findings as "SEG@position code: message", element findings likewise, envelope findings as "envelope code: message". */
  readonly findings: string[];
  /** Each placed segment as "loop:segment id:use name". */
  readonly uses: string[];
}

/** Reads an interchange and runs each set through the guide's loop tree and element checks; returns every finding. */
export function validate(g: GuideDef, text: string): Placement {
  const findings: string[] = [];
  const uses: string[] = [];
  let b: LoopTreeBuilder | null = null;
  readX12Sync(Buffer.from(text, 'latin1'), {
    segment(seg) {
      if (seg.tag === 'ST') b = new LoopTreeBuilder(compileGuide(g), {}, (f) => findings.push(`${f.segmentId}@${f.position} ${f.code}: ${f.message}`));
      if (b === null) return;
      const use = b.push(seg);
      if (use) {
        uses.push(`${use.loop.def.id}:${use.def.id}:${use.def.name}`);
        checkSegmentElements(use.def, seg, (f) => findings.push(`${seg.tag}@${seg.setPosition} ${f.code}: ${f.message}`));
      }
      if (seg.tag === 'SE') {
        b.end();
        b = null;
      }
    },
    finding(f) {
      findings.push(`envelope ${f.code}: ${f.message}`);
    },
  });
  return { findings, uses };
}

export interface InterchangeOptions {
  /** Interchange (ISA13, zero-padded) and group (GS06) control number. */
  readonly control: number;
  /** An answer going back: the ISA and GS sender and receiver swap places. */
  readonly reply?: boolean;
}

/** One interchange, one group, one set of the guide around `segs` (written without terminators). */
export function interchange(g: GuideDef, segs: readonly string[], opts: InterchangeOptions): string {
  const pad = (s: string) => s.padEnd(15);
  const [isaFrom, isaTo] = opts.reply ? ['RECEIVER', 'SUBMITTER'] : ['SUBMITTER', 'RECEIVER'];
  const [gsFrom, gsTo] = opts.reply ? ['RECEIVER', 'SENDER'] : ['SENDER', 'RECEIVER'];
  const isaControl = String(opts.control).padStart(9, '0');
  const isa = `ISA*00*          *00*          *ZZ*${pad(isaFrom)}*ZZ*${pad(isaTo)}*240102*1200*^*00501*${isaControl}*0*P*:~`;
  const st = segs.length + 2;
  return [
    isa,
    `GS*${g.functionalId}*${gsFrom}*${gsTo}*20240102*1200*${opts.control}*X*${g.id}~`,
    `ST*${g.set}*0001*${g.id}~`,
    ...segs.map((s) => `${s}~`),
    `SE*${st}*0001~`,
    `GE*1*${opts.control}~`,
    `IEA*1*${isaControl}~`,
  ].join('\n');
}

/** The helpers that read one guide, bound to it: `findLoop(id)` searches its whole tree, `validate(text)` runs it. */
export function forGuide(g: GuideDef): { findLoop(id: string): LoopDef; validate(text: string): Placement } {
  return { findLoop: (id) => findLoop(g.root, id), validate: (text) => validate(g, text) };
}

// ---- The ambiguity audit ----

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

function rootOf(g: GuideDef | LoopDef): LoopDef {
  return 'root' in g ? g.root : g;
}

function guideOf(g: GuideDef | LoopDef): GuideDef {
  return 'root' in g ? g : { id: `audit ${g.id}`, set: 'AUD', functionalId: 'AU', name: g.name, root: g };
}

/** Ambiguities in a guide (or in one loop and what it holds); [] when every sibling group is told apart. */
export function ambiguities(g: GuideDef | LoopDef): string[] {
  const problems: string[] = [];
  for (const l of loops(rootOf(g))) {
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
