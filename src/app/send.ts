import { autocommit, inTransaction, type ClaimStatus, type FileSource, type Id, type SqlUnit, type Storage } from '../db/index.js';
import type { AuthorizationRequest } from '../documents/authorization.js';
import { DocumentsFile, type Envelope, writeDocuments } from '../documents/convert.js';
import type { EligibilityInquiry } from '../documents/eligibility.js';
import { documentRegistry } from '../documents/index.js';
import type { Claim, ProfessionalClaim } from '../documents/professional-claim.js';
import type { DocumentType } from '../documents/types.js';
import { X12dError } from '../errors.js';
import { defaultRegistry } from '../grammar/guides/index.js';
import { validateX12, type FileValidation } from '../validation/validator.js';
import type { ReadResult } from '../x12/reader.js';
import { textOrNull } from './columns.js';
import { recordEnvelopes } from './envelopes.js';
import { findingCodes } from './read.js';

/**
 * x12d as the sender: claims (837P), eligibility inquiries (270) and authorization requests (278) go out
 * as one X12 file per call, written, checked and recorded in ONE database transaction. What is recorded
 * is what the answers are matched against later: the outbound interchange, group and set rows (a 999
 * names the group and sets), the claims with their set (a 999 and a 277CA reach them), the eligibility
 * checks by their TRN02 (a 271 returns it) and the authorization requests by theirs (a 278 response
 * returns it). The file is queued; the outbound sender uploads it to the partner like an acknowledgment.
 *
 * Also here, because both directions write the same rows: the claim and service line rows of an 837P
 * (`storeClaims`). The envelope rows of any file are in envelopes.ts.
 */

/** Documents in the shape `x12d to-json` prints and `x12d from-json` reads. */
export type SendInput = DocumentsFile;

export interface SendOptions {
  /** The trading partner's code (configuration id): the file goes to its mailbox; its control numbers are this partner's. */
  readonly partnerCode: string;
  /** The outbound file's name (what the partner receives); default `<sets>-<ISA13>.x12`. */
  readonly name?: string;
  readonly source?: FileSource;
  /** ISA06 for documents without an envelope (default X12D). */
  readonly sender?: string;
  readonly now?: Date;
  /** Who sends, for the audit trail (the CLI gives user@host). Default `x12d`. */
  readonly actor?: string;
}

export interface SentSet {
  readonly set: string;
  readonly control: string;
  /** Record type (ProfessionalClaim, EligibilityInquiry, AuthorizationRequest, ...). */
  readonly type: string;
  readonly transactionSetId: Id;
}

export interface SentGroup {
  readonly functionalId: string;
  readonly control: string;
  readonly sets: readonly SentSet[];
}

export interface SentInterchange {
  readonly control: string;
  readonly sender: string;
  readonly receiver: string;
  readonly groups: readonly SentGroup[];
}

export interface SendResult {
  readonly fileId: Id;
  readonly name: string;
  readonly partnerCode: string;
  readonly interchanges: readonly SentInterchange[];
  readonly sets: number;
  readonly claims: number;
  readonly serviceLines: number;
  readonly eligibilityChecks: number;
  readonly authorizationRequests: number;
}

// ---------------------------------------------------------------------------------------------------
// Claim rows, either direction


/** The first and last service date of a claim's lines. */
export function serviceDates(c: Claim): { from: string | null; to: string | null } {
  const ds = c.serviceLines.flatMap((l) => (l.serviceDate !== undefined ? [l.serviceDate] : l.servicePeriod !== undefined ? [l.servicePeriod.from, l.servicePeriod.to] : [])).sort();
  return { from: ds[0] ?? null, to: ds[ds.length - 1] ?? null };
}

export interface ClaimRow {
  /** From `sql.nextIds('claim', n)`. */
  readonly id: Id;
  readonly claim: Claim;
  readonly status: ClaimStatus;
}

/**
 * Writes claims and their service lines: the claims x12d sends (submitted) and those it receives as a
 * clearinghouse (accepted or rejected). Returns the number of service lines written.
 */
export async function storeClaims(
  sql: SqlUnit,
  rows: readonly ClaimRow[],
  at: { readonly partnerId: Id | null; readonly fileId: Id; readonly transactionSetId: Id | null; readonly submittedAt: Date },
): Promise<number> {
  await sql.insert(
    'claim',
    ['id', 'partner_id', 'file_id', 'transaction_set_id', 'patient_control_number', 'payer_id', 'billing_provider_npi', 'total_charge', 'service_date_from', 'service_date_to', 'status', 'detail', 'submitted_at'],
    rows.map(({ claim: c, id, status }) => {
      const d = serviceDates(c);
      return [id, at.partnerId, at.fileId, at.transactionSetId, c.patientControlNumber.slice(0, 38), textOrNull(c.payer.id, 80), textOrNull(c.billingProvider.npi, 10), c.totalCharge, d.from, d.to, status, JSON.stringify(c), at.submittedAt.toISOString()];
    }),
  );
  const lines = rows.flatMap(({ claim: c, id }) => c.serviceLines.map((l, n) => [id, n + 1, l.procedureCode.slice(0, 48), l.modifiers, l.charge, l.units, l.serviceDate ?? l.servicePeriod?.from ?? null, textOrNull(l.lineControlNumber, 50)]));
  await sql.insert('service_line', ['claim_id', 'line_number', 'procedure_code', 'modifiers', 'charge_amount', 'units', 'service_date', 'line_item_control_number'], lines);
  return lines.length;
}

// ---------------------------------------------------------------------------------------------------
// Sending

interface Partner {
  readonly id: Id;
  readonly code: string;
  readonly isaQualifier: string;
  readonly isaId: string;
}

interface Prepared {
  readonly type: DocumentType<unknown>;
  readonly envelope: Envelope;
  readonly record: unknown;
}

function refuse(message: string, details: Record<string, unknown> = {}): never {
  throw new X12dError('X12D_ERR_SEND_REFUSED', message, details);
}

async function partnerFor(storage: Storage, code: string): Promise<Partner> {
  const [row] = await autocommit(storage).query<{ id: string; isa_qualifier: string; isa_id: string }>(`select id, isa_qualifier, isa_id from trading_partner where code = ?`, [code]);
  // A file for no known partner would sit queued for ever: the outbound sender sends per partner.
  if (row === undefined) refuse(`unknown trading partner ${JSON.stringify(code)}: add it to the configuration's partners (x12d start or x12d send write it to the database).`);
  return { id: BigInt(row.id), code, isaQualifier: row.isa_qualifier, isaId: row.isa_id.trim() };
}

/**
 * Each document with its type and its record checked against the type's schema (defaults filled in),
 * addressed to the partner, and with the trace numbers the answers will be matched by.
 */
function prepare(input: SendInput, partner: Partner, opts: SendOptions): Prepared[] {
  const parsedFile = DocumentsFile.safeParse(input);
  if (!parsedFile.success) {
    const issue = parsedFile.error.issues[0];
    refuse(`${issue.path.join('.') || '(top level)'}: ${issue.message}`);
  }
  const docs = parsedFile.data.documents;
  if (docs.length === 0) refuse('there are no documents to send.');
  const registry = documentRegistry();
  const traces = new Map<string, number>();
  const traceOnce = (i: number, what: string, trace: string | undefined): void => {
    if (trace === undefined || trace.trim() === '') refuse(`documents[${i}]: ${what} has no trace number (TRN02): its answer could not be matched to it.`);
    const key = `${what.split(' ')[0]}:${trace}`;
    if (traces.has(key)) refuse(`documents[${i}]: ${what} repeats the trace number of documents[${traces.get(key)}]: each request needs its own.`);
    traces.set(key, i);
  };
  return docs.map((doc, i) => {
    // As writeDocuments finds it: 270 and 271 share a guide id, as do the 278 request and response.
    const type = registry.types.find((t) => t.set === doc.set && t.guide === doc.guide && (doc.type === undefined || t.name === doc.type)) ?? registry.forGuide(doc.guide, doc.type);
    if (type === undefined) refuse(`documents[${i}]: no document type for set ${doc.set} guide ${doc.guide}.`);
    const parsed = type.schema.safeParse(doc.record);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      refuse(`documents[${i}].record.${issue.path.join('.')}: ${issue.message}`);
    }
    const envelope: Envelope = doc.envelope ?? { senderQualifier: 'ZZ', sender: opts.sender ?? 'X12D', receiverQualifier: partner.isaQualifier, receiver: partner.isaId, usage: 'P' };
    // Patient data addressed to one partner must not go into another partner's mailbox.
    if (envelope.receiver.trim() !== partner.isaId || envelope.receiverQualifier !== partner.isaQualifier) {
      refuse(`documents[${i}] is addressed to ISA ${envelope.receiverQualifier}:${envelope.receiver.trim()}, but partner ${partner.code} is ISA ${partner.isaQualifier}:${partner.isaId}.`);
    }
    if (type.name === 'EligibilityInquiry') (parsed.data as EligibilityInquiry).inquiries.forEach((q, n) => traceOnce(i, `270 inquiry ${n + 1}`, q.trace?.number));
    if (type.name === 'AuthorizationRequest') traceOnce(i, '278 request', (parsed.data as AuthorizationRequest).event.trace?.number);
    return { type, envelope, record: parsed.data };
  });
}

/** Refuses X12 that our own validator rejects (SNIP 1-2): it would come back as a 999 rejection. Codes and places only. */
function checkWritten(v: FileValidation, prepared: readonly Prepared[]): void {
  const envelopeErrors = v.envelope.findings.filter((f) => f.severity !== 'warning');
  if (envelopeErrors.length > 0) refuse(`the X12 written has envelope errors (${[...new Set(envelopeErrors.map((f) => f.code))].slice(0, 3).join(', ')}); nothing was sent.`);
  if (v.transactions.length !== prepared.length) refuse(`the X12 written holds ${v.transactions.length} transaction sets for ${prepared.length} documents; nothing was sent.`);
  v.transactions.forEach((t, i) => {
    if (t.findings.some((f) => f.severity === 'error' && f.level <= 2)) {
      refuse(`documents[${i}] (${prepared[i].type.name}, ${t.set} set ${t.control}) fails validation: ${findingCodes(t)}; nothing was sent.`, { document: i, set: t.set });
    }
  });
}

/** `837-000000042.x12`: the sets it holds and its first ISA13, unique per partner until the counter wraps. */
function outboundName(env: ReadResult): string {
  const sets = [...new Set(env.interchanges.flatMap((x) => x.groups.flatMap((g) => g.transactions.map((t) => t.set))))].join('-');
  return `${sets}-${env.interchanges[0]?.control ?? 'x12'}.x12`;
}

/** REF*EJ, the patient account number, when the requester gave one on the patient or the subscriber. */
function patientAccount(r: AuthorizationRequest): string | null {
  const refs = [...(r.patient?.references ?? []), ...(r.subscriber.references ?? [])];
  return refs.find((x) => x.qualifier === 'EJ')?.value ?? null;
}

/**
 * Sends documents: writes them as one X12 file with durable control numbers (the partner's counters), checks
 * it with x12d's own validator (SNIP 1-2), records it as a queued outbound file for the partner, and writes
 * its envelope rows (pending) and the rows the answers are matched to: a claim per 837P claim (submitted),
 * an eligibility check per 270 inquiry (pending, by TRN02), an authorization per 278 request (requested,
 * by TRN02). All in one transaction: a refusal or a failure leaves nothing, and the control numbers taken are
 * given back. Throws an X12dError (codes, places and document positions; never patient data) when the
 * documents cannot be sent.
 */
export async function sendDocuments(storage: Storage, input: SendInput, opts: SendOptions): Promise<SendResult> {
  const now = opts.now ?? new Date();
  const partner = await partnerFor(storage, opts.partnerCode);
  const prepared = prepare(input, partner, opts);
  return inTransaction(storage, async (sql) => {
    const parts: string[] = [];
    await writeDocuments(
      { documents: prepared.map((p) => ({ set: p.type.set, guide: p.type.guide, type: p.type.name, envelope: p.envelope, record: p.record })) },
      documentRegistry(),
      (chunk) => parts.push(chunk),
      { allocator: sql.controlNumbers(), partner: partner.code, date: now },
    );
    const bytes = Buffer.from(parts.join(''), 'latin1');
    const validation = await validateX12(bytes, { registry: defaultRegistry(), level: 2, keepTransactions: true });
    checkWritten(validation, prepared);

    // The validator's envelope result is the file as read back: the exact control numbers written.
    const written = validation.envelope;
    const name = opts.name ?? outboundName(written);
    const recorded = await sql.recordOutboundFile(bytes, { name, source: opts.source ?? 'generated', partnerId: partner.id });
    // Fresh control numbers make fresh bytes; the same bytes again means a counter went back.
    if (recorded.duplicate) refuse(`the X12 written is the same as outbound file ${recorded.earlierFileId}: control numbers were reused; nothing was sent.`);
    const fileId = recorded.file.id;
    const env = await recordEnvelopes(sql, written, { fileId, partnerId: partner.id, direction: 'outbound', status: 'pending' });

    let claims = 0;
    let serviceLines = 0;
    const checkRows: unknown[][] = [];
    const authRows: unknown[][] = [];
    for (const [i, p] of prepared.entries()) {
      const setId = env.sets[i].id;
      switch (p.type.name) {
        case 'ProfessionalClaim': {
          const record = p.record as ProfessionalClaim;
          const ids = await sql.nextIds('claim', record.claims.length);
          serviceLines += await storeClaims(
            sql,
            record.claims.map((claim, n) => ({ id: ids[n], claim, status: 'submitted' as const })),
            { partnerId: partner.id, fileId, transactionSetId: setId, submittedAt: now },
          );
          claims += record.claims.length;
          break;
        }
        case 'EligibilityInquiry': {
          const record = p.record as EligibilityInquiry;
          for (const q of record.inquiries) {
            // Pending until the outbound sender has uploaded the file; answered when the 271 comes.
            checkRows.push([partner.id, fileId, q.trace!.number.slice(0, 50), textOrNull(record.informationSource.name.id, 80), textOrNull(q.subscriber.memberId, 80), q.serviceTypes, 'pending', now.toISOString()]);
          }
          break;
        }
        case 'AuthorizationRequest': {
          const record = p.record as AuthorizationRequest;
          // What was asked, to read beside the answer; the response's own detail replaces it.
          const detail = {
            reference: record.transaction.reference,
            requestCategory: record.event.requestCategory,
            certificationType: record.event.certificationType,
            services: record.services.map((s) => ({ procedureCode: s.procedureCode ?? null, modifiers: s.modifiers ?? [], units: s.units ?? null, from: s.serviceDate?.from ?? null, to: s.serviceDate?.to ?? null })),
          };
          authRows.push([partner.id, fileId, record.event.trace!.number.slice(0, 50), textOrNull(patientAccount(record), 38), 'requested', JSON.stringify(detail)]);
          break;
        }
        default:
          // Any other set x12d can write (a 999, a 277CA, ...) has its envelope rows only.
          break;
      }
    }
    await sql.insert('eligibility_check', ['partner_id', 'file_id', 'trace_number', 'payer_id', 'member_id', 'service_type_codes', 'status', 'requested_at'], checkRows);
    await sql.insert('prior_authorization', ['partner_id', 'request_file_id', 'trace_number', 'patient_control_number', 'status', 'detail'], authRows);

    // Counts and control numbers only: what was sent to whom, never what the claims say.
    await sql.query(`insert into audit_event (actor, action, target_type, target_id, detail) values (?, 'send', 'file', ?, ?::jsonb)`, [
      (opts.actor ?? 'x12d').slice(0, 255),
      fileId.toString(),
      JSON.stringify({ partner: partner.code, name, sets: env.sets.map((s) => `${s.set} ${s.control}`), claims, eligibilityChecks: checkRows.length, authorizationRequests: authRows.length }),
    ]);
    const byId = new Map(env.sets.map((s, i) => [s.id, prepared[i].type.name]));
    return Object.freeze({
      fileId,
      name,
      partnerCode: partner.code,
      interchanges: env.interchanges.map((x) => ({
        control: x.control,
        sender: x.sender,
        receiver: x.receiver,
        groups: x.groups.map((g) => ({ functionalId: g.functionalId, control: g.control, sets: g.sets.map((s) => ({ set: s.set, control: s.control, type: byId.get(s.id)!, transactionSetId: s.id })) })),
      })),
      sets: env.sets.length,
      claims,
      serviceLines,
      eligibilityChecks: checkRows.length,
      authorizationRequests: authRows.length,
    });
  });
}
