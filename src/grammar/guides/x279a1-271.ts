/**
 * 005010X279A1 Health Care Eligibility Benefit Response (271), ST01 271, GS01 HB.
 *
 * Transcribed from the stupidedi definition X279A1-HB271.rb (loop/segment/element structure, usage, max
 * use, codes per use), with element types and lengths from the X12 dictionary (pyx12 dataele.xml) and
 * repeats and syntax notes from the 005010 standard. Where stupidedi departs from the TR3 the TR3 is
 * followed:
 * - the HL levels are nested (2000B in 2000A, 2000C in 2000B, 2000D in 2000C);
 * - 2100B and 2100D repeat once (stupidedi: unbounded), MPI is used once per name loop (stupidedi allows
 *   9 in 2100C), and the first segment of each loop is required within it;
 * - LS and LE sit in 2110C/2110D around the 2120 loop, at the TR3's positions (stupidedi wraps them in a
 *   made-up loop);
 * - stupidedi typos are corrected: 2110D EB03 lists '3' twice instead of '13', and 2120D swaps NM106 and
 *   NM107 usage;
 * - EB03 carries one service type code list (the union of the stupidedi 2110C/2110D lists and the 270 EQ01
 *   list, which differ only by CC and GY), and EB09 the union of the 2110C and 2110D lists (VS, YY).
 * External code lists (states, countries, postal codes, taxonomy, ICD diagnosis, CPT/HCPCS procedures,
 * place of service and nature of injury in III) are left without codes.
 */
import { INF, R, S, comp, el, guide, loop, nu, seg } from '../dsl.js';
import { n4 as n4Segment } from '../segments.js';
import { se, st } from '../common.js';
import type { GuideDef, LoopDef, SegmentDef, SimpleElementDef } from '../types.js';
import { GUIDE_ID, SERVICE_TYPE_CODES, PROVIDER_CODES, n3, hiCode } from './x279a1-common.js';

/** EB01 Eligibility or Benefit Information Code (1390). */
const ELIGIBILITY_CODES = ['1', '2', '3', '4', '5', '6', '7', '8', 'A', 'B', 'C', 'CB', 'D', 'E', 'F', 'G', 'H', 'I', 'J', 'K', 'L', 'M', 'MC', 'N', 'O', 'P', 'Q', 'R', 'S', 'T', 'U', 'V', 'W', 'X', 'Y'];

/** EB04 Insurance Type Code (1336). */
const INSURANCE_TYPE_CODES = ['12', '13', '14', '15', '16', '41', '42', '43', '47', 'AP', 'C1', 'CO', 'CP', 'D', 'DB', 'EP', 'FF', 'GP', 'HM', 'HN', 'HS', 'IN', 'IP', 'LC', 'LD', 'LI', 'LT', 'MA', 'MB', 'MC', 'MH', 'MI', 'MP', 'OT', 'PE', 'PL', 'PP', 'PR', 'PS', 'QM', 'RP', 'SP', 'TF', 'WC', 'WU'];

/** PRV01 Provider Code (1221) for the information receiver and benefit related providers (adds SB). */
const PROVIDER_CODES_SB = ['AD', 'AT', 'BI', 'CO', 'CV', 'H', 'HH', 'LA', 'OT', 'P1', 'P2', 'PC', 'PE', 'R', 'RF', 'SB', 'SK', 'SU'];

/** DTP01 Date Time Qualifier (374) for the subscriber and dependent dates. */
const NAME_DATE_QUALIFIERS = ['096', '102', '152', '291', '307', '318', '340', '341', '342', '343', '346', '347', '356', '357', '382', '435', '442', '458', '472', '539', '540', '636', '771'];

/** DTP01 Date Time Qualifier (374) for the eligibility or benefit dates. */
const BENEFIT_DATE_QUALIFIERS = ['096', '193', '194', '198', '290', '291', '292', '295', '304', '307', '318', '346', '348', '349', '356', '357', '435', '472', '636', '771'];

/** AAA03 Reject Reason Code (901) at the 2110C/2110D eligibility or benefit level. */
const BENEFIT_REJECT_REASONS = ['15', '33', '52', '53', '54', '55', '56', '57', '60', '61', '62', '63', '69', '70', '98', 'AA', 'AE', 'AF', 'AG', 'AO', 'CI', 'E8', 'IA', 'MA'];

/** MPI05 Military Service Rank Code (1596). */
const MILITARY_RANKS = ['A1', 'A2', 'A3', 'B1', 'B2', 'C1', 'C2', 'C3', 'C4', 'C5', 'C6', 'C7', 'C8', 'C9', 'E1', 'F1', 'F2', 'F3', 'F4', 'G1', 'G4', 'L1', 'L2', 'L3', 'L4', 'L5', 'L6', 'M1', 'M2', 'M3', 'M4', 'M5', 'M6', 'P1', 'P2', 'P3', 'P4', 'P5', 'R1', 'R2', 'S1', 'S2', 'S3', 'S4', 'S5', 'S6', 'S7', 'S8', 'S9', 'SA', 'SB', 'SC', 'T1', 'V1', 'W1'];

// Segment shapes that repeat between levels. Each takes the names and codes that differ, so every use
// still reads as the TR3 table does.

function hl(name: string, usage: typeof R | typeof S, level: string, childCodes: readonly string[], parent: boolean): SegmentDef {
  return seg('HL', name, usage, 1, [
    el('628', 'Hierarchical ID Number', R, 'AN', 1, 12),
    parent ? el('734', 'Hierarchical Parent ID Number', R, 'AN', 1, 12) : nu('734', 'Hierarchical Parent ID Number', 'AN', 1, 12),
    el('735', 'Hierarchical Level Code', R, 'ID', 1, 2, [level]),
    el('736', 'Hierarchical Child Code', R, 'ID', 1, 1, childCodes),
  ], { qualifier: { element: 3 } });
}

function aaa(name: string, reasons: readonly string[], actions: readonly string[]): SegmentDef {
  // Required when the request or an element of it could not be processed (AAA01 N) or is in error.
  return seg('AAA', name, S, 9, [
    el('1073', 'Valid Request Indicator', R, 'ID', 1, 1, ['N', 'Y']),
    nu('559', 'Agency Qualifier Code', 'ID', 2, 2),
    el('901', 'Reject Reason Code', R, 'ID', 2, 2, reasons),
    el('889', 'Follow-up Action Code', R, 'ID', 1, 1, actions),
  ]);
}

function trn(name: string): SegmentDef {
  // TRN01 2 returns the 270's trace numbers, TRN01 1 is the information source's own trace.
  return seg('TRN', name, S, 3, [
    el('481', 'Trace Type Code', R, 'ID', 1, 2, ['1', '2']),
    el('127', 'Trace Number', R, 'AN', 1, 50),
    el('509', 'Trace Assigning Entity Identifier', R, 'AN', 10, 10),
    el('127', 'Trace Assigning Entity Additional Identifier', S, 'AN', 1, 50),
  ]);
}

function n4(name: string, who: string): SegmentDef {
  return n4Segment(name, S, { city: `${who} City Name`, state: `${who} State Code`, postal: `${who} Postal Zone or ZIP Code`, country: `${who} Country Code`, subdivision: `${who} Country Subdivision Code` });
}

function prv(name: string, codes: readonly string[]): SegmentDef {
  return seg('PRV', name, S, 1, [
    el('1221', 'Provider Code', R, 'ID', 1, 3, codes),
    el('128', 'Reference Identification Qualifier', S, 'ID', 2, 3, ['PXC']),
    el('127', 'Provider Identifier', S, 'AN', 1, 50),
  ], { rules: ['P0203'] });
}

function dmg(name: string, who: string): SegmentDef {
  return seg('DMG', name, S, 1, [
    el('1250', 'Date Time Period Format Qualifier', S, 'ID', 2, 3, ['D8']),
    el('1251', `${who} Birth Date`, S, 'AN', 1, 35),
    el('1068', `${who} Gender Code`, S, 'ID', 1, 1, ['F', 'M', 'U']),
  ], { rules: ['P0102', 'P1011', 'C1105'] });
}

function ins(name: string, insured: string, relationships: readonly string[]): SegmentDef {
  // INS03/INS04 (001 change, 25 change in identifying data elements) are required when the
  // information source corrects the identifying information sent in the 270.
  const notUsed: SimpleElementDef[] = [
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
  return seg('INS', name, S, 1, [
    el('1073', 'Insured Indicator', R, 'ID', 1, 1, [insured]),
    el('1069', 'Individual Relationship Code', R, 'ID', 2, 2, relationships),
    el('875', 'Maintenance Type Code', S, 'ID', 3, 3, ['001']),
    el('1203', 'Maintenance Reason Code', S, 'ID', 2, 3, ['25']),
    ...notUsed,
    el('1470', 'Birth Sequence Number', S, 'N0', 1, 9),
  ], { rules: ['P1112'] });
}

function hi(name: string): SegmentDef {
  // Returned when the 270 carried a diagnosis; HI01 principal, HI02..HI08 other diagnoses.
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

function dtp(name: string, qualifiers: readonly string[], max: number, value: string): SegmentDef {
  return seg('DTP', name, S, max, [
    el('374', 'Date Time Qualifier', R, 'ID', 3, 3, qualifiers),
    el('1250', 'Date Time Period Format Qualifier', R, 'ID', 2, 3, ['D8', 'RD8']),
    el('1251', value, R, 'AN', 1, 35),
  ]);
}

function mpi(name: string): SegmentDef {
  // Required when the information source has military personnel information for the patient.
  return seg('MPI', name, S, 1, [
    el('1201', 'Information Status Code', R, 'ID', 1, 1, ['A', 'C', 'L', 'O', 'P', 'S', 'T']),
    el('584', 'Employment Status Code', R, 'ID', 2, 2, ['AE', 'AO', 'AS', 'AT', 'AU', 'CC', 'DD', 'HD', 'IR', 'LX', 'PE', 'RE', 'RM', 'RR', 'RU']),
    el('1595', 'Government Service Affiliation Code', R, 'ID', 1, 1, ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'I', 'J', 'K', 'L', 'M', 'N', 'O', 'Q', 'R', 'S', 'U', 'W']),
    el('352', 'Description', S, 'AN', 1, 80),
    el('1596', 'Military Service Rank Code', S, 'ID', 2, 2, MILITARY_RANKS),
    el('1250', 'Date Time Period Format Qualifier', S, 'ID', 2, 3, ['D8', 'RD8']),
    el('1251', 'Date Time Period', S, 'AN', 1, 35),
  ], { rules: ['P0607'] });
}

function eb(name: string, coverageLevels: readonly string[]): SegmentDef {
  return seg('EB', name, R, 1, [
    el('1390', 'Eligibility or Benefit Information Code', R, 'ID', 1, 2, ELIGIBILITY_CODES),
    el('1207', 'Coverage Level Code', S, 'ID', 3, 3, coverageLevels),
    el('1365', 'Service Type Code', S, 'ID', 1, 2, SERVICE_TYPE_CODES, 99),
    el('1336', 'Insurance Type Code', S, 'ID', 1, 3, INSURANCE_TYPE_CODES),
    el('1204', 'Plan Coverage Description', S, 'AN', 1, 50),
    el('615', 'Time Period Qualifier', S, 'ID', 1, 2, ['6', '7', '13', '21', '22', '23', '24', '25', '26', '27', '28', '29', '30', '31', '32', '33', '34', '35', '36']),
    el('782', 'Benefit Amount', S, 'R', 1, 18),
    el('954', 'Benefit Percent', S, 'R', 1, 10),
    el('673', 'Quantity Qualifier', S, 'ID', 2, 2, ['8H', '99', 'CA', 'CE', 'D3', 'DB', 'DY', 'HS', 'LA', 'LE', 'M2', 'MN', 'P6', 'QA', 'S7', 'S8', 'VS', 'YY']),
    el('380', 'Benefit Quantity', S, 'R', 1, 15),
    el('1073', 'Authorization or Certification Indicator', S, 'ID', 1, 1, ['N', 'U', 'Y']),
    el('1073', 'In Plan Network Indicator', S, 'ID', 1, 1, ['N', 'U', 'W', 'Y']),
    comp('C003', 'Composite Medical Procedure Identifier', S, [
      el('235', 'Product or Service ID Qualifier', R, 'ID', 2, 2, ['AD', 'CJ', 'HC', 'ID', 'IV', 'N4', 'ZZ']),
      el('234', 'Procedure Code', R, 'AN', 1, 48),
      el('1339', 'Procedure Modifier', S, 'AN', 2, 2),
      el('1339', 'Procedure Modifier', S, 'AN', 2, 2),
      el('1339', 'Procedure Modifier', S, 'AN', 2, 2),
      el('1339', 'Procedure Modifier', S, 'AN', 2, 2),
      nu('352', 'Description', 'AN', 1, 80),
      el('234', 'Product or Service ID', S, 'AN', 1, 48), // end of a procedure code range
    ]),
    comp('C004', 'Composite Diagnosis Code Pointer', S, [
      el('1328', 'Diagnosis Code Pointer', R, 'N0', 1, 2),
      el('1328', 'Diagnosis Code Pointer', S, 'N0', 1, 2),
      el('1328', 'Diagnosis Code Pointer', S, 'N0', 1, 2),
      el('1328', 'Diagnosis Code Pointer', S, 'N0', 1, 2),
    ]),
  ], { rules: ['P0910'] });
}

function hsd(): SegmentDef {
  // Required when benefits are limited by quantity, frequency or time (e.g. 20 visits per year).
  return seg('HSD', 'Health Care Services Delivery', S, 9, [
    el('673', 'Quantity Qualifier', S, 'ID', 2, 2, ['DY', 'FL', 'HS', 'MN', 'VS']),
    el('380', 'Benefit Quantity', S, 'R', 1, 15),
    el('355', 'Unit or Basis for Measurement Code', S, 'ID', 2, 2, ['DA', 'MO', 'VS', 'WK', 'YR']),
    el('1167', 'Sample Selection Modulus', S, 'R', 1, 6),
    el('615', 'Time Period Qualifier', S, 'ID', 1, 2, ['6', '7', '21', '22', '23', '24', '25', '26', '27', '28', '29', '30', '31', '32', '33', '34', '35']),
    el('616', 'Period Count', S, 'N0', 1, 3),
    el('678', 'Delivery Frequency Code', S, 'ID', 1, 2, ['1', '2', '3', '4', '5', '6', '7', '8', '9', 'A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'J', 'K', 'L', 'M', 'N', 'O', 'P', 'Q', 'R', 'S', 'SG', 'SL', 'SP', 'SX', 'SY', 'SZ', 'T', 'U', 'V', 'W', 'X', 'Y']),
    el('679', 'Delivery Pattern Time Code', S, 'ID', 1, 1, ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'Y']),
  ], { rules: ['P0102', 'C0605'] });
}

function msg(): SegmentDef {
  return seg('MSG', 'Message Text', S, 10, [
    el('933', 'Free Form Message Text', R, 'AN', 1, 264),
  ], { rules: ['C0302'] });
}

function loop2115(id: string, who: string): LoopDef {
  // Required when additional information (place of service, nature of injury) qualifies the benefit.
  return loop(id, `${who} Eligibility or Benefit Additional Information`, S, 10, [
    seg('III', `${who} Eligibility or Benefit Additional Information`, R, 1, [
      el('1270', 'Code List Qualifier Code', S, 'ID', 1, 3, ['GR', 'NI', 'ZZ']),
      el('1271', 'Industry Code', S, 'AN', 1, 30),
      el('1136', 'Code Category', S, 'ID', 2, 2, ['44']),
      el('933', 'Injured Body Part Name', S, 'AN', 1, 264),
    ], { rules: ['P0102'] }),
  ]);
}

function loop2120(id: string, who: string): LoopDef {
  // Required when the benefit involves another entity: another payer, a primary care provider, ...
  return loop(id, `${who} Benefit Related Entity Name`, S, 23, [
    seg('NM1', `${who} Benefit Related Entity Name`, R, 1, [
      el('98', 'Entity Identifier Code', R, 'ID', 2, 3, ['13', '1I', '1P', '2B', '36', '73', 'FA', 'GP', 'GW', 'I3', 'IL', 'LR', 'OC', 'P3', 'P4', 'P5', 'PR', 'PRP', 'SEP', 'TTP', 'VER', 'VN', 'VY', 'X3', 'Y2']),
      el('1065', 'Entity Type Qualifier', R, 'ID', 1, 1, ['1', '2']),
      el('1035', 'Benefit Related Entity Last or Organization Name', S, 'AN', 1, 60),
      el('1036', 'Benefit Related Entity First Name', S, 'AN', 1, 35),
      el('1037', 'Benefit Related Entity Middle Name', S, 'AN', 1, 25),
      nu('1038', 'Name Prefix', 'AN', 1, 10),
      el('1039', 'Benefit Related Entity Name Suffix', S, 'AN', 1, 10),
      el('66', 'Identification Code Qualifier', S, 'ID', 1, 2, ['24', '34', '46', 'FA', 'FI', 'II', 'MI', 'NI', 'PI', 'PP', 'SV', 'XV', 'XX']),
      el('67', 'Benefit Related Entity Identifier', S, 'AN', 2, 80),
      el('706', 'Benefit Related Entity Relationship Code', S, 'ID', 2, 2, ['01', '02', '27', '41', '48', '65', '72']),
    ], { rules: ['P0809', 'C1110', 'C1203'] }),

    n3(`${who} Benefit Related Entity Address`, 'Benefit Related Entity'),

    seg('N4', `${who} Benefit Related Entity City, State, ZIP Code`, S, 1, [
      el('19', 'Benefit Related Entity City Name', R, 'AN', 2, 30),
      el('156', 'Benefit Related Entity State Code', S, 'ID', 2, 2),
      el('116', 'Benefit Related Entity Postal Zone or ZIP Code', S, 'ID', 3, 15),
      el('26', 'Benefit Related Entity Country Code', S, 'ID', 2, 3),
      el('309', 'Location Qualifier', S, 'ID', 1, 2, ['RJ']), // RJ: DOD health service region, in N406
      el('310', 'Benefit Related Entity DOD Health Service Region', S, 'AN', 1, 30),
      el('1715', 'Benefit Related Entity Country Subdivision Code', S, 'ID', 1, 3),
    ], { rules: ['E0207', 'C0605', 'C0704'] }),

    seg('PER', `${who} Benefit Related Entity Contact Information`, S, 3, [
      el('366', 'Contact Function Code', R, 'ID', 2, 2, ['IC']),
      el('93', 'Benefit Related Entity Contact Name', S, 'AN', 1, 60),
      el('365', 'Communication Number Qualifier', S, 'ID', 2, 2, ['ED', 'EM', 'FX', 'TE', 'UR', 'WP']),
      el('364', 'Benefit Related Entity Communication Number', S, 'AN', 1, 256),
      el('365', 'Communication Number Qualifier', S, 'ID', 2, 2, ['ED', 'EM', 'EX', 'FX', 'TE', 'UR', 'WP']),
      el('364', 'Benefit Related Entity Communication Number', S, 'AN', 1, 256),
      el('365', 'Communication Number Qualifier', S, 'ID', 2, 2, ['ED', 'EM', 'EX', 'FX', 'TE', 'UR', 'WP']),
      el('364', 'Benefit Related Entity Communication Number', S, 'AN', 1, 256),
    ], { rules: ['P0304', 'P0506', 'P0708'] }),

    prv(`${who} Benefit Related Provider Information`, PROVIDER_CODES_SB),
  ]);
}

function loopHeader(): SegmentDef {
  return seg('LS', 'Loop Header', S, 1, [el('447', 'Loop Identifier Code', R, 'AN', 1, 4, ['2120'])]);
}

function loopTrailer(): SegmentDef {
  return seg('LE', 'Loop Trailer', S, 1, [el('447', 'Loop Identifier Code', R, 'AN', 1, 4, ['2120'])]);
}

function loop2110(id: string, who: string, coverageLevels: readonly string[], refCodes: readonly string[], loops: { iii: string; entity: string }): LoopDef {
  return loop(id, `${who} Eligibility or Benefit Information`, S, INF, [
    eb(`${who} Eligibility or Benefit Information`, coverageLevels),
    hsd(),

    seg('REF', `${who} Additional Identification`, S, 9, [
      el('128', 'Reference Identification Qualifier', R, 'ID', 2, 3, refCodes),
      el('127', `${who} Eligibility or Benefit Identifier`, R, 'AN', 1, 50),
      el('352', 'Plan, Group or Plan Network Name', S, 'AN', 1, 80),
    ], { rules: ['R0203'] }),

    dtp(`${who} Eligibility/Benefit Date`, BENEFIT_DATE_QUALIFIERS, 20, 'Eligibility or Benefit Date Time Period'),
    aaa(`${who} Request Validation`, BENEFIT_REJECT_REASONS, ['C', 'N', 'R', 'W', 'X', 'Y']),
    msg(),
    loop2115(loops.iii, who),
    loopHeader(), // LS/LE wrap the 2120 loop when it is present
    loop2120(loops.entity, who),
    loopTrailer(),
  ]);
}

// Loops are declared inner-first so each can be nested into its parent; the tree order is the TR3's.

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
    el('128', 'Reference Identification Qualifier', R, 'ID', 2, 3, ['18', '1L', '1W', '49', '6P', 'CE', 'CT', 'EA', 'EJ', 'F6', 'GH', 'HJ', 'IF', 'IG', 'MRC', 'N6', 'NQ', 'Q4', 'SY', 'Y4']),
    el('127', 'Dependent Supplemental Identifier', R, 'AN', 1, 50),
    el('352', 'Plan, Group or Plan Network Name', S, 'AN', 1, 80),
  ], { rules: ['R0203'] }),

  n3('Dependent Address', 'Dependent'),
  n4('Dependent City, State, ZIP Code', 'Dependent'),
  aaa('Dependent Request Validation', ['15', '35', '42', '43', '45', '47', '48', '49', '51', '52', '56', '57', '58', '60', '61', '62', '63', '64', '65', '66', '67', '68', '71', '77'], ['C', 'N', 'R', 'S', 'W', 'X', 'Y']),
  prv('Provider Information', PROVIDER_CODES),
  dmg('Dependent Demographic Information', 'Dependent'),
  ins('Dependent Relationship', 'N', ['01', '19', '20', '21', '39', '40', '53', 'G8']),
  hi('Dependent Health Care Diagnosis Code'),
  dtp('Dependent Date', NAME_DATE_QUALIFIERS, 9, 'Date Time Period'),
  mpi('Dependent Military Personnel Information'),
  loop2110('2110D', 'Dependent', ['CHD', 'DEP', 'ECH', 'ESP', 'FAM', 'IND', 'SPC', 'SPO'], ['18', '1L', '1W', '49', '6P', '9F', 'ALS', 'CLI', 'F6', 'FO', 'G1', 'IG', 'N6', 'NQ'], { iii: '2115D', entity: '2120D' }),
]);

// Required when the patient is a dependent of the subscriber and has no unique member ID.
const LOOP_2000D = loop('2000D', 'Dependent Level', S, INF, [
  hl('Dependent Level', R, '23', ['0'], true),
  trn('Dependent Trace Number'),
  LOOP_2100D,
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
    el('128', 'Reference Identification Qualifier', R, 'ID', 2, 3, ['18', '1L', '1W', '3H', '49', '6P', 'CE', 'CT', 'EA', 'EJ', 'F6', 'GH', 'HJ', 'IF', 'IG', 'N6', 'NQ', 'Q4', 'SY', 'Y4']),
    el('127', 'Subscriber Supplemental Identifier', R, 'AN', 1, 50),
    el('352', 'Plan, Group or Plan Network Name', S, 'AN', 1, 80),
  ], { rules: ['R0203'] }),

  n3('Subscriber Address', 'Subscriber'),
  n4('Subscriber City, State, ZIP Code', 'Subscriber'),
  aaa('Subscriber Request Validation', ['15', '35', '42', '43', '45', '47', '48', '49', '51', '52', '56', '57', '58', '60', '61', '62', '63', '71', '72', '73', '74', '75', '76', '78'], ['C', 'N', 'R', 'S', 'W', 'X', 'Y']),
  prv('Provider Information', PROVIDER_CODES),
  dmg('Subscriber Demographic Information', 'Subscriber'),
  ins('Subscriber Relationship', 'Y', ['18']),
  hi('Subscriber Health Care Diagnosis Code'),
  dtp('Subscriber Date', NAME_DATE_QUALIFIERS, 9, 'Date Time Period'),
  mpi('Subscriber Military Personnel Information'),
  loop2110('2110C', 'Subscriber', ['CHD', 'DEP', 'ECH', 'EMP', 'ESP', 'FAM', 'IND', 'SPC', 'SPO'], ['18', '1L', '1W', '49', '6P', '9F', 'ALS', 'CLI', 'F6', 'FO', 'G1', 'IG', 'M7', 'N6', 'NQ'], { iii: '2115C', entity: '2120C' }),
]);

const LOOP_2000C = loop('2000C', 'Subscriber Level', S, INF, [
  hl('Subscriber Level', R, '22', ['0', '1'], true),
  trn('Subscriber Trace Number'),
  LOOP_2100C,
  LOOP_2000D,
]);

const LOOP_2100B = loop('2100B', 'Information Receiver Name', R, 1, [
  seg('NM1', 'Information Receiver Name', R, 1, [
    el('98', 'Entity Identifier Code', R, 'ID', 2, 3, ['1P', '2B', '36', '80', 'FA', 'GP', 'P5', 'PR']),
    el('1065', 'Entity Type Qualifier', R, 'ID', 1, 1, ['1', '2']),
    el('1035', 'Information Receiver Last or Organization Name', S, 'AN', 1, 60),
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
    el('352', 'Information Receiver Additional Identifier State', S, 'AN', 1, 80),
  ], { rules: ['R0203'] }),

  n3('Information Receiver Address', 'Information Receiver'),
  n4('Information Receiver City, State, ZIP Code', 'Information Receiver'),
  aaa('Information Receiver Request Validation', ['15', '41', '43', '44', '45', '46', '47', '48', '50', '51', '79', '97', 'T4'], ['C', 'N', 'R', 'S', 'W', 'X', 'Y']),
  prv('Information Receiver Provider Information', PROVIDER_CODES_SB),
]);

// Required unless the response rejects the request at the information source level.
const LOOP_2000B = loop('2000B', 'Information Receiver Level', S, INF, [
  hl('Information Receiver Level', R, '21', ['0', '1'], true),
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

  seg('PER', 'Information Source Contact Information', S, 3, [
    el('366', 'Contact Function Code', R, 'ID', 2, 2, ['IC']),
    el('93', 'Information Source Contact Name', S, 'AN', 1, 60),
    el('365', 'Communication Number Qualifier', S, 'ID', 2, 2, ['ED', 'EM', 'FX', 'TE', 'UR']),
    el('364', 'Information Source Communication Number', S, 'AN', 1, 256),
    el('365', 'Communication Number Qualifier', S, 'ID', 2, 2, ['ED', 'EM', 'EX', 'FX', 'TE', 'UR']),
    el('364', 'Information Source Communication Number', S, 'AN', 1, 256),
    el('365', 'Communication Number Qualifier', S, 'ID', 2, 2, ['ED', 'EM', 'EX', 'FX', 'TE', 'UR']),
    el('364', 'Information Source Communication Number', S, 'AN', 1, 256),
  ], { rules: ['P0304', 'P0506', 'P0708'] }),

  aaa('Information Source Request Validation', ['04', '41', '42', '79', '80', 'T4'], ['C', 'N', 'P', 'R', 'S', 'W', 'X', 'Y']),
]);

const LOOP_2000A = loop('2000A', 'Information Source Level', R, INF, [
  hl('Information Source Level', R, '20', ['0', '1'], false),
  aaa('Request Validation', ['04', '41', '42', '79'], ['C', 'N', 'P', 'R', 'S', 'Y']),
  LOOP_2100A,
  LOOP_2000B,
]);

export const X279A1_271: GuideDef = guide({
  id: GUIDE_ID,
  set: '271',
  functionalId: 'HB',
  name: 'Health Care Eligibility Benefit Response',
  root: loop('ST', 'Transaction Set', R, 1, [
    st('271', GUIDE_ID),

    seg('BHT', 'Beginning of Hierarchical Transaction', R, 1, [
      el('1005', 'Hierarchical Structure Code', R, 'ID', 4, 4, ['0022']),
      el('353', 'Transaction Set Purpose Code', R, 'ID', 2, 2, ['06', '11']),
      el('127', 'Submitter Transaction Identifier', S, 'AN', 1, 50), // the 270's BHT03, returned
      el('373', 'Transaction Set Creation Date', R, 'DT', 8, 8),
      el('337', 'Transaction Set Creation Time', R, 'TM', 4, 8),
    ]),

    LOOP_2000A,
    se(),
  ]),
});
