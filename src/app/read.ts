import { open } from 'node:fs/promises';
import { type DocumentRegistry, type Envelope } from '../documents/convert.js';
import type { X12Source } from '../x12/reader.js';
import { DEFAULT_EDITS } from '../edits/index.js';
import { defaultRegistry } from '../grammar/guides/index.js';
import { Loop } from '../grammar/tree.js';
import { type FileValidation, type TransactionVerdict, validateX12 } from '../validation/validator.js';

/**
 * Reading a file for the ingest pipeline: one streaming validation pass (SNIP 1-5 with the default
 * edits) that maps each set to its typed document (like readDocuments) and keeps what storage and the
 * acknowledgments need: the envelopes with their control numbers and each set's verdict (without its tree).
 * Pure CPU, no storage; runs before the database transaction so no lock is held while parsing.
 */

export interface ReadSet {
  /** The verdict of the set, without its loop tree. */
  readonly verdict: TransactionVerdict;
  /** Record type name (Remittance, ClaimAcknowledgment, ...) or null when x12d has none for the set. */
  readonly type: string | null;
  readonly record: unknown;
  readonly envelope: Envelope;
  /** Set when the set has a type but could not be mapped to it (no PHI: the set and the field path only). */
  readonly mapError?: string;
  /** SNIP 1-2 errors: what a 999 rejects. */
  readonly rejected: boolean;
}

export interface ReadFile {
  readonly validation: FileValidation;
  readonly sets: readonly ReadSet[];
  /** No interchange could be read at all. */
  readonly unreadable: boolean;
}

export interface StreamOptions {
  /** Each set as soon as it is read and mapped; the sets are then not kept in the result. */
  readonly onSet: (set: ReadSet) => void;
  /** Checked between slices: true ends the reading early with ReadingStopped. */
  readonly stopped?: () => boolean;
  /** Called between slices: a promise holds the reading back until the consumer has caught up. */
  readonly backlog?: () => Promise<void> | undefined;
  /** Bytes read between two turns of the event loop. Default 32 KiB. */
  readonly sliceBytes?: number;
}

/** Thrown by a streamed reading that was told to stop. */
export class ReadingStopped extends Error {
  override readonly name = 'ReadingStopped';
}

/**
 * The file in slices, giving the event loop a turn between slices: while a set is being parsed, the
 * database answers to the writes of the sets before it arrive and the next writes go out, so parsing and
 * writing overlap (the database works on the other core).
 */
async function* slices(buf: Buffer, size: number, stopped: () => boolean, backlog: () => Promise<void> | undefined): AsyncGenerator<Buffer> {
  for (let at = 0; at < buf.length; at += size) {
    const wait = backlog();
    if (wait !== undefined) await wait;
    if (stopped()) throw new ReadingStopped('reading stopped');
    yield buf.subarray(at, Math.min(buf.length, at + size));
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
}

/** The same for a file on disk: read in slices, a fresh buffer each (the reader may keep a slice's tail). */
async function* fileSlices(path: string, size: number, stopped: () => boolean, backlog: () => Promise<void> | undefined): AsyncGenerator<Buffer> {
  const fh = await open(path, 'r');
  try {
    for (let at = 0; ; ) {
      const wait = backlog();
      if (wait !== undefined) await wait;
      if (stopped()) throw new ReadingStopped('reading stopped');
      const chunk = Buffer.allocUnsafe(size);
      const { bytesRead } = await fh.read(chunk, 0, size, at);
      if (bytesRead === 0) return;
      at += bytesRead;
      yield bytesRead === size ? chunk : chunk.subarray(0, bytesRead);
    }
  } finally {
    await fh.close();
  }
}

export async function readForIngest(content: Uint8Array | { readonly path: string }, registry: DocumentRegistry, stream?: StreamOptions): Promise<ReadFile> {
  const sets: ReadSet[] = [];
  const kept: TransactionVerdict[] = [];
  const deliver = stream === undefined ? (set: ReadSet) => void sets.push(set) : stream.onSet;
  const source = (): X12Source => {
    if (!(content instanceof Uint8Array)) {
      return stream === undefined ? content.path : fileSlices(content.path, stream.sliceBytes ?? 64 * 1024, stream.stopped ?? (() => false), stream.backlog ?? (() => undefined));
    }
    const buf = Buffer.from(content.buffer, content.byteOffset, content.byteLength);
    return stream === undefined ? buf : slices(buf, stream.sliceBytes ?? 32 * 1024, stream.stopped ?? (() => false), stream.backlog ?? (() => undefined));
  };
  const r = await validateX12(source(), {
    registry: defaultRegistry(),
    edits: DEFAULT_EDITS,
    level: 5,
    keepTransactions: false,
    buildTree: true,
    onTransaction(v) {
      const { tree: node, ...rest } = v;
      const verdict: TransactionVerdict = rest;
      kept.push(verdict);
      const rejected = v.findings.some((f) => f.severity === 'error' && f.level <= 2);
      const x = v.interchange;
      const g = v.group;
      const envelope: Envelope = {
        senderQualifier: x?.senderQualifier ?? 'ZZ',
        sender: x?.sender ?? '',
        receiverQualifier: x?.receiverQualifier ?? 'ZZ',
        receiver: x?.receiver ?? '',
        ...(g && g.sender !== x?.sender ? { groupSender: g.sender } : {}),
        ...(g && g.receiver !== x?.receiver ? { groupReceiver: g.receiver } : {}),
        usage: x?.usage === 'P' ? 'P' : 'T',
      };
      if (node === undefined || v.guideUsed === null) {
        deliver({ verdict, type: null, record: null, envelope, rejected });
        return;
      }
      const tree = new Loop(node);
      const type = registry.forTree(v.set, v.guideUsed, tree);
      if (type === undefined) {
        deliver({ verdict, type: null, record: null, envelope, rejected });
        return;
      }
      let record: unknown;
      try {
        record = type.parse(tree);
      } catch {
        // The mapper's message may quote data: only the set and the type are kept.
        deliver({ verdict, type: type.name, record: null, envelope, rejected, mapError: `${v.set} set ${v.control} could not be mapped to a ${type.name}` });
        return;
      }
      deliver({ verdict, type: type.name, record, envelope, rejected });
    },
  });
  return {
    validation: { valid: r.valid, envelope: r.envelope, transactions: kept },
    sets,
    unreadable: r.envelope.interchanges.length === 0,
  };
}

/** A set's SNIP 1-2 errors as codes and places only (never element values), for a file's error text. */
export function findingCodes(v: TransactionVerdict, max = 3): string {
  const errs = v.findings.filter((f) => f.severity === 'error' && f.level <= 2);
  const words = errs.slice(0, max).map((f) => {
    const code = f.ik4 !== undefined ? `IK4 ${f.ik4}` : f.ik3 !== undefined ? `IK3 ${f.ik3}` : f.ik5 !== undefined ? `IK5 ${f.ik5}` : (f.rule ?? f.code);
    const el = f.element > 0 ? `${f.segmentId}${String(f.element).padStart(2, '0')}` : f.segmentId;
    return `SNIP ${f.level} ${code} at segment ${f.position} ${el}`;
  });
  return `${words.join('; ')}${errs.length > max ? `; and ${errs.length - max} more` : ''}`;
}
