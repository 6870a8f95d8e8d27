import { readFile } from 'node:fs/promises';
import { basename, join, relative, sep } from 'node:path';
import { readX12 } from '../x12/reader.js';
import { listFiles } from './files.js';

interface FileOutcome {
  readonly file: string;
  readonly set: string;
  readonly verdict: 'clean' | 'findings' | 'unreadable' | 'crash';
  readonly codes: readonly string[];
  readonly expected?: string;
  readonly note?: string;
}

const SKIP = new Set(['MANIFEST.tsv', 'README.md', 'LICENSE', 'LICENSE.txt']);

async function readManifest(dir: string): Promise<Map<string, { set: string; expected: string }>> {
  const map = new Map<string, { set: string; expected: string }>();
  let text: string;
  try {
    text = await readFile(join(dir, 'MANIFEST.tsv'), 'utf8');
  } catch {
    return map;
  }
  const [header, ...rows] = text.split('\n');
  const cols = header.split('\t');
  const fileCol = cols.indexOf('file');
  const setCol = cols.indexOf('set');
  const expCol = cols.indexOf('expected_valid');
  if (fileCol < 0 || expCol < 0) return map;
  for (const row of rows) {
    const c = row.split('\t');
    if (c[fileCol]) map.set(c[fileCol], { set: setCol >= 0 ? c[setCol] : '', expected: c[expCol] ?? 'unknown' });
  }
  return map;
}

function pad(s: string | number, n: number): string {
  return String(s).padEnd(n);
}

/**
 * Reads every file under a folder and tabulates how the reader judged them, per transaction set folder,
 * and against the folder's MANIFEST.tsv `expected_valid` column when there is one. A crash is the only
 * failure: findings are what a conformance run is for.
 */
export async function runConformance(dir: string, out: (s: string) => void, opts: { json?: boolean } = {}): Promise<number> {
  const manifest = await readManifest(dir);
  const files = (await listFiles(dir)).filter((f) => !SKIP.has(basename(f)));
  const outcomes: FileOutcome[] = [];
  for (const file of files) {
    const rel = relative(dir, file);
    const m = manifest.get(basename(file));
    const set = m?.set || (rel.includes(sep) ? rel.split(sep)[0] : '(top)');
    try {
      const r = await readX12(file);
      const codes = [...new Set(r.findings.map((f) => f.code))];
      const verdict = r.fatal && r.interchanges.length === 0 ? 'unreadable' : codes.length === 0 ? 'clean' : 'findings';
      outcomes.push({ file: rel, set, verdict, codes, expected: m?.expected });
    } catch (e) {
      outcomes.push({ file: rel, set, verdict: 'crash', codes: [], expected: m?.expected, note: (e as Error).stack ?? String(e) });
    }
  }

  const crashes = outcomes.filter((o) => o.verdict === 'crash');
  if (opts.json) {
    out(`${JSON.stringify({ dir, files: outcomes }, null, 2)}\n`);
    return crashes.length > 0 ? 1 : 0;
  }

  const sets = [...new Set(outcomes.map((o) => o.set))].sort();
  out(`Conformance run over ${dir}: ${outcomes.length} files\n\n`);
  out('| set | files | read cleanly | with findings | unreadable | crashed |\n|---|---|---|---|---|---|\n');
  const row = (name: string, os: FileOutcome[]) =>
    out(`| ${name} | ${os.length} | ${os.filter((o) => o.verdict === 'clean').length} | ${os.filter((o) => o.verdict === 'findings').length} | ${os.filter((o) => o.verdict === 'unreadable').length} | ${os.filter((o) => o.verdict === 'crash').length} |\n`);
  for (const s of sets) row(s, outcomes.filter((o) => o.set === s));
  row('**all**', outcomes);

  const judged = outcomes.filter((o) => o.expected !== undefined);
  if (judged.length > 0) {
    out('\nEnvelope verdict against the manifest (expected_valid):\n\n');
    out('| expected_valid | files | envelope clean | envelope findings or unreadable |\n|---|---|---|---|\n');
    for (const e of ['yes', 'no', 'unknown']) {
      const os = judged.filter((o) => o.expected === e);
      if (os.length === 0) continue;
      out(`| ${e} | ${os.length} | ${os.filter((o) => o.verdict === 'clean').length} | ${os.filter((o) => o.verdict !== 'clean').length} |\n`);
    }
    const agree = judged.filter((o) => (o.expected === 'yes' && o.verdict === 'clean') || (o.expected === 'no' && o.verdict !== 'clean')).length;
    const decided = judged.filter((o) => o.expected === 'yes' || o.expected === 'no').length;
    out(`\nAgreement on files with a yes/no verdict: ${agree} of ${decided}. (The envelope layer cannot see guide-level errors, so "no" files that read cleanly are expected until guide validation runs.)\n`);
    const disagree = judged.filter((o) => o.expected === 'yes' && o.verdict !== 'clean');
    if (disagree.length > 0) {
      out('\nFiles the source calls valid where the reader reports envelope findings (look at the file before assuming the reader is wrong):\n');
      for (const o of disagree) out(`- ${o.file}: ${o.codes.join(', ')}\n`);
    }
  }
  const detail = outcomes.filter((o) => o.verdict !== 'clean' && o.verdict !== 'crash');
  if (detail.length > 0) {
    out('\nFindings per file:\n');
    for (const o of detail) out(`- ${pad(o.file, 70)} ${o.verdict}: ${o.codes.join(', ')}\n`);
  }
  if (crashes.length > 0) {
    out(`\n${crashes.length} file(s) CRASHED the reader:\n`);
    for (const o of crashes) out(`- ${o.file}\n${o.note}\n`);
    return 1;
  }
  return 0;
}
