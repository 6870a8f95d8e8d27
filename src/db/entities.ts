import { defineEntity, p, type InferEntity } from '@mikro-orm/postgresql';
import * as R from './records.js';

/**
 * The tables, as MikroORM 6 `defineEntity` schemas (no decorators). Every table has a bigint identity key;
 * relations are mapped to the key itself (`mapToPk`), so an entity is a flat row with the same fields as its
 * record in records.ts (checked at the bottom of this file). Money is numeric(14,2) read as an exact string.
 *
 * Changing anything here needs a migration: generate one (see migrations/index.ts) and check it in.
 */

const id = () => p.bigint().primary().autoincrement().columnType('bigint').generated('by default as identity');
const money = () => p.decimal('string').precision(14).scale(2);
const quantity = () => p.decimal('string').precision(15).scale(3);
const createdAt = () => p.datetime().defaultRaw('now()');
const updatedAt = () =>
  p
    .datetime()
    .defaultRaw('now()')
    .onUpdate(() => new Date());

export const TradingPartnerEntity = defineEntity({
  name: 'TradingPartner',
  tableName: 'trading_partner',
  properties: {
    id: id(),
    code: p.string().unique('trading_partner_code_unique'),
    name: p.string(),
    isaQualifier: p.string().length(2),
    isaId: p.string().length(15),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
});

export const MailboxEntity = defineEntity({
  name: 'Mailbox',
  tableName: 'mailbox',
  properties: {
    id: id(),
    partnerId: p.manyToOne(TradingPartnerEntity).mapToPk().nullable().fieldName('partner_id'),
    kind: p.enum([...R.MAILBOX_KINDS]),
    key: p.string().unique('mailbox_key_unique'),
    fileKind: p.enum([...R.FILE_KINDS]).default('x12'),
    host: p.string().nullable(),
    port: p.integer().nullable(),
    username: p.string().nullable(),
    hostKeySha256: p.string().nullable(),
    inboundPath: p.text(),
    outboundPath: p.text().nullable(),
    archivePath: p.text().nullable(),
    pollSeconds: p.integer().nullable(),
    enabled: p.boolean().default(true),
    lastPolledAt: p.datetime().nullable(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
});

export const FileEntity = defineEntity({
  name: 'StoredFile',
  tableName: 'file',
  properties: {
    id: id(),
    direction: p.enum([...R.DIRECTIONS]),
    name: p.text(),
    source: p.enum([...R.FILE_SOURCES]),
    kind: p.enum([...R.FILE_KINDS]).default('x12'),
    partnerId: p.manyToOne(TradingPartnerEntity).mapToPk().nullable().fieldName('partner_id'),
    mailboxId: p.manyToOne(MailboxEntity).mapToPk().nullable().fieldName('mailbox_id'),
    sha256: p.character().length(64),
    size: p.bigint('number'),
    status: p.enum([...R.FILE_STATUSES]),
    attempts: p.integer().default(0),
    lastError: p.text().nullable(),
    duplicateOfId: () => p.manyToOne(FileEntity).mapToPk().nullable().fieldName('duplicate_of_id'),
    receivedAt: p.datetime().defaultRaw('now()'),
    processingStartedAt: p.datetime().nullable(),
    processedAt: p.datetime().nullable(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  indexes: [
    // One file per content and direction; later arrivals of the same bytes are rows with status duplicate.
    {
      name: 'file_direction_sha256_unique',
      expression: `create unique index "file_direction_sha256_unique" on "file" ("direction", "sha256") where "status" <> 'duplicate'`,
    },
    { name: 'file_direction_status_index', properties: ['direction', 'status'] },
  ],
});

export const InterchangeEntity = defineEntity({
  name: 'Interchange',
  tableName: 'interchange',
  properties: {
    id: id(),
    fileId: p.manyToOne(FileEntity).mapToPk().fieldName('file_id'),
    direction: p.enum([...R.DIRECTIONS]),
    partnerId: p.manyToOne(TradingPartnerEntity).mapToPk().nullable().fieldName('partner_id'),
    controlNumber: p.string().length(9),
    senderQualifier: p.string().length(2),
    senderId: p.string().length(15),
    receiverQualifier: p.string().length(2),
    receiverId: p.string().length(15),
    preparedAt: p.datetime().nullable(),
    usage: p.enum([...R.INTERCHANGE_USAGES]),
    status: p.enum([...R.ENVELOPE_STATUSES]),
    ackCode: p.string().length(1).nullable(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  indexes: [
    { name: 'interchange_control_index', properties: ['direction', 'senderId', 'receiverId', 'controlNumber'] },
    { name: 'interchange_file_index', properties: ['fileId'] },
  ],
});

export const FunctionalGroupEntity = defineEntity({
  name: 'FunctionalGroup',
  tableName: 'functional_group',
  properties: {
    id: id(),
    interchangeId: p.manyToOne(InterchangeEntity).mapToPk().fieldName('interchange_id'),
    functionalId: p.string().length(2),
    controlNumber: p.string().length(9),
    senderCode: p.string().length(15),
    receiverCode: p.string().length(15),
    version: p.string().length(12),
    transactionCount: p.integer().nullable(),
    status: p.enum([...R.ENVELOPE_STATUSES]),
    ackCode: p.string().length(1).nullable(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  indexes: [
    { name: 'functional_group_control_index', properties: ['interchangeId', 'controlNumber'] },
    // A 999 names the group it answers by GS01 and GS06 only; control numbers are compared as numbers.
    {
      name: 'functional_group_ack_match_index',
      expression: `create index "functional_group_ack_match_index" on "functional_group" ("functional_id", ltrim("control_number", '0'))`,
    },
  ],
});

export const TransactionSetEntity = defineEntity({
  name: 'TransactionSet',
  tableName: 'transaction_set',
  properties: {
    id: id(),
    groupId: p.manyToOne(FunctionalGroupEntity).mapToPk().fieldName('group_id'),
    setId: p.string().length(3),
    controlNumber: p.string().length(9),
    guide: p.string().length(35).nullable(),
    segmentCount: p.integer().nullable(),
    status: p.enum([...R.ENVELOPE_STATUSES]),
    ackCode: p.string().length(1).nullable(),
    findings: p.json<R.SetFinding[]>().nullable(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  indexes: [{ name: 'transaction_set_control_index', properties: ['groupId', 'controlNumber'] }],
});

export const ClaimEntity = defineEntity({
  name: 'Claim',
  tableName: 'claim',
  properties: {
    id: id(),
    partnerId: p.manyToOne(TradingPartnerEntity).mapToPk().nullable().fieldName('partner_id'),
    fileId: p.manyToOne(FileEntity).mapToPk().nullable().fieldName('file_id'),
    transactionSetId: p.manyToOne(TransactionSetEntity).mapToPk().nullable().fieldName('transaction_set_id'),
    patientControlNumber: p.string().length(38),
    payerId: p.string().length(80).nullable(),
    payerClaimNumber: p.string().length(50).nullable(),
    billingProviderNpi: p.string().length(10).nullable(),
    totalCharge: money(),
    serviceDateFrom: p.date().nullable(),
    serviceDateTo: p.date().nullable(),
    status: p.enum([...R.CLAIM_STATUSES]),
    detail: p.json<unknown>().nullable(),
    submittedAt: p.datetime().nullable(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  indexes: [
    { name: 'claim_patient_control_number_index', properties: ['patientControlNumber'] },
    { name: 'claim_payer_claim_number_index', properties: ['payerClaimNumber'] },
    // A 999 or a TA1 answers a whole set: its claims are found by the set.
    { name: 'claim_transaction_set_index', properties: ['transactionSetId'] },
  ],
});

export const ServiceLineEntity = defineEntity({
  name: 'ServiceLine',
  tableName: 'service_line',
  properties: {
    id: id(),
    claimId: p.manyToOne(ClaimEntity).mapToPk().fieldName('claim_id'),
    lineNumber: p.integer(),
    procedureCode: p.string().length(48),
    modifiers: p.array(),
    chargeAmount: money(),
    units: quantity().nullable(),
    serviceDate: p.date().nullable(),
    lineItemControlNumber: p.string().length(50).nullable(),
    createdAt: createdAt(),
  },
  uniques: [{ name: 'service_line_claim_line_unique', properties: ['claimId', 'lineNumber'] }],
});

export const ClaimStatusEventEntity = defineEntity({
  name: 'ClaimStatusEvent',
  tableName: 'claim_status_event',
  properties: {
    id: id(),
    claimId: p.manyToOne(ClaimEntity).mapToPk().nullable().fieldName('claim_id'),
    source: p.enum([...R.STATUS_EVENT_SOURCES]),
    kind: p.enum([...R.STATUS_EVENT_KINDS]),
    categoryCode: p.string().length(30).nullable(),
    statusCode: p.string().length(30).nullable(),
    entityCode: p.string().length(3).nullable(),
    description: p.text().nullable(),
    fileId: p.manyToOne(FileEntity).mapToPk().nullable().fieldName('file_id'),
    transactionSetId: p.manyToOne(TransactionSetEntity).mapToPk().nullable().fieldName('transaction_set_id'),
    occurredAt: p.datetime().defaultRaw('now()'),
    createdAt: createdAt(),
  },
  indexes: [{ name: 'claim_status_event_claim_index', properties: ['claimId', 'occurredAt'] }],
});

export const RemittanceEntity = defineEntity({
  name: 'Remittance',
  tableName: 'remittance',
  properties: {
    id: id(),
    fileId: p.manyToOne(FileEntity).mapToPk().fieldName('file_id'),
    transactionSetId: p.manyToOne(TransactionSetEntity).mapToPk().nullable().fieldName('transaction_set_id'),
    partnerId: p.manyToOne(TradingPartnerEntity).mapToPk().nullable().fieldName('partner_id'),
    payerId: p.string().length(80),
    payerName: p.string().length(60).nullable(),
    traceNumber: p.string().length(50),
    paymentMethod: p.string().length(3).nullable(),
    paymentAmount: money(),
    paymentDate: p.date().nullable(),
    payeeNpi: p.string().length(80).nullable(),
    createdAt: createdAt(),
  },
  // The same remittance (payer and TRN02) is loaded once: a second load finds this key taken.
  uniques: [{ name: 'remittance_payer_trace_unique', properties: ['payerId', 'traceNumber'] }],
});

export const ClaimPaymentEntity = defineEntity({
  name: 'ClaimPayment',
  tableName: 'claim_payment',
  properties: {
    id: id(),
    remittanceId: p.manyToOne(RemittanceEntity).mapToPk().fieldName('remittance_id'),
    claimId: p.manyToOne(ClaimEntity).mapToPk().nullable().fieldName('claim_id'),
    patientControlNumber: p.string().length(38),
    statusCode: p.string().length(2),
    chargeAmount: money(),
    paidAmount: money(),
    patientResponsibility: money().nullable(),
    filingIndicator: p.string().length(2).nullable(),
    payerClaimNumber: p.string().length(50).nullable(),
    adjustments: p.json<R.AdjustmentItem[]>(),
    createdAt: createdAt(),
  },
  indexes: [
    { name: 'claim_payment_remittance_index', properties: ['remittanceId'] },
    { name: 'claim_payment_patient_control_number_index', properties: ['patientControlNumber'] },
  ],
});

export const ServicePaymentEntity = defineEntity({
  name: 'ServicePayment',
  tableName: 'service_payment',
  properties: {
    id: id(),
    claimPaymentId: p.manyToOne(ClaimPaymentEntity).mapToPk().fieldName('claim_payment_id'),
    serviceLineId: p.manyToOne(ServiceLineEntity).mapToPk().nullable().fieldName('service_line_id'),
    procedureCode: p.string().length(48),
    modifiers: p.array(),
    chargeAmount: money(),
    paidAmount: money(),
    units: quantity().nullable(),
    serviceDate: p.date().nullable(),
    lineItemControlNumber: p.string().length(50).nullable(),
    remarkCodes: p.array(),
    adjustments: p.json<R.AdjustmentItem[]>(),
    createdAt: createdAt(),
  },
  indexes: [{ name: 'service_payment_claim_payment_index', properties: ['claimPaymentId'] }],
});

/**
 * The view `adjustment` (created by a migration): the CAS adjustments kept in claim_payment.adjustments
 * and service_payment.adjustments, one row each. Read-only; a virtual entity, so the schema generator
 * leaves it to the migration.
 */
export const AdjustmentEntity = defineEntity({
  name: 'Adjustment',
  tableName: 'adjustment',
  expression: 'select * from adjustment',
  properties: {
    claimPaymentId: p.bigint().fieldName('claim_payment_id'),
    servicePaymentId: p.bigint().nullable().fieldName('service_payment_id'),
    position: p.integer(),
    groupCode: p.enum([...R.ADJUSTMENT_GROUPS]),
    reasonCode: p.string().length(5),
    amount: money(),
    quantity: quantity().nullable(),
  },
});

/** File bytes in chunks, by SHA-256 (when database.fileContent is `database`); see db-blobs.ts. */
export const FileContentEntity = defineEntity({
  name: 'FileContent',
  tableName: 'file_content',
  properties: {
    sha256: p.character().length(64).primary(),
    seq: p.integer().primary(),
    bytes: p.blob(),
  },
});

export const ProviderAdjustmentEntity = defineEntity({
  name: 'ProviderAdjustment',
  tableName: 'provider_adjustment',
  properties: {
    id: id(),
    remittanceId: p.manyToOne(RemittanceEntity).mapToPk().fieldName('remittance_id'),
    providerId: p.string().length(50),
    fiscalPeriodDate: p.date(),
    reasonCode: p.string().length(2),
    reference: p.string().length(50).nullable(),
    amount: money(),
    createdAt: createdAt(),
  },
  indexes: [{ name: 'provider_adjustment_remittance_index', properties: ['remittanceId'] }],
});

export const EligibilityCheckEntity = defineEntity({
  name: 'EligibilityCheck',
  tableName: 'eligibility_check',
  properties: {
    id: id(),
    partnerId: p.manyToOne(TradingPartnerEntity).mapToPk().nullable().fieldName('partner_id'),
    fileId: p.manyToOne(FileEntity).mapToPk().nullable().fieldName('file_id'),
    traceNumber: p.string().length(50),
    payerId: p.string().length(80).nullable(),
    memberId: p.string().length(80).nullable(),
    serviceTypeCodes: p.array(),
    status: p.enum([...R.ELIGIBILITY_STATUSES]),
    requestedAt: p.datetime().defaultRaw('now()'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  indexes: [{ name: 'eligibility_check_trace_index', properties: ['traceNumber'] }],
});

export const EligibilityResponseEntity = defineEntity({
  name: 'EligibilityResponse',
  tableName: 'eligibility_response',
  properties: {
    id: id(),
    checkId: p.manyToOne(EligibilityCheckEntity).mapToPk().nullable().fieldName('check_id'),
    fileId: p.manyToOne(FileEntity).mapToPk().nullable().fieldName('file_id'),
    transactionSetId: p.manyToOne(TransactionSetEntity).mapToPk().nullable().fieldName('transaction_set_id'),
    traceNumber: p.string().length(50).nullable(),
    coverageActive: p.boolean().nullable(),
    planName: p.string().length(80).nullable(),
    detail: p.json<unknown>().nullable(),
    receivedAt: p.datetime().defaultRaw('now()'),
    createdAt: createdAt(),
  },
  indexes: [{ name: 'eligibility_response_check_index', properties: ['checkId'] }],
});

export const AuthorizationEntity = defineEntity({
  name: 'Authorization',
  tableName: 'prior_authorization',
  properties: {
    id: id(),
    partnerId: p.manyToOne(TradingPartnerEntity).mapToPk().nullable().fieldName('partner_id'),
    requestFileId: p.manyToOne(FileEntity).mapToPk().nullable().fieldName('request_file_id'),
    responseFileId: p.manyToOne(FileEntity).mapToPk().nullable().fieldName('response_file_id'),
    traceNumber: p.string().length(50).nullable(),
    patientControlNumber: p.string().length(38).nullable(),
    status: p.enum([...R.AUTHORIZATION_STATUSES]),
    reviewDecisionCode: p.string().length(2).nullable(),
    certificationNumber: p.string().length(50).nullable(),
    effectiveFrom: p.date().nullable(),
    effectiveTo: p.date().nullable(),
    detail: p.json<unknown>().nullable(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  indexes: [{ name: 'prior_authorization_trace_index', properties: ['traceNumber'] }],
});

export const DenialQueueItemEntity = defineEntity({
  name: 'DenialQueueItem',
  tableName: 'denial_queue_item',
  properties: {
    id: id(),
    claimId: p.manyToOne(ClaimEntity).mapToPk().nullable().fieldName('claim_id'),
    claimPaymentId: p.manyToOne(ClaimPaymentEntity).mapToPk().nullable().fieldName('claim_payment_id'),
    servicePaymentId: p.manyToOne(ServicePaymentEntity).mapToPk().nullable().fieldName('service_payment_id'),
    patientControlNumber: p.string().length(38),
    source: p.enum([...R.DENIAL_SOURCES]),
    rootCause: p.enum([...R.DENIAL_ROOT_CAUSES]),
    action: p.text(),
    reasonCodes: p.array(),
    description: p.text().nullable(),
    amount: money().nullable(),
    status: p.enum([...R.DENIAL_STATUSES]).default('open'),
    claimedBy: p.string().nullable(),
    claimedAt: p.datetime().nullable(),
    resolvedAt: p.datetime().nullable(),
    resolution: p.text().nullable(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  indexes: [{ name: 'denial_queue_item_status_index', properties: ['status', 'id'] }],
});

export const PostingQueueItemEntity = defineEntity({
  name: 'PostingQueueItem',
  tableName: 'posting_queue_item',
  properties: {
    id: id(),
    claimPaymentId: p.manyToOne(ClaimPaymentEntity).mapToPk().fieldName('claim_payment_id'),
    remittanceId: p.manyToOne(RemittanceEntity).mapToPk().fieldName('remittance_id'),
    patientControlNumber: p.string().length(38),
    paidAmount: money(),
    deductible: money(),
    coinsurance: money(),
    copay: money(),
    otherPatientResponsibility: money(),
    contractualAdjustment: money(),
    expectedAmount: money().nullable(),
    underpaymentAmount: money().nullable(),
    reversesId: () => p.manyToOne(PostingQueueItemEntity).mapToPk().nullable().fieldName('reverses_id'),
    status: p.enum([...R.POSTING_STATUSES]).default('open'),
    claimedBy: p.string().nullable(),
    claimedAt: p.datetime().nullable(),
    postedAt: p.datetime().nullable(),
    exportedAt: p.datetime().nullable(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  indexes: [
    { name: 'posting_queue_item_status_index', properties: ['status', 'id'] },
    { name: 'posting_queue_item_claim_payment_index', properties: ['claimPaymentId'] },
  ],
});

export const ControlNumberCounterEntity = defineEntity({
  name: 'ControlNumberCounter',
  tableName: 'control_number_counter',
  properties: {
    id: id(),
    partner: p.string().length(64),
    kind: p.enum([...R.CONTROL_NUMBER_KINDS]),
    lastValue: p.bigint('number'),
    updatedAt: p.datetime().defaultRaw('now()'),
  },
  uniques: [{ name: 'control_number_counter_partner_kind_unique', properties: ['partner', 'kind'] }],
});

export const AuditEventEntity = defineEntity({
  name: 'AuditEvent',
  tableName: 'audit_event',
  properties: {
    id: id(),
    actor: p.string(),
    action: p.string(),
    targetType: p.string(),
    targetId: p.string().nullable(),
    detail: p.json<unknown>().nullable(),
    occurredAt: p.datetime().defaultRaw('now()'),
  },
  indexes: [
    { name: 'audit_event_target_index', properties: ['targetType', 'targetId'] },
    { name: 'audit_event_occurred_index', properties: ['occurredAt'] },
  ],
});

/** Every entity, in dependency order. */
export const ENTITIES = [
  TradingPartnerEntity,
  MailboxEntity,
  FileEntity,
  InterchangeEntity,
  FunctionalGroupEntity,
  TransactionSetEntity,
  ClaimEntity,
  ServiceLineEntity,
  ClaimStatusEventEntity,
  RemittanceEntity,
  ClaimPaymentEntity,
  ServicePaymentEntity,
  AdjustmentEntity,
  FileContentEntity,
  ProviderAdjustmentEntity,
  EligibilityCheckEntity,
  EligibilityResponseEntity,
  AuthorizationEntity,
  DenialQueueItemEntity,
  PostingQueueItemEntity,
  ControlNumberCounterEntity,
  AuditEventEntity,
] as const;

// Compile-time check: each entity has exactly its record's fields, with assignable types (undefined, which
// MikroORM allows on nullable properties before a flush, is read back as null).
type Row<S> = { [K in Exclude<keyof InferEntity<S>, symbol>]: Exclude<InferEntity<S>[K], undefined> };
type Same<S, Rec> = Row<S> extends Rec ? (keyof Rec extends keyof Row<S> ? (keyof Row<S> extends keyof Rec ? true : false) : false) : false;
const recordsMatchEntities: [
  Same<typeof TradingPartnerEntity, R.TradingPartnerRecord>,
  Same<typeof MailboxEntity, R.MailboxRecord>,
  Same<typeof FileEntity, R.FileRecord>,
  Same<typeof InterchangeEntity, R.InterchangeRecord>,
  Same<typeof FunctionalGroupEntity, R.FunctionalGroupRecord>,
  Same<typeof TransactionSetEntity, R.TransactionSetRecord>,
  Same<typeof ClaimEntity, R.ClaimRecord>,
  Same<typeof ServiceLineEntity, R.ServiceLineRecord>,
  Same<typeof ClaimStatusEventEntity, R.ClaimStatusEventRecord>,
  Same<typeof RemittanceEntity, R.RemittanceRecord>,
  Same<typeof ClaimPaymentEntity, R.ClaimPaymentRecord>,
  Same<typeof ServicePaymentEntity, R.ServicePaymentRecord>,
  Same<typeof AdjustmentEntity, R.AdjustmentRecord>,
  Same<typeof FileContentEntity, R.FileContentRecord>,
  Same<typeof ProviderAdjustmentEntity, R.ProviderAdjustmentRecord>,
  Same<typeof EligibilityCheckEntity, R.EligibilityCheckRecord>,
  Same<typeof EligibilityResponseEntity, R.EligibilityResponseRecord>,
  Same<typeof AuthorizationEntity, R.AuthorizationRecord>,
  Same<typeof DenialQueueItemEntity, R.DenialQueueItemRecord>,
  Same<typeof PostingQueueItemEntity, R.PostingQueueItemRecord>,
  Same<typeof ControlNumberCounterEntity, R.ControlNumberCounterRecord>,
  Same<typeof AuditEventEntity, R.AuditEventRecord>,
] = [true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true];
void recordsMatchEntities;
