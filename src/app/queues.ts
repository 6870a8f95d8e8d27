import { autocommit, inTransaction, type Storage } from '../db/index.js';

/**
 * The work queues as a billing office sees them: list, claim one item, resolve it, and export posting
 * items for a practice management system. Ids are bigint in the database and decimal strings here;
 * money is exact decimal strings.
 */

export type QueueKind = 'denials' | 'postings';

export interface DenialItemView {
  readonly id: string;
  readonly status: string;
  readonly patientControlNumber: string;
  readonly source: string;
  readonly rootCause: string;
  readonly action: string;
  readonly reasonCodes: readonly string[];
  readonly description: string | null;
  readonly amount: string | null;
  readonly claimId: string | null;
  readonly claimedBy: string | null;
}

export interface PostingItemView {
  readonly id: string;
  readonly status: string;
  readonly patientControlNumber: string;
  readonly payerClaimNumber: string | null;
  readonly claimStatusCode: string;
  readonly paidAmount: string;
  readonly deductible: string;
  readonly coinsurance: string;
  readonly copay: string;
  readonly otherPatientResponsibility: string;
  readonly contractualAdjustment: string;
  readonly expectedAmount: string | null;
  readonly underpaymentAmount: string | null;
  readonly reversesId: string | null;
  readonly remittanceId: string;
  readonly payerId: string;
  readonly traceNumber: string;
  readonly paymentDate: string | null;
  readonly claimedBy: string | null;
  /**
   * Errors validation found in the remittance's transaction set (SNIP 3 balancing, unknown codes...): the
   * remittance was posted, but its totals may not reconcile. 0 when it was clean.
   */
  readonly remittanceFindings: number;
}

const TABLE = { denials: 'denial_queue_item', postings: 'posting_queue_item' } as const;
export const QUEUE_STATUSES = { denials: ['open', 'claimed', 'resolved'], postings: ['open', 'claimed', 'posted', 'reversed'] } as const;

const str = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));
const day = (v: unknown): string | null => (v === null || v === undefined ? null : v instanceof Date ? v.toISOString().slice(0, 10) : String(v).slice(0, 10));

const POSTING_SELECT = `select p.*, cp.payer_claim_number, cp.status_code, r.payer_id, r.trace_number, r.payment_date::text as payment_date,
    (select count(*) from jsonb_array_elements(coalesce(ts.findings, '[]'::jsonb)) as f where f->>'severity' = 'error')::int as remittance_findings
  from posting_queue_item p join claim_payment cp on cp.id = p.claim_payment_id join remittance r on r.id = p.remittance_id
  left join transaction_set ts on ts.id = r.transaction_set_id`;

function postingView(r: Record<string, unknown>): PostingItemView {
  return {
    id: String(r.id),
    status: String(r.status),
    patientControlNumber: String(r.patient_control_number),
    payerClaimNumber: str(r.payer_claim_number),
    claimStatusCode: String(r.status_code),
    paidAmount: String(r.paid_amount),
    deductible: String(r.deductible),
    coinsurance: String(r.coinsurance),
    copay: String(r.copay),
    otherPatientResponsibility: String(r.other_patient_responsibility),
    contractualAdjustment: String(r.contractual_adjustment),
    expectedAmount: str(r.expected_amount),
    underpaymentAmount: str(r.underpayment_amount),
    reversesId: str(r.reverses_id),
    remittanceId: String(r.remittance_id),
    payerId: String(r.payer_id),
    traceNumber: String(r.trace_number),
    paymentDate: day(r.payment_date),
    claimedBy: str(r.claimed_by),
    remittanceFindings: Number(r.remittance_findings ?? 0),
  };
}

function denialView(r: Record<string, unknown>): DenialItemView {
  return {
    id: String(r.id),
    status: String(r.status),
    patientControlNumber: String(r.patient_control_number),
    source: String(r.source),
    rootCause: String(r.root_cause),
    action: String(r.action),
    reasonCodes: (r.reason_codes as string[] | null) ?? [],
    description: str(r.description),
    amount: str(r.amount),
    claimId: str(r.claim_id),
    claimedBy: str(r.claimed_by),
  };
}

export async function listQueue(storage: Storage, queue: 'denials', opts?: { status?: string; limit?: number }): Promise<DenialItemView[]>;
export async function listQueue(storage: Storage, queue: 'postings', opts?: { status?: string; limit?: number }): Promise<PostingItemView[]>;
export async function listQueue(storage: Storage, queue: QueueKind, opts: { status?: string; limit?: number } = {}): Promise<(DenialItemView | PostingItemView)[]> {
  const db = autocommit(storage);
  const where = opts.status === undefined ? '' : ' where status = ?';
  const params: unknown[] = opts.status === undefined ? [] : [opts.status];
  const limit = opts.limit ?? 10_000;
  if (queue === 'denials') {
    const rows = await db.query<Record<string, unknown>>(`select * from denial_queue_item${where} order by id limit ${Number(limit)}`, params);
    return rows.map(denialView);
  }
  const rows = await db.query<Record<string, unknown>>(`${POSTING_SELECT}${where.replace('status', 'p.status')} order by p.id limit ${Number(limit)}`, params);
  return rows.map(postingView);
}

export type ChangeResult = { readonly ok: true; readonly id: string; readonly status: string } | { readonly ok: false; readonly reason: 'not-found' | 'wrong-status'; readonly status?: string };

async function change(storage: Storage, queue: QueueKind, id: bigint, from: readonly string[], set: string, setParams: readonly unknown[], actor: string, action: string): Promise<ChangeResult> {
  const table = TABLE[queue];
  return inTransaction(storage, async (sql) => {
    const [row] = await sql.query<{ status: string }>(`select status from ${table} where id = ? for update`, [id]);
    if (row === undefined) return { ok: false, reason: 'not-found' } as const;
    if (!from.includes(row.status)) return { ok: false, reason: 'wrong-status', status: row.status } as const;
    await sql.query(`update ${table} set ${set}, updated_at = now() where id = ?`, [...setParams, id]);
    await sql.query(`insert into audit_event (actor, action, target_type, target_id, detail) values (?, ?, ?, ?, ?::jsonb)`, [actor, action, table, id.toString(), JSON.stringify({ from: row.status })]);
    const [after] = await sql.query<{ status: string }>(`select status from ${table} where id = ?`, [id]);
    return { ok: true, id: id.toString(), status: after.status } as const;
  });
}

/** Takes an open item for `worker`. */
export function claimItem(storage: Storage, queue: QueueKind, id: bigint, worker: string): Promise<ChangeResult> {
  return change(storage, queue, id, ['open'], `status = 'claimed', claimed_by = ?, claimed_at = now()`, [worker], worker, 'queue.claim');
}

/** Resolves a denial (resolved) or marks a posting posted. */
export function resolveItem(storage: Storage, queue: QueueKind, id: bigint, actor: string, resolution?: string): Promise<ChangeResult> {
  if (queue === 'denials') return change(storage, queue, id, ['open', 'claimed'], `status = 'resolved', resolved_at = now(), resolution = ?`, [resolution ?? null], actor, 'queue.resolve');
  return change(storage, queue, id, ['open', 'claimed'], `status = 'posted', posted_at = now()`, [], actor, 'queue.resolve');
}

/**
 * Posting items not exported before, as JSON lines for a practice management system; they are marked
 * exported in the same transaction, so each item is exported once.
 */
export async function exportPostings(storage: Storage): Promise<string[]> {
  return inTransaction(storage, async (sql) => {
    const rows = await sql.query<Record<string, unknown>>(`${POSTING_SELECT} where p.exported_at is null order by p.id for update of p`);
    if (rows.length > 0) await sql.query(`update posting_queue_item set exported_at = now() where id = any(?::bigint[])`, [rows.map((r) => String(r.id))]);
    return rows.map((r) => JSON.stringify(postingView(r)));
  });
}
