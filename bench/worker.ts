/**
 * One measurement in its own process, so peak RSS belongs to that reader alone:
 *   node bench/.out/worker.mjs <measurement> <file> <kind>      (bundled by run.ts), or
 *   node --import tsx bench/worker.ts <measurement> <file> <kind>
 * Prints one JSON line (WorkerReport) on stdout. Only the call of the reader is timed; imports and
 * setup happen before, counting for verification after.
 */
import { readFileSync, statSync } from 'node:fs';
import type { Kind } from './generate.js';
import { measurements } from './readers.js';

export interface WorkerReport {
  readonly measurement: string;
  readonly file: string;
  readonly bytes: number;
  readonly seconds: number;
  readonly mbps: number;
  /**
   * Peak RSS of this process at the end of the read, in MB (2^20 bytes): VmHWM from /proc/self/status
   * on Linux, else process.resourceUsage().maxRSS.
   */
  readonly peakRssMB: number;
  /** Peak RSS before the read started (runtime, imports, setup), in MB, measured the same way. */
  readonly baselineRssMB: number;
  /** Where peakRssMB came from. */
  readonly rssSource: 'VmHWM' | 'maxRSS';
  /**
   * process.resourceUsage().maxRSS at the end, in MB. On Linux this is not the worker's own peak: ru_maxrss
   * survives fork and execve, so it starts at the parent's RSS at spawn time (the runner's, 60+ MB).
   */
  readonly maxRssMB: number;
  readonly heapUsedMB: number;
  /** CPU time of the whole process (all threads, user + system) during the read. */
  readonly cpuSeconds: number;
  /** MB per CPU-second: less sensitive than mbps to other load on a shared machine. */
  readonly mbpsCpu: number;
  readonly segments: number;
  readonly elements?: number;
  readonly findings?: number;
  readonly firstFinding?: string;
  readonly extra?: Record<string, number | string | boolean>;
}

/** This process's own peak RSS in MB: VmHWM (reset by execve, unlike ru_maxrss), or maxRSS elsewhere. */
function peakRss(): { mb: number; source: 'VmHWM' | 'maxRSS' } {
  try {
    const m = /VmHWM:\s+(\d+)\s+kB/.exec(readFileSync('/proc/self/status', 'latin1'));
    if (m) return { mb: Number(m[1]) / 1024, source: 'VmHWM' };
  } catch {
    // not Linux
  }
  return { mb: process.resourceUsage().maxRSS / 1024, source: 'maxRSS' };
}

async function main(): Promise<void> {
  const [name, file, kind] = process.argv.slice(2);
  const m = measurements[name];
  if (m === undefined || file === undefined) {
    process.stderr.write(`usage: worker <measurement> <file> <kind>; measurements: ${Object.keys(measurements).join(', ')}\n`);
    process.exit(2);
  }
  const bytes = statSync(file).size;
  const read = await m.load();
  const baselineRssMB = peakRss().mb;

  const c0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  const out = await read(file, (kind ?? '835') as Kind);
  const t1 = process.hrtime.bigint();
  const cpu = process.cpuUsage(c0);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;

  const peak = peakRss();
  const maxRssMB = process.resourceUsage().maxRSS / 1024;
  const heapUsedMB = process.memoryUsage().heapUsed / (1 << 20);
  const seconds = Number(t1 - t0) / 1e9;
  const counts = out.verify ? out.verify() : out;
  const report: WorkerReport = {
    measurement: name,
    file,
    bytes,
    seconds,
    mbps: bytes / (1 << 20) / seconds,
    peakRssMB: peak.mb,
    baselineRssMB,
    rssSource: peak.source,
    maxRssMB,
    heapUsedMB,
    cpuSeconds,
    mbpsCpu: bytes / (1 << 20) / cpuSeconds,
    segments: counts.segments,
    elements: counts.elements,
    findings: out.findings,
    firstFinding: out.firstFinding,
    extra: out.extra,
  };
  process.stdout.write(JSON.stringify(report) + '\n');
}

main().catch((e: unknown) => {
  const err = e as { code?: string; message?: string; stack?: string };
  process.stderr.write(`${err.code ? `[${err.code}] ` : ''}${err.stack ?? err.message ?? String(e)}\n`);
  process.exit(1);
});
