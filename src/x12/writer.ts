import { X12dError } from '../errors.js';
import { DEFAULT_DELIMITERS, type Delimiters, ISA_FIELD_WIDTHS, delimiterProblem, describeByte } from './delimiters.js';
import { type ElementValue, type Segment, isRepeated } from './segment.js';

export type ControlNumberKind = 'interchange' | 'group' | 'transaction';

/**
 * Where control numbers come from. The in-memory one below serves tests and one-off files; durable,
 * per-partner allocation (so numbers never repeat across restarts) lives with storage.
 */
export interface ControlNumberAllocator {
  next(kind: ControlNumberKind, partner: string): number | Promise<number>;
}

export class InMemoryControlNumbers implements ControlNumberAllocator {
  private readonly counters = new Map<string, number>();
  constructor(private readonly start = 1) {}
  next(kind: ControlNumberKind, partner: string): number {
    const key = `${kind}\u0000${partner}`;
    const n = this.counters.get(key) ?? this.start;
    this.counters.set(key, n + 1);
    return n;
  }
}

export interface InterchangeHeader {
  readonly senderQualifier: string;
  readonly sender: string;
  readonly receiverQualifier: string;
  readonly receiver: string;
  /** ISA15: P production, T test. */
  readonly usage: 'P' | 'T' | 'I';
  /** ISA14: ask the receiver for a TA1. */
  readonly ackRequested?: boolean;
  readonly date?: Date;
  /** ISA12; 00501 for HIPAA 5010. */
  readonly version?: string;
  readonly authorizationQualifier?: string;
  readonly authorization?: string;
  readonly securityQualifier?: string;
  readonly security?: string;
  /** Use this control number instead of allocating one. */
  readonly control?: number;
}

export interface GroupHeader {
  /** GS01: HC (837), HP (835), HS (270), HB (271), HI (278), FA (999), HN (277). */
  readonly functionalId: string;
  readonly sender: string;
  readonly receiver: string;
  /** GS08, e.g. 005010X222A1. */
  readonly version: string;
  readonly date?: Date;
  readonly control?: number;
}

export interface WriterOptions {
  readonly delimiters?: Delimiters;
  /** What follows each segment terminator: nothing, LF or CRLF. */
  readonly lineEnding?: '' | '\n' | '\r\n';
  /** Trading partner the control numbers are allocated for. */
  readonly partner?: string;
  readonly allocator?: ControlNumberAllocator;
  /** Drop trailing empty elements and components, as X12 requires. Default true. */
  readonly trimTrailing?: boolean;
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}
export function x12Date(d: Date, century: boolean): string {
  const y = century ? String(d.getUTCFullYear()) : pad2(d.getUTCFullYear() % 100);
  return `${y}${pad2(d.getUTCMonth() + 1)}${pad2(d.getUTCDate())}`;
}
export function x12Time(d: Date): string {
  return `${pad2(d.getUTCHours())}${pad2(d.getUTCMinutes())}`;
}

const ISA_NAMES = ['ISA01', 'ISA02', 'ISA03', 'ISA04', 'ISA05', 'ISA06', 'ISA07', 'ISA08', 'ISA09', 'ISA10', 'ISA11', 'ISA12', 'ISA13', 'ISA14', 'ISA15', 'ISA16'];

/** Pads ISA fields to their fixed widths; refuses a value that does not fit. */
export function padIsaField(index: number, value: string): string {
  const width = ISA_FIELD_WIDTHS[index];
  if (value.length > width) {
    throw new X12dError('X12D_ERR_ISA_FIELD_TOO_LONG', `${ISA_NAMES[index]} holds at most ${width} characters; ${JSON.stringify(value)} has ${value.length}.`, { element: ISA_NAMES[index] });
  }
  return index === 12 ? value.padStart(width, '0') : value.padEnd(width, ' ');
}

/**
 * Serialises segments with any delimiter set. It tracks the envelope it writes so the trailers carry the
 * right counts (SE01, GE01, IEA01) whatever the caller passed, and it refuses data that contains a
 * delimiter, naming the segment and element, rather than write a file the partner would misread.
 */
export class X12Writer {
  private d: Delimiters;
  private es = '';
  private cs = '';
  private rs = '';
  private term = '';
  private readonly trim: boolean;
  private readonly partner: string;
  private readonly allocator: ControlNumberAllocator;
  private setSegments = 0;
  private setCount = 0;
  private groupCount = 0;
  private isaControl = '';
  private gsControl = '';
  private stControl = '';
  private inSet = false;
  private inGroup = false;
  private inInterchange = false;
  segmentsWritten = 0;

  constructor(
    private readonly out: (chunk: string) => void,
    opts: WriterOptions = {},
  ) {
    this.trim = opts.trimTrailing !== false;
    this.partner = opts.partner ?? '';
    this.allocator = opts.allocator ?? new InMemoryControlNumbers();
    this.lineEnding = opts.lineEnding ?? '\n';
    this.d = DEFAULT_DELIMITERS;
    this.setDelimiters(opts.delimiters ?? DEFAULT_DELIMITERS);
  }

  private lineEnding: string;

  /** Switches delimiters; takes effect from the next ISA written. */
  setDelimiters(d: Delimiters): void {
    const problem = delimiterProblem(d);
    if (problem !== null) throw new X12dError('X12D_ERR_BAD_DELIMITERS', `These delimiters cannot be used: ${problem}.`);
    this.d = d;
    this.es = String.fromCharCode(d.element);
    this.cs = String.fromCharCode(d.component);
    this.rs = d.repetition >= 0 ? String.fromCharCode(d.repetition) : '';
    this.term = String.fromCharCode(d.segment) + this.lineEnding;
  }

  get delimiters(): Delimiters {
    return this.d;
  }

  private check(text: string, tag: string, pos: number, comp: number, composite: boolean): void {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === this.d.element || c === this.d.segment || c === this.d.component || c === this.d.repetition) {
        const where = composite ? `${tag}${pad2(pos)}-${comp}` : `${tag}${pad2(pos)}`;
        throw new X12dError(
          'X12D_ERR_DELIMITER_IN_DATA',
          `${where} contains ${describeByte(c)}, which is a delimiter in this file; the value must be changed or other delimiters chosen.`,
          { segment: tag, element: pos, component: composite ? comp : undefined },
        );
      }
    }
  }

  private composite(parts: readonly string[], tag: string, pos: number): string {
    let n = parts.length;
    if (this.trim) while (n > 1 && parts[n - 1] === '') n--;
    let s = '';
    for (let i = 0; i < n; i++) {
      this.check(parts[i], tag, pos, i + 1, true);
      s = i === 0 ? parts[i] : s + this.cs + parts[i];
    }
    return s;
  }

  private element(v: ElementValue, tag: string, pos: number): string {
    if (typeof v === 'string') {
      this.check(v, tag, pos, 0, false);
      return v;
    }
    if (isRepeated(v)) {
      if (this.rs === '') {
        throw new X12dError('X12D_ERR_DELIMITER_IN_DATA', `${tag}${pad2(pos)} repeats, but this interchange has no repetition separator.`, { segment: tag, element: pos });
      }
      return v.repeats.map((r) => (typeof r === 'string' ? (this.check(r, tag, pos, 0, false), r) : this.composite(r, tag, pos))).join(this.rs);
    }
    return this.composite(v as readonly string[], tag, pos);
  }

  /** Formats one segment as text (terminator and line ending included), without tracking the envelope. */
  format(tag: string, elements: readonly ElementValue[]): string {
    let n = elements.length;
    if (this.trim && tag !== 'ISA') {
      while (n > 0) {
        const v = elements[n - 1];
        if (v === '' || (Array.isArray(v) && v.every((c) => c === ''))) n--;
        else break;
      }
    }
    let s = tag;
    if (tag === 'ISA') {
      for (let i = 0; i < n; i++) {
        const v = elements[i] as string;
        if (i !== 10 && i !== 15) this.check(v, tag, i + 1, 0, false);
        s += this.es + v;
      }
    } else {
      for (let i = 0; i < n; i++) s += this.es + this.element(elements[i], tag, i + 1);
    }
    return s + this.term;
  }

  /**
   * Writes one segment. ISA/GS/ST/SE/GE/IEA passed here are tracked like any other: the trailers' counts
   * are replaced by the counts actually written.
   */
  write(tag: string, elements: readonly ElementValue[]): void {
    let els = elements;
    switch (tag) {
      case 'ISA':
        this.inInterchange = true;
        this.groupCount = 0;
        this.isaControl = String(elements[12] ?? '');
        break;
      case 'GS':
        this.inGroup = true;
        this.groupCount++;
        this.setCount = 0;
        this.gsControl = String(elements[5] ?? '');
        break;
      case 'ST':
        this.inSet = true;
        this.setCount++;
        this.setSegments = 0;
        this.stControl = String(elements[1] ?? '');
        break;
      case 'SE':
        els = [String(this.setSegments + 1), ...elements.slice(1)];
        this.inSet = false;
        break;
      case 'GE':
        els = [String(this.setCount), ...elements.slice(1)];
        this.inGroup = false;
        break;
      case 'IEA':
        els = [String(this.groupCount), ...elements.slice(1)];
        this.inInterchange = false;
        break;
    }
    if (this.inSet || tag === 'SE') this.setSegments++;
    this.out(this.format(tag, els));
    this.segmentsWritten++;
  }

  writeSegment(seg: Segment): void {
    this.write(seg.tag, seg.elements);
  }

  /** Opens an interchange, allocating ISA13 unless the header gives one. Returns the control number. */
  async beginInterchange(h: InterchangeHeader): Promise<string> {
    if (this.inInterchange) throw new X12dError('X12D_ERR_WRITER_STATE', 'An interchange is already open; end it before starting another.');
    const control = h.control ?? (await this.allocator.next('interchange', this.partner));
    const date = h.date ?? new Date();
    const f = [
      h.authorizationQualifier ?? '00',
      h.authorization ?? '',
      h.securityQualifier ?? '00',
      h.security ?? '',
      h.senderQualifier,
      h.sender,
      h.receiverQualifier,
      h.receiver,
      x12Date(date, false),
      x12Time(date),
      this.rs === '' ? 'U' : this.rs,
      h.version ?? '00501',
      String(control % 1_000_000_000),
      h.ackRequested ? '1' : '0',
      h.usage,
      this.cs,
    ].map((v, i) => padIsaField(i, v));
    this.write('ISA', f);
    return f[12];
  }

  async beginGroup(h: GroupHeader): Promise<string> {
    if (!this.inInterchange) throw new X12dError('X12D_ERR_WRITER_STATE', 'A functional group needs an open interchange.');
    if (this.inGroup) throw new X12dError('X12D_ERR_WRITER_STATE', 'A functional group is already open; end it first.');
    const control = String(h.control ?? (await this.allocator.next('group', this.partner)));
    const date = h.date ?? new Date();
    this.write('GS', [h.functionalId, h.sender, h.receiver, x12Date(date, true), x12Time(date), control, 'X', h.version]);
    return control;
  }

  /** Opens a transaction set; ST03 carries the guide (required in 5010). Returns ST02. */
  async beginTransaction(set: string, guide?: string, control?: string): Promise<string> {
    if (!this.inGroup) throw new X12dError('X12D_ERR_WRITER_STATE', 'A transaction set needs an open functional group.');
    if (this.inSet) throw new X12dError('X12D_ERR_WRITER_STATE', 'A transaction set is already open; end it first.');
    const st02 = control ?? String(await this.allocator.next('transaction', this.partner)).padStart(4, '0');
    this.write('ST', guide ? [set, st02, guide] : [set, st02]);
    return st02;
  }

  endTransaction(): void {
    if (!this.inSet) throw new X12dError('X12D_ERR_WRITER_STATE', 'No transaction set is open.');
    this.write('SE', ['', this.stControl]);
  }
  endGroup(): void {
    if (this.inSet) throw new X12dError('X12D_ERR_WRITER_STATE', `Transaction set ${this.stControl} is still open.`);
    if (!this.inGroup) throw new X12dError('X12D_ERR_WRITER_STATE', 'No functional group is open.');
    this.write('GE', ['', this.gsControl]);
  }
  endInterchange(): void {
    if (this.inGroup) throw new X12dError('X12D_ERR_WRITER_STATE', `Functional group ${this.gsControl} is still open.`);
    if (!this.inInterchange) throw new X12dError('X12D_ERR_WRITER_STATE', 'No interchange is open.');
    this.write('IEA', ['', this.isaControl]);
  }
}

/** A writer that collects its output into a string. */
export function stringWriter(opts: WriterOptions = {}): { writer: X12Writer; text: () => string } {
  const parts: string[] = [];
  const writer = new X12Writer((s) => parts.push(s), opts);
  return { writer, text: () => parts.join('') };
}
