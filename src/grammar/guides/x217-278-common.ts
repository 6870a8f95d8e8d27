/**
 * Pieces the 278 request and response (005010X217) share: code lists and segment uses with the same
 * elements in both guides. Each guide file builds its own loops from them.
 */
import { R, S, comp, el, nu, seg } from '../dsl.js';
import { n3 as n3Segment, n4 as n4Segment } from '../segments.js';
import type { CompositeElementDef, SegmentDef, SimpleElementDef, Usage } from '../types.js';

export const GUIDE_ID = '005010X217';

/** UM03 Service Type Code (1365); the 005010 list (the TR3 allows a subset of it). */
export const SERVICE_TYPE_CODES = [
  '1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11', '12', '13', '14', '15', '16', '17', '18', '19', '20',
  '21', '22', '23', '24', '25', '26', '27', '28', '30', '32', '33', '34', '35', '36', '37', '38', '39', '40', '41',
  '42', '43', '44', '45', '46', '47', '48', '49', '50', '51', '52', '53', '54', '55', '56', '57', '58', '59', '60',
  '61', '62', '63', '64', '65', '66', '67', '68', '69', '70', '71', '72', '73', '74', '75', '76', '77', '78', '79',
  '80', '81', '82', '83', '84', '85', '86', '87', '88', '89', '90', '91', '92', '93', '94', '95', '96', '97', '98',
  '99', 'A0', 'A1', 'A2', 'A3', 'A4', 'A5', 'A6', 'A7', 'A8', 'A9', 'AA', 'AB', 'AC', 'AD', 'AE', 'AF', 'AG', 'AH',
  'AI', 'AJ', 'AK', 'AL', 'AM', 'AN', 'AO', 'AQ', 'AR', 'B1', 'B2', 'B3', 'BA', 'BB', 'BC', 'BD', 'BE', 'BF', 'BG',
  'BH', 'BI', 'BJ', 'BK', 'BL', 'BM', 'BN', 'BP', 'BQ', 'BR', 'BS', 'BT', 'BU', 'BV', 'BW', 'BX', 'BY', 'BZ', 'C1',
  'CA', 'CB', 'CC', 'CD', 'CE', 'CF', 'CG', 'CH', 'CI', 'CJ', 'CK', 'CL', 'CM', 'CN', 'CO', 'CP', 'CQ', 'DG', 'DM',
  'DS', 'GF', 'GN', 'GY', 'IC', 'MH', 'NI', 'ON', 'PT', 'PU', 'RN', 'RT', 'TC', 'TN', 'UC',
];

/** PRV01 Provider Code (1221) for requester and provider loops. */
export const PROVIDER_CODES = ['AD', 'AS', 'AT', 'CO', 'CV', 'OP', 'OR', 'OT', 'PC', 'PE', 'RF'];

/** REF01 (128) for provider supplemental identifiers (union of the 4010 and 5010 lists). */
export const PROVIDER_REF_CODES = ['0B', '1G', '1J', 'CT', 'EI', 'G5', 'N5', 'N7', 'SY', 'ZH'];

/** REF01 (128) for subscriber and dependent supplemental identifiers (lenient: the candidate lists' union). */
export const MEMBER_REF_CODES = ['1L', '1W', '3H', '6P', 'A6', 'EJ', 'F6', 'HJ', 'IG', 'N6', 'NQ', 'SY'];

/** C022-01 Diagnosis Type Code (1270) in the patient diagnosis HI. */
export const DIAGNOSIS_TYPE_CODES = ['ABF', 'ABJ', 'ABK', 'APR', 'BF', 'BJ', 'BK', 'BP', 'DR', 'LD', 'PR'];

export function hl(name: string, level: string, childCodes: readonly string[], parent: boolean): SegmentDef {
  return seg('HL', name, R, 1, [
    el('628', 'Hierarchical ID Number', R, 'AN', 1, 12),
    parent ? el('734', 'Hierarchical Parent ID Number', R, 'AN', 1, 12) : nu('734', 'Hierarchical Parent ID Number', 'AN', 1, 12),
    el('735', 'Hierarchical Level Code', R, 'ID', 1, 2, [level]),
    el('736', 'Hierarchical Child Code', R, 'ID', 1, 1, childCodes),
  ], { qualifier: { element: 3 } });
}

export function nm1(name: string, who: string, entityCodes: readonly string[], entityTypes: readonly string[], idQualifiers: readonly string[] | null, idUsage: Usage): SegmentDef {
  const id: SimpleElementDef[] = idQualifiers
    ? [el('66', 'Identification Code Qualifier', idUsage, 'ID', 1, 2, idQualifiers), el('67', `${who} Identifier`, idUsage, 'AN', 2, 80)]
    : [];
  return seg('NM1', name, R, 1, [
    el('98', 'Entity Identifier Code', R, 'ID', 2, 3, entityCodes),
    el('1065', 'Entity Type Qualifier', R, 'ID', 1, 1, entityTypes),
    el('1035', `${who} Last or Organization Name`, S, 'AN', 1, 60),
    el('1036', `${who} First Name`, S, 'AN', 1, 35),
    el('1037', `${who} Middle Name`, S, 'AN', 1, 25),
    nu('1038', 'Name Prefix', 'AN', 1, 10),
    el('1039', `${who} Name Suffix`, S, 'AN', 1, 10),
    ...id,
  ], { rules: ['P0809', 'C1110', 'C1203'] });
}

export function ref(name: string, max: number, codes: readonly string[], value: string, stateCode = false): SegmentDef {
  return seg('REF', name, S, max, [
    el('128', 'Reference Identification Qualifier', R, 'ID', 2, 3, codes),
    el('127', value, R, 'AN', 1, 50),
    ...(stateCode ? [el('352', 'License Number State Code', S, 'AN', 1, 80)] : []), // with REF01 0B
  ], { rules: ['R0203'] });
}

export function n3(name: string, who: string): SegmentDef {
  return n3Segment(name, S, `${who} Address Line`);
}

export function n4(name: string, who: string): SegmentDef {
  return n4Segment(name, S, { city: `${who} City Name`, state: `${who} State or Province Code`, postal: `${who} Postal Zone or ZIP Code` });
}

export function per(name: string, who: string): SegmentDef {
  return seg('PER', name, S, 1, [
    el('366', 'Contact Function Code', R, 'ID', 2, 2, ['IC']),
    el('93', `${who} Contact Name`, S, 'AN', 1, 60),
    el('365', 'Communication Number Qualifier', S, 'ID', 2, 2, ['EM', 'FX', 'TE']),
    el('364', `${who} Contact Communication Number`, S, 'AN', 1, 256),
    el('365', 'Communication Number Qualifier', S, 'ID', 2, 2, ['EM', 'EX', 'FX', 'TE']),
    el('364', `${who} Contact Communication Number`, S, 'AN', 1, 256),
    el('365', 'Communication Number Qualifier', S, 'ID', 2, 2, ['EM', 'EX', 'FX', 'TE']),
    el('364', `${who} Contact Communication Number`, S, 'AN', 1, 256),
  ], { rules: ['P0304', 'P0506', 'P0708'] });
}

export function prv(name: string): SegmentDef {
  return seg('PRV', name, S, 1, [
    el('1221', 'Provider Code', R, 'ID', 1, 3, PROVIDER_CODES),
    el('128', 'Reference Identification Qualifier', R, 'ID', 2, 3, ['PXC']),
    el('127', 'Provider Taxonomy Code', R, 'AN', 1, 50),
  ], { rules: ['P0203'] });
}

export function dmg(name: string, who: string): SegmentDef {
  return seg('DMG', name, S, 1, [
    el('1250', 'Date Time Period Format Qualifier', R, 'ID', 2, 3, ['D8']),
    el('1251', `${who} Birth Date`, R, 'AN', 1, 35),
    el('1068', `${who} Gender Code`, S, 'ID', 1, 1, ['F', 'M', 'U']),
  ], { rules: ['P0102', 'P1011', 'C1105'] });
}

export function ins(name: string, insured: string, relationships: readonly string[]): SegmentDef {
  return seg('INS', name, S, 1, [
    el('1073', 'Insured Indicator', R, 'ID', 1, 1, [insured]),
    el('1069', 'Individual Relationship Code', R, 'ID', 2, 2, relationships),
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
    el('1470', 'Birth Sequence Number', S, 'N0', 1, 9), // required for multiple births
  ], { rules: ['P1112'] });
}

export function dtp(name: string, qualifier: string, formats: readonly string[], value: string): SegmentDef {
  return seg('DTP', name, S, 1, [
    el('374', 'Date Time Qualifier', R, 'ID', 3, 3, [qualifier]),
    el('1250', 'Date Time Period Format Qualifier', R, 'ID', 2, 3, formats),
    el('1251', value, R, 'AN', 1, 35),
  ]);
}

export function um(name: string, usage: Usage, categories: readonly string[], relatedCauses: boolean): SegmentDef {
  return seg('UM', name, usage, 1, [
    el('1525', 'Request Category Code', R, 'ID', 1, 2, categories),
    el('1322', 'Certification Type Code', R, 'ID', 1, 1, ['1', '2', '3', '4', 'I', 'S']),
    el('1365', 'Service Type Code', S, 'ID', 1, 2, SERVICE_TYPE_CODES),
    comp('C023', 'Health Care Service Location Information', S, [
      el('1331', 'Facility Type Code', R, 'AN', 1, 2), // place of service (B) or the first two digits of the bill type (A)
      el('1332', 'Facility Code Qualifier', R, 'ID', 1, 2, ['A', 'B']),
    ]),
    relatedCauses
      ? comp('C024', 'Related Causes Information', S, [
        el('1362', 'Related Causes Code', R, 'ID', 2, 3, ['AA', 'AP', 'EM', 'OA']),
        el('1362', 'Related Causes Code', S, 'ID', 2, 3, ['AA', 'AP', 'EM', 'OA']),
        el('1362', 'Related Causes Code', S, 'ID', 2, 3, ['AA', 'AP', 'EM', 'OA']),
        el('156', 'State or Province Code', S, 'ID', 2, 2), // auto accident state
        el('26', 'Country Code', S, 'ID', 2, 3),
      ])
      : nu('C024', 'Related Causes Information'),
    el('1338', 'Level of Service Code', S, 'ID', 1, 3, ['03', 'E', 'U']),
    el('1213', 'Current Health Condition Code', S, 'ID', 1, 1, ['1', '2', '3', '4', '5']),
    el('923', 'Prognosis Code', S, 'ID', 1, 1, ['1', '2', '3', '4', '5', '6', '7', '8']),
    el('1363', 'Release of Information Code', S, 'ID', 1, 1, ['I', 'Y']),
    el('1352', 'Delay Reason Code', S, 'ID', 1, 2), // TR3 list not confirmed; left open
  ]);
}

export function hiCode(usage: Usage): CompositeElementDef {
  return comp('C022', 'Health Care Code Information', usage, [
    el('1270', 'Diagnosis Type Code', R, 'ID', 1, 3, DIAGNOSIS_TYPE_CODES),
    el('1271', 'Diagnosis Code', R, 'AN', 1, 30),
    el('1250', 'Date Time Period Format Qualifier', S, 'ID', 2, 3, ['D8']),
    el('1251', 'Diagnosis Date', S, 'AN', 1, 35),
  ], { rules: ['P0304'] });
}

export function hsd(): SegmentDef {
  // Required when the request is for a number of visits or units over a period (e.g. 3 visits a week for 2 weeks).
  return seg('HSD', 'Health Care Services Delivery', S, 1, [
    el('673', 'Quantity Qualifier', S, 'ID', 2, 2, ['DY', 'FL', 'HS', 'MN', 'VS']),
    el('380', 'Service Unit Count', S, 'R', 1, 15),
    el('355', 'Unit or Basis for Measurement Code', S, 'ID', 2, 2, ['DA', 'MO', 'VS', 'WK', 'YR']),
    el('1167', 'Sample Selection Modulus', S, 'R', 1, 6),
    el('615', 'Time Period Qualifier', S, 'ID', 1, 2, ['6', '7', '21', '22', '23', '24', '25', '26', '27', '28', '29', '30', '31', '32', '33', '34', '35']),
    el('616', 'Period Count', S, 'N0', 1, 3),
    el('678', 'Delivery Frequency Code', S, 'ID', 1, 2, ['1', '2', '3', '4', '5', '6', '7', '8', '9', 'A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'J', 'K', 'L', 'M', 'N', 'O', 'P', 'Q', 'R', 'S', 'SG', 'SL', 'SP', 'SX', 'SY', 'SZ', 'T', 'U', 'V', 'W', 'X', 'Y']),
    el('679', 'Delivery Pattern Time Code', S, 'ID', 1, 1, ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'Y']),
  ], { rules: ['P0102', 'C0605'] });
}

export function pwk(name: string): SegmentDef {
  // Required when paperwork supporting the request is sent separately; PWK01 report types left open.
  return seg('PWK', name, S, 10, [
    el('755', 'Attachment Report Type Code', R, 'ID', 2, 2),
    el('756', 'Attachment Transmission Code', R, 'ID', 1, 2, ['AA', 'BM', 'EL', 'EM', 'FT', 'FX', 'VO']),
    nu('757', 'Report Copies Needed', 'N0', 1, 2),
    nu('98', 'Entity Identifier Code', 'ID', 2, 3),
    el('66', 'Identification Code Qualifier', S, 'ID', 1, 2, ['AC']),
    el('67', 'Attachment Control Number', S, 'AN', 2, 80),
    el('352', 'Attachment Description', S, 'AN', 1, 80),
  ], { rules: ['P0506'] });
}

export function msg(): SegmentDef {
  return seg('MSG', 'Message Text', S, 1, [
    el('933', 'Free-Form Message Text', R, 'AN', 1, 264),
  ], { rules: ['C0302'] });
}

export function procedure(name: string, qualifiers: readonly string[], usage: Usage): CompositeElementDef {
  return comp('C003', name, usage, [
    el('235', 'Product or Service ID Qualifier', R, 'ID', 2, 2, qualifiers),
    el('234', 'Procedure Code', R, 'AN', 1, 48),
    el('1339', 'Procedure Modifier', S, 'AN', 2, 2),
    el('1339', 'Procedure Modifier', S, 'AN', 2, 2),
    el('1339', 'Procedure Modifier', S, 'AN', 2, 2),
    el('1339', 'Procedure Modifier', S, 'AN', 2, 2),
    el('352', 'Procedure Code Description', S, 'AN', 1, 80),
    el('234', 'Procedure Code', S, 'AN', 1, 48), // end of a range of procedure codes
  ]);
}
