/**
 * The benchmark's registry of named measurements. Each one is a row of the table: the worker loads it
 * (imports happen outside the timed part), then times one call of the returned function over one file.
 *
 * To add a row (validation MB/s, 835 to records, ...): add an entry to `measurements` and, if it should
 * run by default, its name to `DEFAULT_ORDER`. The function gets the file path and its kind and returns
 * at least the number of segments it saw; `verify` (called after timing) may return more counts that
 * the runner checks against what the generator wrote.
 */
import { createReadStream } from 'node:fs';
import { open, readFile } from 'node:fs/promises';
import { totalmem } from 'node:os';
import type { Kind } from './generate.js';

export interface Counts {
  segments: number;
  /** Elements after the tag, summed over all segments. */
  elements?: number;
}

export interface Outcome extends Counts {
  /** Findings the reader reported (x12d): the generated files should have none. */
  findings?: number;
  firstFinding?: string;
  /** Anything else worth keeping in the JSON output. */
  extra?: Record<string, number | string | boolean>;
  /** Called after the timed part: counts that are too costly to gather inside it. */
  verify?: () => Counts;
}

export type ReadFn = (file: string, kind: Kind) => Promise<Outcome>;

export interface Measurement {
  /** Row label in the table. */
  readonly label: string;
  readonly description: string;
  /** Extra node flags for the worker, e.g. a larger heap. */
  readonly nodeArgs?: () => string[];
  /** Subject to --timeout (default 120 s); others only get a generous safety limit. */
  readonly capped?: boolean;
  /** Only these kinds of file (default: all). */
  readonly kinds?: readonly Kind[];
  /** Imports and setup, outside the timed part. */
  load(): Promise<ReadFn>;
}

const TERMINATOR = 0x7e; // '~' in the generated files
const SEGMENT_ID = /^[A-Z][A-Z0-9]{1,2}$/;

/** Heap for readers that hold the whole file as objects: 16 GB, or 3/4 of the machine if smaller. */
function bigHeap(): string[] {
  const mb = Math.min(16384, Math.floor((totalmem() / (1 << 20)) * 0.75));
  return [`--max-old-space-size=${mb}`];
}

/**
 * validateX12 over the file with the built-in guides, streaming (keepTransactions: false): findings are
 * counted through onTransaction (every finding, warnings included, not only those kept), plus the
 * envelope findings outside any transaction set. The generated files should have none at any level.
 */
function validation(label: string, level: 2 | 5): Measurement {
  return {
    label,
    description:
      level === 2
        ? 'validateX12(path, { registry: defaultRegistry(), level: 2, keepTransactions: false }): envelope, loop tree, element and syntax-rule checks against the guide (SNIP 1-2), findings counted in onTransaction.'
        : 'validateX12(path, { registry: defaultRegistry(), edits: DEFAULT_EDITS, level: 5, keepTransactions: false }): SNIP 1-2 plus the balancing, situational and external code set edits (SNIP 3-5), findings counted in onTransaction.',
    async load() {
      const { validateX12 } = await import('../src/validation/validator.js');
      const { defaultRegistry } = await import('../src/grammar/guides/index.js');
      const { DEFAULT_EDITS } = await import('../src/edits/index.js');
      const registry = defaultRegistry();
      return async (file) => {
        let findings = 0;
        let firstFinding: string | undefined;
        let transactions = 0;
        let invalid = 0;
        const r = await validateX12(file, {
          registry,
          edits: level >= 3 ? DEFAULT_EDITS : undefined,
          level,
          keepTransactions: false,
          onTransaction(v) {
            transactions++;
            if (!v.valid) invalid++;
            findings += v.findingCount;
            if (firstFinding === undefined && v.findings.length > 0) {
              const f = v.findings[0];
              firstFinding = `${f.rule ?? f.code} at ${f.segmentId} (loop ${f.loop}, element ${f.element}): ${f.message}`;
            }
          },
        });
        const envelopeFindings = r.envelope.findings.length;
        if (firstFinding === undefined && envelopeFindings > 0) firstFinding = r.envelope.findings[0].message;
        return {
          segments: r.envelope.segments,
          findings: findings + envelopeFindings,
          firstFinding,
          extra: { level, transactions, invalidTransactions: invalid, transactionFindings: findings, envelopeFindings, valid: r.valid, fatal: r.envelope.fatal },
        };
      };
    },
  };
}

export const measurements: Record<string, Measurement> = {
  x12d: {
    label: 'x12d readX12 (envelope checks, lazy elements)',
    description: "readX12(path, {}, { summary: false }): the scanner finds segments with indexOf, the envelope checker checks ISA/GS/ST counts and control numbers; no element is split unless asked for.",
    async load() {
      const { readX12 } = await import('../src/x12/reader.js');
      return async (file) => {
        const r = await readX12(file, {}, { summary: false });
        return { segments: r.segments, findings: r.findingCount, firstFinding: r.findings[0]?.message, extra: { bytes: r.bytes, fatal: r.fatal } };
      };
    },
  },

  'x12d-elements': {
    label: 'x12d readX12, every element read',
    description: 'readX12 with a handler that asks for every element of every segment (seg.element(i)), as a mapper touching all data would.',
    async load() {
      const { readX12 } = await import('../src/x12/reader.js');
      return async (file) => {
        let elements = 0;
        let chars = 0;
        const r = await readX12(
          file,
          {
            segment(seg) {
              const n = seg.elementCount;
              for (let i = 1; i <= n; i++) chars += seg.element(i).length;
              elements += n;
            },
          },
          { summary: false },
        );
        return { segments: r.segments, elements, findings: r.findingCount, firstFinding: r.findings[0]?.message, extra: { chars } };
      };
    },
  },

  'x12d-validate-2': validation('x12d validate, SNIP 1-2', 2),
  'x12d-validate-5': validation('x12d validate, SNIP 1-5', 5),

  'x12d-835-records': {
    label: 'x12d 835 to records (Remittance)',
    description: 'readDocuments(path, documentRegistry(), cb): validation at SNIP 1-2, the loop tree of each set, and its Remittance record; one set in memory at a time.',
    kinds: ['835'],
    async load() {
      const { readDocuments } = await import('../src/documents/convert.js');
      const { documentRegistry } = await import('../src/documents/index.js');
      const registry = documentRegistry();
      return async (file) => {
        let documents = 0;
        let claims = 0;
        const r = await readDocuments(file, registry, (d) => {
          documents++;
          claims += (d.record as { claims: unknown[] }).claims.length;
        });
        return { segments: r.segments, findings: r.envelopeFindings + r.skipped.length, firstFinding: r.skipped[0], extra: { documents, claims } };
      };
    },
  },

  'x12d-837p-generate': {
    label: 'x12d 837P records to X12 (read, then generate)',
    description:
      'Each 837P set is read into a ProfessionalClaim record (readDocuments); the records of the first 50,000 claims are then written back to X12 with writeDocuments (schema check, build, writer, envelopes), timed on their own and reported as claims per second.',
    kinds: ['837p'],
    async load() {
      const { readDocuments, writeDocuments } = await import('../src/documents/convert.js');
      const { documentRegistry } = await import('../src/documents/index.js');
      const registry = documentRegistry();
      return async (file) => {
        let claims = 0;
        let bytesOut = 0;
        const pending: { set: string; guide: string; type: string; record: unknown }[] = [];
        // Keep up to 50,000 claims' records for generation, so memory stays bounded on large files.
        let kept = 0;
        const r = await readDocuments(file, registry, (d) => {
          if (kept >= 50_000) return;
          kept += (d.record as { claims: unknown[] }).claims.length;
          pending.push({ set: d.set, guide: d.guide, type: d.type, record: d.record });
        });
        // Generation is timed apart from reading, one set at a time, so it is measured on its own.
        let generateNs = 0n;
        for (const d of pending) {
          claims += (d.record as { claims: unknown[] }).claims.length;
          const t0 = process.hrtime.bigint();
          await writeDocuments({ documents: [d] }, registry, (chunk) => (bytesOut += chunk.length));
          generateNs += process.hrtime.bigint() - t0;
        }
        const seconds = Number(generateNs) / 1e9;
        return {
          segments: r.segments,
          findings: r.envelopeFindings + r.skipped.length,
          firstFinding: r.skipped[0],
          extra: { claims, generateSeconds: seconds, claimsPerSecond: Math.round(claims / seconds), bytesOut },
        };
      };
    },
  },

  'node-x12-parse': {
    label: 'node-x12 parse(string)',
    description: 'node-x12 1.7.1: readFile as a string, then new X12Parser(true).parse(text) (strict), building its whole object model.',
    capped: true,
    nodeArgs: bigHeap,
    async load() {
      const { X12Parser } = await import('node-x12');
      return async (file) => {
        const text = await readFile(file, 'latin1');
        const parsed = new X12Parser(true).parse(text);
        return {
          segments: -1, // counted in verify, outside the timed part
          verify() {
            const interchanges = 'interchanges' in parsed ? parsed.interchanges : [parsed];
            let segments = 0;
            let elements = 0;
            const count = (s: { elements: unknown[] } | undefined) => {
              if (s === undefined) return;
              segments++;
              elements += s.elements.length;
            };
            for (const i of interchanges) {
              count(i.header);
              for (const g of i.functionalGroups) {
                count(g.header);
                for (const t of g.transactions) {
                  count(t.header);
                  for (const s of t.segments) count(s);
                  count(t.trailer);
                }
                count(g.trailer);
              }
              count(i.trailer);
            }
            return { segments, elements };
          },
        };
      };
    },
  },

  'node-x12-stream': {
    label: 'node-x12 stream (Transform)',
    description:
      'node-x12 1.7.1 as a Transform stream: fs.createReadStream(file).pipe(new X12Parser()), counting the X12Segment objects it emits. Not strict: in stream mode 1.7.1 re-checks the ISA length at the start of every chunk (it never marks the ISA as parsed), so a strict stream parser throws on the second chunk of any file.',
    capped: true,
    async load() {
      const { X12Parser } = await import('node-x12');
      return (file) =>
        new Promise<Outcome>((resolve, reject) => {
          let segments = 0;
          let elements = 0;
          let badTags = 0;
          const parser = new X12Parser(false);
          createReadStream(file)
            .on('error', reject)
            .pipe(parser)
            .on('data', (seg: { tag: string; elements: unknown[] }) => {
              segments++;
              elements += seg.elements.length;
              if (!SEGMENT_ID.test(seg.tag)) badTags++;
            })
            .on('error', reject)
            .on('end', () => resolve({ segments, elements, extra: { badTags } }));
        });
    },
  },

  'naive-split': {
    label: 'naive split (stream, split ~ then *)',
    description: "createReadStream as latin1 text (64 KiB chunks), split on '~', then split every segment on '*'.",
    async load() {
      return async (file) => {
        let segments = 0;
        let elements = 0;
        let carry = '';
        const handle = (seg: string) => {
          const s = seg.trim();
          if (s.length === 0) return;
          segments++;
          elements += s.split('*').length - 1;
        };
        for await (const chunk of createReadStream(file, { encoding: 'latin1' })) {
          const parts = (carry + (chunk as string)).split('~');
          carry = parts.pop() ?? '';
          for (const p of parts) handle(p);
        }
        handle(carry);
        return { segments, elements };
      };
    },
  },

  'byte-scan': {
    label: 'byte scan, count terminators (ceiling)',
    description: "fs read into one reused 1 MiB buffer, a plain loop counting '~' bytes: no strings at all, the ceiling for a JS tokenizer.",
    async load() {
      return async (file) => {
        const fh = await open(file, 'r');
        const buf = Buffer.allocUnsafe(1 << 20);
        let segments = 0;
        try {
          for (;;) {
            const { bytesRead } = await fh.read(buf, 0, buf.length, null);
            if (bytesRead === 0) break;
            for (let i = 0; i < bytesRead; i++) if (buf[i] === TERMINATOR) segments++;
          }
        } finally {
          await fh.close();
        }
        return { segments };
      };
    },
  },
};

/** Rows of the table, in order. */
export const DEFAULT_ORDER: readonly string[] = ['x12d', 'x12d-elements', 'x12d-validate-2', 'x12d-validate-5', 'x12d-835-records', 'x12d-837p-generate', 'node-x12-parse', 'node-x12-stream', 'naive-split', 'byte-scan'];
/** The reader the targets are about, and the one it is compared with. */
export const PRIMARY = 'x12d';
/** The validation rows: the validation target is about VALIDATE_PRIMARY (SNIP 1-5). */
export const VALIDATE_ROWS: readonly string[] = ['x12d-validate-2', 'x12d-validate-5'];
export const VALIDATE_PRIMARY = 'x12d-validate-5';
export const RATIO_BASE = 'node-x12-parse';
