import type { GroupSummary, InterchangeSummary } from '../x12/envelope.js';
import type { Finding } from '../x12/findings.js';
import { type ControlNumberAllocator, InMemoryControlNumbers, type X12Writer, stringWriter } from '../x12/writer.js';
import type { FileValidation, TransactionVerdict, ValidationFinding } from '../validation/validator.js';
import { ta1For } from './ta1.js';

/** IK5-01 / AK9-01 verdicts: accepted, accepted with errors, partially accepted (AK9 only), rejected. */
export type AckCode = 'A' | 'E' | 'P' | 'R';

export interface SetAck {
  readonly set: string;
  readonly control: string;
  readonly guide: string;
  readonly code: 'A' | 'E' | 'R';
  /** IK502..IK506 set-level codes. */
  readonly setErrors: readonly string[];
  /** Findings reported in IK3/IK4 (SNIP levels 1 and 2: the 999 is the syntax and guide answer). */
  readonly findings: readonly ValidationFinding[];
}

export interface GroupAck {
  readonly group: GroupSummary;
  readonly code: AckCode;
  readonly sets: readonly SetAck[];
  readonly accepted: number;
  /** AK905..AK909 group-level codes. */
  readonly groupErrors: readonly string[];
}

const MAX_IK3_PER_SET = 99;

function setAck(t: TransactionVerdict, fallbackGuide: string): SetAck {
  const findings = t.findings.filter((f) => f.level <= 2 && f.severity === 'error' && (f.ik3 !== undefined || f.ik4 !== undefined));
  const setErrors = [...new Set(t.findings.filter((f) => f.severity === 'error' && f.ik5 !== undefined).map((f) => f.ik5!))];
  if (findings.length > 0 && !setErrors.includes('5')) setErrors.push('5');
  return { set: t.set, control: t.control, guide: t.guideUsed ?? (t.guide || fallbackGuide), code: setErrors.length > 0 ? 'R' : 'A', setErrors: setErrors.slice(0, 5), findings };
}

/** Judges each functional group of the file from its validation: what the 999s will say. */
export function groupAcknowledgments(v: FileValidation): { interchange: InterchangeSummary; groups: GroupAck[] }[] {
  const byOffset = new Map<number, TransactionVerdict>();
  for (const t of v.transactions) byOffset.set(t.offset, t);
  const envelope: readonly Finding[] = v.envelope.findings;
  return v.envelope.interchanges.map((x) => ({
    interchange: x,
    groups: x.groups.map((g) => {
      const sets = g.transactions.map((t) => byOffset.get(t.offset)).filter((t): t is TransactionVerdict => t !== undefined).map((t) => setAck(t, g.version));
      const groupErrors = [...new Set(envelope.filter((f) => f.ak9 !== undefined && f.group === g.control && f.interchange === x.control).map((f) => f.ak9!))].slice(0, 5);
      const accepted = sets.filter((s) => s.code !== 'R').length;
      let code: AckCode;
      if (groupErrors.length > 0 || (accepted === 0 && sets.length > 0)) code = 'R';
      else if (accepted < sets.length) code = 'P';
      else code = sets.some((s) => s.code === 'E') ? 'E' : 'A';
      return { group: g, code, sets, accepted, groupErrors };
    }),
  }));
}

/** IK4-04 carries the bad value back to its sender; X12 limits it to 99 characters and no delimiters. */
function safeCopy(v: string | undefined, w: X12Writer): string {
  if (v === undefined) return '';
  const d = w.delimiters;
  let out = '';
  for (let i = 0; i < v.length && out.length < 99; i++) {
    const c = v.charCodeAt(i);
    if (c === d.element || c === d.component || c === d.repetition || c === d.segment || c < 0x20) continue;
    out += v[i];
  }
  return out;
}

async function write999(w: X12Writer, g: GroupAck): Promise<void> {
  await w.beginTransaction('999', '005010X231A1');
  w.write('AK1', [g.group.functionalId, g.group.control, g.group.version]);
  for (const s of g.sets) {
    w.write('AK2', [s.set, s.control, s.guide]);
    // One IK3 per segment in error, its element errors (IK4) under it, in file order.
    const bySegment = new Map<string, ValidationFinding[]>();
    for (const f of s.findings) {
      const key = `${f.position}\u0000${f.segmentId}\u0000${f.ik3 === '8' ? '8' : f.ik3}`;
      bySegment.set(key, [...(bySegment.get(key) ?? []), f]);
    }
    let ik3s = 0;
    for (const fs of [...bySegment.values()].sort((a, b) => a[0].position - b[0].position)) {
      if (ik3s++ >= MAX_IK3_PER_SET) break;
      const f0 = fs[0];
      // IK303 (element 447) holds at most 4 characters in 005010: the loop's number without its letters.
      const loop = /^[0-9]{4}/.test(f0.loop) ? f0.loop.slice(0, 4) : '';
      w.write('IK3', [f0.segmentId, String(Math.max(1, f0.position)), loop, f0.ik3 ?? '8']);
      // CTX01-2 holds at most 35 characters: a longer claim number cannot be quoted, so the CTX is left out.
      const claim = safeCopy(f0.claim, w);
      if (claim !== '' && claim.length <= 35) w.write('CTX', [['CLM01', claim]]);
      for (const f of fs) {
        if (f.ik4 === undefined) continue;
        const where = f.component > 0 ? [String(f.element), String(f.component), ...(f.repetition > 0 ? [String(f.repetition)] : [])] : f.repetition > 0 ? [String(f.element), '', String(f.repetition)] : String(f.element);
        // IK402 is a data element number; composites (C023) have none to give.
        w.write('IK4', [where, /^\d{1,4}$/.test(f.elementRef ?? '') ? f.elementRef! : '', f.ik4, safeCopy(f.badValue, w)]);
      }
    }
    w.write('IK5', [s.code, ...s.setErrors]);
  }
  w.write('AK9', [g.code, String(g.sets.length), String(g.sets.length), String(g.accepted), ...g.groupErrors]);
  w.endTransaction();
}

export interface AckOptions {
  readonly allocator?: ControlNumberAllocator;
  readonly partner?: string;
  readonly date?: Date;
}

/**
 * The acknowledgments for a validated file: per interchange, one interchange back (sender and receiver
 * swapped) holding a TA1 when the envelope has problems or the sender asked for one (ISA14 = 1), and one
 * 999 per functional group in a GS*FA group.
 */
export async function buildAcknowledgments(v: FileValidation, opts: AckOptions = {}): Promise<string> {
  const allocator = opts.allocator ?? new InMemoryControlNumbers();
  const { writer: w, text } = stringWriter({ allocator, partner: opts.partner });
  const judged = groupAcknowledgments(v);
  for (let i = 0; i < judged.length; i++) {
    const { interchange: x } = judged[i];
    // Acknowledgments are never acknowledged: FA groups (999s, 997s) get no 999 back.
    const ta1 = ta1For(v.envelope.interchanges, i, v.envelope.findings);
    // A rejected interchange is answered by its TA1 alone: its groups were not taken in.
    const groups = ta1.verdict === 'R' ? [] : judged[i].groups.filter((g) => g.group.functionalId !== 'FA');
    const wantTa1 = ta1.verdict !== 'A' || x.ackRequested === '1';
    if (groups.length === 0 && !wantTa1) continue;
    await w.beginInterchange({
      senderQualifier: x.receiverQualifier,
      sender: x.receiver,
      receiverQualifier: x.senderQualifier,
      receiver: x.sender,
      usage: x.usage === 'P' ? 'P' : 'T',
      date: opts.date,
    });
    if (wantTa1) {
      w.write('TA1', [/^\d{1,9}$/.test(ta1.control) ? ta1.control.padStart(9, '0') : '000000000', ta1.date, ta1.time, ta1.verdict, ta1.note]);
    }
    if (groups.length > 0) {
      await w.beginGroup({ functionalId: 'FA', sender: groups[0].group.receiver, receiver: groups[0].group.sender, version: '005010X231A1', date: opts.date });
      for (const g of groups) await write999(w, g);
      w.endGroup();
    }
    w.endInterchange();
  }
  return text();
}
