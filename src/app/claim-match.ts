import type { Id, SqlUnit } from '../db/index.js';

/**
 * Finding the claims x12d sent that an answer (999, 277CA, 835) speaks of, and moving them along their
 * status timeline. Set-based: one statement per batch, never one per claim, so an 835 of 100,000 claims
 * costs a handful of round trips.
 */

export interface KnownClaim {
  readonly id: Id;
  readonly payerClaimNumber: string | null;
  readonly setId: Id | null;
}

/** Stored claims per patient control number, newest first. */
export async function claimsByPcn(sql: SqlUnit, pcns: readonly string[]): Promise<Map<string, KnownClaim[]>> {
  const out = new Map<string, KnownClaim[]>();
  const unique = [...new Set(pcns)];
  if (unique.length === 0) return out;
  const rows = await sql.query<{ id: string; patient_control_number: string; payer_claim_number: string | null; transaction_set_id: string | null }>(
    `select id, patient_control_number, payer_claim_number, transaction_set_id from claim where patient_control_number = any(?::text[]) order by id desc`,
    [unique],
  );
  for (const r of rows) {
    let list = out.get(r.patient_control_number);
    if (list === undefined) out.set(r.patient_control_number, (list = []));
    list.push({ id: BigInt(r.id), payerClaimNumber: r.payer_claim_number, setId: r.transaction_set_id === null ? null : BigInt(r.transaction_set_id) });
  }
  return out;
}

/** The claim an answer means: the one with the payer's claim number when it has one, else the newest. */
export function pickClaim(found: ReadonlyMap<string, readonly KnownClaim[]>, pcn: string, payerClaimNumber?: string): Id | null {
  const list = found.get(pcn);
  if (list === undefined || list.length === 0) return null;
  return (payerClaimNumber === undefined ? undefined : list.find((c) => c.payerClaimNumber === payerClaimNumber))?.id ?? list[0].id;
}

export interface ClaimStatusUpdate {
  readonly id: Id;
  readonly status: string;
  /** The payer's claim number to remember (277CA, 835); absent or null keeps what is stored. */
  readonly payerClaimNumber?: string | null;
}

/** Sets claim statuses (and payer claim numbers) in one statement; the last update of a claim wins. */
export async function setClaimStatus(sql: SqlUnit, updates: readonly ClaimStatusUpdate[]): Promise<void> {
  if (updates.length === 0) return;
  const last = new Map<Id, ClaimStatusUpdate>();
  for (const u of updates) last.set(u.id, u);
  const list = [...last.values()];
  await sql.query(
    `update claim c set status = u.status, payer_claim_number = coalesce(u.payer_claim_number, c.payer_claim_number), updated_at = now()
     from unnest(?::bigint[], ?::text[], ?::text[]) as u(id, status, payer_claim_number) where c.id = u.id`,
    [list.map((u) => u.id), list.map((u) => u.status), list.map((u) => (u.payerClaimNumber == null ? null : u.payerClaimNumber.slice(0, 50)))],
  );
}
