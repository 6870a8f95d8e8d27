import type { DenialRootCause, AuthorizationStatus as StoredAuthorizationStatus } from '../db/records.js';
import { type AuthorizationResponse, type AuthorizationStatus, authorizationRejections, authorizationStatus, certifiedPeriod } from '../documents/authorization.js';
import type { Rejection } from '../documents/eligibility.js';

/**
 * Routing a 278 response: the authorization as it is stored (status, certification number, the period it
 * covers) and linked to its request (the requester's TRN*2 and the BHT03 reference). Storage-free.
 */

/** HCR01 -> the stored status (src/db/records.ts AUTHORIZATION_STATUSES). */
const STORED: Readonly<Record<string, StoredAuthorizationStatus>> = Object.freeze({
  A1: 'approved',
  A2: 'modified',
  A3: 'denied',
  A4: 'pended',
  A6: 'modified',
  C: 'cancelled',
  CT: 'pended',
  NA: 'not_required',
});

/** The words authorizationStatus gives -> the stored status. */
const STORED_BY_WORDS: Readonly<Record<AuthorizationStatus, StoredAuthorizationStatus>> = Object.freeze({
  certified: 'approved',
  'partially certified': 'modified',
  'not certified': 'denied',
  pended: 'pended',
  modified: 'modified',
  cancelled: 'cancelled',
  'contact payer': 'pended',
  'no action required': 'not_required',
});

export interface AuthorizedService {
  readonly procedureCode?: string;
  readonly modifiers: readonly string[];
  /** HCR01 of the service. */
  readonly actionCode?: string;
  readonly decision?: AuthorizationStatus;
  readonly certificationNumber?: string;
  readonly units?: string;
  readonly from?: string;
  readonly to?: string;
}

export interface AuthorizationSummary {
  readonly status: StoredAuthorizationStatus;
  /** The decision in words ("certified", "not certified", ...); "rejected" when the request was refused before review (AAA). */
  readonly decision: AuthorizationStatus | 'rejected';
  /** HCR01 of the event, or of the first service. */
  readonly reviewDecisionCode: string | null;
  /** HCR02: the number to put on the claim (REF*G1). */
  readonly certificationNumber: string | null;
  /** HCR03 (e.g. 0F not medically necessary). */
  readonly reasonCode: string | null;
  readonly effectiveFrom: string | null;
  readonly effectiveTo: string | null;
  /** The requester's trace returned (event TRN*2), to link the response to its request. */
  readonly traceNumber: string | null;
  /** BHT03: the request's reference returned. */
  readonly reference: string;
  readonly memberId: string | null;
  readonly services: readonly AuthorizedService[];
  /** AAA rejections in words. */
  readonly rejections: readonly string[];
  /** "Certified AHP2402280417, 2024-03-01 to 2024-05-31" — one line for a work list. */
  readonly description: string;
}

/** The authorization record summary of a 278 response, ready to store. */
export function authorizationSummary(r: AuthorizationResponse): AuthorizationSummary {
  const words = authorizationStatus(r);
  const rejections = authorizationRejections(r);
  const firstService = r.services.find((s) => s.action !== undefined);
  const actionCode = r.event?.action ?? firstService?.action ?? null;
  const certificationNumber = r.event?.certificationNumber ?? r.services.find((s) => s.certificationNumber !== undefined)?.certificationNumber ?? null;
  const reasonCode = r.event?.reason ?? firstService?.reason ?? null;
  const period = certifiedPeriod(r);
  const status: StoredAuthorizationStatus = words !== undefined ? STORED_BY_WORDS[words] : actionCode !== null ? (STORED[actionCode] ?? 'pended') : 'denied';
  const decision = words ?? 'rejected';
  const trace = r.event?.traces.find((t) => t.type === '2');
  const services: AuthorizedService[] = r.services.map((s) =>
    Object.freeze({
      ...(s.procedureCode === undefined ? {} : { procedureCode: s.procedureCode }),
      modifiers: s.modifiers ?? [],
      ...(s.action === undefined ? {} : { actionCode: s.action }),
      ...(s.action === undefined ? {} : { decision: authorizationStatus({ ...r, event: undefined, services: [s] }) }),
      ...(s.certificationNumber === undefined ? {} : { certificationNumber: s.certificationNumber }),
      ...(s.units === undefined ? {} : { units: s.units }),
      ...(s.serviceDate === undefined ? {} : { from: s.serviceDate.from, ...(s.serviceDate.to === undefined ? {} : { to: s.serviceDate.to }) }),
    }),
  );
  const range = period === undefined ? '' : `, ${period.from}${period.to === undefined || period.to === period.from ? '' : ` to ${period.to}`}`;
  const head = decision.charAt(0).toUpperCase() + decision.slice(1);
  const description =
    decision === 'rejected'
      ? `Request rejected before review: ${rejections.join('; ') || 'no reason given'}`
      : `${head}${certificationNumber === null ? '' : ` ${certificationNumber}`}${range}${reasonCode === null ? '' : ` (reason ${reasonCode})`}`;
  return Object.freeze({
    status,
    decision,
    reviewDecisionCode: actionCode,
    certificationNumber,
    reasonCode,
    effectiveFrom: period?.from ?? null,
    effectiveTo: period?.to ?? period?.from ?? null,
    traceNumber: trace?.number ?? null,
    reference: r.transaction.reference,
    memberId: r.subscriber?.memberId ?? null,
    services: Object.freeze(services),
    rejections: Object.freeze(rejections),
    description,
  });
}

/**
 * A 278 that was not certified, as a denial queue item (src/db/records.ts DenialQueueItemRecord): there is
 * no claim yet, the root cause is the authorization, and the codes are the decision (HCR01:HCR03, "HCR:A3:0F")
 * or, for a request refused before review, the AAA reasons ("AAA:75:C").
 */
export interface AuthorizationQueueFields {
  readonly source: '278';
  readonly rootCause: DenialRootCause;
  readonly action: string;
  readonly reasonCodes: readonly string[];
  readonly description: string;
}

/** Every AAA of a response, the levels authorizationRejections reads. */
function rejectionsOf(r: AuthorizationResponse): Rejection[] {
  const lists = [r.rejections, r.umo.rejections, r.requester?.rejections, r.subscriber?.rejections, r.patient?.rejections, r.event?.rejections, ...(r.event?.providers ?? []).map((p) => p.rejections)];
  for (const s of r.services) lists.push(s.rejections, ...(s.providers ?? []).map((p) => p.rejections));
  return lists.flatMap((l) => l ?? []);
}

const HOLD = 'Do not perform the service until it is certified, unless the patient agrees in writing to pay for it.';

/** The work item for a denied authorization (not certified, or refused before review); none otherwise. */
export function authorizationWorkItem(r: AuthorizationResponse, summary: AuthorizationSummary = authorizationSummary(r)): AuthorizationQueueFields | undefined {
  if (summary.status !== 'denied') return undefined;
  const forRequest = summary.traceNumber === null ? '' : `, for request ${summary.traceNumber}`;
  if (summary.decision === 'rejected') {
    const rejections = rejectionsOf(r);
    const follow = new Set(rejections.map((x) => x.followUpCode));
    const action = follow.has('N')
      ? `Do not resend: call the payer's utilization management line about the request and ask how to obtain the authorization. ${HOLD}`
      : follow.has('W') || follow.has('X') || follow.has('P') || follow.has('R')
        ? `The payer could not review it now: send the 278 again later, or request the authorization by phone or portal if the service is soon. ${HOLD}`
        : `Correct what the payer names (member id, name, date of birth against the card, provider ids) and send the 278 again. ${HOLD}`;
    return Object.freeze({
      source: '278' as const,
      rootCause: 'authorization' as const,
      action,
      reasonCodes: Object.freeze([...new Set(rejections.map((x) => `AAA:${x.reasonCode}:${x.followUpCode}`))]),
      description: `${summary.description}${forRequest}.`,
    });
  }
  const code = `HCR:${summary.reviewDecisionCode ?? 'A3'}${summary.reasonCode === null ? '' : `:${summary.reasonCode}`}`;
  return Object.freeze({
    source: '278' as const,
    rootCause: 'authorization' as const,
    action: `Ask the payer for a peer-to-peer review between the ordering physician and its reviewer, or appeal with the notes, imaging and treatment history that show medical necessity; or send a new 278 with that documentation. ${HOLD}`,
    reasonCodes: Object.freeze([code]),
    description: `${summary.description}${forRequest}.`,
  });
}
