import { readFile } from 'node:fs/promises';
import { basename, join, relative, sep } from 'node:path';
import { DEFAULT_EDITS } from '../edits/index.js';
import { defaultRegistry } from '../grammar/guides/index.js';
import { type FileValidation, validateX12 } from '../validation/validator.js';
import { listFiles } from './files.js';
import { vfText } from './validate.js';

type Envelope = 'clean' | 'findings' | 'unreadable' | 'crash';

interface FileOutcome {
  readonly file: string;
  readonly set: string;
  readonly envelope: Envelope;
  readonly envelopeCodes: readonly string[];
  /** Valid at SNIP levels 1-2 (syntax and guide) and at 1-5 (with balancing, situational rules, code sets). */
  readonly validL2: boolean;
  readonly validL5: boolean;
  readonly firstProblems: readonly string[];
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

function judge(v: FileValidation): Omit<FileOutcome, 'file' | 'set' | 'expected'> {
  const env = v.envelope;
  // Envelope problems inside a set carry the reader's finding code as their rule (SE count, say); a set
  // with no known guide is not an envelope problem.
  const envelopeCodes = [...new Set([...env.findings.map((f) => f.code), ...v.transactions.flatMap((t) => t.findings.filter((f) => f.ik5 !== undefined && f.rule !== 'GUIDE_UNKNOWN').map((f) => f.rule ?? f.code))])];
  const envelope: Envelope = env.fatal && env.interchanges.length === 0 ? 'unreadable' : envelopeCodes.length === 0 ? 'clean' : 'findings';
  const errors = (max: number) => v.transactions.flatMap((t) => t.findings.filter((f) => f.severity === 'error' && f.level <= max));
  const envelopeErrors = env.findings.filter((f) => f.severity !== 'warning').length;
  const firstProblems = [...env.findings.filter((f) => f.severity !== 'warning').map((f) => `${f.code}: ${f.message}`), ...errors(5).map(vfText)].slice(0, 3);
  return {
    envelope,
    envelopeCodes,
    validL2: envelope !== 'unreadable' && envelopeErrors === 0 && errors(2).length === 0,
    validL5: envelope !== 'unreadable' && envelopeErrors === 0 && errors(5).length === 0,
    firstProblems,
  };
}

/**
 * Reads and validates every file under a folder and tabulates the verdicts per transaction set folder,
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
      const v = await validateX12(file, { registry: defaultRegistry(), edits: DEFAULT_EDITS, level: 5 });
      outcomes.push({ file: rel, set, expected: m?.expected, ...judge(v) });
    } catch (e) {
      outcomes.push({ file: rel, set, envelope: 'crash', envelopeCodes: [], validL2: false, validL5: false, firstProblems: [], expected: m?.expected, note: (e as Error).stack ?? String(e) });
    }
  }

  const crashes = outcomes.filter((o) => o.envelope === 'crash');
  if (opts.json) {
    out(`${JSON.stringify({ dir, files: outcomes }, null, 2)}\n`);
    return crashes.length > 0 ? 1 : 0;
  }

  const count = (os: FileOutcome[], p: (o: FileOutcome) => boolean) => os.filter(p).length;
  const sets = [...new Set(outcomes.map((o) => o.set))].sort();
  out(`Conformance run over ${dir}: ${outcomes.length} files\n\n`);
  out('| set | files | envelope clean | envelope findings | unreadable | crashed | valid SNIP 1-2 | valid SNIP 1-5 |\n|---|---|---|---|---|---|---|---|\n');
  const row = (name: string, os: FileOutcome[]) =>
    out(
      `| ${name} | ${os.length} | ${count(os, (o) => o.envelope === 'clean')} | ${count(os, (o) => o.envelope === 'findings')} | ${count(os, (o) => o.envelope === 'unreadable')} | ${count(os, (o) => o.envelope === 'crash')} | ${count(os, (o) => o.validL2)} | ${count(os, (o) => o.validL5)} |\n`,
    );
  for (const s of sets) row(s, outcomes.filter((o) => o.set === s));
  row('**all**', outcomes);

  const judged = outcomes.filter((o) => o.expected !== undefined);
  if (judged.length > 0) {
    out('\nAgainst the manifest (expected_valid):\n\n');
    out('| expected_valid | files | envelope clean | valid SNIP 1-2 | valid SNIP 1-5 |\n|---|---|---|---|---|\n');
    for (const e of ['yes', 'no', 'unknown']) {
      const os = judged.filter((o) => o.expected === e);
      if (os.length > 0) out(`| ${e} | ${os.length} | ${count(os, (o) => o.envelope === 'clean')} | ${count(os, (o) => o.validL2)} | ${count(os, (o) => o.validL5)} |\n`);
    }
    const decided = judged.filter((o) => o.expected === 'yes' || o.expected === 'no');
    const agree = (p: (o: FileOutcome) => boolean) => decided.filter((o) => (o.expected === 'yes') === p(o)).length;
    out(`\nAgreement on the ${decided.length} files with a yes/no verdict: envelope ${agree((o) => o.envelope === 'clean')}, SNIP 1-2 ${agree((o) => o.validL2)}, SNIP 1-5 ${agree((o) => o.validL5)}.\n`);
    const yesButInvalid = judged.filter((o) => o.expected === 'yes' && !o.validL5);
    if (yesButInvalid.length > 0) {
      out('\nFiles the source calls valid that x12d does not (first findings; look at the file before assuming x12d is wrong):\n');
      for (const o of yesButInvalid) out(`- ${o.file}\n${o.firstProblems.map((p) => `    ${p}`).join('\n')}\n`);
    }
    const noButValid = judged.filter((o) => o.expected === 'no' && o.validL5);
    if (noButValid.length > 0) {
      out('\nFiles the source calls invalid that x12d finds valid:\n');
      for (const o of noButValid) out(`- ${o.file}\n`);
    }
  }
  if (crashes.length > 0) {
    out(`\n${crashes.length} file(s) CRASHED:\n`);
    for (const o of crashes) out(`- ${o.file}\n${o.note}\n`);
    return 1;
  }
  return 0;
}
