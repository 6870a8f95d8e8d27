import type { Id } from '../db/index.js';
import type { Remittance } from '../documents/remittance.js';
import { classifyDenial, denialQueueFields, loadDenialRules } from '../routing/denial-taxonomy.js';
import { payerIdsOf, postingFor, postingQueueFields, providerAdjustmentItems, remittanceIdentity, reversalKey } from '../routing/posting.js';
import { type ClaimStatusUpdate, claimsByPcn, pickClaim, setClaimStatus } from './claim-match.js';
import { textOrNull } from './columns.js';
import type { RouteContext, SetOutcome } from './routes.js';

/**
 * Loading 835s: remittances with their claim and service payments (each with its CAS adjustments), posting queue items,
 * denials and PLB, for a BATCH of 835 sets at once (the ingest pipeline gathers sets up to about a
 * thousand claims). Every table gets one set-based insert per batch and every lookup one statement, so the
 * cost per claim is rows, not round trips. Ids come from the tables' sequences up front so children can
 * name their parents without reading anything back.
 *
 * The same remittance (payer and TRN02) is loaded once whichever file or batch brings it: the header
 * insert skips a remittance already stored, and a second copy inside one batch is skipped too.
 */

export interface RemittanceSet {
  readonly remittance: Remittance;
  /** The stored transaction_set row it came in, when known. */
  readonly setId: Id | null;
}

export const DENIAL_COLUMNS = ['claim_id', 'claim_payment_id', 'service_payment_id', 'patient_control_number', 'source', 'root_cause', 'action', 'reason_codes', 'description', 'amount', 'status'] as const;
export const EVENT_COLUMNS = ['claim_id', 'source', 'kind', 'category_code', 'status_code', 'entity_code', 'description', 'file_id', 'transaction_set_id'] as const;


/** CAS adjustments as the jsonb kept with their payment row (see AdjustmentItem): exact decimal strings. */
function adjustmentsJson(list: readonly { group: string; reason: string; amount: string; quantity?: string }[]): string {
  return JSON.stringify(list.map((a) => ({ group: a.group, reason: a.reason.slice(0, 5), amount: a.amount, quantity: a.quantity ?? null })));
}

/** Routes a batch of 835 sets; one outcome per set, in order. */
export async function loadRemittances(ctx: RouteContext, batch: readonly RemittanceSet[]): Promise<SetOutcome[]> {
  const { sql } = ctx;
  if (batch.length === 0) return [];
  const rules = ctx.rules ?? loadDenialRules();

  // Headers: the ones that are new come back with their ids.
  const identities = batch.map((b) => remittanceIdentity(b.remittance));
  const keyOf = (payerId: string, trace: string) => `${payerId.slice(0, 80)}\u0000${trace.slice(0, 50)}`;
  const firstInBatch = new Map<string, number>();
  identities.forEach((id, i) => {
    const k = keyOf(id.payerId, id.traceNumber);
    if (!firstInBatch.has(k)) firstInBatch.set(k, i);
  });
  const headerRows = [...firstInBatch.values()].map((i) => {
    const r = batch[i].remittance;
    return [ctx.fileId, batch[i].setId, ctx.partnerId, identities[i].payerId.slice(0, 80), textOrNull(r.payer.name, 60), identities[i].traceNumber.slice(0, 50), textOrNull(r.payment.method, 3), r.payment.amount, r.payment.date ?? null, textOrNull(r.payee.id, 80)];
  });
  const inserted = await sql.insertReturning<{ id: string; payer_id: string; trace_number: string }>(
    'remittance',
    ['file_id', 'transaction_set_id', 'partner_id', 'payer_id', 'payer_name', 'trace_number', 'payment_method', 'payment_amount', 'payment_date', 'payee_npi'],
    headerRows,
    ['id', 'payer_id', 'trace_number'],
    { onConflictDoNothing: ['payer_id', 'trace_number'] },
  );
  const newIds = new Map(inserted.map((r) => [keyOf(r.payer_id, r.trace_number), BigInt(r.id)]));
  const remittanceIds = identities.map((id, i) => {
    const k = keyOf(id.payerId, id.traceNumber);
    return firstInBatch.get(k) === i ? (newIds.get(k) ?? null) : null;
  });

  const loading = batch.map((b, i) => ({ ...b, remittanceId: remittanceIds[i] })).filter((b): b is RemittanceSet & { remittanceId: Id } => b.remittanceId !== null);
  const claims = loading.flatMap((b) => b.remittance.claims.map((c) => ({ b, c })));
  const postOpts = { rules, ...(ctx.feeSchedule ? { feeSchedule: ctx.feeSchedule } : {}) };
  const payerIds = new Map(loading.map((b) => [b, payerIdsOf(b.remittance)]));
  const postings = claims.map(({ b, c }) => postingFor(b.remittance, c, postOpts));
  const denials = claims.map(({ b, c }) => classifyDenial(c, { payerId: payerIds.get(b)!, rules }));
  const known = await claimsByPcn(sql, claims.map(({ c }) => c.patientControlNumber));
  const claimIds = claims.map(({ c }) => pickClaim(known, c.patientControlNumber, c.payerClaimControlNumber));

  const cpIds = await sql.nextIds('claim_payment', claims.length);
  const spIds = await sql.nextIds('service_payment', claims.reduce((t, { c }) => t + c.serviceLines.length, 0));
  const pqIds = await sql.nextIds('posting_queue_item', claims.length);

  // Reversals (CLP02 22): the earlier posting of the same claim (CLP01 + CLP07), in this batch or stored before.
  const reverses: (Id | null)[] = claims.map(() => null);
  const inBatch = new Map<string, Id>();
  const wanted: { i: number; pcn: string; pcc: string }[] = [];
  claims.forEach(({ c }, i) => {
    const key = reversalKey(postings[i]);
    if (postings[i].reversal) {
      const earlier = inBatch.get(key);
      if (earlier !== undefined) reverses[i] = earlier;
      else wanted.push({ i, pcn: c.patientControlNumber.slice(0, 38), pcc: c.payerClaimControlNumber.slice(0, 50) });
    } else inBatch.set(key, pqIds[i]);
  });
  if (wanted.length > 0) {
    const rows = await sql.query<{ id: string; pcn: string; pcc: string }>(
      `select distinct on (cp.patient_control_number, cp.payer_claim_number) p.id, cp.patient_control_number as pcn, cp.payer_claim_number as pcc
       from posting_queue_item p join claim_payment cp on cp.id = p.claim_payment_id
       join unnest(?::text[], ?::text[]) as w(pcn, pcc) on cp.patient_control_number = w.pcn and cp.payer_claim_number = w.pcc
       where cp.status_code <> '22' and p.reverses_id is null and p.status <> 'reversed'
       order by cp.patient_control_number, cp.payer_claim_number, p.id desc`,
      [wanted.map((w) => w.pcn), wanted.map((w) => w.pcc)],
    );
    const earlier = new Map(rows.map((r) => [`${r.pcn}\u0000${r.pcc}`, BigInt(r.id)]));
    for (const w of wanted) reverses[w.i] = earlier.get(`${w.pcn}\u0000${w.pcc}`) ?? null;
  }

  const cpRows: unknown[][] = [];
  const spRows: unknown[][] = [];
  const pqRows: unknown[][] = [];
  const denialRows: unknown[][] = [];
  const eventRows: unknown[][] = [];
  const claimUpdates: ClaimStatusUpdate[] = [];
  const perSet = new Map<RemittanceSet, { postings: number; denials: number }>();
  let sp = 0;
  claims.forEach(({ b, c }, i) => {
    const cpId = cpIds[i];
    const claimId = claimIds[i];
    const counts = perSet.get(b) ?? { postings: 0, denials: 0 };
    perSet.set(b, counts);
    cpRows.push([cpId, b.remittanceId, claimId, c.patientControlNumber.slice(0, 38), c.status, c.charge, c.paid, c.patientResponsibility ?? null, textOrNull(c.filingIndicator, 2), textOrNull(c.payerClaimControlNumber, 50), adjustmentsJson(c.adjustments)]);
    const lineIds: Id[] = [];
    for (const l of c.serviceLines) {
      const spId = spIds[sp++];
      lineIds.push(spId);
      spRows.push([spId, cpId, l.procedureCode.slice(0, 48), l.modifiers, l.charge, l.paid, l.units ?? null, l.serviceDate ?? l.servicePeriod?.from ?? null, textOrNull(l.lineControlNumber, 50), (l.remarks ?? []).map((m) => m.code), adjustmentsJson(l.adjustments)]);
    }
    const f = postingQueueFields(postings[i]);
    pqRows.push([pqIds[i], cpId, b.remittanceId, f.patientControlNumber.slice(0, 38), f.paidAmount, f.deductible, f.coinsurance, f.copay, f.otherPatientResponsibility, f.contractualAdjustment, f.expectedAmount, f.underpaymentAmount, reverses[i], 'open']);
    counts.postings++;
    const d = denials[i];
    if (d !== undefined) {
      for (const item of d.items) {
        const q = denialQueueFields(d, item);
        denialRows.push([claimId, cpId, item.lineIndex === undefined ? null : lineIds[item.lineIndex], q.patientControlNumber.slice(0, 38), q.source, q.rootCause, q.action, q.reasonCodes, q.description, q.amount, 'open']);
        counts.denials++;
      }
    }
    const kind = c.status === '22' ? 'reversed' : c.status === '4' ? 'denied' : d !== undefined ? 'partially_paid' : 'paid';
    if (claimId !== null) {
      eventRows.push([claimId, '835', kind, c.status, null, null, postings[i].status, ctx.fileId, b.setId]);
      claimUpdates.push({ id: claimId, status: kind, payerClaimNumber: c.payerClaimControlNumber });
    }
  });
  await sql.insert('claim_payment', ['id', 'remittance_id', 'claim_id', 'patient_control_number', 'status_code', 'charge_amount', 'paid_amount', 'patient_responsibility', 'filing_indicator', 'payer_claim_number', 'adjustments'], cpRows);
  await sql.insert('service_payment', ['id', 'claim_payment_id', 'procedure_code', 'modifiers', 'charge_amount', 'paid_amount', 'units', 'service_date', 'line_item_control_number', 'remark_codes', 'adjustments'], spRows);
  await sql.insert(
    'posting_queue_item',
    ['id', 'claim_payment_id', 'remittance_id', 'patient_control_number', 'paid_amount', 'deductible', 'coinsurance', 'copay', 'other_patient_responsibility', 'contractual_adjustment', 'expected_amount', 'underpayment_amount', 'reverses_id', 'status'],
    pqRows,
  );
  const reversed = reverses.filter((x): x is Id => x !== null);
  if (reversed.length > 0) await sql.query(`update posting_queue_item set status = 'reversed', updated_at = now() where id = any(?::bigint[])`, [reversed]);
  await sql.insert('denial_queue_item', [...DENIAL_COLUMNS], denialRows);
  await sql.insert('claim_status_event', [...EVENT_COLUMNS], eventRows);
  await setClaimStatus(sql, claimUpdates);
  await sql.insert(
    'provider_adjustment',
    ['remittance_id', 'provider_id', 'fiscal_period_date', 'reason_code', 'reference', 'amount'],
    loading.flatMap((b) => providerAdjustmentItems(b.remittance).map((p) => [b.remittanceId, p.provider.slice(0, 50), p.fiscalPeriodEnd, p.reasonCode.slice(0, 2), textOrNull(p.reference, 50), p.amount])),
  );

  return batch.map((b, i): SetOutcome => {
    if (remittanceIds[i] === null) {
      const { traceNumber } = identities[i];
      return { status: 'duplicate', claims: b.remittance.claims.length, postings: 0, denials: 0, workItems: 0, note: `remittance ${traceNumber} was loaded before: not posted again` };
    }
    const counts = perSet.get(loading.find((l) => l.remittance === b.remittance)!) ?? { postings: 0, denials: 0 };
    return { status: 'routed', claims: b.remittance.claims.length, postings: counts.postings, denials: counts.denials, workItems: 0 };
  });
}
