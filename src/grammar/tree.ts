import type { Segment } from '../x12/segment.js';
import { firstText, isRepeated } from '../x12/segment.js';
import type { SegmentView } from '../x12/segment.js';
import type { CompiledLoop, CompiledSegment } from './compile.js';
import type { LoopTreeListener } from './loop-tree.js';

/** A segment placed in the loop tree: the detached segment and the guide use it matched. */
export interface SegmentNode {
  readonly kind: 'segment';
  readonly id: string;
  /** The guide's name for this use ("Billing Provider Name"). */
  readonly name: string;
  readonly segment: Segment;
  /** Position in the transaction set (ST = 1). */
  readonly position: number;
}

/** One iteration of a loop, with its segments and child loops in file order. */
export interface LoopNode {
  readonly kind: 'loop';
  /** Loop id as the guide names it ('2300'); 'ST' for the transaction set itself. */
  readonly id: string;
  readonly name: string;
  readonly children: (SegmentNode | LoopNode)[];
}

/** Element n (1-based) of a segment as text; for composites, the whole first component. */
export function el(seg: Segment | undefined, n: number): string {
  if (seg === undefined) return '';
  return firstText(seg.elements[n - 1]);
}

/** Component c (1-based) of element n. */
export function comp(seg: Segment | undefined, n: number, c: number): string {
  if (seg === undefined) return '';
  const v = seg.elements[n - 1];
  if (v === undefined) return '';
  if (typeof v === 'string') return c === 1 ? v : '';
  if (isRepeated(v)) {
    const r = v.repeats[0];
    return typeof r === 'string' ? (c === 1 ? r : '') : (r?.[c - 1] ?? '');
  }
  return (v as readonly string[])[c - 1] ?? '';
}

/** The repetitions of element n as text (one entry when the element does not repeat). */
export function reps(seg: Segment | undefined, n: number): string[] {
  if (seg === undefined) return [];
  const v = seg.elements[n - 1];
  if (v === undefined || v === '') return [];
  if (typeof v === 'string') return [v];
  if (isRepeated(v)) return v.repeats.map((r) => (typeof r === 'string' ? r : r.join(':')));
  return [firstText(v)];
}

/** Query helpers over a loop node, so document mappers read like the TR3. */
export class Loop {
  constructor(readonly node: LoopNode) {}

  /** Segments with this id directly in the loop, optionally with element 1 (or `element`) equal to a code. */
  segments(id: string, code?: string, element = 1): Segment[] {
    const out: Segment[] = [];
    for (const c of this.node.children) if (c.kind === 'segment' && c.id === id && (code === undefined || el(c.segment, element) === code)) out.push(c.segment);
    return out;
  }

  segment(id: string, code?: string, element = 1): Segment | undefined {
    return this.segments(id, code, element)[0];
  }

  loops(id: string): Loop[] {
    const out: Loop[] = [];
    for (const c of this.node.children) if (c.kind === 'loop' && c.id === id) out.push(new Loop(c));
    return out;
  }

  loop(id: string): Loop | undefined {
    return this.loops(id)[0];
  }

  /** Child loops whose first segment has element `element` equal to `code` (NM1*85 in 2010AA, say). */
  loopsWhere(id: string, code: string, element = 1): Loop[] {
    return this.loops(id).filter((l) => {
      const first = l.node.children[0];
      return first !== undefined && first.kind === 'segment' && el(first.segment, element) === code;
    });
  }

  /** The segment that starts this loop. */
  get first(): Segment {
    const f = this.node.children[0];
    if (f === undefined || f.kind !== 'segment') throw new Error(`loop ${this.node.id} has no first segment`);
    return f.segment;
  }
}

/**
 * Builds the loop tree of one transaction set as the state machine places its segments. The tree holds
 * detached segments, so it is built for the set being mapped to records and dropped after it.
 */
export class TreeBuilder implements LoopTreeListener {
  private readonly stack: LoopNode[] = [];
  root: LoopNode | null = null;

  enterLoop(loop: CompiledLoop): void {
    const node: LoopNode = { kind: 'loop', id: loop.parent === null ? 'ST' : loop.def.id, name: loop.def.name, children: [] };
    if (this.stack.length === 0) this.root = node;
    else this.stack[this.stack.length - 1].children.push(node);
    this.stack.push(node);
  }

  exitLoop(): void {
    this.stack.pop();
  }

  segment(use: CompiledSegment | null, seg: SegmentView): void {
    const top = this.stack[this.stack.length - 1];
    if (top === undefined) return;
    top.children.push({ kind: 'segment', id: seg.tag, name: use?.def.name ?? '(not in the guide)', segment: seg.detach(), position: seg.setPosition });
  }
}
