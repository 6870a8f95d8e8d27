import type { Id, SqlUnit } from '../db/index.js';
import { buildAcknowledgments } from '../acks/ack999.js';
import type { AuthorizationResponse } from '../documents/authorization.js';
import type { ClaimAcknowledgment } from '../documents/claim-acknowledgment.js';
import { type Envelope, writeDocuments } from '../documents/convert.js';
import type { EligibilityResponse } from '../documents/eligibility.js';
import type { ImplementationAcknowledgment } from '../documents/implementation-acknowledgment.js';
import { documentRegistry } from '../documents/index.js';
import type { Claim, ProfessionalClaim } from '../documents/professional-claim.js';
import { routeImplementationAcknowledgment, setRejectionFields } from '../routing/acknowledgment.js';
import { authorizationSummary, authorizationWorkItem } from '../routing/authorization.js';
import { claimRejectionFields, routeClaimAcknowledgment } from '../routing/claim-status.js';
import type { DenialRules } from '../routing/denial-taxonomy.js';
import { eligibilityWorkQueue } from '../routing/eligibility.js';
import type { FeeSchedule } from '../routing/posting.js';
import type { FileValidation } from '../validation/validator.js';
import { claimsByPcn, pickClaim, setClaimStatus } from './claim-match.js';
import { textOrNull } from './columns.js';
import type { ReadSet } from './read.js';
import { DENIAL_COLUMNS, EVENT_COLUMNS } from './remittance-load.js';
import { recordOutboundEnvelopes } from './envelopes.js';
import { serviceDates, storeClaims } from './send.js';

/** What every route gets: the transaction, the file, the partner, and the routing options. */
export interface RouteContext {
  readonly sql: SqlUnit;
  readonly fileId: Id;
  readonly partnerId: Id | null;
  readonly now: Date;
  readonly feeSchedule?: FeeSchedule;
  readonly rules?: DenialRules;
}

export interface SetOutcome {
  readonly status: 'routed' | 'rejected' | 'duplicate' | 'stored';
  readonly claims: number;
  readonly postings: number;
  readonly denials: number;
  readonly workItems: number;
  readonly note?: string;
}


// ---------------------------------------------------------------------------------------------------
// 277CA

export async function route277(ctx: RouteContext, ack: ClaimAcknowledgment, setId: Id | null): Promise<SetOutcome> {
  const { sql } = ctx;
  const routed = routeClaimAcknowledgment(ack);
  const known = await claimsByPcn(sql, routed.claims.map((c) => c.patientControlNumber));
  const events: unknown[][] = [];
  const denialRows: unknown[][] = [];
  const updates: { id: Id; status: string; payerClaimNumber?: string | null }[] = [];
  for (const o of routed.claims) {
    const claimId = pickClaim(known, o.patientControlNumber, o.payerClaimNumber);
    const [category, status, entity] = (o.statusCodes[0] ?? '').split(':');
    const kind = o.verdict === 'accepted' ? 'accepted' : o.verdict === 'rejected' ? 'rejected' : 'info';
    events.push([claimId, '277CA', kind, textOrNull(category, 30), textOrNull(status, 30), textOrNull(entity, 3), o.description, ctx.fileId, setId]);
    if (claimId !== null && o.verdict !== 'other') updates.push({ id: claimId, status: o.verdict, payerClaimNumber: o.payerClaimNumber ?? null });
    if (o.verdict === 'rejected') {
      const f = claimRejectionFields(o);
      denialRows.push([claimId, null, null, f.patientControlNumber.slice(0, 38), f.source, f.rootCause, f.action, f.reasonCodes, f.description, f.amount, 'open']);
    }
  }
  await sql.insert('claim_status_event', [...EVENT_COLUMNS], events);
  await sql.insert('denial_queue_item', [...DENIAL_COLUMNS], denialRows);
  await setClaimStatus(sql, updates);
  return { status: 'routed', claims: routed.claims.length, postings: 0, denials: denialRows.length, workItems: 0 };
}

// ---------------------------------------------------------------------------------------------------
// 999

const SET_STATUS = { accepted: 'accepted', 'accepted-with-errors': 'accepted_with_errors', rejected: 'rejected' } as const;

export async function route999(ctx: RouteContext, ack: ImplementationAcknowledgment, setId: Id | null): Promise<SetOutcome> {
  const { sql } = ctx;
  const o = routeImplementationAcknowledgment(ack);
  const groupStatus = o.verdict === 'partially-accepted' ? 'partially_accepted' : SET_STATUS[o.verdict];
  // The outbound group it answers, by GS01 and GS06 (control numbers compared as numbers). Each partner has
  // its own counters, so two partners can have a group with the same GS06: the one sent to the partner this
  // 999 came from wins, then the latest.
  const [group] = await sql.query<{ id: string }>(
    `select g.id from functional_group g join interchange i on i.id = g.interchange_id
     where i.direction = 'outbound' and g.functional_id = ? and ltrim(g.control_number, '0') = ltrim(?, '0')
     order by (i.partner_id is not distinct from ?::bigint) desc, g.id desc limit 1`,
    [o.functionalId, o.groupControl, ctx.partnerId],
  );
  const groupId = group === undefined ? null : BigInt(group.id);
  if (groupId !== null) await sql.query(`update functional_group set status = ?, ack_code = ?, updated_at = now() where id = ?`, [groupStatus, o.code.slice(0, 1), groupId]);
  const events: unknown[][] = [];
  const denialRows: unknown[][] = [];
  const updates: { id: Id; status: string }[] = [];
  let claims = 0;
  for (const set of o.sets) {
    let matchedSet: Id | null = null;
    if (groupId !== null) {
      const [row] = await sql.query<{ id: string }>(`select id from transaction_set where group_id = ? and ltrim(control_number, '0') = ltrim(?, '0') order by id desc limit 1`, [groupId, set.control]);
      if (row !== undefined) {
        matchedSet = BigInt(row.id);
        await sql.query(`update transaction_set set status = ?, ack_code = ?, updated_at = now() where id = ?`, [SET_STATUS[set.verdict], set.code.slice(0, 1), matchedSet]);
      }
    }
    // The set's claims: those stored with the matched set, and those the errors name (CTX CLM01).
    const ofSet = matchedSet === null ? [] : await sql.query<{ id: string; patient_control_number: string }>(`select id, patient_control_number from claim where transaction_set_id = ?`, [matchedSet]);
    const named = await claimsByPcn(sql, set.claims);
    const targets = new Map<string, Id | null>();
    for (const c of ofSet) targets.set(c.patient_control_number, BigInt(c.id));
    for (const pcn of set.claims) if (!targets.has(pcn)) targets.set(pcn, pickClaim(named, pcn));
    claims += targets.size;
    const kind = set.verdict === 'accepted' ? 'accepted' : set.verdict === 'accepted-with-errors' ? 'accepted_with_errors' : 'rejected';
    for (const [pcn, claimId] of targets) {
      if (claimId !== null) {
        events.push([claimId, '999', kind, set.code, null, null, set.verdict === 'rejected' ? `set ${set.control} rejected` : `set ${set.control} ${set.verdict}`, ctx.fileId, setId]);
        if (set.verdict === 'rejected') updates.push({ id: claimId, status: 'rejected' });
      }
      if (set.verdict === 'rejected') {
        const f = setRejectionFields(set, pcn);
        denialRows.push([claimId, null, null, pcn.slice(0, 38), f.source, f.rootCause, f.action, f.reasonCodes, f.description, null, 'open']);
      }
    }
  }
  await sql.insert('claim_status_event', [...EVENT_COLUMNS], events);
  await sql.insert('denial_queue_item', [...DENIAL_COLUMNS], denialRows);
  await setClaimStatus(sql, updates);
  return { status: 'routed', claims, postings: 0, denials: denialRows.length, workItems: 0, note: groupId === null ? `no outbound group ${o.groupControl} on record` : undefined };
}

// ---------------------------------------------------------------------------------------------------
// 271

/**
 * A work item from a 271 or 278 has no claim, but the queue's patient_control_number column is not null:
 * it holds the identifier the practice gave the request (route271 and route278 say which).
 */
const WORK_ITEM_COLUMNS = ['patient_control_number', 'source', 'root_cause', 'action', 'reason_codes', 'description', 'status'] as const;

export async function route271(ctx: RouteContext, r: EligibilityResponse, setId: Id | null): Promise<SetOutcome> {
  const { sql } = ctx;
  const items: unknown[][] = [];
  for (const { outcome: o, item } of eligibilityWorkQueue(r)) {
    let check: { id: Id; memberId: string | null } | null = null;
    if (o.traceNumber !== undefined) {
      const [row] = await sql.query<{ id: string; member_id: string | null }>(`select id, member_id from eligibility_check where trace_number = ? order by id desc limit 1`, [o.traceNumber.slice(0, 50)]);
      if (row !== undefined) {
        check = { id: BigInt(row.id), memberId: row.member_id };
        await sql.query(`update eligibility_check set status = 'answered', updated_at = now() where id = ?`, [check.id]);
      }
    }
    await sql.query(
      `insert into eligibility_response (check_id, file_id, transaction_set_id, trace_number, coverage_active, plan_name, detail) values (?, ?, ?, ?, ?, ?, ?::jsonb)`,
      [check?.id ?? null, ctx.fileId, setId, textOrNull(o.traceNumber, 50), o.coverageActive, textOrNull(o.planName, 80), JSON.stringify(o)],
    );
    if (item !== undefined) {
      // The inquiry's TRN02 is what the practice (or x12d's 270) used to ask, and what eligibility_check and
      // eligibility_response are found by; without one, the member id on the card; else the 271 file itself.
      const identifier = o.traceNumber ?? o.memberId ?? check?.memberId ?? `271 file ${ctx.fileId}`;
      items.push([identifier.slice(0, 38), item.source, item.rootCause, item.action, item.reasonCodes, item.description, 'open']);
    }
  }
  await sql.insert('denial_queue_item', [...WORK_ITEM_COLUMNS], items);
  return { status: 'routed', claims: 0, postings: 0, denials: 0, workItems: items.length };
}

// ---------------------------------------------------------------------------------------------------
// 278 response

export async function route278(ctx: RouteContext, r: AuthorizationResponse, setId: Id | null): Promise<SetOutcome> {
  void setId;
  const { sql } = ctx;
  const a = authorizationSummary(r);
  const detail = JSON.stringify({ decision: a.decision, reasonCode: a.reasonCode, reference: a.reference, services: a.services, rejections: a.rejections, description: a.description });
  const values = [a.status, textOrNull(a.reviewDecisionCode, 2), textOrNull(a.certificationNumber, 50), a.effectiveFrom, a.effectiveTo, detail, ctx.fileId];
  const [request] =
    a.traceNumber === null
      ? []
      : await sql.query<{ id: string; patient_control_number: string | null }>(
          `select id, patient_control_number from prior_authorization where trace_number = ? and response_file_id is null order by id desc limit 1`,
          [a.traceNumber.slice(0, 50)],
        );
  if (request !== undefined) {
    await sql.query(
      `update prior_authorization set status = ?, review_decision_code = ?, certification_number = ?, effective_from = ?::date, effective_to = ?::date, detail = ?::jsonb, response_file_id = ?, updated_at = now() where id = ?`,
      [...values, BigInt(request.id)],
    );
  } else {
    await sql.query(
      `insert into prior_authorization (status, review_decision_code, certification_number, effective_from, effective_to, detail, response_file_id, partner_id, trace_number)
       values (?, ?, ?, ?::date, ?::date, ?::jsonb, ?, ?, ?)`,
      [...values, ctx.partnerId, textOrNull(a.traceNumber, 50)],
    );
  }
  const item = authorizationWorkItem(r, a);
  if (item !== undefined) {
    // The request's patient account number (REF*EJ) when it had one, else its TRN02 (what prior_authorization
    // is found by), else the member id, else the BHT03 reference the response returned.
    const identifier = request?.patient_control_number ?? a.traceNumber ?? a.memberId ?? a.reference;
    await sql.insert('denial_queue_item', [...WORK_ITEM_COLUMNS], [[identifier.slice(0, 38), item.source, item.rootCause, item.action, item.reasonCodes, item.description, 'open']]);
  }
  return { status: 'routed', claims: 0, postings: 0, denials: 0, workItems: item === undefined ? 0 : 1, note: `authorization ${a.status}` };
}

// ---------------------------------------------------------------------------------------------------
// 837P inbound (x12d as the receiving clearinghouse)

export interface InboundClaims {
  readonly set: ReadSet;
  readonly record: ProfessionalClaim;
  readonly claims: readonly { readonly claim: Claim; readonly id: Id; readonly verdict: 'A1' | 'A7' }[];
}

export async function store837(ctx: RouteContext, set: ReadSet, setId: Id | null): Promise<InboundClaims> {
  const { sql } = ctx;
  const record = set.record as ProfessionalClaim;
  const ids = await sql.nextIds('claim', record.claims.length);
  // Level 3-5 findings inside a claim make its 277CA status A7; a set rejected at level 1-2 gets no 277CA.
  const flagged = new Set(set.verdict.findings.filter((f) => f.severity === 'error' && f.level >= 3 && f.claim !== undefined).map((f) => f.claim!));
  const claims = record.claims.map((claim, i) => ({ claim, id: ids[i], verdict: (flagged.has(claim.patientControlNumber) ? 'A7' : 'A1') as 'A1' | 'A7' }));
  await storeClaims(
    sql,
    claims.map(({ claim, id, verdict }) => ({ id, claim, status: set.rejected || verdict === 'A7' ? ('rejected' as const) : ('accepted' as const) })),
    { partnerId: ctx.partnerId, fileId: ctx.fileId, transactionSetId: setId, submittedAt: ctx.now },
  );
  return { set, record, claims };
}

function isoDay(d: Date): string {
  return d.toISOString().slice(0, 10);
}

/** The 277CA x12d sends back for the claims of accepted 837 sets: A1:20 accepted, A7:21 for claims with SNIP 3-5 findings. */
export function claimAcknowledgmentFor(inbound: InboundClaims, now: Date, ourId: string, ref: string): ClaimAcknowledgment {
  const day = isoDay(now);
  const time = now.toISOString().slice(11, 16);
  const total = (cs: readonly { claim: Claim }[]) => {
    let cents = 0n;
    for (const c of cs) cents += BigInt(c.claim.totalCharge.replace('.', ''));
    const neg = cents < 0n;
    const a = neg ? -cents : cents;
    return `${neg ? '-' : ''}${a / 100n}.${String(a % 100n).padStart(2, '0')}`;
  };
  const accepted = inbound.claims.filter((c) => c.verdict === 'A1').length;
  const byProvider = new Map<string, typeof inbound.claims>();
  for (const c of inbound.claims) {
    const key = c.claim.billingProvider.npi ?? `FI:${c.claim.billingProvider.taxId}`;
    byProvider.set(key, [...(byProvider.get(key) ?? []), c]);
  }
  const sub = inbound.record.submitter;
  return {
    transaction: { purpose: '08', reference: ref.slice(0, 50), date: day, time },
    informationSource: { entity: 'AY', name: { entityType: '2', last: 'X12D', idQualifier: '46', id: ourId.length >= 2 ? ourId : 'X12D' }, trace: ref.slice(0, 50), receivedDate: day, processedDate: day },
    informationReceiver: {
      name: { entityType: sub.name.entityType, last: sub.name.last, ...(sub.name.first ? { first: sub.name.first } : {}), idQualifier: '46', id: sub.id },
      trace: inbound.record.transaction.reference,
      statuses: [{ category: 'A1', status: '19', effectiveDate: day, action: 'WQ', charge: total(inbound.claims) }],
      acceptedQuantity: String(accepted),
      rejectedQuantity: String(inbound.claims.length - accepted),
    },
    providers: [...byProvider.values()].map((cs) => {
      const bp = cs[0].claim.billingProvider;
      return {
        name: { entityType: bp.name.entityType, last: bp.name.last, ...(bp.name.first ? { first: bp.name.first } : {}), idQualifier: bp.npi !== undefined ? ('XX' as const) : ('FI' as const), id: bp.npi ?? bp.taxId },
        claims: cs.map(({ claim: c, verdict }) => {
          const person = c.patient?.name ?? c.subscriber.name;
          const d = serviceDates(c);
          return {
            patient: { entityType: '1' as const, last: person.last, ...(person.first ? { first: person.first } : {}), idQualifier: 'MI' as const, id: c.subscriber.memberId },
            patientControlNumber: c.patientControlNumber,
            statuses: [verdict === 'A1' ? { category: 'A1', status: '20', effectiveDate: day, action: 'WQ' as const, charge: c.totalCharge } : { category: 'A7', status: '21', effectiveDate: day, action: 'U' as const, charge: c.totalCharge }],
            serviceDate: { from: d.from ?? day, ...(d.to !== null && d.to !== d.from ? { to: d.to } : {}) },
          };
        }),
      };
    }),
  } as ClaimAcknowledgment;
}

/** Writes the 999 (every group) and the 277CA (claims of accepted sets) as queued outbound files. */
export async function answer837(ctx: RouteContext, validation: FileValidation, inbound: readonly InboundClaims[]): Promise<Id[]> {
  const { sql } = ctx;
  const allocator = sql.controlNumbers();
  const first = validation.envelope.interchanges[0];
  // One set of counters per partner for everything x12d sends it: by its code, as sendDocuments counts, so a
  // 999 and an 837P to the same partner never share an ISA13; a sender x12d does not know, by its ISA id.
  const [known] = ctx.partnerId === null ? [] : await sql.query<{ code: string }>(`select code from trading_partner where id = ?`, [ctx.partnerId]);
  const partner = known?.code ?? (first === undefined ? 'inbound' : first.sender.trim() || 'inbound');
  const out: Id[] = [];
  const ack999 = await buildAcknowledgments(validation, { allocator, partner, date: ctx.now });
  if (ack999 !== '') {
    const bytes = Buffer.from(ack999, 'latin1');
    const f = await sql.recordOutboundFile(bytes, { name: `999-${ctx.fileId}.x12`, source: 'generated', partnerId: ctx.partnerId });
    // Every outbound X12 file has its envelope rows, so whatever answers it (a TA1) finds what it answers.
    if (!f.duplicate) await recordOutboundEnvelopes(sql, bytes, f.file.id, ctx.partnerId);
    out.push(f.file.id);
  }
  const accepted = inbound.filter((i) => !i.set.rejected && i.claims.length > 0);
  if (accepted.length > 0) {
    const documents = accepted.map((i, n) => {
      const e = i.set.envelope;
      const back: Envelope = {
        senderQualifier: e.receiverQualifier,
        sender: e.receiver.trim(),
        receiverQualifier: e.senderQualifier,
        receiver: e.sender.trim(),
        ...(e.groupReceiver !== undefined ? { groupSender: e.groupReceiver } : {}),
        ...(e.groupSender !== undefined ? { groupReceiver: e.groupSender } : {}),
        usage: e.usage,
      };
      return { set: '277', guide: '005010X214', type: 'ClaimAcknowledgment', envelope: back, record: claimAcknowledgmentFor(i, ctx.now, back.sender, `X12D${ctx.fileId}N${n + 1}`) };
    });
    const parts: string[] = [];
    await writeDocuments({ documents }, documentRegistry(), (chunk) => parts.push(chunk), { allocator, partner, date: ctx.now });
    const bytes = Buffer.from(parts.join(''), 'latin1');
    const f = await sql.recordOutboundFile(bytes, { name: `277CA-${ctx.fileId}.x12`, source: 'generated', partnerId: ctx.partnerId });
    if (!f.duplicate) await recordOutboundEnvelopes(sql, bytes, f.file.id, ctx.partnerId);
    out.push(f.file.id);
  }
  return out;
}
