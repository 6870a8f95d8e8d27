/**
 * samples/invalid/: copies of the valid samples, each with one guide-level defect (the envelope stays
 * valid), and EXPECTED.tsv naming every finding each must produce at SNIP level 5 (several rows when one
 * defect has several consequences). Also: every valid sample validates clean at level 5.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_EDITS } from '../../src/edits/index.js';
import { defaultRegistry } from '../../src/grammar/guides/index.js';
import { type FileValidation, validateX12 } from '../../src/validation/validator.js';
import { SAMPLES } from '../x12/fixtures.js';

const INVALID = join(SAMPLES, 'invalid');

function walk(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir).sort()) {
    if (e.startsWith('.')) continue;
    const p = join(dir, e);
    if (statSync(p).isDirectory()) out.push(...walk(p));
    else if (e.endsWith('.x12')) out.push(p);
  }
  return out;
}

interface Row {
  file: string;
  level: number;
  code: string;
  segment: string;
  position: number;
  element: number;
  what: string;
}

function expectedRows(): Row[] {
  const lines = readFileSync(join(INVALID, 'EXPECTED.tsv'), 'utf8').split('\n');
  const header = lines[0].split('\t');
  expect(header).toEqual(['file', 'level', 'code', 'segment', 'position', 'element', 'what']);
  return lines
    .slice(1)
    .filter((l) => l.trim() !== '' && !l.startsWith('#'))
    .map((l) => {
      const c = l.split('\t');
      expect(c, l).toHaveLength(7);
      return { file: c[0], level: Number(c[1]), code: c[2], segment: c[3], position: Number(c[4]), element: Number(c[5]), what: c[6] };
    });
}

const key = (f: { level: number; code: string; position: number; element: number } & ({ segment: string } | { segmentId: string })) =>
  `SNIP ${f.level} ${f.code} ${'segment' in f ? f.segment : f.segmentId}@${f.position} element ${f.element}`;

async function validate(path: string): Promise<FileValidation> {
  return validateX12(readFileSync(path), { registry: defaultRegistry(), edits: DEFAULT_EDITS, level: 5 });
}

/** The segments of a file (without SE, whose count moves with any insertion or deletion). */
function segmentsOf(path: string): string[] {
  return readFileSync(path, 'latin1')
    .split('~')
    .map((s) => s.trim())
    .filter((s) => s !== '' && !s.startsWith('SE*'));
}

/** Segments added plus segments removed between two files (a longest-common-subsequence diff). */
function editDistance(a: readonly string[], b: readonly string[]): number {
  const prev = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    let diag = 0;
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j];
      prev[j] = a[i - 1] === b[j - 1] ? diag + 1 : Math.max(prev[j], prev[j - 1]);
      diag = up;
    }
  }
  return a.length + b.length - 2 * prev[b.length];
}

const rows = expectedRows();
const files = walk(INVALID).map((p) => relative(INVALID, p));
const validFiles = walk(SAMPLES)
  .map((p) => relative(SAMPLES, p))
  .filter((f) => !f.startsWith('broken/') && !f.startsWith('invalid/'));

describe('samples/invalid/EXPECTED.tsv', () => {
  it('lists every invalid sample, and only files that exist', () => {
    expect([...new Set(rows.map((r) => r.file))].sort()).toEqual(files);
  });

  it('covers every set, with at least 40 defects', () => {
    const sets = new Set(files.map((f) => f.split('/')[0]));
    expect([...sets].sort()).toEqual(['270', '271', '277ca', '278req', '278resp', '835', '837p', '999']);
    expect(files.length).toBeGreaterThanOrEqual(40);
  });

  it('covers the IK4 and IK3 codes and the SNIP 3-5 rules x12d reports', () => {
    const codes = new Set(rows.map((r) => `${r.level}:${r.code}`));
    const want = [
      // IK4-03 element errors
      '1:5', '1:4', '1:6', '2:7', '1:8', '1:9', '2:1', '2:2', '2:10', '1:13', '1:12', '2:I10',
      // IK3-04 segment errors
      '2:3', '2:5', '2:4', '2:2', '1:6', '2:7',
      // SNIP 3
      '3:CLAIM_CHARGE_BALANCE', '3:SERVICE_LINE_OUT_OF_BALANCE', '3:CLAIM_PAYMENT_OUT_OF_BALANCE', '3:PAYMENT_OUT_OF_BALANCE',
      // SNIP 4
      '4:ORIGINAL_CLAIM_NUMBER_MISSING', '4:PATIENT_LOOP_MISSING', '4:PATIENT_LOOP_NOT_EXPECTED', '4:DIAGNOSIS_POINTER_INVALID', '4:PAYER_BILLING_CONTACT_MISSING', '4:HL_PARENT_UNKNOWN',
      // SNIP 5
      '5:NPI_CHECK_DIGIT', '5:ICD10_SHAPE', '5:PROCEDURE_CODE_SHAPE', '5:PLACE_OF_SERVICE_UNKNOWN', '5:CARC_UNKNOWN', '5:RARC_UNKNOWN', '5:CLAIM_STATUS_CATEGORY_UNKNOWN', '5:DATE_NOT_REAL',
    ];
    expect(want.filter((c) => !codes.has(c))).toEqual([]);
    // Element findings name an element, segment findings do not.
    for (const r of rows) {
      if (/^(2|3|4|5|6|7)$/.test(r.code) && r.element === 0) continue;
      if (r.level <= 2) expect(r.element, `${r.file} ${r.code}`).toBeGreaterThan(0);
    }
  });

  it('gives each defect a description', () => {
    for (const r of rows) expect(r.what.length, r.file).toBeGreaterThan(20);
  });
});

describe('invalid samples', () => {
  for (const file of files) {
    it(`${file}: validates to exactly the expected findings`, async () => {
      const v = await validate(join(INVALID, file));
      // The envelope stays valid: the defect is in the guide's terms, not the envelope's.
      expect(v.envelope.findings.map((f) => f.code)).toEqual([]);
      const got = v.transactions.flatMap((t) => t.findings).map(key).sort();
      const want = rows.filter((r) => r.file === file).map(key).sort();
      expect(got).toEqual(want);
      expect(v.valid).toBe(false);
    });

    it(`${file}: is one edit away from a valid sample of its set`, () => {
      const set = file.split('/')[0];
      const mine = segmentsOf(join(INVALID, file));
      const distances = validFiles.filter((f) => f.startsWith(`${set}/`)).map((f) => editDistance(mine, segmentsOf(join(SAMPLES, f))));
      // One segment changed counts 2 (removed and added); a swap of two segments counts 2 as well.
      expect(Math.min(...distances)).toBeGreaterThan(0);
      expect(Math.min(...distances)).toBeLessThanOrEqual(2);
    });

    it(`${file}: keeps SE01 right`, () => {
      const segs = readFileSync(join(INVALID, file), 'latin1').split('~').map((s) => s.trim()).filter(Boolean);
      let st = -1;
      segs.forEach((s, i) => {
        if (s.startsWith('ST*')) st = i;
        if (s.startsWith('SE*')) expect(Number(s.split('*')[1]), `${file} SE at ${i}`).toBe(i - st + 1);
      });
    });
  }
});

describe('valid samples', () => {
  it('are found', () => {
    expect(validFiles.length).toBeGreaterThanOrEqual(13);
    for (const set of ['270', '271', '277ca', '278req', '278resp', '835', '837p', '999']) expect(validFiles.some((f) => f.startsWith(`${set}/`)), set).toBe(true);
  });

  for (const file of validFiles) {
    it(`${file}: validates clean at SNIP level 5`, async () => {
      const v = await validate(join(SAMPLES, file));
      expect(v.envelope.findings).toEqual([]);
      expect(v.transactions.length).toBeGreaterThan(0);
      for (const t of v.transactions) {
        expect(t.guideUsed, `${t.set} ${t.control}`).not.toBeNull();
        expect(t.findings.map(key), `${t.set} ${t.control}`).toEqual([]);
        expect(t.valid).toBe(true);
      }
      expect(v.valid).toBe(true);
    });
  }
});
