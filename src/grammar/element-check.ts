import type { SegmentView } from '../x12/segment.js';
import type { CompositeElementDef, SegmentDef, SimpleElementDef, SyntaxRule } from './types.js';

/** IK4-03 element syntax error codes. */
export const ElementError = {
  REQUIRED_MISSING: '1',
  CONDITIONAL_MISSING: '2',
  TOO_MANY_ELEMENTS: '3',
  TOO_SHORT: '4',
  TOO_LONG: '5',
  INVALID_CHARACTER: '6',
  INVALID_CODE: '7',
  INVALID_DATE: '8',
  INVALID_TIME: '9',
  EXCLUSION_VIOLATED: '10',
  TOO_MANY_REPETITIONS: '12',
  TOO_MANY_COMPONENTS: '13',
  NOT_USED_PRESENT: 'I10',
} as const;
export type ElementError = (typeof ElementError)[keyof typeof ElementError];

export interface ElementFinding {
  readonly code: ElementError;
  /** 1-based element position in the segment. */
  readonly element: number;
  /** 1-based component position; 0 when the finding is about the whole element. */
  readonly component: number;
  /** 1-based repetition; 0 when the element does not repeat. */
  readonly repetition: number;
  /** X12 data element reference number (IK4-02). */
  readonly ref: string;
  readonly message: string;
  /** The offending value, for IK4-04 in a 999 back to the sender. Never log it: it may be PHI. */
  readonly badValue?: string;
}

type Report = (f: ElementFinding) => void;

const codeSets = new WeakMap<SimpleElementDef, ReadonlySet<string>>();
function codeSet(def: SimpleElementDef): ReadonlySet<string> {
  let s = codeSets.get(def);
  if (s === undefined) {
    s = new Set(def.codes);
    codeSets.set(def, s);
  }
  return s;
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

function elementName(segId: string, pos: number, comp: number): string {
  return comp > 0 ? `${segId}${pad2(pos)}-${comp}` : `${segId}${pad2(pos)}`;
}

function digitsAt(buf: Buffer, s: number, n: number): number {
  let v = 0;
  for (let i = s; i < s + n; i++) {
    const c = buf[i] - 0x30;
    if (c < 0 || c > 9) return -1;
    v = v * 10 + c;
  }
  return v;
}

/** CCYYMMDD (8) or YYMMDD (6), a real calendar date. */
export function isDate(buf: Buffer, s: number, e: number): boolean {
  const len = e - s;
  if (len !== 8 && len !== 6) return false;
  const y = len === 8 ? digitsAt(buf, s, 4) : 2000 + digitsAt(buf, s, 2);
  const o = len === 8 ? s + 4 : s + 2;
  const m = digitsAt(buf, o, 2);
  const d = digitsAt(buf, o + 2, 2);
  if (y < 0 || m < 1 || m > 12 || d < 1) return false;
  const days = m === 2 ? ((y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28) : m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
  return d <= days;
}

/** HHMM, HHMMSS, HHMMSSd or HHMMSSdd. */
export function isTime(buf: Buffer, s: number, e: number): boolean {
  const len = e - s;
  if (len !== 4 && len !== 6 && len !== 7 && len !== 8) return false;
  const h = digitsAt(buf, s, 2);
  const m = digitsAt(buf, s + 2, 2);
  if (h < 0 || h > 23 || m < 0 || m > 59) return false;
  if (len >= 6) {
    const sec = digitsAt(buf, s + 4, 2);
    if (sec < 0 || sec > 59) return false;
    if (len > 6 && digitsAt(buf, s + 6, len - 6) < 0) return false;
  }
  return true;
}

/** Reports a value that failed its check; names are built only here, on the failure path. */
function failValue(def: SimpleElementDef, buf: Buffer, s: number, e: number, segId: string, pos: number, comp: number, rep: number, report: Report, code: ElementError, message: string): void {
  report({ code, element: pos, component: comp, repetition: rep, ref: def.ref, message: `${elementName(segId, pos, comp)} (${def.name}) ${message}`, badValue: buf.latin1Slice(s, e) });
}

/**
 * Checks one simple value in buf[s, e) against its element use: characters, type, length, code.
 * Works on bytes, creates no closures and builds a string only for a code lookup or a finding: it runs
 * for every element of every segment.
 */
function checkValue(def: SimpleElementDef, buf: Buffer, s: number, e: number, segId: string, pos: number, comp: number, rep: number, report: Report): void {
  for (let i = s; i < e; i++) {
    const c = buf[i];
    if (c < 0x20 || c === 0x7f) return failValue(def, buf, s, e, segId, pos, comp, rep, report, ElementError.INVALID_CHARACTER, 'contains a control character, which X12 does not allow.');
  }
  let len = e - s;
  switch (def.type) {
    case 'N0':
    case 'N1':
    case 'N2':
    case 'N4': {
      let i = s;
      if (buf[i] === 0x2d) i++;
      if (i === e) return failValue(def, buf, s, e, segId, pos, comp, rep, report, ElementError.INVALID_CHARACTER, 'must be a whole number.');
      for (; i < e; i++) if (buf[i] < 0x30 || buf[i] > 0x39) return failValue(def, buf, s, e, segId, pos, comp, rep, report, ElementError.INVALID_CHARACTER, 'must be a whole number (digits only, implied decimal places).');
      if (buf[s] === 0x2d) len--;
      break;
    }
    case 'R': {
      let i = s;
      let digits = 0;
      let dots = 0;
      if (buf[i] === 0x2d) i++;
      for (; i < e; i++) {
        const c = buf[i];
        if (c === 0x2e) dots++;
        else if (c >= 0x30 && c <= 0x39) digits++;
        else return failValue(def, buf, s, e, segId, pos, comp, rep, report, ElementError.INVALID_CHARACTER, 'must be a number such as 125.50.');
      }
      if (digits === 0 || dots > 1) return failValue(def, buf, s, e, segId, pos, comp, rep, report, ElementError.INVALID_CHARACTER, 'must be a number such as 125.50.');
      len = digits;
      break;
    }
    case 'DT':
      if (!isDate(buf, s, e)) return failValue(def, buf, s, e, segId, pos, comp, rep, report, ElementError.INVALID_DATE, `is not a real date written as ${def.max === 6 ? 'YYMMDD' : 'CCYYMMDD'}.`);
      break;
    case 'TM':
      if (!isTime(buf, s, e)) return failValue(def, buf, s, e, segId, pos, comp, rep, report, ElementError.INVALID_TIME, 'is not a real time written as HHMM or HHMMSS.');
      break;
    default:
      break;
  }
  if (len < def.min) return failValue(def, buf, s, e, segId, pos, comp, rep, report, ElementError.TOO_SHORT, `is ${len} character${len === 1 ? '' : 's'} long; it must be at least ${def.min}.`);
  if (len > def.max) return failValue(def, buf, s, e, segId, pos, comp, rep, report, ElementError.TOO_LONG, `is ${len} characters long; it can be at most ${def.max}.`);
  // Codes bind ID elements, and AN elements the guide fixes to values (ST03's guide id, CTX01's names).
  if ((def.type === 'ID' || def.type === 'AN') && def.codes !== undefined) {
    const v = buf.latin1Slice(s, e);
    if (!codeSet(def).has(v)) {
      const allowed = def.codes.length <= 12 ? ` (allowed here: ${def.codes.join(', ')})` : '';
      failValue(def, buf, s, e, segId, pos, comp, rep, report, ElementError.INVALID_CODE, `has code ${JSON.stringify(v)}, which this guide does not allow here${allowed}.`);
    }
  }
}

/** True when position p (1-based) is set in a presence mask. */
function has(mask: number, p: number): boolean {
  return p < 32 && (mask & (1 << p)) !== 0;
}

/** Whether a syntax rule holds for the elements present (a bit per 1-based position). */
function ruleHolds(r: SyntaxRule, mask: number): boolean {
  const ps = r.positions;
  switch (r.kind) {
    case 'P': {
      let n = 0;
      for (const p of ps) if (has(mask, p)) n++;
      return n === 0 || n === ps.length;
    }
    case 'R':
      for (const p of ps) if (has(mask, p)) return true;
      return false;
    case 'E': {
      let n = 0;
      for (const p of ps) if (has(mask, p)) n++;
      return n <= 1;
    }
    case 'C':
      if (!has(mask, ps[0])) return true;
      for (let i = 1; i < ps.length; i++) if (!has(mask, ps[i])) return false;
      return true;
    case 'L':
      if (!has(mask, ps[0])) return true;
      for (let i = 1; i < ps.length; i++) if (has(mask, ps[i])) return true;
      return false;
  }
}

/** Reports the syntax rules the present elements break; only a broken rule builds its message. */
function checkRules(rules: readonly SyntaxRule[], mask: number, segId: string, compOf: number, report: Report, refs: readonly { readonly ref: string }[], fallbackRef: string): void {
  for (const r of rules) {
    if (ruleHolds(r, mask)) continue;
    const present = (p: number) => has(mask, p);
    const [first, ...rest] = r.positions;
    const name = (p: number) => (compOf > 0 ? elementName(segId, compOf, p) : elementName(segId, p, 0));
    const at = (p: number, code: ElementError, message: string) =>
      report({ code, element: compOf > 0 ? compOf : p, component: compOf > 0 ? p : 0, repetition: 0, ref: refs[p - 1]?.ref ?? fallbackRef, message });
    switch (r.kind) {
      case 'P': {
        const missing = r.positions.find((p) => !present(p))!;
        at(missing, ElementError.CONDITIONAL_MISSING, `${name(missing)} is required when ${r.positions.filter(present).map(name).join(', ')} is present: these elements go together.`);
        break;
      }
      case 'R':
        at(first, ElementError.CONDITIONAL_MISSING, `At least one of ${r.positions.map(name).join(', ')} is required.`);
        break;
      case 'E': {
        const there = r.positions.filter(present);
        at(there[1], ElementError.EXCLUSION_VIOLATED, `Only one of ${r.positions.map(name).join(', ')} may be present.`);
        break;
      }
      case 'C': {
        const missing = rest.find((p) => !present(p))!;
        at(missing, ElementError.CONDITIONAL_MISSING, `${name(missing)} is required when ${name(first)} is present.`);
        break;
      }
      case 'L':
        at(rest[0], ElementError.CONDITIONAL_MISSING, `When ${name(first)} is present, at least one of ${rest.map(name).join(', ')} is required.`);
        break;
    }
  }
}

function checkComposite(def: CompositeElementDef, seg: SegmentView, s: number, e: number, segId: string, pos: number, rep: number, report: Report): void {
  const buf = seg.buf;
  const cs = seg.delimiters.component;
  const n = def.components.length;
  const starts: number[] = [s];
  for (let i = s; i < e; i++) if (buf[i] === cs) starts.push(i + 1);
  const count = starts.length;
  if (count > n) {
    const bs = starts[n];
    report({ code: ElementError.TOO_MANY_COMPONENTS, element: pos, component: n + 1, repetition: rep, ref: def.ref, message: `${elementName(segId, pos, 0)} (${def.name}) has ${count} components; at most ${n} are defined.`, badValue: buf.latin1Slice(bs, e) });
  }
  for (let k = 1; k <= n; k++) {
    const c = def.components[k - 1];
    const cs0 = k <= count ? starts[k - 1] : e;
    const ce0 = k <= count ? (k < count ? starts[k] - 1 : e) : e;
    if (ce0 <= cs0) {
      if (c.usage === 'R') report({ code: ElementError.REQUIRED_MISSING, element: pos, component: k, repetition: rep, ref: c.ref, message: `${elementName(segId, pos, k)} (${c.name}) is required but empty.` });
      continue;
    }
    if (c.usage === 'N') {
      report({ code: ElementError.NOT_USED_PRESENT, element: pos, component: k, repetition: rep, ref: c.ref, message: `${elementName(segId, pos, k)} (${c.name}) is not used in this guide but has a value.`, badValue: buf.latin1Slice(cs0, ce0) });
      continue;
    }
    checkValue(c, buf, cs0, ce0, segId, pos, k, rep, report);
  }
  if (def.rules.length > 0) {
    let mask = 0;
    for (let k = 1; k <= count && k < 32; k++) if ((k < count ? starts[k] - 1 : e) > starts[k - 1]) mask |= 1 << k;
    checkRules(def.rules, mask, segId, pos, report, def.components, def.ref);
  }
}

/**
 * SNIP 1 and 2 for one segment against its use in the guide: element count, required and not-used
 * elements, types, lengths, codes, repetitions, components and the syntax rules.
 */
export function checkSegmentElements(def: SegmentDef, seg: SegmentView, report: Report): void {
  const segId = def.id;
  const buf = seg.buf;
  const count = seg.elementCount;
  const defs = def.elements;
  const rs = seg.delimiters.repetition;
  const cs = seg.delimiters.component;
  if (count > defs.length) {
    for (let p = defs.length + 1; p <= count; p++) {
      if (seg.elementEnd(p) > seg.elementStart(p)) {
        report({ code: ElementError.TOO_MANY_ELEMENTS, element: p, component: 0, repetition: 0, ref: '', message: `${segId} has ${count} elements; the guide defines ${defs.length}.` });
        break;
      }
    }
  }
  for (let p = 1; p <= defs.length; p++) {
    const d = defs[p - 1];
    const s = seg.elementStart(p);
    const e = seg.elementEnd(p);
    if (e <= s) {
      if (d.usage === 'R') report({ code: ElementError.REQUIRED_MISSING, element: p, component: 0, repetition: 0, ref: d.ref, message: `${elementName(segId, p, 0)} (${d.name}) is required but empty.` });
      continue;
    }
    if (d.usage === 'N') {
      report({ code: ElementError.NOT_USED_PRESENT, element: p, component: 0, repetition: 0, ref: d.ref, message: `${elementName(segId, p, 0)} (${d.name}) is not used in this guide but has a value.`, badValue: buf.latin1Slice(s, e) });
      continue;
    }
    // Split repetitions when the element repeats; otherwise a repetition separator is an error.
    let reps = 1;
    if (rs >= 0) for (let i = s; i < e; i++) if (buf[i] === rs) reps++;
    if (reps > d.repeat) {
      report({ code: ElementError.TOO_MANY_REPETITIONS, element: p, component: 0, repetition: d.repeat + 1, ref: d.ref, message: `${elementName(segId, p, 0)} (${d.name}) repeats ${reps} times; ${d.repeat === 1 ? 'it does not repeat' : `at most ${d.repeat} are allowed`}.` });
      continue;
    }
    let rsStart = s;
    for (let r = 1; r <= reps; r++) {
      let rsEnd = e;
      if (reps > 1) {
        rsEnd = rsStart;
        while (rsEnd < e && buf[rsEnd] !== rs) rsEnd++;
      }
      const repNo = d.repeat > 1 ? r : 0;
      if (d.kind === 'composite') checkComposite(d, seg, rsStart, rsEnd, segId, p, repNo, report);
      else {
        let hasComp = false;
        for (let i = rsStart; i < rsEnd; i++) if (buf[i] === cs) hasComp = true;
        if (hasComp) report({ code: ElementError.TOO_MANY_COMPONENTS, element: p, component: 0, repetition: repNo, ref: d.ref, message: `${elementName(segId, p, 0)} (${d.name}) contains the component separator but is not a composite element.`, badValue: buf.latin1Slice(rsStart, rsEnd) });
        else checkValue(d, buf, rsStart, rsEnd, segId, p, 0, repNo, report);
      }
      rsStart = rsEnd + 1;
    }
  }
  if (def.rules.length > 0) {
    let mask = 0;
    const last = Math.min(count, 31);
    for (let p = 1; p <= last; p++) if (seg.elementEnd(p) > seg.elementStart(p)) mask |= 1 << p;
    checkRules(def.rules, mask, segId, 0, report, defs, '');
  }
}
