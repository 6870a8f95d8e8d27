/** Helpers that record everything a reading produces, so two readings can be compared exactly. */
import type { Finding } from '../../src/x12/findings.js';
import { type ReadOptions, type ReadResult, type X12Source, readX12, readX12Sync } from '../../src/x12/reader.js';
import type { SegmentView } from '../../src/x12/segment.js';

export interface SegmentRecord {
  tag: string;
  offset: number;
  index: number;
  setPosition: number;
  line: number;
  elements: string[];
}

export interface Recording {
  segments: SegmentRecord[];
  findings: Finding[];
  transactions: { set: string; control: string; segments: number; offset: number }[];
  result: ReadResult;
}

export function recordView(v: SegmentView): SegmentRecord {
  const elements: string[] = [];
  for (let i = 1; i <= v.elementCount; i++) elements.push(v.element(i));
  return { tag: v.tag, offset: v.offset, index: v.index, setPosition: v.setPosition, line: v.line, elements };
}

function recorder(): { handler: Parameters<typeof readX12>[1]; rec: Omit<Recording, 'result'> } {
  const rec: Omit<Recording, 'result'> = { segments: [], findings: [], transactions: [] };
  return {
    rec,
    handler: {
      segment: (v) => {
        rec.segments.push(recordView(v));
      },
      finding: (f) => {
        rec.findings.push(f);
      },
      transactionEnd: (t) => {
        rec.transactions.push({ set: t.set, control: t.control, segments: t.segments, offset: t.offset });
      },
    },
  };
}

export async function record(source: X12Source, opts: ReadOptions = {}): Promise<Recording> {
  const { handler, rec } = recorder();
  const result = await readX12(source, handler, opts);
  return { ...rec, result };
}

export function recordSync(buf: Buffer, opts: ReadOptions = {}): Recording {
  const { handler, rec } = recorder();
  const result = readX12Sync(buf, handler, opts);
  return { ...rec, result };
}

export function codes(r: { findings: readonly Finding[] } | ReadResult): string[] {
  return r.findings.map((f) => f.code);
}

/** Feeds chunks of a buffer as an async iterable. */
export async function* chunked(parts: readonly (Buffer | Uint8Array | string)[]): AsyncGenerator<Buffer | Uint8Array | string> {
  for (const p of parts) {
    await Promise.resolve();
    yield p;
  }
}

/** Cuts a buffer at the given (sorted, distinct) positions. */
export function cut(buf: Buffer, cuts: readonly number[]): Buffer[] {
  const out: Buffer[] = [];
  let p = 0;
  for (const c of cuts) {
    if (c <= p || c >= buf.length) continue;
    out.push(buf.subarray(p, c));
    p = c;
  }
  out.push(buf.subarray(p));
  return out;
}
