import { z } from 'zod';
import { Loop, type LoopNode, comp, el } from '../grammar/tree.js';
import { formatCents, parseCents } from '../money.js';
import type { ElementValue, Segment } from '../x12/segment.js';
import {
  Address,
  Contact,
  IsoDate,
  Money,
  Name,
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
  seg,
  stripUndefined,
  x12Money,
} from './common.js';
import type { DocumentType } from './types.js';

/**
 * The 835 Health Care Claim Payment/Advice (005010X221A1) as the billing office posts it: the payment
 * (BPR/TRN), who paid whom, each claim with its adjustments and service lines, and the provider-level
 * adjustments (PLB). Claims are a flat list; `headerNumber` keeps the LX each claim sat under so build can
 * regroup them. Build emits the segments in the TR3's order; CAS and PLB entries are packed back into
 * segments (consecutive entries of one CAS group, six per CAS; consecutive PLB entries of one provider and
 * fiscal period, six per PLB).
 */

/** A count or rate as X12 writes it ("1", "2.5", ".8"), kept as text so it round-trips exactly. */
export const Quantity = z.string().regex(/^-?(\d+(\.\d*)?|\.\d+)$/, 'a number such as "1" or "2.5"');
export type Quantity = z.infer<typeof Quantity>;

/** A REF qualifier and value (the 835's REF uses only REF01 and REF02). */
export const RemittanceId = z.object({ qualifier: z.string().min(1), value: z.string().min(1) });
export type RemittanceId = z.infer<typeof RemittanceId>;

export const SupplementalAmount = z.object({ qualifier: z.string().min(1), amount: Money });
export type SupplementalAmount = z.infer<typeof SupplementalAmount>;

export const SupplementalQuantity = z.object({ qualifier: z.string().min(1), quantity: Quantity });
export type SupplementalQuantity = z.infer<typeof SupplementalQuantity>;

/** One CAS reason/amount/quantity triple with the group of its segment. */
export const ClaimAdjustment = z.object({
  /** CAS01: CO contractual, PR patient responsibility, OA other, PI payer initiated. */
  group: z.enum(['CO', 'OA', 'PI', 'PR']),
  /** Claim adjustment reason code (CARC). */
  reason: z.string().min(1),
  amount: Money,
  quantity: Quantity.optional(),
});
export type ClaimAdjustment = z.infer<typeof ClaimAdjustment>;

/** LQ: a remittance advice remark code (HE) or an NCPDP reject code (RX). */
export const RemarkCode = z.object({ qualifier: z.enum(['HE', 'RX']), code: z.string().min(1) });
export type RemarkCode = z.infer<typeof RemarkCode>;

/** A from/to pair where either end may be reported alone (DTM*232/233, DTM*150/151). */
export const OpenPeriod = z.object({ from: IsoDate.optional(), to: IsoDate.optional() });
export type OpenPeriod = z.infer<typeof OpenPeriod>;

const BankAccount = z.object({
  /** 01 ABA routing number, 04 Canadian bank branch and institution number. */
  dfiQualifier: z.string().optional(),
  dfiId: z.string().optional(),
  /** DA demand deposit, SG savings. */
  accountQualifier: z.string().optional(),
  accountNumber: z.string().optional(),
});

/** BPR06-BPR15: the sender's and receiver's bank details of an EFT. */
export const PaymentBank = z.object({
  /** BPR06-BPR09. */
  sender: BankAccount.optional(),
  /** BPR10: the payer's originating company id (TRN03 repeats it). */
  originatorId: z.string().optional(),
  /** BPR11. */
  originatorSupplemental: z.string().optional(),
  /** BPR12-BPR15: the provider's bank. */
  receiver: BankAccount.optional(),
});
export type PaymentBank = z.infer<typeof PaymentBank>;

export const Payment = z.object({
  /** BPR01: I remittance only, C payment with remittance, D make payment only, H notification only, P prenotification, U split, X handling party's option. */
  handling: z.enum(['C', 'D', 'H', 'I', 'P', 'U', 'X']),
  /** BPR02: total actual provider payment. */
  amount: Money,
  /** BPR03. */
  creditDebit: z.enum(['C', 'D']),
  /** BPR04: ACH, BOP financial institution option, CHK check, FWT wire, NON no payment. */
  method: z.enum(['ACH', 'BOP', 'CHK', 'FWT', 'NON']),
  /** BPR05: CCP or CTX. */
  format: z.string().optional(),
  bank: PaymentBank.optional(),
  /** BPR16: check issue or EFT effective date. */
  date: IsoDate,
  /** CUR02, when the payment is not in US dollars. */
  currency: z.string().optional(),
});
export type Payment = z.infer<typeof Payment>;

export const Trace = z.object({
  /** TRN01 (1: current transaction trace numbers). */
  type: z.string().min(1),
  /** TRN02: the check or EFT trace number. */
  number: z.string().min(1),
  /** TRN03: the payer's originating company id ("1" + EIN). */
  originatorId: z.string().min(1),
  /** TRN04. */
  originatorSupplemental: z.string().optional(),
});
export type Trace = z.infer<typeof Trace>;

export const RemittancePayer = z.object({
  name: z.string().min(1),
  /** N103 (XV: CMS plan id). */
  idQualifier: z.string().optional(),
  id: z.string().optional(),
  address: Address,
  /** REF 2U payer id, EO submitter id, HI health industry number, NF NAIC code. */
  additionalIds: z.array(RemittanceId).optional(),
  /** PER CX business contact, BL technical contact (at least one), IC web site; written in that order. */
  contacts: z.array(Contact).refine((cs) => cs.some((c) => c.function === 'BL'), { message: "the payer needs a technical contact (PER*BL): the TR3 requires one" }),
});
export type RemittancePayer = z.infer<typeof RemittancePayer>;

export const RemittanceDelivery = z.object({
  /** RDM01: BM by mail, EM e-mail, FT file transfer, OL on-line. */
  method: z.string().min(1),
  name: z.string().optional(),
  number: z.string().optional(),
});
export type RemittanceDelivery = z.infer<typeof RemittanceDelivery>;

export const RemittancePayee = z.object({
  name: z.string().min(1),
  /** N103: XX NPI, FI federal tax id, XV CMS plan id. */
  idQualifier: z.string().min(1),
  id: z.string().min(1),
  address: Address.optional(),
  /** REF 0B state license, D3 NCPDP, PQ payee id, TJ federal tax id. */
  additionalIds: z.array(RemittanceId).optional(),
  remittanceDelivery: RemittanceDelivery.optional(),
});
export type RemittancePayee = z.infer<typeof RemittancePayee>;

/** TS3: provider summary for one header (LX), mostly for Medicare Part A institutional payments. */
export const ProviderSummary = z.object({
  providerId: z.string().min(1),
  facilityCode: z.string().min(1),
  fiscalPeriodEnd: IsoDate,
  totalClaimCount: Quantity,
  totalClaimCharge: Money,
  totalMspPayerAmount: Money.optional(),
  totalNonLabCharge: Money.optional(),
  totalHcpcsReportedCharge: Money.optional(),
  totalHcpcsPayableAmount: Money.optional(),
  totalProfessionalComponentAmount: Money.optional(),
  totalMspPatientLiabilityMet: Money.optional(),
  totalPatientReimbursement: Money.optional(),
  totalPipClaimCount: Quantity.optional(),
  totalPipAdjustment: Money.optional(),
});
export type ProviderSummary = z.infer<typeof ProviderSummary>;

/** TS2: supplemental provider summary (DRG totals) for one header. */
export const ProviderSupplementalSummary = z.object({
  totalDrgAmount: Money.optional(),
  totalFederalSpecificAmount: Money.optional(),
  totalHospitalSpecificAmount: Money.optional(),
  totalDisproportionateShareAmount: Money.optional(),
  totalCapitalAmount: Money.optional(),
  totalIndirectMedicalEducationAmount: Money.optional(),
  totalOutlierDayCount: Quantity.optional(),
  totalDayOutlierAmount: Money.optional(),
  totalCostOutlierAmount: Money.optional(),
  averageDrgLengthOfStay: Quantity.optional(),
  totalDischargeCount: Quantity.optional(),
  totalCostReportDayCount: Quantity.optional(),
  totalCoveredDayCount: Quantity.optional(),
  totalNoncoveredDayCount: Quantity.optional(),
  totalMspPassThroughAmount: Money.optional(),
  averageDrgWeight: Quantity.optional(),
  totalPpsCapitalFspDrgAmount: Money.optional(),
  totalPpsCapitalHspDrgAmount: Money.optional(),
  totalPpsDshDrgAmount: Money.optional(),
});
export type ProviderSupplementalSummary = z.infer<typeof ProviderSupplementalSummary>;

/** The TS3/TS2 summaries of one header number (LX01). */
export const HeaderSummary = z.object({
  headerNumber: z.string().min(1),
  providerSummary: ProviderSummary.optional(),
  supplementalSummary: ProviderSupplementalSummary.optional(),
});
export type HeaderSummary = z.infer<typeof HeaderSummary>;

/** MIA: inpatient adjudication. */
export const InpatientAdjudication = z.object({
  coveredDays: Quantity,
  ppsOperatingOutlierAmount: Money.optional(),
  lifetimePsychiatricDays: Quantity.optional(),
  drgAmount: Money.optional(),
  disproportionateShareAmount: Money.optional(),
  mspPassThroughAmount: Money.optional(),
  ppsCapitalAmount: Money.optional(),
  ppsCapitalFspDrgAmount: Money.optional(),
  ppsCapitalHspDrgAmount: Money.optional(),
  ppsCapitalDshDrgAmount: Money.optional(),
  oldCapitalAmount: Money.optional(),
  ppsCapitalImeAmount: Money.optional(),
  ppsOperatingHospitalSpecificDrgAmount: Money.optional(),
  costReportDays: Quantity.optional(),
  ppsOperatingFederalSpecificDrgAmount: Money.optional(),
  ppsCapitalOutlierAmount: Money.optional(),
  indirectTeachingAmount: Money.optional(),
  nonpayableProfessionalComponentAmount: Money.optional(),
  ppsCapitalExceptionAmount: Money.optional(),
  /** RARCs from MIA05 and MIA20-MIA23, in that order (at most 5). */
  remarkCodes: z.array(z.string().min(1)).max(5).default([]),
});
export type InpatientAdjudication = z.infer<typeof InpatientAdjudication>;

/** MOA: outpatient adjudication. */
export const OutpatientAdjudication = z.object({
  reimbursementRate: Quantity.optional(),
  hcpcsPayableAmount: Money.optional(),
  /** RARCs from MOA03-MOA07 (at most 5). */
  remarkCodes: z.array(z.string().min(1)).max(5).default([]),
  esrdPaymentAmount: Money.optional(),
  nonpayableProfessionalComponentAmount: Money.optional(),
});
export type OutpatientAdjudication = z.infer<typeof OutpatientAdjudication>;

export const ProcedureId = z.object({
  /** SVC06-1: HC CPT/HCPCS, NU revenue code, N4 NDC, ... */
  qualifier: z.string().min(1),
  code: z.string().min(1),
  modifiers: z.array(z.string()).max(4).default([]),
  description: z.string().optional(),
});
export type ProcedureId = z.infer<typeof ProcedureId>;

export const ServiceLinePayment = z
  .object({
    /** SVC01-1: HC CPT/HCPCS, NU revenue code, N4 NDC, ... */
    procedureQualifier: z.string().min(1).default('HC'),
    /** SVC01-2: the adjudicated procedure code. */
    procedureCode: z.string().min(1),
    /** SVC01-3..6. */
    modifiers: z.array(z.string()).max(4).default([]),
    /** SVC02. */
    charge: Money,
    /** SVC03. */
    paid: Money,
    /** SVC04: NUBC revenue code. */
    revenueCode: z.string().optional(),
    /** SVC05: units paid; "1" when the payer left it out. */
    units: Quantity.default('1'),
    /** True when SVC05 was absent (units "1" implied); build then leaves SVC05 out. */
    unitsDefaulted: z.boolean().optional(),
    /** SVC06: the submitted procedure, when the payer adjudicated a different one. */
    originalProcedure: ProcedureId.optional(),
    /** SVC07: submitted units, when they differ from the units paid. */
    originalUnits: Quantity.optional(),
    /** DTM*472. */
    serviceDate: IsoDate.optional(),
    /** DTM*150 / DTM*151. */
    servicePeriod: OpenPeriod.optional(),
    /** Line-level CAS, one entry per reason/amount. */
    adjustments: z.array(ClaimAdjustment).default([]),
    /** REF*6R: the line item control number sent on the claim. */
    lineControlNumber: z.string().optional(),
    /** Other line REFs: service identification (1S, APC, BB, E9, G1, G3, LU, RB), rendering provider (0B, 1A-1J, D3, G2, HPI, SY, TJ), policy (0K). */
    otherIds: z.array(RemittanceId).optional(),
    /** AMT*B6: allowed amount. */
    allowed: Money.optional(),
    /** Other AMT (KH late filing reduction, T/T2 tax, ZK-ZO). */
    amounts: z.array(SupplementalAmount).optional(),
    /** QTY (ZK-ZO). */
    quantities: z.array(SupplementalQuantity).optional(),
    /** LQ. */
    remarks: z.array(RemarkCode).optional(),
  })
  .refine((l) => l.unitsDefaulted !== true || l.units === '1', { message: 'unitsDefaulted is only for units "1"', path: ['unitsDefaulted'] });
export type ServiceLinePayment = z.infer<typeof ServiceLinePayment>;

export const ClaimDates = z.object({
  /** DTM*232 / DTM*233. */
  statementPeriod: OpenPeriod.optional(),
  /** DTM*036. */
  coverageExpiration: IsoDate.optional(),
  /** DTM*050. */
  received: IsoDate.optional(),
});
export type ClaimDates = z.infer<typeof ClaimDates>;

/** CLP02 claim status codes. */
export const ClaimStatus = z.enum(['1', '2', '3', '4', '19', '20', '21', '22', '23', '25']);
export type ClaimStatus = z.infer<typeof ClaimStatus>;

export const ClaimPayment = z.object({
  /** LX01 of the header the claim sits under; claims without one join the previous claim's header (LX*1 for the first). */
  headerNumber: z.string().min(1).optional(),
  /** CLP01: the provider's claim id (CLM01). */
  patientControlNumber: z.string().min(1),
  /** CLP02: 1/2/3 processed as primary/secondary/tertiary, 4 denied, 19-21 processed and forwarded, 22 reversal, 23 not our claim, forwarded, 25 predetermination. */
  status: ClaimStatus,
  /** CLP03. */
  charge: Money,
  /** CLP04. */
  paid: Money,
  /** CLP05, when reported. */
  patientResponsibility: Money.optional(),
  /** CLP06: 12 PPO, 13 POS, 14 EPO, 15 indemnity, 16 HMO Medicare risk, 17 dental, AM auto, CH Tricare, HM HMO, MA/MB Medicare, MC Medicaid, VA, WC, ZZ, ... */
  filingIndicator: z.string().min(1),
  /** CLP07: the payer's internal claim number. */
  payerClaimControlNumber: z.string().min(1),
  /** CLP08: place of service (professional) or facility type (institutional). */
  facilityCode: z.string().optional(),
  /** CLP09: 1 original, 7 replacement, 8 void. */
  frequencyCode: z.string().optional(),
  /** CLP11-CLP13 (institutional). */
  drgCode: z.string().optional(),
  drgWeight: Quantity.optional(),
  dischargeFraction: Quantity.optional(),
  /** Claim-level CAS, one entry per reason/amount. */
  adjustments: z.array(ClaimAdjustment).default([]),
  /** NM1*QC. */
  patient: Name,
  /** NM1*IL, when the insured is not the patient. */
  insured: Name.optional(),
  /** NM1*74: the name or id the payer has on file, when it differs from the claim's. */
  correctedInsured: Name.optional(),
  /** NM1*82. */
  renderingProvider: Name.optional(),
  /** NM1*TT: the payer the claim was forwarded (crossed over) to. */
  crossoverCarrier: Name.optional(),
  /** NM1*PR: the payer believed to have priority. */
  correctedPriorityPayer: Name.optional(),
  /** NM1*GB. */
  otherSubscriber: Name.optional(),
  /** MIA. */
  inpatient: InpatientAdjudication.optional(),
  /** MOA. */
  outpatient: OutpatientAdjudication.optional(),
  /** Claim REFs: other claim ids (1L group, 1W member, 28, 6P, 9A, 9C, BB authorization, CE, EA medical record, F8 original claim, G1 prior auth, G3, IG, SY) and rendering provider ids (0B, 1A-1J, D3, G2, LU). */
  otherClaimIds: z.array(RemittanceId).optional(),
  dates: ClaimDates.optional(),
  /** PER*CX (at most 2). */
  contacts: z.array(Contact).max(2).optional(),
  /** AMT: AU coverage amount, D8 discount, DY per day limit, F5 patient paid, I interest, NL negative ledger balance, T/T2 tax, ZK-ZO. */
  amounts: z.array(SupplementalAmount).optional(),
  /** QTY: CA covered days, CD co-insured days, LA, LE, NE, NR, OU, PS, VS, ZK-ZO. */
  quantities: z.array(SupplementalQuantity).optional(),
  serviceLines: z.array(ServiceLinePayment).default([]),
});
export type ClaimPayment = z.infer<typeof ClaimPayment>;

export const ProviderAdjustment = z.object({
  /** PLB01: the provider's NPI or tax id. */
  provider: z.string().min(1),
  /** PLB02: last day of the provider's fiscal year. */
  fiscalPeriodEnd: IsoDate,
  /** PLB03-1: WO overpayment recovery, L6 interest owed, FB forwarding balance, 72 authorized return, CS adjustment, J1 nonreimbursable, ... */
  reason: z.string().min(2).max(2),
  /** PLB03-2: e.g. the claim number the adjustment is about. */
  reference: z.string().optional(),
  /** PLB04: a positive amount reduces the payment. */
  amount: Money,
});
export type ProviderAdjustment = z.infer<typeof ProviderAdjustment>;

export const RemittanceSchema = z.object({
  payment: Payment,
  trace: Trace,
  /** REF*EV: the receiver, when it is not the payee. */
  receiverId: z.string().optional(),
  /** REF*F2: the payer's 835 version. */
  versionId: z.string().optional(),
  /** DTM*405. */
  productionDate: IsoDate.optional(),
  payer: RemittancePayer,
  payee: RemittancePayee,
  /** TS3/TS2 of the headers that carry them. */
  headerSummaries: z.array(HeaderSummary).optional(),
  claims: z.array(ClaimPayment),
  /** PLB, one entry per adjustment identifier/amount pair. */
  providerAdjustments: z.array(ProviderAdjustment).default([]),
});
export type Remittance = z.infer<typeof RemittanceSchema>;

// ---------------------------------------------------------------------------------------------------
// Element tables for the wide segments (TS3, TS2, MIA, MOA)

type Kind = 'money' | 'quantity' | 'text' | 'date';
type Field = readonly [key: string, position: number, kind: Kind];

const TS3_FIELDS: readonly Field[] = [
  ['providerId', 1, 'text'],
  ['facilityCode', 2, 'text'],
  ['fiscalPeriodEnd', 3, 'date'],
  ['totalClaimCount', 4, 'quantity'],
  ['totalClaimCharge', 5, 'money'],
  ['totalMspPayerAmount', 13, 'money'],
  ['totalNonLabCharge', 15, 'money'],
  ['totalHcpcsReportedCharge', 17, 'money'],
  ['totalHcpcsPayableAmount', 18, 'money'],
  ['totalProfessionalComponentAmount', 20, 'money'],
  ['totalMspPatientLiabilityMet', 21, 'money'],
  ['totalPatientReimbursement', 22, 'money'],
  ['totalPipClaimCount', 23, 'quantity'],
  ['totalPipAdjustment', 24, 'money'],
];

const TS2_FIELDS: readonly Field[] = [
  ['totalDrgAmount', 1, 'money'],
  ['totalFederalSpecificAmount', 2, 'money'],
  ['totalHospitalSpecificAmount', 3, 'money'],
  ['totalDisproportionateShareAmount', 4, 'money'],
  ['totalCapitalAmount', 5, 'money'],
  ['totalIndirectMedicalEducationAmount', 6, 'money'],
  ['totalOutlierDayCount', 7, 'quantity'],
  ['totalDayOutlierAmount', 8, 'money'],
  ['totalCostOutlierAmount', 9, 'money'],
  ['averageDrgLengthOfStay', 10, 'quantity'],
  ['totalDischargeCount', 11, 'quantity'],
  ['totalCostReportDayCount', 12, 'quantity'],
  ['totalCoveredDayCount', 13, 'quantity'],
  ['totalNoncoveredDayCount', 14, 'quantity'],
  ['totalMspPassThroughAmount', 15, 'money'],
  ['averageDrgWeight', 16, 'quantity'],
  ['totalPpsCapitalFspDrgAmount', 17, 'money'],
  ['totalPpsCapitalHspDrgAmount', 18, 'money'],
  ['totalPpsDshDrgAmount', 19, 'money'],
];

const MIA_FIELDS: readonly Field[] = [
  ['coveredDays', 1, 'quantity'],
  ['ppsOperatingOutlierAmount', 2, 'money'],
  ['lifetimePsychiatricDays', 3, 'quantity'],
  ['drgAmount', 4, 'money'],
  ['disproportionateShareAmount', 6, 'money'],
  ['mspPassThroughAmount', 7, 'money'],
  ['ppsCapitalAmount', 8, 'money'],
  ['ppsCapitalFspDrgAmount', 9, 'money'],
  ['ppsCapitalHspDrgAmount', 10, 'money'],
  ['ppsCapitalDshDrgAmount', 11, 'money'],
  ['oldCapitalAmount', 12, 'money'],
  ['ppsCapitalImeAmount', 13, 'money'],
  ['ppsOperatingHospitalSpecificDrgAmount', 14, 'money'],
  ['costReportDays', 15, 'quantity'],
  ['ppsOperatingFederalSpecificDrgAmount', 16, 'money'],
  ['ppsCapitalOutlierAmount', 17, 'money'],
  ['indirectTeachingAmount', 18, 'money'],
  ['nonpayableProfessionalComponentAmount', 19, 'money'],
  ['ppsCapitalExceptionAmount', 24, 'money'],
];
const MIA_REMARKS = [5, 20, 21, 22, 23];

const MOA_FIELDS: readonly Field[] = [
  ['reimbursementRate', 1, 'quantity'],
  ['hcpcsPayableAmount', 2, 'money'],
  ['esrdPaymentAmount', 8, 'money'],
  ['nonpayableProfessionalComponentAmount', 9, 'money'],
];
const MOA_REMARKS = [3, 4, 5, 6, 7];

/** An amount from X12 text; text that is not an amount is kept as is (the schema then names it) so parse never throws. */
function amountOf(text: string): Money | undefined {
  try {
    return money(text);
  } catch {
    return text;
  }
}

function readFields(s: Segment, fields: readonly Field[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, pos, kind] of fields) {
    const v = el(s, pos);
    if (v === '') continue;
    out[key] = kind === 'money' ? amountOf(v)! : kind === 'date' ? isoDate(v)! : v;
  }
  return out;
}

function writeFields(tag: string, record: Readonly<Record<string, unknown>>, fields: readonly Field[], width: number, extra: readonly [number, string][] = []): Segment {
  const els: string[] = new Array<string>(width).fill('');
  for (const [key, pos, kind] of fields) {
    const v = record[key];
    if (typeof v !== 'string') continue;
    els[pos - 1] = kind === 'money' ? x12Money(v) : kind === 'date' ? d8(v) : v;
  }
  for (const [pos, v] of extra) els[pos - 1] = v;
  return seg(tag, els);
}

function remarksFrom(s: Segment, positions: readonly number[]): string[] {
  const out: string[] = [];
  for (const p of positions) {
    const v = el(s, p);
    if (v !== '') out.push(v);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------
// Parse

function segmentsOf(node: LoopNode): Segment[] {
  const out: Segment[] = [];
  for (const c of node.children) if (c.kind === 'segment') out.push(c.segment);
  return out;
}

function idFrom(ref: Segment): RemittanceId {
  return { qualifier: el(ref, 1), value: el(ref, 2) };
}

function adjustmentsFrom(cas: Segment, into: ClaimAdjustment[]): void {
  const group = el(cas, 1) as ClaimAdjustment['group'];
  for (let n = 2; n <= 17; n += 3) {
    const reason = el(cas, n);
    const amount = el(cas, n + 1);
    if (reason === '' && amount === '') continue;
    into.push(stripUndefined({ group, reason, amount: amountOf(amount) ?? '', quantity: opt(el(cas, n + 2)) }));
  }
}

function nonEmpty<T>(list: T[]): T[] | undefined {
  return list.length === 0 ? undefined : list;
}

function procedureFrom(s: Segment, n: number, withDescription: boolean): ProcedureId {
  const modifiers: string[] = [];
  for (let c = 3; c <= 6; c++) {
    const m = comp(s, n, c);
    if (m !== '') modifiers.push(m);
  }
  return stripUndefined({ qualifier: comp(s, n, 1), code: comp(s, n, 2), modifiers, description: withDescription ? opt(comp(s, n, 7)) : undefined });
}

function parseServiceLine(node: LoopNode): ServiceLinePayment {
  let svc: Segment | undefined;
  let serviceDate: string | undefined;
  let periodFrom: string | undefined;
  let periodTo: string | undefined;
  const adjustments: ClaimAdjustment[] = [];
  let lineControlNumber: string | undefined;
  const otherIds: RemittanceId[] = [];
  let allowed: Money | undefined;
  const amounts: SupplementalAmount[] = [];
  const quantities: SupplementalQuantity[] = [];
  const remarks: RemarkCode[] = [];
  for (const s of segmentsOf(node)) {
    switch (s.tag) {
      case 'SVC':
        svc ??= s;
        break;
      case 'DTM': {
        const q = el(s, 1);
        const d = isoDate(el(s, 2));
        if (q === '472') serviceDate ??= d;
        else if (q === '150') periodFrom ??= d;
        else if (q === '151') periodTo ??= d;
        break;
      }
      case 'CAS':
        adjustmentsFrom(s, adjustments);
        break;
      case 'REF':
        if (el(s, 1) === '6R' && lineControlNumber === undefined) lineControlNumber = el(s, 2);
        else otherIds.push(idFrom(s));
        break;
      case 'AMT':
        if (el(s, 1) === 'B6' && allowed === undefined) allowed = amountOf(el(s, 2));
        else amounts.push({ qualifier: el(s, 1), amount: amountOf(el(s, 2)) ?? '' });
        break;
      case 'QTY':
        quantities.push({ qualifier: el(s, 1), quantity: el(s, 2) });
        break;
      case 'LQ':
        remarks.push({ qualifier: el(s, 1) as RemarkCode['qualifier'], code: el(s, 2) });
        break;
    }
  }
  const proc = procedureFrom(svc!, 1, false);
  const units = el(svc, 5);
  return stripUndefined({
    procedureQualifier: proc.qualifier,
    procedureCode: proc.code,
    modifiers: proc.modifiers,
    charge: amountOf(el(svc, 2)) ?? '',
    paid: amountOf(el(svc, 3)) ?? '',
    revenueCode: opt(el(svc, 4)),
    units: units === '' ? '1' : units,
    unitsDefaulted: units === '' ? true : undefined,
    originalProcedure: el(svc, 6) === '' ? undefined : procedureFrom(svc!, 6, true),
    originalUnits: opt(el(svc, 7)),
    serviceDate,
    servicePeriod: periodFrom === undefined && periodTo === undefined ? undefined : stripUndefined({ from: periodFrom, to: periodTo }),
    adjustments,
    lineControlNumber,
    otherIds: nonEmpty(otherIds),
    allowed,
    amounts: nonEmpty(amounts),
    quantities: nonEmpty(quantities),
    remarks: nonEmpty(remarks),
  });
}

function parseClaim(node: LoopNode, headerNumber: string | undefined): ClaimPayment {
  let clp: Segment | undefined;
  const adjustments: ClaimAdjustment[] = [];
  const names: Record<string, Name> = {};
  let inpatient: InpatientAdjudication | undefined;
  let outpatient: OutpatientAdjudication | undefined;
  const otherClaimIds: RemittanceId[] = [];
  let statementFrom: string | undefined;
  let statementTo: string | undefined;
  let coverageExpiration: string | undefined;
  let received: string | undefined;
  const contacts: Contact[] = [];
  const amounts: SupplementalAmount[] = [];
  const quantities: SupplementalQuantity[] = [];
  const serviceLines: ServiceLinePayment[] = [];
  for (const c of node.children) {
    if (c.kind === 'loop') {
      if (c.id === '2110') serviceLines.push(parseServiceLine(c));
      continue;
    }
    const s = c.segment;
    switch (s.tag) {
      case 'CLP':
        clp ??= s;
        break;
      case 'CAS':
        adjustmentsFrom(s, adjustments);
        break;
      case 'NM1': {
        const entity = el(s, 1);
        names[entity] ??= nameFrom(s);
        break;
      }
      case 'MIA':
        inpatient ??= { ...(readFields(s, MIA_FIELDS) as { coveredDays: string }), remarkCodes: remarksFrom(s, MIA_REMARKS) };
        break;
      case 'MOA':
        outpatient ??= { ...readFields(s, MOA_FIELDS), remarkCodes: remarksFrom(s, MOA_REMARKS) };
        break;
      case 'REF':
        otherClaimIds.push(idFrom(s));
        break;
      case 'DTM': {
        const d = isoDate(el(s, 2));
        switch (el(s, 1)) {
          case '232':
            statementFrom ??= d;
            break;
          case '233':
            statementTo ??= d;
            break;
          case '036':
            coverageExpiration ??= d;
            break;
          case '050':
            received ??= d;
            break;
        }
        break;
      }
      case 'PER':
        contacts.push(contactFrom(s));
        break;
      case 'AMT':
        amounts.push({ qualifier: el(s, 1), amount: amountOf(el(s, 2)) ?? '' });
        break;
      case 'QTY':
        quantities.push({ qualifier: el(s, 1), quantity: el(s, 2) });
        break;
    }
  }
  const statementPeriod = statementFrom === undefined && statementTo === undefined ? undefined : stripUndefined({ from: statementFrom, to: statementTo });
  const dates = stripUndefined({ statementPeriod, coverageExpiration, received });
  return stripUndefined({
    headerNumber,
    patientControlNumber: el(clp, 1),
    status: el(clp, 2) as ClaimStatus,
    charge: amountOf(el(clp, 3)) ?? '',
    paid: amountOf(el(clp, 4)) ?? '',
    patientResponsibility: amountOf(el(clp, 5)),
    filingIndicator: el(clp, 6),
    payerClaimControlNumber: el(clp, 7),
    facilityCode: opt(el(clp, 8)),
    frequencyCode: opt(el(clp, 9)),
    drgCode: opt(el(clp, 11)),
    drgWeight: opt(el(clp, 12)),
    dischargeFraction: opt(el(clp, 13)),
    adjustments,
    patient: names.QC ?? { entityType: '1' as const, last: '' },
    insured: names.IL,
    correctedInsured: names['74'],
    renderingProvider: names['82'],
    crossoverCarrier: names.TT,
    correctedPriorityPayer: names.PR,
    otherSubscriber: names.GB,
    inpatient: inpatient === undefined ? undefined : stripUndefined(inpatient),
    outpatient: outpatient === undefined ? undefined : stripUndefined(outpatient),
    otherClaimIds: nonEmpty(otherClaimIds),
    dates: Object.keys(dates).length === 0 ? undefined : dates,
    contacts: nonEmpty(contacts),
    amounts: nonEmpty(amounts),
    quantities: nonEmpty(quantities),
    serviceLines,
  });
}

function bankAccount(bpr: Segment, first: number): z.infer<typeof BankAccount> | undefined {
  const a = stripUndefined({ dfiQualifier: opt(el(bpr, first)), dfiId: opt(el(bpr, first + 1)), accountQualifier: opt(el(bpr, first + 2)), accountNumber: opt(el(bpr, first + 3)) });
  return Object.keys(a).length === 0 ? undefined : a;
}

function parsePayment(bpr: Segment | undefined, cur: Segment | undefined): Payment {
  const bank = stripUndefined({ sender: bankAccount(bpr!, 6), originatorId: opt(el(bpr, 10)), originatorSupplemental: opt(el(bpr, 11)), receiver: bankAccount(bpr!, 12) });
  return stripUndefined({
    handling: el(bpr, 1) as Payment['handling'],
    amount: amountOf(el(bpr, 2)) ?? '',
    creditDebit: el(bpr, 3) as Payment['creditDebit'],
    method: el(bpr, 4) as Payment['method'],
    format: opt(el(bpr, 5)),
    bank: Object.keys(bank).length === 0 ? undefined : bank,
    date: isoDate(el(bpr, 16)) ?? '',
    currency: opt(el(cur, 2)),
  });
}

function parsePayer(loop: Loop): RemittancePayer {
  const n1 = loop.segment('N1');
  return stripUndefined({
    name: el(n1, 2),
    idQualifier: opt(el(n1, 3)),
    id: opt(el(n1, 4)),
    address: addressFrom(loop)!,
    additionalIds: nonEmpty(loop.segments('REF').map(idFrom)),
    contacts: loop.segments('PER').map(contactFrom),
  });
}

function parsePayee(loop: Loop): RemittancePayee {
  const n1 = loop.segment('N1');
  const rdm = loop.segment('RDM');
  return stripUndefined({
    name: el(n1, 2),
    idQualifier: el(n1, 3),
    id: el(n1, 4),
    address: addressFrom(loop),
    additionalIds: nonEmpty(loop.segments('REF').map(idFrom)),
    remittanceDelivery: rdm === undefined ? undefined : stripUndefined({ method: el(rdm, 1), name: opt(el(rdm, 2)), number: opt(el(rdm, 3)) }),
  });
}

function parseRemittance(tree: Loop): Remittance {
  let bpr: Segment | undefined;
  let trn: Segment | undefined;
  let cur: Segment | undefined;
  let receiverId: string | undefined;
  let versionId: string | undefined;
  let productionDate: string | undefined;
  let payer: RemittancePayer | undefined;
  let payee: RemittancePayee | undefined;
  const headerSummaries: HeaderSummary[] = [];
  const claims: ClaimPayment[] = [];
  const providerAdjustments: ProviderAdjustment[] = [];
  for (const c of tree.node.children) {
    if (c.kind === 'loop') {
      if (c.id === '1000A') payer ??= parsePayer(new Loop(c));
      else if (c.id === '1000B') payee ??= parsePayee(new Loop(c));
      else if (c.id === '2000') {
        let headerNumber: string | undefined;
        let ts3: Segment | undefined;
        let ts2: Segment | undefined;
        for (const h of c.children) {
          if (h.kind === 'loop') {
            if (h.id === '2100') claims.push(parseClaim(h, headerNumber));
          } else if (h.id === 'LX') headerNumber ??= opt(el(h.segment, 1));
          else if (h.id === 'TS3') ts3 ??= h.segment;
          else if (h.id === 'TS2') ts2 ??= h.segment;
        }
        if ((ts3 !== undefined || ts2 !== undefined) && headerNumber !== undefined) {
          headerSummaries.push(
            stripUndefined({
              headerNumber,
              providerSummary: ts3 === undefined ? undefined : (readFields(ts3, TS3_FIELDS) as ProviderSummary),
              supplementalSummary: ts2 === undefined ? undefined : (readFields(ts2, TS2_FIELDS) as ProviderSupplementalSummary),
            }),
          );
        }
      }
      continue;
    }
    const s = c.segment;
    switch (s.tag) {
      case 'BPR':
        bpr ??= s;
        break;
      case 'TRN':
        trn ??= s;
        break;
      case 'CUR':
        cur ??= s;
        break;
      case 'REF':
        if (el(s, 1) === 'EV') receiverId ??= el(s, 2);
        else if (el(s, 1) === 'F2') versionId ??= el(s, 2);
        break;
      case 'DTM':
        if (el(s, 1) === '405') productionDate ??= isoDate(el(s, 2));
        break;
      case 'PLB': {
        const provider = el(s, 1);
        const fiscalPeriodEnd = isoDate(el(s, 2)) ?? '';
        for (let n = 3; n <= 13; n += 2) {
          const reason = comp(s, n, 1);
          const amount = el(s, n + 1);
          if (reason === '' && amount === '') continue;
          providerAdjustments.push(stripUndefined({ provider, fiscalPeriodEnd, reason, reference: opt(comp(s, n, 2)), amount: amountOf(amount) ?? '' }));
        }
        break;
      }
    }
  }
  return stripUndefined({
    payment: parsePayment(bpr, cur),
    trace: stripUndefined({ type: el(trn, 1), number: el(trn, 2), originatorId: el(trn, 3), originatorSupplemental: opt(el(trn, 4)) }),
    receiverId,
    versionId,
    productionDate,
    payer: payer ?? ({ name: '', contacts: [] } as unknown as RemittancePayer),
    payee: payee ?? { name: '', idQualifier: '', id: '' },
    headerSummaries: nonEmpty(headerSummaries),
    claims,
    providerAdjustments,
  });
}

// ---------------------------------------------------------------------------------------------------
// Build

function refSegments(ids: readonly RemittanceId[] | undefined): Segment[] {
  return (ids ?? []).map((r) => seg('REF', [r.qualifier, r.value]));
}

/** Stable sort by a rank, so segments of one guide use keep their order and uses come in the TR3's order. */
function byRank<T>(list: readonly T[], rank: (t: T) => number): T[] {
  return list
    .map((t, i) => [rank(t), i, t] as const)
    .sort((a, b) => a[0] - b[0] || a[1] - b[1])
    .map((x) => x[2]);
}

function casSegments(adjustments: readonly ClaimAdjustment[]): Segment[] {
  const out: Segment[] = [];
  let els: string[] | null = null;
  let count = 0;
  for (const a of adjustments) {
    if (els === null || els[0] !== a.group || count === 6) {
      if (els !== null) out.push(seg('CAS', els));
      els = [a.group];
      count = 0;
    }
    els.push(a.reason, x12Money(a.amount), a.quantity ?? '');
    count++;
  }
  if (els !== null) out.push(seg('CAS', els));
  return out;
}

function procedureComposite(qualifier: string, code: string, modifiers: readonly string[], description?: string): string[] {
  const m = [...modifiers, '', '', '', ''].slice(0, 4);
  return description === undefined ? composite(qualifier, code, ...m) : composite(qualifier, code, ...m, description);
}

const LINE_REF_RANK: Record<string, number> = { '1S': 0, APC: 0, BB: 0, E9: 0, G1: 0, G3: 0, LU: 0, RB: 0, '6R': 1, '0K': 3 };
const CLAIM_RENDERING_REFS = new Set(['0B', '1A', '1B', '1C', '1D', '1G', '1H', '1J', 'D3', 'G2', 'LU']);
const PAYER_CONTACT_RANK: Record<string, number> = { CX: 0, BL: 1, IC: 2 };

function buildServiceLine(l: ServiceLinePayment, out: Segment[]): void {
  const els: ElementValue[] = [procedureComposite(l.procedureQualifier, l.procedureCode, l.modifiers), x12Money(l.charge), x12Money(l.paid), l.revenueCode ?? '', l.unitsDefaulted === true && l.units === '1' ? '' : l.units];
  if (l.originalProcedure !== undefined || l.originalUnits !== undefined) {
    const o = l.originalProcedure;
    els.push(o === undefined ? '' : procedureComposite(o.qualifier, o.code, o.modifiers, o.description), l.originalUnits ?? '');
  }
  out.push(seg('SVC', els));
  if (l.serviceDate !== undefined) out.push(seg('DTM', ['472', d8(l.serviceDate)]));
  if (l.servicePeriod?.from !== undefined) out.push(seg('DTM', ['150', d8(l.servicePeriod.from)]));
  if (l.servicePeriod?.to !== undefined) out.push(seg('DTM', ['151', d8(l.servicePeriod.to)]));
  out.push(...casSegments(l.adjustments));
  const refs = (l.otherIds ?? []).map((r) => ({ r, rank: LINE_REF_RANK[r.qualifier] ?? 2 }));
  if (l.lineControlNumber !== undefined) refs.push({ r: { qualifier: '6R', value: l.lineControlNumber }, rank: 0.5 });
  out.push(...refSegments(byRank(refs, (x) => x.rank).map((x) => x.r)));
  if (l.allowed !== undefined) out.push(seg('AMT', ['B6', x12Money(l.allowed)]));
  for (const a of l.amounts ?? []) out.push(seg('AMT', [a.qualifier, x12Money(a.amount)]));
  for (const q of l.quantities ?? []) out.push(seg('QTY', [q.qualifier, q.quantity]));
  for (const r of l.remarks ?? []) out.push(seg('LQ', [r.qualifier, r.code]));
}

function buildClaim(c: ClaimPayment, out: Segment[]): void {
  out.push(
    seg('CLP', [
      c.patientControlNumber,
      c.status,
      x12Money(c.charge),
      x12Money(c.paid),
      x12Money(c.patientResponsibility),
      c.filingIndicator,
      c.payerClaimControlNumber,
      c.facilityCode ?? '',
      c.frequencyCode ?? '',
      '',
      c.drgCode ?? '',
      c.drgWeight ?? '',
      c.dischargeFraction ?? '',
    ]),
  );
  out.push(...casSegments(c.adjustments));
  out.push(nm1('QC', c.patient));
  if (c.insured) out.push(nm1('IL', c.insured));
  if (c.correctedInsured) out.push(nm1('74', c.correctedInsured));
  if (c.renderingProvider) out.push(nm1('82', c.renderingProvider));
  if (c.crossoverCarrier) out.push(nm1('TT', c.crossoverCarrier));
  if (c.correctedPriorityPayer) out.push(nm1('PR', c.correctedPriorityPayer));
  if (c.otherSubscriber) out.push(nm1('GB', c.otherSubscriber));
  if (c.inpatient) {
    const r = c.inpatient.remarkCodes;
    out.push(writeFields('MIA', c.inpatient, MIA_FIELDS, 24, MIA_REMARKS.map((p, i) => [p, r[i] ?? ''] as [number, string])));
  }
  if (c.outpatient) {
    const r = c.outpatient.remarkCodes;
    out.push(writeFields('MOA', c.outpatient, MOA_FIELDS, 9, MOA_REMARKS.map((p, i) => [p, r[i] ?? ''] as [number, string])));
  }
  out.push(...refSegments(byRank(c.otherClaimIds ?? [], (r) => (CLAIM_RENDERING_REFS.has(r.qualifier) ? 1 : 0))));
  const d = c.dates;
  if (d?.statementPeriod?.from !== undefined) out.push(seg('DTM', ['232', d8(d.statementPeriod.from)]));
  if (d?.statementPeriod?.to !== undefined) out.push(seg('DTM', ['233', d8(d.statementPeriod.to)]));
  if (d?.coverageExpiration !== undefined) out.push(seg('DTM', ['036', d8(d.coverageExpiration)]));
  if (d?.received !== undefined) out.push(seg('DTM', ['050', d8(d.received)]));
  for (const p of c.contacts ?? []) out.push(perSegment(p));
  for (const a of c.amounts ?? []) out.push(seg('AMT', [a.qualifier, x12Money(a.amount)]));
  for (const q of c.quantities ?? []) out.push(seg('QTY', [q.qualifier, q.quantity]));
  for (const l of c.serviceLines) buildServiceLine(l, out);
}

function buildRemittance(r: Remittance): Segment[] {
  const out: Segment[] = [];
  const p = r.payment;
  const b = p.bank;
  out.push(
    seg('BPR', [
      p.handling,
      x12Money(p.amount),
      p.creditDebit,
      p.method,
      p.format ?? '',
      b?.sender?.dfiQualifier ?? '',
      b?.sender?.dfiId ?? '',
      b?.sender?.accountQualifier ?? '',
      b?.sender?.accountNumber ?? '',
      b?.originatorId ?? '',
      b?.originatorSupplemental ?? '',
      b?.receiver?.dfiQualifier ?? '',
      b?.receiver?.dfiId ?? '',
      b?.receiver?.accountQualifier ?? '',
      b?.receiver?.accountNumber ?? '',
      d8(p.date),
    ]),
  );
  out.push(seg('TRN', [r.trace.type, r.trace.number, r.trace.originatorId, r.trace.originatorSupplemental ?? '']));
  if (p.currency !== undefined) out.push(seg('CUR', ['PR', p.currency]));
  if (r.receiverId !== undefined) out.push(seg('REF', ['EV', r.receiverId]));
  if (r.versionId !== undefined) out.push(seg('REF', ['F2', r.versionId]));
  if (r.productionDate !== undefined) out.push(seg('DTM', ['405', d8(r.productionDate)]));

  const payer = r.payer;
  out.push(seg('N1', ['PR', payer.name, payer.idQualifier ?? '', payer.id ?? '']));
  out.push(...addressSegments(payer.address));
  out.push(...refSegments(payer.additionalIds));
  for (const c of byRank(payer.contacts, (c) => PAYER_CONTACT_RANK[c.function] ?? 1)) out.push(perSegment(c));

  const payee = r.payee;
  out.push(seg('N1', ['PE', payee.name, payee.idQualifier, payee.id]));
  out.push(...addressSegments(payee.address));
  out.push(...refSegments(payee.additionalIds));
  if (payee.remittanceDelivery) out.push(seg('RDM', [payee.remittanceDelivery.method, payee.remittanceDelivery.name ?? '', payee.remittanceDelivery.number ?? '']));

  const summaries = new Map<string, HeaderSummary[]>();
  for (const h of r.headerSummaries ?? []) summaries.set(h.headerNumber, [...(summaries.get(h.headerNumber) ?? []), h]);
  let header: string | undefined;
  for (const [i, c] of r.claims.entries()) {
    const number = c.headerNumber ?? (i === 0 ? '1' : header!);
    if (i === 0 || number !== header) {
      header = number;
      out.push(seg('LX', [number]));
      const h = summaries.get(number)?.shift();
      if (h?.providerSummary) out.push(writeFields('TS3', h.providerSummary, TS3_FIELDS, 24));
      if (h?.supplementalSummary) out.push(writeFields('TS2', h.supplementalSummary, TS2_FIELDS, 19));
    }
    buildClaim(c, out);
  }

  let plb: ElementValue[] | null = null;
  let pairs = 0;
  for (const a of r.providerAdjustments) {
    const fiscal = d8(a.fiscalPeriodEnd);
    if (plb === null || plb[0] !== a.provider || plb[1] !== fiscal || pairs === 6) {
      if (plb !== null) out.push(seg('PLB', plb));
      plb = [a.provider, fiscal];
      pairs = 0;
    }
    plb.push(composite(a.reason, a.reference), x12Money(a.amount));
    pairs++;
  }
  if (plb !== null) out.push(seg('PLB', plb));
  return out;
}

export const REMITTANCE_DOCUMENT: DocumentType<Remittance> = {
  name: 'Remittance',
  set: '835',
  guide: '005010X221A1',
  functionalId: 'HP',
  st03: false,
  schema: RemittanceSchema,
  parse: parseRemittance,
  build: buildRemittance,
};

// ---------------------------------------------------------------------------------------------------
// Posting helpers: exact sums in bigint cents

function cents(m: Money | undefined): bigint {
  return m === undefined ? 0n : (parseCents(m) ?? 0n);
}

type AdjustedClaim = Pick<ClaimPayment, 'adjustments'> & { readonly serviceLines: readonly Pick<ServiceLinePayment, 'adjustments'>[] };

/** Every CAS entry of a claim: the claim-level ones, then each line's. */
function allAdjustments(claim: AdjustedClaim): ClaimAdjustment[] {
  const out = [...claim.adjustments];
  for (const l of claim.serviceLines) out.push(...l.adjustments);
  return out;
}

export interface PatientResponsibilitySplit {
  /** PR-1. */
  readonly deductible: Money;
  /** PR-2. */
  readonly coinsurance: Money;
  /** PR-3. */
  readonly copay: Money;
  /** Any other PR reason (27 coverage ended, 204 not covered, 96, ...). */
  readonly other: Money;
  readonly total: Money;
}

/** The patient's share of a claim from its claim- and line-level PR adjustments. */
export function patientResponsibilitySplit(claim: AdjustedClaim): PatientResponsibilitySplit {
  let deductible = 0n;
  let coinsurance = 0n;
  let copay = 0n;
  let other = 0n;
  for (const a of allAdjustments(claim)) {
    if (a.group !== 'PR') continue;
    const c = cents(a.amount);
    if (a.reason === '1') deductible += c;
    else if (a.reason === '2') coinsurance += c;
    else if (a.reason === '3') copay += c;
    else other += c;
  }
  return { deductible: formatCents(deductible), coinsurance: formatCents(coinsurance), copay: formatCents(copay), other: formatCents(other), total: formatCents(deductible + coinsurance + copay + other) };
}

/** Sum of a claim's CO (contractual obligation) adjustments, claim and line level. */
export function contractualAdjustment(claim: AdjustedClaim): Money {
  let t = 0n;
  for (const a of allAdjustments(claim)) if (a.group === 'CO') t += cents(a.amount);
  return formatCents(t);
}

/** A reversal of an earlier payment (CLP02 22); its amounts are negated. */
export function isReversal(claim: Pick<ClaimPayment, 'status'>): boolean {
  return claim.status === '22';
}

/** Sum of all of a claim's adjustments, claim and line level. */
export function totalAdjustments(claim: AdjustedClaim): Money {
  let t = 0n;
  for (const a of allAdjustments(claim)) t += cents(a.amount);
  return formatCents(t);
}

/** A service line balances when its charge less its adjustments is what was paid. */
export function serviceLineBalances(line: Pick<ServiceLinePayment, 'charge' | 'paid' | 'adjustments'>): boolean {
  let t = cents(line.charge);
  for (const a of line.adjustments) t -= cents(a.amount);
  return t === cents(line.paid);
}

/** A claim balances when its charge less all claim- and line-level adjustments is what was paid. */
export function claimBalances(claim: AdjustedClaim & Pick<ClaimPayment, 'charge' | 'paid'>): boolean {
  return cents(claim.charge) - cents(totalAdjustments(claim)) === cents(claim.paid);
}

/** The payment balances when the claims paid less the provider adjustments is the payment amount. */
export function remittanceBalances(r: { readonly payment: Pick<Payment, 'amount'>; readonly claims: readonly Pick<ClaimPayment, 'paid'>[]; readonly providerAdjustments: readonly Pick<ProviderAdjustment, 'amount'>[] }): boolean {
  let t = 0n;
  for (const c of r.claims) t += cents(c.paid);
  for (const a of r.providerAdjustments) t -= cents(a.amount);
  return t === cents(r.payment.amount);
}
