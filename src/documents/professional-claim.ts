import { z } from 'zod';
import { CPT_HCPCS, ICD10_CM, MODIFIER, isValidNpi } from '../edits/code-sets.js';
import { type Loop, type LoopNode, comp, el } from '../grammar/tree.js';
import { formatCents, parseCents } from '../money.js';
import type { ElementValue, Segment } from '../x12/segment.js';
import { Address, Contact, IsoDate, Money, addressSegments, contactFrom, d8, isoDate, money, perSegment, seg, stripUndefined, x12Money } from './common.js';
import type { DocumentType } from './types.js';

/**
 * 837P (005010X222A1): one professional claim transaction set. The record is flat where the billing
 * office thinks flat: each claim carries its billing provider, subscriber, patient and payer, so nobody
 * has to walk the HL hierarchy. `build` rebuilds the hierarchy by grouping consecutive claims that share
 * a billing provider (2000A), a subscriber and payer (2000B) and a patient (2000C); HL ids, HL04 child
 * codes and LX line numbers are computed, never stored.
 */

// ---------------------------------------------------------------------------------------------------
// Schema
// ---------------------------------------------------------------------------------------------------

/** Non-empty text: optional values are omitted, never ''. */
const Text = z.string().min(1);

const Npi = z.string().refine(isValidNpi, 'a valid NPI: 10 digits starting with 1 or 2, with a correct check digit');
/** NUCC provider taxonomy (PRV03 with PXC). */
const Taxonomy = z.string().regex(/^\d{3}[0-9A-Z]{6}X$/, 'a provider taxonomy code such as "208VP0014X"');
/** ICD-10-CM as X12 carries it: no decimal point. */
const Icd10 = z.string().regex(ICD10_CM, 'an ICD-10-CM code written without the decimal point, such as "M5416"');
const ProcedureCode = z.string().regex(CPT_HCPCS, 'a CPT or HCPCS code such as "64483" or "J1040"');
const Modifier = z.string().regex(MODIFIER, 'a two-character procedure modifier such as "LT"');
const PlaceOfService = z.string().regex(/^\d{2}$/, 'a two-digit place of service code such as "11"');
/** A non-negative decimal quantity as text: "1", "2.5". */
const Quantity = z.string().regex(/^\d+(\.\d+)?$/, 'a quantity such as "1" or "2.5"');
const Gender = z.enum(['F', 'M', 'U']);
/** BHT05 as HH:MM, HH:MM:SS or HH:MM:SS.d(d). */
const Time = z.string().regex(/^\d{2}:\d{2}(:\d{2}(\.\d{1,2})?)?$/, 'a time such as "09:00" or "09:00:15"');

/** A person or organization as NM1 names it (the identifier is carried beside it, under its own name). */
export const PartyNameSchema = z.object({
  /** NM102: 1 person, 2 organization. */
  entityType: z.enum(['1', '2']),
  /** Last name, or the organization's name. */
  last: Text,
  first: Text.optional(),
  middle: Text.optional(),
  suffix: Text.optional(),
});
export type PartyName = z.infer<typeof PartyNameSchema>;

export const BillingProviderSchema = z.object({
  /** NM109 with NM108 XX. */
  npi: Npi.optional(),
  name: PartyNameSchema,
  /** PRV*BI*PXC in 2000A. */
  taxonomy: Taxonomy.optional(),
  /** REF*EI (employer id) or, with taxIdType SSN, REF*SY. */
  taxId: Text,
  /** Omitted: EIN. */
  taxIdType: z.enum(['EIN', 'SSN']).optional(),
  address: Address,
  /** PER*IC. */
  contact: Contact.optional(),
});
export type BillingProvider = z.infer<typeof BillingProviderSchema>;

/** 2010AB: where payment goes when it is not the billing provider's address. */
export const PayToProviderSchema = z.object({
  entityType: z.enum(['1', '2']),
  address: Address,
});
export type PayToProvider = z.infer<typeof PayToProviderSchema>;

export const SubscriberSchema = z.object({
  /** SBR01: P primary, S secondary, T tertiary, A-H payer 4-11, U unknown. */
  payerResponsibility: z.enum(['P', 'S', 'T', 'A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'U']),
  /** SBR02: '18' (self) when the subscriber is the patient. build writes it from whether `patient` is present. */
  relationship: z.literal('18').optional(),
  /** SBR03. */
  groupNumber: Text.optional(),
  /** SBR04. */
  groupName: Text.optional(),
  /** SBR05, for Medicare secondary claims: 12, 13, 14, 15, 16, 41, 42, 43, 47. */
  insuranceType: z.enum(['12', '13', '14', '15', '16', '41', '42', '43', '47']).optional(),
  /** SBR09: 12 PPO, 16 HMO Medicare risk, BL Blue Cross, CI commercial, HM HMO, MA/MB Medicare, MC Medicaid, WC workers' comp, ... */
  claimFilingIndicator: z.enum(['11', '12', '13', '14', '15', '16', '17', 'AM', 'BL', 'CH', 'CI', 'DS', 'FI', 'HM', 'LM', 'MA', 'MB', 'MC', 'OF', 'TV', 'VA', 'WC', 'ZZ']).optional(),
  name: PartyNameSchema,
  /** NM109 with NM108 MI. */
  memberId: Text,
  address: Address.optional(),
  /** DMG02. */
  birthDate: IsoDate.optional(),
  /** DMG03. */
  gender: Gender.optional(),
});
export type Subscriber = z.infer<typeof SubscriberSchema>;

/** 2000C/2010CA: the patient, present only when the patient is not the subscriber. */
export const PatientSchema = z.object({
  /** PAT01: 01 spouse, 19 child, 20 employee, 21 unknown, 39 organ donor, 40 cadaver donor, 53 life partner, G8 other. */
  relationship: z.enum(['01', '19', '20', '21', '39', '40', '53', 'G8']),
  name: PartyNameSchema.extend({ entityType: z.literal('1') }),
  address: Address,
  birthDate: IsoDate,
  gender: Gender,
});
export type Patient = z.infer<typeof PatientSchema>;

export const PayerSchema = z.object({
  name: Text,
  /** NM109: the payer id (NM108 PI, or XV with idType XV). */
  id: Text,
  /** Omitted: PI. */
  idType: z.enum(['PI', 'XV']).optional(),
  address: Address.optional(),
});
export type Payer = z.infer<typeof PayerSchema>;

/** 2310B / 2420A rendering provider. */
export const RenderingProviderSchema = z.object({
  npi: Npi.optional(),
  name: PartyNameSchema,
  /** PRV*PE*PXC. */
  taxonomy: Taxonomy.optional(),
});
export type RenderingProvider = z.infer<typeof RenderingProviderSchema>;

/** 2310A referring provider (NM1*DN). */
export const ReferringProviderSchema = z.object({
  npi: Npi.optional(),
  name: PartyNameSchema.extend({ entityType: z.literal('1') }),
});
export type ReferringProvider = z.infer<typeof ReferringProviderSchema>;

/** 2310C: where the service was rendered, when not at the billing provider's address. */
export const ServiceFacilitySchema = z.object({
  name: Text,
  npi: Npi.optional(),
  address: Address,
});
export type ServiceFacility = z.infer<typeof ServiceFacilitySchema>;

/** 2410: the drug given on a line, by NDC (LIN*N4) with its quantity (CTP04/05). */
export const DrugSchema = z.object({
  /** 11-digit NDC (5-4-2) without hyphens. */
  ndc: z.string().regex(/^\d{11}$/, 'an 11-digit NDC without hyphens, such as "00009307301"'),
  quantity: Quantity,
  /** CTP05-1: F2 international unit, GR gram, ME milligram, ML milliliter, UN unit. */
  unit: z.enum(['F2', 'GR', 'ME', 'ML', 'UN']),
  /** REF*XZ prescription number. */
  prescriptionNumber: Text.optional(),
});
export type Drug = z.infer<typeof DrugSchema>;

export const ServiceLineSchema = z.object({
  /** LX01, computed: the line's position in the claim (1-based). build ignores it. */
  lineNumber: z.number().int().positive().optional(),
  /** SV101-2 (qualifier SV101-1 HC implied). */
  procedureCode: ProcedureCode,
  /** SV101-3..6. */
  modifiers: z.array(Modifier).max(4).default([]),
  /** SV101-7. */
  description: Text.max(80).optional(),
  /** SV102. */
  charge: Money,
  /** SV103: UN units, MJ minutes (anesthesia). */
  unitBasis: z.enum(['UN', 'MJ']),
  /** SV104. */
  units: Quantity,
  /** SV105, when it differs from the claim's place of service. */
  placeOfService: PlaceOfService.optional(),
  /** SV107: 1 to 4 pointers into the claim's diagnoses (1-based). */
  diagnosisPointers: z.array(z.number().int().min(1).max(12)).min(1).max(4),
  /** DTP*472 D8 (one day) ... */
  serviceDate: IsoDate.optional(),
  /** ... or DTP*472 RD8 (a range). Exactly one of the two. */
  servicePeriod: z.object({ from: IsoDate, to: IsoDate }).optional(),
  /** REF*6R. */
  lineControlNumber: Text.max(50).optional(),
  drug: DrugSchema.optional(),
  /** 2420A, when the line's rendering provider differs from the claim's. */
  renderingProvider: RenderingProviderSchema.optional(),
});
export type ServiceLine = z.infer<typeof ServiceLineSchema>;

export const ClaimSchema = z
  .object({
    billingProvider: BillingProviderSchema,
    payToProvider: PayToProviderSchema.optional(),
    subscriber: SubscriberSchema,
    patient: PatientSchema.optional(),
    payer: PayerSchema,
    /** CLM01. */
    patientControlNumber: Text.max(38),
    /** CLM02: the sum of the line charges. */
    totalCharge: Money,
    /** CLM05-1. */
    placeOfService: PlaceOfService,
    /** CLM05-3: 1 original, 7 replacement, 8 void. */
    frequencyCode: z.enum(['1', '7', '8']),
    /** REF*F8: the payer's claim number of the claim replaced or voided (frequency 7 or 8). */
    originalClaimNumber: Text.max(50).optional(),
    /** CLM06. */
    providerSignature: z.boolean(),
    /** CLM07: A assigned, B lab services only, C not assigned. */
    assignment: z.enum(['A', 'B', 'C']),
    /** CLM08: Y yes, N no, W not applicable. */
    benefitsAssigned: z.enum(['Y', 'N', 'W']),
    /** CLM09: Y signed statement, I informed consent only. */
    releaseOfInformation: z.enum(['Y', 'I']),
    /** CLM10: P when the patient's signature is on file from someone other than the patient. */
    patientSignatureSource: z.literal('P').optional(),
    /** CLM11: AA auto accident, EM employment, OA other accident; state for auto accidents. */
    relatedCauses: z.object({ causes: z.array(z.enum(['AA', 'EM', 'OA'])).min(1).max(2), state: z.string().length(2).optional(), country: z.string().min(2).max(3).optional() }).optional(),
    /** DTP*431. */
    onsetDate: IsoDate.optional(),
    /** DTP*454. */
    initialTreatmentDate: IsoDate.optional(),
    /** DTP*304. */
    lastSeenDate: IsoDate.optional(),
    /** DTP*439. */
    accidentDate: IsoDate.optional(),
    /** DTP*455. */
    lastXrayDate: IsoDate.optional(),
    /** DTP*435 (related hospitalization). */
    admissionDate: IsoDate.optional(),
    /** DTP*096. */
    dischargeDate: IsoDate.optional(),
    /** AMT*F5: what the patient paid toward this claim. */
    patientAmountPaid: Money.optional(),
    /** REF*9F. */
    referralNumber: Text.max(50).optional(),
    /** REF*G1. */
    priorAuthorization: Text.max(50).optional(),
    /** REF*EA. */
    medicalRecordNumber: Text.max(50).optional(),
    /** NTE*ADD. */
    note: Text.max(80).optional(),
    /** HI: the first is the principal diagnosis (ABK), the others ABF. */
    diagnoses: z.array(Icd10).min(1).max(12),
    referringProvider: ReferringProviderSchema.optional(),
    renderingProvider: RenderingProviderSchema.optional(),
    serviceFacility: ServiceFacilitySchema.optional(),
    serviceLines: z.array(ServiceLineSchema).min(1).max(50),
  })
  .superRefine((c, ctx) => {
    let lines = 0n;
    for (let i = 0; i < c.serviceLines.length; i++) {
      const l = c.serviceLines[i];
      lines += parseCents(l.charge) ?? 0n;
      for (let p = 0; p < l.diagnosisPointers.length; p++) {
        if (l.diagnosisPointers[p] > c.diagnoses.length) ctx.addIssue({ code: 'custom', path: ['serviceLines', i, 'diagnosisPointers', p], message: `points at diagnosis ${l.diagnosisPointers[p]}, but the claim lists ${c.diagnoses.length}` });
      }
      if ((l.serviceDate === undefined) === (l.servicePeriod === undefined)) ctx.addIssue({ code: 'custom', path: ['serviceLines', i, 'serviceDate'], message: 'a line needs exactly one of serviceDate and servicePeriod' });
      else if (l.servicePeriod !== undefined && l.servicePeriod.from > l.servicePeriod.to) ctx.addIssue({ code: 'custom', path: ['serviceLines', i, 'servicePeriod', 'to'], message: 'the period ends before it starts' });
    }
    if (lines !== (parseCents(c.totalCharge) ?? 0n)) ctx.addIssue({ code: 'custom', path: ['totalCharge'], message: `is ${c.totalCharge} but the service lines add up to ${formatCents(lines)}` });
    if ((c.frequencyCode === '7' || c.frequencyCode === '8') && c.originalClaimNumber === undefined) ctx.addIssue({ code: 'custom', path: ['originalClaimNumber'], message: `a ${c.frequencyCode === '7' ? 'replacement' : 'void'} claim needs the payer's original claim number` });
    const s = c.subscriber;
    if (c.patient !== undefined) {
      if (s.relationship !== undefined) ctx.addIssue({ code: 'custom', path: ['subscriber', 'relationship'], message: "is '18' (self), but the claim names a separate patient" });
    } else {
      if (s.address === undefined) ctx.addIssue({ code: 'custom', path: ['subscriber', 'address'], message: 'is required when the subscriber is the patient' });
      if (s.birthDate === undefined) ctx.addIssue({ code: 'custom', path: ['subscriber', 'birthDate'], message: 'is required when the subscriber is the patient' });
    }
    if ((s.birthDate === undefined) !== (s.gender === undefined)) ctx.addIssue({ code: 'custom', path: ['subscriber', s.birthDate === undefined ? 'birthDate' : 'gender'], message: 'birthDate and gender go together (DMG)' });
  });
export type Claim = z.infer<typeof ClaimSchema>;

export const ProfessionalClaimSchema = z.object({
  transaction: z.object({
    /** BHT02: 00 original, 18 reissue. */
    purpose: z.enum(['00', '18']),
    /** BHT03: the submitter's batch reference. */
    reference: Text.max(50),
    /** BHT04. */
    date: IsoDate,
    /** BHT05. */
    time: Time,
    /** BHT06: CH chargeable (claims), RP reporting (encounters). */
    claimOrEncounter: z.enum(['CH', 'RP']),
  }),
  submitter: z.object({
    name: PartyNameSchema,
    /** NM109 with NM108 46: the submitter's ETIN. */
    id: Text.min(2).max(80),
    /** PER*IC. */
    contact: Contact,
  }),
  receiver: z.object({
    name: Text,
    /** NM109 with NM108 46. */
    id: Text.min(2).max(80),
  }),
  claims: z.array(ClaimSchema).min(1),
});
export type ProfessionalClaim = z.infer<typeof ProfessionalClaimSchema>;

/** The claim total (CLM02) equals the sum of its line charges (SV102), exactly. */
export function claimTotalsBalance(c: Pick<Claim, 'totalCharge'> & { readonly serviceLines: readonly Pick<ServiceLine, 'charge'>[] }): boolean {
  const total = parseCents(c.totalCharge);
  if (total === null) return false;
  let sum = 0n;
  for (const l of c.serviceLines) {
    const v = parseCents(l.charge);
    if (v === null) return false;
    sum += v;
  }
  return sum === total;
}

// ---------------------------------------------------------------------------------------------------
// Parse
// ---------------------------------------------------------------------------------------------------

function opt(v: string): string | undefined {
  return v === '' ? undefined : v;
}

function partyName(nm1: Segment): PartyName {
  return stripUndefined({
    entityType: (el(nm1, 2) === '2' ? '2' : '1') as '1' | '2',
    last: el(nm1, 3),
    first: opt(el(nm1, 4)),
    middle: opt(el(nm1, 5)),
    suffix: opt(el(nm1, 7)),
  });
}

function address(n3: Segment | undefined, n4: Segment | undefined): Address | undefined {
  if (n3 === undefined && n4 === undefined) return undefined;
  return stripUndefined({
    line1: el(n3, 1),
    line2: opt(el(n3, 2)),
    city: el(n4, 1),
    state: opt(el(n4, 2)),
    postalCode: opt(el(n4, 3)),
    country: opt(el(n4, 4)),
  });
}

/** X12 R-type text in a canonical form: "01.50" -> "1.5", ".5" -> "0.5", "2." -> "2". */
function quantity(text: string): string {
  if (!/^\d*(\.\d*)?$/.test(text) || text === '' || text === '.') return text;
  let [whole, frac = ''] = text.split('.');
  whole = whole.replace(/^0+(?=\d)/, '');
  if (whole === '') whole = '0';
  frac = frac.replace(/0+$/, '');
  return frac === '' ? whole : `${whole}.${frac}`;
}

/** HHMM[SS[D[D]]] -> HH:MM[:SS[.D[D]]]. */
function timeFrom(t: string): string {
  if (!/^\d{4,8}$/.test(t)) return t;
  let s = `${t.slice(0, 2)}:${t.slice(2, 4)}`;
  if (t.length >= 6) s += `:${t.slice(4, 6)}`;
  if (t.length > 6) s += `.${t.slice(6)}`;
  return s;
}

function timeTo(t: string): string {
  return t.replace(/[:.]/g, '');
}

function dtpDate(dtp: Segment): IsoDate {
  return isoDate(el(dtp, 3)) ?? '';
}

/** Walks the children of a loop node once: segments to `onSegment`, loops to `onLoop`. */
function walk(node: LoopNode, onSegment: (s: Segment, id: string) => void, onLoop?: (l: LoopNode) => void): void {
  for (const c of node.children) {
    if (c.kind === 'segment') onSegment(c.segment, c.id);
    else if (onLoop !== undefined) onLoop(c);
  }
}

interface Context {
  billingProvider: BillingProvider;
  payToProvider?: PayToProvider;
  subscriber?: Subscriber;
  payer?: Payer;
  patient?: Patient;
}

function parseBillingProvider(node: LoopNode, claims: Claim[]): void {
  let taxonomy: string | undefined;
  let bp: BillingProvider | undefined;
  let payTo: PayToProvider | undefined;
  for (const c of node.children) {
    if (c.kind === 'segment') {
      if (c.id === 'PRV') taxonomy = opt(el(c.segment, 3));
      continue;
    }
    if (c.id === '2010AA') {
      let nm1: Segment | undefined, n3: Segment | undefined, n4: Segment | undefined, tax: Segment | undefined, per: Segment | undefined;
      walk(c, (s, id) => {
        if (id === 'NM1') nm1 = s;
        else if (id === 'N3') n3 = s;
        else if (id === 'N4') n4 = s;
        else if (id === 'REF' && tax === undefined && (el(s, 1) === 'EI' || el(s, 1) === 'SY')) tax = s;
        else if (id === 'PER' && per === undefined) per = s;
      });
      bp = stripUndefined({
        npi: nm1 !== undefined && el(nm1, 8) === 'XX' ? opt(el(nm1, 9)) : undefined,
        name: nm1 !== undefined ? partyName(nm1) : { entityType: '2' as const, last: '' },
        taxonomy,
        taxId: el(tax, 2),
        taxIdType: el(tax, 1) === 'SY' ? ('SSN' as const) : undefined,
        address: address(n3, n4) ?? { line1: '', city: '' },
        contact: per !== undefined ? contactFrom(per) : undefined,
      });
    } else if (c.id === '2010AB') {
      let nm1: Segment | undefined, n3: Segment | undefined, n4: Segment | undefined;
      walk(c, (s, id) => {
        if (id === 'NM1') nm1 = s;
        else if (id === 'N3') n3 = s;
        else if (id === 'N4') n4 = s;
      });
      payTo = { entityType: el(nm1, 2) === '1' ? '1' : '2', address: address(n3, n4) ?? { line1: '', city: '' } };
    } else if (c.id === '2000B') {
      const ctx: Context = { billingProvider: bp ?? { name: { entityType: '2', last: '' }, taxId: '', address: { line1: '', city: '' } } };
      if (payTo !== undefined) ctx.payToProvider = payTo;
      parseSubscriber(c, ctx, claims);
    }
  }
}

function parseSubscriber(node: LoopNode, ctx: Context, claims: Claim[]): void {
  let sbr: Segment | undefined;
  for (const c of node.children) {
    if (c.kind === 'segment') {
      if (c.id === 'SBR') sbr = c.segment;
      continue;
    }
    if (c.id === '2010BA') {
      let nm1: Segment | undefined, n3: Segment | undefined, n4: Segment | undefined, dmg: Segment | undefined;
      walk(c, (s, id) => {
        if (id === 'NM1') nm1 = s;
        else if (id === 'N3') n3 = s;
        else if (id === 'N4') n4 = s;
        else if (id === 'DMG') dmg = s;
      });
      ctx.subscriber = stripUndefined({
        payerResponsibility: el(sbr, 1) as Subscriber['payerResponsibility'],
        relationship: el(sbr, 2) === '18' ? ('18' as const) : undefined,
        groupNumber: opt(el(sbr, 3)),
        groupName: opt(el(sbr, 4)),
        insuranceType: opt(el(sbr, 5)) as Subscriber['insuranceType'],
        claimFilingIndicator: opt(el(sbr, 9)) as Subscriber['claimFilingIndicator'],
        name: nm1 !== undefined ? partyName(nm1) : { entityType: '1' as const, last: '' },
        memberId: el(nm1, 9),
        address: address(n3, n4),
        birthDate: dmg !== undefined ? isoDate(el(dmg, 2)) : undefined,
        gender: dmg !== undefined ? (opt(el(dmg, 3)) as Subscriber['gender']) : undefined,
      });
    } else if (c.id === '2010BB') {
      let nm1: Segment | undefined, n3: Segment | undefined, n4: Segment | undefined;
      walk(c, (s, id) => {
        if (id === 'NM1') nm1 = s;
        else if (id === 'N3') n3 = s;
        else if (id === 'N4') n4 = s;
      });
      ctx.payer = stripUndefined({
        name: el(nm1, 3),
        id: el(nm1, 9),
        idType: el(nm1, 8) === 'XV' ? ('XV' as const) : undefined,
        address: address(n3, n4),
      });
    } else if (c.id === '2300') {
      claims.push(parseClaim(c, ctx, undefined));
    } else if (c.id === '2000C') {
      let pat: Segment | undefined;
      let patient: Patient | undefined;
      for (const p of c.children) {
        if (p.kind === 'segment') {
          if (p.id === 'PAT') pat = p.segment;
        } else if (p.id === '2010CA') {
          let nm1: Segment | undefined, n3: Segment | undefined, n4: Segment | undefined, dmg: Segment | undefined;
          walk(p, (s, id) => {
            if (id === 'NM1') nm1 = s;
            else if (id === 'N3') n3 = s;
            else if (id === 'N4') n4 = s;
            else if (id === 'DMG') dmg = s;
          });
          patient = {
            relationship: el(pat, 1) as Patient['relationship'],
            name: (nm1 !== undefined ? { ...partyName(nm1), entityType: '1' } : { entityType: '1', last: '' }) as Patient['name'],
            address: address(n3, n4) ?? { line1: '', city: '' },
            birthDate: isoDate(el(dmg, 2)) ?? '',
            gender: el(dmg, 3) as Patient['gender'],
          };
        } else if (p.id === '2300') {
          claims.push(parseClaim(p, ctx, patient));
        }
      }
    }
  }
}

function renderingFrom(node: LoopNode): RenderingProvider {
  let nm1: Segment | undefined, prv: Segment | undefined;
  walk(node, (s, id) => {
    if (id === 'NM1') nm1 = s;
    else if (id === 'PRV') prv = s;
  });
  return stripUndefined({
    npi: el(nm1, 8) === 'XX' ? opt(el(nm1, 9)) : undefined,
    name: nm1 !== undefined ? partyName(nm1) : { entityType: '1' as const, last: '' },
    taxonomy: opt(el(prv, 3)),
  });
}

function parseClaim(node: LoopNode, ctx: Context, patient: Patient | undefined): Claim {
  const claim: Record<string, unknown> = {
    billingProvider: ctx.billingProvider,
    payToProvider: ctx.payToProvider,
    subscriber: ctx.subscriber,
    patient,
    payer: ctx.payer,
  };
  const diagnoses: string[] = [];
  const lines: ServiceLine[] = [];
  for (const c of node.children) {
    if (c.kind === 'loop') {
      switch (c.id) {
        case '2310A': {
          const r = renderingFrom(c);
          claim.referringProvider = stripUndefined({ npi: r.npi, name: { ...r.name, entityType: '1' } as ReferringProvider['name'] });
          break;
        }
        case '2310B':
          claim.renderingProvider = renderingFrom(c);
          break;
        case '2310C': {
          let nm1: Segment | undefined, n3: Segment | undefined, n4: Segment | undefined;
          walk(c, (s, id) => {
            if (id === 'NM1') nm1 = s;
            else if (id === 'N3') n3 = s;
            else if (id === 'N4') n4 = s;
          });
          claim.serviceFacility = stripUndefined({ name: el(nm1, 3), npi: el(nm1, 8) === 'XX' ? opt(el(nm1, 9)) : undefined, address: address(n3, n4) ?? { line1: '', city: '' } });
          break;
        }
        case '2400':
          lines.push(parseLine(c, lines.length + 1));
          break;
      }
      continue;
    }
    const s = c.segment;
    switch (c.id) {
      case 'CLM': {
        claim.patientControlNumber = el(s, 1);
        claim.totalCharge = money(el(s, 2)) ?? '0.00';
        claim.placeOfService = comp(s, 5, 1);
        claim.frequencyCode = comp(s, 5, 3);
        claim.providerSignature = el(s, 6) === 'Y';
        claim.assignment = el(s, 7);
        claim.benefitsAssigned = el(s, 8);
        claim.releaseOfInformation = el(s, 9);
        claim.patientSignatureSource = opt(el(s, 10));
        const rc1 = comp(s, 11, 1);
        if (rc1 !== '') {
          const causes = [rc1];
          const rc2 = comp(s, 11, 2);
          if (rc2 !== '') causes.push(rc2);
          claim.relatedCauses = stripUndefined({ causes, state: opt(comp(s, 11, 4)), country: opt(comp(s, 11, 5)) });
        }
        break;
      }
      case 'DTP':
        switch (el(s, 1)) {
          case '431':
            claim.onsetDate = dtpDate(s);
            break;
          case '454':
            claim.initialTreatmentDate = dtpDate(s);
            break;
          case '304':
            claim.lastSeenDate = dtpDate(s);
            break;
          case '439':
            claim.accidentDate = dtpDate(s);
            break;
          case '455':
            claim.lastXrayDate = dtpDate(s);
            break;
          case '435':
            claim.admissionDate = dtpDate(s);
            break;
          case '096':
            claim.dischargeDate = dtpDate(s);
            break;
        }
        break;
      case 'AMT':
        if (el(s, 1) === 'F5') claim.patientAmountPaid = money(el(s, 2));
        break;
      case 'REF':
        switch (el(s, 1)) {
          case '9F':
            claim.referralNumber = opt(el(s, 2));
            break;
          case 'G1':
            claim.priorAuthorization = opt(el(s, 2));
            break;
          case 'F8':
            claim.originalClaimNumber = opt(el(s, 2));
            break;
          case 'EA':
            claim.medicalRecordNumber = opt(el(s, 2));
            break;
        }
        break;
      case 'NTE':
        if (el(s, 1) === 'ADD') claim.note = opt(el(s, 2));
        break;
      case 'HI': {
        const q = comp(s, 1, 1);
        if (q === 'ABK' || q === 'BK') {
          for (let e = 1; e <= 12; e++) {
            const code = comp(s, e, 2);
            if (code !== '') diagnoses.push(code);
          }
        }
        break;
      }
    }
  }
  claim.diagnoses = diagnoses;
  claim.serviceLines = lines;
  return stripUndefined(claim) as Claim;
}

function parseLine(node: LoopNode, lineNumber: number): ServiceLine {
  const line: Record<string, unknown> = { lineNumber };
  for (const c of node.children) {
    if (c.kind === 'loop') {
      if (c.id === '2410') {
        let lin: Segment | undefined, ctp: Segment | undefined, ref: Segment | undefined;
        walk(c, (s, id) => {
          if (id === 'LIN') lin = s;
          else if (id === 'CTP') ctp = s;
          else if (id === 'REF') ref = s;
        });
        line.drug = stripUndefined({ ndc: el(lin, 3), quantity: quantity(el(ctp, 4)), unit: comp(ctp, 5, 1) as Drug['unit'], prescriptionNumber: opt(el(ref, 2)) });
      } else if (c.id === '2420A') {
        line.renderingProvider = renderingFrom(c);
      }
      continue;
    }
    const s = c.segment;
    switch (c.id) {
      case 'SV1': {
        line.procedureCode = comp(s, 1, 2);
        const modifiers: string[] = [];
        for (let k = 3; k <= 6; k++) {
          const m = comp(s, 1, k);
          if (m !== '') modifiers.push(m);
        }
        line.modifiers = modifiers;
        line.description = opt(comp(s, 1, 7));
        line.charge = money(el(s, 2)) ?? '0.00';
        line.unitBasis = el(s, 3);
        line.units = quantity(el(s, 4));
        line.placeOfService = opt(el(s, 5));
        const pointers: number[] = [];
        for (let k = 1; k <= 4; k++) {
          const p = comp(s, 7, k);
          if (p !== '') pointers.push(Number(p));
        }
        line.diagnosisPointers = pointers;
        break;
      }
      case 'DTP':
        if (el(s, 1) === '472') {
          const v = el(s, 3);
          if (el(s, 2) === 'RD8' && v.length === 17) line.servicePeriod = { from: isoDate(v.slice(0, 8)), to: isoDate(v.slice(9)) };
          else line.serviceDate = isoDate(v);
        }
        break;
      case 'REF':
        if (el(s, 1) === '6R') line.lineControlNumber = opt(el(s, 2));
        break;
    }
  }
  return stripUndefined(line) as ServiceLine;
}

function parse(tree: Loop): ProfessionalClaim {
  const root = tree.node;
  let bht: Segment | undefined;
  let subNm1: Segment | undefined, subPer: Segment | undefined, recNm1: Segment | undefined;
  const claims: Claim[] = [];
  for (const c of root.children) {
    if (c.kind === 'segment') {
      if (c.id === 'BHT') bht = c.segment;
      continue;
    }
    if (c.id === '1000A') {
      walk(c, (s, id) => {
        if (id === 'NM1') subNm1 = s;
        else if (id === 'PER' && subPer === undefined) subPer = s;
      });
    } else if (c.id === '1000B') {
      walk(c, (s, id) => {
        if (id === 'NM1') recNm1 = s;
      });
    } else if (c.id === '2000A') {
      parseBillingProvider(c, claims);
    }
  }
  return {
    transaction: {
      purpose: el(bht, 2) as ProfessionalClaim['transaction']['purpose'],
      reference: el(bht, 3),
      date: isoDate(el(bht, 4)) ?? '',
      time: timeFrom(el(bht, 5)),
      claimOrEncounter: el(bht, 6) as ProfessionalClaim['transaction']['claimOrEncounter'],
    },
    submitter: {
      name: subNm1 !== undefined ? partyName(subNm1) : { entityType: '2', last: '' },
      id: el(subNm1, 9),
      contact: subPer !== undefined ? contactFrom(subPer) : { function: 'IC', channels: [] },
    },
    receiver: { name: el(recNm1, 3), id: el(recNm1, 9) },
    claims,
  };
}

// ---------------------------------------------------------------------------------------------------
// Build
// ---------------------------------------------------------------------------------------------------

/**
 * A record amount as X12 writes it ("1450.00" -> "1450", "22.50" -> "22.5"), by string surgery on the
 * common shape the schema has checked; anything unusual (a sign, leading zeros) goes through x12Money.
 */
function amount(m: Money): string {
  const c = m.charCodeAt(0);
  if (c === 45 /* - */ || (c === 48 /* 0 */ && m.length > 4)) return x12Money(m);
  if (m.endsWith('.00')) return m.slice(0, -3);
  return m.endsWith('0') ? m.slice(0, -1) : m;
}

function nameElements(entity: string, n: PartyName, qualifier: string, id: string | undefined): Segment {
  return seg('NM1', [entity, n.entityType, n.last, n.first ?? '', n.middle ?? '', '', n.suffix ?? '', id !== undefined ? qualifier : '', id ?? '']);
}

function dtp(out: Segment[], qualifier: string, date: IsoDate | undefined): void {
  if (date !== undefined) out.push(seg('DTP', [qualifier, 'D8', d8(date)]));
}

function ref(out: Segment[], qualifier: string, value: string | undefined): void {
  if (value !== undefined) out.push(seg('REF', [qualifier, value]));
}

/** Components with trailing empties dropped (the writer trims too; this keeps segments small). */
function components(parts: string[]): string[] {
  let n = parts.length;
  while (n > 1 && parts[n - 1] === '') n--;
  if (n < parts.length) parts.length = n;
  return parts;
}

function pushRendering(out: Segment[], r: RenderingProvider): void {
  out.push(nameElements('82', r.name, 'XX', r.npi));
  if (r.taxonomy !== undefined) out.push(seg('PRV', ['PE', 'PXC', r.taxonomy]));
}

/**
 * Structural equality of plain record data (what JSON can hold), without building strings: the same
 * object, or objects and arrays with equal members. Used to tell whether a claim shares the previous
 * claim's billing provider, subscriber or patient; a false "different" only costs an extra HL.
 */
function sameData(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameData(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  let n = 0;
  for (const k in x) {
    n++;
    if (!sameData(x[k], y[k])) return false;
  }
  for (const _ in y) n--;
  return n === 0;
}

/** Claims (2300) per 2000B or 2000C: the TR3 allows 100. */
const CLAIMS_PER_LEVEL = 100;

function build(r: ProfessionalClaim): Segment[] {
  const out: Segment[] = [];
  const t = r.transaction;
  out.push(seg('BHT', ['0019', t.purpose, t.reference, d8(t.date), timeTo(t.time), t.claimOrEncounter]));
  out.push(nameElements('41', r.submitter.name, '46', r.submitter.id));
  out.push(perSegment(r.submitter.contact));
  out.push(seg('NM1', ['40', '2', r.receiver.name, '', '', '', '', '46', r.receiver.id]));

  let hl = 0;
  let billingId = 0;
  let subscriberId = 0;
  let inSubscriber = 0;
  let inPatient = 0;
  let prev: Claim | undefined;
  for (const c of r.claims) {
    const newBilling = prev === undefined || !sameData(c.billingProvider, prev.billingProvider) || !sameData(c.payToProvider, prev.payToProvider);
    // SBR02 depends on whether there is a patient, so self and dependent claims never share a 2000B.
    const dependent = c.patient !== undefined;
    const newSubscriber =
      newBilling || dependent !== (prev!.patient !== undefined) || !sameData(c.subscriber, prev!.subscriber) || !sameData(c.payer, prev!.payer) || (!dependent && inSubscriber >= CLAIMS_PER_LEVEL);
    const newPatient = dependent && (newSubscriber || !sameData(c.patient, prev!.patient) || inPatient >= CLAIMS_PER_LEVEL);
    prev = c;
    if (newBilling) {
      billingId = ++hl;
      const bp = c.billingProvider;
      out.push(seg('HL', [String(billingId), '', '20', '1']));
      if (bp.taxonomy !== undefined) out.push(seg('PRV', ['BI', 'PXC', bp.taxonomy]));
      out.push(nameElements('85', bp.name, 'XX', bp.npi));
      for (const s of addressSegments(bp.address)) out.push(s);
      out.push(seg('REF', [bp.taxIdType === 'SSN' ? 'SY' : 'EI', bp.taxId]));
      if (bp.contact !== undefined) out.push(perSegment(bp.contact));
      const pt = c.payToProvider;
      if (pt !== undefined) {
        out.push(seg('NM1', ['87', pt.entityType]));
        for (const s of addressSegments(pt.address)) out.push(s);
      }
    }
    if (newSubscriber) {
      subscriberId = ++hl;
      inSubscriber = 0;
      const s = c.subscriber;
      out.push(seg('HL', [String(subscriberId), String(billingId), '22', dependent ? '1' : '0']));
      out.push(seg('SBR', [s.payerResponsibility, dependent ? '' : '18', s.groupNumber ?? '', s.groupName ?? '', s.insuranceType ?? '', '', '', '', s.claimFilingIndicator ?? '']));
      out.push(nameElements('IL', s.name, 'MI', s.memberId));
      for (const a of addressSegments(s.address)) out.push(a);
      if (s.birthDate !== undefined) out.push(seg('DMG', ['D8', d8(s.birthDate), s.gender ?? 'U']));
      const p = c.payer;
      out.push(seg('NM1', ['PR', '2', p.name, '', '', '', '', p.idType ?? 'PI', p.id]));
      for (const a of addressSegments(p.address)) out.push(a);
    }
    if (newPatient) {
      inPatient = 0;
      const p = c.patient!;
      out.push(seg('HL', [String(++hl), String(subscriberId), '23', '0']));
      out.push(seg('PAT', [p.relationship]));
      out.push(nameElements('QC', p.name, '', undefined));
      for (const a of addressSegments(p.address)) out.push(a);
      out.push(seg('DMG', ['D8', d8(p.birthDate), p.gender]));
    }
    if (dependent) inPatient++;
    else inSubscriber++;
    buildClaim(out, c);
  }
  return out;
}

function buildClaim(out: Segment[], c: Claim): void {
  const clm: ElementValue[] = [c.patientControlNumber, amount(c.totalCharge), '', '', [c.placeOfService, 'B', c.frequencyCode], c.providerSignature ? 'Y' : 'N', c.assignment, c.benefitsAssigned, c.releaseOfInformation];
  if (c.patientSignatureSource !== undefined || c.relatedCauses !== undefined) clm.push(c.patientSignatureSource ?? '');
  if (c.relatedCauses !== undefined) {
    const rc = c.relatedCauses;
    clm.push(components([rc.causes[0], rc.causes[1] ?? '', '', rc.state ?? '', rc.country ?? '']));
  }
  out.push(seg('CLM', clm));
  dtp(out, '431', c.onsetDate);
  dtp(out, '454', c.initialTreatmentDate);
  dtp(out, '304', c.lastSeenDate);
  dtp(out, '439', c.accidentDate);
  dtp(out, '455', c.lastXrayDate);
  dtp(out, '435', c.admissionDate);
  dtp(out, '096', c.dischargeDate);
  if (c.patientAmountPaid !== undefined) out.push(seg('AMT', ['F5', amount(c.patientAmountPaid)]));
  ref(out, '9F', c.referralNumber);
  ref(out, 'G1', c.priorAuthorization);
  ref(out, 'F8', c.originalClaimNumber);
  ref(out, 'EA', c.medicalRecordNumber);
  if (c.note !== undefined) out.push(seg('NTE', ['ADD', c.note]));
  const hi: ElementValue[] = [];
  for (let i = 0; i < c.diagnoses.length; i++) hi.push([i === 0 ? 'ABK' : 'ABF', c.diagnoses[i]]);
  out.push(seg('HI', hi));
  if (c.referringProvider !== undefined) out.push(nameElements('DN', c.referringProvider.name, 'XX', c.referringProvider.npi));
  if (c.renderingProvider !== undefined) pushRendering(out, c.renderingProvider);
  if (c.serviceFacility !== undefined) {
    const f = c.serviceFacility;
    out.push(seg('NM1', ['77', '2', f.name, '', '', '', '', f.npi !== undefined ? 'XX' : '', f.npi ?? '']));
    for (const s of addressSegments(f.address)) out.push(s);
  }
  for (let i = 0; i < c.serviceLines.length; i++) {
    const l = c.serviceLines[i];
    out.push(seg('LX', [String(i + 1)]));
    const m = l.modifiers;
    const proc = components(['HC', l.procedureCode, m[0] ?? '', m[1] ?? '', m[2] ?? '', m[3] ?? '', l.description ?? '']);
    const pointers: string[] = [];
    for (const p of l.diagnosisPointers) pointers.push(String(p));
    out.push(seg('SV1', [proc, amount(l.charge), l.unitBasis, l.units, l.placeOfService ?? '', '', pointers]));
    if (l.servicePeriod !== undefined) out.push(seg('DTP', ['472', 'RD8', `${d8(l.servicePeriod.from)}-${d8(l.servicePeriod.to)}`]));
    else out.push(seg('DTP', ['472', 'D8', d8(l.serviceDate)]));
    ref(out, '6R', l.lineControlNumber);
    if (l.drug !== undefined) {
      out.push(seg('LIN', ['', 'N4', l.drug.ndc]));
      out.push(seg('CTP', ['', '', '', l.drug.quantity, [l.drug.unit]]));
      ref(out, 'XZ', l.drug.prescriptionNumber);
    }
    if (l.renderingProvider !== undefined) pushRendering(out, l.renderingProvider);
  }
}

export const PROFESSIONAL_CLAIM_DOCUMENT: DocumentType<ProfessionalClaim> = {
  name: 'ProfessionalClaim',
  set: '837',
  guide: '005010X222A1',
  functionalId: 'HC',
  st03: true,
  schema: ProfessionalClaimSchema,
  parse,
  build,
};
