/**
 * Inline X12 fixtures for focused tests. Segments are written with the standard delimiters
 * (`*` element, `:` component, `^` repetition) and translated to the fixture's own delimiters, so one
 * fixture can be built with any delimiter set. Every segment's byte offset is computed here, by summing
 * lengths, independently of the reader.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface Delims {
  element: string;
  component: string;
  repetition: string;
  segment: string;
}

export const STD: Delims = { element: '*', component: ':', repetition: '^', segment: '~' };

export interface IsaFields {
  authQualifier: string;
  auth: string;
  securityQualifier: string;
  security: string;
  senderQualifier: string;
  sender: string;
  receiverQualifier: string;
  receiver: string;
  date: string;
  time: string;
  /** ISA11; defaults to the repetition separator (or 'U' when the delimiter set has none). */
  repetitionField: string;
  version: string;
  control: string;
  ack: string;
  usage: string;
}

export const ISA_WIDTHS = [2, 10, 2, 10, 2, 15, 2, 15, 6, 4, 1, 5, 9, 1, 1, 1];

export interface TxSpec {
  set?: string;
  control?: string;
  /** ST03; '' to leave it out. */
  guide?: string;
  /** Segments between ST and SE, in standard delimiters. */
  body?: string[];
  /** Override SE01 / SE02; `se: null` leaves the SE out. */
  se?: { count?: string; control?: string } | null;
}

export interface GroupSpec {
  functionalId?: string;
  control?: string;
  version?: string;
  sender?: string;
  receiver?: string;
  transactions?: TxSpec[];
  /** Segments written after the transactions, before GE (e.g. a stray segment). */
  after?: string[];
  ge?: { count?: string; control?: string } | null;
}

export interface InterchangeSpec {
  isa?: Partial<IsaFields>;
  /** Replace the whole ISA text (without terminator), e.g. to make it the wrong length. */
  rawIsa?: string;
  /** Segments at interchange level before the groups (e.g. TA1). */
  before?: string[];
  groups?: GroupSpec[];
  iea?: { count?: string; control?: string } | null;
}

export interface FileSpec {
  delims?: Partial<Delims>;
  /** Written after every segment terminator: '', '\n' or '\r\n'. */
  lineEnding?: string;
  /** Bytes before the first ISA (a BOM, blank lines, a banner). */
  prefix?: string;
  /** Bytes after the last segment. */
  suffix?: string;
  interchanges?: InterchangeSpec[];
}

export interface BuiltSegment {
  tag: string;
  /** Byte offset in the file. */
  offset: number;
  /** Segment text without terminator, in the file's delimiters. */
  text: string;
  /** 1-based line, counting newlines before the segment. */
  line: number;
}

export interface Built {
  text: string;
  buf: Buffer;
  delims: Delims;
  segments: BuiltSegment[];
}

export const DEFAULT_BODY = [
  'BHT*0019*00*REF0001*20250115*1200*CH',
  'NM1*41*2*ACME BILLING*****46*12345',
  'PER*IC*JANE DOE*TE*5555551234',
  'HI*ABK:J449^ABF:R05',
];

export function translate(s: string, d: Delims): string {
  let out = '';
  for (const ch of s) {
    if (ch === '*') out += d.element;
    else if (ch === ':') out += d.component;
    else if (ch === '^') out += d.repetition;
    else out += ch;
  }
  return out;
}

export function isaFields(over: Partial<IsaFields> = {}, d: Delims = STD): IsaFields {
  return {
    authQualifier: '00',
    auth: '',
    securityQualifier: '00',
    security: '',
    senderQualifier: 'ZZ',
    sender: 'SENDERID',
    receiverQualifier: 'ZZ',
    receiver: 'RECEIVERID',
    date: '250115',
    time: '1200',
    repetitionField: d.repetition === '' ? 'U' : d.repetition,
    version: '00501',
    control: '000000001',
    ack: '0',
    usage: 'T',
    ...over,
  };
}

/** The ISA text without terminator: 105 characters when every field fits its width. */
export function isaText(over: Partial<IsaFields> = {}, d: Delims = STD): string {
  const f = isaFields(over, d);
  const values = [
    f.authQualifier,
    f.auth,
    f.securityQualifier,
    f.security,
    f.senderQualifier,
    f.sender,
    f.receiverQualifier,
    f.receiver,
    f.date,
    f.time,
    f.repetitionField,
    f.version,
    f.control,
    f.ack,
    f.usage,
    d.component,
  ];
  const padded = values.map((v, i) => (v.length >= ISA_WIDTHS[i] ? v : v.padEnd(ISA_WIDTHS[i], ' ')));
  return `ISA${d.element}${padded.join(d.element)}`;
}

/** The segments of one interchange, in standard delimiters (the ISA excepted: already in `d`). */
function interchangeSegments(spec: InterchangeSpec, d: Delims): string[] {
  const out: string[] = [];
  const control = spec.isa?.control ?? '000000001';
  out.push(spec.rawIsa ?? isaText(spec.isa, d));
  for (const s of spec.before ?? []) out.push(translate(s, d));
  const groups = spec.groups ?? [{}];
  groups.forEach((g, gi) => {
    const gsControl = g.control ?? String(gi + 1);
    const version = g.version ?? '005010X222A1';
    out.push(translate(`GS*${g.functionalId ?? 'HC'}*${g.sender ?? 'SENDERGS'}*${g.receiver ?? 'RECEIVERGS'}*20250115*1200*${gsControl}*X*${version}`, d));
    const txs = g.transactions ?? [{}];
    txs.forEach((t, ti) => {
      const stControl = t.control ?? String(ti + 1).padStart(4, '0');
      const guide = t.guide ?? version;
      const body = t.body ?? DEFAULT_BODY;
      out.push(translate(guide === '' ? `ST*${t.set ?? '837'}*${stControl}` : `ST*${t.set ?? '837'}*${stControl}*${guide}`, d));
      for (const s of body) out.push(translate(s, d));
      if (t.se !== null) {
        out.push(translate(`SE*${t.se?.count ?? String(body.length + 2)}*${t.se?.control ?? stControl}`, d));
      }
    });
    for (const s of g.after ?? []) out.push(translate(s, d));
    if (g.ge !== null) out.push(translate(`GE*${g.ge?.count ?? String(txs.length)}*${g.ge?.control ?? gsControl}`, d));
  });
  if (spec.iea !== null) out.push(translate(`IEA*${spec.iea?.count ?? String(groups.length)}*${spec.iea?.control ?? control}`, d));
  return out;
}

function countNewlines(s: string): number {
  let n = 0;
  for (const ch of s) if (ch === '\n') n++;
  return n;
}

/** Builds a file from a spec; the default is one valid 837 interchange with one group and one transaction. */
export function buildFile(spec: FileSpec = {}): Built {
  const d: Delims = { ...STD, ...spec.delims };
  const le = spec.lineEnding ?? '';
  const prefix = spec.prefix ?? '';
  const segs: string[] = [];
  for (const ic of spec.interchanges ?? [{}]) segs.push(...interchangeSegments(ic, d));
  let text = prefix;
  const segments: BuiltSegment[] = [];
  let line = 1 + countNewlines(prefix);
  // A BOM is three bytes but one JS character: offsets are in bytes.
  let bytes = Buffer.byteLength(prefix, 'latin1') + (prefix.startsWith('\uFEFF') ? 2 : 0);
  for (const s of segs) {
    const tag = s.slice(0, s.indexOf(d.element) < 0 ? s.length : s.indexOf(d.element));
    segments.push({ tag, offset: bytes, text: s, line });
    const piece = s + d.segment + le;
    text += piece;
    bytes += piece.length;
    line += countNewlines(d.segment + le);
  }
  text += spec.suffix ?? '';
  return { text, buf: toBuffer(text), delims: d, segments };
}

/** Latin-1 bytes of a fixture string; a leading U+FEFF becomes the UTF-8 BOM EF BB BF. */
export function toBuffer(text: string): Buffer {
  if (text.startsWith('\uFEFF')) return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text.slice(1), 'latin1')]);
  return Buffer.from(text, 'latin1');
}

/** Shorthand: the text of a default valid file with some parts changed. */
export function x12(spec: FileSpec = {}): string {
  return buildFile(spec).text;
}

// ---------------------------------------------------------------------------------------------------
// Samples on disk

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const SAMPLES = join(ROOT, 'samples');

function walk(dir: string): string[] {
  let entries: string[];
  try {
    entries = readdirSync(dir).sort();
  } catch {
    return [];
  }
  const out: string[] = [];
  for (const e of entries) {
    if (e.startsWith('.')) continue;
    const p = join(dir, e);
    const s = statSync(p);
    if (s.isDirectory()) out.push(...walk(p));
    else if (s.isFile() && e.endsWith('.x12')) out.push(p);
  }
  return out;
}

/** Every .x12 file under samples/, as paths relative to samples/ ('837/claim.x12'). */
export function sampleFiles(): string[] {
  return walk(SAMPLES).map((p) => relative(SAMPLES, p));
}
/** Samples that are valid all the way (broken/ has envelope defects, invalid/ guide-level ones). */
export function validSamples(): string[] {
  return sampleFiles().filter((f) => !/^(broken|invalid)[/\\]/.test(f));
}
export function brokenSamples(): string[] {
  return sampleFiles().filter((f) => f.startsWith('broken/') || f.startsWith('broken\\'));
}

/** samples/broken/EXPECTED.tsv: file -> expected finding codes. */
export function expectedBroken(): Map<string, Set<string>> {
  const map = new Map<string, Set<string>>();
  let text: string;
  try {
    text = readFileSync(join(SAMPLES, 'broken', 'EXPECTED.tsv'), 'utf8');
  } catch {
    return map;
  }
  const lines = text.split(/\r?\n/);
  const header = lines[0].split('\t').map((c) => c.trim());
  const fileCol = Math.max(0, header.indexOf('file'));
  const codesCol = header.indexOf('expected_codes') >= 0 ? header.indexOf('expected_codes') : 1;
  for (const line of lines.slice(1)) {
    if (line.trim() === '' || line.startsWith('#')) continue;
    const cols = line.split('\t');
    const file = cols[fileCol]?.trim();
    if (!file) continue;
    const codes = (cols[codesCol] ?? '')
      .split(/[,\s]+/)
      .map((c) => c.trim())
      .filter(Boolean);
    map.set(file, new Set(codes));
  }
  return map;
}

export function samplePath(rel: string): string {
  return join(SAMPLES, rel);
}

// ---------------------------------------------------------------------------------------------------
// Temp files and PRNG

export function tempDir(): { dir: string; write(name: string, data: string | Buffer): string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'x12d-test-'));
  return {
    dir,
    write(name, data) {
      const p = join(dir, name);
      writeFileSync(p, typeof data === 'string' ? toBuffer(data) : data);
      return p;
    },
    cleanup() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** mulberry32: a small seeded PRNG, so property runs are reproducible. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
