import { readFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { listFiles } from './files.js';
import { findingText, inspectFile } from './inspect.js';

export const SAMPLES_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'samples');

/** Expected finding codes per broken sample, from samples/broken/EXPECTED.tsv. */
export async function expectedFindings(dir = SAMPLES_DIR): Promise<Map<string, Set<string>>> {
  const text = await readFile(join(dir, 'broken', 'EXPECTED.tsv'), 'utf8');
  const map = new Map<string, Set<string>>();
  for (const line of text.split('\n').slice(1)) {
    const [file, codes] = line.split('\t');
    if (!file || codes === undefined) continue;
    map.set(file.trim(), new Set(codes.split(',').map((c) => c.trim()).filter(Boolean)));
  }
  return map;
}

/**
 * The main job as far as it exists today: read every bundled sample, check the clean ones read clean
 * and each broken one is caught for exactly the reason it was broken.
 */
export async function runDemo(out: (s: string) => void, dir = SAMPLES_DIR): Promise<number> {
  const files = (await listFiles(dir)).filter((f) => f.endsWith('.x12'));
  const expected = await expectedFindings(dir);
  let failures = 0;
  out(`x12d demo: reading ${files.length} sample files from ${relative(process.cwd(), dir) || '.'}\n\n`);
  for (const file of files) {
    const name = relative(dir, file);
    const isBroken = name.startsWith('broken');
    const i = await inspectFile(file);
    const r = i.result;
    const codes = new Set(r ? r.findings.map((f) => f.code) : ['UNREADABLE']);
    const sets = r ? r.interchanges.flatMap((x) => x.groups.flatMap((g) => g.transactions.map((t) => t.set))) : [];
    let verdict: string;
    if (isBroken) {
      const want = expected.get(name.slice('broken/'.length)) ?? new Set<string>();
      const ok = want.size > 0 && [...want].every((c) => codes.has(c)) && [...codes].every((c) => want.has(c));
      verdict = ok ? `caught: ${[...codes].join(', ')}` : `UNEXPECTED: got ${[...codes].join(', ') || 'nothing'}, expected ${[...want].join(', ')}`;
      if (!ok) failures++;
    } else {
      verdict = codes.size === 0 ? `clean: ${sets.length} transaction set(s) ${[...new Set(sets)].join(' ')}` : 'UNEXPECTED findings';
      if (codes.size > 0) {
        failures++;
        for (const f of r?.findings ?? []) verdict += `\n      ${findingText(f)}`;
      }
    }
    out(`  ${name.padEnd(48)} ${verdict}\n`);
  }
  out(`\n${failures === 0 ? 'All samples read as expected.' : `${failures} sample(s) did not read as expected.`}\n`);
  return failures === 0 ? 0 : 1;
}
