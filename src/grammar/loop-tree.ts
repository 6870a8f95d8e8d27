import type { SegmentView } from '../x12/segment.js';
import type { CompiledGuide, CompiledLoop, CompiledSegment } from './compile.js';

/** IK3-04 segment syntax error codes. */
export const SegmentError = {
  UNRECOGNIZED: '1',
  UNEXPECTED: '2',
  REQUIRED_MISSING: '3',
  LOOP_OVER_MAX: '4',
  SEGMENT_OVER_MAX: '5',
  NOT_IN_SET: '6',
  OUT_OF_SEQUENCE: '7',
  HAS_ELEMENT_ERRORS: '8',
  NOT_USED_PRESENT: 'I4',
} as const;
export type SegmentError = (typeof SegmentError)[keyof typeof SegmentError];

export interface StructureFinding {
  readonly code: SegmentError;
  /** The segment in question: the one read, or the one missing. */
  readonly segmentId: string;
  /** Position in the transaction set of the segment read (where a missing one was expected). */
  readonly position: number;
  readonly offset: number;
  /** Loop id of the segment (or of the loop missing). */
  readonly loop: string;
  readonly message: string;
}

export interface LoopTreeListener {
  /** `seg` is null for the transaction set's own loop when the guide was chosen after its ST. */
  enterLoop?(loop: CompiledLoop, seg: SegmentView | null): void;
  exitLoop?(loop: CompiledLoop): void;
  /** Every segment, with the use it matched (null when it matched none). */
  segment?(use: CompiledSegment | null, seg: SegmentView): void;
}

/** find() returns depth * FIND_STRIDE + child index, or -1: no object per segment. */
const FIND_STRIDE = 1 << 16;

interface Frame {
  loop: CompiledLoop;
  /** Index of the child last matched in this iteration. */
  pos: number;
  counts: Int32Array;
}

/**
 * Whether the segment carries one of the use's qualifier codes: the element (qualComponent 0), or the
 * component of its first repetition, read on the buffer. A string is built only for codes over 3 bytes.
 */
function qualifierMatches(use: CompiledSegment, seg: SegmentView): boolean {
  if (use.qualValues === null) return true;
  const buf = seg.buf;
  let s = seg.elementStart(use.qualElement);
  let e = seg.elementEnd(use.qualElement);
  const c = use.qualComponent;
  if (c !== 0) {
    // As SegmentView.component(): split the first repetition on the component separator.
    const comp = seg.delimiters.component;
    const rep = seg.tag === 'ISA' ? -1 : seg.delimiters.repetition;
    let k = 1;
    let cs = s;
    let found = false;
    for (let i = s; i <= e; i++) {
      const ch = i < e ? buf[i] : -2;
      if (ch === comp || ch === rep || i === e) {
        if (k === c) {
          s = cs;
          e = i;
          found = true;
          break;
        }
        if (ch !== comp) break;
        k++;
        cs = i + 1;
      }
    }
    if (!found) e = s;
  }
  const len = e - s;
  if (len >= 1 && len <= 3) {
    let key = len;
    for (let i = s; i < e; i++) key = (key << 8) | buf[i];
    return use.qualShort!.has(key);
  }
  return use.qualValues.has(len === 0 ? '' : buf.latin1Slice(s, e));
}

function describeUse(use: CompiledSegment): string {
  return `${use.def.id} (${use.def.name})`;
}

/**
 * One small state machine for every guide. For each segment it looks, from the innermost open loop
 * outwards, for the next segment use or child loop the segment can be (same id, and the qualifier
 * code when siblings share the id); entering a loop, repeating one, or closing loops as it goes. What
 * it cannot place, or what the guide required and never came, is reported with the IK3 code a 999 uses.
 */
export class LoopTreeBuilder {
  private stack: Frame[] = [];
  private position = 0;
  private offset = 0;

  constructor(
    private readonly guide: CompiledGuide,
    private readonly listener: LoopTreeListener,
    private readonly report: (f: StructureFinding) => void,
  ) {}

  /** The loop the last segment was placed in. */
  get currentLoop(): CompiledLoop | null {
    return this.stack.length > 0 ? this.stack[this.stack.length - 1].loop : null;
  }

  /** Frames by stack depth, reused: entering a loop allocates nothing once the depth was reached before. */
  private readonly pool: Frame[] = [];

  /** A fresh frame for the loop, to be pushed at the top of the stack. */
  private frame(loop: CompiledLoop): Frame {
    const n = loop.children.length;
    const depth = this.stack.length;
    let f = this.pool[depth];
    if (f === undefined || f.counts.length < n) {
      f = { loop, pos: 0, counts: new Int32Array(Math.max(n, 8)) };
      this.pool[depth] = f;
      return f;
    }
    f.loop = loop;
    f.pos = 0;
    f.counts.fill(0, 0, n);
    return f;
  }

  /**
   * Strict: the next use or loop the segment can be, qualifier included. Loose (when nothing matched
   * strictly): the next use with the same id not yet filled in this iteration, so a wrong qualifier code
   * is reported once, as an invalid code, not also as a use over its maximum.
   */
  private find(seg: SegmentView, strict: boolean): number {
    const tag = seg.tag;
    for (let depth = this.stack.length - 1; depth >= 0; depth--) {
      const f = this.stack[depth];
      // Only the children with this segment id, in order (the loop's index, not a scan of every child).
      const candidates = f.loop.byTag.get(tag);
      if (candidates === undefined) continue;
      const children = f.loop.children;
      const from = f.pos < 1 ? 1 : f.pos;
      for (let k = 0; k < candidates.length; k++) {
        const i = candidates[k];
        if (i < from) continue;
        const c = children[i];
        const use = c.kind === 'segment' ? c : c.trigger;
        if (strict ? !qualifierMatches(use, seg) : f.counts[i] > 0) continue;
        return depth * FIND_STRIDE + i;
      }
    }
    return -1;
  }

  private missing(f: Frame, from: number, to: number): void {
    const children = f.loop.children;
    const next = f.loop.requiredNext;
    // Only the required children between from and to (situational ones are skipped through the index).
    for (let i = from < children.length ? next[from] : children.length; i < to; i = next[i + 1]) {
      const c = children[i];
      if (f.counts[i] !== 0) continue;
      const use = c.kind === 'segment' ? c : c.trigger;
      const what = c.kind === 'segment' ? `segment ${describeUse(use)}` : `loop ${c.def.id} (${c.def.name}), which starts with ${use.def.id}`;
      this.report({
        code: SegmentError.REQUIRED_MISSING,
        segmentId: use.def.id,
        position: this.position,
        offset: this.offset,
        loop: c.kind === 'loop' ? c.def.id : f.loop.def.id,
        message: `The required ${what} is missing from loop ${f.loop.def.id === 'ST' ? 'header' : f.loop.def.id} (${f.loop.def.name}).`,
      });
    }
  }

  private close(f: Frame): void {
    this.missing(f, f.pos + 1, f.loop.children.length);
    this.listener.exitLoop?.(f.loop);
  }

  /** Opens the transaction set as if its ST was placed (when the guide is chosen after the ST). */
  begin(stPosition: number): void {
    if (this.stack.length > 0) return;
    const f = this.frame(this.guide.root);
    f.counts[0] = 1;
    this.position = stPosition;
    this.stack.push(f);
    this.listener.enterLoop?.(this.guide.root, null);
  }

  /** Places one segment of the transaction set (ST first). Returns the use it matched, or null. */
  push(seg: SegmentView): CompiledSegment | null {
    this.position = seg.setPosition;
    this.offset = seg.offset;
    if (this.stack.length === 0) {
      const root = this.guide.root;
      const f = this.frame(root);
      f.counts[0] = 1;
      this.stack.push(f);
      this.listener.enterLoop?.(root, seg);
      this.listener.segment?.(root.trigger, seg);
      return root.trigger;
    }
    // A segment that strictly fits a use already passed is out of order; placing it loosely ahead would
    // hide that behind misleading "invalid code" and "too many" findings.
    let hit = this.find(seg, true);
    if (hit < 0 && !this.earlier(seg)) hit = this.find(seg, false);
    if (hit < 0) {
      this.unplaced(seg);
      this.listener.segment?.(null, seg);
      return null;
    }
    const hitDepth = Math.floor(hit / FIND_STRIDE);
    const hitIndex = hit % FIND_STRIDE;
    while (this.stack.length - 1 > hitDepth) this.close(this.stack.pop()!);
    const f = this.stack[hitDepth];
    this.missing(f, f.pos + 1, hitIndex);
    const child = f.loop.children[hitIndex];
    const count = ++f.counts[hitIndex];
    f.pos = hitIndex;
    const loopId = child.kind === 'loop' ? child.def.id : f.loop.def.id;
    if (count > child.def.max) {
      this.report({
        code: child.kind === 'loop' ? SegmentError.LOOP_OVER_MAX : SegmentError.SEGMENT_OVER_MAX,
        segmentId: seg.tag,
        position: this.position,
        offset: this.offset,
        loop: loopId,
        message:
          child.kind === 'loop'
            ? `Loop ${child.def.id} (${child.def.name}) occurs ${count} times; the guide allows at most ${child.def.max}.`
            : `Segment ${describeUse(child)} occurs ${count} times in loop ${loopId}; the guide allows at most ${child.def.max}.`,
      });
    }
    const use = child.kind === 'segment' ? child : child.trigger;
    if (child.def.usage === 'N') {
      this.report({
        code: SegmentError.NOT_USED_PRESENT,
        segmentId: seg.tag,
        position: this.position,
        offset: this.offset,
        loop: loopId,
        message: `${child.kind === 'loop' ? `Loop ${child.def.id}` : `Segment ${describeUse(use)}`} is not used in this guide but is present.`,
      });
    }
    if (child.kind === 'loop') {
      const nf = this.frame(child);
      nf.counts[0] = 1;
      this.stack.push(nf);
      this.listener.enterLoop?.(child, seg);
    }
    this.listener.segment?.(use, seg);
    return use;
  }

  private unplaced(seg: SegmentView): void {
    const tag = seg.tag;
    const here = this.currentLoop;
    const where = here === null ? 'the header' : here.parent === null ? 'the header' : `loop ${here.def.id} (${here.def.name})`;
    let code: SegmentError;
    let message: string;
    if (!/^[A-Z][A-Z0-9]{1,2}$/.test(tag)) {
      code = SegmentError.UNRECOGNIZED;
      message = `Segment ${seg.setPosition} has an id that is not an X12 segment id.`;
    } else if (!this.guide.segmentIds.has(tag)) {
      code = SegmentError.NOT_IN_SET;
      message = `Segment ${tag} is not part of the ${this.guide.def.set} transaction set as ${this.guide.def.id} defines it.`;
    } else if (this.earlier(seg)) {
      code = SegmentError.OUT_OF_SEQUENCE;
      message = `Segment ${tag} is out of order in ${where}: the guide places it before segments already read.`;
    } else {
      code = SegmentError.UNEXPECTED;
      message = `Segment ${tag} is not expected in ${where} at this point.`;
    }
    this.report({ code, segmentId: tag, position: seg.setPosition, offset: seg.offset, loop: here?.def.id ?? 'ST', message });
  }

  private earlier(seg: SegmentView): boolean {
    for (const f of this.stack) {
      for (let i = 1; i <= f.pos && i < f.loop.children.length; i++) {
        const c = f.loop.children[i];
        const use = c.kind === 'segment' ? c : c.trigger;
        if (use.def.id === seg.tag && qualifierMatches(use, seg)) return true;
      }
    }
    return false;
  }

  /** Closes every open loop (after SE, or when the set ends without one), reporting what was required and never came. */
  end(): void {
    while (this.stack.length > 0) this.close(this.stack.pop()!);
  }
}
