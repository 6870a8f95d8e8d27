import { readFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_EDITS } from '../edits/index.js';
import { defaultRegistry } from '../grammar/guides/index.js';
import { validateX12 } from '../validation/validator.js';
import { listFiles } from './files.js';
import { findingText, inspectFile } from './inspect.js';
import { vfText } from './validate.js';

export const SAMPLES_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'samples');

async function tsvRows(path: string): Promise<Record<string, string>[]> {
  const text = await readFile(path, 'utf8');
  const [head, ...rows] = text.split('\n');
  const cols = head.split('\t').map((c) => c.trim());
  return rows.filter((r) => r.trim() !== '').map((r) => Object.fromEntries(r.split('\t').map((v, i) => [cols[i], v.trim()])));
}

/** Expected envelope finding codes per broken sample, from samples/broken/EXPECTED.tsv. */
export async function expectedFindings(dir = SAMPLES_DIR): Promise<Map<string, Set<string>>> {
  const map = new Map<string, Set<string>>();
  for (const r of await tsvRows(join(dir, 'broken', 'EXPECTED.tsv'))) {
    map.set(r.file, new Set((r.expected_codes ?? '').split(',').map((c) => c.trim()).filter(Boolean)));
  }
  return map;
}

/** Expected validation findings (code at segment position) per invalid sample, from samples/invalid/EXPECTED.tsv. */
async function expectedInvalid(dir: string): Promise<Map<string, Set<string>>> {
  const map = new Map<string, Set<string>>();
  for (const r of await tsvRows(join(dir, 'invalid', 'EXPECTED.tsv'))) {
    map.set(r.file, new Set([...(map.get(r.file) ?? []), `${r.code}@${r.segment}${r.position}`]));
  }
  return map;
}

/**
 * The main job as far as it exists today: read and validate every bundled sample. Valid samples must
 * validate clean through SNIP level 5, each broken one (envelope defects) must be caught for exactly the
 * reason it was broken, and each invalid one (guide and business-rule defects) must get its finding.
 */
export async function runDemo(out: (s: string) => void, dir = SAMPLES_DIR): Promise<number> {
  const files = (await listFiles(dir)).filter((f) => f.endsWith('.x12'));
  const broken = await expectedFindings(dir);
  const invalid = await expectedInvalid(dir);
  let failures = 0;
  out(`x12d demo: reading and validating ${files.length} sample files from ${relative(process.cwd(), dir) || '.'}\n\n`);
  for (const file of files) {
    const name = relative(dir, file).split('\\').join('/');
    let verdict: string;
    if (name.startsWith('broken/')) {
      const i = await inspectFile(file);
      const codes = new Set(i.result ? i.result.findings.map((f) => f.code) : ['UNREADABLE']);
      const want = broken.get(name.slice('broken/'.length)) ?? new Set<string>();
      const ok = want.size > 0 && [...want].every((c) => codes.has(c)) && [...codes].every((c) => want.has(c));
      verdict = ok ? `caught: ${[...codes].join(', ')}` : `UNEXPECTED: got ${[...codes].join(', ') || 'nothing'}, expected ${[...want].join(', ')}`;
      if (!ok) failures++;
    } else {
      const v = await validateX12(file, { registry: defaultRegistry(), edits: DEFAULT_EDITS, level: 5 });
      const got = v.transactions.flatMap((t) => t.findings.filter((f) => f.severity === 'error'));
      if (name.startsWith('invalid/')) {
        const want = invalid.get(name.slice('invalid/'.length)) ?? new Set<string>();
        const have = new Set(got.map((f) => `${f.code}@${f.segmentId}${f.position}`));
        const ok = want.size > 0 && [...want].every((w) => have.has(w));
        verdict = ok ? `caught: ${got.map((f) => `SNIP ${f.level} ${f.ik4 !== undefined ? `IK4 ${f.ik4}` : f.ik3 !== undefined ? `IK3 ${f.ik3}` : (f.rule ?? f.code)} at ${f.segmentId}${f.element > 0 ? String(f.element).padStart(2, '0') : ''}`).join('; ')}` : `UNEXPECTED: got ${[...have].join(', ') || 'nothing'}, expected ${[...want].join(', ')}`;
        if (!ok) failures++;
      } else {
        const sets = v.transactions.map((t) => t.set);
        verdict = v.valid ? `valid: ${sets.length} transaction set(s) ${[...new Set(sets)].join(' ')}` : 'UNEXPECTED findings';
        if (!v.valid) {
          failures++;
          for (const f of v.envelope.findings) verdict += `\n      ${findingText(f)}`;
          for (const f of got) verdict += `\n      ${vfText(f)}`;
        }
      }
    }
    out(`  ${name.padEnd(56)} ${verdict}\n`);
  }
  out(`\n${failures === 0 ? 'All samples read and validated as expected.' : `${failures} sample(s) did not read as expected.`}\n`);
  return failures === 0 ? 0 : 1;
}
