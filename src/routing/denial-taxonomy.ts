import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import type { DenialRootCause } from '../db/records.js';
import type { ClaimAdjustment, ClaimPayment, ServiceLinePayment } from '../documents/remittance.js';
import { loadCodeList } from '../edits/code-lists.js';
import { X12dError } from '../errors.js';
import { type Cents, formatCents, parseCents } from '../money.js';

/**
 * The denial taxonomy: which root cause an 835 adjustment (CAS group, CARC, RARC) points to, and what a
 * billing office does about it. The mapping is data (config/denial-rules.json, or X12D_DENIAL_RULES):
 * every rule names its source and the date it takes effect, and may be scoped to one payer. Nothing here
 * touches storage; the daemon calls it inside its transaction and writes the result.
 */

/** Root causes of a denial, in a billing office's words. */
export const ROOT_CAUSES = [
  'eligibility',
  'authorization',
  'coding-or-modifier',
  'bundling',
  'medical-necessity',
  'duplicate',
  'timely-filing',
  'missing-information',
  'coordination-of-benefits',
  'non-covered',
] as const;
export type RootCause = (typeof ROOT_CAUSES)[number];

/** Every category an adjustment can fall in: a root cause, or one of the two non-denial kinds. */
export const ADJUSTMENT_CATEGORIES = [...ROOT_CAUSES, 'contractual', 'patient-responsibility'] as const;
export type AdjustmentCategory = (typeof ADJUSTMENT_CATEGORIES)[number];

const NON_DENIAL: ReadonlySet<AdjustmentCategory> = new Set(['contractual', 'patient-responsibility']);

/** The storage name of each root cause (src/db/records.ts DENIAL_ROOT_CAUSES). */
const STORED_ROOT_CAUSE: Readonly<Record<RootCause, DenialRootCause>> = Object.freeze({
  eligibility: 'eligibility',
  authorization: 'authorization',
  'coding-or-modifier': 'coding',
  bundling: 'bundling',
  'medical-necessity': 'medical_necessity',
  duplicate: 'duplicate',
  'timely-filing': 'timely_filing',
  'missing-information': 'missing_information',
  'coordination-of-benefits': 'coordination_of_benefits',
  'non-covered': 'non_covered',
});

/** The root cause as the denial queue stores it ('coding-or-modifier' -> 'coding', ...). */
export function storedRootCause(c: RootCause): DenialRootCause {
  return STORED_ROOT_CAUSE[c];
}

// ---------------------------------------------------------------------------------------------------
// The rules file

const GROUPS = ['CO', 'OA', 'PI', 'PR'] as const;
export type AdjustmentGroup = (typeof GROUPS)[number];

/** A calendar date that exists: "2024-02-29" yes, "2023-02-29" no. */
const IsoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'a date such as "2024-01-01"')
  .refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d), 'not a calendar date');
/** CARC: 1-3 digits, or a letter and up to 3 digits (A1, B13, P1). */
const Carc = z.string().regex(/^[A-Z]?\d{1,3}$/, 'a CARC such as "45" or "B13"');
/** RARC: one or two letters and digits (M62, MA130, N290). */
const Rarc = z.string().regex(/^[A-Z]{1,2}\d{1,4}$/, 'a RARC such as "M62" or "MA130"');
const oneOrMore = <T extends z.ZodType>(t: T) => z.union([t, z.array(t).min(1)]);

const Rule = z
  .object({
    /** A stable name, unique in the file: "carc-197-m62-authorization-number". */
    id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'lower-case letters, digits and dashes'),
    /** Only for this payer (REF*2U, N1*PR N104 or TRN03 of the 835). */
    payer: z.string().min(1).optional(),
    /** Only for this CAS group. */
    group: z.enum(GROUPS).optional(),
    /** The CARC, or several that share the rule. */
    reason: oneOrMore(Carc),
    /** Only when the claim or line carries this RARC (any of several). */
    remark: oneOrMore(Rarc).optional(),
    category: z.enum(ADJUSTMENT_CATEGORIES),
    /** Whether the adjustment is a denial; default: every category but contractual and patient-responsibility. */
    denial: z.boolean().optional(),
    /** What to do, in a billing office's words; {code} and {description} are filled in. */
    action: z.string().min(10),
    /** A key of `sources`. */
    source: z.string().min(1),
    /** First date of service the rule applies to. */
    effective: IsoDate,
    /** Last date of service the rule applies to. */
    until: IsoDate.optional(),
    note: z.string().optional(),
  })
  .strict();

const Fallback = z
  .object({
    category: z.enum(ADJUSTMENT_CATEGORIES),
    denial: z.boolean().optional(),
    action: z.string().min(10),
    source: z.string().min(1),
  })
  .strict();

/** The fallback for a denied claim or zero-paid line: always a root cause. */
const DenialFallback = Fallback.extend({ category: z.enum(ROOT_CAUSES) }).strict();

const RulesFile = z
  .object({
    name: z.string().min(1),
    description: z.string().optional(),
    effective: IsoDate,
    /** Source key -> where the rule comes from. */
    sources: z.record(z.string().min(1), z.string().min(1)),
    /** Which root cause is the primary one when a claim has several. Every root cause exactly once. */
    precedence: z.array(z.enum(ROOT_CAUSES)),
    defaults: z
      .object({
        PR: Fallback,
        CO: Fallback,
        PI: Fallback,
        OA: Fallback,
        /** A denied claim (CLP02 4) without any denial adjustment. */
        deniedClaim: DenialFallback,
        /** A line paid nothing with no denial adjustment and no patient responsibility. */
        zeroPaidLine: DenialFallback,
      })
      .strict(),
    rules: z.array(Rule),
  })
  .strict()
  .superRefine((f, ctx) => {
    const seen = new Set<RootCause>();
    for (const [i, c] of f.precedence.entries()) {
      if (seen.has(c)) ctx.addIssue({ code: 'custom', path: ['precedence', i], message: `"${c}" is listed twice` });
      seen.add(c);
    }
    for (const c of ROOT_CAUSES) if (!seen.has(c)) ctx.addIssue({ code: 'custom', path: ['precedence'], message: `"${c}" is missing` });
    for (const [k, d] of Object.entries(f.defaults)) {
      if (!(d.source in f.sources)) ctx.addIssue({ code: 'custom', path: ['defaults', k, 'source'], message: `unknown source "${d.source}" (not a key of sources)` });
    }
    const ids = new Map<string, number>();
    for (const [i, r] of f.rules.entries()) {
      if (ids.has(r.id)) ctx.addIssue({ code: 'custom', path: ['rules', i, 'id'], message: `duplicate rule id "${r.id}" (also rules[${ids.get(r.id)}])` });
      ids.set(r.id, i);
      if (!(r.source in f.sources)) ctx.addIssue({ code: 'custom', path: ['rules', i, 'source'], message: `unknown source "${r.source}" (not a key of sources)` });
      if (r.until !== undefined && r.until < r.effective) ctx.addIssue({ code: 'custom', path: ['rules', i, 'until'], message: 'ends before it takes effect' });
      if (r.denial === true && NON_DENIAL.has(r.category)) ctx.addIssue({ code: 'custom', path: ['rules', i, 'denial'], message: `a ${r.category} adjustment is not a denial` });
    }
  });
export type DenialRulesFile = z.input<typeof RulesFile>;

/** One rule as loaded. */
export interface DenialRule {
  readonly id: string;
  readonly payer?: string;
  readonly group?: AdjustmentGroup;
  readonly reasons: readonly string[];
  readonly remarks?: readonly string[];
  readonly category: AdjustmentCategory;
  readonly denial: boolean;
  readonly action: string;
  /** The source key and its text. */
  readonly sourceKey: string;
  readonly source: string;
  readonly effective: string;
  readonly until?: string;
  /** Position in the file (ties go to the earlier rule). */
  readonly order: number;
}

export interface FallbackRule {
  readonly category: AdjustmentCategory;
  readonly denial: boolean;
  readonly action: string;
  readonly source: string;
}

/** A validated rule set. */
export interface DenialRules {
  readonly name: string;
  readonly effective: string;
  /** Where the rules came from (a path, or what the caller named it). */
  readonly origin: string;
  readonly rules: readonly DenialRule[];
  readonly precedence: readonly RootCause[];
  readonly defaults: Readonly<Record<AdjustmentGroup, FallbackRule> & Record<'deniedClaim' | 'zeroPaidLine', FallbackRule & { readonly category: RootCause }>>;
}

/** "rules[3].category" from a zod issue path. */
function pathText(path: readonly PropertyKey[]): string {
  let s = '';
  for (const p of path) s += typeof p === 'number' ? `[${p}]` : s === '' ? String(p) : `.${String(p)}`;
  return s === '' ? '(file)' : s;
}

/** Validates a rules file's content; a bad file is refused with the path of each bad field. */
export function parseDenialRules(data: unknown, origin = '(inline)'): DenialRules {
  const parsed = RulesFile.safeParse(data);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${pathText(i.path)}: ${i.message}`);
    throw new X12dError('X12D_ERR_CONFIG', `denial rules ${origin} are not valid: ${issues.join('; ')}`, { path: origin, issues });
  }
  const f = parsed.data;
  const denialOf = (category: AdjustmentCategory, denial: boolean | undefined) => denial ?? !NON_DENIAL.has(category);
  const rules: DenialRule[] = f.rules.map((r, order) =>
    Object.freeze({
      id: r.id,
      ...(r.payer === undefined ? {} : { payer: r.payer }),
      ...(r.group === undefined ? {} : { group: r.group }),
      reasons: Object.freeze(typeof r.reason === 'string' ? [r.reason] : [...r.reason]),
      ...(r.remark === undefined ? {} : { remarks: Object.freeze(typeof r.remark === 'string' ? [r.remark] : [...r.remark]) }),
      category: r.category,
      denial: denialOf(r.category, r.denial),
      action: r.action,
      sourceKey: r.source,
      source: f.sources[r.source],
      effective: r.effective,
      ...(r.until === undefined ? {} : { until: r.until }),
      order,
    }),
  );
  const fallback = <C extends AdjustmentCategory>(d: { category: C; denial?: boolean; action: string; source: string }) => Object.freeze({ category: d.category, denial: denialOf(d.category, d.denial), action: d.action, source: f.sources[d.source] });
  return Object.freeze({
    name: f.name,
    effective: f.effective,
    origin,
    rules: Object.freeze(rules),
    precedence: Object.freeze([...f.precedence]),
    defaults: Object.freeze({
      PR: fallback(f.defaults.PR),
      CO: fallback(f.defaults.CO),
      PI: fallback(f.defaults.PI),
      OA: fallback(f.defaults.OA),
      deniedClaim: fallback(f.defaults.deniedClaim),
      zeroPaidLine: fallback(f.defaults.zeroPaidLine),
    }),
  });
}

const DEFAULT_PATH = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'config', 'denial-rules.json');
const cache = new Map<string, DenialRules>();

/** The rules file in use: X12D_DENIAL_RULES, else config/denial-rules.json. */
export function denialRulesPath(): string {
  return process.env.X12D_DENIAL_RULES ?? DEFAULT_PATH;
}

/** Loads and validates a rules file (once per path). */
export function loadDenialRules(path: string = denialRulesPath()): DenialRules {
  const hit = cache.get(path);
  if (hit !== undefined) return hit;
  if (!existsSync(path)) throw new X12dError('X12D_ERR_CONFIG', `denial rules ${path} not found`, { path });
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new X12dError('X12D_ERR_CONFIG', `denial rules ${path} are not JSON: ${(e as Error).message}`, { path });
  }
  const rules = parseDenialRules(data, path);
  cache.set(path, rules);
  return rules;
}

// ---------------------------------------------------------------------------------------------------
// Classifying one adjustment

export interface AdjustmentInput {
  /** The payer's ids (any of them may be named by a rule). */
  readonly payerId?: string | readonly string[];
  readonly group: AdjustmentGroup;
  readonly reason: string;
  /** RARCs that apply (the line's LQ*HE and the claim's MOA/MIA remarks). */
  readonly remarks?: readonly string[];
  /** Date of service: rules not in effect on it are skipped. Without it every rule is considered. */
  readonly date?: string;
}

export interface AdjustmentClassification {
  /** "CO-197". */
  readonly code: string;
  readonly group: AdjustmentGroup;
  readonly reason: string;
  readonly category: AdjustmentCategory;
  readonly denial: boolean;
  readonly action: string;
  /** The CARC text (code list), or "CARC x". */
  readonly description: string;
  /** The remark the rule matched on, if it named one. */
  readonly remark?: string;
  /** The rule that matched; absent when the group's default was used. */
  readonly rule?: { readonly id: string; readonly source: string; readonly effective: string; readonly payer?: string };
  /** Where the answer came from, for the record: the rule's source or the default's. */
  readonly source: string;
}

function carcText(reason: string): string {
  return loadCodeList('carc')?.describe(reason) ?? `CARC ${reason}`;
}

function rarcText(remark: string): string | undefined {
  return loadCodeList('rarc')?.describe(remark);
}

function fill(action: string, code: string, description: string): string {
  return action.replaceAll('{code}', code).replaceAll('{description}', description);
}

function specificity(r: DenialRule): number {
  return (r.remarks !== undefined ? 8 : 0) + (r.payer !== undefined ? 4 : 0) + (r.group !== undefined ? 2 : 0) + 1;
}

/** Rules by CARC, built once per rule set: an 835 of 100,000 claims classifies each adjustment in a few lookups. */
const byReason = new WeakMap<DenialRules, ReadonlyMap<string, readonly DenialRule[]>>();
function rulesFor(rules: DenialRules, reason: string): readonly DenialRule[] {
  let index = byReason.get(rules);
  if (index === undefined) {
    const m = new Map<string, DenialRule[]>();
    for (const r of rules.rules) for (const c of r.reasons) m.set(c, [...(m.get(c) ?? []), r]);
    index = m;
    byReason.set(rules, index);
  }
  return index.get(reason) ?? [];
}

function payerSet(p: string | readonly string[] | undefined): ReadonlySet<string> {
  return new Set(p === undefined ? [] : typeof p === 'string' ? [p] : p);
}

/**
 * The category and recommended action of one adjustment. The most specific rule wins (payer+CARC+RARC >
 * CARC+RARC > payer+CARC > CARC+group > CARC); ties go to the later effective date, then to the earlier
 * rule in the file. With no rule, the group's default answers (PR: patient responsibility; CO/PI/OA: a
 * person reads the codes).
 */
export function classifyAdjustment(input: AdjustmentInput, rules: DenialRules = loadDenialRules()): AdjustmentClassification {
  const payers = payerSet(input.payerId);
  const remarks = new Set(input.remarks ?? []);
  let best: DenialRule | undefined;
  let bestScore = -1;
  for (const r of rulesFor(rules, input.reason)) {
    if (r.group !== undefined && r.group !== input.group) continue;
    if (r.payer !== undefined && !payers.has(r.payer)) continue;
    if (r.remarks !== undefined && !r.remarks.some((m) => remarks.has(m))) continue;
    if (input.date !== undefined && (r.effective > input.date || (r.until !== undefined && r.until < input.date))) continue;
    const score = specificity(r);
    if (score > bestScore || (score === bestScore && best !== undefined && r.effective > best.effective)) {
      best = r;
      bestScore = score;
    }
  }
  const code = `${input.group}-${input.reason}`;
  const description = carcText(input.reason);
  if (best === undefined) {
    const d = rules.defaults[input.group];
    return Object.freeze({ code, group: input.group, reason: input.reason, category: d.category, denial: d.denial, action: fill(d.action, code, description), description, source: d.source });
  }
  const remark = best.remarks?.find((m) => remarks.has(m));
  return Object.freeze({
    code,
    group: input.group,
    reason: input.reason,
    category: best.category,
    denial: best.denial,
    action: fill(best.action, code, description),
    description,
    ...(remark === undefined ? {} : { remark }),
    rule: Object.freeze({ id: best.id, source: best.source, effective: best.effective, ...(best.payer === undefined ? {} : { payer: best.payer }) }),
    source: best.source,
  });
}

// ---------------------------------------------------------------------------------------------------
// Classifying a claim's denials

type Money = string;

function cents(m: Money | undefined): Cents {
  return m === undefined ? 0n : (parseCents(m) ?? 0n);
}

/** The RARCs of a line (LQ*HE). */
export function lineRemarks(line: Pick<ServiceLinePayment, 'remarks'>): string[] {
  return (line.remarks ?? []).filter((r) => r.qualifier === 'HE').map((r) => r.code);
}

/** The RARCs of a claim (MOA, then MIA). */
export function claimRemarks(claim: Pick<ClaimPayment, 'outpatient' | 'inpatient'>): string[] {
  return [...(claim.outpatient?.remarkCodes ?? []), ...(claim.inpatient?.remarkCodes ?? [])];
}

function unique(xs: Iterable<string>): string[] {
  return [...new Set(xs)];
}

/** An adjustment with its classification and where it sits. */
export interface ClassifiedAdjustment extends AdjustmentClassification {
  readonly amount: Money;
  /** Index into serviceLines; absent for a claim-level adjustment. */
  readonly lineIndex?: number;
}

/** One denial queue item's worth: a denied claim, or a denied or zero-paid line of a claim that was paid. */
export interface DenialItem {
  readonly level: 'claim' | 'line';
  readonly lineIndex?: number;
  readonly procedureCode?: string;
  readonly modifiers?: readonly string[];
  /** REF*6R. */
  readonly lineControlNumber?: string;
  readonly rootCause: RootCause;
  readonly action: string;
  /** Every reason code involved: "CO-197", then the RARCs ("M62"). */
  readonly reasonCodes: readonly string[];
  /** The primary reason in words, with the RARCs' texts. */
  readonly description: string;
  /** The denied amount (the denial adjustments; for a denied claim without any, charge less paid). */
  readonly amount: Money;
  /** The rule behind the primary root cause, when one matched. */
  readonly ruleId?: string;
  readonly adjustments: readonly ClassifiedAdjustment[];
}

export interface ClaimDenial {
  readonly patientControlNumber: string;
  readonly payerClaimControlNumber: string;
  /** CLP02. */
  readonly statusCode: string;
  /** CLP02 4: the whole claim was denied (one claim-level item); otherwise the items are lines. */
  readonly claimDenied: boolean;
  /** The primary root cause over all items. */
  readonly rootCause: RootCause;
  readonly action: string;
  readonly reasonCodes: readonly string[];
  readonly description: string;
  readonly amount: Money;
  readonly items: readonly DenialItem[];
}

export interface ClassifyOptions {
  readonly payerId?: string | readonly string[];
  /** Date of service for the rules' effective dates; default the claim's statement period or first line date. */
  readonly date?: string;
  readonly rules?: DenialRules;
}

function classifyAll(claim: ClaimPayment, opts: ClassifyOptions, rules: DenialRules): ClassifiedAdjustment[] {
  const claimLevelRemarks = claimRemarks(claim);
  const allRemarks = unique([...claimLevelRemarks, ...claim.serviceLines.flatMap(lineRemarks)]);
  const fallbackDate = opts.date ?? claim.dates?.statementPeriod?.from ?? claim.serviceLines.find((l) => l.serviceDate !== undefined)?.serviceDate;
  const one = (a: ClaimAdjustment, remarks: readonly string[], date: string | undefined, lineIndex?: number): ClassifiedAdjustment => ({
    ...classifyAdjustment({ payerId: opts.payerId, group: a.group, reason: a.reason, remarks, date }, rules),
    amount: a.amount,
    ...(lineIndex === undefined ? {} : { lineIndex }),
  });
  const out = claim.adjustments.map((a) => one(a, allRemarks, fallbackDate));
  for (const [i, l] of claim.serviceLines.entries()) {
    const remarks = unique([...lineRemarks(l), ...claimLevelRemarks]);
    const date = opts.date ?? l.serviceDate ?? l.servicePeriod?.from ?? fallbackDate;
    for (const a of l.adjustments) out.push(one(a, remarks, date, i));
  }
  return out;
}

/** The primary of several denial adjustments: by the file's precedence, then by amount, then by order. */
function primaryOf(denials: readonly ClassifiedAdjustment[], rules: DenialRules): ClassifiedAdjustment | undefined {
  const rank = (c: AdjustmentCategory) => {
    const i = rules.precedence.indexOf(c as RootCause);
    return i < 0 ? rules.precedence.length : i;
  };
  let best: ClassifiedAdjustment | undefined;
  for (const d of denials) {
    if (best === undefined) best = d;
    else {
      const r = rank(d.category) - rank(best.category);
      if (r < 0 || (r === 0 && cents(d.amount) > cents(best.amount))) best = d;
    }
  }
  return best;
}

function describe(primary: { readonly description: string; readonly code: string } | undefined, remarks: readonly string[], fallback: string): string {
  const parts = [primary === undefined ? fallback : `${primary.description} (${primary.code})`];
  for (const r of remarks) {
    const t = rarcText(r);
    parts.push(t === undefined ? r : `${r}: ${t}`);
  }
  return parts.join('; ');
}

function isRootCause(c: AdjustmentCategory): c is RootCause {
  return (ROOT_CAUSES as readonly string[]).includes(c);
}

function itemFrom(
  level: 'claim' | 'line',
  adjustments: readonly ClassifiedAdjustment[],
  remarks: readonly string[],
  rules: DenialRules,
  fallback: { readonly category: RootCause; readonly action: string },
  fallbackAmount: Cents,
  line?: { index: number; l: ServiceLinePayment },
): DenialItem {
  const denials = adjustments.filter((a) => a.denial && cents(a.amount) > 0n);
  const primary = primaryOf(denials, rules);
  const amount = denials.length > 0 ? denials.reduce((t, a) => t + cents(a.amount), 0n) : fallbackAmount;
  const reasonCodes = unique([...adjustments.map((a) => a.code), ...remarks]);
  // A zero-paid line or a denied claim without a denial adjustment: the largest adjustment speaks for it.
  const stand = primary ?? [...adjustments].sort((a, b) => (cents(b.amount) > cents(a.amount) ? 1 : cents(b.amount) < cents(a.amount) ? -1 : 0))[0];
  const action = primary?.action ?? (stand === undefined ? fallback.action : fill(fallback.action, stand.code, stand.description));
  // Only denial adjustments can be primary, and a denial's category is always a root cause.
  const rootCause = primary !== undefined && isRootCause(primary.category) ? primary.category : fallback.category;
  return Object.freeze({
    level,
    ...(line === undefined
      ? {}
      : {
          lineIndex: line.index,
          procedureCode: line.l.procedureCode,
          modifiers: line.l.modifiers,
          ...(line.l.lineControlNumber === undefined ? {} : { lineControlNumber: line.l.lineControlNumber }),
        }),
    rootCause,
    action,
    reasonCodes,
    description: describe(primary ?? stand, remarks, 'denied without a reason code'),
    amount: formatCents(amount),
    ...(primary?.rule === undefined ? {} : { ruleId: primary.rule.id }),
    adjustments,
  });
}

/**
 * The denials of one claim payment: for a denied claim (CLP02 4) one claim-level item whose primary root
 * cause is picked from all its adjustments (claim and lines); for a claim that was paid, one item per
 * denied line (a line with a denial adjustment) or zero-paid line (paid nothing, no patient
 * responsibility). Undefined when nothing was denied, and for reversals (CLP02 22) and predeterminations.
 */
export function classifyDenial(claim: ClaimPayment, opts: ClassifyOptions = {}): ClaimDenial | undefined {
  if (claim.status === '22' || claim.status === '25') return undefined;
  const rules = opts.rules ?? loadDenialRules();
  const all = classifyAll(claim, opts, rules);
  const items: DenialItem[] = [];
  const claimDenied = claim.status === '4';
  if (claimDenied) {
    const remarks = unique([...claimRemarks(claim), ...claim.serviceLines.flatMap(lineRemarks)]);
    items.push(itemFrom('claim', all, remarks, rules, rules.defaults.deniedClaim, cents(claim.charge) - cents(claim.paid)));
  } else {
    for (const [index, l] of claim.serviceLines.entries()) {
      const adjustments = all.filter((a) => a.lineIndex === index);
      const denied = adjustments.some((a) => a.denial && cents(a.amount) > 0n);
      const patientOwes = adjustments.some((a) => a.group === 'PR' && cents(a.amount) !== 0n);
      const zeroPaid = cents(l.paid) === 0n && cents(l.charge) > 0n && !patientOwes;
      if (!denied && !zeroPaid) continue;
      items.push(itemFrom('line', adjustments, lineRemarks(l), rules, rules.defaults.zeroPaidLine, cents(l.charge) - cents(l.paid), { index, l }));
    }
    // Claim-level denial adjustments of a paid claim (rare): one more item for the claim.
    const claimLevel = all.filter((a) => a.lineIndex === undefined);
    if (claimLevel.some((a) => a.denial && cents(a.amount) > 0n)) items.push(itemFrom('claim', claimLevel, claimRemarks(claim), rules, rules.defaults.deniedClaim, 0n));
  }
  if (items.length === 0) return undefined;
  const primaryItem = [...items].sort((a, b) => {
    const r = rules.precedence.indexOf(a.rootCause) - rules.precedence.indexOf(b.rootCause);
    if (r !== 0) return r;
    const d = cents(b.amount) - cents(a.amount);
    return d > 0n ? 1 : d < 0n ? -1 : 0;
  })[0];
  return Object.freeze({
    patientControlNumber: claim.patientControlNumber,
    payerClaimControlNumber: claim.payerClaimControlNumber,
    statusCode: claim.status,
    claimDenied,
    rootCause: primaryItem.rootCause,
    action: primaryItem.action,
    reasonCodes: unique(items.flatMap((i) => i.reasonCodes)),
    description: primaryItem.description,
    amount: formatCents(items.reduce((t, i) => t + cents(i.amount), 0n)),
    items: Object.freeze(items),
  });
}

/** The fields of a denial queue item (src/db/records.ts DenialQueueItemRecord) for one item. */
export function denialQueueFields(claim: Pick<ClaimDenial, 'patientControlNumber'>, item: DenialItem): {
  readonly patientControlNumber: string;
  readonly source: '835';
  readonly rootCause: DenialRootCause;
  readonly action: string;
  readonly reasonCodes: readonly string[];
  readonly description: string;
  readonly amount: Money;
} {
  return { patientControlNumber: claim.patientControlNumber, source: '835', rootCause: storedRootCause(item.rootCause), action: item.action, reasonCodes: item.reasonCodes, description: item.description, amount: item.amount };
}
