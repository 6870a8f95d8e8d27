import { autocommit, inTransaction, type Content, type SetFinding, type FileSource, type FileStatus, type Id, type SqlUnit, type Storage } from '../db/index.js';
import { documentRegistry } from '../documents/index.js';
import type { Envelope } from '../documents/convert.js';
import type { DenialRules } from '../routing/denial-taxonomy.js';
import type { FeeSchedule } from '../routing/posting.js';
import { readX12, readX12Sync, type ReadResult } from '../x12/reader.js';
import type { ValidationFinding } from '../validation/validator.js';
import { recordEnvelopes } from './envelopes.js';
import { findingCodes, readForIngest, ReadingStopped, type ReadSet } from './read.js';
import { loadRemittances, type RemittanceSet } from './remittance-load.js';
import { route277, route999, route271, route278, store837, answer837, type InboundClaims, type RouteContext, type SetOutcome } from './routes.js';
import type { Remittance } from '../documents/remittance.js';

/**
 * The ingest pipeline: a file is recorded first (bytes in the content store, one row; the same bytes
 * again are a duplicate and never processed twice), its envelopes are checked (a fast pass, outside any
 * transaction), then it is stored and routed in ONE database transaction: envelopes, per-set records,
 * queue items, outbound acknowledgments. Inside that transaction the sets are validated and mapped as a
 * stream and routed as they come (835s in batches of about a thousand claims), so parsing overlaps the
 * database's writes and memory holds one batch, not the file. Any failure rolls the transaction back and
 * leaves the file row with status `failed` and an error that names codes and positions only (never
 * patient data); the bytes stay.
 */

export interface IngestInput {
  /**
   * The file's bytes, or `{ path }`: a file on disk, read as a stream when it is recorded and again when
   * it is processed, never whole in memory (what the daemon's intake uses, for files of any size).
   */
  readonly bytes: Content;
  /** The file's name where it came from (no folders). */
  readonly name: string;
  readonly source: FileSource;
  /** The trading partner's code (configuration id), when the intake knows it. */
  readonly partnerCode?: string;
  /** The mailbox row's key (see syncPartners) of the SFTP mailbox or drop folder it came through. */
  readonly mailboxKey?: string;
}

/** Points in the pipeline a test (or a tracer) can observe; a hook that throws fails the file there. */
export type IngestStage = 'read' | 'envelopes' | 'set-routed' | 'acknowledgments' | 'before-commit';

export interface IngestOptions {
  readonly feeSchedule?: FeeSchedule;
  readonly rules?: DenialRules;
  /** Called inside the transaction at each stage (after the stage's rows are written). */
  readonly onStage?: (stage: IngestStage, detail: { readonly set?: string; readonly control?: string }) => void | Promise<void>;
  readonly now?: Date;
  /** 835 sets are loaded together until a batch holds at least this many claims. Default 1,000. */
  readonly remittanceBatchClaims?: number;
  /** Bytes read per slice between turns of the event loop (default 32 KiB in memory, 64 KiB from a file). */
  readonly readSliceBytes?: number;
}

export interface TransactionResult {
  readonly set: string;
  readonly control: string;
  /** Record type (Remittance, ClaimAcknowledgment, ...) or null when x12d has none for the set. */
  readonly type: string | null;
  /** routed: its records and queue items were written; rejected: failed SNIP 1-2 (an inbound 837 set, answered by the 999); duplicate: the same remittance was loaded before; stored: kept, nothing to route. */
  readonly status: 'routed' | 'rejected' | 'duplicate' | 'stored';
  readonly claims: number;
  readonly postings: number;
  readonly denials: number;
  readonly workItems: number;
  /** Validation findings in the set (all SNIP levels, warnings included); kept on its transaction_set row. */
  readonly findings: number;
  readonly note?: string;
}

export interface IngestResult {
  /** The row recorded for these bytes (for a duplicate: the duplicate's own row). */
  readonly fileId: Id;
  readonly status: FileStatus;
  readonly duplicate: boolean;
  /** For a duplicate: the file that first brought these bytes. */
  readonly duplicateOfId: Id | null;
  /** The file whose content was processed by this call (the earlier one when a duplicate finished an interrupted run), else null. */
  readonly processedFileId: Id | null;
  readonly transactions: readonly TransactionResult[];
  readonly postings: number;
  readonly denials: number;
  readonly workItems: number;
  /** Outbound files written (999, 277CA for an inbound 837), status queued. */
  readonly outboundFileIds: readonly Id[];
  readonly error?: string;
}

/** An error whose message is safe to store and print (codes and positions, no patient data). */
export class IngestError extends Error {
  override readonly name = 'IngestError';
}

/** A message fit for `file.last_error`: our own errors as they are; database errors by SQLSTATE only (their text may quote data). */
export function safeErrorText(e: unknown): string {
  if (e instanceof IngestError) return e.message;
  const o = (e ?? {}) as { sqlState?: unknown; code?: unknown; constraint?: unknown; name?: unknown; message?: unknown };
  const state = typeof o.sqlState === 'string' ? o.sqlState : typeof o.code === 'string' && /^[0-9A-Z]{5}$/.test(o.code) ? o.code : undefined;
  if (state !== undefined) return `database error ${state}${typeof o.constraint === 'string' ? ` (${o.constraint})` : ''} while routing`;
  if (e instanceof Error) {
    // MikroORM's exceptions carry the SQL (with values) in the message.
    if (/\b(insert into|update |select |delete from)\b/i.test(e.message)) return `${e.name} while routing (database statement failed)`;
    return `${e.name}: ${e.message.split('\n')[0].slice(0, 300)}`;
  }
  return 'unexpected failure while routing';
}

/**
 * Statuses whose work is not done: the same bytes arriving again run them (again). A failed file is
 * included: its failure may have been the database's rather than the file's, and running a file is all
 * or nothing and locks its row, so trying once more never does anything twice.
 */
export const UNFINISHED: readonly FileStatus[] = ['received', 'processing', 'failed'];

/**
 * Ingests one file. Never throws for bad input: a file that cannot be read, validated or routed is
 * returned (and stored) with status `failed` and its error. Throws only when storage itself fails
 * before the file is recorded.
 */
export async function ingestFile(storage: Storage, input: IngestInput, opts: IngestOptions = {}): Promise<IngestResult> {
  const db = autocommit(storage);
  const partnerId = await partnerIdFor(db, input.partnerCode);
  const mailboxId = input.mailboxKey === undefined ? null : await mailboxIdFor(db, input.mailboxKey);
  const recorded = await db.recordInboundFile(input.bytes, { name: input.name, source: input.source, partnerId, mailboxId });
  const empty = { transactions: [], postings: 0, denials: 0, workItems: 0, outboundFileIds: [] };
  if (recorded.duplicate) {
    const earlierId = recorded.earlierFileId!;
    const [earlier] = await db.query<{ status: FileStatus }>(`select status from file where id = ?`, [earlierId]);
    // The same bytes again after an interrupted run (the earlier row never finished): finish that work now.
    if (earlier !== undefined && UNFINISHED.includes(earlier.status)) {
      const done = await processFile(storage, earlierId, input.bytes, partnerId, opts);
      return { ...done, fileId: recorded.file.id, duplicate: true, duplicateOfId: earlierId, processedFileId: earlierId };
    }
    return { fileId: recorded.file.id, status: 'duplicate', duplicate: true, duplicateOfId: earlierId, processedFileId: null, ...empty };
  }
  return processFile(storage, recorded.file.id, input.bytes, partnerId, opts);
}

/**
 * Processes a recorded inbound file (status received, processing or failed) from its bytes: one
 * transaction; on failure the file is marked failed with the error and nothing else is kept.
 */
export async function processFile(storage: Storage, fileId: Id, bytes: Content, partnerId: Id | null, opts: IngestOptions = {}): Promise<IngestResult> {
  const db = autocommit(storage);
  await db.query(`update file set status = 'processing', attempts = attempts + 1, processing_started_at = now(), last_error = null, updated_at = now() where id = ? and status in ('received', 'processing', 'failed')`, [fileId]);
  const base = { fileId, duplicate: false, duplicateOfId: null, processedFileId: fileId };
  let envelope: ReadResult | undefined;
  try {
    envelope = bytes instanceof Uint8Array ? readX12Sync(bytes) : await readX12(bytes.path);
    checkEnvelopes(envelope);
    const env = envelope;
    const done = await inTransaction(storage, (sql) => route(sql, fileId, partnerId, bytes, env, opts));
    if (done === 'already-processed') return { ...base, status: 'processed', transactions: [], postings: 0, denials: 0, workItems: 0, outboundFileIds: [] };
    return { ...base, status: 'processed', ...done };
  } catch (e) {
    const error = safeErrorText(e);
    await db.query(`update file set status = 'failed', last_error = ?, updated_at = now() where id = ?`, [error, fileId]);
    const sets = (envelope?.interchanges ?? []).flatMap((x) => x.groups.flatMap((g) => g.transactions));
    return {
      ...base,
      status: 'failed',
      transactions: sets.map((t) => ({ set: t.set, control: t.control, type: null, status: 'stored' as const, claims: 0, postings: 0, denials: 0, workItems: 0, findings: 0 })),
      postings: 0,
      denials: 0,
      workItems: 0,
      outboundFileIds: [],
      error,
    };
  }
}

async function mailboxIdFor(db: SqlUnit, key: string): Promise<Id | null> {
  const [row] = await db.query<{ id: string }>(`select id from mailbox where key = ?`, [key]);
  return row === undefined ? null : BigInt(row.id);
}

async function partnerIdFor(db: SqlUnit, code: string | undefined): Promise<Id | null> {
  if (code === undefined) return null;
  const [row] = await db.query<{ id: string }>(`select id from trading_partner where code = ?`, [code]);
  return row === undefined ? null : BigInt(row.id);
}

function envelopeCodes(env: ReadResult): string {
  const codes = [...new Set(env.findings.filter((f) => f.severity !== 'warning').map((f) => f.code))].slice(0, 3);
  return codes.length > 0 ? ` (${codes.join(', ')})` : '';
}

function checkEnvelopes(env: ReadResult): void {
  if (env.interchanges.length === 0) throw new IngestError(`not an X12 file x12d can read${envelopeCodes(env)}`);
  if (env.fatal) throw new IngestError(`the file's envelopes are damaged, it cannot be read to the end${envelopeCodes(env)}`);
  if (!env.interchanges.some((x) => x.groups.some((g) => g.transactions.length > 0))) throw new IngestError('the file holds no transaction set');
}

function checkSet(s: ReadSet): void {
  if (s.mapError !== undefined) throw new IngestError(s.mapError);
  // A rejected inbound 837 set is answered by the 999; any other set that fails SNIP 1-2 cannot be routed.
  if (s.rejected && s.verdict.set !== '837') throw new IngestError(`${s.verdict.set} set ${s.verdict.control} failed validation: ${findingCodes(s.verdict)}`);
}

/** Findings kept per set: enough to see what is wrong, not a copy of a broken file. */
const KEPT_FINDINGS = 100;

/** A set's findings as its row keeps them: places, codes and words, never the value (it may be patient data). */
function setFindings(findings: readonly ValidationFinding[]): SetFinding[] {
  return findings.slice(0, KEPT_FINDINGS).map((f) => ({
    level: f.level,
    severity: f.severity,
    code: f.rule ?? f.code,
    segment: f.segmentId,
    position: f.position,
    element: f.element,
    loop: f.loop,
    message: f.message,
  }));
}

/** 835 sets are loaded together up to about this many claims (one statement per table per batch). */
const REMITTANCE_BATCH_CLAIMS = 1000;

async function route(sql: SqlUnit, fileId: Id, partnerId: Id | null, bytes: Content, env: ReadResult, opts: IngestOptions): Promise<Omit<IngestResult, 'fileId' | 'status' | 'duplicate' | 'duplicateOfId' | 'processedFileId'> | 'already-processed'> {
  // Lock the file row: a second daemon processing the same file waits here, then sees it processed.
  const [file] = await sql.query<{ status: FileStatus }>(`select status from file where id = ? for update`, [fileId]);
  if (file?.status === 'processed') return 'already-processed';
  const hook = opts.onStage ?? (() => undefined);
  const now = opts.now ?? new Date();

  // Envelopes.
  const recorded = await recordEnvelopes(sql, env, { fileId, partnerId, direction: 'inbound', status: 'received' });
  const setIdByOffset = new Map<number, Id>(recorded.sets.map((t) => [t.offset, t.id]));
  const gIds = recorded.interchanges.flatMap((x) => x.groups.map((g) => g.id));
  const xIds = recorded.interchanges.map((x) => x.id);
  await hook('envelopes', {});

  // Per set, as the stream delivers them.
  const ctx: RouteContext = { sql, fileId, partnerId, now, ...(opts.feeSchedule ? { feeSchedule: opts.feeSchedule } : {}), ...(opts.rules ? { rules: opts.rules } : {}) };
  const results: TransactionResult[] = [];
  const inbound837: InboundClaims[] = [];
  const statusBySet = new Map<Id, string>();
  const findingsBySet = new Map<Id, string>();
  const done = (s: ReadSet, setId: Id | null, outcome: SetOutcome) => {
    results.push({ set: s.verdict.set, control: s.verdict.control, type: s.type, ...outcome, findings: s.verdict.findingCount });
    if (setId !== null) {
      statusBySet.set(setId, outcome.status === 'rejected' ? 'rejected' : 'processed');
      if (s.verdict.findings.length > 0) findingsBySet.set(setId, JSON.stringify(setFindings(s.verdict.findings)));
    }
    return hook('set-routed', { set: s.verdict.set, control: s.verdict.control });
  };
  let remittances: { s: ReadSet; set: RemittanceSet }[] = [];
  let remittanceClaims = 0;
  const flushRemittances = async () => {
    if (remittances.length === 0) return;
    const batch = remittances;
    remittances = [];
    remittanceClaims = 0;
    const outcomes = await loadRemittances(ctx, batch.map((b) => b.set));
    for (let i = 0; i < batch.length; i++) await done(batch[i].s, batch[i].set.setId, outcomes[i]);
  };

  // Sets read but not routed yet. The reading waits while they hold more claims than two batches, so
  // memory stays bounded when the database is slower than parsing.
  const arrived: ReadSet[] = [];
  const claimLimit = 2 * (opts.remittanceBatchClaims ?? REMITTANCE_BATCH_CLAIMS);
  let queuedClaims = 0;
  let wake: (() => void) | null = null;
  let room: (() => void) | null = null;
  let stop = false;
  let finished = false;
  const signal = () => {
    const w = wake;
    wake = null;
    w?.();
  };
  const claimsIn = (s: ReadSet) => (s.type === 'Remittance' ? (s.record as Remittance).claims.length : 1);
  const reading = readForIngest(bytes, documentRegistry(), {
    onSet: (s) => {
      arrived.push(s);
      queuedClaims += claimsIn(s);
      signal();
    },
    stopped: () => stop,
    ...(opts.readSliceBytes === undefined ? {} : { sliceBytes: opts.readSliceBytes }),
    backlog: () => (queuedClaims > claimLimit && !stop ? new Promise<void>((resolve) => (room = resolve)) : undefined),
  }).finally(() => {
    finished = true;
    signal();
  });
  // Handled below; marked handled now so a failure while a write is awaited is not an unhandled rejection.
  reading.catch(() => undefined);
  const take = (): ReadSet | undefined => {
    const s = arrived.shift();
    if (s !== undefined) queuedClaims -= claimsIn(s);
    if (room !== null && queuedClaims <= claimLimit) {
      const r = room;
      room = null;
      r();
    }
    return s;
  };
  try {
    for (;;) {
      const s = take();
      if (s === undefined) {
        if (finished) break;
        await new Promise<void>((resolve) => (wake = resolve));
        continue;
      }
      checkSet(s);
      const setId = setIdByOffset.get(s.verdict.offset) ?? null;
      if (s.type === 'Remittance') {
        const r = s.record as Remittance;
        remittances.push({ s, set: { remittance: r, setId } });
        remittanceClaims += r.claims.length;
        if (remittanceClaims >= (opts.remittanceBatchClaims ?? REMITTANCE_BATCH_CLAIMS)) await flushRemittances();
        continue;
      }
      await flushRemittances();
      await done(s, setId, await routeSet(ctx, s, setId, inbound837));
    }
    await flushRemittances();
  } catch (e) {
    // Stop the reading (waking it if it waits for room) and let it settle before the transaction rolls back.
    stop = true;
    const r = room as (() => void) | null;
    room = null;
    r?.();
    await reading.catch(() => undefined);
    throw e;
  }
  const read = await reading.catch((e: unknown) => {
    throw e instanceof ReadingStopped ? new IngestError('reading stopped') : e;
  });

  for (const status of ['processed', 'rejected']) {
    const ids = [...statusBySet].filter(([, st]) => st === status).map(([id]) => id);
    if (ids.length > 0) await sql.query(`update transaction_set set status = ?, updated_at = now() where id = any(?::bigint[])`, [status, ids]);
  }
  if (findingsBySet.size > 0) {
    await sql.query(`update transaction_set t set findings = u.findings from unnest(?::bigint[], ?::jsonb[]) as u(id, findings) where t.id = u.id`, [[...findingsBySet.keys()], [...findingsBySet.values()]]);
  }
  await sql.query(`update functional_group set status = 'processed', updated_at = now() where id = any(?::bigint[])`, [gIds]);
  await sql.query(`update interchange set status = 'processed', updated_at = now() where id = any(?::bigint[])`, [xIds]);

  // An inbound 837 is answered: a 999 for its groups and a 277CA for the claims in accepted sets.
  const outboundFileIds: Id[] = [];
  if (results.some((r) => r.set === '837')) {
    outboundFileIds.push(...(await answer837(ctx, read.validation, inbound837)));
    await hook('acknowledgments', {});
  }
  await hook('before-commit', {});
  await sql.query(`update file set status = 'processed', processed_at = now(), last_error = null, updated_at = now() where id = ?`, [fileId]);
  const sum = (k: 'postings' | 'denials' | 'workItems') => results.reduce((t, r) => t + r[k], 0);
  return { transactions: results, postings: sum('postings'), denials: sum('denials'), workItems: sum('workItems'), outboundFileIds };
}

async function routeSet(ctx: RouteContext, s: ReadSet, setId: Id | null, inbound837: InboundClaims[]): Promise<SetOutcome> {
  const none: SetOutcome = { status: 'stored', claims: 0, postings: 0, denials: 0, workItems: 0 };
  switch (s.type) {
    case 'Remittance':
      return (await loadRemittances(ctx, [{ remittance: s.record as Remittance, setId }]))[0];
    case 'ClaimAcknowledgment':
      return route277(ctx, s.record as never, setId);
    case 'ImplementationAcknowledgment':
      return route999(ctx, s.record as never, setId);
    case 'EligibilityResponse':
      return route271(ctx, s.record as never, setId);
    case 'AuthorizationResponse':
      return route278(ctx, s.record as never, setId);
    case 'ProfessionalClaim': {
      const stored = await store837(ctx, s, setId);
      inbound837.push(stored);
      return { status: s.rejected ? 'rejected' : 'routed', claims: stored.claims.length, postings: 0, denials: 0, workItems: 0 };
    }
    default:
      return none;
  }
}

export type { Envelope };
