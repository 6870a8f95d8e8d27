import type { DenialRootCause } from '../db/records.js';
import {
  type AcknowledgedClaim,
  type AcknowledgedProvider,
  type ClaimAcknowledgment,
  type InformationReceiver,
  type StatusCode,
  claimAccepted,
  claimRejected,
  describeStatus,
} from '../documents/claim-acknowledgment.js';

/**
 * Routing a 277CA: for each claim, whether it got into the payer's system (A1 received, A2 accepted into
 * adjudication) or was rejected at the front door (A3, A4, A6, A7, A8), the status codes in words, and
 * what to fix. A rejected claim never reaches an 835: it is corrected and sent again as a NEW claim
 * (frequency 1), not as a replacement. The batch (information receiver) and a billing provider can be
 * rejected as a whole, too. Storage-free.
 */

const REJECTED: ReadonlySet<string> = new Set(['A3', 'A4', 'A6', 'A7', 'A8']);
const ACCEPTED: ReadonlySet<string> = new Set(['A1', 'A2']);

/** Entity codes (STC01-3) as a suggested fix names them. */
const ENTITY_WORDS: Readonly<Record<string, string>> = Object.freeze({
  '03': 'dependent',
  '1P': 'provider',
  '40': 'receiver',
  '41': 'submitter',
  '71': 'attending physician',
  '77': 'service location',
  '82': 'rendering provider',
  '85': 'billing provider',
  '87': 'pay-to provider',
  DK: 'ordering provider',
  DN: 'referring provider',
  DQ: 'supervising provider',
  FA: 'facility',
  GB: 'other insured',
  HK: 'subscriber',
  IL: 'subscriber',
  PR: 'payer',
  QC: 'patient',
});

const NEW_CLAIM = 'resend as a new claim (frequency 1)';

/**
 * Suggested fixes by claim status code (X12 code source 508). {entity} is the entity of the status, in
 * words ("the rendering provider"); {new} is the resend instruction.
 */
const FIXES: Readonly<Record<string, string>> = (() => {
  const t: Record<string, string> = {};
  const set = (codes: string[], fix: string) => {
    for (const c of codes) t[c] = fix;
  };
  set(['164', '29', '30', '32', '33', '733'], 'Check the member id against the card and the 271, correct it and {new}.');
  set(['125', '504', '505', '514', '754', '31', '34'], "Check {entity}'s name against the card and the 271 (spelling, order, suffix), correct it and {new}.");
  set(['158'], "Check {entity}'s date of birth against the card and the 271, correct it and {new}.");
  set(['157'], "Check {entity}'s sex against the card and the 271, correct it and {new}.");
  set(['156', '173'], "Check the patient's relationship to the subscriber (and whether the patient is the subscriber), correct it and {new}.");
  set(['26', '88', '90', '91', '97', '109'], 'Run a 271 for the date of service: if the patient had no coverage with this payer, bill the right payer or the patient; otherwise correct the member data and {new}.');
  set(['116', '487'], 'Send the claim to the correct payer (check the card, the 271 and the payer id in loop 2010BB) as a new claim (frequency 1).');
  set(['562'], "Check {entity}'s NPI in NPPES and that the payer has it on file (enrollment), correct it and {new}.");
  set(['743', '491'], 'The payer has no enrollment or credentialing on file for {entity}: finish the enrollment (or bill under an enrolled provider), then {new}.');
  set(['145'], "Check {entity}'s taxonomy code (PRV) against NPPES and the payer's enrollment, correct it and {new}.");
  set(['128'], "Check {entity}'s tax id (REF*EI) against the payer's enrollment, correct it and {new}.");
  set(['124', '126', '127'], "Check {entity}'s name, address and ids against the payer's enrollment, correct them and {new}.");
  set(['400'], 'The claim total does not equal the sum of its line charges: fix the charges and {new}.');
  set(['453'], 'Fix the procedure modifier(s) (50/RT/LT/26/KX/XS) and {new}.');
  set(['454', '490', '507', '796', '666'], 'Use a procedure code valid on the date of service, correct it and {new}.');
  set(['474', '475', '86', '678'], "The code does not fit the patient's age or sex: check the date of birth and sex on the claim and the code, correct them and {new}.");
  set(['254', '255', '488', '772', '808', '232'], 'Fix the diagnosis code(s): valid ICD-10-CM for the date of service, coded to the highest specificity, no decimal point; then {new}.');
  set(['477'], 'Fix the diagnosis pointers on the lines (at most 4, each pointing at a diagnosis on the claim) and {new}.');
  set(['249'], 'Fix the place of service and {new}.');
  set(['187', '768'], 'Fix the date(s) of service and {new}.');
  set(['258', '476', '522'], 'Fix the units of service and {new}.');
  set(['252', '84', '674'], 'Put the prior authorization number on the claim (REF*G1), or get the authorization first, and {new}.');
  set(['535'], 'Fix the claim frequency code: 1 for a claim the payer never accepted; 7/8 only with the payer\'s original claim number (REF*F8). Then {new}.');
  set(['464', '495'], 'Check the payer claim number in REF*F8 (the one from the 835 or 277CA of the original claim), correct it and resend.');
  set(['286', '479', '672', '795', '742'], 'Fix the other payer information (loops 2320/2330: the primary payer id, its paid amount and adjustments, which must balance) and {new}.');
  set(['746', '54', '78', '770'], 'The payer already has this: look for the earlier submission and its 277CA; if it was received, do nothing; otherwise {new}.');
  set(['684'], 'Rejected for syntax: read the 999 for this file, fix the errors it names and {new}.');
  return Object.freeze(t);
})();

/** What to do by status category when the status code has no specific fix. */
const CATEGORY_FIXES: Readonly<Record<string, string>> = Object.freeze({
  A3: 'Returned as unprocessable: correct what the status names and {new}; it was never entered, so do not send a replacement (7).',
  A4: 'The payer cannot find the claim: check it went to this payer, then {new}.',
  A6: 'Add the missing information the status names and {new}.',
  A7: 'Correct the invalid information the status names and {new}.',
  A8: 'Two fields on the claim contradict each other (the status names them): make them agree and {new}.',
});

function entityWords(entity: string | undefined): string {
  const w = entity === undefined ? undefined : ENTITY_WORDS[entity];
  return w === undefined ? (entity === undefined ? 'the entity named' : `entity ${entity}`) : `the ${w}`;
}

function codeOf(s: StatusCode): string {
  return [s.category, s.status, ...(s.entity === undefined ? [] : [s.entity])].join(':');
}

type FullStatus = StatusCode & { readonly additional?: readonly StatusCode[]; readonly message?: string };

function flatten(statuses: readonly FullStatus[]): StatusCode[] {
  return statuses.flatMap((s) => [s, ...(s.additional ?? [])]);
}

/** The suggested fix for a set of statuses: the specific fixes of their status codes, else their category's. */
export function suggestedFix(statuses: readonly FullStatus[]): string | undefined {
  const all = flatten(statuses).filter((s) => REJECTED.has(s.category));
  if (all.length === 0) return undefined;
  const fixes: string[] = [];
  for (const s of all) {
    const f = FIXES[s.status];
    if (f !== undefined) fixes.push(f.replaceAll('{entity}', entityWords(s.entity)).replaceAll('{new}', NEW_CLAIM));
  }
  if (fixes.length === 0) {
    for (const s of all) {
      const f = CATEGORY_FIXES[s.category];
      if (f !== undefined) fixes.push(f.replaceAll('{new}', NEW_CLAIM));
    }
  }
  const text = [...new Set(fixes)].map((f) => f.charAt(0).toUpperCase() + f.slice(1));
  return text.join(' ');
}

export type Verdict = 'accepted' | 'rejected' | 'other';

function verdictOf(statuses: readonly FullStatus[]): Verdict {
  const cats = flatten(statuses).map((s) => s.category);
  if (cats.some((c) => REJECTED.has(c))) return 'rejected';
  if (cats.length > 0 && cats.every((c) => ACCEPTED.has(c))) return 'accepted';
  return 'other';
}

export interface StatusOutcome {
  readonly verdict: Verdict;
  /** "A7:164:IL", secondary statuses (STC10/11) included. */
  readonly statusCodes: readonly string[];
  /** describeStatus of each STC, joined with " | ". */
  readonly description: string;
  /** For a rejection: what to fix and how to resend. */
  readonly fix?: string;
}

function outcomeOf(statuses: readonly FullStatus[]): StatusOutcome {
  const verdict = verdictOf(statuses);
  const fix = verdict === 'rejected' ? suggestedFix(statuses) : undefined;
  return {
    verdict,
    statusCodes: [...new Set(flatten(statuses).map(codeOf))],
    description: statuses.map((s) => describeStatus(s)).join(' | '),
    ...(fix === undefined ? {} : { fix }),
  };
}

export interface LineStatusOutcome extends StatusOutcome {
  readonly procedureCode: string;
  readonly modifiers: readonly string[];
  readonly charge: string;
  /** The line item control number sent (REF*FJ = the 837's REF*6R). */
  readonly lineControlNumber?: string;
}

export interface ClaimStatusOutcome extends StatusOutcome {
  /** CLM01 (TRN02). */
  readonly patientControlNumber: string;
  /** REF*1K, usually only on accepted claims. */
  readonly payerClaimNumber?: string;
  /** REF*D9. */
  readonly clearinghouseTraceNumber?: string;
  /** A2 present: accepted into adjudication (A1 alone is only "received"). */
  readonly acceptedIntoAdjudication: boolean;
  /** STC04 of the first status: the claim's charge as submitted. */
  readonly charge: string;
  readonly serviceDate: { readonly from: string; readonly to?: string };
  /** The billing provider the claim was filed under (NM1*85 id). */
  readonly billingProviderId: string;
  /** Lines with their own (rejection) status. */
  readonly lines: readonly LineStatusOutcome[];
}

export interface ProviderStatusOutcome extends StatusOutcome {
  readonly providerId: string;
  readonly providerIdQualifier: string;
  readonly name: string;
  readonly trace?: string;
  readonly claimCount: number;
}

export interface ReceiverStatusOutcome extends StatusOutcome {
  /** The batch number the submitter gave (the 837's BHT03): every claim of that batch shares this verdict when it is rejected. */
  readonly batchTrace: string;
  readonly submitterId: string;
  readonly charge: string;
  readonly acceptedQuantity?: string;
  readonly rejectedQuantity?: string;
}

export interface ClaimAcknowledgmentRouting {
  /** BHT03. */
  readonly reference: string;
  /** The payer or clearinghouse that answered (NM1*PR / NM1*AY id). */
  readonly sourceId: string;
  readonly sourceName: string;
  readonly receivers: readonly ReceiverStatusOutcome[];
  /** Billing providers with a provider-level status. */
  readonly providers: readonly ProviderStatusOutcome[];
  readonly claims: readonly ClaimStatusOutcome[];
}

function claimOutcome(c: AcknowledgedClaim, provider: AcknowledgedProvider): ClaimStatusOutcome {
  const o = outcomeOf(c.statuses);
  const lines: LineStatusOutcome[] = (c.serviceLines ?? []).map((l) => ({
    ...outcomeOf([l.status]),
    procedureCode: l.procedureCode,
    modifiers: l.modifiers,
    charge: l.charge,
    ...(l.lineControlNumber === undefined ? {} : { lineControlNumber: l.lineControlNumber }),
  }));
  return Object.freeze({
    ...o,
    patientControlNumber: c.patientControlNumber,
    ...(c.payerClaimNumber === undefined ? {} : { payerClaimNumber: c.payerClaimNumber }),
    ...(c.clearinghouseTraceNumber === undefined ? {} : { clearinghouseTraceNumber: c.clearinghouseTraceNumber }),
    acceptedIntoAdjudication: claimAccepted(c) && c.statuses.some((s) => s.category === 'A2' || (s.additional ?? []).some((a) => a.category === 'A2')),
    charge: c.statuses[0].charge,
    serviceDate: c.serviceDate,
    billingProviderId: provider.name.id,
    lines: Object.freeze(lines),
  });
}

function receiverOutcome(r: InformationReceiver): ReceiverStatusOutcome {
  return Object.freeze({
    ...outcomeOf(r.statuses),
    batchTrace: r.trace,
    submitterId: r.name.id,
    charge: r.statuses[0].charge,
    ...(r.acceptedQuantity === undefined ? {} : { acceptedQuantity: r.acceptedQuantity }),
    ...(r.rejectedQuantity === undefined ? {} : { rejectedQuantity: r.rejectedQuantity }),
  });
}

/** Every claim, provider and batch verdict of a 277CA, in file order (further information sources included). */
export function routeClaimAcknowledgment(ack: ClaimAcknowledgment): ClaimAcknowledgmentRouting {
  const blocks = [ack, ...(ack.additionalSources ?? [])];
  const receivers: ReceiverStatusOutcome[] = [];
  const providers: ProviderStatusOutcome[] = [];
  const claims: ClaimStatusOutcome[] = [];
  for (const b of blocks) {
    receivers.push(receiverOutcome(b.informationReceiver));
    for (const p of b.providers) {
      if (p.statuses !== undefined && p.statuses.length > 0) {
        providers.push(
          Object.freeze({
            ...outcomeOf(p.statuses),
            providerId: p.name.id,
            providerIdQualifier: p.name.idQualifier,
            name: p.name.last,
            ...(p.trace === undefined ? {} : { trace: p.trace }),
            claimCount: p.claims.length,
          }),
        );
      }
      for (const c of p.claims) claims.push(claimOutcome(c, p));
    }
  }
  return Object.freeze({
    reference: ack.transaction.reference,
    sourceId: ack.informationSource.name.id,
    sourceName: ack.informationSource.name.last,
    receivers: Object.freeze(receivers),
    providers: Object.freeze(providers),
    claims: Object.freeze(claims),
  });
}

/** Whether the claim should go to the denial queue (claimRejected from the documents, for the record). */
export function isFrontEndRejection(c: Pick<AcknowledgedClaim, 'statuses'>): boolean {
  return claimRejected(c);
}

/** The fields of a denial queue item (src/db/records.ts DenialQueueItemRecord) for a rejected claim. */
export function claimRejectionFields(o: ClaimStatusOutcome): {
  readonly patientControlNumber: string;
  readonly source: '277CA';
  readonly rootCause: DenialRootCause;
  readonly action: string;
  readonly reasonCodes: readonly string[];
  readonly description: string;
  readonly amount: string;
} {
  return {
    patientControlNumber: o.patientControlNumber,
    source: '277CA',
    rootCause: 'front_end_rejection',
    action: o.fix ?? 'Read the status and resend the claim as a new claim (frequency 1).',
    reasonCodes: o.statusCodes,
    description: o.description,
    amount: o.charge,
  };
}
