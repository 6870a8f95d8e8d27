import type { DenialRootCause } from '../db/records.js';
import {
  type Benefit,
  type BenefitSummary,
  type EligibilityResponse,
  type EligibilityResponseEntry,
  type Rejection,
  benefitSummary,
  coverageActive,
  describeRejection,
  inquiryTrace,
} from '../documents/eligibility.js';

/**
 * Routing a 271: per patient answered, the inquiry it answers (the 270's TRN*2), whether coverage is
 * active, the plan and the patient's cost sharing, and — when coverage is not active or the payer could
 * not answer — a work item for the front desk. Storage-free; the words carry no names or dates of birth.
 */

/** EB01 coverage statuses that mean "not covered". */
const INACTIVE_TEXT: Readonly<Record<string, string>> = Object.freeze({
  '6': 'inactive',
  '7': 'inactive, pending eligibility update',
  '8': 'inactive, pending investigation',
});

/** DTP qualifiers that end coverage: 347 plan end, 357 eligibility end. */
const END_DATES = new Set(['347', '357']);

export interface EligibilityWorkItem {
  /** Why someone has to look: "Coverage inactive (EB01 6: inactive) ...". */
  readonly reason: string;
  /** What to do, in the front desk's words. */
  readonly action: string;
  readonly kind: 'inactive' | 'rejected' | 'no-coverage-found';
}

export interface EligibilityOutcome {
  /** The 270's TRN02 this answers (TRN*2), to link the response to its inquiry. */
  readonly traceNumber?: string;
  readonly traceOriginator?: string;
  readonly memberId?: string;
  readonly coverageActive: boolean;
  /** EB05 of the coverage status EB. */
  readonly planName?: string;
  /** EB04 (PR PPO, HM HMO, MB Medicare part B, ...). */
  readonly insuranceType?: string;
  readonly benefits: BenefitSummary;
  /** Service types (EB03) whose EB11 says prior authorization is required. */
  readonly authorizationRequiredFor: readonly string[];
  /** Every AAA that applies, in words. */
  readonly rejections: readonly string[];
  /** Set when coverage is not active or the payer could not answer. */
  readonly workItem?: EligibilityWorkItem;
}

function allBenefits(e: EligibilityResponseEntry): Benefit[] {
  return e.coverage.plan !== undefined ? [e.coverage.plan, ...e.coverage.benefits] : e.coverage.benefits;
}

function entryRejections(e: EligibilityResponseEntry): Rejection[] {
  return [...(e.subscriber.rejections ?? []), ...(e.patient?.rejections ?? []), ...allBenefits(e).flatMap((b) => b.rejections ?? [])];
}

function rejectionAction(rejections: readonly Rejection[]): string {
  const follow = new Set(rejections.map((r) => r.followUpCode));
  if (follow.has('C')) return 'Correct what the payer names (member id, name, date of birth against the card), send the 270 again, and confirm coverage before the visit.';
  if (follow.has('W') || follow.has('X') || follow.has('P') || rejections.some((r) => r.reasonCode === '42' || r.reasonCode === '80'))
    return 'The payer could not answer now: send the 270 again later, and confirm coverage by phone or portal if the visit is soon.';
  if (follow.has('N') || follow.has('S') || follow.has('Y')) return 'Do not resend: confirm coverage with the payer by phone or portal, or ask the patient for other insurance.';
  return 'Read the reason, correct the inquiry if needed and send the 270 again; confirm coverage before the visit.';
}

/** AAA03:AAA04 of each rejection, once: "AAA:72:C". */
function rejectionCodes(rejections: readonly Rejection[]): string[] {
  return [...new Set(rejections.map((r) => `AAA:${r.reasonCode}:${r.followUpCode}`))];
}

/** An outcome and the codes behind its work item (EB01 status, AAA reasons), for the work queue. */
interface Judged {
  readonly outcome: EligibilityOutcome;
  readonly codes: readonly string[];
}

function outcomeFor(e: EligibilityResponseEntry, inherited: readonly Rejection[]): EligibilityOutcome {
  return judge(e, inherited).outcome;
}

function judge(e: EligibilityResponseEntry, inherited: readonly Rejection[]): Judged {
  const trace = inquiryTrace(e);
  const active = coverageActive(e);
  const benefits = allBenefits(e);
  const rejections = [...inherited, ...entryRejections(e)];
  const words = rejections.map(describeRejection);
  const plan = e.coverage.plan;
  const inactive = benefits.find((b) => b.information in INACTIVE_TEXT);
  let workItem: EligibilityWorkItem | undefined;
  let codes: string[] = [];
  if (inactive !== undefined) {
    codes = [`EB01:${inactive.information}`];
    const ended = [...(e.patient?.dates ?? []), ...(e.subscriber.dates ?? []), ...(inactive.dates ?? [])].find((d) => END_DATES.has(d.qualifier));
    workItem = {
      kind: 'inactive',
      reason: `Coverage inactive (EB01 ${inactive.information}: ${INACTIVE_TEXT[inactive.information]})${ended === undefined ? '' : ` since ${ended.to ?? ended.from}`}${trace === undefined ? '' : ` for inquiry ${trace.number}`}.`,
      action: 'Ask the patient for current insurance and check it with a new 270, or set up self-pay before the visit; do not bill this payer for dates after coverage ended.',
    };
  } else if (rejections.length > 0) {
    codes = rejectionCodes(rejections);
    workItem = {
      kind: 'rejected',
      reason: `The payer could not answer${trace === undefined ? '' : ` inquiry ${trace.number}`}: ${words.join('; ')}.`,
      action: rejectionAction(rejections),
    };
  } else if (!active) {
    codes = ['EB01:none'];
    workItem = {
      kind: 'no-coverage-found',
      reason: `No active coverage in the 271${trace === undefined ? '' : ` for inquiry ${trace.number}`}.`,
      action: 'Confirm coverage with the payer by phone or portal, or ask the patient for other insurance, before the visit.',
    };
  }
  const authorizationRequiredFor = [...new Set(benefits.filter((b) => b.authorizationRequired === 'Y').flatMap((b) => b.serviceTypes))];
  const outcome: EligibilityOutcome = Object.freeze({
    ...(trace === undefined ? {} : { traceNumber: trace.number, traceOriginator: trace.originator }),
    ...(e.subscriber.memberId === undefined ? {} : { memberId: e.subscriber.memberId }),
    coverageActive: active,
    ...(plan?.planDescription === undefined ? {} : { planName: plan.planDescription }),
    ...(plan?.insuranceType === undefined ? {} : { insuranceType: plan.insuranceType }),
    benefits: benefitSummary(e),
    authorizationRequiredFor: Object.freeze(authorizationRequiredFor),
    rejections: Object.freeze(words),
    ...(workItem === undefined ? {} : { workItem: Object.freeze(workItem) }),
  });
  return { outcome, codes: Object.freeze(codes) };
}

/**
 * One outcome per patient the 271 answers. When the payer rejected the whole inquiry (AAA at the
 * information source or receiver level, no patients answered), one outcome without a trace carries the
 * work item.
 */
export function eligibilityOutcomes(r: EligibilityResponse): EligibilityOutcome[] {
  return judgeAll(r).map((j) => j.outcome);
}

function judgeAll(r: EligibilityResponse): Judged[] {
  const inherited = [...(r.rejections ?? []), ...(r.informationSource.rejections ?? []), ...(r.informationReceiver?.rejections ?? [])];
  if (r.responses.length === 0) {
    const words = inherited.map(describeRejection);
    return [
      {
        outcome: Object.freeze({
          coverageActive: false,
          benefits: {},
          authorizationRequiredFor: [],
          rejections: Object.freeze(words),
          workItem: Object.freeze(
            inherited.length > 0
              ? { kind: 'rejected' as const, reason: `The payer could not answer the inquiry: ${words.join('; ')}.`, action: rejectionAction(inherited) }
              : { kind: 'no-coverage-found' as const, reason: 'The 271 answers no patient.', action: 'Confirm coverage with the payer by phone or portal before the visit.' },
          ),
        }),
        codes: Object.freeze(inherited.length > 0 ? rejectionCodes(inherited) : ['EB01:none']),
      },
    ];
  }
  return r.responses.map((e) => judge(e, inherited));
}

/**
 * A 271 work item as a denial queue item (src/db/records.ts DenialQueueItemRecord): there is no claim yet,
 * so the root cause is eligibility whatever the kind (coverage ended, the payer could not answer, no
 * coverage found), and the codes are EB01 ("EB01:6") or AAA03:AAA04 ("AAA:72:C").
 */
export interface EligibilityQueueFields {
  readonly source: '271';
  readonly rootCause: DenialRootCause;
  readonly action: string;
  readonly reasonCodes: readonly string[];
  readonly description: string;
}

/** Per outcome (in the order of eligibilityOutcomes), its work queue item when it has a work item. */
export function eligibilityWorkQueue(r: EligibilityResponse): { readonly outcome: EligibilityOutcome; readonly item?: EligibilityQueueFields }[] {
  return judgeAll(r).map(({ outcome, codes }) => {
    const w = outcome.workItem;
    if (w === undefined) return { outcome };
    return { outcome, item: Object.freeze({ source: '271' as const, rootCause: 'eligibility' as const, action: w.action, reasonCodes: codes, description: w.reason }) };
  });
}

/** The work item for one answered patient, if coverage is not active or the payer could not answer. */
export function eligibilityWorkItem(e: EligibilityResponseEntry): EligibilityWorkItem | undefined {
  return outcomeFor(e, []).workItem;
}
