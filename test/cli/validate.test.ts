/**
 * `x12d validate FILE... [--json] [--level N]` and `x12d ack FILE [--out PATH]`: the JSON shape, exit codes,
 * level filtering, and the 999 written to a file.
 */
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { defaultRegistry } from '../../src/grammar/guides/index.js';
import { validateX12 } from '../../src/validation/validator.js';
import { edit, segments, text } from '../edits/helpers.js';
import { samplePath, tempDir } from '../x12/fixtures.js';

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(
    argv,
    (s) => {
      out += s;
    },
    (s) => {
      err += s;
    },
  );
  return { code, out, err };
}

const tmp = tempDir();
afterAll(() => tmp.cleanup());

const P837 = segments('837p/professional-claims.x12');
const clean = samplePath('837p/professional-claims.x12');
/** Findings at levels 1 (CLM01 too long), 2 (SV103 code), 3 (CLM02), 4 (no REF*F8) and 5 (ICD-10 point). */
const findingsFile = tmp.write(
  'findings.x12',
  text(
    edit(
      P837,
      { replace: 'CLM*PMC24031501*2150***24:B:1*Y*A*Y*Y', with: 'CLM*PMC24031501-2024-03-11-DESERT-SPINE-LUMBAR*2151***24:B:1*Y*A*Y*Y' },
      { replace: 'SV1*HC:64493:50:KX*1200*UN*1***1', with: 'SV1*HC:64493:50:KX*1200*XX*1***1' },
      { delete: 'REF*F8*2024055000123' },
      { replace: 'HI*ABK:M5416*ABF:M5116', with: 'HI*ABK:M54.16*ABF:M5116' },
    ),
  ),
);
const seCount = tmp.write('se-count.x12', text(P837.map((s) => (s === 'SE*84*0001' ? 'SE*85*0001' : s))));
const notX12 = tmp.write('not.x12', 'claim,amount\nPMC1,100\n');
const missing = `${tmp.dir}/no-such-file.x12`;

interface FindingJson {
  level: number;
  segment: string;
  position: number;
  loop: string;
  element: number;
  code: string;
  message: string;
  [k: string]: unknown;
}
interface Doc {
  files: { file: string; valid: boolean; error?: string; transactions: { set: string; guide: string; control: string; valid: boolean; findings: FindingJson[] }[]; findings: { code: string; message: string }[] }[];
}

const FINDING_KEYS = ['level', 'segment', 'position', 'loop', 'element', 'code', 'message'];
/** Keys a finding may carry besides the documented seven: the 999 codes, the rule name and severity. Never the bad value or the claim. */
const OPTIONAL_KEYS = ['component', 'rule', 'ik3', 'ik4', 'ik5', 'severity'];

describe('x12d validate --json', () => {
  it('has the documented shape', async () => {
    const r = await run('validate', clean, findingsFile, '--json');
    expect(r.code).toBe(1);
    expect(r.err).toBe('');
    const doc = JSON.parse(r.out) as Doc;
    expect(Object.keys(doc)).toEqual(['files']);
    expect(doc.files.map((f) => f.file)).toEqual([clean, findingsFile]);
    for (const f of doc.files) {
      expect(Object.keys(f)).toEqual(['file', 'valid', 'transactions', 'findings']);
      expect(f.findings).toEqual([]);
      for (const t of f.transactions) {
        expect(Object.keys(t)).toEqual(['set', 'guide', 'control', 'valid', 'findings']);
        expect(t).toMatchObject({ set: '837', guide: '005010X222A1', control: '0001' });
        for (const x of t.findings) {
          for (const k of FINDING_KEYS) expect(x, k).toHaveProperty(k);
          expect(Object.keys(x).filter((k) => !FINDING_KEYS.includes(k) && !OPTIONAL_KEYS.includes(k)), JSON.stringify(x)).toEqual([]);
          expect(typeof x.level).toBe('number');
          expect(typeof x.segment).toBe('string');
          expect(typeof x.position).toBe('number');
          expect(typeof x.loop).toBe('string');
          expect(typeof x.element).toBe('number');
          expect(typeof x.code).toBe('string');
          expect(typeof x.message).toBe('string');
        }
      }
    }
    const [a, b] = doc.files;
    expect(a.valid).toBe(true);
    expect(a.transactions).toEqual([{ set: '837', guide: '005010X222A1', control: '0001', valid: true, findings: [] }]);
    expect(b.valid).toBe(false);
    expect(b.transactions[0].valid).toBe(false);
    const pick = (x: FindingJson) => ({ level: x.level, segment: x.segment, position: x.position, loop: x.loop, element: x.element, code: x.code });
    expect(b.transactions[0].findings.map(pick).sort((x, y) => x.level - y.level)).toEqual([
      { level: 1, segment: 'CLM', position: 19, loop: '2300', element: 1, code: '5' },
      { level: 2, segment: 'SV1', position: 53, loop: '2400', element: 3, code: '7' },
      { level: 3, segment: 'CLM', position: 19, loop: '2300', element: 2, code: 'CLAIM_CHARGE_BALANCE' },
      { level: 4, segment: 'CLM', position: 67, loop: '2300', element: 5, code: 'ORIGINAL_CLAIM_NUMBER_MISSING' },
      { level: 5, segment: 'HI', position: 22, loop: '2300', element: 1, code: 'ICD10_SHAPE' },
    ]);
  });

  it('prints no bad values, claim numbers or names', async () => {
    const r = await run('validate', findingsFile, '--json');
    for (const phi of ['PMC24031501', 'PMC24022003', 'DOE', 'JANE', 'SMITH', 'W123456789', 'badValue', '"claim"']) expect(r.out, phi).not.toContain(phi);
  });

  it('--level N reports SNIP levels 1 to N only', async () => {
    for (const level of [1, 2, 3, 4, 5]) {
      for (const form of [['--level', String(level)], [`--level=${level}`]]) {
        const r = await run('validate', findingsFile, '--json', ...form);
        expect(r.code).toBe(1);
        const levels = (JSON.parse(r.out) as Doc).files[0].transactions[0].findings.map((f) => f.level).sort();
        expect(levels, form.join(' ')).toEqual([1, 2, 3, 4, 5].filter((l) => l <= level));
      }
    }
  });

  it('--level 1 shows only syntax findings', async () => {
    const r = await run('validate', findingsFile, '--json', '--level', '1');
    const f = (JSON.parse(r.out) as Doc).files[0].transactions[0].findings;
    expect(f.map((x) => `${x.code} ${x.segment}@${x.position}`)).toEqual(['5 CLM@19']);
  });

  it('a file that is valid at a lower level exits 0 at that level', async () => {
    const onlyL5 = tmp.write('only-l5.x12', text(edit(P837, { replace: 'HI*ABK:M5416*ABF:M5116', with: 'HI*ABK:M54.16*ABF:M5116' })));
    expect((await run('validate', onlyL5, '--level', '4')).code).toBe(0);
    expect((await run('validate', onlyL5, '--level', '5')).code).toBe(1);
    expect((await run('validate', onlyL5)).code).toBe(1);
  });

  it('puts envelope findings about a set in the set, with the IK5 code', async () => {
    const r = await run('validate', seCount, '--json');
    expect(r.code).toBe(1);
    const f = (JSON.parse(r.out) as Doc).files[0];
    expect(f.findings).toEqual([]);
    expect(f.transactions[0].findings.map((x) => [x.level, x.code, x.ik5])).toEqual([[1, '4', '4']]);
  });

  it('reports a file it cannot read in the JSON, with an error and no transactions', async () => {
    const r = await run('validate', missing, '--json');
    expect(r.code).toBe(2);
    const doc = JSON.parse(r.out) as Doc;
    expect(doc.files[0]).toEqual({ file: missing, valid: false, error: `cannot read ${missing}: no such file`, transactions: [], findings: [] });
  });
});

describe('x12d validate exit codes and text', () => {
  it('0 when every file is valid', async () => {
    const r = await run('validate', clean, samplePath('835/remittance.x12'), samplePath('270/eligibility-inquiry.x12'));
    expect(r.code).toBe(0);
    expect(r.out).toContain(`${clean}: valid\n`);
    expect(r.out).toContain('  837 control 0001 (005010X222A1): valid\n');
  });

  it('1 when any file has findings, with each finding on its own line', async () => {
    const r = await run('validate', clean, findingsFile);
    expect(r.code).toBe(1);
    expect(r.out).toContain(`${findingsFile}: NOT valid\n`);
    expect(r.out).toContain('  837 control 0001 (005010X222A1): 5 finding(s)\n');
    expect(r.out).toContain('    - SNIP 1 IK4 5 at segment 19 CLM (loop 2300) CLM01: ');
    expect(r.out).toContain('    - SNIP 4 ORIGINAL_CLAIM_NUMBER_MISSING at segment 67 CLM (loop 2300) CLM05-3: ');
  });

  it('2 when a file cannot be read at all', async () => {
    expect((await run('validate', missing)).code).toBe(2);
    expect((await run('validate', notX12)).code).toBe(2);
    expect((await run('validate', clean, missing)).code).toBe(2);
  });

  it('2 on misuse: no file, or a level that is not 1 to 5', async () => {
    const none = await run('validate');
    expect(none.code).toBe(2);
    expect(none.err).toBe('x12d: validate needs at least one file.\n');
    for (const bad of ['0', '6', 'x', '2.5']) {
      const r = await run('validate', clean, '--level', bad);
      expect(r.code, bad).toBe(2);
      expect(r.err).toBe('x12d: --level must be a SNIP level from 1 to 5.\n');
    }
    expect((await run('validate', clean, '--level')).code).toBe(2);
  });
});

describe('x12d ack', () => {
  it('--out writes the 999 to the file and prints nothing', async () => {
    const out = `${tmp.dir}/clean.999`;
    const r = await run('ack', clean, '--out', out);
    expect(r).toEqual({ code: 0, out: '', err: '' });
    const written = readFileSync(out, 'latin1');
    const segs = written.split('~').map((s) => s.trim()).filter(Boolean);
    expect(segs.map((s) => s.split('*')[0])).toEqual(['ISA', 'GS', 'ST', 'AK1', 'AK2', 'IK5', 'AK9', 'SE', 'GE', 'IEA']);
    expect(segs).toContain('IK5*A');
    const v = await validateX12(Buffer.from(written, 'latin1'), { registry: defaultRegistry() });
    expect(v.valid).toBe(true);
    expect(v.transactions.map((t) => [t.set, t.findings.length])).toEqual([['999', 0]]);
  });

  it('prints the 999 without --out, and exits 1 when the file has findings', async () => {
    const r = await run('ack', findingsFile);
    expect(r.code).toBe(1);
    expect(r.out).toContain('IK3*CLM*19*2300*8~');
    expect(r.out).toContain('IK5*R*5~');
    // The 999 answers SNIP levels 1 and 2 only: no balancing, situational or code set findings in it.
    expect(r.out).not.toContain('IK3*HI*');
    const out = `${tmp.dir}/findings.999`;
    expect((await run('ack', findingsFile, '--out', out)).code).toBe(1);
    expect(readFileSync(out, 'latin1')).toBe(r.out);
  });

  it('exits 2 for a file that cannot be read, or without exactly one file', async () => {
    const r = await run('ack', notX12);
    expect(r.code).toBe(2);
    expect(r.err).toContain(notX12);
    expect((await run('ack', missing)).code).toBe(2);
    expect((await run('ack')).code).toBe(2);
    expect((await run('ack', clean, findingsFile)).code).toBe(2);
    expect((await run('ack', clean, '--out')).code).toBe(2);
  });
});
