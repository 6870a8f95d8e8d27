import type { InterchangeSummary } from '../x12/envelope.js';
import type { Finding } from '../x12/findings.js';
import { type ReadResult, readX12 } from '../x12/reader.js';

export interface FileInspection {
  readonly file: string;
  /** Set when the file could not be opened or read (exit code 2). */
  readonly error?: string;
  readonly result?: ReadResult;
}

/** Reads a file for inspection; an I/O failure is reported, never thrown. */
export async function inspectFile(file: string): Promise<FileInspection> {
  try {
    return { file, result: await readX12(file) };
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    const why = err.code === 'ENOENT' ? 'no such file' : err.code === 'EISDIR' ? 'is a folder, not a file' : err.code === 'EACCES' ? 'permission denied' : err.message;
    return { file, error: `cannot read ${file}: ${why}` };
  }
}

/** True when nothing in the file could be read as X12 at all. */
export function unreadable(i: FileInspection): boolean {
  return i.error !== undefined || (i.result !== undefined && i.result.fatal && i.result.interchanges.length === 0);
}

export function inspectionJson(i: FileInspection): object {
  if (i.error !== undefined) return { file: i.file, error: i.error, interchanges: [], findings: [] };
  const r = i.result!;
  return {
    file: i.file,
    interchanges: r.interchanges.map((x) => ({
      sender: x.sender,
      senderQualifier: x.senderQualifier,
      receiver: x.receiver,
      receiverQualifier: x.receiverQualifier,
      control: x.control,
      date: x.date,
      time: x.time,
      version: x.version,
      usage: x.usage,
      groups: x.groups.map((g) => ({
        functionalId: g.functionalId,
        version: g.version,
        control: g.control,
        sender: g.sender,
        receiver: g.receiver,
        transactions: g.transactions.map((t) => ({ set: t.set, control: t.control, guide: t.guide, segments: t.segments })),
      })),
    })),
    findings: r.findings.map(findingJson),
  };
}

export function findingJson(f: Finding): object {
  return {
    code: f.code,
    severity: f.severity,
    message: f.message,
    offset: f.offset,
    segment: f.segment,
    line: f.line,
    segmentId: f.segmentId,
    interchange: f.interchange,
    group: f.group,
    transaction: f.transaction,
    ta1: f.ta1,
    ak9: f.ak9,
    ik5: f.ik5,
  };
}

function interchangeText(x: InterchangeSummary): string[] {
  const lines = [`  interchange ${x.control}  ${x.senderQualifier}:${x.sender} -> ${x.receiverQualifier}:${x.receiver}  version ${x.version}  ${x.usage === 'P' ? 'production' : x.usage === 'T' ? 'test' : x.usage}`];
  for (const g of x.groups) {
    lines.push(`    group ${g.control}  ${g.functionalId} ${g.version}  ${g.sender} -> ${g.receiver}  ${g.transactions.length} transaction set(s)`);
    for (const t of g.transactions) lines.push(`      ${t.set} control ${t.control}  ${t.guide}  ${t.segments} segments`);
  }
  return lines;
}

export function findingText(f: Finding): string {
  const where = f.segment >= 0 ? `segment ${f.segment + 1}${f.line !== undefined ? `, line ${f.line}` : ''}, byte ${f.offset}` : `byte ${f.offset}`;
  return `${f.severity.toUpperCase()} ${f.code} (${where}): ${f.message}`;
}

export function inspectionText(i: FileInspection): string {
  if (i.error !== undefined) return `${i.file}\n  ${i.error}\n`;
  const r = i.result!;
  const lines = [`${i.file}  (${r.bytes} bytes, ${r.segments} segments)`];
  for (const x of r.interchanges) lines.push(...interchangeText(x));
  if (r.findingCount === 0) lines.push('  no envelope findings');
  else {
    lines.push(`  ${r.findingCount} finding(s):`);
    for (const f of r.findings) lines.push(`  - ${findingText(f)}`);
    if (r.findingCount > r.findings.length) lines.push(`  ... and ${r.findingCount - r.findings.length} more`);
  }
  return `${lines.join('\n')}\n`;
}
