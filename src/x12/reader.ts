import { open } from 'node:fs/promises';
import { EnvelopeChecker, type EnvelopeContext, type EnvelopeHandler, type InterchangeSummary, type TransactionSummary } from './envelope.js';
import type { Finding } from './findings.js';
import { DEFAULT_MAX_SEGMENT, SegmentScanner } from './scanner.js';
import type { Segment, SegmentView } from './segment.js';

export type X12Source = Buffer | Uint8Array | string | AsyncIterable<Buffer | Uint8Array | string>;

export interface ReadOptions {
  /** Keep a summary of interchanges, groups and transaction sets (control numbers and counts). Default true. */
  readonly summary?: boolean;
  /** Keep at most this many findings in the result (all still reach the handler). Default 10,000. */
  readonly maxFindings?: number;
  /** Give up on a segment longer than this many bytes without a terminator. Default 1 MiB. */
  readonly maxSegment?: number;
  /** Read buffer size for files. Default 1 MiB. */
  readonly readSize?: number;
}

export interface ReadResult {
  readonly bytes: number;
  readonly segments: number;
  readonly findings: readonly Finding[];
  /** Findings in total, including any beyond maxFindings. */
  readonly findingCount: number;
  readonly interchanges: readonly InterchangeSummary[];
  /** True when reading stopped early on a fatal finding (not X12, unreadable ISA, wrong terminator). */
  readonly fatal: boolean;
}

/** One reading of one file: the scanner, the envelope checker and the caller's handler, wired together. */
class Reading {
  readonly scanner: SegmentScanner;
  readonly envelope: EnvelopeChecker;
  readonly findings: Finding[] = [];
  findingCount = 0;
  fatal = false;
  bytes = 0;

  constructor(handler: EnvelopeHandler, private readonly opts: ReadOptions) {
    const maxFindings = opts.maxFindings ?? 10_000;
    const wrapped: EnvelopeHandler = {
      segment: handler.segment?.bind(handler),
      transactionEnd: handler.transactionEnd?.bind(handler),
      interchangeEnd: handler.interchangeEnd?.bind(handler),
      finding: (f) => {
        this.findingCount++;
        if (f.severity === 'fatal') this.fatal = true;
        if (this.findings.length < maxFindings) this.findings.push(f);
        handler.finding?.(f);
      },
    };
    this.envelope = new EnvelopeChecker(wrapped, opts.summary !== false);
    this.scanner = new SegmentScanner(this.envelope, opts.maxSegment ?? DEFAULT_MAX_SEGMENT);
  }

  result(): ReadResult {
    return {
      bytes: this.bytes,
      segments: this.scanner.segmentsRead,
      findings: this.findings,
      findingCount: this.findingCount,
      interchanges: this.envelope.interchanges,
      fatal: this.fatal,
    };
  }
}

/**
 * Feeds a source through a reading, window by window. It yields whenever the scanner was paused by the
 * handler (so a caller can hand out one transaction set at a time), and otherwise runs to the end.
 */
async function* pump(source: X12Source, r: Reading, readSize: number): AsyncGenerator<void> {
  const scan = function* (buf: Buffer, to: number, base: number, final: boolean): Generator<void, number> {
    let pos = 0;
    for (;;) {
      pos = r.scanner.scan(buf, pos, to, base, final);
      if (r.scanner.paused && pos < to) {
        yield;
        continue;
      }
      if (r.scanner.paused) yield;
      return pos;
    }
  };

  if (typeof source === 'string') {
    // A path: read into one reused buffer, moving an unfinished segment to its front between reads.
    const fh = await open(source, 'r');
    try {
      let buf = Buffer.allocUnsafe(readSize);
      let len = 0;
      let base = 0;
      for (;;) {
        if (len === buf.length) {
          const grown = Buffer.allocUnsafe(buf.length * 2);
          buf.copy(grown, 0, 0, len);
          buf = grown;
        }
        const { bytesRead } = await fh.read(buf, len, buf.length - len, null);
        r.bytes += bytesRead;
        const final = bytesRead === 0;
        const to = len + bytesRead;
        const pos = yield* scan(buf, to, base, final);
        if (r.scanner.dead) {
          // Nothing more will be read; still say how big the file is.
          r.bytes = (await fh.stat()).size;
          break;
        }
        if (final) break;
        if (pos < to) buf.copyWithin(0, pos, to);
        base += pos;
        len = to - pos;
      }
    } finally {
      await fh.close();
    }
  } else if (source instanceof Uint8Array) {
    const buf = Buffer.isBuffer(source) ? source : Buffer.from(source.buffer, source.byteOffset, source.byteLength);
    r.bytes = buf.length;
    yield* scan(buf, buf.length, 0, true);
  } else {
    let carry: Buffer | null = null;
    let base = 0;
    for await (const chunk of source) {
      const c = typeof chunk === 'string' ? Buffer.from(chunk, 'latin1') : Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
      r.bytes += c.length;
      if (r.scanner.dead) continue;
      const buf: Buffer = carry !== null && carry.length > 0 ? Buffer.concat([carry, c]) : c;
      const pos = yield* scan(buf, buf.length, base, false);
      // Copy the unfinished tail so a small carry never pins a large chunk in memory.
      carry = pos < buf.length ? Buffer.from(buf.subarray(pos)) : null;
      base += pos;
    }
    if (!r.scanner.dead) yield* scan(carry ?? Buffer.alloc(0), carry?.length ?? 0, base, true);
  }
  r.envelope.finish();
}

/**
 * Reads X12 from a path, a Buffer, or a stream of chunks, in bounded memory. The handler sees every
 * segment through a reused SegmentView (valid only during the call) and every finding. Data problems
 * never throw; only I/O errors do (a missing file, say).
 */
export async function readX12(source: X12Source, handler: EnvelopeHandler = {}, opts: ReadOptions = {}): Promise<ReadResult> {
  const r = new Reading(handler, opts);
  for await (const _ of pump(source, r, opts.readSize ?? 1 << 20)) {
    // no pauses requested
  }
  return r.result();
}

/** The same as readX12 for bytes already in memory, synchronously. */
export function readX12Sync(buf: Buffer | Uint8Array, handler: EnvelopeHandler = {}, opts: ReadOptions = {}): ReadResult {
  const r = new Reading(handler, opts);
  const b = Buffer.isBuffer(buf) ? buf : Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
  r.bytes = b.length;
  r.scanner.scan(b, 0, b.length, 0, true);
  r.envelope.finish();
  return r.result();
}

/** One transaction set, detached: its segments from ST to SE, and where it sits in the file. */
export interface TransactionSet {
  readonly set: string;
  readonly control: string;
  readonly guide: string;
  readonly interchange: InterchangeSummary | null;
  readonly functionalId: string;
  readonly groupControl: string;
  readonly groupVersion: string;
  readonly segments: readonly Segment[];
  /** File offset of each segment, parallel to `segments`. */
  readonly offsets: readonly number[];
  readonly offset: number;
  /** Findings that arose inside this transaction set. */
  readonly findings: readonly Finding[];
}

/**
 * Hands out transaction sets one at a time: only the current set's segments are held. Envelope findings
 * outside any set are in the final result (`returned` by the generator).
 */
export async function* readTransactions(source: X12Source, opts: ReadOptions = {}): AsyncGenerator<TransactionSet, ReadResult> {
  let segments: Segment[] = [];
  let offsets: number[] = [];
  let findings: Finding[] = [];
  // Findings about an ST itself (a duplicate control number) arrive just before its segment.
  let early: Finding[] = [];
  let inSet = false;
  let ready: TransactionSet | null = null;
  const r: Reading = new Reading(
    {
      segment(seg: SegmentView) {
        if (seg.tag === 'ST' && seg.setPosition === 1) {
          inSet = true;
          segments = [];
          offsets = [];
          findings = early.filter((f) => f.segment === seg.index);
        }
        early = [];
        if (inSet && seg.setPosition > 0) {
          segments.push(seg.detach());
          offsets.push(seg.offset);
        }
      },
      finding(f) {
        if (inSet && f.transaction !== undefined) findings.push(f);
        else if (f.transaction !== undefined) early.push(f);
      },
      transactionEnd(t: TransactionSummary, at: EnvelopeContext) {
        ready = {
          set: t.set,
          control: t.control,
          guide: t.guide,
          interchange: at.interchange,
          functionalId: at.group?.functionalId ?? '',
          groupControl: at.group?.control ?? '',
          groupVersion: at.group?.version ?? '',
          segments,
          offsets,
          offset: t.offset,
          findings,
        };
        inSet = false;
        r.scanner.paused = true;
      },
    },
    { ...opts, summary: opts.summary ?? false },
  );
  for await (const _ of pump(source, r, opts.readSize ?? 1 << 20)) {
    if (ready !== null) {
      const t: TransactionSet = ready;
      ready = null;
      yield t;
    }
  }
  if (ready !== null) yield ready;
  return r.result();
}
