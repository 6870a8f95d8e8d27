/**
 * Helpers for the SNIP 3-5 edit tests: take a valid sample, change segments by their exact text, keep SE01
 * right, and validate with the edits under test.
 */
import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import { DEFAULT_EDITS } from '../../src/edits/index.js';
import type { SnipLevel, TransactionEdit } from '../../src/edits/types.js';
import { defaultRegistry } from '../../src/grammar/guides/index.js';
import { type FileValidation, type ValidationFinding, validateX12 } from '../../src/validation/validator.js';
import { samplePath } from '../x12/fixtures.js';

/** A sample's segments (terminator and line break removed). */
export function segments(rel: string): string[] {
  const text = readFileSync(samplePath(rel), 'latin1');
  return text.split('~').map((s) => s.trim()).filter((s) => s !== '');
}

/** One change to a list of segments, found by its exact text (the nth occurrence, 1-based). */
export type Change =
  | { replace: string; with: string | string[]; nth?: number }
  | { delete: string; nth?: number }
  | { after: string; insert: string | string[]; nth?: number };

function indexOf(segs: readonly string[], text: string, nth = 1): number {
  let seen = 0;
  for (let i = 0; i < segs.length; i++) if (segs[i] === text && ++seen === nth) return i;
  throw new Error(`segment ${JSON.stringify(text)} (occurrence ${nth}) not found`);
}

/** Applies the changes in order and recounts every SE01. */
export function edit(segs: readonly string[], ...changes: Change[]): string[] {
  const out = [...segs];
  for (const c of changes) {
    if ('replace' in c) out.splice(indexOf(out, c.replace, c.nth), 1, ...(Array.isArray(c.with) ? c.with : [c.with]));
    else if ('delete' in c) out.splice(indexOf(out, c.delete, c.nth), 1);
    else out.splice(indexOf(out, c.after, c.nth) + 1, 0, ...(Array.isArray(c.insert) ? c.insert : [c.insert]));
  }
  return fixSe(out);
}

/** Recounts SE01 of every transaction set. */
export function fixSe(segs: readonly string[]): string[] {
  const out = [...segs];
  let st = -1;
  for (let i = 0; i < out.length; i++) {
    if (out[i].startsWith('ST*')) st = i;
    else if (out[i].startsWith('SE*') && st >= 0) {
      const parts = out[i].split('*');
      parts[1] = String(i - st + 1);
      out[i] = parts.join('*');
      st = -1;
    }
  }
  return out;
}

export function text(segs: readonly string[]): string {
  return `${segs.join('~\n')}~\n`;
}

export async function validate(segs: readonly string[], edits: readonly TransactionEdit[] = DEFAULT_EDITS, level: SnipLevel = 5): Promise<FileValidation> {
  const v = await validateX12(Buffer.from(text(segs), 'latin1'), { registry: defaultRegistry(), edits, level });
  expect(v.envelope.findings.map((f) => f.code), 'envelope').toEqual([]);
  return v;
}

/** Every finding of every set, flattened. */
export async function findings(segs: readonly string[], edits: readonly TransactionEdit[] = DEFAULT_EDITS, level: SnipLevel = 5): Promise<ValidationFinding[]> {
  return (await validate(segs, edits, level)).transactions.flatMap((t) => t.findings);
}

/** "RULE SEG@position element[.component]" of the findings at `minLevel` and above. */
export async function rules(segs: readonly string[], edits: readonly TransactionEdit[] = DEFAULT_EDITS, minLevel = 3): Promise<string[]> {
  return (await findings(segs, edits)).filter((f) => f.level >= minLevel).map((f) => `${f.rule ?? f.code} ${f.segmentId}@${f.position} ${f.element}${f.component ? `.${f.component}` : ''}`);
}
