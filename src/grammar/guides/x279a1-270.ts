/**
 * 005010X279A1 Health Care Eligibility Benefit Inquiry (270), ST01 270, GS01 HS.
 *
 * Transcribed from the stupidedi definition X279A1-HS270.rb (loop/segment/element structure, usage, max
 * use, codes per use), with element types and lengths from the X12 dictionary (pyx12 dataele.xml) and
 * repeats and syntax notes from the 005010 standard. Where stupidedi departs from the TR3 the TR3 is
 * followed: the HL levels are nested (2000B in 2000A, 2000C in 2000B, 2000D in 2000C) rather than laid
 * out as separate tables, EQ is required inside 2110C (the loop is situational), and EQ01 carries one
 * service type code list (the union of the lists stupidedi gives its 2110C and 2110D uses, which differ
 * only by CC and GY).
 * External code lists (states, countries, postal codes, taxonomy, ICD diagnosis, CPT/HCPCS procedures,
 * III02 place of service) are left without codes.
 */
import { INF, R, S, comp, el, guide, loop, nu, seg } from '../dsl.js';
import { n4 as n4Segment } from '../segments.js';
import { se, st } from '../common.js';
import type { GuideDef, SegmentDef, SimpleElementDef } from '../types.js';
import { GUIDE_ID, SERVICE_TYPE_CODES, PROVIDER_CODES, n3, hiCode } from './x279a1-common.js';

// Segment shapes that repeat between the subscriber and the dependent levels. Each takes the names and
// codes that differ, so every use still reads as the TR3 table does.

function trn(name: string): SegmentDef {
  // Required when the information receiver wants a trace number returned in the 271.
  return seg('TRN', name, S, 2, [
    el('481', 'Trace Type Code', R, 'ID', 1, 2, ['1']),
    el('127', 'Trace Number', R, 'AN', 1, 50),
    el('509', 'Trace Assigning Entity Identifier', R, 'AN', 10, 10),
    el('127', 'Trace Assigning Entity Additional Identifier', S, 'AN', 1, 50),
  ]);
}

function n4(name: string, who: string): SegmentDef {
  return n4Segment(name, S, { city: `${who} City Name`, state: `${who} State Code`, postal: `${who} Postal Zone or ZIP Code` });
}

function prv(): SegmentDef {
  // Required when the inquiry is about a specific provider's relationship to the patient.
  return seg('PRV', 'Provider Information', S, 1, [
    el('1221', 'Provider Code', R, 'ID', 1, 3, PROVIDER_CODES),
    el('128', 'Reference Identification Qualifier', S, 'ID', 2, 3, ['9K', 'D3', 'EI', 'HPI', 'PXC', 'SY', 'TJ']),
    el('127', 'Provider Identifier', S, 'AN', 1, 50),
  ], { rules: ['P0203'] });
}

function dmg(name: string, who: string): SegmentDef {
  // Required when the patient cannot be identified by the member ID alone (search options).
  return seg('DMG', name, S, 1, [
    el('1250', 'Date Time Period Format Qualifier', S, 'ID', 2, 3, ['D8']),
    el('1251', `${who} Birth Date`, S, 'AN', 1, 35),
    el('1068', `${who} Gender Code`, S, 'ID', 1, 1, ['F', 'M', 'U']),
  ], { rules: ['P0102', 'P1011', 'C1105'] });
}

/** INS03..INS16 are not used in the 270; INS17 carries the birth sequence of multiple births. */
function insNotUsed(): SimpleElementDef[] {
  return [
    nu('875', 'Maintenance Type Code', 'ID', 3, 3),
    nu('1203', 'Maintenance Reason Code', 'ID', 2, 3),
    nu('1216', 'Benefit Status Code', 'ID', 1, 1),
    nu('C052', 'Medicare Status Code'),
    nu('1219', 'Consolidated Omnibus Budget Reconciliation Act (COBRA) Qualifying', 'ID', 1, 2),
    nu('584', 'Employment Status Code', 'ID', 2, 2),
    nu('1220', 'Student Status Code', 'ID', 1, 1),
    nu('1073', 'Yes/No Condition or Response Code', 'ID', 1, 1),
    nu('1250', 'Date Time Period Format Qualifier', 'ID', 2, 3),
    nu('1251', 'Date Time Period', 'AN', 1, 35),
    nu('1165', 'Confidentiality Code', 'ID', 1, 1),
    nu('19', 'City Name', 'AN', 2, 30),
    nu('156', 'State or Province Code', 'ID', 2, 2),
    nu('26', 'Country Code', 'ID', 2, 3),
  ];
}

function hi(name: string): SegmentDef {
  // Required when the inquiry is about a specific diagnosis; HI01 principal, HI02..HI08 other diagnoses.
  return seg('HI', name, S, 1, [
    hiCode(R, ['ABK', 'BK']),
    hiCode(S, ['ABF', 'BF']),
    hiCode(S, ['ABF', 'BF']),
    hiCode(S, ['ABF', 'BF']),
    hiCode(S, ['ABF', 'BF']),
    hiCode(S, ['ABF', 'BF']),
    hiCode(S, ['ABF', 'BF']),
    hiCode(S, ['ABF', 'BF']),
  ]);
}

function dtp(name: string): SegmentDef {
  // Plan date (291) when not the date of the inquiry; issue date (102) of the identification card.
  return seg('DTP', name, S, 2, [
    el('374', 'Date Time Qualifier', R, 'ID', 3, 3, ['102', '291']),
    el('1250', 'Date Time Period Format Qualifier', R, 'ID', 2, 3, ['D8', 'RD8']),
    el('1251', 'Date Time Period', R, 'AN', 1, 35),
  ]);
}

function eq(name: string, coverageLevel: boolean): SegmentDef {
  return seg('EQ', name, R, 1, [
    el('1365', 'Service Type Code', S, 'ID', 1, 2, SERVICE_TYPE_CODES, 99),
    comp('C003', 'Composite Medical Procedure Identifier', S, [
      el('235', 'Product or Service ID Qualifier', R, 'ID', 2, 2, ['AD', 'CJ', 'HC', 'ID', 'IV', 'N4', 'ZZ']),
      el('234', 'Procedure Code', R, 'AN', 1, 48),
      el('1339', 'Procedure Modifier', S, 'AN', 2, 2),
      el('1339', 'Procedure Modifier', S, 'AN', 2, 2),
      el('1339', 'Procedure Modifier', S, 'AN', 2, 2),
      el('1339', 'Procedure Modifier', S, 'AN', 2, 2),
    ]),
    coverageLevel
      ? el('1207', 'Coverage Level Code', S, 'ID', 3, 3, ['FAM'])
      : nu('1207', 'Coverage Level Code', 'ID', 3, 3),
    nu('1336', 'Insurance Type Code', 'ID', 1, 3),
    comp('C004', 'Composite Diagnosis Code Pointer', S, [
      el('1328', 'Diagnosis Code Pointer', R, 'N0', 1, 2),
      el('1328', 'Diagnosis Code Pointer', S, 'N0', 1, 2),
      el('1328', 'Diagnosis Code Pointer', S, 'N0', 1, 2),
      el('1328', 'Diagnosis Code Pointer', S, 'N0', 1, 2),
    ]),
  ], { rules: ['R0102'] });
}

function iii(name: string): SegmentDef {
  // Required when the inquiry is about a specific place of service (III02: place of service code).
  return seg('III', name, S, 1, [
    el('1270', 'Code List Qualifier Code', R, 'ID', 1, 3, ['ZZ']),
    el('1271', 'Industry Code', R, 'AN', 1, 30),
  ], { rules: ['P0102'] });
}

function refPriorAuth(name: string): SegmentDef {
  return seg('REF', name, S, 1, [
    el('128', 'Reference Identification Qualifier', R, 'ID', 2, 3, ['9F', 'G1']),
    el('127', 'Prior Authorization or Referral Number', R, 'AN', 1, 50),
  ], { rules: ['R0203'] });
}

function dtpBenefit(name: string): SegmentDef {
  return seg('DTP', name, S, 1, [
    el('374', 'Date Time Qualifier', R, 'ID', 3, 3, ['291']),
    el('1250', 'Date Time Period Format Qualifier', R, 'ID', 2, 3, ['D8', 'RD8']),
    el('1251', 'Date Time Period', R, 'AN', 1, 35),
  ]);
}

// Loops are declared inner-first so each can be nested into its parent; the tree order is the TR3's.

const LOOP_2110D = loop('2110D', 'Dependent Eligibility or Benefit Inquiry', S, 99, [
  eq('Dependent Eligibility or Benefit Inquiry', false),
  iii('Dependent Eligibility or Benefit Additional Inquiry Information'),
  refPriorAuth('Dependent Additional Information'),
  dtpBenefit('Dependent Eligibility/Benefit Date'),
]);

const LOOP_2100D = loop('2100D', 'Dependent Name', R, 1, [
  seg('NM1', 'Dependent Name', R, 1, [
    el('98', 'Entity Identifier Code', R, 'ID', 2, 3, ['03']),
    el('1065', 'Entity Type Qualifier', R, 'ID', 1, 1, ['1']),
    el('1035', 'Dependent Last Name', S, 'AN', 1, 60),
    el('1036', 'Dependent First Name', S, 'AN', 1, 35),
    el('1037', 'Dependent Middle Name', S, 'AN', 1, 25),
    nu('1038', 'Name Prefix', 'AN', 1, 10),
    el('1039', 'Dependent Name Suffix', S, 'AN', 1, 10),
  ], { rules: ['P0809', 'C1110', 'C1203'] }),

  seg('REF', 'Dependent Additional Identification', S, 9, [
    el('128', 'Reference Identification Qualifier', R, 'ID', 2, 3, ['18', '1L', '1W', '6P', 'CT', 'EA', 'EJ', 'F6', 'GH', 'HJ', 'IF', 'IG', 'MRC', 'N6', 'SY', 'Y4']),
    el('127', 'Dependent Supplemental Identifier', R, 'AN', 1, 50),
  ], { rules: ['R0203'] }),

  n3('Dependent Address', 'Dependent'),
  n4('Dependent City, State, ZIP Code', 'Dependent'),
  prv(),
  dmg('Dependent Demographic Information', 'Dependent'),

  seg('INS', 'Dependent Relationship', S, 1, [
    el('1073', 'Insured Indicator', R, 'ID', 1, 1, ['N']),
    el('1069', 'Individual Relationship Code', R, 'ID', 2, 2, ['01', '19', '34']),
    ...insNotUsed(),
    el('1470', 'Birth Sequence Number', S, 'N0', 1, 9), // required for multiple births (twins, triplets ...)
  ], { rules: ['P1112'] }),

  hi('Dependent Health Care Diagnosis Code'),
  dtp('Dependent Date'),
  LOOP_2110D,
]);

// Required when the patient is not the subscriber and cannot be identified as a subscriber.
const LOOP_2000D = loop('2000D', 'Dependent Level', S, INF, [
  seg('HL', 'Dependent Level', R, 1, [
    el('628', 'Hierarchical ID Number', R, 'AN', 1, 12),
    el('734', 'Hierarchical Parent ID Number', R, 'AN', 1, 12),
    el('735', 'Hierarchical Level Code', R, 'ID', 1, 2, ['23']),
    el('736', 'Hierarchical Child Code', R, 'ID', 1, 1, ['0']),
  ], { qualifier: { element: 3 } }),

  trn('Dependent Trace Number'),
  LOOP_2100D,
]);

// Required when the subscriber is the patient (the dependent level carries the inquiry otherwise).
const LOOP_2110C = loop('2110C', 'Subscriber Eligibility or Benefit Inquiry', S, 99, [
  eq('Subscriber Eligibility or Benefit Inquiry', true),

  seg('AMT', 'Subscriber Spend Down Amount', S, 1, [
    el('522', 'Amount Qualifier Code', R, 'ID', 1, 3, ['R']),
    el('782', 'Spend Down Amount', R, 'R', 1, 18),
  ]),

  seg('AMT', 'Subscriber Spend Down Total Billed Amount', S, 1, [
    el('522', 'Amount Qualifier Code', R, 'ID', 1, 3, ['PB']),
    el('782', 'Spend Down Total Billed Amount', R, 'R', 1, 18),
  ]),

  iii('Subscriber Eligibility or Benefit Additional Inquiry Information'),
  refPriorAuth('Subscriber Additional Information'),
  dtpBenefit('Subscriber Eligibility/Benefit Date'),
]);

const LOOP_2100C = loop('2100C', 'Subscriber Name', R, 1, [
  seg('NM1', 'Subscriber Name', R, 1, [
    el('98', 'Entity Identifier Code', R, 'ID', 2, 3, ['IL']),
    el('1065', 'Entity Type Qualifier', R, 'ID', 1, 1, ['1', '2']),
    el('1035', 'Subscriber Last Name', S, 'AN', 1, 60),
    el('1036', 'Subscriber First Name', S, 'AN', 1, 35),
    el('1037', 'Subscriber Middle Name or Initial', S, 'AN', 1, 25),
    nu('1038', 'Name Prefix', 'AN', 1, 10),
    el('1039', 'Subscriber Name Suffix', S, 'AN', 1, 10),
    el('66', 'Identification Code Qualifier', S, 'ID', 1, 2, ['II', 'MI']),
    el('67', 'Subscriber Primary Identifier', S, 'AN', 2, 80),
  ], { rules: ['P0809', 'C1110', 'C1203'] }),

  seg('REF', 'Subscriber Additional Identification', S, 9, [
    el('128', 'Reference Identification Qualifier', R, 'ID', 2, 3, ['18', '1L', '1W', '3H', '6P', 'CT', 'EA', 'EJ', 'F6', 'GH', 'HJ', 'IG', 'N6', 'NQ', 'SY', 'Y4']),
    el('127', 'Subscriber Supplemental Identifier', R, 'AN', 1, 50),
  ], { rules: ['R0203'] }),

  n3('Subscriber Address', 'Subscriber'),
  n4('Subscriber City, State, ZIP Code', 'Subscriber'),
  prv(),
  dmg('Subscriber Demographic Information', 'Subscriber'),

  // Required for multiple births, to identify which of the children the inquiry is about.
  seg('INS', 'Multiple Birth Sequence Number', S, 1, [
    el('1073', 'Insured Indicator', R, 'ID', 1, 1, ['Y']),
    el('1069', 'Individual Relationship Code', R, 'ID', 2, 2, ['18']),
    ...insNotUsed(),
    el('1470', 'Birth Sequence Number', R, 'N0', 1, 9),
  ], { rules: ['P1112'] }),

  hi('Subscriber Health Care Diagnosis Code'),
  dtp('Subscriber Date'),
  LOOP_2110C,
]);

const LOOP_2000C = loop('2000C', 'Subscriber Level', R, INF, [
  seg('HL', 'Subscriber Level', R, 1, [
    el('628', 'Hierarchical ID Number', R, 'AN', 1, 12),
    el('734', 'Hierarchical Parent ID Number', R, 'AN', 1, 12),
    el('735', 'Hierarchical Level Code', R, 'ID', 1, 2, ['22']),
    el('736', 'Hierarchical Child Code', R, 'ID', 1, 1, ['0', '1']),
  ], { qualifier: { element: 3 } }),

  trn('Subscriber Trace Number'),
  LOOP_2100C,
  LOOP_2000D,
]);

const LOOP_2100B = loop('2100B', 'Information Receiver Name', R, 1, [
  seg('NM1', 'Information Receiver Name', R, 1, [
    el('98', 'Entity Identifier Code', R, 'ID', 2, 3, ['1P', '2B', '36', '80', 'FA', 'GP', 'P5', 'PR']),
    el('1065', 'Entity Type Qualifier', R, 'ID', 1, 1, ['1', '2']),
    el('1035', 'Information Receiver Last or Organization Name', R, 'AN', 1, 60),
    el('1036', 'Information Receiver First Name', S, 'AN', 1, 35),
    el('1037', 'Information Receiver Middle Name', S, 'AN', 1, 25),
    nu('1038', 'Name Prefix', 'AN', 1, 10),
    el('1039', 'Information Receiver Name Suffix', S, 'AN', 1, 10),
    el('66', 'Identification Code Qualifier', R, 'ID', 1, 2, ['24', '34', 'FI', 'PI', 'PP', 'SV', 'XV', 'XX']),
    el('67', 'Information Receiver Identification Number', R, 'AN', 2, 80),
  ], { rules: ['P0809', 'C1110', 'C1203'] }),

  seg('REF', 'Information Receiver Additional Identification', S, 9, [
    el('128', 'Reference Identification Qualifier', R, 'ID', 2, 3, ['0B', '1C', '1D', '1J', '4A', 'CT', 'EL', 'EO', 'HPI', 'JD', 'N5', 'N7', 'Q4', 'SY', 'TJ']),
    el('127', 'Information Receiver Additional Identifier', R, 'AN', 1, 50),
    el('352', 'Information Receiver Additional Identifier State', S, 'AN', 1, 80), // state code, with REF01 0B
  ], { rules: ['R0203'] }),

  n3('Information Receiver Address', 'Information Receiver'),
  n4('Information Receiver City, State, ZIP Code', 'Information Receiver'),

  seg('PRV', 'Information Receiver Provider Information', S, 1, [
    el('1221', 'Provider Code', R, 'ID', 1, 3, ['AD', 'AT', 'BI', 'CO', 'CV', 'H', 'HH', 'LA', 'OT', 'P1', 'P2', 'PC', 'PE', 'R', 'RF', 'SB', 'SK', 'SU']),
    el('128', 'Reference Identification Qualifier', S, 'ID', 2, 3, ['PXC']),
    el('127', 'Information Receiver Provider Taxonomy Code', S, 'AN', 1, 50),
  ], { rules: ['P0203'] }),
]);

const LOOP_2000B = loop('2000B', 'Information Receiver Level', R, INF, [
  seg('HL', 'Information Receiver Level', R, 1, [
    el('628', 'Hierarchical ID Number', R, 'AN', 1, 12),
    el('734', 'Hierarchical Parent ID Number', R, 'AN', 1, 12),
    el('735', 'Hierarchical Level Code', R, 'ID', 1, 2, ['21']),
    el('736', 'Hierarchical Child Code', R, 'ID', 1, 1, ['1']),
  ], { qualifier: { element: 3 } }),

  LOOP_2100B,
  LOOP_2000C,
]);

const LOOP_2100A = loop('2100A', 'Information Source Name', R, 1, [
  seg('NM1', 'Information Source Name', R, 1, [
    el('98', 'Entity Identifier Code', R, 'ID', 2, 3, ['2B', '36', 'GP', 'P5', 'PR']),
    el('1065', 'Entity Type Qualifier', R, 'ID', 1, 1, ['1', '2']),
    el('1035', 'Information Source Last or Organization Name', R, 'AN', 1, 60),
    el('1036', 'Information Source First Name', S, 'AN', 1, 35),
    el('1037', 'Information Source Middle Name', S, 'AN', 1, 25),
    nu('1038', 'Name Prefix', 'AN', 1, 10),
    el('1039', 'Information Source Name Suffix', S, 'AN', 1, 10),
    el('66', 'Identification Code Qualifier', R, 'ID', 1, 2, ['24', '46', 'FI', 'NI', 'PI', 'XV', 'XX']),
    el('67', 'Information Source Primary Identifier', R, 'AN', 2, 80),
  ], { rules: ['P0809', 'C1110', 'C1203'] }),
]);

const LOOP_2000A = loop('2000A', 'Information Source Level', R, INF, [
  seg('HL', 'Information Source Level', R, 1, [
    el('628', 'Hierarchical ID Number', R, 'AN', 1, 12),
    nu('734', 'Hierarchical Parent ID Number', 'AN', 1, 12),
    el('735', 'Hierarchical Level Code', R, 'ID', 1, 2, ['20']),
    el('736', 'Hierarchical Child Code', R, 'ID', 1, 1, ['1']),
  ], { qualifier: { element: 3 } }),

  LOOP_2100A,
  LOOP_2000B,
]);

export const X279A1_270: GuideDef = guide({
  id: GUIDE_ID,
  set: '270',
  functionalId: 'HS',
  name: 'Health Care Eligibility Benefit Inquiry',
  root: loop('ST', 'Transaction Set', R, 1, [
    st('270', GUIDE_ID),

    seg('BHT', 'Beginning of Hierarchical Transaction', R, 1, [
      el('1005', 'Hierarchical Structure Code', R, 'ID', 4, 4, ['0022']),
      el('353', 'Transaction Set Purpose Code', R, 'ID', 2, 2, ['01', '13']),
      el('127', 'Submitter Transaction Identifier', S, 'AN', 1, 50),
      el('373', 'Transaction Set Creation Date', R, 'DT', 8, 8),
      el('337', 'Transaction Set Creation Time', R, 'TM', 4, 8),
      el('640', 'Transaction Type Code', S, 'ID', 2, 2, ['RT']), // RT: real time, when the submitter needs it stated
    ]),

    LOOP_2000A,
    se(),
  ]),
});
