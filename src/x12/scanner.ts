import {
  type Delimiters,
  ISA_LENGTH,
  ISA_SEPARATOR_POSITIONS,
  delimiterProblem,
  describeByte,
  isAlphanumeric,
} from './delimiters.js';
import { type Finding, type FindingCode, finding } from './findings.js';
import { SegmentView } from './segment.js';

/** What the scanner hands its segments and findings to (the envelope checker, in the reader). */
export interface ScanSink {
  segment(view: SegmentView): void;
  finding(f: Finding): void;
}

const SEEK_ISA = 0;
const IN_INTERCHANGE = 1;
const DEAD = 2;

/** Segments longer than this without a terminator mean the terminator is wrong: stop, keep memory bounded. */
export const DEFAULT_MAX_SEGMENT = 1 << 20;
/** How far to look for the 16th separator of an ISA that is not the fixed 106 bytes. */
const ISA_SEARCH_LIMIT = 400;
/** How far into a file to look for an ISA behind leading text. */
const LEADING_TEXT_LIMIT = 64 * 1024;

/**
 * Splits X12 bytes into segments. It knows delimiters and the ISA, nothing about envelopes or guides.
 * It works on a window [from, to) of a caller-owned buffer and returns how far it got, so the caller
 * decides how to carry the unfinished tail into the next read (concatenation for streams, a reused
 * buffer for files). Chunk borders never change the result: an unfinished segment is simply not consumed.
 *
 * Per segment it costs one `indexOf` for the terminator and a cached tag lookup; elements are located
 * only when someone asks the SegmentView for them.
 */
export class SegmentScanner {
  private mode = SEEK_ISA;
  private delims: Delimiters | null = null;
  private skippable = new Uint8Array(256);
  private readonly tags = new Map<number, string>();
  /** Tags seen so far that are real segment ids (2-3 capitals or digits, starting with a letter). */
  private readonly validTags = new Set<string>();
  private readonly view = new SegmentView();
  private segmentIndex = 0;
  private line = 1;
  private sawContent = false;
  /** Set by the sink to stop the current scan() after the segment it is handling. */
  paused = false;

  constructor(
    private readonly sink: ScanSink,
    private readonly maxSegment = DEFAULT_MAX_SEGMENT,
  ) {
    this.setSkippable(null);
  }

  /** True once the scanner has given up on the file (fatal finding reported). */
  get dead(): boolean {
    return this.mode === DEAD;
  }

  get segmentsRead(): number {
    return this.segmentIndex;
  }

  private setSkippable(d: Delimiters | null): void {
    const t = this.skippable;
    t.fill(0);
    for (const b of [0x0a, 0x0d, 0x20, 0x09, 0x00]) t[b] = 1;
    if (d) {
      t[d.element] = 0;
      t[d.component] = 0;
      t[d.segment] = 0;
      if (d.repetition >= 0) t[d.repetition] = 0;
    }
  }

  /** Gives up on the rest of the file: whatever the code, a finding that stops reading is fatal. */
  private fail(code: FindingCode, message: string, offset: number): void {
    this.mode = DEAD;
    this.sink.finding({ ...finding(code, message, { offset, segment: -1, line: this.line }), severity: 'fatal' });
  }

  /**
   * Scans buf[from, to). `base` is the file offset of buf[0]. Returns the first byte not consumed; with
   * `final` everything is consumed. A paused scan returns early; call again from the returned position.
   */
  scan(buf: Buffer, from: number, to: number, base: number, final: boolean): number {
    const b = to === buf.length ? buf : buf.subarray(0, to);
    const skip = this.skippable;
    const view = this.view;
    this.paused = false;
    let pos = from;

    while (pos < to) {
      if (this.mode === DEAD) return to;

      // Whitespace between segments: CR/LF after terminators, indentation, blank lines.
      while (pos < to && skip[b[pos]] === 1) {
        if (b[pos] === 0x0a) this.line++;
        pos++;
      }
      if (pos >= to) break;

      if (!this.sawContent) {
        const r = this.startOfFile(b, pos, to, base, final);
        if (r < 0) return pos; // need more bytes
        if (this.mode === DEAD) return to;
        pos = r;
        this.sawContent = true;
        continue;
      }

      const d = this.delims;
      if (this.mode === SEEK_ISA || (b[pos] === 0x49 && this.looksLikeIsa(b, pos, to))) {
        if (this.mode === IN_INTERCHANGE && pos + 3 >= to && !final) return pos;
        if (b[pos] === 0x49 && b[pos + 1] === 0x53 && b[pos + 2] === 0x41) {
          const r = this.readIsa(b, pos, to, base, final);
          if (r < 0) return pos;
          pos = r;
          if (this.paused) return pos;
          continue;
        }
        if (d === null) {
          this.fail('NOT_X12', 'The file does not start with an ISA interchange header, so it is not an X12 file this reader can split into segments.', base + pos);
          return to;
        }
        // Content after an IEA that is not a new ISA: read it with the last delimiters so the
        // envelope checker can name it as outside any interchange.
      }
      if (d === null) return to;

      const e = b.indexOf(d.segment, pos);
      let segEnd: number;
      let next: number;
      if (e < 0) {
        if (!final) {
          if (to - pos > this.maxSegment) {
            this.fail(
              'SEGMENT_TOO_LONG',
              `No segment terminator ${describeByte(d.segment)} within ${this.maxSegment} bytes: the terminator in the ISA does not match the file, or the file is damaged.`,
              base + pos,
            );
            return to;
          }
          return pos;
        }
        segEnd = to;
        next = to;
        while (segEnd > pos && skip[b[segEnd - 1]] === 1) segEnd--;
        this.sink.finding(
          finding('MISSING_FINAL_TERMINATOR', `The last segment has no terminator ${describeByte(d.segment)}; it was read anyway.`, {
            offset: base + pos,
            segment: this.segmentIndex,
            line: this.line,
          }),
        );
      } else {
        segEnd = e;
        next = e + 1;
        if (d.segment === 0x0a && segEnd > pos && b[segEnd - 1] === 0x0d) segEnd--;
      }

      if (segEnd === pos) {
        this.sink.finding(
          finding('EMPTY_SEGMENT', 'An empty segment (two terminators in a row) was skipped.', {
            offset: base + pos,
            segment: this.segmentIndex,
            line: this.line,
          }),
        );
        if (d.segment === 0x0a) this.line++;
        pos = next;
        continue;
      }

      const tag = this.tagAt(b, pos, segEnd, d.element);
      view.reset(b, pos, segEnd, tag, d);
      view.tagIsValid = this.validTags.has(tag);
      view.offset = base + pos;
      view.index = this.segmentIndex++;
      view.line = this.line;
      view.setPosition = 0;
      if (d.segment === 0x0a) this.line++;
      pos = next;
      if (tag === 'IEA') this.mode = SEEK_ISA;
      this.sink.segment(view);
      if (this.paused) return pos;
    }
    if (final && !this.sawContent && this.mode !== DEAD) {
      this.fail('NOT_X12', 'The file is empty (or holds only blank lines): there is no X12 interchange in it.', base + pos);
    }
    return pos;
  }

  private looksLikeIsa(b: Buffer, pos: number, to: number): boolean {
    return pos + 3 < to && b[pos + 1] === 0x53 && b[pos + 2] === 0x41 && !isAlphanumeric(b[pos + 3]);
  }

  /** First bytes of the file: BOM, wide encodings, and the first ISA. Returns -1 to wait for more. */
  private startOfFile(b: Buffer, pos: number, to: number, base: number, final: boolean): number {
    if (to - pos < 4 && !final) return -1;
    if ((b[pos] === 0xff && b[pos + 1] === 0xfe) || (b[pos] === 0xfe && b[pos + 1] === 0xff) || (pos + 1 < to && b[pos + 1] === 0 && b[pos] !== 0)) {
      this.fail(
        'WIDE_ENCODING',
        'The file is UTF-16 (two bytes per character). X12 files must be plain ASCII or UTF-8: ask the sender to re-save it, or convert it before loading.',
        base + pos,
      );
      return to;
    }
    // Lines are counted locally and kept only when this call consumes them: a -1 rewinds to `pos`.
    let lines = 0;
    if (b[pos] === 0xef && b[pos + 1] === 0xbb && b[pos + 2] === 0xbf) {
      pos += 3; // a UTF-8 byte order mark, written by some editors: tolerated
      while (pos < to && this.skippable[b[pos]] === 1) {
        if (b[pos] === 0x0a) lines++;
        pos++;
      }
    }
    if (pos + 3 > to && !final) return -1;
    this.line += lines;
    if (!(b[pos] === 0x49 && b[pos + 1] === 0x53 && b[pos + 2] === 0x41)) {
      // Some senders put a text header (an e-mail banner, a scenario description) before the ISA.
      // Look a little way in for one; past that, this is not X12.
      const limit = Math.min(to, pos + LEADING_TEXT_LIMIT);
      let at = -1;
      for (let i = b.indexOf('ISA', pos, 'latin1'); i >= 0 && i + 3 < limit; i = b.indexOf('ISA', i + 1, 'latin1')) {
        if (!isAlphanumeric(b[i + 3]) && b[i + 3] > 0x20 && (i === 0 || b[i - 1] < 0x41)) {
          at = i;
          break;
        }
      }
      if (at < 0) {
        if (!final && limit === to && to - pos < LEADING_TEXT_LIMIT) {
          this.line -= lines;
          return -1;
        }
        this.fail('NOT_X12', 'The file does not start with an ISA interchange header, so it is not an X12 file this reader can split into segments.', base + pos);
        return to;
      }
      this.sink.finding(
        finding('TEXT_BEFORE_ISA', `The file has ${at - pos} bytes of other text before its ISA interchange header; they were skipped.`, { offset: base + pos, segment: -1, line: this.line }),
      );
      for (let i = pos; i < at; i++) if (b[i] === 0x0a) this.line++;
      return at;
    }
    return pos;
  }

  /** Reads an ISA at pos, sets the interchange's delimiters, emits it. Returns -1 to wait for more bytes. */
  private readIsa(b: Buffer, pos: number, to: number, base: number, final: boolean): number {
    const avail = to - pos;
    if (avail < ISA_LENGTH && !final) return -1;
    const sep = b[pos + 3];
    if (avail < 4 || isAlphanumeric(sep) || sep === 0x20 || sep === 0x0a || sep === 0x0d) {
      this.fail('BAD_ELEMENT_SEPARATOR', `The ISA's element separator ${describeByte(sep)} (byte 4) cannot be a delimiter.`, base + pos);
      return to;
    }
    let fixed = avail >= ISA_LENGTH;
    if (fixed) {
      for (const p of ISA_SEPARATOR_POSITIONS) {
        if (b[pos + p] !== sep) {
          fixed = false;
          break;
        }
      }
    }
    // Positions of ISA11, ISA12, ISA16 and the terminator.
    let p11: number;
    let p12: number;
    let p16: number;
    if (fixed) {
      p11 = pos + 82;
      p12 = pos + 84;
      p16 = pos + 104;
    } else {
      const limit = Math.min(to, pos + ISA_SEARCH_LIMIT);
      const seps: number[] = [];
      for (let i = pos + 3; i < limit && seps.length < 16; i++) if (b[i] === sep) seps.push(i);
      if (seps.length < 16 || seps[15] + 2 >= to) {
        if (!final && limit === to && avail < ISA_SEARCH_LIMIT) return -1;
        if (final && avail < ISA_LENGTH) {
          this.fail('TRUNCATED', `The file ends inside an ISA interchange header (${avail} of 106 bytes).`, base + pos);
        } else {
          this.fail('ISA_UNREADABLE', 'The ISA interchange header does not have its 16 elements, so the delimiters cannot be known.', base + pos);
        }
        return to;
      }
      p11 = seps[10] + 1;
      p12 = seps[11] + 1;
      p16 = seps[15] + 1;
    }
    const term = b[p16 + 1];
    const version = b.latin1Slice(p12, p12 + 5);
    const rep = version >= '00501' && !isAlphanumeric(b[p11]) && b[p11] !== 0x20 ? b[p11] : -1;
    const comp = b[p16];
    if (isAlphanumeric(comp) || comp === sep || comp === term || comp === 0x20 || comp === 0x0a || comp === 0x0d) {
      this.fail('BAD_COMPONENT_SEPARATOR', `The ISA's component separator (ISA16) ${describeByte(comp)} cannot be a delimiter.`, base + pos);
      return to;
    }
    let d: Delimiters = { element: sep, component: comp, repetition: rep, segment: term };
    if (rep >= 0 && (rep === d.component || rep === sep || rep === term)) {
      // ISA11 repeats another delimiter: read the interchange without repetitions rather than give up.
      d = { ...d, repetition: -1 };
      this.sink.finding(
        finding('BAD_COMPONENT_SEPARATOR', `The repetition separator (ISA11) ${describeByte(rep)} is also used as another delimiter; the interchange was read without repetitions.`, {
          offset: base + pos,
          segment: this.segmentIndex,
          line: this.line,
          segmentId: 'ISA',
        }),
      );
    }
    const problem = delimiterProblem(d);
    if (problem !== null || term === 0x20) {
      this.fail('BAD_SEGMENT_TERMINATOR', `The ISA's delimiters cannot work: ${problem ?? 'the segment terminator is a space'}.`, base + pos);
      return to;
    }
    if (!fixed) {
      this.sink.finding(
        finding('ISA_WRONG_LENGTH', `${p16 + 2 - pos === ISA_LENGTH ? 'The ISA interchange header is 106 characters, but its fields are not at their fixed positions' : `The ISA interchange header is ${p16 + 2 - pos} characters, not the fixed 106`}; each field must be padded to its full width. Delimiters were taken from its separators.`, {
          offset: base + pos,
          segment: this.segmentIndex,
          line: this.line,
          segmentId: 'ISA',
        }),
      );
    }
    if (this.delims === null || this.delims.element !== d.element || this.delims.component !== d.component || this.delims.repetition !== d.repetition || this.delims.segment !== d.segment) {
      this.delims = Object.freeze(d);
      this.setSkippable(d);
    }
    this.mode = IN_INTERCHANGE;
    let segEnd = p16 + 1;
    const next = p16 + 2;
    if (term === 0x0a && b[segEnd - 1] === 0x0d) segEnd--;
    const view = this.view;
    view.reset(b, pos, segEnd, 'ISA', this.delims);
    view.tagIsValid = true;
    view.offset = base + pos;
    view.index = this.segmentIndex++;
    view.line = this.line;
    view.setPosition = 0;
    if (term === 0x0a) this.line++;
    this.sink.segment(view);
    return next;
  }

  private tagAt(b: Buffer, start: number, end: number, sep: number): string {
    let key = 0;
    let i = start;
    for (; i < end && i - start < 3; i++) {
      const c = b[i];
      if (c === sep) break;
      key = (key << 8) | c;
    }
    if (i < end && b[i] !== sep) {
      // Longer than three characters: not a real tag, but name it as written.
      let j = i;
      while (j < end && b[j] !== sep) j++;
      return b.latin1Slice(start, j);
    }
    key = key * 4 + (i - start);
    let t = this.tags.get(key);
    if (t === undefined) {
      t = b.latin1Slice(start, i);
      this.tags.set(key, t);
      // Checked once per distinct tag here, not once per segment downstream.
      if (/^[A-Z][A-Z0-9]{1,2}$/.test(t)) this.validTags.add(t);
    }
    return t;
  }
}
