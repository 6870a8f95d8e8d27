import { z } from 'zod';
import { loadCodeList } from '../edits/code-lists.js';
import { type Loop, comp, el } from '../grammar/tree.js';
import type { ElementValue, Segment } from '../x12/segment.js';
import { DatePeriod, IsoDate, Money, Name, composite, d8, isoDate, money, nameFrom, nm1, opt, periodElements, periodFrom, seg, stripUndefined, x12Money } from './common.js';
import type { DocumentType } from './types.js';

/**
 * 277CA Health Care Claim Acknowledgment (005010X214): the payer's or clearinghouse's answer to a claim
 * batch, before adjudication. For each claim it says whether it was accepted into adjudication (A1/A2) or
 * rejected (A3, A4, A6, A7, A8: fix and send again as a new claim; a rejected claim never reaches an 835).
 *
 * The record follows the hierarchy: the information source (payer or clearinghouse, HL 20), the
 * information receiver (the submitter, HL 21) with the batch totals, and the billing providers (HL 19) with
 * their claims. Patients (HL PT) are folded into their claims: each claim carries its patient, and build
 * groups consecutive claims of the same patient under one patient level. HL ids, parent ids and child codes
 * are computed by build.
 */

/** STC01-3 entity codes the TR3 allows at each level. */
const RECEIVER_STATUS_ENTITIES = ['36', '40', '41', 'AY', 'PR'] as const;
const PROVIDER_STATUS_ENTITIES = ['36', '40', '41', '77', '82', '85', '87', 'AY', 'PR'] as const;
const CLAIM_STATUS_ENTITIES = ['03', '1P', '1Z', '40', '41', '71', '72', '73', '77', '82', '85', '87', 'DK', 'DN', 'DQ', 'FA', 'GB', 'HK', 'IL', 'LI', 'MSC', 'PR', 'PRP', 'QB', 'QC', 'QD', 'SEP', 'TL', 'TTP', 'TU'] as const;

/** Entity identifier codes (X12 element 98) in the words of a billing office, for describeStatus. */
const ENTITY_NAMES: Readonly<Record<string, string>> = {
  '03': 'Dependent',
  '1P': 'Provider',
  '1Z': 'Home health care provider',
  '36': 'Employer',
  '40': 'Receiver',
  '41': 'Submitter',
  '71': 'Attending physician',
  '72': 'Operating physician',
  '73': 'Other physician',
  '77': 'Service location',
  '82': 'Rendering provider',
  '85': 'Billing provider',
  '87': 'Pay-to provider',
  AY: 'Clearinghouse',
  DK: 'Ordering physician',
  DN: 'Referring provider',
  DQ: 'Supervising physician',
  FA: 'Facility',
  GB: 'Other insured',
  HK: 'Subscriber',
  IL: 'Insured or subscriber',
  LI: 'Independent lab',
  MSC: 'Mammography screening center',
  PR: 'Payer',
  PRP: 'Primary payer',
  QB: 'Purchased service provider',
  QC: 'Patient',
  QD: 'Responsible party',
  SEP: 'Secondary payer',
  TL: 'Testing laboratory',
  TTP: 'Tertiary payer',
  TU: 'Third party repricing organization',
};

/** Categories that mean the claim was rejected before adjudication. */
const REJECTED_CATEGORIES: ReadonlySet<string> = new Set(['A3', 'A4', 'A6', 'A7', 'A8']);
/** Categories that mean the claim was received (A1) or accepted into adjudication (A2). */
const ACCEPTED_CATEGORIES: ReadonlySet<string> = new Set(['A1', 'A2']);

const Code = z.string().min(1).max(30);
/** A decimal quantity as text: "3", "2.5". */
const Quantity = z.string().regex(/^\d+(\.\d+)?$/, 'a quantity such as "3"');
/** Time of day as HH:MM or HH:MM:SS (decimal seconds allowed). */
const TimeOfDay = z.string().regex(/^\d{2}:\d{2}(:\d{2}(\.\d{1,2})?)?$/, 'a time such as "08:15"');

/** A secondary or tertiary status (STC10, STC11): category, status, and the entity it is about. */
export const StatusCodeSchema = z.object({
  /** Claim status category (external code source 507): A1 received, A2 accepted, A3/A6/A7/A8 rejected, ... */
  category: Code,
  /** Claim status code (external code source 508): what was received, missing or wrong. */
  status: Code,
  /** Entity identifier code the status is about: 85 billing provider, 82 rendering provider, IL insured, ... */
  entity: z.string().min(2).max(3).optional(),
});
export type StatusCode = z.infer<typeof StatusCodeSchema>;

const additional = z.array(StatusCodeSchema).min(1).max(2).optional();
/** STC03: WQ accepted, U rejected (reject). */
const Action = z.enum(['WQ', 'U']);

/** Status of the whole batch as the information receiver sent it (2200B STC). */
export const ReceiverStatusSchema = StatusCodeSchema.extend({
  entity: z.enum(RECEIVER_STATUS_ENTITIES).optional(),
  effectiveDate: IsoDate,
  action: Action,
  /** Total submitted charges of the batch (STC04). */
  charge: Money,
  additional,
});
export type ReceiverStatus = z.infer<typeof ReceiverStatusSchema>;

/** Status of everything sent for one billing provider (2200C STC); the TR3 has no effective date here. */
export const ProviderStatusSchema = StatusCodeSchema.extend({
  entity: z.enum(PROVIDER_STATUS_ENTITIES).optional(),
  action: Action,
  /** Total submitted charges for the provider (STC04). */
  charge: Money,
  additional,
});
export type ProviderStatus = z.infer<typeof ProviderStatusSchema>;

/** Status of one claim (2200D STC). */
export const ClaimStatusSchema = StatusCodeSchema.extend({
  entity: z.enum(CLAIM_STATUS_ENTITIES).optional(),
  effectiveDate: IsoDate,
  action: Action,
  /** The claim's total charge as submitted (STC04). */
  charge: Money,
  additional,
  /** Free-form message from the payer (STC12). */
  message: z.string().min(1).max(264).optional(),
});
export type ClaimStatus = z.infer<typeof ClaimStatusSchema>;

/** Status of one service line (2220D STC): only rejected lines are reported. */
export const LineStatusSchema = StatusCodeSchema.extend({
  entity: z.enum(CLAIM_STATUS_ENTITIES).optional(),
  effectiveDate: IsoDate,
  action: z.literal('U'),
  additional,
});
export type LineStatus = z.infer<typeof LineStatusSchema>;

/** A rejected service line (2220D). */
export const AcknowledgedServiceLineSchema = z.object({
  /** SVC01-1: HC (CPT/HCPCS), AD, ER, HP, IV, NU, WK. */
  procedureQualifier: z.enum(['AD', 'ER', 'HC', 'HP', 'IV', 'NU', 'WK']),
  procedureCode: z.string().min(1).max(48),
  modifiers: z.array(z.string().length(2)).max(4),
  /** Line charge as submitted (SVC02). */
  charge: Money,
  /** Revenue code (SVC04), when one was on the claim line. */
  revenueCode: z.string().min(1).max(48).optional(),
  /** Units of service as submitted (SVC07). */
  units: Quantity.optional(),
  status: LineStatusSchema,
  /** The line item control number the provider sent (REF*FJ, the 837's REF*6R). */
  lineControlNumber: z.string().min(1).max(50).optional(),
  /** Pharmacy prescription number (REF*XZ). */
  prescriptionNumber: z.string().min(1).max(50).optional(),
  serviceDate: DatePeriod.optional(),
});
export type AcknowledgedServiceLine = z.infer<typeof AcknowledgedServiceLineSchema>;

/** The patient as the 277CA names them (2100D NM1*QC): a person with the member id (MI) or a standard unique id (II). */
export const AcknowledgedPatientSchema = Name.extend({
  entityType: z.literal('1'),
  idQualifier: z.enum(['MI', 'II']),
  id: z.string().min(2).max(80),
});
export type AcknowledgedPatient = z.infer<typeof AcknowledgedPatientSchema>;

/** One acknowledged claim (2000D patient + 2200D claim). */
export const AcknowledgedClaimSchema = z.object({
  patient: AcknowledgedPatientSchema,
  /** The provider's claim id, CLM01 of the 837 (TRN02). */
  patientControlNumber: z.string().min(1).max(50),
  /** One or more statuses (STC); see claimAccepted / claimRejected / describeStatus. */
  statuses: z.array(ClaimStatusSchema).min(1),
  /** The payer's claim number (REF*1K), usually only on accepted claims. */
  payerClaimNumber: z.string().min(1).max(50).optional(),
  /** The clearinghouse's trace number for the claim (REF*D9). */
  clearinghouseTraceNumber: z.string().min(1).max(50).optional(),
  /** Institutional bill type (REF*BLT). */
  billTypeIdentifier: z.string().min(1).max(50).optional(),
  /** The claim's service date or period (DTP*472). */
  serviceDate: DatePeriod,
  /** Service lines with a line-level status (2220D). */
  serviceLines: z.array(AcknowledgedServiceLineSchema).optional(),
});
export type AcknowledgedClaim = z.infer<typeof AcknowledgedClaimSchema>;

/** Totals of accepted and rejected claims (QTY and AMT at the receiver and provider levels). */
const totals = {
  /** Number of claims accepted (QTY*90 at the receiver level, QTY*QA at the provider level). */
  acceptedQuantity: Quantity.optional(),
  /** Number of claims rejected (QTY*AA / QTY*QC). */
  rejectedQuantity: Quantity.optional(),
  /** Charges accepted (AMT*YU). */
  acceptedAmount: Money.optional(),
  /** Charges rejected (AMT*YY). */
  rejectedAmount: Money.optional(),
};

/** One billing provider and its claims (2000C). */
export const AcknowledgedProviderSchema = z.object({
  /** 2100C NM1*85: NPI (XX), tax id (FI) or service provider number (SV). */
  name: Name.extend({ idQualifier: z.enum(['XX', 'FI', 'SV']), id: z.string().min(2).max(80) }),
  /** Provider-level trace number (2200C TRN02); omitted when the source sent 0 (none). */
  trace: z.string().min(1).max(50).optional(),
  /** Provider-level statuses (2200C STC): present when the source reports on the provider as a whole. */
  statuses: z.array(ProviderStatusSchema).optional(),
  /** Provider secondary identifier (REF*0B, 1G, G2, LU, SY, TJ). */
  secondaryId: z.object({ qualifier: z.enum(['0B', '1G', 'G2', 'LU', 'SY', 'TJ']), value: z.string().min(1).max(50) }).optional(),
  ...totals,
  claims: z.array(AcknowledgedClaimSchema).min(1),
});
export type AcknowledgedProvider = z.infer<typeof AcknowledgedProviderSchema>;

/** The payer or clearinghouse that sends the acknowledgment (2000A). */
export const InformationSourceSchema = z.object({
  /** NM101: PR payer, AY clearinghouse. */
  entity: z.enum(['PR', 'AY']),
  /** NM103 organization name in `last`; NM108 46 ETIN, FI tax id, PI payer id, XV CMS plan id. */
  name: z.object({ entityType: z.literal('2'), last: z.string().min(1).max(60), idQualifier: z.enum(['46', 'FI', 'PI', 'XV']), id: z.string().min(2).max(80) }),
  /** The source's trace number for the transmission (2200A TRN02). */
  trace: z.string().min(1).max(50),
  /** When the source received the batch (DTP*050). */
  receivedDate: IsoDate,
  /** When the source processed it (DTP*009). */
  processedDate: IsoDate,
  /** Further receipts (further 2200A iterations), rare. */
  additionalReceipts: z.array(z.object({ trace: z.string().min(1).max(50), receivedDate: IsoDate, processedDate: IsoDate })).optional(),
});
export type InformationSource = z.infer<typeof InformationSourceSchema>;

/** The submitter the acknowledgment answers (2000B), with the batch's status and totals. */
export const InformationReceiverSchema = z.object({
  /** NM1*41 submitter name; NM108 is always 46 (ETIN), the submitter id in `id`. */
  name: Name.omit({ suffix: true }).extend({ idQualifier: z.literal('46'), id: z.string().min(2).max(80) }),
  /** The batch number the submitter gave (2200B TRN02, the 837's BHT03). */
  trace: z.string().min(1).max(50),
  statuses: z.array(ReceiverStatusSchema).min(1),
  ...totals,
});
export type InformationReceiver = z.infer<typeof InformationReceiverSchema>;

const SourceBlock = z.object({
  informationSource: InformationSourceSchema,
  informationReceiver: InformationReceiverSchema,
  providers: z.array(AcknowledgedProviderSchema),
});

export const ClaimAcknowledgmentSchema = z.object({
  /** BHT: purpose 08 (status), the source's reference, creation date and time. */
  transaction: z.object({ purpose: z.literal('08'), reference: z.string().min(1).max(50), date: IsoDate, time: TimeOfDay }),
  ...SourceBlock.shape,
  /** Further information sources in the same set (further 2000A levels), rare. */
  additionalSources: z.array(SourceBlock).optional(),
});
export type ClaimAcknowledgment = z.infer<typeof ClaimAcknowledgmentSchema>;

// ---- helpers for the billing office ----

function categories(claim: Pick<AcknowledgedClaim, 'statuses'>): string[] {
  const out: string[] = [];
  for (const s of claim.statuses) {
    out.push(s.category);
    for (const a of s.additional ?? []) out.push(a.category);
  }
  return out;
}

/** The claim got through: every status category (STC01 and STC10/11) is A1 (received) or A2 (accepted). */
export function claimAccepted(claim: Pick<AcknowledgedClaim, 'statuses'>): boolean {
  const cats = categories(claim);
  return cats.length > 0 && cats.every((c) => ACCEPTED_CATEGORIES.has(c));
}

/** The claim was rejected before adjudication (any A3, A4, A6, A7 or A8): correct it and send it again. */
export function claimRejected(claim: Pick<AcknowledgedClaim, 'statuses'>): boolean {
  return categories(claim).some((c) => REJECTED_CATEGORIES.has(c));
}

function categoryText(code: string): string {
  const text = loadCodeList('claim-status-category')?.describe(code);
  if (text === undefined) return `Claim status category ${code}`;
  const t = text.replace(/^Acknowledge?ment\//i, '').replace(/\s*\(see status details\)$/i, '');
  return t.charAt(0).toUpperCase() + t.slice(1);
}

function statusText(code: string, entity: string | undefined): string {
  const listed = loadCodeList('claim-status')?.describe(code);
  const who = entity === undefined ? undefined : (ENTITY_NAMES[entity] ?? `entity ${entity}`);
  if (listed === undefined) return `Status ${code}${who === undefined ? '' : ` (${who})`}`;
  // "(paired with another status code)" is a note on X12 usage; the paired code follows in STC10/11.
  const text = listed.replace(/\s*\(paired with another status code\)/, '');
  if (!text.includes('[entity]')) return who === undefined ? text : `${text} (${who})`;
  let t = text.replace(/\s*\[entity\]/g, '');
  if (who === undefined) return t;
  if (/^Entity's /.test(t)) t = `${who}'s ${t.slice("Entity's ".length)}`;
  else if (/^Entity /.test(t)) t = `${who} ${t.slice('Entity '.length)}`;
  else t = `${t} (${who})`;
  return t;
}

function describeOne(s: StatusCode): string {
  const codes = [s.category, s.status, ...(s.entity === undefined ? [] : [s.entity])].join(':');
  return `${categoryText(s.category)}: ${statusText(s.status, s.entity)} (${codes})`;
}

/**
 * A status in plain words, from the claim status category and claim status code lists
 * (config/codes/claim-status-category.json, claim-status.json), e.g.
 * "Rejected for invalid information: Insured or subscriber's contract/member number (A7:164:IL)".
 * Secondary statuses (STC10, STC11) follow after "; ", and the payer's message (STC12) last.
 */
export function describeStatus(status: StatusCode & { readonly additional?: readonly StatusCode[]; readonly message?: string }): string {
  const parts = [describeOne(status), ...(status.additional ?? []).map(describeOne)];
  const text = parts.join('; ');
  return status.message === undefined ? text : `${text}. ${status.message}`;
}

// ---- parse ----

function amount(text: string): string | undefined {
  try {
    return money(text);
  } catch {
    return text;
  }
}

function time(tm: string): string {
  if (!/^\d{4,8}$/.test(tm)) return tm;
  const hm = `${tm.slice(0, 2)}:${tm.slice(2, 4)}`;
  if (tm.length < 6) return hm;
  const s = `${hm}:${tm.slice(4, 6)}`;
  return tm.length > 6 ? `${s}.${tm.slice(6)}` : s;
}

function tm(t: string): string {
  return t.replace(/[:.]/g, '');
}

function statusCodeAt(stc: Segment, n: number): StatusCode | undefined {
  const category = comp(stc, n, 1);
  if (category === '') return undefined;
  return stripUndefined({ category, status: comp(stc, n, 2), entity: opt(comp(stc, n, 3)) });
}

/** Every STC as the superset of the levels' shapes; each level keeps what its TR3 use carries. */
function statusFrom(stc: Segment): ClaimStatus {
  const extra = [statusCodeAt(stc, 10), statusCodeAt(stc, 11)].filter((s): s is StatusCode => s !== undefined);
  return stripUndefined({
    category: comp(stc, 1, 1),
    status: comp(stc, 1, 2),
    entity: opt(comp(stc, 1, 3)),
    effectiveDate: isoDate(el(stc, 2))!,
    action: el(stc, 3) as 'WQ' | 'U',
    charge: amount(el(stc, 4))!,
    additional: extra.length > 0 ? extra : undefined,
    message: opt(el(stc, 12)),
  }) as ClaimStatus;
}

function totalsFrom(loop: Loop, accepted: string, rejected: string) {
  return {
    acceptedQuantity: opt(el(loop.segment('QTY', accepted), 2)),
    rejectedQuantity: opt(el(loop.segment('QTY', rejected), 2)),
    acceptedAmount: amount(el(loop.segment('AMT', 'YU'), 2)),
    rejectedAmount: amount(el(loop.segment('AMT', 'YY'), 2)),
  };
}

function nameOf(nm1seg: Segment | undefined): Name {
  return nm1seg === undefined ? { entityType: '2', last: '' } : nameFrom(nm1seg);
}

function lineFrom(loop: Loop): AcknowledgedServiceLine {
  const svc = loop.segment('SVC');
  const modifiers: string[] = [];
  for (let c = 3; c <= 6; c++) {
    const m = comp(svc, 1, c);
    if (m !== '') modifiers.push(m);
  }
  const stc = loop.segment('STC');
  const dtp = loop.segment('DTP', '472');
  return stripUndefined({
    procedureQualifier: comp(svc, 1, 1) as AcknowledgedServiceLine['procedureQualifier'],
    procedureCode: comp(svc, 1, 2),
    modifiers,
    charge: amount(el(svc, 2))!,
    revenueCode: opt(el(svc, 4)),
    units: opt(el(svc, 7)),
    status: (stc === undefined ? { category: '', status: '', effectiveDate: '', action: 'U' } : lineStatus(statusFrom(stc))) as LineStatus,
    lineControlNumber: opt(el(loop.segment('REF', 'FJ'), 2)),
    prescriptionNumber: opt(el(loop.segment('REF', 'XZ'), 2)),
    serviceDate: dtp === undefined ? undefined : periodFrom(el(dtp, 2), el(dtp, 3)),
  });
}

function lineStatus(s: ClaimStatus): LineStatus {
  const { charge: _c, message: _m, ...rest } = s;
  return rest as LineStatus;
}

function claimFrom(patient: AcknowledgedPatient, loop: Loop): AcknowledgedClaim {
  const dtp = loop.segment('DTP', '472');
  const lines = loop.loops('2220D').map(lineFrom);
  return stripUndefined({
    patient,
    patientControlNumber: el(loop.segment('TRN'), 2),
    statuses: loop.segments('STC').map(statusFrom),
    payerClaimNumber: opt(el(loop.segment('REF', '1K'), 2)),
    clearinghouseTraceNumber: opt(el(loop.segment('REF', 'D9'), 2)),
    billTypeIdentifier: opt(el(loop.segment('REF', 'BLT'), 2)),
    serviceDate: (dtp === undefined ? undefined : periodFrom(el(dtp, 2), el(dtp, 3))) as DatePeriod,
    serviceLines: lines.length > 0 ? lines : undefined,
  });
}

function providerFrom(loop: Loop): AcknowledgedProvider {
  const trace = loop.loop('2200C') ?? loop;
  const ref = trace.segment('REF');
  const claims: AcknowledgedClaim[] = [];
  for (const pt of loop.loops('2000D')) {
    const patient = nameOf(pt.loop('2100D')?.segment('NM1')) as AcknowledgedPatient;
    for (const c of pt.loops('2200D')) claims.push(claimFrom(patient, c));
  }
  const statuses = trace.segments('STC').map((stc) => {
    const { effectiveDate: _d, message: _m, ...rest } = statusFrom(stc);
    return rest as ProviderStatus;
  });
  const traceNumber = el(trace.segment('TRN'), 2);
  return stripUndefined({
    name: nameOf(loop.loop('2100C')?.segment('NM1')) as AcknowledgedProvider['name'],
    trace: traceNumber === '' || traceNumber === '0' ? undefined : traceNumber,
    statuses: statuses.length > 0 ? statuses : undefined,
    secondaryId: ref === undefined ? undefined : { qualifier: el(ref, 1) as NonNullable<AcknowledgedProvider['secondaryId']>['qualifier'], value: el(ref, 2) },
    ...totalsFrom(trace, 'QA', 'QC'),
    claims,
  });
}

function sourceFrom(loop: Loop): z.infer<typeof SourceBlock> {
  const srcName = loop.loop('2100A')?.segment('NM1');
  const receipts = loop.loops('2200A').map((r) => ({
    trace: el(r.segment('TRN'), 2),
    receivedDate: isoDate(el(r.segment('DTP', '050'), 3))!,
    processedDate: isoDate(el(r.segment('DTP', '009'), 3))!,
  }));
  const first = receipts[0] ?? { trace: '', receivedDate: '', processedDate: '' };
  const receiverLoop = loop.loop('2000B');
  const rTrace = receiverLoop?.loop('2200B');
  const rName = nameOf(receiverLoop?.loop('2100B')?.segment('NM1'));
  delete rName.suffix;
  return {
    informationSource: stripUndefined({
      entity: el(srcName, 1) as 'PR' | 'AY',
      name: { entityType: '2' as const, last: el(srcName, 3), idQualifier: el(srcName, 8) as InformationSource['name']['idQualifier'], id: el(srcName, 9) },
      ...first,
      additionalReceipts: receipts.length > 1 ? receipts.slice(1) : undefined,
    }),
    informationReceiver: stripUndefined({
      name: rName as InformationReceiver['name'],
      trace: el(rTrace?.segment('TRN'), 2),
      statuses: (rTrace?.segments('STC') ?? []).map((stc) => {
        const { message: _m, ...rest } = statusFrom(stc);
        return rest as ReceiverStatus;
      }),
      ...(rTrace === undefined ? {} : totalsFrom(rTrace, '90', 'AA')),
    }),
    providers: (receiverLoop?.loops('2000C') ?? []).map(providerFrom),
  };
}

function parse(tree: Loop): ClaimAcknowledgment {
  const bht = tree.segment('BHT');
  const sources = tree.loops('2000A').map(sourceFrom);
  const empty = {
    informationSource: { entity: 'PR', name: { entityType: '2', last: '', idQualifier: 'PI', id: '' }, trace: '', receivedDate: '', processedDate: '' },
    informationReceiver: { name: { entityType: '2', last: '', idQualifier: '46', id: '' }, trace: '', statuses: [] },
    providers: [],
  } as z.infer<typeof SourceBlock>;
  return stripUndefined({
    transaction: { purpose: el(bht, 2) as '08', reference: el(bht, 3), date: isoDate(el(bht, 4))!, time: time(el(bht, 5)) },
    ...(sources[0] ?? empty),
    additionalSources: sources.length > 1 ? sources.slice(1) : undefined,
  });
}

// ---- build ----

function stcSegment(s: StatusCode & { effectiveDate?: string; action: string; charge?: Money; additional?: readonly StatusCode[]; message?: string }): Segment {
  const codes = (c: StatusCode | undefined): ElementValue => (c === undefined ? '' : composite(c.category, c.status, c.entity));
  return seg('STC', [codes(s), d8(s.effectiveDate), s.action, x12Money(s.charge), '', '', '', '', '', codes(s.additional?.[0]), codes(s.additional?.[1]), s.message ?? '']);
}

function totalSegments(t: { acceptedQuantity?: string; rejectedQuantity?: string; acceptedAmount?: Money; rejectedAmount?: Money }, accepted: string, rejected: string): Segment[] {
  const out: Segment[] = [];
  if (t.acceptedQuantity !== undefined) out.push(seg('QTY', [accepted, t.acceptedQuantity]));
  if (t.rejectedQuantity !== undefined) out.push(seg('QTY', [rejected, t.rejectedQuantity]));
  if (t.acceptedAmount !== undefined) out.push(seg('AMT', ['YU', x12Money(t.acceptedAmount)]));
  if (t.rejectedAmount !== undefined) out.push(seg('AMT', ['YY', x12Money(t.rejectedAmount)]));
  return out;
}

function dtp472(p: DatePeriod): Segment {
  return seg('DTP', ['472', ...periodElements(p)]);
}

function patientKey(p: AcknowledgedPatient): string {
  return [p.last, p.first ?? '', p.middle ?? '', p.suffix ?? '', p.idQualifier, p.id].join('\u0000');
}

function buildSource(b: z.infer<typeof SourceBlock>, out: Segment[], nextId: () => number): void {
  const src = b.informationSource;
  const a = nextId();
  out.push(seg('HL', [String(a), '', '20', '1']));
  out.push(seg('NM1', [src.entity, '2', src.name.last, '', '', '', '', src.name.idQualifier, src.name.id]));
  for (const r of [src, ...(src.additionalReceipts ?? [])]) {
    out.push(seg('TRN', ['1', r.trace]), seg('DTP', ['050', 'D8', d8(r.receivedDate)]), seg('DTP', ['009', 'D8', d8(r.processedDate)]));
  }
  const rcv = b.informationReceiver;
  const bId = nextId();
  out.push(seg('HL', [String(bId), String(a), '21', b.providers.length > 0 ? '1' : '0']));
  out.push(nm1('41', rcv.name));
  out.push(seg('TRN', ['2', rcv.trace]));
  for (const s of rcv.statuses) out.push(stcSegment(s));
  out.push(...totalSegments(rcv, '90', 'AA'));
  for (const p of b.providers) {
    const cId = nextId();
    out.push(seg('HL', [String(cId), String(bId), '19', '1']));
    out.push(nm1('85', p.name));
    out.push(seg('TRN', ['1', p.trace ?? '0']));
    for (const s of p.statuses ?? []) out.push(stcSegment(s));
    if (p.secondaryId !== undefined) out.push(seg('REF', [p.secondaryId.qualifier, p.secondaryId.value]));
    out.push(...totalSegments(p, 'QA', 'QC'));
    let lastKey: string | null = null;
    for (const c of p.claims) {
      const key = patientKey(c.patient);
      if (key !== lastKey) {
        out.push(seg('HL', [String(nextId()), String(cId), 'PT']));
        out.push(nm1('QC', c.patient));
        lastKey = key;
      }
      out.push(seg('TRN', ['2', c.patientControlNumber]));
      for (const s of c.statuses) out.push(stcSegment(s));
      if (c.payerClaimNumber !== undefined) out.push(seg('REF', ['1K', c.payerClaimNumber]));
      if (c.clearinghouseTraceNumber !== undefined) out.push(seg('REF', ['D9', c.clearinghouseTraceNumber]));
      if (c.billTypeIdentifier !== undefined) out.push(seg('REF', ['BLT', c.billTypeIdentifier]));
      out.push(dtp472(c.serviceDate));
      for (const l of c.serviceLines ?? []) {
        out.push(seg('SVC', [composite(l.procedureQualifier, l.procedureCode, ...l.modifiers), x12Money(l.charge), '', l.revenueCode ?? '', '', '', l.units ?? '']));
        out.push(stcSegment(l.status));
        if (l.lineControlNumber !== undefined) out.push(seg('REF', ['FJ', l.lineControlNumber]));
        if (l.prescriptionNumber !== undefined) out.push(seg('REF', ['XZ', l.prescriptionNumber]));
        if (l.serviceDate !== undefined) out.push(dtp472(l.serviceDate));
      }
    }
  }
}

function build(r: ClaimAcknowledgment): Segment[] {
  const t = r.transaction;
  const out: Segment[] = [seg('BHT', ['0085', t.purpose, t.reference, d8(t.date), tm(t.time), 'TH'])];
  let id = 0;
  const nextId = () => ++id;
  buildSource(r, out, nextId);
  for (const s of r.additionalSources ?? []) buildSource(s, out, nextId);
  return out;
}

export const CLAIM_ACKNOWLEDGMENT_DOCUMENT: DocumentType<ClaimAcknowledgment> = {
  name: 'ClaimAcknowledgment',
  set: '277',
  guide: '005010X214',
  functionalId: 'HN',
  st03: true,
  schema: ClaimAcknowledgmentSchema,
  parse,
  build,
};
