import { existsSync, readFileSync } from 'node:fs';
import { z } from 'zod';
import type { ClaimAdjustment, ClaimPayment, Remittance, ServiceLinePayment } from '../documents/remittance.js';
import { claimBalances } from '../documents/remittance.js';
import { X12dError } from '../errors.js';
import { type Cents, formatCents, parseCents } from '../money.js';
import { type DenialRules, classifyAdjustment, claimRemarks, lineRemarks, loadDenialRules } from './denial-taxonomy.js';

/**
 * Posting an 835: what a billing office books for each claim payment (paid, allowed, the patient's share
 * split into deductible, coinsurance and copay, the contractual write-off, what was denied), whether it
 * reverses an earlier posting, and whether the contract says the payer paid too little. Exact money:
 * bigint cents inside, decimal strings ("1234.50") out. Storage-free.
 */

type Money = string;

function cents(m: Money | undefined): Cents {
  return m === undefined ? 0n : (parseCents(m) ?? 0n);
}

const money = formatCents;

function sum(xs: readonly Cents[]): Cents {
  return xs.reduce((t, x) => t + x, 0n);
}

// ---------------------------------------------------------------------------------------------------
// Fee schedule (data: config/fee-schedule.example.json)

const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date such as "2024-01-01"');
const Amount = z.string().regex(/^\d+\.\d{2}$/, 'a non-negative amount such as "125.00"');

const ProcedureInfo = z
  .object({
    /** MPFS bilateral indicator: 0 no bilateral, 1 = 50 x 1 unit paid at 150%, 2 already bilateral, 3 = 100% each side, 9 n/a. */
    bilateralIndicator: z.enum(['0', '1', '2', '3', '9']).optional(),
    /** MPFS multiple-procedure indicator: 0 no reduction, 2 standard 100%/50%, ... Absent: reduced unless an add-on. */
    multipleProcedureIndicator: z.enum(['0', '1', '2', '3', '4', '5', '6', '7', '9']).optional(),
    /** Add-on code (+64484, +64494, ...): never reduced, never the "highest". */
    addOn: z.boolean().default(false),
  })
  .strict();

const Rate = z
  .object({
    procedure: z.string().regex(/^[A-Z0-9]{5}$/, 'a CPT/HCPCS code such as "64483"'),
    /** The rate applies when this modifier is on the line (e.g. 26); without one, to any line of the code. */
    modifier: z.string().regex(/^[A-Z0-9]{2}$/, 'a two-character modifier').optional(),
    /** Allowed amount for one unit. */
    rate: Amount,
  })
  .strict();

const PayerSchedule = z
  .object({
    /** The payer id as the 835 names it (REF*2U, N1*PR N104 or TRN03). */
    payerId: z.string().min(1),
    /** Other ids of the same payer. */
    aliases: z.array(z.string().min(1)).optional(),
    name: z.string().optional(),
    effective: IsoDate.optional(),
    until: IsoDate.optional(),
    tolerance: Amount.optional(),
    rates: z.array(Rate),
  })
  .strict();

const FeeScheduleFile = z
  .object({
    name: z.string().min(1),
    description: z.string().optional(),
    source: z.string().min(1),
    effective: IsoDate,
    /** Underpayments up to this amount per claim are not flagged. */
    tolerance: Amount.default('0.00'),
    procedures: z.record(z.string().regex(/^[A-Z0-9]{5}$/, 'a CPT/HCPCS code'), ProcedureInfo).default({}),
    payers: z.array(PayerSchedule),
  })
  .strict()
  .superRefine((f, ctx) => {
    for (const [p, payer] of f.payers.entries()) {
      const seen = new Set<string>();
      for (const [i, r] of payer.rates.entries()) {
        const key = `${r.procedure}:${r.modifier ?? ''}`;
        if (seen.has(key)) ctx.addIssue({ code: 'custom', path: ['payers', p, 'rates', i], message: `a second rate for ${r.procedure}${r.modifier === undefined ? '' : `-${r.modifier}`}` });
        seen.add(key);
      }
    }
  });
export type FeeScheduleInput = z.input<typeof FeeScheduleFile>;
export type FeeSchedule = z.infer<typeof FeeScheduleFile> & { readonly origin: string };

function pathText(path: readonly PropertyKey[]): string {
  let s = '';
  for (const p of path) s += typeof p === 'number' ? `[${p}]` : s === '' ? String(p) : `.${String(p)}`;
  return s === '' ? '(file)' : s;
}

/** Validates a fee schedule; a bad one is refused with the path of each bad field. */
export function parseFeeSchedule(data: unknown, origin = '(inline)'): FeeSchedule {
  const parsed = FeeScheduleFile.safeParse(data);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${pathText(i.path)}: ${i.message}`);
    throw new X12dError('X12D_ERR_CONFIG', `fee schedule ${origin} is not valid: ${issues.join('; ')}`, { path: origin, issues });
  }
  return Object.freeze({ ...parsed.data, origin });
}

export function loadFeeSchedule(path: string): FeeSchedule {
  if (!existsSync(path)) throw new X12dError('X12D_ERR_CONFIG', `fee schedule ${path} not found`, { path });
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new X12dError('X12D_ERR_CONFIG', `fee schedule ${path} is not JSON: ${(e as Error).message}`, { path });
  }
  return parseFeeSchedule(data, path);
}

// ---------------------------------------------------------------------------------------------------
// The remittance's identity and payer

/** Every id the 835 gives its payer: REF*2U, N1*PR N104, TRN03 (in that order, no repeats). */
export function payerIdsOf(r: Pick<Remittance, 'payer' | 'trace'>): string[] {
  const ids: string[] = [];
  for (const ref of r.payer.additionalIds ?? []) if (ref.qualifier === '2U') ids.push(ref.value);
  if (r.payer.id !== undefined) ids.push(r.payer.id);
  ids.push(r.trace.originatorId);
  return [...new Set(ids)];
}

/** What makes a remittance unique: the payer (TRN03) and the check or EFT trace number (TRN02). */
export function remittanceIdentity(r: Pick<Remittance, 'trace'>): { readonly payerId: string; readonly traceNumber: string } {
  return { payerId: r.trace.originatorId, traceNumber: r.trace.number };
}

// ---------------------------------------------------------------------------------------------------
// Posting items

export interface PatientResponsibility {
  /** PR-1. */
  readonly deductible: Money;
  /** PR-2. */
  readonly coinsurance: Money;
  /** PR-3. */
  readonly copay: Money;
  /** Any other PR reason (27 coverage ended, 96/204 not covered, ...). */
  readonly other: Money;
  readonly total: Money;
}

export interface Underpayment {
  /** What the fee schedule expects. */
  readonly expected: Money;
  readonly allowed: Money;
  /** expected - allowed. */
  readonly difference: Money;
}

/** The amounts of a claim or line, split the way they are posted. */
export interface PostingAmounts {
  readonly charge: Money;
  readonly paid: Money;
  /** SVC03 + cost-sharing PR + CO-253, or AMT*B6 when the payer sent it. */
  readonly allowed: Money;
  readonly patientResponsibility: PatientResponsibility;
  /** CO/PI adjustments that are not denials (CO-45, CO-253, CO-59, ...). */
  readonly contractual: Money;
  /** CO/PI/OA adjustments that are denials (CO-197, OA-18, ...); these go to the denial queue. */
  readonly denied: Money;
  /** OA adjustments that are not denials (OA-23 prior payer). */
  readonly otherAdjustments: Money;
}

export interface PostingLine extends PostingAmounts {
  /** Index into the claim's serviceLines. */
  readonly index: number;
  readonly procedureCode: string;
  readonly modifiers: readonly string[];
  /** SVC05 units paid. */
  readonly units: string;
  readonly lineControlNumber?: string;
  readonly serviceDate?: string;
  /** The fee schedule's expectation for this line, when it has a rate. */
  readonly expected?: Money;
  readonly underpayment?: Underpayment;
}

export interface PostingItem extends PostingAmounts {
  /** CLP01. */
  readonly patientControlNumber: string;
  /** CLP07. */
  readonly payerClaimControlNumber: string;
  /** CLP02. */
  readonly statusCode: string;
  readonly status: string;
  /** CLP05 as reported. */
  readonly reportedPatientResponsibility?: Money;
  /**
   * CLP02 22: the amounts are negated, and the item reverses the earlier posting with the same
   * patientControlNumber and payerClaimControlNumber (see reversalKey).
   */
  readonly reversal: boolean;
  /** The fee schedule's expectation for the priced lines, when a fee schedule was given. */
  readonly expected?: Money;
  /** Set when the fee schedule expects more than was allowed (beyond the tolerance). */
  readonly underpayment?: Underpayment;
  /** Lines the fee schedule had no rate for (not part of expected). */
  readonly unpricedLines?: readonly number[];
  readonly lines: readonly PostingLine[];
  /** Things a person should look at: the claim does not balance, CLP05 differs from the PR total, ... */
  readonly warnings: readonly string[];
}

/** CLP02 in words. */
export const CLAIM_STATUS_TEXT: Readonly<Record<string, string>> = Object.freeze({
  '1': 'processed as primary',
  '2': 'processed as secondary',
  '3': 'processed as tertiary',
  '4': 'denied',
  '19': 'processed as primary, forwarded to additional payer(s)',
  '20': 'processed as secondary, forwarded to additional payer(s)',
  '21': 'processed as tertiary, forwarded to additional payer(s)',
  '22': 'reversal of previous payment',
  '23': 'not our claim, forwarded to additional payer(s)',
  '25': 'predetermination pricing only, no payment',
});

export interface PostingOptions {
  readonly feeSchedule?: FeeSchedule;
  /** Overrides the fee schedule's tolerance. */
  readonly tolerance?: Money;
  readonly rules?: DenialRules;
}

interface Bucketed {
  deductible: Cents;
  coinsurance: Cents;
  copay: Cents;
  otherPr: Cents;
  /** PR that is cost sharing (counts toward allowed). */
  costShare: Cents;
  contractual: Cents;
  sequestration: Cents;
  denied: Cents;
  other: Cents;
}

function bucket(adjustments: readonly ClaimAdjustment[], classify: (a: ClaimAdjustment) => { category: string; denial: boolean }): Bucketed {
  const b: Bucketed = { deductible: 0n, coinsurance: 0n, copay: 0n, otherPr: 0n, costShare: 0n, contractual: 0n, sequestration: 0n, denied: 0n, other: 0n };
  for (const a of adjustments) {
    const c = cents(a.amount);
    const k = classify(a);
    if (a.group === 'PR') {
      if (a.reason === '1') b.deductible += c;
      else if (a.reason === '2') b.coinsurance += c;
      else if (a.reason === '3') b.copay += c;
      else b.otherPr += c;
      if (!k.denial) b.costShare += c;
    } else if (a.group === 'CO' && a.reason === '253') {
      b.sequestration += c;
      b.contractual += c;
    } else if (k.denial) b.denied += c;
    else if (a.group === 'OA') b.other += c;
    else b.contractual += c;
  }
  return b;
}

function responsibility(b: Bucketed): PatientResponsibility {
  return {
    deductible: money(b.deductible),
    coinsurance: money(b.coinsurance),
    copay: money(b.copay),
    other: money(b.otherPr),
    total: money(b.deductible + b.coinsurance + b.copay + b.otherPr),
  };
}

/** A decimal quantity ("2", "1.5", ".5") as a fraction. */
function fraction(q: string): { num: bigint; den: bigint } {
  const m = /^(-)?(\d*)(?:\.(\d*))?$/.exec(q);
  if (m === null) return { num: 1n, den: 1n };
  const frac = m[3] ?? '';
  const num = BigInt((m[2] || '0') + frac) * (m[1] === '-' ? -1n : 1n);
  return { num, den: 10n ** BigInt(frac.length) };
}

/** Rounds num/den to the nearest cent, halves away from zero. */
function divRound(num: bigint, den: bigint): Cents {
  const neg = num < 0n !== den < 0n;
  const n = num < 0n ? -num : num;
  const d = den < 0n ? -den : den;
  const q = (n * 2n + d) / (2n * d);
  return neg ? -q : q;
}

interface PricedLine {
  index: number;
  /** Rate x units x bilateral factor, as a fraction of cents. */
  num: bigint;
  den: bigint;
  addOn: boolean;
  reducible: boolean;
  date: string;
}

function payerSchedule(fs: FeeSchedule, payerIds: readonly string[], date: string | undefined) {
  return fs.payers.find(
    (p) =>
      (payerIds.includes(p.payerId) || (p.aliases ?? []).some((a) => payerIds.includes(a))) &&
      (date === undefined || ((p.effective ?? fs.effective) <= date && (p.until === undefined || p.until >= date))),
  );
}

/**
 * What one claim payment posts as. `allowed` is SVC03 + cost-sharing PR (PR adjustments that are not
 * denials: deductible, coinsurance, copay) + CO-253 per line, or AMT*B6 when sent; the claim's is the sum
 * of its lines less claim-level adjustments other than cost sharing and CO-253 (CLP04 + PR + CO-253
 * when there are no lines). Reversals (CLP02 22) carry the 835's negated amounts as they are and are
 * never checked for underpayment; neither are denied claims or denied lines.
 */
export function postingFor(remittance: Pick<Remittance, 'payer' | 'trace' | 'payment'>, claim: ClaimPayment, opts: PostingOptions = {}): PostingItem {
  const rules = opts.rules ?? loadDenialRules();
  const payerIds = payerIdsOf(remittance);
  const claimLevelRemarks = claimRemarks(claim);
  const allRemarks = [...new Set([...claimLevelRemarks, ...claim.serviceLines.flatMap(lineRemarks)])];
  const classifier = (remarks: readonly string[], date: string | undefined) => (a: ClaimAdjustment) =>
    classifyAdjustment({ payerId: payerIds, group: a.group, reason: a.reason, remarks, date }, rules);
  const claimDate = claim.dates?.statementPeriod?.from ?? claim.serviceLines.find((l) => l.serviceDate !== undefined)?.serviceDate;
  const warnings: string[] = [];
  const reversal = claim.status === '22';

  // Lines.
  const lineBuckets: Bucketed[] = [];
  const lineAllowed: Cents[] = [];
  const lineDenied: boolean[] = [];
  for (const l of claim.serviceLines) {
    const date = l.serviceDate ?? l.servicePeriod?.from ?? claimDate;
    const b = bucket(l.adjustments, classifier([...new Set([...lineRemarks(l), ...claimLevelRemarks])], date));
    lineBuckets.push(b);
    lineAllowed.push(l.allowed !== undefined ? cents(l.allowed) : cents(l.paid) + b.costShare + b.sequestration);
    lineDenied.push(b.denied !== 0n);
  }

  // Claim level.
  const claimBucket = bucket(claim.adjustments, classifier(allRemarks, claimDate));
  const claimLevelOther = sum(claim.adjustments.map((a) => cents(a.amount))) - claimBucket.costShare - claimBucket.sequestration;
  const allowed = claim.serviceLines.length > 0 ? sum(lineAllowed) - claimLevelOther : cents(claim.paid) + claimBucket.costShare + claimBucket.sequestration;
  const total: Bucketed = { ...claimBucket };
  for (const b of lineBuckets) for (const k of Object.keys(total) as (keyof Bucketed)[]) total[k] += b[k];

  // Fee schedule.
  let expectedByLine = new Map<number, Cents>();
  let unpriced: number[] = [];
  let underpayment: Underpayment | undefined;
  let expected: Cents | undefined;
  const fs = opts.feeSchedule;
  const priceable = !reversal && claim.status !== '4' && claim.status !== '23' && claim.status !== '25';
  if (fs !== undefined && priceable) {
    const schedule = payerSchedule(fs, payerIds, claimDate ?? remittance.payment.date);
    const priced: PricedLine[] = [];
    for (const [index, l] of claim.serviceLines.entries()) {
      if (lineDenied[index]) continue;
      const rate = schedule === undefined ? undefined : (schedule.rates.find((r) => r.procedure === l.procedureCode && r.modifier !== undefined && l.modifiers.includes(r.modifier)) ?? schedule.rates.find((r) => r.procedure === l.procedureCode && r.modifier === undefined));
      if (rate === undefined) {
        unpriced.push(index);
        continue;
      }
      const info = fs.procedures[l.procedureCode];
      const units = fraction(l.units);
      const bilateral = l.modifiers.includes('50') ? (info?.bilateralIndicator === '1' ? [3n, 2n] : info?.bilateralIndicator === '3' ? [2n, 1n] : [1n, 1n]) : [1n, 1n];
      const addOn = info?.addOn ?? false;
      const mpi = info?.multipleProcedureIndicator;
      priced.push({
        index,
        num: cents(rate.rate) * units.num * bilateral[0],
        den: units.den * bilateral[1],
        addOn,
        reducible: !addOn && mpi !== '0',
        date: l.serviceDate ?? l.servicePeriod?.from ?? claimDate ?? '',
      });
    }
    // Multiple-procedure reduction: per date of service, the highest reducible procedure at 100%, the others at 50%.
    const byDate = new Map<string, PricedLine[]>();
    for (const p of priced) if (p.reducible) byDate.set(p.date, [...(byDate.get(p.date) ?? []), p]);
    const reduced = new Set<number>();
    for (const group of byDate.values()) {
      const sorted = [...group].sort((a, b) => {
        const d = a.num * b.den - b.num * a.den;
        return d > 0n ? -1 : d < 0n ? 1 : a.index - b.index;
      });
      for (const p of sorted.slice(1)) reduced.add(p.index);
    }
    expectedByLine = new Map(priced.map((p) => [p.index, reduced.has(p.index) ? divRound(p.num, p.den * 2n) : divRound(p.num, p.den)]));
    if (priced.length > 0) {
      expected = sum([...expectedByLine.values()]);
      const pricedAllowed = sum(priced.map((p) => lineAllowed[p.index]));
      const tolerance = cents(opts.tolerance ?? schedule?.tolerance ?? fs.tolerance);
      if (expected - pricedAllowed > tolerance) underpayment = { expected: money(expected), allowed: money(pricedAllowed), difference: money(expected - pricedAllowed) };
    }
    if (schedule === undefined) unpriced = claim.serviceLines.map((_, i) => i).filter((i) => !lineDenied[i]);
  }

  const lines: PostingLine[] = claim.serviceLines.map((l: ServiceLinePayment, index) => {
    const b = lineBuckets[index];
    const exp = expectedByLine.get(index);
    const lineUnder = exp !== undefined && exp - lineAllowed[index] > 0n ? { expected: money(exp), allowed: money(lineAllowed[index]), difference: money(exp - lineAllowed[index]) } : undefined;
    return Object.freeze({
      index,
      procedureCode: l.procedureCode,
      modifiers: l.modifiers,
      units: l.units,
      ...(l.lineControlNumber === undefined ? {} : { lineControlNumber: l.lineControlNumber }),
      ...((l.serviceDate ?? l.servicePeriod?.from) === undefined ? {} : { serviceDate: l.serviceDate ?? l.servicePeriod?.from }),
      charge: money(cents(l.charge)),
      paid: money(cents(l.paid)),
      allowed: money(lineAllowed[index]),
      patientResponsibility: Object.freeze(responsibility(b)),
      contractual: money(b.contractual),
      denied: money(b.denied),
      otherAdjustments: money(b.other),
      ...(exp === undefined ? {} : { expected: money(exp) }),
      ...(lineUnder === undefined ? {} : { underpayment: Object.freeze(lineUnder) }),
    });
  });

  const pr = responsibility(total);
  if (!claimBalances(claim)) warnings.push('the claim does not balance: charge less adjustments is not the amount paid');
  if (claim.patientResponsibility !== undefined && cents(claim.patientResponsibility) !== cents(pr.total) && !reversal) warnings.push(`CLP05 patient responsibility ${claim.patientResponsibility} differs from the PR adjustments ${pr.total}`);
  if (reversal && cents(claim.charge) > 0n) warnings.push('a reversal (CLP02 22) with a positive charge: the payer should have negated the amounts');

  return Object.freeze({
    patientControlNumber: claim.patientControlNumber,
    payerClaimControlNumber: claim.payerClaimControlNumber,
    statusCode: claim.status,
    status: CLAIM_STATUS_TEXT[claim.status] ?? `claim status ${claim.status}`,
    charge: money(cents(claim.charge)),
    paid: money(cents(claim.paid)),
    allowed: money(allowed),
    patientResponsibility: Object.freeze(pr),
    ...(claim.patientResponsibility === undefined ? {} : { reportedPatientResponsibility: claim.patientResponsibility }),
    contractual: money(total.contractual),
    denied: money(total.denied),
    otherAdjustments: money(total.other),
    reversal,
    ...(expected === undefined ? {} : { expected: money(expected) }),
    ...(underpayment === undefined ? {} : { underpayment: Object.freeze(underpayment) }),
    ...(fs !== undefined && priceable && unpriced.length > 0 ? { unpricedLines: Object.freeze(unpriced) } : {}),
    lines: Object.freeze(lines),
    warnings: Object.freeze(warnings),
  });
}

/** One posting item per claim payment of a remittance. */
export function postingsFor(remittance: Remittance, opts: PostingOptions = {}): PostingItem[] {
  return remittance.claims.map((c) => postingFor(remittance, c, opts));
}

/**
 * The key that pairs a reversal with the posting it reverses: the same patientControlNumber (CLP01) and
 * payerClaimControlNumber (CLP07).
 */
export function reversalKey(item: Pick<PostingItem, 'patientControlNumber' | 'payerClaimControlNumber'>): string {
  return `${item.patientControlNumber}\u0000${item.payerClaimControlNumber}`;
}

/** Whether `reversal` exactly undoes `original`: same claim keys, every amount negated. */
export function reverses(reversal: PostingItem, original: PostingItem): boolean {
  if (!reversal.reversal || original.reversal || reversalKey(reversal) !== reversalKey(original)) return false;
  const neg = (a: Money, b: Money) => cents(a) === -cents(b);
  const pr = (a: PatientResponsibility, b: PatientResponsibility) => neg(a.deductible, b.deductible) && neg(a.coinsurance, b.coinsurance) && neg(a.copay, b.copay) && neg(a.other, b.other);
  return (
    neg(reversal.charge, original.charge) &&
    neg(reversal.paid, original.paid) &&
    neg(reversal.allowed, original.allowed) &&
    neg(reversal.contractual, original.contractual) &&
    neg(reversal.denied, original.denied) &&
    pr(reversal.patientResponsibility, original.patientResponsibility)
  );
}

/** The fields of a posting queue item (src/db/records.ts PostingQueueItemRecord) for one posting. */
export function postingQueueFields(item: PostingItem): {
  readonly patientControlNumber: string;
  readonly paidAmount: Money;
  readonly deductible: Money;
  readonly coinsurance: Money;
  readonly copay: Money;
  readonly otherPatientResponsibility: Money;
  readonly contractualAdjustment: Money;
  readonly expectedAmount: Money | null;
  readonly underpaymentAmount: Money | null;
} {
  return {
    patientControlNumber: item.patientControlNumber,
    paidAmount: item.paid,
    deductible: item.patientResponsibility.deductible,
    coinsurance: item.patientResponsibility.coinsurance,
    copay: item.patientResponsibility.copay,
    otherPatientResponsibility: item.patientResponsibility.other,
    contractualAdjustment: item.contractual,
    expectedAmount: item.expected ?? null,
    underpaymentAmount: item.underpayment?.difference ?? null,
  };
}

// ---------------------------------------------------------------------------------------------------
// Provider-level adjustments (PLB)

/** PLB03-1 adjustment reason codes (X12 element 426) in words. */
export const PROVIDER_ADJUSTMENT_REASONS: Readonly<Record<string, string>> = Object.freeze({
  '50': 'late charge',
  '51': 'interest penalty charge',
  '72': 'authorized return',
  '90': 'early payment allowance',
  AH: 'origination fee',
  AM: 'applied to borrower\'s account',
  AP: 'acceleration of benefits',
  B2: 'rebate',
  B3: 'recovery allowance',
  BD: 'bad debt adjustment',
  BN: 'bonus',
  C5: 'temporary allowance',
  CR: 'capitation interest',
  CS: 'adjustment',
  CT: 'capitation payment',
  CV: 'capital passthru',
  CW: 'certified registered nurse anesthetist passthru',
  DM: 'direct medical education passthru',
  E3: 'withholding',
  FB: 'forwarding balance',
  FC: 'fund allocation',
  GO: 'graduate medical education passthru',
  HM: 'hemophilia clotting factor supplement',
  IP: 'incentive premium payment',
  IR: 'internal revenue service withholding',
  IS: 'interim settlement',
  J1: 'nonreimbursable',
  L3: 'penalty',
  L6: 'interest owed',
  LE: 'levy',
  LS: 'lump sum',
  OA: 'organ acquisition passthru',
  OB: 'offset for affiliated providers',
  PI: 'periodic interim payment',
  PL: 'payment final',
  RA: 'retro-activity adjustment',
  RE: 'return on equity',
  SL: 'student loan repayment',
  TL: 'third party liability',
  WO: 'overpayment recovery',
  WU: 'unspecified recovery',
});

export interface ProviderAdjustmentItem {
  /** PLB01. */
  readonly provider: string;
  /** PLB02. */
  readonly fiscalPeriodEnd: string;
  /** PLB03-1. */
  readonly reasonCode: string;
  /** PLB03-1 in words: "overpayment recovery", "interest owed", ... */
  readonly reason: string;
  /** PLB03-2, e.g. the claim the adjustment is about. */
  readonly reference?: string;
  /** PLB04 as sent: positive reduces the payment, negative adds to it. */
  readonly amount: Money;
  /** What it does to the payment. */
  readonly effect: 'reduces-payment' | 'increases-payment' | 'none';
  /** "WO overpayment recovery: 150.00 withheld (reference PMC24010507)". */
  readonly description: string;
}

/** The PLB entries of a remittance as posting items, with the reason codes in words. */
export function providerAdjustmentItems(remittance: Pick<Remittance, 'providerAdjustments'>): ProviderAdjustmentItem[] {
  return remittance.providerAdjustments.map((a) => {
    const c = cents(a.amount);
    const reason = PROVIDER_ADJUSTMENT_REASONS[a.reason] ?? `provider adjustment ${a.reason}`;
    const effect = c > 0n ? 'reduces-payment' : c < 0n ? 'increases-payment' : 'none';
    const abs = money(c < 0n ? -c : c);
    const what = effect === 'reduces-payment' ? `${abs} withheld` : effect === 'increases-payment' ? `${abs} paid` : 'no amount';
    return Object.freeze({
      provider: a.provider,
      fiscalPeriodEnd: a.fiscalPeriodEnd,
      reasonCode: a.reason,
      reason,
      ...(a.reference === undefined ? {} : { reference: a.reference }),
      amount: money(c),
      effect,
      description: `${a.reason} ${reason}: ${what}${a.reference === undefined ? '' : ` (reference ${a.reference})`}`,
    });
  });
}

