import type { Delimiters } from './delimiters.js';

/** A component list: `HC:64483:50` is ['HC', '64483', '50']. */
export type Composite = readonly string[];
/** A repeated element: `A^B` in an element that repeats. */
export interface Repeated {
  readonly repeats: readonly (string | Composite)[];
}
/** One element of a detached segment: plain text, a composite, or repetitions. */
export type ElementValue = string | Composite | Repeated;

/** A segment as plain, detached, readonly data: safe to keep after the reader moves on. */
export interface Segment {
  readonly tag: string;
  /** elements[0] is element 01 (X12 positions are 1-based; this array is not). */
  readonly elements: readonly ElementValue[];
}

export function isRepeated(v: ElementValue): v is Repeated {
  return typeof v === 'object' && !Array.isArray(v);
}

/** Plain text of an element value's first component/repetition (what a simple element would hold). */
export function firstText(v: ElementValue | undefined): string {
  if (v === undefined) return '';
  if (typeof v === 'string') return v;
  if (isRepeated(v)) {
    const r = v.repeats[0];
    return r === undefined ? '' : typeof r === 'string' ? r : (r[0] ?? '');
  }
  return (v as Composite)[0] ?? '';
}

const MAX_ELEMENTS = 1024;

/**
 * The reader's cursor over one segment. One instance is reused for every segment of a file: it holds
 * offsets into the current read buffer and builds strings only when an element is asked for. It is valid
 * only during the callback that receives it; keep `detach()` or the strings you read, not the view.
 */
export class SegmentView {
  buf: Buffer = Buffer.alloc(0);
  /** Start and end (exclusive) of the segment's bytes in `buf`, terminator excluded. */
  start = 0;
  end = 0;
  /** Byte offset of the segment in the file. */
  offset = 0;
  /** 0-based index of the segment in the file. */
  index = 0;
  /** 1-based position in its transaction set (ST is 1), 0 outside a transaction set. */
  setPosition = 0;
  /** 1-based line, when the file has lines (counted from newlines between segments). */
  line = 1;
  tag = '';
  /** The tag is a well-formed segment id (set by the scanner from a per-tag cache). */
  tagIsValid = true;
  delimiters!: Delimiters;

  // Separator positions: seps[k] is the position of the separator before element k+1.
  private seps = new Int32Array(64);
  private count = -1;

  /** Called by the scanner for each segment; cheap, allocates nothing. */
  reset(buf: Buffer, start: number, end: number, tag: string, delimiters: Delimiters): void {
    this.buf = buf;
    this.start = start;
    this.end = end;
    this.tag = tag;
    this.delimiters = delimiters;
    this.count = -1;
  }

  private split(): void {
    const { buf, end } = this;
    const sep = this.delimiters.element;
    let n = 0;
    let seps = this.seps;
    for (let i = this.start; i < end; i++) {
      if (buf[i] === sep) {
        if (n === seps.length) {
          if (n >= MAX_ELEMENTS) break;
          const grown = new Int32Array(n * 2);
          grown.set(seps);
          this.seps = seps = grown;
        }
        seps[n++] = i;
      }
    }
    this.count = n;
  }

  /** Number of elements after the tag (trailing empty elements included, as written). */
  get elementCount(): number {
    if (this.count < 0) this.split();
    return this.count;
  }

  /** Start byte of element n (1-based) in `buf`; equals elementEnd(n) when absent or empty. No allocation. */
  elementStart(n: number): number {
    if (this.count < 0) this.split();
    if (n < 1 || n > this.count) return this.end;
    return this.seps[n - 1] + 1;
  }

  /** End byte (exclusive) of element n (1-based) in `buf`. No allocation. */
  elementEnd(n: number): number {
    if (this.count < 0) this.split();
    if (n < 1 || n > this.count) return this.end;
    return n < this.count ? this.seps[n] : this.end;
  }

  /** Byte bounds [start, end) of element n (1-based), or null when absent. */
  elementBounds(n: number): [number, number] | null {
    if (this.count < 0) this.split();
    if (n < 1 || n > this.count) return null;
    const s = this.seps[n - 1] + 1;
    const e = n < this.count ? this.seps[n] : this.end;
    return [s, e];
  }

  /** Raw text of element n (1-based), components and repetitions included; '' when absent. */
  element(n: number): string {
    if (this.count < 0) this.split();
    if (n < 1 || n > this.count) return '';
    return this.buf.latin1Slice(this.seps[n - 1] + 1, n < this.count ? this.seps[n] : this.end);
  }

  /** True when element n is present and not empty. */
  has(n: number): boolean {
    return this.elementEnd(n) > this.elementStart(n);
  }

  /** Length in bytes of element n. */
  elementLength(n: number): number {
    const b = this.elementBounds(n);
    return b === null ? 0 : b[1] - b[0];
  }

  /** element(n) === text, compared on the bytes (text is ASCII): no string is built. */
  elementIs(n: number, text: string): boolean {
    if (this.count < 0) this.split();
    let s = this.end;
    let e = this.end;
    if (n >= 1 && n <= this.count) {
      s = this.seps[n - 1] + 1;
      e = n < this.count ? this.seps[n] : this.end;
    }
    return bytesAre(this.buf, s, e, text);
  }

  /** component(n, c) === text, compared on the bytes (text is ASCII): no string is built. */
  componentIs(n: number, c: number, text: string): boolean {
    if (this.count < 0) this.split();
    if (n < 1 || n > this.count) return text === '';
    const b0 = this.seps[n - 1] + 1;
    const b1 = n < this.count ? this.seps[n] : this.end;
    const { buf } = this;
    const comp = this.delimiters.component;
    const rep = this.tag === 'ISA' ? -1 : this.delimiters.repetition;
    let s = b0;
    let k = 1;
    for (let i = b0; i <= b1; i++) {
      const ch = i < b1 ? buf[i] : -2;
      if (ch === comp || ch === rep || i === b1) {
        if (k === c) return bytesAre(buf, s, i, text);
        if (ch !== comp) return text === '';
        k++;
        s = i + 1;
      }
    }
    return text === '';
  }

  /** Component c (1-based) of element n's first repetition. */
  component(n: number, c: number): string {
    if (this.count < 0) this.split();
    if (n < 1 || n > this.count) return '';
    const b0 = this.seps[n - 1] + 1;
    const b1 = n < this.count ? this.seps[n] : this.end;
    const { buf } = this;
    const comp = this.delimiters.component;
    const rep = this.tag === 'ISA' ? -1 : this.delimiters.repetition;
    let s = b0;
    let k = 1;
    for (let i = b0; i <= b1; i++) {
      const ch = i < b1 ? buf[i] : -2;
      if (ch === comp || ch === rep || i === b1) {
        if (k === c) return buf.latin1Slice(s, i);
        if (ch !== comp) return '';
        k++;
        s = i + 1;
      }
    }
    return '';
  }

  /** The whole segment as text, without its terminator. */
  text(): string {
    return this.buf.latin1Slice(this.start, this.end);
  }

  /** Element n as structured data: text, composite or repetitions, in source delimiters. */
  value(n: number): ElementValue {
    const raw = this.element(n);
    if (this.tag === 'ISA') return raw; // ISA11 and ISA16 hold the delimiters themselves
    return splitElement(raw, this.delimiters);
  }

  /** A plain copy that outlives the reader's buffer. */
  detach(): Segment {
    const n = this.elementCount;
    const elements: ElementValue[] = new Array(n);
    for (let i = 1; i <= n; i++) elements[i - 1] = this.value(i);
    return { tag: this.tag, elements };
  }
}

function bytesAre(buf: Buffer, s: number, e: number, text: string): boolean {
  if (e - s !== text.length) return false;
  for (let i = 0; i < text.length; i++) if (buf[s + i] !== text.charCodeAt(i)) return false;
  return true;
}

/** Splits raw element text on the component and repetition separators. */
export function splitElement(raw: string, d: Delimiters): ElementValue {
  const comp = String.fromCharCode(d.component);
  const rep = d.repetition >= 0 ? String.fromCharCode(d.repetition) : null;
  if (rep !== null && raw.includes(rep)) {
    return { repeats: raw.split(rep).map((r) => (r.includes(comp) ? r.split(comp) : r)) };
  }
  if (raw.includes(comp)) return raw.split(comp);
  return raw;
}
