/**
 * npm run bench [-- --size MB] [--runs N] [--seed N] [--timeout S] [--only a,b] [--kinds 835,837p]
 *                  [--json [FILE]] [--tsx] [--ingest-claims N] [--ingest-embedded-claims N] [--database-url URL]
 *
 * Generates (or reuses) a deterministic 835 and 837P of --size MB each in bench/.out/, then measures every
 * registered reader and validator (bench/readers.ts) on the same files, each run in its own child process
 * so peak RSS is that measurement's own. Prints machine info, a markdown table (median MB/s, highest peak
 * RSS), the validators' finding counts (the generated files should have none), and whether x12d meets
 * its targets. A missed target is reported, never an exit code: this is a benchmark.
 */
import { spawn } from 'node:child_process';
import { createReadStream, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { arch, availableParallelism, cpus, loadavg, platform, release, totalmem } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type FileInfo, KINDS, KIND_LABEL, type Kind, MB, ensureFile } from './generate.js';
import { DEFAULT_ORDER, PRIMARY, RATIO_BASE, VALIDATE_PRIMARY, VALIDATE_ROWS, measurements } from './readers.js';
import type { WorkerReport } from './worker.js';
import type { IngestBenchResult } from './ingest.js';

const BENCH_DIR = dirname(fileURLToPath(import.meta.url));
const ROOT = dirname(BENCH_DIR);
const OUT_DIR = join(BENCH_DIR, '.out');
/** Readers that are not capped by --timeout still get this, so a hung worker cannot hang the run. */
const SAFETY_TIMEOUT_S = 3600;

const TARGET_MBPS = 200;
/** validateX12 at SNIP level 5 (VALIDATE_PRIMARY). */
const TARGET_VALIDATE_MBPS = 50;
/** The reference point for validation speed, measured once on this machine (not re-run by the bench). */
const TARGET_RECORDS_MBPS = 40;
const TARGET_GENERATE_CLAIMS = 50_000;
/** 835 claims per second through the whole ingest pipeline into PostgreSQL. */
const TARGET_INGEST_CLAIMS = 20_000;
const PYX12_CONTEXT = 'pyx12 validated a 2.95 MB 835 in 12.7 s on this machine (0.23 MB/s)';
const TARGET_RATIO = 30;
const TARGET_RSS_MB = 100;
const RSS_TARGET_MIN_SIZE = 1000;

// ---------------------------------------------------------------------------------------------------
// Options

interface Options {
  size: number;
  seed: number;
  runs: number;
  timeout: number;
  only: string[];
  kinds: Kind[];
  json: false | true | string;
  tsx: boolean;
  /** Claims in the 835 ingested into PostgreSQL (0: no ingest measurement). */
  ingestClaims: number;
  /** Claims in the 835 ingested into the embedded PGlite (0: none). */
  ingestEmbeddedClaims: number;
  databaseUrl: string;
}

const USAGE = `usage: npm run bench -- [options]
  --size N        MB (2^20 bytes) per generated file (default 100)
  --runs N        runs per reader and file; the table shows the median MB/s (default 3)
  --seed N        PRNG seed for the generated files (default 1)
  --timeout S     give up on node-x12 runs after S seconds (default 120)
  --only a,b      measure only these readers (${Object.keys(measurements).join(', ')})
  --kinds k,k     file kinds to measure: 835, 837p (default both)
  --json [FILE]   results as JSON to FILE, or to stdout (the table then goes to stderr; use
                  npm run -s bench -- --json, so npm's own banner stays off stdout)
  --tsx           run workers with node --import tsx instead of a bundled worker
  --ingest-claims N
                  claims in the 835 run through the whole ingest pipeline into PostgreSQL, beside a
                  COPY of the same rows (default 100000; 0 skips)
  --ingest-embedded-claims N
                  the same on the embedded PGlite, without COPY (default 10000; 0 skips)
  --database-url URL
                  PostgreSQL for the ingest rows (default DATABASE_URL, else postgres://postgres@127.0.0.1:5432/postgres);
                  a schema of its own is created and dropped`;

function parseArgs(argv: string[]): Options {
  const o: Options = {
    size: 100,
    seed: 1,
    runs: 3,
    timeout: 120,
    only: [...DEFAULT_ORDER],
    kinds: [...KINDS],
    json: false,
    tsx: false,
    ingestClaims: 100_000,
    ingestEmbeddedClaims: 10_000,
    databaseUrl: process.env.DATABASE_URL?.trim() || 'postgres://postgres@127.0.0.1:5432/postgres',
  };
  const num = (flag: string, v: string | undefined, min: number): number => {
    const n = Number(v);
    if (v === undefined || !Number.isFinite(n) || n < min) throw new Error(`${flag} needs a number >= ${min}, got ${v ?? 'nothing'}`);
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    switch (a) {
      case '--size':
        o.size = num(a, argv[++i], 0.01);
        break;
      case '--runs':
        o.runs = Math.floor(num(a, argv[++i], 1));
        break;
      case '--seed':
        o.seed = Math.floor(num(a, argv[++i], 0));
        break;
      case '--timeout':
        o.timeout = num(a, argv[++i], 1);
        break;
      case '--only': {
        const names = (argv[++i] ?? '').split(',').filter(Boolean);
        for (const n of names) if (!(n in measurements)) throw new Error(`unknown reader ${n}; known: ${Object.keys(measurements).join(', ')}`);
        o.only = names;
        break;
      }
      case '--kinds': {
        const ks = (argv[++i] ?? '').toLowerCase().split(',').filter(Boolean);
        for (const k of ks) if (!KINDS.includes(k as Kind)) throw new Error(`unknown kind ${k}; known: ${KINDS.join(', ')}`);
        o.kinds = ks as Kind[];
        break;
      }
      case '--json':
        if (argv[i + 1] !== undefined && !argv[i + 1].startsWith('--')) o.json = argv[++i];
        else o.json = true;
        break;
      case '--tsx':
        o.tsx = true;
        break;
      case '--ingest-claims':
        o.ingestClaims = Math.floor(num(a, argv[++i], 0));
        break;
      case '--ingest-embedded-claims':
        o.ingestEmbeddedClaims = Math.floor(num(a, argv[++i], 0));
        break;
      case '--database-url':
        o.databaseUrl = argv[++i] ?? '';
        break;
      case '--help':
      case '-h':
        process.stdout.write(USAGE + '\n');
        process.exit(0);
        break;
      default:
        throw new Error(`unknown option ${a}\n${USAGE}`);
    }
  }
  return o;
}

// ---------------------------------------------------------------------------------------------------
// Workers

type RunResult =
  | { ok: true; report: WorkerReport }
  | { ok: false; status: 'timeout' | 'out of memory' | 'string too long' | 'killed' | 'error'; message: string; seconds: number; peakRssMB?: number };

interface Launcher {
  command: string;
  args: string[];
  how: string;
}

/** Bundles bench/worker.ts (with src/) into one .mjs so workers run on plain node, without tsx's loader. */
async function prepareLauncher(useTsx: boolean, log: (s: string) => void): Promise<Launcher> {
  const viaTsx: Launcher = { command: process.execPath, args: ['--import', 'tsx', join(BENCH_DIR, 'worker.ts')], how: 'node --import tsx bench/worker.ts' };
  if (useTsx) return viaTsx;
  try {
    const esbuild = await import('esbuild');
    const outfile = join(OUT_DIR, 'worker.mjs');
    await esbuild.build({
      entryPoints: [join(BENCH_DIR, 'worker.ts')],
      outfile,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      packages: 'external',
      logLevel: 'silent',
    });
    return { command: process.execPath, args: [outfile], how: 'node bench/.out/worker.mjs (bench/worker.ts and src/ bundled by esbuild; node-x12 loaded from node_modules)' };
  } catch (e) {
    log(`! could not bundle the worker (${(e as Error).message}); running workers with tsx, whose loader adds about 40 MB to every peak RSS`);
    return viaTsx;
  }
}

function readHwmMB(pid: number): number | undefined {
  try {
    const m = /VmHWM:\s+(\d+)\s+kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : undefined;
  } catch {
    return undefined;
  }
}

function runWorker(launcher: Launcher, name: string, file: FileInfo, timeoutS: number): Promise<RunResult> {
  const m = measurements[name];
  return new Promise((resolve) => {
    const started = process.hrtime.bigint();
    const child = spawn(launcher.command, [...(m.nodeArgs?.() ?? []), ...launcher.args, name, file.path, file.kind], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let hwm: number | undefined;
    let timedOut = false;
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => {
      if (stderr.length < 64 * 1024) stderr += d;
    });
    // Peak RSS as seen from outside, for runs that never report their own (timeouts, crashes).
    const poll = setInterval(() => {
      if (child.pid !== undefined) hwm = readHwmMB(child.pid) ?? hwm;
    }, 250);
    const timer = setTimeout(() => {
      timedOut = true;
      if (child.pid !== undefined) hwm = readHwmMB(child.pid) ?? hwm;
      child.kill('SIGKILL');
    }, timeoutS * 1000);
    child.on('close', (code, signal) => {
      clearInterval(poll);
      clearTimeout(timer);
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const line = stdout.trim().split('\n').pop() ?? '';
      if (code === 0 && line.startsWith('{')) {
        resolve({ ok: true, report: JSON.parse(line) as WorkerReport });
        return;
      }
      const tail = stderr.trim().split('\n').slice(-3).join(' | ');
      if (timedOut) resolve({ ok: false, status: 'timeout', message: `no result after ${timeoutS} s`, seconds, peakRssMB: hwm });
      else if (/heap out of memory|Reached heap limit|Allocation failed|Invalid array length|Invalid string length/i.test(stderr))
        resolve({ ok: false, status: 'out of memory', message: tail, seconds, peakRssMB: hwm });
      else if (/ERR_STRING_TOO_LONG|Cannot create a string longer/i.test(stderr))
        resolve({ ok: false, status: 'string too long', message: 'the file is longer than the largest string V8 can hold', seconds, peakRssMB: hwm });
      else if (signal !== null) resolve({ ok: false, status: 'killed', message: `killed by ${signal} (system out of memory?) ${tail}`, seconds, peakRssMB: hwm });
      else resolve({ ok: false, status: 'error', message: `exit ${code}: ${tail}`, seconds, peakRssMB: hwm });
    });
  });
}

/** Reads a file once so every measurement starts with it in the page cache. */
function warm(path: string): Promise<void> {
  return new Promise((resolve, reject) => {
    createReadStream(path, { highWaterMark: 4 * MB })
      .on('data', () => {})
      .on('end', () => resolve())
      .on('error', reject);
  });
}

// ---------------------------------------------------------------------------------------------------
// Results

interface Cell {
  reader: string;
  kind: Kind;
  status: 'ok' | 'skipped' | Exclude<RunResult, { ok: true }>['status'];
  message?: string;
  runs: WorkerReport[];
  medianMBps?: number;
  /** Median MB per CPU-second (all threads): a contention-resistant companion to medianMBps. */
  medianMBpsCpu?: number;
  /** Highest peak RSS over the runs (for a failed run, as last seen from outside). */
  peakRssMB?: number;
  baselineRssMB?: number;
  mismatches: string[];
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const h = s.length >> 1;
  return s.length % 2 === 1 ? s[h] : (s[h - 1] + s[h]) / 2;
}

function fmtRate(x: number): string {
  return x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2);
}
function fmtInt(x: number): string {
  return Math.round(x).toLocaleString('en-US');
}

/** Ratio of a cell's rate to the node-x12 parse rate: exact, a lower bound (base timed out), or null. */
function ratio(cell: Cell | undefined, base: Cell | undefined, file: FileInfo, timeout: number): { value: number; bound: boolean } | null {
  if (cell?.medianMBps === undefined || base === undefined) return null;
  if (base.medianMBps !== undefined) return { value: cell.medianMBps / base.medianMBps, bound: false };
  if (base.status === 'timeout') return { value: cell.medianMBps / (file.bytes / MB / timeout), bound: true };
  return null;
}

function fmtRatio(r: { value: number; bound: boolean } | null): string {
  if (r === null) return 'n/a';
  const v = r.value >= 10 ? r.value.toFixed(0) : r.value.toFixed(1);
  return r.bound ? `>${v}x` : `${v}x`;
}

function failureText(c: Cell, timeout: number): string {
  switch (c.status) {
    case 'timeout':
      return `timeout (>${timeout} s)`;
    case 'out of memory':
      return 'out of memory';
    case 'string too long':
      return 'file > max JS string';
    case 'killed':
      return 'killed';
    case 'skipped':
      return '—';
    default:
      return 'error';
  }
}

// ---------------------------------------------------------------------------------------------------

/** One ingest measurement in its own process (node --import tsx bench/ingest.ts), as production runs. */
function runIngest(args: readonly string[]): Promise<IngestBenchResult | { status: 'error'; error: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(BENCH_DIR, 'ingest.ts'), ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString('utf8')));
    child.on('close', (code) => {
      const last = out.trim().split('\n').pop() ?? '';
      try {
        resolve(JSON.parse(last) as IngestBenchResult);
      } catch {
        resolve({ status: 'error', error: `bench/ingest.ts exited with ${code ?? 'a signal'} and no result` });
      }
    });
  });
}

async function main(): Promise<void> {
  const opts = parseArgs(process.argv.slice(2));
  const startedAt = process.hrtime.bigint();
  const jsonToStdout = opts.json === true;
  const say = (s = '') => (jsonToStdout ? process.stderr : process.stdout).write(s + '\n');
  const log = (s: string) => process.stderr.write(s + '\n');
  mkdirSync(OUT_DIR, { recursive: true });

  const machine = {
    loadAverageAtStart: loadavg(),
    cpus: cpus().length,
    availableParallelism: availableParallelism(),
    cpuModel: cpus()[0]?.model ?? 'unknown',
    totalMemoryMB: Math.round(totalmem() / MB),
    node: process.version,
    v8: process.versions.v8,
    platform: `${platform()} ${release()} ${arch()}`,
  };
  say(`# x12d reader and validator benchmark`);
  say();
  say(`- machine: ${machine.cpus} CPUs (${machine.cpuModel}), ${fmtInt(machine.totalMemoryMB)} MB RAM, ${machine.platform}`);
  say(`- node ${machine.node} (V8 ${machine.v8})`);
  const loadStart = loadavg()[0];
  say(`- files: ${opts.size} MB each, seed ${opts.seed}; ${opts.runs} run(s) per reader and file`);

  // Files
  const files = new Map<Kind, FileInfo & { reused: boolean; seconds: number }>();
  for (const kind of opts.kinds) {
    log(`generating ${KIND_LABEL[kind]} (${opts.size} MB, seed ${opts.seed}) ...`);
    const f = ensureFile(OUT_DIR, kind, opts.size, opts.seed, log);
    log(`  ${f.reused ? 'reused' : `written in ${f.seconds.toFixed(1)} s:`} ${relative(ROOT, f.path)}: ${fmtInt(f.bytes)} bytes, ${fmtInt(f.segments)} segments, ${fmtInt(f.transactions)} transaction sets, ${fmtInt(f.claims)} claims`);
    await warm(f.path);
    files.set(kind, f);
  }
  for (const f of files.values()) {
    say(`- ${KIND_LABEL[f.kind]}: ${relative(ROOT, f.path)}, ${(f.bytes / MB).toFixed(1)} MB, ${fmtInt(f.segments)} segments, ${fmtInt(f.transactions)} transaction sets, ${fmtInt(f.claims)} claims${f.reused ? ' (reused)' : ''}`);
  }

  const launcher = await prepareLauncher(opts.tsx, log);
  say(`- workers: ${launcher.how}`);
  say();

  // Measurements: for each file, round-robin over readers run by run (so drift in a noisy machine is
  // spread over all readers); a reader that fails once is not retried on that file.
  const cells = new Map<string, Cell>();
  const key = (r: string, k: Kind) => `${r}\u0000${k}`;
  for (const [kind, file] of files) {
    const active = opts.only.filter((r) => measurements[r].kinds === undefined || measurements[r].kinds!.includes(kind));
    for (const r of opts.only) cells.set(key(r, kind), { reader: r, kind, status: active.includes(r) ? 'ok' : 'skipped', runs: [], mismatches: [] });
    for (let run = 1; run <= opts.runs; run++) {
      for (const r of active) {
        const cell = cells.get(key(r, kind))!;
        if (cell.status !== 'ok') continue;
        await warm(file.path);
        const timeout = measurements[r].capped ? opts.timeout : SAFETY_TIMEOUT_S;
        const res = await runWorker(launcher, r, file, timeout);
        const tag = `${KIND_LABEL[kind]} run ${run}/${opts.runs} ${r}`;
        if (res.ok) {
          const rep = res.report;
          cell.runs.push(rep);
          log(`${tag}: ${fmtRate(rep.mbps)} MB/s (${fmtRate(rep.mbpsCpu)} per CPU-s), ${rep.seconds.toFixed(2)} s, peak RSS ${rep.peakRssMB.toFixed(0)} MB`);
          if (rep.segments !== file.segments) cell.mismatches.push(`${fmtInt(rep.segments)} segments, expected ${fmtInt(file.segments)}`);
          if (rep.elements !== undefined && rep.elements !== file.elements) cell.mismatches.push(`${fmtInt(rep.elements)} elements, expected ${fmtInt(file.elements)}`);
          if (rep.extra?.badTags !== undefined && rep.extra.badTags !== 0) cell.mismatches.push(`${rep.extra.badTags} segments with a malformed tag`);
          if (rep.findings !== undefined && rep.findings > 0) cell.mismatches.push(`${rep.findings} findings on a valid file, first: ${rep.firstFinding ?? '?'}`);
        } else {
          cell.status = res.status;
          cell.message = res.message;
          cell.peakRssMB = res.peakRssMB;
          log(`${tag}: ${res.status} after ${res.seconds.toFixed(1)} s${res.peakRssMB !== undefined ? `, peak RSS >= ${res.peakRssMB.toFixed(0)} MB` : ''}: ${res.message}`);
        }
      }
    }
    for (const r of active) {
      const cell = cells.get(key(r, kind))!;
      cell.mismatches = [...new Set(cell.mismatches)];
      if (cell.status === 'ok' && cell.runs.length > 0) {
        cell.medianMBps = median(cell.runs.map((x) => x.mbps));
        cell.medianMBpsCpu = median(cell.runs.map((x) => x.mbpsCpu));
        cell.peakRssMB = Math.max(...cell.runs.map((x) => x.peakRssMB));
        cell.baselineRssMB = Math.max(...cell.runs.map((x) => x.baselineRssMB));
      }
    }
  }

  // Table
  const kinds = [...files.keys()];
  const header = ['reader'];
  for (const k of kinds) header.push(`${KIND_LABEL[k]} MB/s`, `${KIND_LABEL[k]} peak RSS MB`);
  header.push(`vs node-x12 parse (${kinds.map((k) => KIND_LABEL[k]).join(' / ')})`);
  const rows: string[][] = [];
  const notes: string[] = [];
  for (const r of opts.only) {
    const row = [`${measurements[r].label}`];
    const ratios: string[] = [];
    for (const k of kinds) {
      const c = cells.get(key(r, k))!;
      const file = files.get(k)!;
      const warnMark = c.mismatches.length > 0 ? ' ⚠' : '';
      if (c.medianMBps !== undefined) {
        row.push(fmtRate(c.medianMBps) + warnMark, c.peakRssMB!.toFixed(0));
      } else {
        row.push(failureText(c, opts.timeout), c.peakRssMB !== undefined ? `≥${c.peakRssMB.toFixed(0)}` : '—');
        if (c.status !== 'skipped') notes.push(`${measurements[r].label}, ${KIND_LABEL[k]}: ${c.status}: ${c.message ?? ''}`);
      }
      for (const m of c.mismatches) notes.push(`⚠ ${measurements[r].label}, ${KIND_LABEL[k]}: ${m}`);
      ratios.push(c.status === 'skipped' ? '—' : fmtRatio(ratio(c, cells.get(key(RATIO_BASE, k)), file, opts.timeout)));
    }
    row.push(ratios.join(' / '));
    rows.push(row);
  }
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const line = (cols: string[]) => `| ${cols.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(' | ')} |`;
  say(line(header));
  say(`|${widths.map((w, i) => (i === 0 ? ':' + '-'.repeat(w + 1) : '-'.repeat(w + 1) + ':')).join('|')}|`);
  for (const row of rows) say(line(row));
  say();
  const sources = new Set([...cells.values()].flatMap((c) => c.runs.map((r) => r.rssSource)));
  const rssSource = sources.has('maxRSS') ? 'resourceUsage().maxRSS' : 'VmHWM from /proc/self/status; ru_maxrss would include the parent\'s RSS at fork';
  const baselines = [...cells.values()].filter((c) => c.baselineRssMB !== undefined).map((c) => c.baselineRssMB!);
  say(
    `MB = 2^20 bytes. MB/s: median of ${opts.runs} run(s), file in page cache, timing around the read only. Peak RSS: the worker process's own peak (${rssSource}), highest of the runs, Node runtime included (${baselines.length === 0 ? 'n/a' : Math.round(Math.min(...baselines)) === Math.round(Math.max(...baselines)) ? `${Math.min(...baselines).toFixed(0)} MB before the read` : `${Math.min(...baselines).toFixed(0)}-${Math.max(...baselines).toFixed(0)} MB before the read`}).`,
  );
  const loadEnd = loadavg()[0];
  const busy = Math.max(loadStart, loadEnd) > machine.availableParallelism * 0.75;
  say(
    `Load average (1 min) ${loadStart.toFixed(2)} at start, ${loadEnd.toFixed(2)} at end, on ${machine.availableParallelism} CPUs${busy ? ': the machine was busy, so wall-clock MB/s is understated and noisy; MB per CPU-second is less affected' : ''}.`,
  );
  const cpuRates = [PRIMARY, ...VALIDATE_ROWS]
    .filter((r) => opts.only.includes(r))
    .map((r) => {
      const rates = kinds
        .map((k) => ({ k, c: cells.get(key(r, k)) }))
        .filter((x) => x.c?.medianMBpsCpu !== undefined)
        .map((x) => `${KIND_LABEL[x.k]} ${fmtRate(x.c!.medianMBpsCpu!)}`);
      return rates.length > 0 ? `${measurements[r].label}: ${rates.join(', ')}` : '';
    })
    .filter(Boolean);
  if (cpuRates.length > 0) say(`MB per CPU-second (median): ${cpuRates.join('; ')}.`);
  // Validation: what was found (the generated files should be clean), and the reference point.
  const validating = VALIDATE_ROWS.filter((r) => opts.only.includes(r));
  if (validating.length > 0) {
    const found = validating.map((r) => {
      const parts = kinds.map((k) => {
        const c = cells.get(key(r, k))!;
        const last = c.runs[c.runs.length - 1];
        if (last === undefined) return `${KIND_LABEL[k]} ${c.status === 'skipped' ? '—' : 'n/a'}`;
        const tx = last.extra?.transactions;
        const env = last.extra?.envelopeFindings;
        return `${KIND_LABEL[k]} ${fmtInt(Math.max(...c.runs.map((x) => x.findings ?? 0)))}${tx !== undefined ? ` in ${fmtInt(Number(tx))} transaction sets` : ''}${env !== undefined && Number(env) > 0 ? ` (${fmtInt(Number(env))} outside any set)` : ''}`;
      });
      return `${measurements[r].label}: ${parts.join(', ')}`;
    });
    say(`Validation findings (every finding, warnings included, counted in onTransaction, plus envelope findings): ${found.join('; ')}.`);
    say(`${PYX12_CONTEXT}.`);
  }
  if (rows.some((row) => row[row.length - 1].includes('>'))) {
    notes.unshift(`>Nx: node-x12 parse timed out, so the ratio is a lower bound (its rate is below file size / ${opts.timeout} s).`);
  }
  for (const n of notes) say(`- ${n}`);
  say();

  // Targets
  const primary = kinds.map((k) => ({ k, c: cells.get(key(PRIMARY, k)) })).filter((x) => x.c !== undefined && x.c.status !== 'skipped');
  const targets: { target: string; met: boolean | null; detail: string }[] = [];
  if (primary.length > 0) {
    const rates = primary.map(({ k, c }) => ({ k, v: c!.medianMBps }));
    const okRates = rates.every((x) => x.v !== undefined);
    targets.push({
      target: `${PRIMARY} reader >= ${TARGET_MBPS} MB/s`,
      met: okRates ? Math.min(...rates.map((x) => x.v!)) >= TARGET_MBPS : false,
      detail: rates.map((x) => `${KIND_LABEL[x.k]} ${x.v !== undefined ? fmtRate(x.v) : 'failed'}`).join(', '),
    });
    const rs = primary.map(({ k, c }) => {
      const base = cells.get(key(RATIO_BASE, k));
      return { k, r: ratio(c, base, files.get(k)!, opts.timeout), base };
    });
    const baseMeasured = rs.some((x) => x.base !== undefined && x.base.status !== 'skipped');
    if (baseMeasured) {
      const cannot = rs.filter((x) => x.r === null && x.base !== undefined && (x.base.status === 'out of memory' || x.base.status === 'string too long' || x.base.status === 'killed'));
      const met = rs.every((x) => (x.r !== null ? x.r.value >= TARGET_RATIO : cannot.includes(x)));
      targets.push({
        target: `${PRIMARY} reader >= ${TARGET_RATIO}x node-x12 parse(string)`,
        met,
        detail: rs
          .map((x) => `${KIND_LABEL[x.k]} ${x.r !== null ? fmtRatio(x.r) : x.base?.status === 'ok' ? 'n/a' : `node-x12 parse could not read the file (${x.base?.status})`}`)
          .join(', '),
      });
    } else {
      targets.push({ target: `${PRIMARY} reader >= ${TARGET_RATIO}x node-x12 parse(string)`, met: null, detail: `${RATIO_BASE} not measured (--only)` });
    }
    if (opts.size >= RSS_TARGET_MIN_SIZE) {
      const rss = primary.map(({ k, c }) => ({ k, v: c!.peakRssMB }));
      targets.push({
        target: `${PRIMARY} reader peak RSS < ${TARGET_RSS_MB} MB on ${opts.size} MB files`,
        met: rss.every((x) => x.v !== undefined && x.v < TARGET_RSS_MB),
        detail: rss.map((x) => `${KIND_LABEL[x.k]} ${x.v !== undefined ? x.v.toFixed(0) : '?'} MB`).join(', '),
      });
    } else {
      targets.push({ target: `${PRIMARY} reader peak RSS < ${TARGET_RSS_MB} MB`, met: null, detail: `checked only with --size ${RSS_TARGET_MIN_SIZE} or more` });
    }
  }
  const vcells = kinds.map((k) => ({ k, c: cells.get(key(VALIDATE_PRIMARY, k)) })).filter((x) => x.c !== undefined && x.c.status !== 'skipped');
  if (vcells.length > 0) {
    const rates = vcells.map(({ k, c }) => ({ k, v: c!.medianMBps }));
    const okRates = rates.every((x) => x.v !== undefined);
    const clean = vcells.every(({ c }) => c!.runs.every((x) => (x.findings ?? 0) === 0));
    const l2 = VALIDATE_ROWS.filter((r) => r !== VALIDATE_PRIMARY && opts.only.includes(r)).map((r) =>
      kinds.map((k) => `${KIND_LABEL[k]} ${cells.get(key(r, k))?.medianMBps !== undefined ? fmtRate(cells.get(key(r, k))!.medianMBps!) : 'n/a'}`).join(', '),
    );
    targets.push({
      target: `x12d validate >= ${TARGET_VALIDATE_MBPS} MB/s (SNIP 1-5)`,
      met: okRates ? Math.min(...rates.map((x) => x.v!)) >= TARGET_VALIDATE_MBPS : false,
      detail:
        rates.map((x) => `${KIND_LABEL[x.k]} ${x.v !== undefined ? fmtRate(x.v) : 'failed'}`).join(', ') +
        (l2.length > 0 ? `; SNIP 1-2: ${l2.join('; ')}` : '') +
        (clean ? '' : '; the files had findings, so this is not validation of clean files'),
    });
  }
  const vRss = VALIDATE_ROWS.filter((r) => opts.only.includes(r));
  if (vRss.length > 0) {
    if (opts.size >= RSS_TARGET_MIN_SIZE) {
      const rss = vRss.flatMap((r) => kinds.filter((k) => cells.get(key(r, k))!.status !== 'skipped').map((k) => ({ r, k, v: cells.get(key(r, k))!.peakRssMB, ok: cells.get(key(r, k))!.status === 'ok' })));
      targets.push({
        target: `x12d validate peak RSS < ${TARGET_RSS_MB} MB on ${opts.size} MB files`,
        met: rss.every((x) => x.ok && x.v !== undefined && x.v < TARGET_RSS_MB),
        detail: rss.map((x) => `${measurements[x.r].label} ${KIND_LABEL[x.k]} ${x.v !== undefined ? `${x.ok ? '' : '≥'}${x.v.toFixed(0)}` : '?'} MB`).join(', '),
      });
    } else {
      targets.push({ target: `x12d validate peak RSS < ${TARGET_RSS_MB} MB`, met: null, detail: `checked only with --size ${RSS_TARGET_MIN_SIZE} or more` });
    }
  }
  // Typed documents: 835 to records (MB/s) and records to 837P (claims per second, generation alone).
  const recCell = cells.get(key('x12d-835-records', '835'));
  if (recCell !== undefined && recCell.status !== 'skipped') {
    const v = recCell.medianMBps;
    targets.push({ target: `835 to records >= ${TARGET_RECORDS_MBPS} MB/s`, met: v !== undefined ? v >= TARGET_RECORDS_MBPS : false, detail: v !== undefined ? `${fmtRate(v)} MB/s` : recCell.status });
  }
  const genCell = cells.get(key('x12d-837p-generate', '837p'));
  if (genCell !== undefined && genCell.status !== 'skipped') {
    const rates = genCell.runs.map((r) => Number(r.extra?.claimsPerSecond ?? 0)).filter((x) => x > 0).sort((a, b) => a - b);
    const median = rates.length > 0 ? rates[Math.floor(rates.length / 2)] : undefined;
    const claims = genCell.runs[0]?.extra?.claims;
    say(`837P generation (records to X12, timed apart from reading): ${median !== undefined ? `${fmtInt(median)} claims/s` : 'n/a'}${claims !== undefined ? ` over ${fmtInt(Math.min(Number(claims), 50_000))} claims` : ''}.`);
    targets.push({ target: `837P generation >= ${fmtInt(TARGET_GENERATE_CLAIMS)} claims/s`, met: median !== undefined ? median >= TARGET_GENERATE_CLAIMS : false, detail: median !== undefined ? `${fmtInt(median)} claims/s` : genCell.status });
  }
  // Ingest: an 835 through the whole pipeline into the database, beside COPY of the same rows.
  const ingest: { label: string; r: IngestBenchResult | { status: 'error'; error: string } }[] = [];
  if (opts.ingestClaims > 0) {
    log(`ingest: ${fmtInt(opts.ingestClaims)} claims into PostgreSQL ...`);
    ingest.push({ label: 'PostgreSQL', r: await runIngest(['--claims', String(opts.ingestClaims), '--seed', String(opts.seed), '--database-url', opts.databaseUrl]) });
  }
  if (opts.ingestEmbeddedClaims > 0) {
    log(`ingest: ${fmtInt(opts.ingestEmbeddedClaims)} claims into the embedded PGlite ...`);
    ingest.push({ label: 'embedded PGlite', r: await runIngest(['--claims', String(opts.ingestEmbeddedClaims), '--seed', String(opts.seed), '--embedded']) });
  }
  if (ingest.length > 0) {
    say('Ingest (835 by path, as the daemon takes it: recorded as a stream, envelope pass, SNIP 1-5 streaming validation, mapping, posting and denial routing, one transaction):');
    say();
    say('| write | database | claims | rows per claim | seconds | claims/s | peak RSS MB |');
    say('|:--|:--|--:|--:|--:|--:|--:|');
    for (const { label, r } of ingest) {
      if (!('claims' in r)) {
        say(`| x12d ingestFile | ${label} | failed: ${r.error} | | | | |`);
        continue;
      }
      say(`| x12d ingestFile${r.status === 'processed' ? '' : ` (${r.status})`} | ${label} | ${fmtInt(r.claims)} | ${r.rowsPerClaim} | ${r.pipelineSeconds.toFixed(1)} | ${fmtInt(r.pipelineClaimsPerSecond)} | ${r.peakRssMB ?? 'n/a'} |`);
      if (r.copySeconds !== null && r.copyClaimsPerSecond !== null) say(`| COPY of the same rows (ceiling) | ${label} | ${fmtInt(r.claims)} | ${r.rowsPerClaim} | ${r.copySeconds.toFixed(1)} | ${fmtInt(r.copyClaimsPerSecond)} | |`);
    }
    say();
    const pg = ingest.find((x) => x.label === 'PostgreSQL')?.r;
    if (pg !== undefined) {
      const ok = 'claims' in pg && pg.status === 'processed';
      targets.push({
        target: `835 ingest into PostgreSQL >= ${fmtInt(TARGET_INGEST_CLAIMS)} claims/s`,
        met: ok ? pg.pipelineClaimsPerSecond >= TARGET_INGEST_CLAIMS : false,
        detail: ok ? `${fmtInt(pg.pipelineClaimsPerSecond)} claims/s; COPY of the same rows ${pg.copyClaimsPerSecond === null ? 'n/a' : `${fmtInt(pg.copyClaimsPerSecond)} claims/s`}` : 'claims' in pg ? pg.status : pg.error,
      });
    }
  }
  say('Targets:');
  if (opts.size < 100) say(`(with ${opts.size} MB files, process start-up and JIT warm-up weigh on every rate: judge targets at the default 100 MB or more)`);
  for (const t of targets) say(`- ${t.target}: ${t.met === null ? 'not checked' : t.met ? 'met' : 'NOT MET'} (${t.detail})`);

  const durationSeconds = Number(process.hrtime.bigint() - startedAt) / 1e9;
  say();
  say(`Benchmark took ${durationSeconds.toFixed(0)} s.`);

  if (opts.json !== false) {
    const json = {
      machine,
      options: { size: opts.size, seed: opts.seed, runs: opts.runs, timeout: opts.timeout, readers: opts.only, kinds: opts.kinds, worker: launcher.how },
      units: { MB: 1 << 20 },
      files: [...files.values()].map((f) => ({ kind: f.kind, path: relative(ROOT, f.path), bytes: f.bytes, segments: f.segments, elements: f.elements, transactions: f.transactions, claims: f.claims, reused: f.reused, generateSeconds: f.seconds })),
      results: [...cells.values()].map((c) => ({
        reader: c.reader,
        label: measurements[c.reader].label,
        kind: c.kind,
        status: c.status,
        message: c.message,
        medianMBps: c.medianMBps,
        medianMBpsCpu: c.medianMBpsCpu,
        peakRssMB: c.peakRssMB,
        baselineRssMB: c.baselineRssMB,
        ratioToNodeX12Parse: ratio(c, cells.get(key(RATIO_BASE, c.kind)), files.get(c.kind)!, opts.timeout),
        mismatches: c.mismatches,
        runs: c.runs,
      })),
      ingest: ingest.map(({ label, r }) => ({ database: label, ...r })),
      targets,
      loadAverageAtEnd: loadavg(),
      durationSeconds,
    };
    const text = JSON.stringify(json, null, 2) + '\n';
    if (opts.json === true) process.stdout.write(text);
    else writeFileSync(opts.json, text);
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`bench: ${(e as Error).message}\n`);
  process.exit(2);
});
