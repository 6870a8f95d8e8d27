import { z } from 'zod';
import { type Loop, comp, el } from '../grammar/tree.js';
import type { Segment } from '../x12/segment.js';
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
  periodFrom,
  refSegment,
  referenceFrom,
  seg,
  stripUndefined,
  x12Money,
} from './common.js';
import {
  Decimal,
  Delivery,
  PersonName,
  Rejection,
  ResponseTrace,
  Trace,
  aaaSegment,
  decimal,
  deliveryFrom,
  describeRejection,
  dtpSegment,
  hsdSegment,
  memberNm1,
  nonEmpty,
  personNameFrom,
  rejectionFrom,
  responseTraceFrom,
  traceFrom,
  trnSegment,
  x12Decimal,
} from './eligibility.js';
import type { DocumentType } from './types.js';

/**
 * 278 Health Care Services Review (005010X217): the request for prior authorization (BHT02 13) and the
 * UMO's answer (BHT02 11). Both carry one patient event (2000E: the review as a whole, with its dates,
 * diagnoses and providers) and its services (2000F: one procedure each). The response adds the decision
 * (HCR: certified, not certified, pended, ...), the certification number and the AAA rejections.
 *
 * Not mapped (dropped on parse, never written): CRC, CR1, CR2, CR5, CR6 (ambulance, chiropractic, DME,
 * oxygen, home health), SV3 and TOO (dental), the transport (2010EB request / 2010EC response) and other
 * UMO (2010EC request) loops.
 */

// ---------------------------------------------------------------------------------------------------------
// Shared pieces
// ---------------------------------------------------------------------------------------------------------

const Time = z.string().regex(/^\d{4}(\d{2}(\d{1,2})?)?$/, 'a time such as "1010" or "101530"');

/** A provider as the 278 names one: requester, event provider (2010EA) or service provider (2010F). */
const ProviderFields = {
  /** NM101: 1P provider, FA facility, SJ service provider, 71 attending, 72 operating, DN referring, ... */
  entityCode: z.string().min(1),
  /** Name; idQualifier XX with the NPI as id. */
  name: Name,
  /** REF: 0B state license (REF03 the state), 1G UPIN, EI EIN, ZH carrier-assigned id, ... */
  references: z.array(Reference).max(7).optional(),
  address: Address.optional(),
  contact: Contact.optional(),
  /** PRV01: PE performing, AT attending, RF referring, OP operating, ... */
  providerCode: z.string().optional(),
  /** PRV03: taxonomy code (PRV02 PXC). */
  taxonomy: z.string().optional(),
};
const Provider = z.object(ProviderFields);
export type Provider = z.infer<typeof Provider>;
const ResponseProvider = z.object({ ...ProviderFields, rejections: z.array(Rejection).max(9).optional() });
export type ResponseProvider = z.infer<typeof ResponseProvider>;

function providerFrom(l: Loop): Provider & { rejections?: Rejection[] } {
  const nm = l.first;
  const per = l.segment('PER');
  const prv = l.segment('PRV');
  return stripUndefined({
    entityCode: el(nm, 1),
    name: nameFrom(nm),
    references: nonEmpty(l.segments('REF').map(referenceFrom)),
    address: addressFrom(l),
    contact: per === undefined ? undefined : contactFrom(per),
    rejections: nonEmpty(l.segments('AAA').map(rejectionFrom)),
    providerCode: opt(el(prv, 1)),
    taxonomy: opt(el(prv, 3)),
  });
}

function prvSegments(p: { providerCode?: string; taxonomy?: string }): Segment[] {
  return p.providerCode === undefined ? [] : [seg('PRV', [p.providerCode, 'PXC', p.taxonomy ?? ''])];
}

function providerSegments(p: Provider & { rejections?: Rejection[] }, out: Segment[]): void {
  out.push(nm1(p.entityCode, p.name), ...(p.references ?? []).map(refSegment), ...addressSegments(p.address));
  if (p.contact !== undefined) out.push(perSegment(p.contact));
  out.push(...(p.rejections ?? []).map(aaaSegment), ...prvSegments(p));
}

const Member = {
  name: PersonName,
  references: z.array(Reference).optional(),
  address: Address.optional(),
  birthDate: IsoDate.optional(),
  gender: z.enum(['F', 'M', 'U']).optional(),
  /** INS02 (18 self for the subscriber; 01 spouse, 19 child, ... for a dependent); INS is written when set. */
  relationship: z.string().optional(),
  /** INS17: which of a multiple birth. */
  birthSequence: z.string().optional(),
};

const SubscriberFields = {
  ...Member,
  /** NM109: the member id on the card. */
  memberId: z.string().optional(),
  /** NM108 when it is not MI. */
  memberIdQualifier: z.string().optional(),
};
const Subscriber = z.object(SubscriberFields);
export type AuthorizationSubscriber = z.infer<typeof Subscriber>;
const Patient = z.object(Member);
export type AuthorizationPatient = z.infer<typeof Patient>;

type AnyMember = z.infer<typeof Patient> & { memberId?: string; memberIdQualifier?: string; rejections?: Rejection[] };

function memberFrom(l: Loop, withId: boolean): AnyMember {
  const nm = l.first;
  const dmg = l.segment('DMG');
  const ins = l.segment('INS');
  const g = el(dmg, 3);
  return stripUndefined({
    name: personNameFrom(nm),
    memberId: withId ? opt(el(nm, 9)) : undefined,
    memberIdQualifier: withId && el(nm, 8) !== '' && el(nm, 8) !== 'MI' ? el(nm, 8) : undefined,
    references: nonEmpty(l.segments('REF').map((r) => ({ qualifier: el(r, 1), value: el(r, 2) }))),
    address: addressFrom(l),
    rejections: nonEmpty(l.segments('AAA').map(rejectionFrom)),
    birthDate: el(dmg, 1) === 'D8' ? isoDate(el(dmg, 2)) : undefined,
    gender: g === '' ? undefined : (g as 'F' | 'M' | 'U'),
    relationship: ins === undefined ? undefined : el(ins, 2),
    birthSequence: opt(el(ins, 17)),
  });
}

function memberSegments(entity: string, m: AnyMember, subscriber: boolean, out: Segment[]): void {
  out.push(subscriber ? memberNm1(entity, m.name, m.memberId, m.memberIdQualifier) : memberNm1(entity, m.name));
  for (const r of m.references ?? []) out.push(seg('REF', [r.qualifier, r.value]));
  out.push(...addressSegments(m.address), ...(m.rejections ?? []).map(aaaSegment));
  if (m.birthDate !== undefined) out.push(seg('DMG', ['D8', d8(m.birthDate), m.gender ?? '']));
  if (m.relationship !== undefined) out.push(seg('INS', [subscriber ? 'Y' : 'N', m.relationship, ...new Array<string>(14).fill(''), m.birthSequence ?? '']));
}

/** A diagnosis (HI): ABK principal ICD-10-CM, ABF other, ABJ admitting, ... */
export const Diagnosis = z.object({ qualifier: z.string().min(1), code: z.string().min(1), date: IsoDate.optional() });
export type Diagnosis = z.infer<typeof Diagnosis>;

function diagnosesFrom(hi: Segment | undefined): Diagnosis[] | undefined {
  if (hi === undefined) return undefined;
  const out: Diagnosis[] = [];
  for (let n = 1; n <= hi.elements.length; n++) {
    if (comp(hi, n, 1) === '') continue;
    out.push(stripUndefined({ qualifier: comp(hi, n, 1), code: comp(hi, n, 2), date: comp(hi, n, 3) === 'D8' ? isoDate(comp(hi, n, 4)) : undefined }));
  }
  return nonEmpty(out);
}

function hiSegment(list: readonly Diagnosis[] | undefined): Segment[] {
  if (list === undefined || list.length === 0) return [];
  return [seg('HI', list.map((d) => composite(d.qualifier, d.code, d.date !== undefined ? 'D8' : '', d8(d.date))))];
}

/** PWK: paperwork sent apart from the 278 (medical records, imaging reports, ...). */
export const Attachment = z.object({
  /** PWK01: 03 report justifying treatment, 77 support data for verification, OZ support data for claim, ... */
  reportType: z.string().min(1),
  /** PWK02: BM by mail, EL electronically, EM e-mail, FX fax, FT file transfer, VO voice, AA available on request. */
  transmission: z.string().min(1),
  /** PWK06 (PWK05 AC). */
  controlNumber: z.string().optional(),
  description: z.string().optional(),
});
export type Attachment = z.infer<typeof Attachment>;

function attachmentFrom(p: Segment): Attachment {
  return stripUndefined({ reportType: el(p, 1), transmission: el(p, 2), controlNumber: opt(el(p, 6)), description: opt(el(p, 7)) });
}

function pwkSegment(a: Attachment): Segment {
  return seg('PWK', [a.reportType, a.transmission, '', '', a.controlNumber !== undefined ? 'AC' : '', a.controlNumber ?? '', a.description ?? '']);
}

/** UM: what kind of review is asked for. */
const ReviewFields = {
  /** UM01: HS health services review, AR admission review, SC specialty care review, IN individual. */
  requestCategory: z.string().min(1),
  /** UM02: I initial, 1 appeal urgent, 2 appeal standard, 3 cancel, 4 extension, S revised. */
  certificationType: z.string().min(1),
  /** UM03: 2 surgical, 1 medical care, 73 diagnostic medical, 3 consultation, ... */
  serviceType: z.string().optional(),
  /** UM04: where (qualifier B: place of service code, e.g. 24 ambulatory surgical center; A: bill type digits). */
  facility: z.object({ code: z.string().min(1), qualifier: z.enum(['A', 'B']) }).optional(),
  /** UM06: E elective, U urgent, 03 emergency. */
  levelOfService: z.string().optional(),
  /** UM07..UM10. */
  currentHealthCondition: z.string().optional(),
  prognosis: z.string().optional(),
  releaseOfInformation: z.string().optional(),
  delayReason: z.string().optional(),
};

/** UM05: the event was caused by an accident or employment (event level only). */
const RelatedCauses = z.object({
  /** AA auto accident, EM employment, OA other accident, AP another party responsible. */
  causes: z.array(z.string()).min(1).max(3),
  /** Auto accident state. */
  state: z.string().optional(),
  country: z.string().optional(),
});

interface ReviewValues {
  requestCategory?: string;
  certificationType?: string;
  serviceType?: string;
  facility?: { code: string; qualifier: 'A' | 'B' };
  relatedCauses?: z.infer<typeof RelatedCauses>;
  levelOfService?: string;
  currentHealthCondition?: string;
  prognosis?: string;
  releaseOfInformation?: string;
  delayReason?: string;
}

function reviewFrom(um: Segment | undefined): ReviewValues {
  if (um === undefined) return {};
  const causes = [1, 2, 3].map((c) => comp(um, 5, c)).filter((c) => c !== '');
  return stripUndefined({
    requestCategory: el(um, 1),
    certificationType: el(um, 2),
    serviceType: opt(el(um, 3)),
    facility: comp(um, 4, 1) === '' && comp(um, 4, 2) === '' ? undefined : { code: comp(um, 4, 1), qualifier: (comp(um, 4, 2) === 'A' ? 'A' : 'B') as 'A' | 'B' },
    relatedCauses: causes.length === 0 ? undefined : stripUndefined({ causes, state: opt(comp(um, 5, 4)), country: opt(comp(um, 5, 5)) }),
    levelOfService: opt(el(um, 6)),
    currentHealthCondition: opt(el(um, 7)),
    prognosis: opt(el(um, 8)),
    releaseOfInformation: opt(el(um, 9)),
    delayReason: opt(el(um, 10)),
  });
}

function umSegments(r: ReviewValues): Segment[] {
  if (r.requestCategory === undefined && r.certificationType === undefined) return [];
  const c = r.relatedCauses;
  return [
    seg('UM', [
      r.requestCategory ?? '',
      r.certificationType ?? '',
      r.serviceType ?? '',
      r.facility === undefined ? '' : [r.facility.code, r.facility.qualifier],
      c === undefined ? '' : composite(c.causes[0], c.causes[1], c.causes[2], c.state, c.country),
      r.levelOfService ?? '',
      r.currentHealthCondition ?? '',
      r.prognosis ?? '',
      r.releaseOfInformation ?? '',
      r.delayReason ?? '',
    ]),
  ];
}

/** CL1: admission details for an admission review. */
const Admission = z.object({
  admissionType: z.string().optional(),
  admissionSource: z.string().optional(),
  patientStatus: z.string().optional(),
  nursingHomeStatus: z.string().optional(),
});

/** The event's dates, each under its DTP qualifier. */
const EventDateFields = {
  /** DTP*439. */
  accidentDate: IsoDate.optional(),
  /** DTP*484. */
  lastMenstrualPeriod: IsoDate.optional(),
  /** DTP*ABC. */
  estimatedBirthDate: IsoDate.optional(),
  /** DTP*431: onset of the current symptoms or illness. */
  onsetDate: IsoDate.optional(),
  /** DTP*AAH: the proposed or actual date(s) of the event (the procedures asked for). */
  eventDate: DatePeriod.optional(),
  /** DTP*435. */
  admissionDate: DatePeriod.optional(),
  /** DTP*096. */
  dischargeDate: IsoDate.optional(),
};

const EventFields = {
  ...EventDateFields,
  /** REF*BB: the authorization number of an earlier review this one continues. */
  previousAuthorization: z.string().optional(),
  diagnoses: z.array(Diagnosis).max(12).optional(),
  delivery: Delivery.optional(),
  admission: Admission.optional(),
  attachments: z.array(Attachment).max(10).optional(),
  message: z.string().optional(),
};

const SINGLE_DATES: readonly [keyof typeof EventDateFields, string][] = [
  ['accidentDate', '439'],
  ['lastMenstrualPeriod', '484'],
  ['estimatedBirthDate', 'ABC'],
  ['onsetDate', '431'],
  ['eventDate', 'AAH'],
  ['admissionDate', '435'],
  ['dischargeDate', '096'],
];
const PERIOD_DATES = new Set(['eventDate', 'admissionDate']);

function eventDatesFrom(l: Loop): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, q] of SINGLE_DATES) {
    const dtp = l.segment('DTP', q);
    if (dtp === undefined) continue;
    const p = periodFrom(el(dtp, 2), el(dtp, 3));
    if (p !== undefined) out[key] = PERIOD_DATES.has(key) ? stripUndefined(p) : p.from;
  }
  return out;
}

function eventDateSegments(e: Partial<Record<keyof typeof EventDateFields, unknown>>): Segment[] {
  const out: Segment[] = [];
  for (const [key, q] of SINGLE_DATES) {
    const v = e[key];
    if (v === undefined) continue;
    out.push(PERIOD_DATES.has(key) ? dtpSegment(q, v as DatePeriod) : seg('DTP', [q, 'D8', d8(v as string)]));
  }
  return out;
}

function admissionFrom(cl1: Segment | undefined): z.infer<typeof Admission> | undefined {
  if (cl1 === undefined) return undefined;
  return stripUndefined({ admissionType: opt(el(cl1, 1)), admissionSource: opt(el(cl1, 2)), patientStatus: opt(el(cl1, 3)), nursingHomeStatus: opt(el(cl1, 4)) });
}

function cl1Segments(a: z.infer<typeof Admission> | undefined): Segment[] {
  return a === undefined ? [] : [seg('CL1', [a.admissionType ?? '', a.admissionSource ?? '', a.patientStatus ?? '', a.nursingHomeStatus ?? ''])];
}

/** What one service line asks for: the procedure, how many units, and when. */
const ServiceFields = {
  requestCategory: z.string().optional(),
  certificationType: z.string().optional(),
  serviceType: z.string().optional(),
  facility: ReviewFields.facility,
  levelOfService: z.string().optional(),
  previousAuthorization: z.string().optional(),
  /** DTP*472: the proposed or actual date(s) of service. */
  serviceDate: DatePeriod.optional(),
  /** SV101-1 / SV202-1 when not HC (CPT/HCPCS). */
  procedureQualifier: z.string().optional(),
  procedureCode: z.string().optional(),
  modifiers: z.array(z.string()).max(4).default([]),
  procedureDescription: z.string().optional(),
  /** The end of a range of procedure codes (C003-08). */
  procedureCodeTo: z.string().optional(),
  /** SV2 instead of SV1: an institutional service line, with its revenue code. */
  institutional: z.boolean().optional(),
  revenueCode: z.string().optional(),
  amount: Money.optional(),
  /** SV103 / SV204: UN units, MJ minutes, DA days. */
  unitOfMeasure: z.string().optional(),
  /** SV104 / SV205: units asked for (in a response: the units approved). */
  units: Decimal.optional(),
  /** SV107: pointers to the event's diagnoses. */
  diagnosisPointers: z.array(z.string()).max(4).optional(),
  delivery: Delivery.optional(),
  attachments: z.array(Attachment).max(10).optional(),
  message: z.string().optional(),
};

type ServiceValues = { [K in keyof typeof ServiceFields]?: z.infer<(typeof ServiceFields)[K]> };

/** The pairs X12 syntax rules tie together (SV1 P0304: unit and units; SV2 P0304: amount and unit). */
function serviceLineRules(s: ServiceValues, ctx: z.RefinementCtx): void {
  if (s.institutional === true) {
    if ((s.amount === undefined) !== (s.unitOfMeasure === undefined)) ctx.addIssue({ code: 'custom', path: ['amount'], message: 'an institutional line (SV2) gives the amount and the unit of measure together' });
  } else if (s.procedureCode !== undefined && (s.unitOfMeasure === undefined) !== (s.units === undefined)) {
    ctx.addIssue({ code: 'custom', path: ['units'], message: 'a professional line (SV1) gives the unit of measure and the units together' });
  }
}

function serviceLineFrom(l: Loop): ServiceValues {
  const sv1 = l.segment('SV1');
  const sv2 = l.segment('SV2');
  const s = sv1 ?? sv2;
  const n = sv1 !== undefined ? 1 : 2;
  const modifiers = s === undefined ? [] : [3, 4, 5, 6].map((c) => comp(s, n, c)).filter((m) => m !== '');
  const pointers = sv1 === undefined ? [] : [1, 2, 3, 4].map((c) => comp(sv1, 7, c)).filter((p) => p !== '');
  const q = comp(s, n, 1);
  const dtp = l.segment('DTP', '472');
  const pwk = l.segments('PWK');
  const hsd = l.segment('HSD');
  const um = reviewFrom(l.segment('UM'));
  return stripUndefined({
    requestCategory: um.requestCategory,
    certificationType: um.certificationType,
    serviceType: um.serviceType,
    facility: um.facility,
    levelOfService: um.levelOfService,
    previousAuthorization: opt(el(l.segment('REF', 'BB'), 2)),
    serviceDate: dtp === undefined ? undefined : periodFrom(el(dtp, 2), el(dtp, 3)),
    procedureQualifier: q !== '' && q !== 'HC' ? q : undefined,
    procedureCode: opt(comp(s, n, 2)),
    modifiers,
    procedureDescription: opt(comp(s, n, 7)),
    procedureCodeTo: opt(comp(s, n, 8)),
    institutional: sv1 === undefined && sv2 !== undefined ? true : undefined,
    revenueCode: opt(el(sv2, 1)),
    amount: money(el(s, n + 1)),
    unitOfMeasure: opt(el(s, n + 2)),
    units: decimal(el(s, n + 3)),
    diagnosisPointers: nonEmpty(pointers),
    delivery: hsd === undefined ? undefined : deliveryFrom(hsd),
    attachments: nonEmpty(pwk.map(attachmentFrom)),
    message: opt(el(l.segment('MSG'), 1)),
  });
}

/** SV1 or SV2 for a service line. */
function svSegments(s: ServiceValues): Segment[] {
  const m = s.modifiers ?? [];
  const proc = s.procedureCode === undefined ? '' : composite(s.procedureQualifier ?? 'HC', s.procedureCode, m[0], m[1], m[2], m[3], s.procedureDescription, s.procedureCodeTo);
  if (s.institutional === true) return [seg('SV2', [s.revenueCode ?? '', proc, x12Money(s.amount), s.unitOfMeasure ?? '', x12Decimal(s.units)])];
  if (s.procedureCode === undefined) return [];
  return [seg('SV1', [proc, x12Money(s.amount), s.unitOfMeasure ?? '', x12Decimal(s.units), '', '', s.diagnosisPointers === undefined ? '' : composite(...s.diagnosisPointers)])];
}

function hl(id: number, parent: number | null, level: string, child: boolean): Segment {
  return seg('HL', [String(id), parent === null ? '' : String(parent), level, child ? '1' : '0']);
}

function transactionFrom(bht: Segment | undefined): { purpose: string; reference: string; date: string; time: string; transactionType?: string } {
  return stripUndefined({ purpose: el(bht, 2), reference: el(bht, 3), date: isoDate(el(bht, 4)) ?? '', time: el(bht, 5), transactionType: opt(el(bht, 6)) });
}

// ---------------------------------------------------------------------------------------------------------
// 278 request
// ---------------------------------------------------------------------------------------------------------

const RequestService = z.object({
  /** TRN*1: the requester's trace for this service, returned in the response. */
  trace: Trace.optional(),
  ...ServiceFields,
  /** REF*NT: the UMO's administrative reference of an earlier review. */
  previousReference: z.string().optional(),
  /** 2010F: who performs the service, when not the event's providers. */
  providers: z.array(Provider).max(3).optional(),
}).superRefine(serviceLineRules);
export type AuthorizationRequestService = z.infer<typeof RequestService>;

const RequestEvent = z.object({
  /** TRN*1: the requester's trace, returned by the UMO as TRN*2. */
  trace: Trace.optional(),
  ...ReviewFields,
  relatedCauses: RelatedCauses.optional(),
  ...EventFields,
  /** REF*NT: the UMO's administrative reference of an earlier review. */
  previousReference: z.string().optional(),
  /** 2010EA: the service provider (SJ), facility (FA), attending (71), referring (DN) ... */
  providers: z.array(Provider).max(12).optional(),
});
export type AuthorizationRequestEvent = z.infer<typeof RequestEvent>;

export const AuthorizationRequestSchema = z.object({
  transaction: z.object({
    /** BHT02: 13 request, 01 cancellation of an earlier request. */
    purpose: z.enum(['13', '01']).default('13'),
    /** BHT03: the requester's reference, returned in the response. */
    reference: z.string().min(1),
    date: IsoDate,
    time: Time,
    /** BHT06: RU medical services reservation. */
    transactionType: z.literal('RU').optional(),
  }),
  /** 2010A: the utilization management organization (X3) or payer (PR) reviewing the request. */
  umo: z.object({ entityCode: z.string().default('X3'), name: Name }),
  /** 2010B: the provider asking. */
  requester: z.object({ ...ProviderFields, entityCode: z.string().default('1P'), contact: Contact.optional() }),
  subscriber: Subscriber,
  /** The dependent the review is for, when the patient is not the subscriber. */
  patient: Patient.optional(),
  event: RequestEvent,
  services: z.array(RequestService),
});
export type AuthorizationRequest = z.infer<typeof AuthorizationRequestSchema>;

function requestServiceFrom(l: Loop): AuthorizationRequestService {
  const trn = l.segment('TRN');
  const line = serviceLineFrom(l);
  return stripUndefined({
    trace: trn === undefined ? undefined : traceFrom(trn),
    ...line,
    modifiers: line.modifiers ?? [],
    previousReference: opt(el(l.segment('REF', 'NT'), 2)),
    providers: nonEmpty(l.loops('2010F').map(providerFrom)),
  }) as AuthorizationRequestService;
}

function parseRequest(tree: Loop): AuthorizationRequest {
  const a = tree.loop('2000A');
  const b = a?.loop('2000B');
  const c = b?.loop('2000C');
  const d = c?.loop('2000D');
  const e = (d ?? c)?.loop('2000E');
  const umoNm = a?.loop('2010A')?.first;
  const t = transactionFrom(tree.segment('BHT'));
  const trn = e?.segment('TRN');
  const review = reviewFrom(e?.segment('UM'));
  const hsd = e?.segment('HSD');
  const requester = b?.loop('2010B');
  return stripUndefined({
    transaction: stripUndefined({ ...t, purpose: (t.purpose === '01' ? '01' : '13') as '13' | '01', transactionType: t.transactionType === 'RU' ? ('RU' as const) : undefined }),
    umo: { entityCode: el(umoNm, 1), name: umoNm === undefined ? { entityType: '2' as const, last: '' } : nameFrom(umoNm) },
    requester: requester === undefined ? { entityCode: '1P', name: { entityType: '2' as const, last: '' } } : providerFrom(requester),
    subscriber: (c?.loop('2010C') === undefined ? { name: { entityType: '1', last: '' } } : memberFrom(c.loop('2010C')!, true)) as AuthorizationSubscriber,
    patient: d?.loop('2010D') === undefined ? undefined : (memberFrom(d.loop('2010D')!, false) as AuthorizationPatient),
    event: stripUndefined({
      trace: trn === undefined ? undefined : traceFrom(trn),
      ...review,
      requestCategory: review.requestCategory ?? '',
      certificationType: review.certificationType ?? '',
      previousAuthorization: opt(el(e?.segment('REF', 'BB'), 2)),
      previousReference: opt(el(e?.segment('REF', 'NT'), 2)),
      ...(e === undefined ? {} : eventDatesFrom(e)),
      diagnoses: diagnosesFrom(e?.segment('HI')),
      delivery: hsd === undefined ? undefined : deliveryFrom(hsd),
      admission: admissionFrom(e?.segment('CL1')),
      attachments: e === undefined ? undefined : nonEmpty(e.segments('PWK').map(attachmentFrom)),
      message: opt(el(e?.segment('MSG'), 1)),
      providers: e === undefined ? undefined : nonEmpty(e.loops('2010EA').map(providerFrom)),
    }) as AuthorizationRequestEvent,
    services: e === undefined ? [] : e.loops('2000F').map(requestServiceFrom),
  });
}

function buildRequest(r: AuthorizationRequest): Segment[] {
  const t = r.transaction;
  const out: Segment[] = [seg('BHT', ['0007', t.purpose, t.reference, d8(t.date), t.time, t.transactionType ?? ''])];
  out.push(hl(1, null, '20', true), nm1(r.umo.entityCode, r.umo.name));
  out.push(hl(2, 1, '21', true));
  providerSegments(r.requester, out);
  out.push(hl(3, 2, '22', true));
  memberSegments('IL', r.subscriber, true, out);
  let parent = 3;
  if (r.patient !== undefined) {
    out.push(hl(4, 3, '23', true));
    memberSegments('QC', r.patient, false, out);
    parent = 4;
  }
  const ev = r.event;
  const eId = parent + 1;
  out.push(hl(eId, parent, 'EV', r.services.length > 0));
  if (ev.trace !== undefined) out.push(trnSegment('1', ev.trace));
  out.push(...umSegments(ev));
  if (ev.previousAuthorization !== undefined) out.push(seg('REF', ['BB', ev.previousAuthorization]));
  if (ev.previousReference !== undefined) out.push(seg('REF', ['NT', ev.previousReference]));
  out.push(...eventDateSegments(ev), ...hiSegment(ev.diagnoses));
  if (ev.delivery !== undefined) out.push(hsdSegment(ev.delivery));
  out.push(...cl1Segments(ev.admission), ...(ev.attachments ?? []).map(pwkSegment));
  if (ev.message !== undefined) out.push(seg('MSG', [ev.message]));
  for (const p of ev.providers ?? []) providerSegments(p, out);
  let id = eId + 1;
  for (const s of r.services) {
    out.push(hl(id++, eId, 'SS', false));
    if (s.trace !== undefined) out.push(trnSegment('1', s.trace));
    out.push(...umSegments(s));
    if (s.previousAuthorization !== undefined) out.push(seg('REF', ['BB', s.previousAuthorization]));
    if (s.previousReference !== undefined) out.push(seg('REF', ['NT', s.previousReference]));
    if (s.serviceDate !== undefined) out.push(dtpSegment('472', s.serviceDate));
    out.push(...svSegments(s));
    if (s.delivery !== undefined) out.push(hsdSegment(s.delivery));
    out.push(...(s.attachments ?? []).map(pwkSegment));
    if (s.message !== undefined) out.push(seg('MSG', [s.message]));
    for (const p of s.providers ?? []) providerSegments(p, out);
  }
  return out;
}

export const AUTHORIZATION_REQUEST_DOCUMENT: DocumentType<AuthorizationRequest> = {
  name: 'AuthorizationRequest',
  set: '278',
  guide: '005010X217',
  functionalId: 'HI',
  st03: true,
  schema: AuthorizationRequestSchema,
  parse: parseRequest,
  build: buildRequest,
};

// ---------------------------------------------------------------------------------------------------------
// 278 response
// ---------------------------------------------------------------------------------------------------------

/** HCR01 Action Code. */
export const AUTHORIZATION_ACTIONS = Object.freeze({
  A1: 'certified',
  A2: 'partially certified',
  A3: 'not certified',
  A4: 'pended',
  A6: 'modified',
  C: 'cancelled',
  CT: 'contact payer',
  NA: 'no action required',
} as const);
export type AuthorizationStatus = (typeof AUTHORIZATION_ACTIONS)[keyof typeof AUTHORIZATION_ACTIONS];

/** The decision (HCR) and the certification details, at the event or on a service. */
const DecisionFields = {
  /** HCR01: A1 certified in total, A2 certified partial, A3 not certified, A4 pended, A6 modified, C cancelled, CT contact payer, NA no action required. */
  action: z.enum(['A1', 'A2', 'A3', 'A4', 'A6', 'C', 'CT', 'NA']).optional(),
  /** HCR02: the review identification number: the certification (authorization) number to put on the claim. */
  certificationNumber: z.string().optional(),
  /** HCR03: the review decision reason code (external list; e.g. 0F not medically necessary). */
  reason: z.string().optional(),
  /** HCR04: Y a second surgical opinion is required. */
  secondSurgicalOpinion: z.string().optional(),
  /** REF*NT: the UMO's administrative reference (a tracking number, e.g. when pended or denied). */
  administrativeReference: z.string().optional(),
  /** DTP*102. */
  certificationIssueDate: IsoDate.optional(),
  /** DTP*036. */
  certificationExpirationDate: IsoDate.optional(),
  /** DTP*007: the period the certification is effective. */
  certificationEffective: DatePeriod.optional(),
  /** AAA: why this part of the request was rejected. */
  rejections: z.array(Rejection).max(9).optional(),
};

/** 2010EB / 2010FB: whom to send the additional information the UMO asks for. */
const InformationContact = z.object({
  entityCode: z.string().min(1),
  name: PersonName,
  address: Address.optional(),
  contact: Contact.optional(),
});

const ResponseService = z.object({
  /** TRN*2: the requester's service trace returned; TRN*1: the UMO's own. */
  traces: z.array(ResponseTrace).max(3),
  ...DecisionFields,
  ...ServiceFields,
  /** HI (LOI): documentation the UMO asks for, as LOINC codes. */
  documentationRequested: z.array(z.string()).max(12).optional(),
  providers: z.array(ResponseProvider).max(3).optional(),
  informationContact: InformationContact.optional(),
}).superRefine(serviceLineRules);
export type AuthorizationResponseService = z.infer<typeof ResponseService>;

const ResponseEvent = z.object({
  traces: z.array(ResponseTrace).max(3),
  ...DecisionFields,
  requestCategory: z.string().optional(),
  certificationType: z.string().optional(),
  serviceType: ReviewFields.serviceType,
  facility: ReviewFields.facility,
  relatedCauses: RelatedCauses.optional(),
  levelOfService: ReviewFields.levelOfService,
  currentHealthCondition: ReviewFields.currentHealthCondition,
  prognosis: ReviewFields.prognosis,
  releaseOfInformation: ReviewFields.releaseOfInformation,
  delayReason: ReviewFields.delayReason,
  ...EventFields,
  providers: z.array(ResponseProvider).max(12).optional(),
  informationContact: InformationContact.optional(),
});
export type AuthorizationResponseEvent = z.infer<typeof ResponseEvent>;

export const AuthorizationResponseSchema = z
  .object({
    transaction: z.object({
      /** BHT02: 11 response. */
      purpose: z.literal('11').default('11'),
      /** BHT03: the request's reference, returned. */
      reference: z.string().min(1),
      date: IsoDate,
      time: Time,
      /** BHT06. */
      transactionType: z.string().optional(),
    }),
    /** AAA in 2000A: the whole request was rejected. */
    rejections: z.array(Rejection).max(9).optional(),
    umo: z.object({ entityCode: z.string().default('X3'), name: Name, contacts: z.array(Contact).max(3).optional(), rejections: z.array(Rejection).max(9).optional() }),
    /** Absent when the request was rejected at the UMO level. */
    requester: z
      .object({
        entityCode: z.string().default('1P'),
        name: Name,
        references: ProviderFields.references,
        rejections: z.array(Rejection).max(9).optional(),
        providerCode: z.string().optional(),
        taxonomy: z.string().optional(),
      })
      .optional(),
    subscriber: z.object({ ...SubscriberFields, rejections: z.array(Rejection).max(9).optional() }).optional(),
    patient: z.object({ ...Member, rejections: z.array(Rejection).max(9).optional() }).optional(),
    event: ResponseEvent.optional(),
    services: z.array(ResponseService),
  })
  .superRefine((r, ctx) => {
    if (r.services.length > 0 && r.event === undefined) ctx.addIssue({ code: 'custom', path: ['event'], message: 'services need the event they belong to' });
    if ((r.event !== undefined || r.patient !== undefined) && r.subscriber === undefined) ctx.addIssue({ code: 'custom', path: ['subscriber'], message: 'an event or a patient needs the subscriber' });
    if (r.subscriber !== undefined && r.requester === undefined) ctx.addIssue({ code: 'custom', path: ['requester'], message: 'a subscriber needs the requester' });
  });
export type AuthorizationResponse = z.infer<typeof AuthorizationResponseSchema>;

function decisionFrom(l: Loop): Record<string, unknown> {
  const hcr = l.segment('HCR');
  const action = el(hcr, 1);
  const dates: Record<string, unknown> = {};
  const issue = l.segment('DTP', '102');
  const exp = l.segment('DTP', '036');
  const eff = l.segment('DTP', '007');
  if (issue !== undefined) dates.certificationIssueDate = isoDate(el(issue, 3));
  if (exp !== undefined) dates.certificationExpirationDate = isoDate(el(exp, 3));
  if (eff !== undefined) dates.certificationEffective = periodFrom(el(eff, 2), el(eff, 3));
  return stripUndefined({
    action: action === '' ? undefined : action,
    certificationNumber: opt(el(hcr, 2)),
    reason: opt(el(hcr, 3)),
    secondSurgicalOpinion: opt(el(hcr, 4)),
    administrativeReference: opt(el(l.segment('REF', 'NT'), 2)),
    ...dates,
    rejections: nonEmpty(l.segments('AAA').map(rejectionFrom)),
  });
}

function contactLoopFrom(l: Loop | undefined): z.infer<typeof InformationContact> | undefined {
  if (l === undefined) return undefined;
  const per = l.segment('PER');
  return stripUndefined({ entityCode: el(l.first, 1), name: personNameFrom(l.first), address: addressFrom(l), contact: per === undefined ? undefined : contactFrom(per) });
}

function contactLoopSegments(c: z.infer<typeof InformationContact> | undefined, out: Segment[]): void {
  if (c === undefined) return;
  out.push(memberNm1(c.entityCode, c.name), ...addressSegments(c.address));
  if (c.contact !== undefined) out.push(perSegment(c.contact));
}

function responseServiceFrom(l: Loop): AuthorizationResponseService {
  const line = serviceLineFrom(l);
  const loi = l.segment('HI');
  const codes: string[] = [];
  if (loi !== undefined) for (let n = 1; n <= loi.elements.length; n++) if (comp(loi, n, 2) !== '') codes.push(comp(loi, n, 2));
  return stripUndefined({
    traces: l.segments('TRN').map(responseTraceFrom),
    ...decisionFrom(l),
    ...line,
    modifiers: line.modifiers ?? [],
    documentationRequested: nonEmpty(codes),
    providers: nonEmpty(l.loops('2010FA').map(providerFrom)),
    informationContact: contactLoopFrom(l.loop('2010FB')),
  }) as AuthorizationResponseService;
}

function parseResponse(tree: Loop): AuthorizationResponse {
  const a = tree.loop('2000A');
  const aName = a?.loop('2010A');
  const b = a?.loop('2000B');
  const c = b?.loop('2000C');
  const d = c?.loop('2000D');
  const e = (d ?? c)?.loop('2000E');
  const umoNm = aName?.first;
  const t = transactionFrom(tree.segment('BHT'));
  const hsd = e?.segment('HSD');
  const requester = b?.loop('2010B');
  const prv = requester?.segment('PRV');
  return stripUndefined({
    transaction: stripUndefined({ ...t, purpose: '11' as const }),
    rejections: a === undefined ? undefined : nonEmpty(a.segments('AAA').map(rejectionFrom)),
    umo: stripUndefined({
      entityCode: el(umoNm, 1),
      name: umoNm === undefined ? { entityType: '2' as const, last: '' } : nameFrom(umoNm),
      contacts: aName === undefined ? undefined : nonEmpty(aName.segments('PER').map(contactFrom)),
      rejections: aName === undefined ? undefined : nonEmpty(aName.segments('AAA').map(rejectionFrom)),
    }),
    requester:
      requester === undefined
        ? undefined
        : stripUndefined({
            entityCode: el(requester.first, 1),
            name: nameFrom(requester.first),
            references: nonEmpty(requester.segments('REF').map(referenceFrom)),
            rejections: nonEmpty(requester.segments('AAA').map(rejectionFrom)),
            providerCode: opt(el(prv, 1)),
            taxonomy: opt(el(prv, 3)),
          }),
    subscriber: c?.loop('2010C') === undefined ? undefined : (memberFrom(c.loop('2010C')!, true) as AuthorizationResponse['subscriber']),
    patient: d?.loop('2010D') === undefined ? undefined : (memberFrom(d.loop('2010D')!, false) as AuthorizationResponse['patient']),
    event:
      e === undefined
        ? undefined
        : (stripUndefined({
            traces: e.segments('TRN').map(responseTraceFrom),
            ...decisionFrom(e),
            ...reviewFrom(e.segment('UM')),
            previousAuthorization: opt(el(e.segment('REF', 'BB'), 2)),
            ...eventDatesFrom(e),
            diagnoses: diagnosesFrom(e.segment('HI')),
            delivery: hsd === undefined ? undefined : deliveryFrom(hsd),
            admission: admissionFrom(e.segment('CL1')),
            attachments: nonEmpty(e.segments('PWK').map(attachmentFrom)),
            message: opt(el(e.segment('MSG'), 1)),
            providers: nonEmpty(e.loops('2010EA').map(providerFrom)),
            informationContact: contactLoopFrom(e.loop('2010EB')),
          }) as AuthorizationResponseEvent),
    services: e === undefined ? [] : e.loops('2000F').map(responseServiceFrom),
  });
}

type Decision = { [K in keyof typeof DecisionFields]?: z.infer<(typeof DecisionFields)[K]> };

/** AAA, UM, HCR, REF*NT, REF*BB, then DTP*472 (services) and the certification dates: the guide's order. */
function decisionSegments(x: Decision & ReviewValues & { previousAuthorization?: string }, out: Segment[], between: Segment[]): void {
  out.push(...(x.rejections ?? []).map(aaaSegment), ...umSegments(x));
  if (x.action !== undefined) out.push(seg('HCR', [x.action, x.certificationNumber ?? '', x.reason ?? '', x.secondSurgicalOpinion ?? '']));
  if (x.administrativeReference !== undefined) out.push(seg('REF', ['NT', x.administrativeReference]));
  if (x.previousAuthorization !== undefined) out.push(seg('REF', ['BB', x.previousAuthorization]));
  out.push(...between);
  if (x.certificationIssueDate !== undefined) out.push(seg('DTP', ['102', 'D8', d8(x.certificationIssueDate)]));
  if (x.certificationExpirationDate !== undefined) out.push(seg('DTP', ['036', 'D8', d8(x.certificationExpirationDate)]));
  if (x.certificationEffective !== undefined) out.push(dtpSegment('007', x.certificationEffective));
}

function buildResponse(r: AuthorizationResponse): Segment[] {
  const t = r.transaction;
  const out: Segment[] = [seg('BHT', ['0007', t.purpose, t.reference, d8(t.date), t.time, t.transactionType ?? ''])];
  out.push(hl(1, null, '20', r.requester !== undefined), ...(r.rejections ?? []).map(aaaSegment));
  out.push(nm1(r.umo.entityCode, r.umo.name), ...(r.umo.contacts ?? []).map(perSegment), ...(r.umo.rejections ?? []).map(aaaSegment));
  const rq = r.requester;
  if (rq === undefined) return out;
  out.push(hl(2, 1, '21', r.subscriber !== undefined), nm1(rq.entityCode, rq.name), ...(rq.references ?? []).map(refSegment), ...(rq.rejections ?? []).map(aaaSegment), ...prvSegments(rq));
  if (r.subscriber === undefined) return out;
  out.push(hl(3, 2, '22', r.patient !== undefined || r.event !== undefined));
  memberSegments('IL', r.subscriber, true, out);
  let parent = 3;
  if (r.patient !== undefined) {
    out.push(hl(4, 3, '23', r.event !== undefined));
    memberSegments('QC', r.patient, false, out);
    parent = 4;
  }
  const ev = r.event;
  if (ev === undefined) return out;
  const eId = parent + 1;
  out.push(hl(eId, parent, 'EV', r.services.length > 0));
  for (const tr of ev.traces) out.push(trnSegment(tr.type, tr));
  decisionSegments(ev, out, eventDateSegments(ev));
  out.push(...hiSegment(ev.diagnoses));
  if (ev.delivery !== undefined) out.push(hsdSegment(ev.delivery));
  out.push(...cl1Segments(ev.admission), ...(ev.attachments ?? []).map(pwkSegment));
  if (ev.message !== undefined) out.push(seg('MSG', [ev.message]));
  for (const p of ev.providers ?? []) providerSegments(p, out);
  contactLoopSegments(ev.informationContact, out);
  let id = eId + 1;
  for (const s of r.services) {
    out.push(hl(id++, eId, 'SS', false));
    for (const tr of s.traces) out.push(trnSegment(tr.type, tr));
    decisionSegments(s, out, s.serviceDate !== undefined ? [dtpSegment('472', s.serviceDate)] : []);
    if (s.documentationRequested !== undefined && s.documentationRequested.length > 0) out.push(seg('HI', s.documentationRequested.map((code) => ['LOI', code])));
    out.push(...svSegments(s));
    if (s.delivery !== undefined) out.push(hsdSegment(s.delivery));
    out.push(...(s.attachments ?? []).map(pwkSegment));
    if (s.message !== undefined) out.push(seg('MSG', [s.message]));
    for (const p of s.providers ?? []) providerSegments(p, out);
    contactLoopSegments(s.informationContact, out);
  }
  return out;
}

export const AUTHORIZATION_RESPONSE_DOCUMENT: DocumentType<AuthorizationResponse> = {
  name: 'AuthorizationResponse',
  set: '278',
  guide: '005010X217',
  functionalId: 'HI',
  st03: true,
  schema: AuthorizationResponseSchema,
  parse: parseResponse,
  build: buildResponse,
};

// ---------------------------------------------------------------------------------------------------------
// Helpers over a 278 response
// ---------------------------------------------------------------------------------------------------------

/**
 * The UMO's decision in words, from the event's HCR01; when the event has none, from the services' (all
 * alike: that one; mixed with some certified: 'partially certified'). Undefined when there is no decision
 * at all (the request was rejected with AAA before review).
 */
export function authorizationStatus(r: AuthorizationResponse): AuthorizationStatus | undefined {
  if (r.event?.action !== undefined) return AUTHORIZATION_ACTIONS[r.event.action];
  const actions = r.services.map((s) => s.action).filter((a): a is NonNullable<typeof a> => a !== undefined);
  if (actions.length === 0) return undefined;
  if (actions.every((a) => a === actions[0])) return AUTHORIZATION_ACTIONS[actions[0]];
  if (actions.some((a) => a === 'A1' || a === 'A2' || a === 'A6')) return 'partially certified';
  return AUTHORIZATION_ACTIONS[actions[0]];
}

/** The dates the certification covers: DTP*007 when given, else the event's DTP*AAH the UMO returned. */
export function certifiedPeriod(r: AuthorizationResponse): DatePeriod | undefined {
  return r.event?.certificationEffective ?? r.event?.eventDate;
}

/** Every AAA rejection in the response, in words, from the UMO level down to the services. */
export function authorizationRejections(r: AuthorizationResponse): string[] {
  const lists = [r.rejections, r.umo.rejections, r.requester?.rejections, r.subscriber?.rejections, r.patient?.rejections, r.event?.rejections, ...(r.event?.providers ?? []).map((p) => p.rejections)];
  for (const s of r.services) lists.push(s.rejections, ...(s.providers ?? []).map((p) => p.rejections));
  return lists.flatMap((l) => (l ?? []).map(describeRejection));
}
