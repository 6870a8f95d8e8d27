/**
 * What storage holds, as plain readonly data. The rest of x12d reads and writes these records; only src/db
 * knows they are MikroORM entities (entities.ts checks at compile time that each entity and its record
 * have the same fields).
 *
 * Conventions: ids are the tables' bigint identity keys, as `bigint`; money is an exact decimal string with
 * two places ("1234.50", numeric(14,2) in the database; never a float); calendar dates are "YYYY-MM-DD";
 * instants are Dates; a field that may be absent is `| null`.
 */

export type Id = bigint;
/** An exact amount, two decimal places: "1234.50", "-20.00". Stored as numeric(14,2). */
export type Money = string;
/** A calendar date, "YYYY-MM-DD". */
export type IsoDate = string;

export const DIRECTIONS = ['inbound', 'outbound'] as const;
export type Direction = (typeof DIRECTIONS)[number];

export const FILE_KINDS = ['x12', 'csv', 'json', 'xml'] as const;
export type FileKind = (typeof FILE_KINDS)[number];

export const FILE_SOURCES = ['drop', 'sftp', 'cli', 'generated'] as const;
export type FileSource = (typeof FILE_SOURCES)[number];

/**
 * received: recorded, waiting; processing: being read and routed; processed: done; failed: kept with its
 * error; duplicate: the same bytes as an earlier file (see duplicateOfId), never processed. Outbound files
 * also go queued -> sent.
 */
export const FILE_STATUSES = ['received', 'processing', 'processed', 'failed', 'duplicate', 'queued', 'sent'] as const;
export type FileStatus = (typeof FILE_STATUSES)[number];

export const MAILBOX_KINDS = ['sftp', 'drop'] as const;
export type MailboxKind = (typeof MAILBOX_KINDS)[number];

/** Interchanges, groups and sets: inbound ones are received -> processed | rejected | failed; outbound ones pending -> sent -> an acknowledgment verdict. */
export const ENVELOPE_STATUSES = ['received', 'processed', 'rejected', 'failed', 'pending', 'sent', 'accepted', 'accepted_with_errors', 'partially_accepted'] as const;
export type EnvelopeStatus = (typeof ENVELOPE_STATUSES)[number];

export const INTERCHANGE_USAGES = ['P', 'T'] as const;
export type InterchangeUsage = (typeof INTERCHANGE_USAGES)[number];

export const CLAIM_STATUSES = ['submitted', 'accepted', 'rejected', 'paid', 'partially_paid', 'denied', 'reversed'] as const;
export type ClaimStatus = (typeof CLAIM_STATUSES)[number];

export const STATUS_EVENT_SOURCES = ['TA1', '999', '277CA', '835', 'manual'] as const;
export type StatusEventSource = (typeof STATUS_EVENT_SOURCES)[number];

export const STATUS_EVENT_KINDS = ['accepted', 'accepted_with_errors', 'rejected', 'pended', 'paid', 'partially_paid', 'denied', 'reversed', 'info'] as const;
export type StatusEventKind = (typeof STATUS_EVENT_KINDS)[number];

/** 835 CAS01 claim adjustment group codes (CR is retired in 5010 but still seen). */
export const ADJUSTMENT_GROUPS = ['CO', 'PR', 'OA', 'PI', 'CR'] as const;
export type AdjustmentGroup = (typeof ADJUSTMENT_GROUPS)[number];

export const ELIGIBILITY_STATUSES = ['pending', 'sent', 'answered', 'failed'] as const;
export type EligibilityStatus = (typeof ELIGIBILITY_STATUSES)[number];

export const AUTHORIZATION_STATUSES = ['requested', 'approved', 'denied', 'pended', 'modified', 'cancelled', 'not_required'] as const;
export type AuthorizationStatus = (typeof AUTHORIZATION_STATUSES)[number];

/**
 * Where a work item came from: a claim rejected by a 999 or 277CA or denied in an 835; or, with no claim
 * yet, a 271 saying coverage is not active (or the payer could not answer) and a 278 not certified.
 */
export const DENIAL_SOURCES = ['999', '277CA', '835', '271', '278'] as const;
export type DenialSource = (typeof DENIAL_SOURCES)[number];

/** Why a claim or line was denied, from CARC, RARC and group code (or the 999/277CA front end). */
export const DENIAL_ROOT_CAUSES = [
  'eligibility',
  'authorization',
  'coding',
  'bundling',
  'medical_necessity',
  'duplicate',
  'timely_filing',
  'missing_information',
  'coordination_of_benefits',
  'non_covered',
  'frequency',
  'front_end_rejection',
  'other',
] as const;
export type DenialRootCause = (typeof DENIAL_ROOT_CAUSES)[number];

export const DENIAL_STATUSES = ['open', 'claimed', 'resolved'] as const;
export type DenialStatus = (typeof DENIAL_STATUSES)[number];

export const POSTING_STATUSES = ['open', 'claimed', 'posted', 'reversed'] as const;
export type PostingStatus = (typeof POSTING_STATUSES)[number];

export const CONTROL_NUMBER_KINDS = ['interchange', 'group', 'transaction'] as const;
export type ControlNumberKindRecord = (typeof CONTROL_NUMBER_KINDS)[number];

export interface TradingPartnerRecord {
  readonly id: Id;
  /** The partner's id in the configuration. */
  readonly code: string;
  readonly name: string;
  readonly isaQualifier: string;
  readonly isaId: string;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

export interface MailboxRecord {
  readonly id: Id;
  readonly partnerId: Id | null;
  readonly kind: MailboxKind;
  /** Stable key: `sftp:<partner>` or `drop:<path>`. */
  readonly key: string;
  readonly fileKind: FileKind;
  readonly host: string | null;
  readonly port: number | null;
  readonly username: string | null;
  readonly hostKeySha256: string | null;
  /** The remote inbound folder, or the local drop folder. */
  readonly inboundPath: string;
  readonly outboundPath: string | null;
  readonly archivePath: string | null;
  readonly pollSeconds: number | null;
  readonly enabled: boolean;
  readonly lastPolledAt: Date | null;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

export interface FileRecord {
  readonly id: Id;
  readonly direction: Direction;
  readonly name: string;
  readonly source: FileSource;
  readonly kind: FileKind;
  readonly partnerId: Id | null;
  readonly mailboxId: Id | null;
  /** Hex SHA-256 of the bytes; the bytes are in the content store under this hash. */
  readonly sha256: string;
  readonly size: number;
  readonly status: FileStatus;
  readonly attempts: number;
  readonly lastError: string | null;
  /** For a duplicate: the file that first brought these bytes. */
  readonly duplicateOfId: Id | null;
  readonly receivedAt: Date;
  readonly processingStartedAt: Date | null;
  readonly processedAt: Date | null;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

export interface InterchangeRecord {
  readonly id: Id;
  readonly fileId: Id;
  readonly direction: Direction;
  readonly partnerId: Id | null;
  /** ISA13. */
  readonly controlNumber: string;
  readonly senderQualifier: string;
  readonly senderId: string;
  readonly receiverQualifier: string;
  readonly receiverId: string;
  /** ISA09/ISA10 as an instant, when readable. */
  readonly preparedAt: Date | null;
  readonly usage: InterchangeUsage;
  readonly status: EnvelopeStatus;
  /** TA104 when a TA1 answered it. */
  readonly ackCode: string | null;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

export interface FunctionalGroupRecord {
  readonly id: Id;
  readonly interchangeId: Id;
  /** GS01. */
  readonly functionalId: string;
  /** GS06. */
  readonly controlNumber: string;
  readonly senderCode: string;
  readonly receiverCode: string;
  /** GS08. */
  readonly version: string;
  readonly transactionCount: number | null;
  readonly status: EnvelopeStatus;
  /** AK901 from the 999 that answered it. */
  readonly ackCode: string | null;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

/**
 * A validation finding as kept with its transaction set: where, which rule or 999 code, and the words;
 * never the element's value (it may be patient data).
 */
export interface SetFinding {
  readonly level: number;
  readonly severity: 'error' | 'warning';
  readonly code: string;
  readonly segment: string;
  readonly position: number;
  readonly element: number;
  readonly loop: string;
  readonly message: string;
}

export interface TransactionSetRecord {
  readonly id: Id;
  readonly groupId: Id;
  /** ST01. */
  readonly setId: string;
  /** ST02. */
  readonly controlNumber: string;
  /** ST03 or the group's GS08. */
  readonly guide: string | null;
  readonly segmentCount: number | null;
  readonly status: EnvelopeStatus;
  /** IK501 from the 999 that answered it. */
  readonly ackCode: string | null;
  /** What validation found in an inbound set (SNIP 1-5), codes, places and words only; null when nothing. */
  readonly findings: readonly SetFinding[] | null;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

export interface ClaimRecord {
  readonly id: Id;
  readonly partnerId: Id | null;
  readonly fileId: Id | null;
  readonly transactionSetId: Id | null;
  /** CLM01. */
  readonly patientControlNumber: string;
  readonly payerId: string | null;
  /** The payer's claim number, once a 277CA or 835 gives it. */
  readonly payerClaimNumber: string | null;
  readonly billingProviderNpi: string | null;
  readonly totalCharge: Money;
  readonly serviceDateFrom: IsoDate | null;
  readonly serviceDateTo: IsoDate | null;
  readonly status: ClaimStatus;
  /** The typed claim document as submitted. */
  readonly detail: unknown;
  readonly submittedAt: Date | null;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

export interface ServiceLineRecord {
  readonly id: Id;
  readonly claimId: Id;
  /** LX01. */
  readonly lineNumber: number;
  readonly procedureCode: string;
  readonly modifiers: readonly string[];
  readonly chargeAmount: Money;
  /** SV104, exact decimal text. */
  readonly units: string | null;
  readonly serviceDate: IsoDate | null;
  /** REF*6R. */
  readonly lineItemControlNumber: string | null;
  readonly createdAt: Date;
}

export interface ClaimStatusEventRecord {
  readonly id: Id;
  readonly claimId: Id | null;
  readonly source: StatusEventSource;
  readonly kind: StatusEventKind;
  /** STC01-1 (277CA), IK501 (999) or CLP02 (835). */
  readonly categoryCode: string | null;
  /** STC01-2. */
  readonly statusCode: string | null;
  readonly entityCode: string | null;
  readonly description: string | null;
  readonly fileId: Id | null;
  readonly transactionSetId: Id | null;
  readonly occurredAt: Date;
  readonly createdAt: Date;
}

export interface RemittanceRecord {
  readonly id: Id;
  readonly fileId: Id;
  readonly transactionSetId: Id | null;
  readonly partnerId: Id | null;
  /** TRN03 (or the payer's N1*PR id); with traceNumber, unique. */
  readonly payerId: string;
  readonly payerName: string | null;
  /** TRN02. */
  readonly traceNumber: string;
  /** BPR04. */
  readonly paymentMethod: string | null;
  /** BPR02. */
  readonly paymentAmount: Money;
  /** BPR16. */
  readonly paymentDate: IsoDate | null;
  readonly payeeNpi: string | null;
  readonly createdAt: Date;
}

export interface ClaimPaymentRecord {
  readonly id: Id;
  readonly remittanceId: Id;
  /** The submitted claim it pays, when matched. */
  readonly claimId: Id | null;
  /** CLP01. */
  readonly patientControlNumber: string;
  /** CLP02: 1 primary, 2 secondary, 4 denied, 22 reversal, ... */
  readonly statusCode: string;
  readonly chargeAmount: Money;
  readonly paidAmount: Money;
  readonly patientResponsibility: Money | null;
  /** CLP06. */
  readonly filingIndicator: string | null;
  /** CLP07. */
  readonly payerClaimNumber: string | null;
  /** Claim-level CAS adjustments, in file order. */
  readonly adjustments: readonly AdjustmentItem[];
  readonly createdAt: Date;
}

/**
 * One CAS adjustment (group, CARC, amount), kept inside its claim or service payment row as jsonb: an
 * 835 claim carries three or four of them, and as rows of their own (two foreign keys each) they were
 * the largest share of the database's work per claim. Amounts stay exact decimal strings. The view
 * `adjustment` (AdjustmentRecord) spreads them back into rows for reports.
 */
export interface AdjustmentItem {
  readonly group: AdjustmentGroup;
  /** CARC. */
  readonly reason: string;
  readonly amount: Money;
  readonly quantity: string | null;
}

export interface ServicePaymentRecord {
  readonly id: Id;
  readonly claimPaymentId: Id;
  readonly serviceLineId: Id | null;
  readonly procedureCode: string;
  readonly modifiers: readonly string[];
  readonly chargeAmount: Money;
  readonly paidAmount: Money;
  readonly units: string | null;
  readonly serviceDate: IsoDate | null;
  readonly lineItemControlNumber: string | null;
  /** LQ*HE remark codes (RARC). */
  readonly remarkCodes: readonly string[];
  /** Line-level CAS adjustments, in file order. */
  readonly adjustments: readonly AdjustmentItem[];
  readonly createdAt: Date;
}

/** A row of the view `adjustment`: every CAS adjustment of every claim and service payment. */
export interface AdjustmentRecord {
  readonly claimPaymentId: Id;
  /** Null for a claim-level adjustment. */
  readonly servicePaymentId: Id | null;
  /** 1-based place among its payment's adjustments. */
  readonly position: number;
  readonly groupCode: AdjustmentGroup;
  /** CARC. */
  readonly reasonCode: string;
  readonly amount: Money;
  readonly quantity: string | null;
}

/** A chunk of a stored file's bytes (file content kept in the database). */
export interface FileContentRecord {
  readonly sha256: string;
  /** 0-based chunk number. */
  readonly seq: number;
  readonly bytes: Uint8Array;
}

export interface ProviderAdjustmentRecord {
  readonly id: Id;
  readonly remittanceId: Id;
  /** PLB01. */
  readonly providerId: string;
  /** PLB02. */
  readonly fiscalPeriodDate: IsoDate;
  /** PLB03-1. */
  readonly reasonCode: string;
  /** PLB03-2. */
  readonly reference: string | null;
  readonly amount: Money;
  readonly createdAt: Date;
}

export interface EligibilityCheckRecord {
  readonly id: Id;
  readonly partnerId: Id | null;
  /** The outbound 270. */
  readonly fileId: Id | null;
  /** Our TRN02, echoed by the 271. */
  readonly traceNumber: string;
  readonly payerId: string | null;
  readonly memberId: string | null;
  readonly serviceTypeCodes: readonly string[];
  readonly status: EligibilityStatus;
  readonly requestedAt: Date;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

export interface EligibilityResponseRecord {
  readonly id: Id;
  readonly checkId: Id | null;
  readonly fileId: Id | null;
  readonly transactionSetId: Id | null;
  readonly traceNumber: string | null;
  readonly coverageActive: boolean | null;
  readonly planName: string | null;
  /** The typed 271 benefits. */
  readonly detail: unknown;
  readonly receivedAt: Date;
  readonly createdAt: Date;
}

export interface AuthorizationRecord {
  readonly id: Id;
  readonly partnerId: Id | null;
  readonly requestFileId: Id | null;
  readonly responseFileId: Id | null;
  readonly traceNumber: string | null;
  readonly patientControlNumber: string | null;
  readonly status: AuthorizationStatus;
  /** HCR01. */
  readonly reviewDecisionCode: string | null;
  /** HCR02. */
  readonly certificationNumber: string | null;
  readonly effectiveFrom: IsoDate | null;
  readonly effectiveTo: IsoDate | null;
  readonly detail: unknown;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

/** Fields every work-queue item has; `claimQueueItems` moves them from open to claimed. */
export interface QueueItemFields {
  readonly id: Id;
  readonly patientControlNumber: string;
  readonly claimedBy: string | null;
  readonly claimedAt: Date | null;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

/**
 * A denial or a front-desk work item. For a 271 or 278 item there is no claim: `patientControlNumber` then
 * holds the identifier the practice gave the request (see src/app/routes.ts route271 and route278).
 */
export interface DenialQueueItemRecord extends QueueItemFields {
  readonly claimId: Id | null;
  readonly claimPaymentId: Id | null;
  readonly servicePaymentId: Id | null;
  readonly source: DenialSource;
  readonly rootCause: DenialRootCause;
  /** What to do, in a billing office's words. */
  readonly action: string;
  /** "CO-197", "N54", "A7:21", ... */
  readonly reasonCodes: readonly string[];
  readonly description: string | null;
  readonly amount: Money | null;
  readonly status: DenialStatus;
  readonly resolvedAt: Date | null;
  readonly resolution: string | null;
}

export interface PostingQueueItemRecord extends QueueItemFields {
  readonly claimPaymentId: Id;
  readonly remittanceId: Id;
  readonly paidAmount: Money;
  /** PR-1. */
  readonly deductible: Money;
  /** PR-2. */
  readonly coinsurance: Money;
  /** PR-3. */
  readonly copay: Money;
  /** Other PR amounts. */
  readonly otherPatientResponsibility: Money;
  /** CO amounts. */
  readonly contractualAdjustment: Money;
  /** What the fee schedule expects, when one is configured. */
  readonly expectedAmount: Money | null;
  /** Expected minus allowed, when positive. */
  readonly underpaymentAmount: Money | null;
  /** For a reversal (CLP02=22): the posting it undoes. */
  readonly reversesId: Id | null;
  readonly status: PostingStatus;
  readonly postedAt: Date | null;
  readonly exportedAt: Date | null;
}

export interface ControlNumberCounterRecord {
  readonly id: Id;
  /** The partner id from the configuration (or any name the writer is given). */
  readonly partner: string;
  readonly kind: ControlNumberKindRecord;
  /** The last number handed out. */
  readonly lastValue: number;
  readonly updatedAt: Date;
}

export interface AuditEventRecord {
  readonly id: Id;
  /** Who: a user, `daemon:<host>:<pid>`, `cli`. */
  readonly actor: string;
  /** What: `queue.claim`, `file.reprocess`, `partner.sync`, ... */
  readonly action: string;
  readonly targetType: string;
  readonly targetId: string | null;
  /** Ids and codes only; never patient data. */
  readonly detail: unknown;
  readonly occurredAt: Date;
}
