import type { Id, SqlUnit } from '../db/index.js';
import { buildAcknowledgments } from '../acks/ack999.js';
import type { AuthorizationResponse } from '../documents/authorization.js';
import type { ClaimAcknowledgment } from '../documents/claim-acknowledgment.js';
import { type Envelope, writeDocuments } from '../documents/convert.js';
import type { EligibilityResponse } from '../documents/eligibility.js';
import type { ImplementationAcknowledgment } from '../documents/implementation-acknowledgment.js';
import { documentRegistry } from '../documents/index.js';
import type { Claim, ProfessionalClaim } from '../documents/professional-claim.js';
import type { Remittance } from '../documents/remittance.js';
import { routeImplementationAcknowledgment, setRejectionFields } from '../routing/acknowledgment.js';
import { authorizationSummary } from '../routing/authorization.js';
import { claimRejectionFields, routeClaimAcknowledgment } from '../routing/claim-status.js';
import { type DenialRules, classifyDenial, denialQueueFields, loadDenialRules } from '../routing/denial-taxonomy.js';
import { eligibilityOutcomes } from '../routing/eligibility.js';
import { type FeeSchedule, payerIdsOf, postingFor, postingQueueFields, providerAdjustmentItems, remittanceIdentity, reversalKey } from '../routing/posting.js';
import type { FileValidation } from '../validation/validator.js';
import type { ReadSet } from './read.js';

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

const DENIAL_COLUMNS = ['claim_id', 'claim_payment_id', 'service_payment_id', 'patient_control_number', 'source', 'root_cause', 'action', 'reason_codes', 'description', 'amount', 'status'] as const;
const EVENT_COLUMNS = ['claim_id', 'source', 'kind', 'category_code', 'status_code', 'entity_code', 'description', 'file_id', 'transaction_set_id'] as const;

function s(v: string | undefined | null, max: number): string | null {
  return v === undefined || v === null || v === '' ? null : v.slice(0, max);
}

/** The latest stored claim per patient control number (preferring the one with the given payer claim number). */
async function claimsByPcn(sql: SqlUnit, pcns: readonly string[]): Promise<Map<string, { id: Id; payerClaimNumber: string | null; setId: Id | null }[]>> {
  const out = new Map<string, { id: Id; payerClaimNumber: string | null; setId: Id | null }[]>();
  const unique = [...new Set(pcns)];
  if (unique.length === 0) return out;
  const rows = await sql.query<{ id: string; patient_control_number: string; payer_claim_number: string | null; transaction_set_id: string | null }>(
    `select id, patient_control_number, payer_claim_number, transaction_set_id from claim where patient_control_number = any(?::text[]) order by id desc`,
    [unique],
  );
  for (const r of rows) {
    const list = out.get(r.patient_control_number) ?? [];
    list.push({ id: BigInt(r.id), payerClaimNumber: r.payer_claim_number, setId: r.transaction_set_id === null ? null : BigInt(r.transaction_set_id) });
    out.set(r.patient_control_number, list);
  }
  return out;
}

function pickClaim(found: Map<string, { id: Id; payerClaimNumber: string | null }[]>, pcn: string, payerClaimNumber?: string): Id | null {
  const list = found.get(pcn);
  if (list === undefined || list.length === 0) return null;
  return (payerClaimNumber === undefined ? undefined : list.find((c) => c.payerClaimNumber === payerClaimNumber))?.id ?? list[0].id;
}

async function setClaimStatus(sql: SqlUnit, updates: readonly { id: Id; status: string; payerClaimNumber?: string | null }[]): Promise<void> {
  const byStatus = new Map<string, Id[]>();
  for (const u of updates) if (u.payerClaimNumber == null) byStatus.set(u.status, [...(byStatus.get(u.status) ?? []), u.id]);
  for (const [status, ids] of byStatus) await sql.query(`update claim set status = ?, updated_at = now() where id = any(?::bigint[])`, [status, ids]);
  for (const u of updates) {
    if (u.payerClaimNumber != null) await sql.query(`update claim set status = ?, payer_claim_number = ?, updated_at = now() where id = ?`, [u.status, u.payerClaimNumber.slice(0, 50), u.id]);
  }
}

// ---------------------------------------------------------------------------------------------------
// 835

export async function route835(ctx: RouteContext, r: Remittance, setId: Id | null): Promise<SetOutcome> {
  const { sql } = ctx;
  const rules = ctx.rules ?? loadDenialRules();
  const { payerId, traceNumber } = remittanceIdentity(r);
  // The same remittance (payer and TRN02) is loaded once, whichever file brings it.
  const [rem] = await sql.query<{ id: string }>(
    `insert into remittance (file_id, transaction_set_id, partner_id, payer_id, payer_name, trace_number, payment_method, payment_amount, payment_date, payee_npi)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?::date, ?)
     on conflict (payer_id, trace_number) do nothing
     returning id`,
    [ctx.fileId, setId, ctx.partnerId, payerId.slice(0, 80), s(r.payer.name, 60), traceNumber.slice(0, 50), s(r.payment.method, 3), r.payment.amount, r.payment.date ?? null, s(r.payee.id, 80)],
  );
  if (rem === undefined) return { status: 'duplicate', claims: r.claims.length, postings: 0, denials: 0, workItems: 0, note: `remittance ${traceNumber} was loaded before: not posted again` };
  const remittanceId = BigInt(rem.id);
  const payerIds = payerIdsOf(r);
  const postOpts = { rules, ...(ctx.feeSchedule ? { feeSchedule: ctx.feeSchedule } : {}) };
  const postings = r.claims.map((c) => postingFor(r, c, postOpts));
  const denials = r.claims.map((c) => classifyDenial(c, { payerId: payerIds, rules }));
  const known = await claimsByPcn(sql, r.claims.map((c) => c.patientControlNumber));
  const claimIds = r.claims.map((c) => pickClaim(known, c.patientControlNumber, c.payerClaimControlNumber));

  // Ids first, so every row can name its parent and all rows go in as multi-row inserts.
  const cpIds = await sql.nextIds('claim_payment', r.claims.length);
  const lineCount = r.claims.reduce((t, c) => t + c.serviceLines.length, 0);
  const spIds = await sql.nextIds('service_payment', lineCount);
  const pqIds = await sql.nextIds('posting_queue_item', r.claims.length);

  // Reversals: the earlier posting of the same claim (CLP01 + CLP07), in this remittance or stored before.
  const reverses: (Id | null)[] = r.claims.map(() => null);
  const inFile = new Map<string, Id>();
  const wanted: { i: number; pcn: string; pcc: string }[] = [];
  r.claims.forEach((c, i) => {
    const key = reversalKey(postings[i]);
    if (postings[i].reversal) {
      const earlier = inFile.get(key);
      if (earlier !== undefined) reverses[i] = earlier;
      else wanted.push({ i, pcn: c.patientControlNumber, pcc: c.payerClaimControlNumber });
    } else inFile.set(key, pqIds[i]);
  });
  for (const w of wanted) {
    const [row] = await sql.query<{ id: string }>(
      `select p.id from posting_queue_item p join claim_payment cp on cp.id = p.claim_payment_id
       where cp.patient_control_number = ? and cp.payer_claim_number = ? and cp.status_code <> '22' and p.reverses_id is null and p.status <> 'reversed'
       order by p.id desc limit 1`,
      [w.pcn.slice(0, 38), w.pcc.slice(0, 50)],
    );
    if (row !== undefined) reverses[w.i] = BigInt(row.id);
  }

  const cpRows: unknown[][] = [];
  const spRows: unknown[][] = [];
  const adjRows: unknown[][] = [];
  const pqRows: unknown[][] = [];
  const denialRows: unknown[][] = [];
  const eventRows: unknown[][] = [];
  const claimUpdates: { id: Id; status: string; payerClaimNumber?: string | null }[] = [];
  let sp = 0;
  r.claims.forEach((c, i) => {
    const cpId = cpIds[i];
    const claimId = claimIds[i];
    cpRows.push([cpId, remittanceId, claimId, c.patientControlNumber.slice(0, 38), c.status, c.charge, c.paid, c.patientResponsibility ?? null, s(c.filingIndicator, 2), s(c.payerClaimControlNumber, 50)]);
    for (const a of c.adjustments) adjRows.push([cpId, null, a.group, a.reason.slice(0, 5), a.amount, a.quantity ?? null]);
    const lineIds: Id[] = [];
    for (const l of c.serviceLines) {
      const spId = spIds[sp++];
      lineIds.push(spId);
      spRows.push([
        spId,
        cpId,
        l.procedureCode.slice(0, 48),
        l.modifiers,
        l.charge,
        l.paid,
        l.units ?? null,
        l.serviceDate ?? l.servicePeriod?.from ?? null,
        s(l.lineControlNumber, 50),
        (l.remarks ?? []).map((m) => m.code),
      ]);
      for (const a of l.adjustments) adjRows.push([cpId, spId, a.group, a.reason.slice(0, 5), a.amount, a.quantity ?? null]);
    }
    const f = postingQueueFields(postings[i]);
    pqRows.push([pqIds[i], cpId, remittanceId, f.patientControlNumber.slice(0, 38), f.paidAmount, f.deductible, f.coinsurance, f.copay, f.otherPatientResponsibility, f.contractualAdjustment, f.expectedAmount, f.underpaymentAmount, reverses[i], 'open']);
    const d = denials[i];
    if (d !== undefined) {
      for (const item of d.items) {
        const q = denialQueueFields(d, item);
        denialRows.push([claimId, cpId, item.lineIndex === undefined ? null : lineIds[item.lineIndex], q.patientControlNumber.slice(0, 38), q.source, q.rootCause, q.action, q.reasonCodes, q.description, q.amount, 'open']);
      }
    }
    const kind = c.status === '22' ? 'reversed' : c.status === '4' ? 'denied' : d !== undefined ? 'partially_paid' : 'paid';
    if (claimId !== null) {
      eventRows.push([claimId, '835', kind, c.status, null, null, postings[i].status, ctx.fileId, setId]);
      claimUpdates.push({ id: claimId, status: kind, payerClaimNumber: c.payerClaimControlNumber });
    }
  });
  await sql.insert('claim_payment', ['id', 'remittance_id', 'claim_id', 'patient_control_number', 'status_code', 'charge_amount', 'paid_amount', 'patient_responsibility', 'filing_indicator', 'payer_claim_number'], cpRows);
  await sql.insert('service_payment', ['id', 'claim_payment_id', 'procedure_code', 'modifiers', 'charge_amount', 'paid_amount', 'units', 'service_date', 'line_item_control_number', 'remark_codes'], spRows, {
    casts: { modifiers: 'text[]', remark_codes: 'text[]', service_date: 'date' },
  });
  await sql.insert('adjustment', ['claim_payment_id', 'service_payment_id', 'group_code', 'reason_code', 'amount', 'quantity'], adjRows);
  await sql.insert(
    'posting_queue_item',
    ['id', 'claim_payment_id', 'remittance_id', 'patient_control_number', 'paid_amount', 'deductible', 'coinsurance', 'copay', 'other_patient_responsibility', 'contractual_adjustment', 'expected_amount', 'underpayment_amount', 'reverses_id', 'status'],
    pqRows,
  );
  const reversed = reverses.filter((x): x is Id => x !== null);
  if (reversed.length > 0) await sql.query(`update posting_queue_item set status = 'reversed', updated_at = now() where id = any(?::bigint[])`, [reversed]);
  await sql.insert('denial_queue_item', [...DENIAL_COLUMNS], denialRows, { casts: { reason_codes: 'text[]' } });
  await sql.insert('claim_status_event', [...EVENT_COLUMNS], eventRows);
  await setClaimStatus(sql, claimUpdates);
  const plb = providerAdjustmentItems(r);
  await sql.insert(
    'provider_adjustment',
    ['remittance_id', 'provider_id', 'fiscal_period_date', 'reason_code', 'reference', 'amount'],
    plb.map((p) => [remittanceId, p.provider.slice(0, 50), p.fiscalPeriodEnd, p.reasonCode.slice(0, 2), s(p.reference, 50), p.amount]),
    { casts: { fiscal_period_date: 'date' } },
  );
  return { status: 'routed', claims: r.claims.length, postings: pqRows.length, denials: denialRows.length, workItems: 0 };
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
    events.push([claimId, '277CA', kind, s(category, 30), s(status, 30), s(entity, 3), o.description, ctx.fileId, setId]);
    if (claimId !== null && o.verdict !== 'other') updates.push({ id: claimId, status: o.verdict, payerClaimNumber: o.payerClaimNumber ?? null });
    if (o.verdict === 'rejected') {
      const f = claimRejectionFields(o);
      denialRows.push([claimId, null, null, f.patientControlNumber.slice(0, 38), f.source, f.rootCause, f.action, f.reasonCodes, f.description, f.amount, 'open']);
    }
  }
  await sql.insert('claim_status_event', [...EVENT_COLUMNS], events);
  await sql.insert('denial_queue_item', [...DENIAL_COLUMNS], denialRows, { casts: { reason_codes: 'text[]' } });
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
  // The outbound group it answers, by GS01 and GS06 (control numbers compared as numbers).
  const [group] = await sql.query<{ id: string }>(
    `select g.id from functional_group g join interchange i on i.id = g.interchange_id
     where i.direction = 'outbound' and g.functional_id = ? and ltrim(g.control_number, '0') = ltrim(?, '0')
     order by g.id desc limit 1`,
    [o.functionalId, o.groupControl],
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
  await sql.insert('denial_queue_item', [...DENIAL_COLUMNS], denialRows, { casts: { reason_codes: 'text[]' } });
  await setClaimStatus(sql, updates);
  return { status: 'routed', claims, postings: 0, denials: denialRows.length, workItems: 0, note: groupId === null ? `no outbound group ${o.groupControl} on record` : undefined };
}

// ---------------------------------------------------------------------------------------------------
// 271

export async function route271(ctx: RouteContext, r: EligibilityResponse, setId: Id | null): Promise<SetOutcome> {
  const { sql } = ctx;
  let workItems = 0;
  const outcomes = eligibilityOutcomes(r);
  for (const o of outcomes) {
    let checkId: Id | null = null;
    if (o.traceNumber !== undefined) {
      const [row] = await sql.query<{ id: string }>(`select id from eligibility_check where trace_number = ? order by id desc limit 1`, [o.traceNumber.slice(0, 50)]);
      if (row !== undefined) {
        checkId = BigInt(row.id);
        await sql.query(`update eligibility_check set status = 'answered', updated_at = now() where id = ?`, [checkId]);
      }
    }
    if (o.workItem !== undefined) workItems++;
    await sql.query(
      `insert into eligibility_response (check_id, file_id, transaction_set_id, trace_number, coverage_active, plan_name, detail) values (?, ?, ?, ?, ?, ?, ?::jsonb)`,
      [checkId, ctx.fileId, setId, s(o.traceNumber, 50), o.coverageActive, s(o.planName, 80), JSON.stringify(o)],
    );
  }
  return { status: 'routed', claims: 0, postings: 0, denials: 0, workItems };
}

// ---------------------------------------------------------------------------------------------------
// 278 response

export async function route278(ctx: RouteContext, r: AuthorizationResponse, setId: Id | null): Promise<SetOutcome> {
  void setId;
  const { sql } = ctx;
  const a = authorizationSummary(r);
  const detail = JSON.stringify({ decision: a.decision, reasonCode: a.reasonCode, reference: a.reference, services: a.services, rejections: a.rejections, description: a.description });
  const values = [a.status, s(a.reviewDecisionCode, 2), s(a.certificationNumber, 50), a.effectiveFrom, a.effectiveTo, detail, ctx.fileId];
  const [request] =
    a.traceNumber === null ? [] : await sql.query<{ id: string }>(`select id from prior_authorization where trace_number = ? and response_file_id is null order by id desc limit 1`, [a.traceNumber.slice(0, 50)]);
  if (request !== undefined) {
    await sql.query(
      `update prior_authorization set status = ?, review_decision_code = ?, certification_number = ?, effective_from = ?::date, effective_to = ?::date, detail = ?::jsonb, response_file_id = ?, updated_at = now() where id = ?`,
      [...values, BigInt(request.id)],
    );
  } else {
    await sql.query(
      `insert into prior_authorization (status, review_decision_code, certification_number, effective_from, effective_to, detail, response_file_id, partner_id, trace_number)
       values (?, ?, ?, ?::date, ?::date, ?::jsonb, ?, ?, ?)`,
      [...values, ctx.partnerId, s(a.traceNumber, 50)],
    );
  }
  return { status: 'routed', claims: 0, postings: 0, denials: 0, workItems: a.status === 'denied' ? 1 : 0, note: `authorization ${a.status}` };
}

// ---------------------------------------------------------------------------------------------------
// 837P inbound (x12d as the receiving clearinghouse)

export interface InboundClaims {
  readonly set: ReadSet;
  readonly record: ProfessionalClaim;
  readonly claims: readonly { readonly claim: Claim; readonly id: Id; readonly verdict: 'A1' | 'A7' }[];
}

function lineDates(c: Claim): { from: string | null; to: string | null } {
  const ds = c.serviceLines.flatMap((l) => (l.serviceDate !== undefined ? [l.serviceDate] : l.servicePeriod !== undefined ? [l.servicePeriod.from, l.servicePeriod.to] : [])).sort();
  return { from: ds[0] ?? null, to: ds[ds.length - 1] ?? null };
}

export async function store837(ctx: RouteContext, set: ReadSet, setId: Id | null): Promise<InboundClaims> {
  const { sql } = ctx;
  const record = set.record as ProfessionalClaim;
  const ids = await sql.nextIds('claim', record.claims.length);
  // Level 3-5 findings inside a claim make its 277CA status A7; a set rejected at level 1-2 gets no 277CA.
  const flagged = new Set(set.verdict.findings.filter((f) => f.severity === 'error' && f.level >= 3 && f.claim !== undefined).map((f) => f.claim!));
  const claims = record.claims.map((claim, i) => ({ claim, id: ids[i], verdict: (flagged.has(claim.patientControlNumber) ? 'A7' : 'A1') as 'A1' | 'A7' }));
  await sql.insert(
    'claim',
    ['id', 'partner_id', 'file_id', 'transaction_set_id', 'patient_control_number', 'payer_id', 'billing_provider_npi', 'total_charge', 'service_date_from', 'service_date_to', 'status', 'detail', 'submitted_at'],
    claims.map(({ claim: c, id, verdict }) => {
      const d = lineDates(c);
      return [id, ctx.partnerId, ctx.fileId, setId, c.patientControlNumber.slice(0, 38), s(c.payer.id, 80), s(c.billingProvider.npi, 10), c.totalCharge, d.from, d.to, set.rejected || verdict === 'A7' ? 'rejected' : 'accepted', JSON.stringify(c), ctx.now.toISOString()];
    }),
    { casts: { service_date_from: 'date', service_date_to: 'date', detail: 'jsonb', submitted_at: 'timestamptz' } },
  );
  await sql.insert(
    'service_line',
    ['claim_id', 'line_number', 'procedure_code', 'modifiers', 'charge_amount', 'units', 'service_date', 'line_item_control_number'],
    claims.flatMap(({ claim: c, id }) => c.serviceLines.map((l, n) => [id, n + 1, l.procedureCode.slice(0, 48), l.modifiers, l.charge, l.units, l.serviceDate ?? l.servicePeriod?.from ?? null, s(l.lineControlNumber, 50)])),
    { casts: { modifiers: 'text[]', service_date: 'date' } },
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
          const d = lineDates(c);
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
  const partner = first === undefined ? 'inbound' : first.sender.trim() || 'inbound';
  const out: Id[] = [];
  const ack999 = await buildAcknowledgments(validation, { allocator, partner, date: ctx.now });
  if (ack999 !== '') {
    const f = await sql.recordOutboundFile(Buffer.from(ack999, 'latin1'), { name: `999-${ctx.fileId}.x12`, source: 'generated', partnerId: ctx.partnerId });
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
    const f = await sql.recordOutboundFile(Buffer.from(parts.join(''), 'latin1'), { name: `277CA-${ctx.fileId}.x12`, source: 'generated', partnerId: ctx.partnerId });
    out.push(f.file.id);
  }
  return out;
}
