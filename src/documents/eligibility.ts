import { z } from 'zod';
import { type Loop, comp, el, reps } from '../grammar/tree.js';
import type { ElementValue, Segment } from '../x12/segment.js';
import {
  Address,
  Contact,
  DatePeriod,
  IsoDate,
  Money,
  Name,
  Reference,
  addressFrom,
  addressSegments,
  composite,
  contactFrom,
  d8,
  isoDate,
  money,
  nameFrom,
  nm1,
  opt,
  perSegment,
  periodElements,
  periodFrom,
  refSegment,
  referenceFrom,
  seg,
  stripUndefined,
  x12Money,
} from './common.js';
import type { DocumentType } from './types.js';

/**
 * 270 Eligibility Inquiry and 271 Eligibility Response (005010X279A1).
 *
 * A 270 asks a payer (the information source) on behalf of a provider (the information receiver) whether a
 * patient is covered; the 271 answers with the coverage and the benefits (copay, coinsurance, deductible,
 * out of pocket) or with AAA rejections. One inquiry / response entry is one patient: the subscriber, or a
 * dependent under the subscriber. The trace number (TRN*1 in the 270, returned as TRN*2 in the 271) links
 * an answer to its question.
 *
 * Not mapped (dropped on parse, never written): PRV and HI in the subscriber and dependent loops, MPI,
 * the 270's AMT spend-down amounts, III and REF in the 270's EQ loops, and every source or receiver loop
 * after the first (a file almost always has one of each).
 */

// ---------------------------------------------------------------------------------------------------------
// Pieces shared by the eligibility and authorization documents
// ---------------------------------------------------------------------------------------------------------

/** A number as a decimal string ("1", "2.5", "0.2"): quantities, units and percents. */
export const Decimal = z.string().regex(/^-?\d+(\.\d+)?$/, 'a number such as "1", "2.5" or "0.2"');
export type Decimal = z.infer<typeof Decimal>;

/** X12 R-type text to a record number (".2" -> "0.2", "1.50" -> "1.5"); '' stays undefined. Odd text is kept as is. */
export function decimal(text: string): Decimal | undefined {
  if (text === '') return undefined;
  const m = /^([+-]?)(\d*)(?:\.(\d*))?$/.exec(text);
  if (m === null || (m[2] === '' && (m[3] ?? '') === '')) return text;
  const whole = m[2].replace(/^0+(?=\d)/, '') || '0';
  const frac = (m[3] ?? '').replace(/0+$/, '');
  const zero = /^0*$/.test(whole) && frac === '';
  return `${m[1] === '-' && !zero ? '-' : ''}${whole}${frac === '' ? '' : `.${frac}`}`;
}

/** A record number as X12 text, leading zero suppressed as X12 asks ("0.2" -> ".2"). */
export function x12Decimal(d: Decimal | undefined): string {
  if (d === undefined) return '';
  const t = decimal(d) ?? '';
  return t.startsWith('0.') ? t.slice(1) : t.startsWith('-0.') ? `-${t.slice(2)}` : t;
}

/** A name without an identifier: the subscriber's member id and the qualifier are kept beside it. */
export const PersonName = Name.omit({ idQualifier: true, id: true });
export type PersonName = z.infer<typeof PersonName>;

export function personNameFrom(nm1Segment: Segment): PersonName {
  const { idQualifier: _q, id: _i, ...name } = nameFrom(nm1Segment);
  return name;
}

/** NM1 for a member: NM108/NM109 carry the member id (MI unless told otherwise) when there is one. */
export function memberNm1(entity: string, n: PersonName, memberId?: string, qualifier?: string): Segment {
  return seg('NM1', [entity, n.entityType, n.last, n.first ?? '', n.middle ?? '', '', n.suffix ?? '', memberId !== undefined ? (qualifier ?? 'MI') : '', memberId ?? '']);
}

/** A trace number (TRN): the number and the 10-character id of whoever assigned it. */
export const Trace = z.object({
  number: z.string(),
  /** TRN03: the assigning entity, "1" + EIN or a DUNS-based id. */
  originator: z.string(),
  /** TRN04: a division or group within the originator. */
  originatorSupplement: z.string().optional(),
});
export type Trace = z.infer<typeof Trace>;

/** A trace in a response: TRN01 2 is the requester's trace returned, TRN01 1 the responder's own. */
export const ResponseTrace = Trace.extend({ type: z.enum(['1', '2']) });
export type ResponseTrace = z.infer<typeof ResponseTrace>;

export function traceFrom(trn: Segment): Trace {
  return stripUndefined({ number: el(trn, 2), originator: el(trn, 3), originatorSupplement: opt(el(trn, 4)) });
}

export function responseTraceFrom(trn: Segment): ResponseTrace {
  return { type: el(trn, 1) === '1' ? '1' : '2', ...traceFrom(trn) };
}

export function trnSegment(type: string, t: Trace): Segment {
  return seg('TRN', [type, t.number, t.originator, t.originatorSupplement ?? '']);
}

/** AAA03 Reject Reason Code (901), in the billing office's words. */
export const REJECT_REASONS: Readonly<Record<string, string>> = Object.freeze({
  '04': 'authorized quantity exceeded',
  '15': 'required application data missing',
  '33': 'input errors',
  '35': 'out of network',
  '41': 'authorization or access restrictions',
  '42': 'unable to respond at current time',
  '43': 'invalid or missing provider identification',
  '44': 'invalid or missing provider name',
  '45': 'invalid or missing provider specialty',
  '46': 'invalid or missing provider phone number',
  '47': 'invalid or missing provider state',
  '48': 'invalid or missing referring provider identification number',
  '49': 'provider is not primary care physician',
  '50': 'provider ineligible for inquiries',
  '51': 'provider not on file',
  '52': 'service dates not within provider plan enrollment',
  '53': 'inquired benefit inconsistent with provider type',
  '54': 'inappropriate product or service id qualifier',
  '55': 'inappropriate product or service id',
  '56': 'inappropriate date',
  '57': 'invalid or missing dates of service',
  '58': 'invalid or missing date of birth',
  '60': 'date of birth follows dates of service',
  '61': 'date of death precedes dates of service',
  '62': 'date of service not within allowable inquiry period',
  '63': 'date of service in future',
  '64': 'invalid or missing patient id',
  '65': 'invalid or missing patient name',
  '66': 'invalid or missing patient gender code',
  '67': 'patient not found',
  '68': 'duplicate patient id number',
  '69': "inconsistent with patient's age",
  '70': "inconsistent with patient's gender",
  '71': 'patient birth date does not match that for the patient on the database',
  '72': 'invalid or missing subscriber/insured id',
  '73': 'invalid or missing subscriber/insured name',
  '74': 'invalid or missing subscriber/insured gender code',
  '75': 'subscriber/insured not found',
  '76': 'duplicate subscriber/insured id number',
  '77': 'subscriber found, patient not found',
  '78': 'subscriber/insured not in group/plan identified',
  '79': 'invalid participant identification',
  '80': 'no response received, transaction terminated',
  '97': 'invalid or missing provider address',
  '98': 'experimental service or procedure',
  AA: 'authorization number not found',
  AE: 'requires primary care physician authorization',
  AF: 'invalid or missing diagnosis codes',
  AG: 'invalid or missing procedure codes',
  AO: 'additional patient condition information required',
  CI: 'certification information does not match patient',
  E8: 'requires medical review',
  IA: 'invalid authorization number format',
  MA: 'missing authorization',
  T4: 'payer name or identifier missing',
});

/** AAA04 Follow-up Action Code (889), in words. */
export const FOLLOW_UP_ACTIONS: Readonly<Record<string, string>> = Object.freeze({
  C: 'please correct and resubmit',
  N: 'resubmission not allowed',
  P: 'please resubmit original transaction',
  R: 'resubmission allowed',
  S: 'do not resubmit; inquiry initiated to a third party',
  W: 'please wait 30 days and resubmit',
  X: 'please wait 10 days and resubmit',
  Y: 'do not resubmit; we will hand over your request',
});

/**
 * A rejection (AAA): why the request, or a part of it, could not be answered, and what to do next. The
 * words are filled in from the codes when a file is read; writing uses only the codes.
 */
export const Rejection = z.object({
  /** AAA01: Y when the request was valid but could not be answered (e.g. 42), N when it was not valid. */
  validRequest: z.boolean(),
  /** AAA03: 72 invalid member id, 73 invalid name, 75 subscriber not found, 42 unable to respond now, ... */
  reasonCode: z.string().min(1),
  reason: z.string().optional(),
  /** AAA04: C correct and resubmit, N resubmission not allowed, R resubmission allowed, ... */
  followUpCode: z.string().min(1),
  followUp: z.string().optional(),
});
export type Rejection = z.infer<typeof Rejection>;

export function rejectionFrom(aaa: Segment): Rejection {
  const reasonCode = el(aaa, 3);
  const followUpCode = el(aaa, 4);
  return {
    validRequest: el(aaa, 1) === 'Y',
    reasonCode,
    reason: REJECT_REASONS[reasonCode] ?? `reject reason ${reasonCode}`,
    followUpCode,
    followUp: FOLLOW_UP_ACTIONS[followUpCode] ?? `follow-up action ${followUpCode}`,
  };
}

export function aaaSegment(r: Rejection): Segment {
  return seg('AAA', [r.validRequest ? 'Y' : 'N', '', r.reasonCode, r.followUpCode]);
}

/** "subscriber/insured not found (75): please correct and resubmit" */
export function describeRejection(r: Rejection): string {
  const reason = REJECT_REASONS[r.reasonCode] ?? r.reason ?? `reject reason ${r.reasonCode}`;
  const followUp = FOLLOW_UP_ACTIONS[r.followUpCode] ?? r.followUp ?? `follow-up action ${r.followUpCode}`;
  return `${reason} (${r.reasonCode}): ${followUp}`;
}

/** A date with its DTP01 qualifier: 346 plan begin, 347 plan end, 356/357 eligibility begin/end, 291 plan, ... */
export const QualifiedDate = z.object({ qualifier: z.string().min(1), from: IsoDate, to: IsoDate.optional() });
export type QualifiedDate = z.infer<typeof QualifiedDate>;

export function qualifiedDateFrom(dtp: Segment): QualifiedDate | undefined {
  const p = periodFrom(el(dtp, 2), el(dtp, 3));
  return p === undefined ? undefined : stripUndefined({ qualifier: el(dtp, 1), from: p.from, to: p.to });
}

export function dtpSegment(qualifier: string, p: DatePeriod): Segment {
  const [format, value] = periodElements(p);
  return seg('DTP', [qualifier, format, value]);
}

/** HSD: how often or how much (20 visits per calendar year; 1 visit). */
export const Delivery = z.object({
  /** HSD01: VS visits, DY days, HS hours, MN months, FL units. */
  quantityQualifier: z.string().optional(),
  quantity: Decimal.optional(),
  /** HSD03: DA days, WK week, MO month, YR year, VS visit. */
  unit: z.string().optional(),
  sampleModulus: Decimal.optional(),
  /** HSD05: 7 day, 21 years, 22 service year, 23 calendar year, 27 visit, 34 month, 35 week, ... */
  timePeriod: z.string().optional(),
  periodCount: z.string().optional(),
  frequency: z.string().optional(),
  pattern: z.string().optional(),
});
export type Delivery = z.infer<typeof Delivery>;

export function deliveryFrom(hsd: Segment): Delivery {
  return stripUndefined({
    quantityQualifier: opt(el(hsd, 1)),
    quantity: decimal(el(hsd, 2)),
    unit: opt(el(hsd, 3)),
    sampleModulus: decimal(el(hsd, 4)),
    timePeriod: opt(el(hsd, 5)),
    periodCount: opt(el(hsd, 6)),
    frequency: opt(el(hsd, 7)),
    pattern: opt(el(hsd, 8)),
  });
}

export function hsdSegment(d: Delivery): Segment {
  return seg('HSD', [d.quantityQualifier ?? '', x12Decimal(d.quantity), d.unit ?? '', x12Decimal(d.sampleModulus), d.timePeriod ?? '', d.periodCount ?? '', d.frequency ?? '', d.pattern ?? '']);
}

/** A procedure as C003 carries it (EQ02, EB13). */
export const Procedure = z.object({
  /** HC CPT/HCPCS, AD ADA, N4 NDC, ... */
  qualifier: z.string().default('HC'),
  code: z.string().min(1),
  modifiers: z.array(z.string()).max(4).optional(),
  /** The end of a range of procedure codes (C003-08). */
  toCode: z.string().optional(),
});
export type Procedure = z.infer<typeof Procedure>;

function procedureFrom(s: Segment, n: number): Procedure | undefined {
  const code = comp(s, n, 2);
  if (comp(s, n, 1) === '' && code === '') return undefined;
  const modifiers = [3, 4, 5, 6].map((c) => comp(s, n, c)).filter((m) => m !== '');
  return stripUndefined({ qualifier: comp(s, n, 1), code, modifiers: modifiers.length > 0 ? modifiers : undefined, toCode: opt(comp(s, n, 8)) });
}

function procedureComposite(p: Procedure): string[] {
  const m = p.modifiers ?? [];
  return composite(p.qualifier, p.code, m[0], m[1], m[2], m[3], '', p.toCode);
}

/** Non-empty list or undefined, so empty optional lists are left out of records. */
export function nonEmpty<T>(a: T[]): T[] | undefined {
  return a.length > 0 ? a : undefined;
}

/** Structural equality of plain record data (used to put consecutive entries of one subscriber under one HL). */
export function sameData(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    return a.length === bb.length && a.every((v, i) => sameData(v, bb[i]));
  }
  const ka = Object.keys(a).filter((k) => (a as Record<string, unknown>)[k] !== undefined);
  const kb = Object.keys(b).filter((k) => (b as Record<string, unknown>)[k] !== undefined);
  return ka.length === kb.length && ka.every((k) => sameData((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

function repeated(values: readonly string[]): ElementValue {
  return values.length === 1 ? values[0] : values.length === 0 ? '' : { repeats: values };
}

function dmgFrom(loop: Loop): { birthDate?: string; gender?: 'F' | 'M' | 'U' } {
  const dmg = loop.segment('DMG');
  if (dmg === undefined) return {};
  const g = el(dmg, 3);
  return stripUndefined({ birthDate: el(dmg, 1) === 'D8' ? isoDate(el(dmg, 2)) : undefined, gender: g === '' ? undefined : (g as 'F' | 'M' | 'U') });
}

function dmgSegments(p: { birthDate?: string; gender?: string }): Segment[] {
  if (p.birthDate === undefined && p.gender === undefined) return [];
  return [seg('DMG', [p.birthDate !== undefined ? 'D8' : '', d8(p.birthDate), p.gender ?? ''])];
}

/** REF*6P (group number, REF03 the group or plan name) apart from the other supplemental ids. */
function memberRefsFrom(loop: Loop): { groupNumber?: string; groupName?: string; references?: Reference[] } {
  let groupNumber: string | undefined;
  let groupName: string | undefined;
  const others: Reference[] = [];
  for (const r of loop.segments('REF')) {
    if (el(r, 1) === '6P' && groupNumber === undefined) {
      groupNumber = el(r, 2);
      groupName = opt(el(r, 3));
    } else others.push(referenceFrom(r));
  }
  return stripUndefined({ groupNumber, groupName, references: nonEmpty(others) });
}

function memberRefSegments(m: { groupNumber?: string; groupName?: string; references?: Reference[] }, withDescription: boolean): Segment[] {
  const out: Segment[] = [];
  if (m.groupNumber !== undefined) out.push(seg('REF', ['6P', m.groupNumber, withDescription ? (m.groupName ?? '') : '']));
  for (const r of m.references ?? []) out.push(withDescription ? refSegment(r) : seg('REF', [r.qualifier, r.value]));
  return out;
}

function prvFrom(loop: Loop): { providerCode?: string; taxonomy?: string } {
  const prv = loop.segment('PRV');
  if (prv === undefined) return {};
  return stripUndefined({ providerCode: opt(el(prv, 1)), taxonomy: opt(el(prv, 3)) });
}

function prvSegments(p: { providerCode?: string; taxonomy?: string }): Segment[] {
  if (p.providerCode === undefined) return [];
  return [seg('PRV', [p.providerCode, p.taxonomy !== undefined ? 'PXC' : '', p.taxonomy ?? ''])];
}

function hl(id: number, parent: number | null, level: string, child: boolean): Segment {
  return seg('HL', [String(id), parent === null ? '' : String(parent), level, child ? '1' : '0']);
}

/** BHT time: HHMM, HHMMSS or HHMMSSd(d). */
const Time = z.string().regex(/^\d{4}(\d{2}(\d{1,2})?)?$/, 'a time such as "0910" or "091530"');

/** The payer or other organization answering (2100A). */
const InformationSource = z.object({
  /** NM101: PR payer, 2B third-party administrator, 36 employer, GP gateway provider, P5 plan sponsor. */
  entityCode: z.string().default('PR'),
  name: Name,
});

/** The provider asking (2100B). */
const InformationReceiverFields = {
  /** NM101: 1P provider, 80 hospital, FA facility, ... */
  entityCode: z.string().default('1P'),
  /** The provider's name; idQualifier XX with the NPI as id. */
  name: Name,
  references: z.array(Reference).optional(),
  address: Address.optional(),
  /** PRV01: BI billing, PE performing, AT attending, ... */
  providerCode: z.string().optional(),
  /** PRV03, the provider taxonomy code (PRV02 PXC). */
  taxonomy: z.string().optional(),
};

function receiverFrom(l: Loop | undefined): { entityCode: string; name: Name; references?: Reference[]; address?: Address; providerCode?: string; taxonomy?: string } {
  const nm = l?.segment('NM1');
  return stripUndefined({
    entityCode: el(nm, 1),
    name: nm === undefined ? { entityType: '2' as const, last: '' } : nameFrom(nm),
    references: l === undefined ? undefined : nonEmpty(l.segments('REF').map(referenceFrom)),
    address: l === undefined ? undefined : addressFrom(l),
    ...(l === undefined ? {} : prvFrom(l)),
  });
}

// ---------------------------------------------------------------------------------------------------------
// 270 Eligibility Inquiry
// ---------------------------------------------------------------------------------------------------------

const InquirySubscriber = z.object({
  name: PersonName,
  /** NM109: the member id on the card. */
  memberId: z.string().optional(),
  /** NM108 when it is not MI (II: standard unique health identifier). */
  memberIdQualifier: z.string().optional(),
  /** REF*6P. */
  groupNumber: z.string().optional(),
  /** Other supplemental ids (REF): SY SSN, 1W member id, 18 plan number, ... */
  references: z.array(Reference).optional(),
  address: Address.optional(),
  birthDate: IsoDate.optional(),
  gender: z.enum(['F', 'M', 'U']).optional(),
  /** INS17: which of a multiple birth. */
  birthSequence: z.string().optional(),
});
export type InquirySubscriber = z.infer<typeof InquirySubscriber>;

const InquiryPatient = z.object({
  name: PersonName,
  references: z.array(Reference).optional(),
  address: Address.optional(),
  birthDate: IsoDate.optional(),
  gender: z.enum(['F', 'M', 'U']).optional(),
  /** INS02: 01 spouse, 19 child, 34 other adult. */
  relationship: z.string().optional(),
  birthSequence: z.string().optional(),
});
export type InquiryPatient = z.infer<typeof InquiryPatient>;

const Inquiry = z.object({
  /** TRN*1: the trace the 271 returns (as TRN*2) to link the answer to this question. */
  trace: Trace.optional(),
  /** A second TRN*1, added by a clearinghouse. */
  clearinghouseTrace: Trace.optional(),
  subscriber: InquirySubscriber,
  /** The dependent the inquiry is about, when the patient is not the subscriber. */
  patient: InquiryPatient.optional(),
  /** EQ01: 30 health benefit plan coverage, 1 medical care, 33 chiropractic, 98 office visit, ... */
  serviceTypes: z.array(z.string()),
  /** EQ02: inquiries about specific procedures, one EQ each. */
  procedures: z.array(Procedure).optional(),
  /** DTP*291: the date (or dates) of service asked about; the day of the inquiry when absent. */
  serviceDate: DatePeriod.optional(),
  /** DTP*102: issue date of the patient's card. */
  cardIssueDate: IsoDate.optional(),
});
export type Inquiry = z.infer<typeof Inquiry>;

export const EligibilityInquirySchema = z.object({
  transaction: z.object({
    /** BHT02: 13 request, 01 cancellation. */
    purpose: z.enum(['13', '01']).default('13'),
    /** BHT03: the submitter's reference, returned in the 271. */
    reference: z.string().optional(),
    date: IsoDate,
    time: Time,
    /** BHT06: RT when the inquiry is real time. */
    transactionType: z.literal('RT').optional(),
  }),
  informationSource: InformationSource,
  informationReceiver: z.object(InformationReceiverFields),
  inquiries: z.array(Inquiry),
});
export type EligibilityInquiry = z.infer<typeof EligibilityInquirySchema>;

function inquirySubscriberFrom(l: Loop): InquirySubscriber {
  const nm = l.segment('NM1')!;
  const refs = memberRefsFrom(l);
  return stripUndefined({
    name: personNameFrom(nm),
    memberId: opt(el(nm, 9)),
    memberIdQualifier: el(nm, 8) !== '' && el(nm, 8) !== 'MI' ? el(nm, 8) : undefined,
    groupNumber: refs.groupNumber,
    references: refs.references,
    address: addressFrom(l),
    ...dmgFrom(l),
    birthSequence: opt(el(l.segment('INS'), 17)),
  });
}

function inquiryPatientFrom(l: Loop): InquiryPatient {
  const ins = l.segment('INS');
  return stripUndefined({
    name: personNameFrom(l.segment('NM1')!),
    references: nonEmpty(l.segments('REF').map(referenceFrom)),
    address: addressFrom(l),
    ...dmgFrom(l),
    relationship: opt(el(ins, 2)),
    birthSequence: opt(el(ins, 17)),
  });
}

/** The inquiry's question from its name loop (2100C/2100D) and benefit loops (2110C/2110D). */
function questionFrom(hlLoop: Loop, nameLoop: Loop, benefitLoopId: string): Pick<Inquiry, 'trace' | 'clearinghouseTrace' | 'serviceTypes' | 'procedures' | 'serviceDate' | 'cardIssueDate'> {
  const trns = hlLoop.segments('TRN');
  const serviceTypes: string[] = [];
  const procedures: Procedure[] = [];
  let benefitDate: DatePeriod | undefined;
  for (const b of nameLoop.loops(benefitLoopId)) {
    const eq = b.segment('EQ');
    serviceTypes.push(...reps(eq, 1));
    const p = eq === undefined ? undefined : procedureFrom(eq, 2);
    if (p !== undefined) procedures.push(p);
    const dtp = b.segment('DTP', '291');
    if (benefitDate === undefined && dtp !== undefined) benefitDate = periodFrom(el(dtp, 2), el(dtp, 3));
  }
  const dtp291 = nameLoop.segment('DTP', '291');
  const dtp102 = nameLoop.segment('DTP', '102');
  return stripUndefined({
    trace: trns[0] === undefined ? undefined : traceFrom(trns[0]),
    clearinghouseTrace: trns[1] === undefined ? undefined : traceFrom(trns[1]),
    serviceTypes,
    procedures: nonEmpty(procedures),
    serviceDate: dtp291 !== undefined ? periodFrom(el(dtp291, 2), el(dtp291, 3)) : benefitDate,
    cardIssueDate: dtp102 !== undefined ? isoDate(el(dtp102, 3)) : undefined,
  });
}

function parseInquiry(tree: Loop): EligibilityInquiry {
  const bht = tree.segment('BHT');
  const a = tree.loop('2000A');
  const b = a?.loop('2000B');
  const inquiries: Inquiry[] = [];
  for (const c of b?.loops('2000C') ?? []) {
    const cName = c.loop('2100C');
    if (cName === undefined) continue;
    const subscriber = inquirySubscriberFrom(cName);
    const dependents = c.loops('2000D');
    if (dependents.length === 0 || cName.loops('2110C').length > 0 || c.segment('TRN') !== undefined) {
      const q = questionFrom(c, cName, '2110C');
      inquiries.push(stripUndefined({ trace: q.trace, clearinghouseTrace: q.clearinghouseTrace, subscriber, serviceTypes: q.serviceTypes, procedures: q.procedures, serviceDate: q.serviceDate, cardIssueDate: q.cardIssueDate }));
    }
    for (const d of dependents) {
      const dName = d.loop('2100D');
      if (dName === undefined) continue;
      const q = questionFrom(d, dName, '2110D');
      inquiries.push(stripUndefined({ trace: q.trace, clearinghouseTrace: q.clearinghouseTrace, subscriber, patient: inquiryPatientFrom(dName), serviceTypes: q.serviceTypes, procedures: q.procedures, serviceDate: q.serviceDate, cardIssueDate: q.cardIssueDate }));
    }
  }
  const src = a?.loop('2100A')?.segment('NM1');
  return {
    transaction: stripUndefined({
      purpose: (el(bht, 2) === '01' ? '01' : '13') as '13' | '01',
      reference: opt(el(bht, 3)),
      date: isoDate(el(bht, 4)) ?? '',
      time: el(bht, 5),
      transactionType: el(bht, 6) === 'RT' ? ('RT' as const) : undefined,
    }),
    informationSource: { entityCode: el(src, 1), name: src === undefined ? { entityType: '2', last: '' } : nameFrom(src) },
    informationReceiver: receiverFrom(b?.loop('2100B')),
    inquiries,
  };
}

/** The question segments of a name loop: DTP then the EQ loops (EQ01 up to 99 service types each). */
function questionSegments(q: Inquiry): { dates: Segment[]; benefits: Segment[] } {
  const dates: Segment[] = [];
  if (q.serviceDate !== undefined) dates.push(dtpSegment('291', q.serviceDate));
  if (q.cardIssueDate !== undefined) dates.push(seg('DTP', ['102', 'D8', d8(q.cardIssueDate)]));
  const benefits: Segment[] = [];
  for (let i = 0; i < q.serviceTypes.length; i += 99) benefits.push(seg('EQ', [repeated(q.serviceTypes.slice(i, i + 99))]));
  for (const p of q.procedures ?? []) benefits.push(seg('EQ', ['', procedureComposite(p)]));
  return { dates, benefits };
}

function traceSegments(q: { trace?: Trace; clearinghouseTrace?: Trace }): Segment[] {
  const out: Segment[] = [];
  if (q.trace !== undefined) out.push(trnSegment('1', q.trace));
  if (q.clearinghouseTrace !== undefined) out.push(trnSegment('1', q.clearinghouseTrace));
  return out;
}

/** Consecutive entries for the same subscriber share one subscriber HL: its own entry first, then its dependents. */
function groupBySubscriber<E extends { subscriber: unknown; patient?: unknown }>(entries: readonly E[]): { own?: E; subscriber: E['subscriber']; dependents: E[] }[] {
  const groups: { own?: E; subscriber: E['subscriber']; dependents: E[] }[] = [];
  for (const e of entries) {
    const last = groups[groups.length - 1];
    if (e.patient !== undefined && last !== undefined && sameData(last.subscriber, e.subscriber)) last.dependents.push(e);
    else if (e.patient !== undefined) groups.push({ subscriber: e.subscriber, dependents: [e] });
    else groups.push({ own: e, subscriber: e.subscriber, dependents: [] });
  }
  return groups;
}

function buildInquiry(r: EligibilityInquiry): Segment[] {
  const t = r.transaction;
  const out: Segment[] = [seg('BHT', ['0022', t.purpose, t.reference ?? '', d8(t.date), t.time, t.transactionType ?? ''])];
  out.push(hl(1, null, '20', true), nm1(r.informationSource.entityCode, r.informationSource.name));
  const rc = r.informationReceiver;
  out.push(hl(2, 1, '21', true), nm1(rc.entityCode, rc.name), ...(rc.references ?? []).map(refSegment), ...addressSegments(rc.address), ...prvSegments(rc));
  let id = 3;
  for (const g of groupBySubscriber(r.inquiries)) {
    const s = g.subscriber;
    const cId = id++;
    out.push(hl(cId, 2, '22', g.dependents.length > 0));
    const own = g.own !== undefined ? questionSegments(g.own) : { dates: [], benefits: [] };
    if (g.own !== undefined) out.push(...traceSegments(g.own));
    out.push(memberNm1('IL', s.name, s.memberId, s.memberIdQualifier), ...memberRefSegments(s, false), ...addressSegments(s.address), ...dmgSegments(s));
    if (s.birthSequence !== undefined) out.push(seg('INS', ['Y', '18', ...new Array<string>(14).fill(''), s.birthSequence]));
    out.push(...own.dates, ...own.benefits);
    for (const d of g.dependents) {
      const p = d.patient!;
      const q = questionSegments(d);
      out.push(hl(id++, cId, '23', false), ...traceSegments(d));
      out.push(memberNm1('03', p.name), ...(p.references ?? []).map((x) => seg('REF', [x.qualifier, x.value])), ...addressSegments(p.address), ...dmgSegments(p));
      if (p.relationship !== undefined) out.push(seg('INS', ['N', p.relationship, ...new Array<string>(14).fill(''), p.birthSequence ?? '']));
      out.push(...q.dates, ...q.benefits);
    }
  }
  return out;
}

export const ELIGIBILITY_INQUIRY_DOCUMENT: DocumentType<EligibilityInquiry> = {
  name: 'EligibilityInquiry',
  set: '270',
  guide: '005010X279A1',
  functionalId: 'HS',
  st03: true,
  schema: EligibilityInquirySchema,
  parse: parseInquiry,
  build: buildInquiry,
};

// ---------------------------------------------------------------------------------------------------------
// 271 Eligibility Response
// ---------------------------------------------------------------------------------------------------------

/** 2115: a code qualifying a benefit (III: place of service ZZ, nature of injury GR/NI). */
const BenefitQualifier = z.object({
  qualifier: z.string().optional(),
  code: z.string().optional(),
  /** III03 44 and III04: the injured body part. */
  category: z.string().optional(),
  description: z.string().optional(),
});

/** 2120: another party the benefit involves: another payer, the primary care provider, ... */
const RelatedEntity = z.object({
  /** NM101: PR payer, P3 primary care provider, IL insured, 1P provider, ... */
  entityCode: z.string().min(1),
  name: Name,
  /** NM110: 01 parent, 02 child, 27 domestic partner, 41 spouse, 48 employee, 65 other, 72 unknown. */
  relationship: z.string().optional(),
  address: Address.optional(),
  contacts: z.array(Contact).max(3).optional(),
  providerCode: z.string().optional(),
  taxonomy: z.string().optional(),
});

/** One EB loop: a coverage status or a benefit (copay, coinsurance, deductible, ...) with its details. */
export const Benefit = z.object({
  /** EB01: 1 active coverage, 6 inactive, A coinsurance, B copay, C deductible, G out of pocket, F limitations, I non-covered, ... */
  information: z.string().min(1),
  /** EB02: IND individual, FAM family, EMP employee only, ESP employee and spouse, CHD children, ... */
  coverageLevel: z.string().optional(),
  /** EB03: 30 health benefit plan coverage, 1 medical care, 98 professional office visit, ... */
  serviceTypes: z.array(z.string()),
  /** EB04: PR PPO, HM HMO, MB Medicare part B, ... */
  insuranceType: z.string().optional(),
  /** EB05: the plan's name. */
  planDescription: z.string().optional(),
  /** EB06: 23 calendar year, 29 remaining, 22 service year, 27 visit, 7 day, ... */
  timePeriod: z.string().optional(),
  /** EB07: the copay, deductible or out-of-pocket amount. */
  amount: Money.optional(),
  /** EB08: coinsurance as a fraction, "0.2" for 20%. */
  percent: Decimal.optional(),
  /** EB09/EB10: VS visits, DY days, ... */
  quantityQualifier: z.string().optional(),
  quantity: Decimal.optional(),
  /** EB11: Y prior authorization or certification required, N not required, U unknown. */
  authorizationRequired: z.enum(['Y', 'N', 'U']).optional(),
  /** EB12: Y in network, N out of network, W either (not applicable), U unknown. */
  inNetwork: z.enum(['Y', 'N', 'U', 'W']).optional(),
  /** EB13: the procedure the benefit is for. */
  procedure: Procedure.optional(),
  /** EB14: pointers to the diagnoses returned in HI. */
  diagnosisPointers: z.array(z.string()).max(4).optional(),
  deliveries: z.array(Delivery).max(9).optional(),
  references: z.array(Reference).max(9).optional(),
  dates: z.array(QualifiedDate).max(20).optional(),
  /** AAA in 2110: the benefit could not be answered. */
  rejections: z.array(Rejection).max(9).optional(),
  messages: z.array(z.string().min(1)).max(10).optional(),
  additionalInformation: z.array(BenefitQualifier).max(10).optional(),
  relatedEntities: z.array(RelatedEntity).max(23).optional(),
});
export type Benefit = z.infer<typeof Benefit>;

const ResponseMemberFields = {
  references: z.array(Reference).optional(),
  address: Address.optional(),
  /** AAA: why the inquiry about this person could not be answered. */
  rejections: z.array(Rejection).max(9).optional(),
  birthDate: IsoDate.optional(),
  gender: z.enum(['F', 'M', 'U']).optional(),
  /** INS02 (18 self for the subscriber; 01 spouse, 19 child, ... for a dependent); INS is written when set. */
  relationship: z.string().optional(),
  /** INS03 001 / INS04 25: the payer corrected the identifying data sent in the 270. */
  identityChanged: z.boolean().optional(),
  birthSequence: z.string().optional(),
  /** DTP: 346 plan begin, 347 plan end, 356 eligibility begin, 307 eligibility, 291 plan, ... */
  dates: z.array(QualifiedDate).max(9).optional(),
};

const ResponseSubscriber = z.object({
  name: PersonName,
  memberId: z.string().optional(),
  memberIdQualifier: z.string().optional(),
  /** REF*6P and its REF03. */
  groupNumber: z.string().optional(),
  groupName: z.string().optional(),
  ...ResponseMemberFields,
});
export type ResponseSubscriber = z.infer<typeof ResponseSubscriber>;

const ResponsePatient = z.object({ name: PersonName, ...ResponseMemberFields });
export type ResponsePatient = z.infer<typeof ResponsePatient>;

/** The answer about one patient (the subscriber, or a dependent). */
const EligibilityResponseEntrySchema = z.object({
  /** TRN*2: the 270's trace returned; TRN*1: the payer's own. */
  traces: z.array(ResponseTrace).max(3),
  subscriber: ResponseSubscriber,
  patient: ResponsePatient.optional(),
  /** The patient's coverage; `coverageActive()` tells whether it is active. */
  coverage: z.object({
    /** The first coverage-status EB (EB01 1-8): coverage level, insurance type and plan description. */
    plan: Benefit.optional(),
    benefits: z.array(Benefit),
  }),
});
export type EligibilityResponseEntry = z.infer<typeof EligibilityResponseEntrySchema>;
export { EligibilityResponseEntrySchema };

export const EligibilityResponseSchema = z
  .object({
    transaction: z.object({
      /** BHT02: 11 response, 06 confirmation. */
      purpose: z.enum(['11', '06']).default('11'),
      /** BHT03: the 270's reference, returned. */
      reference: z.string().optional(),
      date: IsoDate,
      time: Time,
    }),
    /** AAA in 2000A: the whole request could not be answered. */
    rejections: z.array(Rejection).max(9).optional(),
    informationSource: InformationSource.extend({
      contacts: z.array(Contact).max(3).optional(),
      rejections: z.array(Rejection).max(9).optional(),
    }),
    /** Absent when the request was rejected at the information source level. */
    informationReceiver: z.object({ ...InformationReceiverFields, rejections: z.array(Rejection).max(9).optional() }).optional(),
    responses: z.array(EligibilityResponseEntrySchema),
  })
  .superRefine((r, ctx) => {
    if (r.informationReceiver === undefined && r.responses.length > 0) ctx.addIssue({ code: 'custom', path: ['informationReceiver'], message: 'responses need the information receiver they answer' });
  });
export type EligibilityResponse = z.infer<typeof EligibilityResponseSchema>;

const ELIGIBILITY_STATUS = new Set(['1', '2', '3', '4', '5', '6', '7', '8']);

function benefitFrom(l: Loop): Benefit {
  const eb = l.first;
  const pointers = [1, 2, 3, 4].map((c) => comp(eb, 14, c)).filter((p) => p !== '');
  const auth = el(eb, 11);
  const net = el(eb, 12);
  const entities: z.infer<typeof RelatedEntity>[] = [];
  for (const e of l.loops(l.node.id === '2110C' ? '2120C' : '2120D')) {
    const nm = e.first;
    entities.push(
      stripUndefined({
        entityCode: el(nm, 1),
        name: nameFrom(nm),
        relationship: opt(el(nm, 10)),
        address: addressFrom(e),
        contacts: nonEmpty(e.segments('PER').map(contactFrom)),
        ...prvFrom(e),
      }),
    );
  }
  const iii: z.infer<typeof BenefitQualifier>[] = [];
  for (const q of l.loops(l.node.id === '2110C' ? '2115C' : '2115D')) {
    const s = q.first;
    iii.push(stripUndefined({ qualifier: opt(el(s, 1)), code: opt(el(s, 2)), category: opt(el(s, 3)), description: opt(el(s, 4)) }));
  }
  return stripUndefined({
    information: el(eb, 1),
    coverageLevel: opt(el(eb, 2)),
    serviceTypes: reps(eb, 3),
    insuranceType: opt(el(eb, 4)),
    planDescription: opt(el(eb, 5)),
    timePeriod: opt(el(eb, 6)),
    amount: money(el(eb, 7)),
    percent: decimal(el(eb, 8)),
    quantityQualifier: opt(el(eb, 9)),
    quantity: decimal(el(eb, 10)),
    authorizationRequired: auth === '' ? undefined : (auth as 'Y' | 'N' | 'U'),
    inNetwork: net === '' ? undefined : (net as 'Y' | 'N' | 'U' | 'W'),
    procedure: procedureFrom(eb, 13),
    diagnosisPointers: nonEmpty(pointers),
    deliveries: nonEmpty(l.segments('HSD').map(deliveryFrom)),
    references: nonEmpty(l.segments('REF').map(referenceFrom)),
    dates: nonEmpty(l.segments('DTP').map(qualifiedDateFrom).filter((d): d is QualifiedDate => d !== undefined)),
    rejections: nonEmpty(l.segments('AAA').map(rejectionFrom)),
    messages: nonEmpty(l.segments('MSG').map((m) => el(m, 1))),
    additionalInformation: nonEmpty(iii),
    relatedEntities: nonEmpty(entities),
  });
}

function benefitSegments(b: Benefit, out: Segment[]): void {
  out.push(
    seg('EB', [
      b.information,
      b.coverageLevel ?? '',
      repeated(b.serviceTypes),
      b.insuranceType ?? '',
      b.planDescription ?? '',
      b.timePeriod ?? '',
      x12Money(b.amount),
      x12Decimal(b.percent),
      b.quantityQualifier ?? '',
      x12Decimal(b.quantity),
      b.authorizationRequired ?? '',
      b.inNetwork ?? '',
      b.procedure === undefined ? '' : procedureComposite(b.procedure),
      b.diagnosisPointers === undefined ? '' : composite(...b.diagnosisPointers),
    ]),
  );
  for (const d of b.deliveries ?? []) out.push(hsdSegment(d));
  for (const r of b.references ?? []) out.push(refSegment(r));
  for (const d of b.dates ?? []) out.push(dtpSegment(d.qualifier, d));
  for (const r of b.rejections ?? []) out.push(aaaSegment(r));
  for (const m of b.messages ?? []) out.push(seg('MSG', [m]));
  for (const q of b.additionalInformation ?? []) out.push(seg('III', [q.qualifier ?? '', q.code ?? '', q.category ?? '', q.description ?? '']));
  if (b.relatedEntities !== undefined && b.relatedEntities.length > 0) {
    out.push(seg('LS', ['2120']));
    for (const e of b.relatedEntities) {
      const n = e.name;
      out.push(seg('NM1', [e.entityCode, n.entityType, n.last, n.first ?? '', n.middle ?? '', '', n.suffix ?? '', n.idQualifier ?? '', n.id ?? '', e.relationship ?? '']));
      out.push(...addressSegments(e.address), ...(e.contacts ?? []).map(perSegment), ...prvSegments(e));
    }
    out.push(seg('LE', ['2120']));
  }
}

function responseMemberFrom(l: Loop): z.infer<z.ZodObject<typeof ResponseMemberFields>> {
  const ins = l.segment('INS');
  return stripUndefined({
    address: addressFrom(l),
    rejections: nonEmpty(l.segments('AAA').map(rejectionFrom)),
    ...dmgFrom(l),
    relationship: ins === undefined ? undefined : el(ins, 2),
    identityChanged: ins !== undefined && el(ins, 3) === '001' ? true : undefined,
    birthSequence: opt(el(ins, 17)),
    dates: nonEmpty(l.segments('DTP').map(qualifiedDateFrom).filter((d): d is QualifiedDate => d !== undefined)),
  });
}

function coverageFrom(nameLoop: Loop, benefitLoopId: string): EligibilityResponseEntry['coverage'] {
  let plan: Benefit | undefined;
  const benefits: Benefit[] = [];
  for (const l of nameLoop.loops(benefitLoopId)) {
    const b = benefitFrom(l);
    if (plan === undefined && ELIGIBILITY_STATUS.has(b.information)) plan = b;
    else benefits.push(b);
  }
  return stripUndefined({ plan, benefits });
}

function parseResponse(tree: Loop): EligibilityResponse {
  const bht = tree.segment('BHT');
  const a = tree.loop('2000A');
  const aName = a?.loop('2100A');
  const b = a?.loop('2000B');
  const responses: EligibilityResponseEntry[] = [];
  for (const c of b?.loops('2000C') ?? []) {
    const cName = c.loop('2100C');
    if (cName === undefined) continue;
    const nm = cName.segment('NM1')!;
    const refs = memberRefsFrom(cName);
    const subscriber: ResponseSubscriber = stripUndefined({
      name: personNameFrom(nm),
      memberId: opt(el(nm, 9)),
      memberIdQualifier: el(nm, 8) !== '' && el(nm, 8) !== 'MI' ? el(nm, 8) : undefined,
      groupNumber: refs.groupNumber,
      groupName: refs.groupName,
      references: refs.references,
      ...responseMemberFrom(cName),
    });
    const dependents = c.loops('2000D');
    if (dependents.length === 0 || cName.loops('2110C').length > 0 || c.segment('TRN') !== undefined) {
      responses.push({ traces: c.segments('TRN').map(responseTraceFrom), subscriber, coverage: coverageFrom(cName, '2110C') });
    }
    for (const d of dependents) {
      const dName = d.loop('2100D');
      if (dName === undefined) continue;
      const patient: ResponsePatient = stripUndefined({ name: personNameFrom(dName.segment('NM1')!), references: nonEmpty(dName.segments('REF').map(referenceFrom)), ...responseMemberFrom(dName) });
      responses.push({ traces: d.segments('TRN').map(responseTraceFrom), subscriber, patient, coverage: coverageFrom(dName, '2110D') });
    }
  }
  const src = aName?.segment('NM1');
  const bName = b?.loop('2100B');
  return stripUndefined({
    transaction: stripUndefined({ purpose: (el(bht, 2) === '06' ? '06' : '11') as '11' | '06', reference: opt(el(bht, 3)), date: isoDate(el(bht, 4)) ?? '', time: el(bht, 5) }),
    rejections: a === undefined ? undefined : nonEmpty(a.segments('AAA').map(rejectionFrom)),
    informationSource: stripUndefined({
      entityCode: el(src, 1),
      name: src === undefined ? { entityType: '2' as const, last: '' } : nameFrom(src),
      contacts: aName === undefined ? undefined : nonEmpty(aName.segments('PER').map(contactFrom)),
      rejections: aName === undefined ? undefined : nonEmpty(aName.segments('AAA').map(rejectionFrom)),
    }),
    informationReceiver: b === undefined ? undefined : stripUndefined({ ...receiverFrom(bName), rejections: bName === undefined ? undefined : nonEmpty(bName.segments('AAA').map(rejectionFrom)) }),
    responses,
  });
}

/** NM1 .. INS of a subscriber or dependent name loop, then DTP (the order of 2100C/2100D). */
function responseMemberSegments(entity: string, m: ResponseSubscriber | ResponsePatient, isSubscriber: boolean, out: Segment[]): void {
  const s = m as ResponseSubscriber;
  out.push(isSubscriber ? memberNm1(entity, m.name, s.memberId, s.memberIdQualifier) : memberNm1(entity, m.name));
  out.push(...(isSubscriber ? memberRefSegments(s, true) : (m.references ?? []).map(refSegment)));
  out.push(...addressSegments(m.address), ...(m.rejections ?? []).map(aaaSegment), ...dmgSegments(m));
  if (m.relationship !== undefined) {
    out.push(seg('INS', [isSubscriber ? 'Y' : 'N', m.relationship, m.identityChanged ? '001' : '', m.identityChanged ? '25' : '', ...new Array<string>(12).fill(''), m.birthSequence ?? '']));
  }
  for (const d of m.dates ?? []) out.push(dtpSegment(d.qualifier, d));
}

function coverageSegments(c: EligibilityResponseEntry['coverage'], out: Segment[]): void {
  if (c.plan !== undefined) benefitSegments(c.plan, out);
  for (const b of c.benefits) benefitSegments(b, out);
}

function buildResponse(r: EligibilityResponse): Segment[] {
  const t = r.transaction;
  const out: Segment[] = [seg('BHT', ['0022', t.purpose, t.reference ?? '', d8(t.date), t.time])];
  const rc = r.informationReceiver;
  out.push(hl(1, null, '20', rc !== undefined), ...(r.rejections ?? []).map(aaaSegment));
  const src = r.informationSource;
  out.push(nm1(src.entityCode, src.name), ...(src.contacts ?? []).map(perSegment), ...(src.rejections ?? []).map(aaaSegment));
  if (rc === undefined) return out;
  out.push(hl(2, 1, '21', r.responses.length > 0), nm1(rc.entityCode, rc.name), ...(rc.references ?? []).map(refSegment), ...addressSegments(rc.address));
  out.push(...(rc.rejections ?? []).map(aaaSegment), ...prvSegments(rc));
  let id = 3;
  for (const g of groupBySubscriber(r.responses)) {
    const cId = id++;
    out.push(hl(cId, 2, '22', g.dependents.length > 0));
    if (g.own !== undefined) for (const tr of g.own.traces) out.push(trnSegment(tr.type, tr));
    responseMemberSegments('IL', g.subscriber, true, out);
    if (g.own !== undefined) coverageSegments(g.own.coverage, out);
    for (const d of g.dependents) {
      out.push(hl(id++, cId, '23', false));
      for (const tr of d.traces) out.push(trnSegment(tr.type, tr));
      responseMemberSegments('03', d.patient!, false, out);
      coverageSegments(d.coverage, out);
    }
  }
  return out;
}

export const ELIGIBILITY_RESPONSE_DOCUMENT: DocumentType<EligibilityResponse> = {
  name: 'EligibilityResponse',
  set: '271',
  guide: '005010X279A1',
  functionalId: 'HB',
  st03: true,
  schema: EligibilityResponseSchema,
  parse: parseResponse,
  build: buildResponse,
};

// ---------------------------------------------------------------------------------------------------------
// Helpers over a 271
// ---------------------------------------------------------------------------------------------------------

function entriesOf(r: EligibilityResponse | EligibilityResponseEntry): readonly EligibilityResponseEntry[] {
  return 'responses' in r ? r.responses : [r];
}

function allBenefits(e: EligibilityResponseEntry): Benefit[] {
  return e.coverage.plan !== undefined ? [e.coverage.plan, ...e.coverage.benefits] : e.coverage.benefits;
}

/**
 * Whether coverage is active: some EB01 says active (1; also 2-5, the capitated and pending variants) and
 * none says inactive (6, 7, 8). For a whole 271, every EB of every entry is looked at.
 */
export function coverageActive(r: EligibilityResponse | EligibilityResponseEntry): boolean {
  let active = false;
  for (const e of entriesOf(r)) {
    for (const b of allBenefits(e)) {
      if (b.information === '6' || b.information === '7' || b.information === '8') return false;
      if (b.information === '1' || b.information === '2' || b.information === '3' || b.information === '4' || b.information === '5') active = true;
    }
  }
  return active;
}

/** What the patient pays in network, as an individual: amounts as Money, coinsurance as a fraction ("0.2"). */
export interface BenefitSummary {
  readonly copay?: Money;
  readonly coinsurance?: Decimal;
  readonly deductible?: Money;
  readonly deductibleRemaining?: Money;
  readonly outOfPocket?: Money;
  readonly outOfPocketRemaining?: Money;
}

/**
 * The in-network individual copay (EB*B), coinsurance (EB*A), deductible (EB*C) and out-of-pocket maximum
 * (EB*G), each the first one given; the "remaining" amounts are those with EB06 29. EB12 Y wins over W
 * (network not applicable) and over no EB12; EB02 IND wins over no EB02. For a whole 271 the first entry
 * is summarized.
 */
export function benefitSummary(r: EligibilityResponse | EligibilityResponseEntry): BenefitSummary {
  const e = entriesOf(r)[0];
  if (e === undefined) return {};
  const rank = (b: Benefit): number => {
    const net = b.inNetwork === 'Y' ? 0 : b.inNetwork === 'W' ? 1 : b.inNetwork === undefined ? 2 : -1;
    const level = b.coverageLevel === 'IND' ? 0 : b.coverageLevel === undefined ? 1 : -1;
    return net < 0 || level < 0 ? -1 : net * 2 + level;
  };
  const best = new Map<string, { rank: number; b: Benefit }>();
  for (const b of allBenefits(e)) {
    const k = rank(b);
    if (k < 0) continue;
    let key: string | null = null;
    if (b.information === 'B' && b.amount !== undefined) key = 'copay';
    else if (b.information === 'A' && b.percent !== undefined) key = 'coinsurance';
    else if ((b.information === 'C' || b.information === 'G') && b.amount !== undefined) key = `${b.information === 'C' ? 'deductible' : 'outOfPocket'}${b.timePeriod === '29' ? 'Remaining' : ''}`;
    if (key === null) continue;
    const cur = best.get(key);
    if (cur === undefined || k < cur.rank) best.set(key, { rank: k, b });
  }
  const amount = (key: string) => best.get(key)?.b.amount;
  return stripUndefined({
    copay: amount('copay'),
    coinsurance: best.get('coinsurance')?.b.percent,
    deductible: amount('deductible'),
    deductibleRemaining: amount('deductibleRemaining'),
    outOfPocket: amount('outOfPocket'),
    outOfPocketRemaining: amount('outOfPocketRemaining'),
  });
}

/**
 * Every rejection in words ("invalid or missing subscriber/insured id (72): please correct and resubmit"),
 * from the source level down to the benefits, in file order.
 */
export function rejectionReasons(r: EligibilityResponse | EligibilityResponseEntry): string[] {
  const out: string[] = [];
  const add = (list: readonly Rejection[] | undefined) => {
    for (const x of list ?? []) out.push(describeRejection(x));
  };
  if ('responses' in r) {
    add(r.rejections);
    add(r.informationSource.rejections);
    add(r.informationReceiver?.rejections);
  }
  let lastSubscriber: ResponseSubscriber | undefined;
  for (const e of entriesOf(r)) {
    if (lastSubscriber === undefined || !sameData(e.subscriber, lastSubscriber)) add(e.subscriber.rejections);
    lastSubscriber = e.subscriber;
    add(e.patient?.rejections);
    for (const b of allBenefits(e)) add(b.rejections);
  }
  return out;
}

/** The 270 trace this answer is for (its TRN*2), to match a 271 entry to its inquiry. */
export function inquiryTrace(e: EligibilityResponseEntry): Trace | undefined {
  const t = e.traces.find((x) => x.type === '2');
  return t === undefined ? undefined : stripUndefined({ number: t.number, originator: t.originator, originatorSupplement: t.originatorSupplement });
}
