/**
 * 005010X217 Health Care Services Review - Response (278), ST01 278, GS01 HI, BHT02 11.
 *
 * No machine-readable X217 definition exists in pyx12 or stupidedi. This is written from the TR3 (loop and
 * segment layout, usage, max use, codes per use), cross-checked for loop and segment membership against a
 * public X217 object model (Madjic Transaction278_A3, the response) and against the TR3 examples in the
 * public corpus; element types and lengths are the X12 dictionary's (pyx12 dataele.xml, stupidedi
 * element_defs.rb), syntax notes the 005010 standard's.
 * Where the sources disagree or the TR3 value list could not be confirmed, the definition is lenient (the
 * union of the candidate lists, or no list) so good files are not flagged; each such place says so. In
 * particular AAA03 (reject reason) is left open at every level, and HCR03 carries the external Health Care
 * Services Review Decision Reason Codes.
 * External code lists (states, countries, postal codes, taxonomy, ICD/CPT/HCPCS/NDC/LOINC codes, place of
 * service and bill type in UM04, NUBC admission codes in CL1) are left without codes.
 */
import { INF, R, S, comp, el, guide, loop, nu, seg } from '../dsl.js';
import { se, st } from '../common.js';
import type { GuideDef, LoopDef, SegmentDef } from '../types.js';
import { dmg, dtp, GUIDE_ID, hiCode, hl, hsd, ins, MEMBER_REF_CODES, msg, n3, n4, nm1, per, procedure, PROVIDER_REF_CODES, prv, pwk, ref, um } from './x217-278-common.js';

// Segment shapes used by several loops. Each takes the names and codes that differ, so every use still
// reads as the TR3 table does.

function trn(name: string): SegmentDef {
  // TRN01 2 returns the requester's trace numbers, TRN01 1 is the UMO's own.
  return seg('TRN', name, S, 3, [
    el('481', 'Trace Type Code', R, 'ID', 1, 2, ['1', '2']),
    el('127', 'Trace Number', R, 'AN', 1, 50),
    el('509', 'Trace Assigning Entity Identifier', R, 'AN', 10, 10),
    el('127', 'Trace Assigning Entity Additional Identifier', S, 'AN', 1, 50),
  ]);
}

function aaa(name: string): SegmentDef {
  // Required when the request, or this part of it, is rejected or cannot be processed.
  return seg('AAA', name, S, 9, [
    el('1073', 'Valid Request Indicator', R, 'ID', 1, 1, ['N', 'Y']),
    nu('559', 'Agency Qualifier Code', 'ID', 2, 2),
    el('901', 'Reject Reason Code', R, 'ID', 2, 2), // per-level TR3 lists not transcribed; left open
    el('889', 'Follow-up Action Code', R, 'ID', 1, 1, ['C', 'N', 'P', 'R', 'S', 'W', 'X', 'Y']),
  ]);
}

function hcr(): SegmentDef {
  // Required when UM is present: the review decision for the event or the service.
  return seg('HCR', 'Health Care Services Review', S, 1, [
    // A1 certified in total, A2 certified partial, A3 not certified, A4 pended, A6 modified,
    // C cancelled, CT contact payer, NA no action required.
    el('306', 'Action Code', R, 'ID', 1, 2, ['A1', 'A2', 'A3', 'A4', 'A6', 'C', 'CT', 'NA']),
    el('127', 'Review Identification Number', S, 'AN', 1, 50), // the certification number, when certified
    el('901', 'Review Decision Reason Code', S, 'ID', 2, 2), // external: Health Care Services Review Decision Reason Codes
    el('1073', 'Second Surgical Opinion Indicator', S, 'ID', 1, 1, ['N', 'U', 'Y']),
  ]);
}

function certificationDates(): SegmentDef[] {
  return [
    dtp('Certification Issue Date', '102', ['D8'], 'Certification Issue Date'),
    dtp('Certification Expiration Date', '036', ['D8'], 'Certification Expiration Date'),
    dtp('Certification Effective Date', '007', ['D8', 'RD8'], 'Certification Effective Date'),
  ];
}

function contactLoop(id: string, name: string, who: string): LoopDef {
  // Required when the UMO asks for additional information and names whom to send it to.
  return loop(id, name, S, 1, [
    nm1(name, who, ['2B', 'PR', 'X3'], ['1', '2'], null, S),
    n3(`${who} Address`, who),
    n4(`${who} City, State, ZIP Code`, who),
    per(`${who} Contact Information`, who),
  ]);
}

// Loops are declared inner-first so each can be nested into its parent; the tree order is the TR3's.

const LOOP_2010FA = loop('2010FA', 'Service Provider Name', S, 3, [
  nm1('Service Provider Name', 'Service Provider', ['1T', 'FA', 'SJ'], ['1', '2'], ['24', '34', '46', 'XX'], S),
  ref('Service Provider Supplemental Identification', 7, PROVIDER_REF_CODES, 'Service Provider Supplemental Identifier', true),
  n3('Service Provider Address', 'Service Provider'),
  n4('Service Provider City, State, ZIP Code', 'Service Provider'),
  per('Service Provider Contact Information', 'Service Provider'),
  aaa('Service Provider Request Validation'),
  prv('Service Provider Information'),
]);

const LOOP_2010FB = contactLoop('2010FB', 'Additional Service Information Contact Name', 'Additional Service Information Contact');

// Required when the request carried a service level: the decision per service.
const LOOP_2000F = loop('2000F', 'Service Level', S, INF, [
  hl('Service Level', 'SS', ['0'], true),
  trn('Service Trace Number'),
  aaa('Service Request Validation'),
  um('Health Care Services Review Information', S, ['HS', 'SC'], false),
  hcr(),
  ref('Administrative Reference Number', 1, ['NT'], 'Administrative Reference Number'),
  ref('Previous Review Authorization Number', 1, ['BB'], 'Previous Review Authorization Number'),
  dtp('Service Date', '472', ['D8', 'RD8'], 'Proposed or Actual Service Date'),
  ...certificationDates(),

  // Required when the UMO needs more information (LOINC codes of the documentation requested).
  seg('HI', 'Request for Additional Information', S, 1, Array.from({ length: 12 }, (_, i) =>
    comp('C022', 'Health Care Code Information', i === 0 ? R : S, [
      el('1270', 'Code List Qualifier Code', R, 'ID', 1, 3, ['LOI']),
      el('1271', 'Industry Code', R, 'AN', 1, 30),
    ]))),

  seg('SV1', 'Professional Service', S, 1, [
    procedure('Composite Medical Procedure Identifier', ['AD', 'ER', 'HC', 'HP', 'IV', 'N4', 'NU', 'WK', 'ZZ'], R),
    el('782', 'Service Line Amount', S, 'R', 1, 18),
    el('355', 'Unit or Basis for Measurement Code', S, 'ID', 2, 2, ['MJ', 'UN']),
    el('380', 'Service Unit Count', S, 'R', 1, 15),
    nu('1331', 'Facility Code Value', 'AN', 1, 2),
    nu('1365', 'Service Type Code', 'ID', 1, 2),
    comp('C004', 'Composite Diagnosis Code Pointer', S, [
      el('1328', 'Diagnosis Code Pointer', R, 'N0', 1, 2),
      el('1328', 'Diagnosis Code Pointer', S, 'N0', 1, 2),
      el('1328', 'Diagnosis Code Pointer', S, 'N0', 1, 2),
      el('1328', 'Diagnosis Code Pointer', S, 'N0', 1, 2),
    ]),
    nu('782', 'Monetary Amount', 'R', 1, 18),
    nu('1073', 'Emergency Indicator', 'ID', 1, 1),
    nu('1340', 'Multiple Procedure Code', 'ID', 1, 2),
    el('1073', 'EPSDT Indicator', S, 'ID', 1, 1, ['N', 'Y']),
    nu('1073', 'Family Planning Indicator', 'ID', 1, 1),
    nu('1364', 'Review Code', 'ID', 1, 2),
    nu('1341', 'National or Local Assigned Review Value', 'AN', 1, 2),
    nu('1327', 'Copay Status Code', 'ID', 1, 1),
    nu('1334', 'Health Care Professional Shortage Area Code', 'ID', 1, 1),
    nu('127', 'Reference Identification', 'AN', 1, 50),
    nu('116', 'Postal Code', 'ID', 3, 15),
    nu('782', 'Monetary Amount', 'R', 1, 18),
    el('1337', 'Nursing Home Level of Care', S, 'ID', 1, 1),
  ], { rules: ['P0304'] }),

  seg('SV2', 'Institutional Service Line', S, 1, [
    el('234', 'Service Line Revenue Code', S, 'AN', 1, 48),
    procedure('Composite Medical Procedure Identifier', ['HC', 'HP', 'IV', 'N4', 'WK', 'ZZ'], S),
    el('782', 'Service Line Amount', S, 'R', 1, 18),
    el('355', 'Unit or Basis for Measurement Code', S, 'ID', 2, 2, ['DA', 'UN']),
    el('380', 'Service Unit Count', S, 'R', 1, 15),
    el('1371', 'Service Line Rate', S, 'R', 1, 10),
    nu('782', 'Monetary Amount', 'R', 1, 18),
    nu('1073', 'Yes/No Condition or Response Code', 'ID', 1, 1),
    el('1345', 'Nursing Home Residential Status Code', S, 'ID', 1, 1),
    el('1337', 'Level of Care Code', S, 'ID', 1, 1),
  ], { rules: ['R0102', 'P0304'] }),

  seg('SV3', 'Dental Service', S, 1, [
    procedure('Composite Medical Procedure Identifier', ['AD'], R),
    el('782', 'Service Line Amount', S, 'R', 1, 18),
    nu('1331', 'Facility Code Value', 'AN', 1, 2),
    comp('C006', 'Oral Cavity Designation', S, [
      el('1361', 'Oral Cavity Designation Code', R, 'ID', 1, 3),
      el('1361', 'Oral Cavity Designation Code', S, 'ID', 1, 3),
      el('1361', 'Oral Cavity Designation Code', S, 'ID', 1, 3),
      el('1361', 'Oral Cavity Designation Code', S, 'ID', 1, 3),
      el('1361', 'Oral Cavity Designation Code', S, 'ID', 1, 3),
    ]),
    el('1358', 'Prosthesis, Crown or Inlay Code', S, 'ID', 1, 1, ['I', 'R']),
    el('380', 'Service Unit Count', S, 'R', 1, 15),
    el('352', 'Description', S, 'AN', 1, 80),
  ]),

  seg('TOO', 'Tooth Information', S, 32, [
    el('1270', 'Code List Qualifier Code', R, 'ID', 1, 3, ['JP']),
    el('1271', 'Tooth Code', R, 'AN', 1, 30),
    comp('C005', 'Tooth Surface', S, [
      el('1369', 'Tooth Surface Code', R, 'ID', 1, 2, ['B', 'D', 'F', 'I', 'L', 'M', 'O']),
      el('1369', 'Tooth Surface Code', S, 'ID', 1, 2, ['B', 'D', 'F', 'I', 'L', 'M', 'O']),
      el('1369', 'Tooth Surface Code', S, 'ID', 1, 2, ['B', 'D', 'F', 'I', 'L', 'M', 'O']),
      el('1369', 'Tooth Surface Code', S, 'ID', 1, 2, ['B', 'D', 'F', 'I', 'L', 'M', 'O']),
      el('1369', 'Tooth Surface Code', S, 'ID', 1, 2, ['B', 'D', 'F', 'I', 'L', 'M', 'O']),
    ]),
  ]),

  hsd(),
  pwk('Additional Service Information'),
  msg(),
  LOOP_2010FA,
  LOOP_2010FB,
]);

const LOOP_2010EC = loop('2010EC', 'Patient Event Transport Information', S, 5, [
  seg('NM1', 'Patient Event Transport Information', R, 1, [
    el('98', 'Entity Identifier Code', R, 'ID', 2, 3, ['45', 'FS', 'ND', 'PW', 'R3']),
    el('1065', 'Entity Type Qualifier', R, 'ID', 1, 1, ['2']),
    el('1035', 'Patient Event Transport Location Name', S, 'AN', 1, 60),
  ], { rules: ['P0809', 'C1110', 'C1203'] }),

  seg('N3', 'Patient Event Transport Location Address', R, 1, [
    el('166', 'Patient Event Transport Location Address Line', R, 'AN', 1, 55),
    el('166', 'Patient Event Transport Location Address Line', S, 'AN', 1, 55),
  ]),

  seg('N4', 'Patient Event Transport Location City, State, ZIP Code', R, 1, [
    el('19', 'Patient Event Transport Location City Name', S, 'AN', 2, 30),
    el('156', 'Patient Event Transport Location State or Province Code', S, 'ID', 2, 2),
    el('116', 'Patient Event Transport Location Postal Zone or ZIP Code', S, 'ID', 3, 15),
  ], { rules: ['E0207', 'C0605', 'C0704'] }),

  aaa('Patient Event Transport Location Request Validation'),
]);

const LOOP_2010EB = contactLoop('2010EB', 'Additional Patient Information Contact Name', 'Additional Patient Information Contact');

const LOOP_2010EA = loop('2010EA', 'Patient Event Provider Name', S, 12, [
  nm1('Patient Event Provider Name', 'Patient Event Provider', ['1T', '71', '72', '73', 'AAJ', 'DD', 'DK', 'DN', 'FA', 'G3', 'P3', 'QB', 'QV', 'SJ'], ['1', '2'], ['24', '34', '46', 'XX'], S),
  ref('Patient Event Provider Supplemental Information', 7, PROVIDER_REF_CODES, 'Patient Event Provider Supplemental Identifier', true),
  n3('Patient Event Provider Address', 'Patient Event Provider'),
  n4('Patient Event Provider City, State, ZIP Code', 'Patient Event Provider'),
  per('Patient Event Provider Contact Information', 'Patient Event Provider'),
  aaa('Patient Event Provider Request Validation'),
  prv('Patient Event Provider Information'),
]);

const LOOP_2000E = loop('2000E', 'Patient Event Level', S, 1, [
  hl('Patient Event Level', 'EV', ['0', '1'], true),
  trn('Patient Event Tracking Number'),
  aaa('Patient Event Request Validation'),
  um('Health Care Services Review Information', S, ['AR', 'HS', 'IN', 'SC'], true),
  hcr(),
  ref('Administrative Reference Number', 1, ['NT'], 'Administrative Reference Number'),
  ref('Previous Review Authorization Number', 1, ['BB'], 'Previous Review Authorization Number'),
  dtp('Accident Date', '439', ['D8'], 'Accident Date'),
  dtp('Last Menstrual Period Date', '484', ['D8'], 'Last Menstrual Period Date'),
  dtp('Estimated Date of Birth', 'ABC', ['D8'], 'Estimated Birth Date'),
  dtp('Onset of Current Symptoms or Illness Date', '431', ['D8'], 'Onset Date'),
  dtp('Event Date', 'AAH', ['D8', 'RD8'], 'Proposed or Actual Event Date'),
  dtp('Admission Date', '435', ['D8', 'RD8'], 'Proposed or Actual Admission Date'),
  dtp('Discharge Date', '096', ['D8'], 'Proposed or Actual Discharge Date'),
  ...certificationDates(),

  seg('HI', 'Patient Diagnosis', S, 1, [
    hiCode(R), hiCode(S), hiCode(S), hiCode(S), hiCode(S), hiCode(S),
    hiCode(S), hiCode(S), hiCode(S), hiCode(S), hiCode(S), hiCode(S),
  ]),

  hsd(),

  seg('CL1', 'Institutional Claim Code', S, 1, [
    el('1315', 'Admission Type Code', S, 'ID', 1, 1),
    el('1314', 'Admission Source Code', S, 'ID', 1, 1),
    el('1352', 'Patient Status Code', S, 'ID', 1, 2),
    el('1345', 'Nursing Home Residential Status Code', S, 'ID', 1, 1),
  ]),

  // Not in the Madjic model, but the TR3's non-emergency transportation response example carries it.
  seg('CR1', 'Ambulance Transport Information', S, 1, [
    el('355', 'Unit or Basis for Measurement Code', S, 'ID', 2, 2, ['LB']),
    el('81', 'Patient Weight', S, 'R', 1, 10),
    el('1316', 'Ambulance Transport Code', R, 'ID', 1, 1, ['I', 'R', 'T', 'X']),
    el('1317', 'Ambulance Transport Reason Code', S, 'ID', 1, 1, ['A', 'B', 'C', 'D', 'E']),
    el('355', 'Unit or Basis for Measurement Code', S, 'ID', 2, 2, ['DH']),
    el('380', 'Transport Distance', S, 'R', 1, 15),
    nu('166', 'Address Information', 'AN', 1, 55),
    nu('166', 'Address Information', 'AN', 1, 55),
    el('352', 'Round Trip Purpose Description', S, 'AN', 1, 80),
    el('352', 'Stretcher Purpose Description', S, 'AN', 1, 80),
  ], { rules: ['P0102', 'P0506'] }),

  seg('CR2', 'Spinal Manipulation Service Information', S, 1, [
    el('609', 'Treatment Series Number', S, 'N0', 1, 9),
    el('380', 'Treatment Count', S, 'R', 1, 15),
    el('1367', 'Subluxation Level Code', S, 'ID', 2, 3),
    el('1367', 'Subluxation Level Code', S, 'ID', 2, 3),
    nu('355', 'Unit or Basis for Measurement Code', 'ID', 2, 2),
    nu('380', 'Quantity', 'R', 1, 15),
    nu('380', 'Quantity', 'R', 1, 15),
    el('1342', 'Patient Condition Code', R, 'ID', 1, 1, ['A', 'C', 'D', 'E', 'F', 'G', 'M']),
    el('1073', 'Complication Indicator', R, 'ID', 1, 1, ['N', 'Y']),
    el('352', 'Patient Condition Description', S, 'AN', 1, 80),
    el('352', 'Patient Condition Description', S, 'AN', 1, 80),
    el('1073', 'X-ray Availability Indicator', S, 'ID', 1, 1, ['N', 'Y']),
  ], { rules: ['P0102', 'C0403', 'P0506'] }),

  seg('CR6', 'Home Health Care Information', S, 1, [
    el('923', 'Prognosis Code', R, 'ID', 1, 1, ['1', '2', '3', '4', '5', '6', '7', '8']),
    el('373', 'Home Health Start Date', R, 'DT', 8, 8),
    el('1250', 'Date Time Period Format Qualifier', S, 'ID', 2, 3, ['RD8']),
    el('1251', 'Home Health Certification Period', S, 'AN', 1, 35),
    nu('373', 'Date', 'DT', 8, 8),
    nu('1073', 'Yes/No Condition or Response Code', 'ID', 1, 1),
    el('1073', 'Medicare Coverage Indicator', R, 'ID', 1, 1, ['N', 'U', 'W', 'Y']),
    el('1322', 'Certification Type Code', R, 'ID', 1, 1, ['I', 'R', 'S']),
    el('373', 'Surgery Date', S, 'DT', 8, 8),
    el('235', 'Product or Service ID Qualifier', S, 'ID', 2, 2),
    el('234', 'Surgical Procedure Code', S, 'AN', 1, 48),
    el('373', 'Physician Order Date', S, 'DT', 8, 8),
    el('373', 'Last Visit Date', S, 'DT', 8, 8),
    el('373', 'Physician Contact Date', S, 'DT', 8, 8),
    el('1250', 'Date Time Period Format Qualifier', S, 'ID', 2, 3, ['RD8']),
    el('1251', 'Last Admission Period', S, 'AN', 1, 35),
    el('1384', 'Patient Location Code', S, 'ID', 1, 1),
  ], { rules: ['P0304', 'P1516'] }),

  pwk('Additional Patient Information'),
  msg(),
  LOOP_2010EA,
  LOOP_2010EB,
  LOOP_2010EC,
  LOOP_2000F,
]);

const LOOP_2010D = loop('2010D', 'Dependent Name', R, 1, [
  nm1('Dependent Name', 'Dependent', ['QC'], ['1'], null, S),
  ref('Dependent Supplemental Identification', 3, MEMBER_REF_CODES, 'Dependent Supplemental Identifier'),
  n3('Dependent Address', 'Dependent'),
  n4('Dependent City, State, ZIP Code', 'Dependent'),
  aaa('Dependent Request Validation'),
  dmg('Dependent Demographic Information', 'Dependent'),
  ins('Dependent Relationship', 'N', ['01', '19', '20', '21', '39', '40', '53', 'G8']),
]);

// Required when the patient is a dependent of the subscriber and has no unique member ID.
const LOOP_2000D = loop('2000D', 'Dependent Level', S, 1, [
  hl('Dependent Level', '23', ['0', '1'], true),
  LOOP_2010D,
  LOOP_2000E,
]);

const LOOP_2010C = loop('2010C', 'Subscriber Name', R, 1, [
  nm1('Subscriber Name', 'Subscriber', ['IL'], ['1'], ['MI'], R),
  ref('Subscriber Supplemental Identification', 9, MEMBER_REF_CODES, 'Subscriber Supplemental Identifier'),
  n3('Subscriber Mailing Address', 'Subscriber'),
  n4('Subscriber City, State, ZIP Code', 'Subscriber'),
  aaa('Subscriber Request Validation'),
  dmg('Subscriber Demographic Information', 'Subscriber'),
  ins('Subscriber Relationship', 'Y', ['18']),
]);

// Required unless the request was rejected at the UMO or requester level.
const LOOP_2000C = loop('2000C', 'Subscriber Level', S, 1, [
  hl('Subscriber Level', '22', ['0', '1'], true),
  LOOP_2010C,
  LOOP_2000D,
  LOOP_2000E, // when the patient is the subscriber
]);

const LOOP_2010B = loop('2010B', 'Requester Name', R, 1, [
  nm1('Requester Name', 'Requester', ['1P', 'FA'], ['1', '2'], ['24', '34', '46', 'XX'], R),
  ref('Requester Supplemental Identification', 8, PROVIDER_REF_CODES, 'Requester Supplemental Identifier', true),
  aaa('Requester Request Validation'),
  prv('Requester Provider Information'),
]);

// Required unless the request was rejected at the UMO level.
const LOOP_2000B = loop('2000B', 'Requester Level', S, 1, [
  hl('Requester Level', '21', ['0', '1'], true),
  LOOP_2010B,
  LOOP_2000C,
]);

const LOOP_2010A = loop('2010A', 'Utilization Management Organization (UMO) Name', R, 1, [
  nm1('Utilization Management Organization (UMO) Name', 'Utilization Management Organization (UMO)', ['2B', 'FA', 'PR', 'X3'], ['1', '2'], ['24', '34', '46', 'PI', 'XV', 'XX'], R),

  seg('PER', 'Utilization Management Organization (UMO) Contact Information', S, 3, [
    el('366', 'Contact Function Code', R, 'ID', 2, 2, ['IC']),
    el('93', 'UMO Contact Name', S, 'AN', 1, 60),
    el('365', 'Communication Number Qualifier', S, 'ID', 2, 2, ['EM', 'FX', 'TE', 'UR']),
    el('364', 'UMO Contact Communication Number', S, 'AN', 1, 256),
    el('365', 'Communication Number Qualifier', S, 'ID', 2, 2, ['EM', 'EX', 'FX', 'TE', 'UR']),
    el('364', 'UMO Contact Communication Number', S, 'AN', 1, 256),
    el('365', 'Communication Number Qualifier', S, 'ID', 2, 2, ['EM', 'EX', 'FX', 'TE', 'UR']),
    el('364', 'UMO Contact Communication Number', S, 'AN', 1, 256),
  ], { rules: ['P0304', 'P0506', 'P0708'] }),

  aaa('Utilization Management Organization (UMO) Request Validation'),
]);

const LOOP_2000A = loop('2000A', 'Utilization Management Organization (UMO) Level', R, 1, [
  hl('Utilization Management Organization (UMO) Level', '20', ['0', '1'], false),
  aaa('Request Validation'),
  LOOP_2010A,
  LOOP_2000B,
]);

export const X217_278_RESPONSE: GuideDef = guide({
  id: GUIDE_ID,
  set: '278',
  functionalId: 'HI',
  name: 'Health Care Services Review - Response',
  discriminator: { segment: 'BHT', element: 2, values: ['11'] },
  root: loop('ST', 'Transaction Set', R, 1, [
    st('278', GUIDE_ID),

    seg('BHT', 'Beginning of Hierarchical Transaction', R, 1, [
      el('1005', 'Hierarchical Structure Code', R, 'ID', 4, 4, ['0007']),
      el('353', 'Transaction Set Purpose Code', R, 'ID', 2, 2, ['11']),
      el('127', 'Submitter Transaction Identifier', R, 'AN', 1, 50), // the request's BHT03, returned
      el('373', 'Transaction Set Creation Date', R, 'DT', 8, 8),
      el('337', 'Transaction Set Creation Time', R, 'TM', 4, 8),
      el('640', 'Transaction Type Code', S, 'ID', 2, 2), // left open: the TR3 examples carry 18, 19 and RU
    ]),

    LOOP_2000A,
    se(),
  ]),
});
