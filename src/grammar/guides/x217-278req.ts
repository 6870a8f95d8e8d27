/**
 * 005010X217 Health Care Services Review - Request for Review (278), ST01 278, GS01 HI, BHT02 13.
 *
 * No machine-readable X217 definition exists in pyx12 or stupidedi. This is written from the TR3 (loop and
 * segment layout, usage, max use, codes per use), cross-checked for loop and segment membership against two
 * public X217 object models (Madjic Transaction278_A1, WSO2 Ballerina X12_005010X217_278A1) and against the
 * TR3 examples in the public corpus; element types and lengths are the X12 dictionary's (pyx12 dataele.xml,
 * stupidedi element_defs.rb), syntax notes the 005010 standard's.
 * Where the sources disagree or the TR3 value list could not be confirmed, the definition is lenient (the
 * union of the candidate lists, or no list) so good files are not flagged; each such place says so.
 * External code lists (states, countries, postal codes, taxonomy, ICD/CPT/HCPCS/NDC codes, place of
 * service and bill type in UM04, NUBC admission codes in CL1) are left without codes.
 */
import { INF, R, S, comp, el, guide, loop, nu, seg } from '../dsl.js';
import { se, st } from '../common.js';
import type { GuideDef, LoopDef, SegmentDef, Usage } from '../types.js';
import { dmg, dtp, GUIDE_ID, hiCode, hl, hsd, ins, MEMBER_REF_CODES, msg, n3, n4, nm1, per, procedure, PROVIDER_REF_CODES, prv, pwk, ref, um } from './x217-278-common.js';

// Segment shapes used by several loops. Each takes the names and codes that differ, so every use still
// reads as the TR3 table does.

function trn(name: string): SegmentDef {
  return seg('TRN', name, S, 1, [
    el('481', 'Trace Type Code', R, 'ID', 1, 2, ['1']),
    el('127', 'Trace Number', R, 'AN', 1, 50),
    el('509', 'Trace Assigning Entity Identifier', R, 'AN', 10, 10),
    el('127', 'Trace Assigning Entity Additional Identifier', S, 'AN', 1, 50),
  ]);
}

function crc(name: string, category: string, conditions?: readonly string[]): SegmentDef {
  // CRC03..CRC07 condition codes: the TR3 list is given only where it could be confirmed.
  return seg('CRC', name, S, 1, [
    el('1136', 'Code Category', R, 'ID', 2, 2, [category]),
    el('1073', 'Certification Condition Indicator', R, 'ID', 1, 1, ['N', 'Y']),
    el('1321', 'Condition Code', R, 'ID', 2, 3, conditions),
    el('1321', 'Condition Code', S, 'ID', 2, 3, conditions),
    el('1321', 'Condition Code', S, 'ID', 2, 3, conditions),
    el('1321', 'Condition Code', S, 'ID', 2, 3, conditions),
    el('1321', 'Condition Code', S, 'ID', 2, 3, conditions),
  ]);
}

// Loops are declared inner-first so each can be nested into its parent; the tree order is the TR3's.

const LOOP_2010F = loop('2010F', 'Service Provider Name', S, 3, [
  nm1('Service Provider Name', 'Service Provider', ['1T', 'FA', 'SJ'], ['1', '2'], ['24', '34', '46', 'XX'], S),
  ref('Service Provider Supplemental Identification', 7, PROVIDER_REF_CODES, 'Service Provider Supplemental Identifier', true),
  n3('Service Provider Address', 'Service Provider'),
  n4('Service Provider City, State, ZIP Code', 'Service Provider'),
  per('Service Provider Contact Information', 'Service Provider'),
  prv('Service Provider Information'),
]);

// Required when the review is requested for specific services (procedures, units, dates) under the event.
const LOOP_2000F = loop('2000F', 'Service Level', S, INF, [
  hl('Service Level', 'SS', ['0'], true),
  trn('Service Trace Number'),
  um('Health Care Services Review Information', S, ['HS', 'SC'], false), // the TR3 examples omit it when the event's UM covers the service
  ref('Previous Review Authorization Number', 1, ['BB'], 'Previous Review Authorization Number'),
  ref('Previous Review Administrative Reference Number', 1, ['NT'], 'Previous Administrative Reference Number'),
  dtp('Service Date', '472', ['D8', 'RD8'], 'Proposed or Actual Service Date'),

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
  LOOP_2010F,
]);

// Required when another UMO has already denied the service (e.g. the primary payer, for a secondary review).
const LOOP_2010EC = loop('2010EC', 'Patient Event Other UMO Name', S, 1, [
  seg('NM1', 'Patient Event Other UMO Name', R, 1, [
    el('98', 'Entity Identifier Code', R, 'ID', 2, 3, ['X3']),
    el('1065', 'Entity Type Qualifier', R, 'ID', 1, 1, ['2']),
    el('1035', 'Other UMO Name', S, 'AN', 1, 60),
  ], { rules: ['P0809', 'C1110', 'C1203'] }),

  seg('REF', 'Other UMO Denial Reason', S, 1, [
    el('128', 'Reference Identification Qualifier', R, 'ID', 2, 3), // TR3 qualifier not confirmed; left open
    el('127', 'Other UMO Denial Reason', R, 'AN', 1, 50),
  ], { rules: ['R0203'] }),

  seg('DTP', 'Other UMO Denial Date', S, 1, [
    el('374', 'Date Time Qualifier', R, 'ID', 3, 3), // TR3 qualifier not confirmed; left open
    el('1250', 'Date Time Period Format Qualifier', R, 'ID', 2, 3, ['D8']),
    el('1251', 'Other UMO Denial Date', R, 'AN', 1, 35),
  ]),
]);

// Required for ambulance and non-emergency transport requests: pick-up, next, drop-off and final locations.
const LOOP_2010EB = loop('2010EB', 'Patient Event Transport Information', S, 5, [
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
]);

const LOOP_2010EA = loop('2010EA', 'Patient Event Provider Name', S, 12, [
  nm1('Patient Event Provider Name', 'Patient Event Provider', ['1T', '71', '72', '73', 'AAJ', 'DD', 'DK', 'DN', 'FA', 'G3', 'P3', 'QB', 'QV', 'SJ'], ['1', '2'], ['24', '34', '46', 'XX'], S),
  ref('Patient Event Provider Supplemental Information', 7, PROVIDER_REF_CODES, 'Patient Event Provider Supplemental Identifier', true),
  n3('Patient Event Provider Address', 'Patient Event Provider'),
  n4('Patient Event Provider City, State, ZIP Code', 'Patient Event Provider'),
  per('Patient Event Provider Contact Information', 'Patient Event Provider'),
  prv('Patient Event Provider Information'),
]);

function loop2000E(usage: Usage): LoopDef {
  return loop('2000E', 'Patient Event Level', usage, 1, [
    hl('Patient Event Level', 'EV', ['0', '1'], true),
    trn('Patient Event Tracking Number'),
    um('Health Care Services Review Information', R, ['AR', 'HS', 'IN', 'SC'], true),
    ref('Previous Review Authorization Number', 1, ['BB'], 'Previous Review Authorization Number'),
    ref('Previous Review Administrative Reference Number', 1, ['NT'], 'Previous Administrative Reference Number'),
    dtp('Accident Date', '439', ['D8'], 'Accident Date'),
    dtp('Last Menstrual Period Date', '484', ['D8'], 'Last Menstrual Period Date'),
    dtp('Estimated Date of Birth', 'ABC', ['D8'], 'Estimated Birth Date'),
    dtp('Onset of Current Symptoms or Illness Date', '431', ['D8'], 'Onset Date'),
    dtp('Event Date', 'AAH', ['D8', 'RD8'], 'Proposed or Actual Event Date'),
    dtp('Admission Date', '435', ['D8', 'RD8'], 'Proposed or Actual Admission Date'),
    dtp('Discharge Date', '096', ['D8'], 'Proposed or Actual Discharge Date'),

    seg('HI', 'Patient Diagnosis', S, 1, [
      hiCode(R), hiCode(S), hiCode(S), hiCode(S), hiCode(S), hiCode(S),
      hiCode(S), hiCode(S), hiCode(S), hiCode(S), hiCode(S), hiCode(S),
    ]),

    hsd(),
    crc('Ambulance Certification Information', '07', ['01', '04', '05', '06', '07', '08', '09', '12']),
    crc('Chiropractic Certification Information', '08'),
    crc('Durable Medical Equipment Information', '09'),
    crc('Oxygen Therapy Certification Information', '11'),
    crc('Functional Limitations Information', '75'),
    crc('Activities Permitted Information', '76'),
    crc('Mental Status Information', '77'),

    seg('CL1', 'Institutional Claim Code', S, 1, [
      el('1315', 'Admission Type Code', S, 'ID', 1, 1),
      el('1314', 'Admission Source Code', S, 'ID', 1, 1),
      el('1352', 'Patient Status Code', S, 'ID', 1, 2),
      el('1345', 'Nursing Home Residential Status Code', S, 'ID', 1, 1),
    ]),

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

    // In the Ballerina model, not in the Madjic one: kept as situational.
    seg('CR5', 'Home Oxygen Therapy Information', S, 1, [
      nu('1322', 'Certification Type Code', 'ID', 1, 1),
      nu('380', 'Quantity', 'R', 1, 15),
      el('1348', 'Oxygen Equipment Type Code', R, 'ID', 1, 1),
      el('1348', 'Oxygen Equipment Type Code', S, 'ID', 1, 1),
      el('352', 'Equipment Reason Description', S, 'AN', 1, 80),
      el('380', 'Oxygen Flow Rate', R, 'R', 1, 15),
      el('380', 'Daily Oxygen Use Count', S, 'R', 1, 15),
      el('380', 'Oxygen Use Period Hour Count', S, 'R', 1, 15),
      el('352', 'Respiratory Therapist Order Text', S, 'AN', 1, 80),
      el('380', 'Arterial Blood Gas Quantity', S, 'R', 1, 15),
      el('380', 'Oxygen Saturation Quantity', S, 'R', 1, 15),
      el('1349', 'Oxygen Test Condition Code', S, 'ID', 1, 1),
      el('1350', 'Oxygen Test Findings Code', S, 'ID', 1, 1),
      el('1350', 'Oxygen Test Findings Code', S, 'ID', 1, 1),
      el('1350', 'Oxygen Test Findings Code', S, 'ID', 1, 1),
      el('380', 'Portable Oxygen System Flow Rate', S, 'R', 1, 15),
      el('1382', 'Oxygen Delivery System Code', R, 'ID', 1, 1),
      el('1348', 'Oxygen Equipment Type Code', S, 'ID', 1, 1),
    ]),

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
}

const LOOP_2010D = loop('2010D', 'Dependent Name', R, 1, [
  nm1('Dependent Name', 'Dependent', ['QC'], ['1'], null, S),
  ref('Dependent Supplemental Identification', 3, MEMBER_REF_CODES, 'Dependent Supplemental Identifier'),
  n3('Dependent Address', 'Dependent'),
  n4('Dependent City, State, ZIP Code', 'Dependent'),
  dmg('Dependent Demographic Information', 'Dependent'),
  ins('Dependent Relationship', 'N', ['01', '19', '20', '21', '39', '40', '53', 'G8']),
]);

// Required when the patient is a dependent of the subscriber and has no unique member ID.
const LOOP_2000D = loop('2000D', 'Dependent Level', S, 1, [
  hl('Dependent Level', '23', ['1'], true),
  LOOP_2010D,
  loop2000E(R),
]);

const LOOP_2010C = loop('2010C', 'Subscriber Name', R, 1, [
  nm1('Subscriber Name', 'Subscriber', ['IL'], ['1'], ['MI'], R),
  ref('Subscriber Supplemental Identification', 9, MEMBER_REF_CODES, 'Subscriber Supplemental Identifier'),
  n3('Subscriber Address', 'Subscriber'),
  n4('Subscriber City, State, ZIP Code', 'Subscriber'),
  dmg('Subscriber Demographic Information', 'Subscriber'),
  ins('Subscriber Relationship', 'Y', ['18']),
]);

const LOOP_2000C = loop('2000C', 'Subscriber Level', R, 1, [
  hl('Subscriber Level', '22', ['1'], true),
  LOOP_2010C,
  LOOP_2000D,
  loop2000E(S), // when the patient is the subscriber
]);

const LOOP_2010B = loop('2010B', 'Requester Name', R, 1, [
  nm1('Requester Name', 'Requester', ['1P', 'FA'], ['1', '2'], ['24', '34', '46', 'XX'], R),
  ref('Requester Supplemental Identification', 8, PROVIDER_REF_CODES, 'Requester Supplemental Identifier', true),
  n3('Requester Address', 'Requester'),
  n4('Requester City, State, ZIP Code', 'Requester'),
  per('Requester Contact Information', 'Requester'),
  prv('Requester Provider Information'),
]);

const LOOP_2000B = loop('2000B', 'Requester Level', R, 1, [
  hl('Requester Level', '21', ['1'], true),
  LOOP_2010B,
  LOOP_2000C,
]);

const LOOP_2010A = loop('2010A', 'Utilization Management Organization (UMO) Name', R, 1, [
  nm1('Utilization Management Organization (UMO) Name', 'Utilization Management Organization (UMO)', ['2B', 'FA', 'PR', 'X3'], ['1', '2'], ['24', '34', '46', 'PI', 'XV', 'XX'], R),
]);

const LOOP_2000A = loop('2000A', 'Utilization Management Organization (UMO) Level', R, 1, [
  hl('Utilization Management Organization (UMO) Level', '20', ['1'], false),
  LOOP_2010A,
  LOOP_2000B,
]);

export const X217_278_REQUEST: GuideDef = guide({
  id: GUIDE_ID,
  set: '278',
  functionalId: 'HI',
  name: 'Health Care Services Review - Request for Review',
  discriminator: { segment: 'BHT', element: 2, values: ['01', '13'] },
  root: loop('ST', 'Transaction Set', R, 1, [
    st('278', GUIDE_ID),

    seg('BHT', 'Beginning of Hierarchical Transaction', R, 1, [
      el('1005', 'Hierarchical Structure Code', R, 'ID', 4, 4, ['0007']),
      el('353', 'Transaction Set Purpose Code', R, 'ID', 2, 2, ['01', '13']), // 01 cancels an earlier request
      el('127', 'Submitter Transaction Identifier', R, 'AN', 1, 50),
      el('373', 'Transaction Set Creation Date', R, 'DT', 8, 8),
      el('337', 'Transaction Set Creation Time', R, 'TM', 4, 8),
      el('640', 'Transaction Type Code', S, 'ID', 2, 2, ['RU']), // RU: medical services reservation
    ]),

    LOOP_2000A,
    se(),
  ]),
});
