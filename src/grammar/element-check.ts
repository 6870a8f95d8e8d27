import type { SegmentView } from '../x12/segment.js';
import type { CompositeElementDef, ElementDef, SegmentDef, SimpleElementDef, SyntaxRule } from './types.js';

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

const T_OTHER = 0;
const T_INTEGER = 1;
const T_DECIMAL = 2;
const T_DATE = 3;
const T_TIME = 4;

function shortKeyOf(code: string): number {
  let k = code.length;
  for (let i = 0; i < code.length; i++) k = (k << 8) | (code.charCodeAt(i) & 0xff);
  return k;
}

/**
 * One simple element (or component) use, flattened for the checker: every use has the same shape, so
 * the hot loop reads monomorphic objects, and its codes are two sets: codes of 1 to 3 characters keyed by
 * a small integer built from their bytes (the common lookup builds no string), longer codes by text.
 */
class ValuePlan {
  readonly type: number;
  readonly min: number;
  readonly max: number;
  readonly required: boolean;
  readonly notUsed: boolean;
  readonly repeat: number;
  readonly checkCodes: boolean;
  readonly short: ReadonlySet<number>;
  readonly long: ReadonlySet<string>;
  constructor(readonly def: SimpleElementDef) {
    const t = def.type;
    this.type = t === 'N0' || t === 'N1' || t === 'N2' || t === 'N4' ? T_INTEGER : t === 'R' ? T_DECIMAL : t === 'DT' ? T_DATE : t === 'TM' ? T_TIME : T_OTHER;
    this.min = def.min;
    this.max = def.max;
    this.required = def.usage === 'R';
    this.notUsed = def.usage === 'N';
    this.repeat = def.repeat;
    // Codes bind ID elements, and AN elements the guide fixes to values (ST03's guide id, CTX01's names).
    this.checkCodes = (t === 'ID' || t === 'AN') && def.codes !== undefined;
    const short = new Set<number>();
    const long = new Set<string>();
    for (const c of def.codes ?? []) {
      if (c.length >= 1 && c.length <= 3) short.add(shortKeyOf(c));
      else long.add(c);
    }
    this.short = short;
    this.long = long;
  }

  /** True when buf[s, e) is one of the codes. */
  hasCode(buf: Buffer, s: number, e: number): boolean {
    const len = e - s;
    if (len >= 1 && len <= 3) {
      let k = len;
      for (let i = s; i < e; i++) k = (k << 8) | buf[i];
      return this.short.has(k);
    }
    return this.long.has(buf.latin1Slice(s, e));
  }
}

/** One element use: a simple value, or a composite's components, with its repeat and usage. */
class ElementPlan {
  readonly required: boolean;
  readonly notUsed: boolean;
  readonly repeat: number;
  /** The simple element's plan; null for a composite. */
  readonly value: ValuePlan | null;
  readonly composite: CompositeElementDef | null;
  readonly components: readonly ValuePlan[];
  readonly rules: readonly RulePlan[];
  constructor(readonly def: ElementDef) {
    this.required = def.usage === 'R';
    this.notUsed = def.usage === 'N';
    this.repeat = def.repeat;
    this.value = def.kind === 'simple' ? new ValuePlan(def) : null;
    this.composite = def.kind === 'composite' ? def : null;
    this.components = def.kind === 'composite' ? def.components.map((c) => new ValuePlan(c)) : [];
    this.rules = def.kind === 'composite' ? rulePlans(def.rules) : [];
  }
}

/**
 * Syntax rules with their lowest position: a rule whose positions all lie past the last element present
 * holds unless it is an R rule (at least one required), so it need not be looked at.
 */
class RulePlan {
  readonly first: number;
  readonly required: boolean;
  constructor(readonly rule: SyntaxRule) {
    this.first = Math.min(...rule.positions);
    this.required = rule.kind === 'R';
  }
}

function rulePlans(rules: readonly SyntaxRule[]): readonly RulePlan[] {
  return rules.map((r) => new RulePlan(r));
}

class SegmentPlan {
  readonly rules: readonly RulePlan[];
  readonly elements: readonly ElementPlan[];
  /** The last required position (0 when none): past the elements present, nothing after it can be reported. */
  readonly lastRequired: number;
  constructor(def: SegmentDef) {
    this.elements = def.elements.map((e) => new ElementPlan(e));
    this.rules = rulePlans(def.rules);
    let last = 0;
    this.elements.forEach((e, i) => {
      if (e.required) last = i + 1;
    });
    this.lastRequired = last;
  }
}

const plans = new WeakMap<SegmentDef, SegmentPlan>();
function planOf(def: SegmentDef): SegmentPlan {
  let p = plans.get(def);
  if (p === undefined) {
    p = new SegmentPlan(def);
    plans.set(def, p);
  }
  return p;
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

function failValue(plan: ValuePlan, buf: Buffer, s: number, e: number, segId: string, pos: number, comp: number, rep: number, report: Report, code: ElementError, message: string): void {
  const def = plan.def;
  report({ code, element: pos, component: comp, repetition: rep, ref: def.ref, message: `${elementName(segId, pos, comp)} (${def.name}) ${message}`, badValue: buf.latin1Slice(s, e) });
}

/**
 * Checks one simple value in buf[s, e) against its element use: characters, type, length, code.
 * Works on bytes; builds a string only for a long code's lookup or a finding (the element's name too).
 */
function checkValue(plan: ValuePlan, buf: Buffer, s: number, e: number, segId: string, pos: number, comp: number, rep: number, report: Report): void {
  for (let i = s; i < e; i++) {
    const c = buf[i];
    if (c < 0x20 || c === 0x7f) {
      failValue(plan, buf, s, e, segId, pos, comp, rep, report, ElementError.INVALID_CHARACTER, 'contains a control character, which X12 does not allow.');
      return;
    }
  }
  let len = e - s;
  switch (plan.type) {
    case T_INTEGER: {
      let i = s;
      if (buf[i] === 0x2d) i++;
      if (i === e) return failValue(plan, buf, s, e, segId, pos, comp, rep, report, ElementError.INVALID_CHARACTER, 'must be a whole number.');
      for (; i < e; i++) if (buf[i] < 0x30 || buf[i] > 0x39) return failValue(plan, buf, s, e, segId, pos, comp, rep, report, ElementError.INVALID_CHARACTER, 'must be a whole number (digits only, implied decimal places).');
      if (buf[s] === 0x2d) len--;
      break;
    }
    case T_DECIMAL: {
      let i = s;
      let digits = 0;
      let dots = 0;
      if (buf[i] === 0x2d) i++;
      for (; i < e; i++) {
        const c = buf[i];
        if (c === 0x2e) dots++;
        else if (c >= 0x30 && c <= 0x39) digits++;
        else return failValue(plan, buf, s, e, segId, pos, comp, rep, report, ElementError.INVALID_CHARACTER, 'must be a number such as 125.50.');
      }
      if (digits === 0 || dots > 1) return failValue(plan, buf, s, e, segId, pos, comp, rep, report, ElementError.INVALID_CHARACTER, 'must be a number such as 125.50.');
      len = digits;
      break;
    }
    case T_DATE:
      if (!isDate(buf, s, e)) return failValue(plan, buf, s, e, segId, pos, comp, rep, report, ElementError.INVALID_DATE, `is not a real date written as ${plan.max === 6 ? 'YYMMDD' : 'CCYYMMDD'}.`);
      break;
    case T_TIME:
      if (!isTime(buf, s, e)) return failValue(plan, buf, s, e, segId, pos, comp, rep, report, ElementError.INVALID_TIME, 'is not a real time written as HHMM or HHMMSS.');
      break;
    default:
      break;
  }
  if (len < plan.min) return failValue(plan, buf, s, e, segId, pos, comp, rep, report, ElementError.TOO_SHORT, `is ${len} character${len === 1 ? '' : 's'} long; it must be at least ${plan.min}.`);
  if (len > plan.max) return failValue(plan, buf, s, e, segId, pos, comp, rep, report, ElementError.TOO_LONG, `is ${len} characters long; it can be at most ${plan.max}.`);
  if (plan.checkCodes && !plan.hasCode(buf, s, e)) {
    const codes = plan.def.codes!;
    const v = buf.latin1Slice(s, e);
    const allowed = codes.length <= 12 ? ` (allowed here: ${codes.join(', ')})` : '';
    failValue(plan, buf, s, e, segId, pos, comp, rep, report, ElementError.INVALID_CODE, `has code ${JSON.stringify(v)}, which this guide does not allow here${allowed}.`);
  }
}

/**
 * Whether a syntax rule holds, from a bit mask of the positions present (bit p for position p, for
 * p <= limit, limit < 31); positions beyond the mask are asked of `beyond`. Allocates nothing; the
 * messages are built by checkRules only for a rule that fails.
 */
function ruleHolds(r: SyntaxRule, mask: number, limit: number, beyond: (p: number) => boolean): boolean {
  const ps = r.positions;
  let on = 0;
  let firstOn = false;
  for (let i = 0; i < ps.length; i++) {
    const p = ps[i];
    if (p <= limit ? ((mask >>> p) & 1) === 1 : beyond(p)) {
      on++;
      if (i === 0) firstOn = true;
    }
  }
  switch (r.kind) {
    case 'P':
      return on === 0 || on === ps.length;
    case 'R':
      return on > 0;
    case 'E':
      return on <= 1;
    case 'C':
      return !firstOn || on === ps.length;
    case 'L':
      return !firstOn || on > 1;
  }
  return true;
}

/** The segment and composite whose rules are being checked, for positions beyond the presence mask. */
let ruleSeg: SegmentView | null = null;
let compCount = 0;
let compEnd = 0;
const segmentHas = (p: number): boolean => ruleSeg!.elementEnd(p) > ruleSeg!.elementStart(p);
const componentHas = (p: number): boolean => {
  if (p < 1 || p > compCount) return false;
  const a = starts[p - 1];
  const b = p < compCount ? starts[p] - 1 : compEnd;
  return b > a;
};

function checkRules(rules: readonly SyntaxRule[], present: (p: number) => boolean, segId: string, compOf: number, report: Report, refOf: (p: number) => string): void {
  for (const r of rules) {
    const [first, ...rest] = r.positions;
    const name = (p: number) => (compOf > 0 ? elementName(segId, compOf, p) : elementName(segId, p, 0));
    const at = (p: number, code: ElementError, message: string) =>
      report({ code, element: compOf > 0 ? compOf : p, component: compOf > 0 ? p : 0, repetition: 0, ref: refOf(p), message });
    switch (r.kind) {
      case 'P': {
        const some = r.positions.some(present);
        const missing = r.positions.find((p) => !present(p));
        if (some && missing !== undefined) at(missing, ElementError.CONDITIONAL_MISSING, `${name(missing)} is required when ${r.positions.filter(present).map(name).join(', ')} is present: these elements go together.`);
        break;
      }
      case 'R':
        if (!r.positions.some(present)) at(first, ElementError.CONDITIONAL_MISSING, `At least one of ${r.positions.map(name).join(', ')} is required.`);
        break;
      case 'E': {
        const there = r.positions.filter(present);
        if (there.length > 1) at(there[1], ElementError.EXCLUSION_VIOLATED, `Only one of ${r.positions.map(name).join(', ')} may be present.`);
        break;
      }
      case 'C':
        if (present(first)) {
          const missing = rest.find((p) => !present(p));
          if (missing !== undefined) at(missing, ElementError.CONDITIONAL_MISSING, `${name(missing)} is required when ${name(first)} is present.`);
        }
        break;
      case 'L':
        if (present(first) && !rest.some(present)) at(rest[0], ElementError.CONDITIONAL_MISSING, `When ${name(first)} is present, at least one of ${rest.map(name).join(', ')} is required.`);
        break;
    }
  }
}

/** Component starts of the composite being checked (reused: checks never nest). */
let starts = new Int32Array(32);

function checkComposite(ep: ElementPlan, seg: SegmentView, s: number, e: number, segId: string, pos: number, rep: number, report: Report): void {
  const def = ep.composite!;
  const comps = ep.components;
  const buf = seg.buf;
  const cs = seg.delimiters.component;
  const n = comps.length;
  let count = 1;
  starts[0] = s;
  for (let i = s; i < e; i++) {
    if (buf[i] === cs) {
      if (count === starts.length) {
        const grown = new Int32Array(count * 2);
        grown.set(starts);
        starts = grown;
      }
      starts[count++] = i + 1;
    }
  }
  if (count > n) {
    const bs = starts[n];
    report({ code: ElementError.TOO_MANY_COMPONENTS, element: pos, component: n + 1, repetition: rep, ref: def.ref, message: `${elementName(segId, pos, 0)} (${def.name}) has ${count} components; at most ${n} are defined.`, badValue: buf.latin1Slice(bs, e) });
  }
  let mask = 0;
  for (let k = 1; k <= n; k++) {
    const c = comps[k - 1];
    let cs0 = e;
    let ce0 = e;
    if (k <= count) {
      cs0 = starts[k - 1];
      ce0 = k < count ? starts[k] - 1 : e;
    }
    if (ce0 <= cs0) {
      if (c.required) report({ code: ElementError.REQUIRED_MISSING, element: pos, component: k, repetition: rep, ref: c.def.ref, message: `${elementName(segId, pos, k)} (${c.def.name}) is required but empty.` });
      continue;
    }
    if (k < 31) mask |= 1 << k;
    if (c.notUsed) {
      report({ code: ElementError.NOT_USED_PRESENT, element: pos, component: k, repetition: rep, ref: c.def.ref, message: `${elementName(segId, pos, k)} (${c.def.name}) is not used in this guide but has a value.`, badValue: buf.latin1Slice(cs0, ce0) });
      continue;
    }
    checkValue(c, buf, cs0, ce0, segId, pos, k, rep, report);
  }
  const rules = ep.rules;
  if (rules.length > 0) {
    compCount = count;
    compEnd = e;
    const limit = n < 30 ? n : 30;
    for (let i = 0; i < rules.length; i++) {
      const rp = rules[i];
      if (rp.first > count && !rp.required) continue;
      if (!ruleHolds(rp.rule, mask, limit, componentHas)) checkRules([rp.rule], componentHas, segId, pos, report, (p) => def.components[p - 1]?.ref ?? def.ref);
    }
  }
}

function tooManyReps(ep: ElementPlan, segId: string, p: number, reps: number, report: Report): void {
  const d = ep.def;
  report({ code: ElementError.TOO_MANY_REPETITIONS, element: p, component: 0, repetition: d.repeat + 1, ref: d.ref, message: `${elementName(segId, p, 0)} (${d.name}) repeats ${reps} times; ${d.repeat === 1 ? 'it does not repeat' : `at most ${d.repeat} are allowed`}.` });
}

function notComposite(ep: ElementPlan, buf: Buffer, s: number, e: number, segId: string, p: number, repNo: number, report: Report): void {
  const d = ep.def;
  report({ code: ElementError.TOO_MANY_COMPONENTS, element: p, component: 0, repetition: repNo, ref: d.ref, message: `${elementName(segId, p, 0)} (${d.name}) contains the component separator but is not a composite element.`, badValue: buf.latin1Slice(s, e) });
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
  const plan = planOf(def);
  const els = plan.elements;
  // Elements past the last one present are empty: only a required one among them can be reported.
  const stop = Math.min(els.length, Math.max(count, plan.lastRequired));
  let mask = 0;
  for (let p = 1; p <= stop; p++) {
    const ep = els[p - 1];
    const s = seg.elementStart(p);
    const e = seg.elementEnd(p);
    if (e <= s) {
      if (ep.required) report({ code: ElementError.REQUIRED_MISSING, element: p, component: 0, repetition: 0, ref: ep.def.ref, message: `${elementName(segId, p, 0)} (${ep.def.name}) is required but empty.` });
      continue;
    }
    if (p < 31) mask |= 1 << p;
    if (ep.notUsed) {
      report({ code: ElementError.NOT_USED_PRESENT, element: p, component: 0, repetition: 0, ref: ep.def.ref, message: `${elementName(segId, p, 0)} (${ep.def.name}) is not used in this guide but has a value.`, badValue: buf.latin1Slice(s, e) });
      continue;
    }
    const value = ep.value;
    if (value !== null && ep.repeat === 1) {
      // The common case, a simple element that does not repeat: one pass for both separators.
      let reps = 1;
      let hasComp = false;
      for (let i = s; i < e; i++) {
        const c = buf[i];
        if (c === rs) reps++;
        else if (c === cs) hasComp = true;
      }
      if (reps > 1) tooManyReps(ep, segId, p, reps, report);
      else if (hasComp) notComposite(ep, buf, s, e, segId, p, 0, report);
      else checkValue(value, buf, s, e, segId, p, 0, 0, report);
      continue;
    }
    // Split repetitions when the element repeats; otherwise a repetition separator is an error.
    let reps = 1;
    if (rs >= 0) for (let i = s; i < e; i++) if (buf[i] === rs) reps++;
    if (reps > ep.repeat) {
      tooManyReps(ep, segId, p, reps, report);
      continue;
    }
    let rsStart = s;
    for (let r = 1; r <= reps; r++) {
      let rsEnd = e;
      if (reps > 1) {
        rsEnd = rsStart;
        while (rsEnd < e && buf[rsEnd] !== rs) rsEnd++;
      }
      const repNo = ep.repeat > 1 ? r : 0;
      if (value === null) checkComposite(ep, seg, rsStart, rsEnd, segId, p, repNo, report);
      else {
        let hasComp = false;
        for (let i = rsStart; i < rsEnd; i++) if (buf[i] === cs) hasComp = true;
        if (hasComp) notComposite(ep, buf, rsStart, rsEnd, segId, p, repNo, report);
        else checkValue(value, buf, rsStart, rsEnd, segId, p, 0, repNo, report);
      }
      rsStart = rsEnd + 1;
    }
  }
  const rules = plan.rules;
  if (rules.length > 0) {
    ruleSeg = seg;
    const limit = defs.length < 30 ? defs.length : 30;
    for (let i = 0; i < rules.length; i++) {
      const rp = rules[i];
      if (rp.first > count && !rp.required) continue;
      if (!ruleHolds(rp.rule, mask, limit, segmentHas)) checkRules([rp.rule], (p) => seg.elementEnd(p) > seg.elementStart(p), segId, 0, report, (p) => defs[p - 1]?.ref ?? '');
    }
    ruleSeg = null;
  }
}
