import { DEFAULT_EDITS } from '../edits/index.js';
import type { SnipLevel } from '../edits/types.js';
import { defaultRegistry } from '../grammar/guides/index.js';
import { type FileValidation, type ValidationFinding, validateX12 } from '../validation/validator.js';
import { findingJson, findingText } from './inspect.js';

export interface FileValidationResult {
  readonly file: string;
  readonly error?: string;
  readonly validation?: FileValidation;
}

export async function validateFile(file: string, level: SnipLevel): Promise<FileValidationResult> {
  try {
    return { file, validation: await validateX12(file, { registry: defaultRegistry(), edits: DEFAULT_EDITS, level }) };
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    if (err.code === undefined) throw e;
    return { file, error: `cannot read ${file}: ${err.code === 'ENOENT' ? 'no such file' : err.message}` };
  }
}

export function unreadableValidation(r: FileValidationResult): boolean {
  return r.error !== undefined || (r.validation !== undefined && r.validation.envelope.fatal && r.validation.envelope.interchanges.length === 0);
}

function vfJson(f: ValidationFinding): object {
  return {
    level: f.level,
    segment: f.segmentId,
    position: f.position,
    loop: f.loop,
    element: f.element,
    component: f.component || undefined,
    code: f.code,
    rule: f.rule,
    ik3: f.ik3,
    ik4: f.ik4,
    ik5: f.ik5,
    severity: f.severity,
    message: f.message,
  };
}

export function validationJson(r: FileValidationResult): object {
  if (r.error !== undefined) return { file: r.file, valid: false, error: r.error, transactions: [], findings: [] };
  const v = r.validation!;
  return {
    file: r.file,
    valid: v.valid,
    transactions: v.transactions.map((t) => ({
      set: t.set,
      guide: t.guideUsed ?? t.guide,
      control: t.control,
      valid: t.valid,
      findings: t.findings.map(vfJson),
    })),
    findings: v.envelope.findings.map(findingJson),
  };
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

export function vfText(f: ValidationFinding): string {
  const el = f.element > 0 ? ` ${f.segmentId}${pad2(f.element)}${f.component > 0 ? `-${f.component}` : ''}` : '';
  const code = f.ik4 !== undefined ? `IK4 ${f.ik4}` : f.ik3 !== undefined ? `IK3 ${f.ik3}` : f.ik5 !== undefined ? `IK5 ${f.ik5}` : f.rule ?? f.code;
  return `SNIP ${f.level} ${code} at segment ${f.position} ${f.segmentId}${f.loop ? ` (loop ${f.loop})` : ''}${el}: ${f.message}`;
}

export function validationText(r: FileValidationResult): string {
  if (r.error !== undefined) return `${r.file}\n  ${r.error}\n`;
  const v = r.validation!;
  const lines = [`${r.file}: ${v.valid ? 'valid' : 'NOT valid'}`];
  for (const f of v.envelope.findings) lines.push(`  - ${findingText(f)}`);
  for (const t of v.transactions) {
    lines.push(`  ${t.set} control ${t.control} (${t.guideUsed ?? `no guide for ${t.guide}`}): ${t.valid ? 'valid' : `${t.findingCount} finding(s)`}`);
    for (const f of t.findings) lines.push(`    - ${vfText(f)}`);
    if (t.findingCount > t.findings.length) lines.push(`    ... and ${t.findingCount - t.findings.length} more`);
  }
  return `${lines.join('\n')}\n`;
}
