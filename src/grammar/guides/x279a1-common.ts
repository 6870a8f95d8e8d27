/**
 * Pieces the 270 and 271 (005010X279A1) share: the service type and provider code lists and segment uses
 * with the same elements in both guides.
 */
import { R, S, comp, el } from '../dsl.js';
import { n3 as n3Segment } from '../segments.js';
import type { CompositeElementDef, SegmentDef } from '../types.js';

export const GUIDE_ID = '005010X279A1';

/** EQ01 Service Type Code (1365) values the TR3 allows. */
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

/** PRV01 Provider Code (1221) values for the subscriber and dependent PRV uses. */
export const PROVIDER_CODES = ['AD', 'AT', 'BI', 'CO', 'CV', 'H', 'HH', 'LA', 'OT', 'P1', 'P2', 'PC', 'PE', 'R', 'RF', 'SK', 'SU'];

export function n3(name: string, who: string): SegmentDef {
  return n3Segment(name, S, `${who} Address Line`);
}

export function hiCode(usage: typeof R | typeof S, codes: readonly string[]): CompositeElementDef {
  return comp('C022', 'Health Care Code Information', usage, [
    el('1270', 'Diagnosis Type Code', R, 'ID', 1, 3, codes),
    el('1271', 'Diagnosis Code', R, 'AN', 1, 30),
  ]);
}
