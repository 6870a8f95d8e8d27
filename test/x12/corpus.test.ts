/**
 * The bundled samples, discovered by listing samples/ so new files are covered as they are added:
 * readX12 never throws on any file there; every file outside broken/ reads with zero findings; each
 * broken file's finding codes are exactly the set in broken/EXPECTED.tsv.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readX12, readX12Sync } from '../../src/x12/reader.js';
import { SAMPLES, brokenSamples, expectedBroken, samplePath, sampleFiles, validSamples } from './fixtures.js';
import { codes, record } from './record.js';

function everyFile(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir).sort()) {
    const p = join(dir, e);
    if (statSync(p).isDirectory()) out.push(...everyFile(p));
    else out.push(p);
  }
  return out;
}

describe('sample discovery', () => {
  it('finds the sample folders and files', () => {
    const folders = readdirSync(SAMPLES).filter((e) => statSync(join(SAMPLES, e)).isDirectory());
    expect(folders).toContain('broken');
    expect(validSamples().length).toBeGreaterThan(0);
    expect(brokenSamples().length).toBeGreaterThan(0);
    // Every .x12 file in every folder is listed, and nothing else.
    const onDisk = everyFile(SAMPLES)
      .map((p) => relative(SAMPLES, p))
      .filter((p) => p.endsWith('.x12'));
    expect(sampleFiles()).toEqual(onDisk);
  });

  it('EXPECTED.tsv and broken/ agree: one row per broken file, no row without a file', () => {
    const expected = expectedBroken();
    const files = brokenSamples().map((f) => f.slice('broken/'.length));
    expect([...expected.keys()].sort()).toEqual(files.slice().sort());
    for (const [file, set] of expected) expect(set.size, file).toBeGreaterThan(0);
  });
});

describe('readX12 never throws on any file in samples/', () => {
  for (const abs of everyFile(SAMPLES)) {
    const rel = relative(SAMPLES, abs);
    it(rel, async () => {
      const r = await readX12(abs);
      expect(r.bytes).toBe(statSync(abs).size);
      const sync = readX12Sync(readFileSync(abs));
      expect(sync.findings).toEqual(r.findings);
      // A finding never points outside the file.
      for (const f of r.findings) {
        expect(f.offset).toBeGreaterThanOrEqual(0);
        expect(f.offset).toBeLessThanOrEqual(r.bytes);
      }
    });
  }
});

describe('valid samples read with zero findings', () => {
  for (const rel of validSamples()) {
    it(rel, async () => {
      const r = await record(samplePath(rel));
      expect(r.findings.map((f) => `${f.code} @${f.offset}: ${f.message}`)).toEqual([]);
      expect(r.result.fatal).toBe(false);
      expect(r.result.interchanges.length).toBeGreaterThan(0);
      const sets = r.result.interchanges.flatMap((i) => i.groups.flatMap((g) => g.transactions));
      expect(sets.length).toBeGreaterThan(0);
      // Folders named after a transaction set (837p, 278req, 999...) hold only that set.
      const folder = rel.split('/')[0];
      const m = /^(\d{3})/.exec(folder);
      if (m) for (const t of sets) expect(t.set, `${rel} ST01`).toBe(m[1]);
      // The set positions restart at every ST and end at SE01's count.
      for (const s of r.segments) if (s.tag === 'SE') expect(String(s.setPosition)).toBe(s.elements[0]);
      expect(r.segments.filter((s) => s.tag === 'ST').every((s) => s.setPosition === 1)).toBe(true);
      // Every segment offset points at its tag in the file.
      const bytes = readFileSync(samplePath(rel));
      for (const s of r.segments) expect(bytes.toString('latin1', s.offset, s.offset + s.tag.length)).toBe(s.tag);
    });
  }
});

describe('broken samples are caught for exactly the reason they were broken', () => {
  const expected = expectedBroken();
  for (const rel of brokenSamples()) {
    const name = rel.slice('broken/'.length);
    it(`${name}: ${[...(expected.get(name) ?? [])].join(', ')}`, async () => {
      const want = expected.get(name);
      expect(want, `${name} has no row in EXPECTED.tsv`).toBeDefined();
      const r = await record(samplePath(rel));
      expect(new Set(codes(r))).toEqual(want);
      // Findings inside an envelope name the interchange they belong to.
      for (const f of r.findings) {
        if (f.segment >= 0 && f.code !== 'ISA_WRONG_LENGTH' && f.code !== 'BAD_COMPONENT_SEPARATOR' && f.code !== 'EMPTY_SEGMENT' && f.code !== 'MISSING_FINAL_TERMINATOR' && f.code !== 'SEGMENT_OUTSIDE_ENVELOPE') {
          expect(f.interchange, `${f.code} names its interchange`).toBeDefined();
        }
      }
    });
  }
});
