/**
 * 005010X221A1 Health Care Claim Payment/Advice (835), ST01 835, GS01 HP.
 *
 * Transcribed from the pyx12 map 835.5010.X221.A1.xml (loop/segment/element structure, usage, max use,
 * codes per use) with element types and lengths from pyx12 dataele.xml, cross-checked against the
 * stupidedi X221A1-HP835 definition. Where the two disagree the pyx12 map is followed, except that PLB05,
 * PLB07, PLB09, PLB11 and PLB13 carry the same adjustment reason codes as PLB03 (the TR3 lists one code set
 * for every C042-01; the pyx12 map lists it only under PLB03).
 * External code lists (CARC in CAS, RARC in MIA/MOA/LQ, CLP09 frequency, DRG, states, countries, postal
 * codes, currency) are left without codes here.
 */
import { INF, R, S, comp, el, guide, loop, nu, seg } from '../dsl.js';
import { se } from '../common.js';
import { n3, n4, ref } from '../segments.js';
import type { GuideDef } from '../types.js';

const GUIDE_ID = '005010X221A1';

/**
 * ST with ST03 not used: unlike the other 5010 guides, X221A1 marks ST03 "Not Used" (pyx12 and stupidedi
 * agree), so common.ts st(), which requires ST03, does not fit; the guide is known from GS08. ST03 is kept
 * as a placeholder so a value there is reported as a not-used element.
 */
const ST_835 = seg('ST', 'Transaction Set Header', R, 1, [
  el('143', 'Transaction Set Identifier Code', R, 'ID', 3, 3, ['835']),
  el('329', 'Transaction Set Control Number', R, 'AN', 4, 9),
  nu('1705', 'Implementation Convention Reference', 'AN', 1, 35),
]);

/** PLB03-1 / PLB05-1 / ... Adjustment Reason Code (426) values the TR3 allows. */
const PLB_REASON_CODES = ['50', '51', '72', '90', 'AH', 'AM', 'AP', 'B2', 'B3', 'BD', 'BN', 'C5', 'CR', 'CS', 'CT', 'CV', 'CW', 'DM', 'E3', 'FB', 'FC', 'GO', 'HM', 'IP', 'IR', 'IS', 'J1', 'L3', 'L6', 'LE', 'LS', 'OA', 'OB', 'PI', 'PL', 'RA', 'RE', 'SL', 'TL', 'WO', 'WU'];

const LOOP_1000A = loop('1000A', 'Payer Identification', R, 1, [
  seg('N1', 'Payer Identification', R, 1, [
    el('98', 'Entity Identifier Code', R, 'ID', 2, 3, ['PR']),
    el('93', 'Payer Name', R, 'AN', 1, 60),
    el('66', 'Identification Code Qualifier', S, 'ID', 1, 2, ['XV']),
    el('67', 'Payer Identifier', S, 'AN', 2, 80),
  ], { rules: ['R0203', 'P0304'] }),

  n3('Payer Address', R, 'Payer Address Line'),

  n4('Payer City, State, ZIP Code', R, { city: 'Payer City Name', state: 'Payer State Code', postal: 'Payer Postal Zone or ZIP Code' }),

  ref('Additional Payer Identification', S, 4, ['2U', 'EO', 'HI', 'NF'], 'Additional Payer Identifier'),

  seg('PER', 'Payer Business Contact Information', S, 1, [
    el('366', 'Contact Function Code', R, 'ID', 2, 2, ['CX']),
    el('93', 'Payer Contact Name', S, 'AN', 1, 60),
    el('365', 'Communication Number Qualifier', S, 'ID', 2, 2, ['EM', 'FX', 'TE']),
    el('364', 'Payer Contact Communication Number', S, 'AN', 1, 256),
    el('365', 'Communication Number Qualifier', S, 'ID', 2, 2, ['EM', 'EX', 'FX', 'TE']),
    el('364', 'Payer Contact Communication Number', S, 'AN', 1, 256),
    el('365', 'Communication Number Qualifier', S, 'ID', 2, 2, ['EX']),
    el('364', 'Payer Contact Communication Number', S, 'AN', 1, 256),
  ], { rules: ['P0304', 'P0506', 'P0708'] }),

  // Required: at least one technical contact for the payer (PER*BL); PER*CX and PER*IC are situational.
  seg('PER', 'Payer Technical Contact Information', R, INF, [
    el('366', 'Contact Function Code', R, 'ID', 2, 2, ['BL']),
    el('93', 'Payer Technical Contact Name', S, 'AN', 1, 60),
    el('365', 'Communication Number Qualifier', S, 'ID', 2, 2, ['EM', 'TE', 'UR']),
    el('364', 'Payer Contact Communication Number', S, 'AN', 1, 256),
    el('365', 'Communication Number Qualifier', S, 'ID', 2, 2, ['EM', 'EX', 'FX', 'TE', 'UR']),
    el('364', 'Payer Technical Contact Communication Number', S, 'AN', 1, 256),
    el('365', 'Communication Number Qualifier', S, 'ID', 2, 2, ['EM', 'EX', 'FX', 'UR']),
    el('364', 'Payer Contact Communication Number', S, 'AN', 1, 256),
  ], { rules: ['P0304', 'P0506', 'P0708'] }),

  seg('PER', 'Payer WEB Site', S, 1, [
    el('366', 'Contact Function Code', R, 'ID', 2, 2, ['IC']),
    nu('93', 'Name', 'AN', 1, 60),
    el('365', 'Communication Number Qualifier', R, 'ID', 2, 2, ['UR']),
    el('364', 'Communication Number', R, 'AN', 1, 256),
  ], { rules: ['P0304', 'P0506', 'P0708'] }),
]);

const LOOP_1000B = loop('1000B', 'Payee Identification', R, 1, [
  seg('N1', 'Payee Identification', R, 1, [
    el('98', 'Entity Identifier Code', R, 'ID', 2, 3, ['PE']),
    el('93', 'Payee Name', R, 'AN', 1, 60),
    el('66', 'Identification Code Qualifier', R, 'ID', 1, 2, ['FI', 'XV', 'XX']),
    el('67', 'Payee Identification Code', R, 'AN', 2, 80),
  ], { rules: ['R0203', 'P0304'] }),

  n3('Payee Address', S, 'Payee Address Line'),

  n4('Payee City, State, ZIP Code', S, { city: 'Payee City Name', state: 'Payee State Code', postal: 'Payee Postal Zone or ZIP Code' }),

  ref('Payee Additional Identification', S, INF, ['0B', 'D3', 'PQ', 'TJ'], 'Additional Payee Identifier'),

  // Required when the remittance is delivered separately from the payment (e.g. to a different address or by another medium).
  seg('RDM', 'Remittance Delivery Method', S, 1, [
    el('756', 'Report Transmission Code', R, 'ID', 1, 2, ['BM', 'EM', 'FT', 'OL']),
    el('93', 'Name', S, 'AN', 1, 60),
    el('364', 'Communication Number', S, 'AN', 1, 256),
  ]),
]);

// Loops are declared inner-first so each can be nested into its parent; the tree order is the TR3's.
// 2110: required when adjudication is reported at the service-line level.
const LOOP_2110 = loop('2110', 'Service Payment Information', S, 999, [
  seg('SVC', 'Service Payment Information', R, 1, [
    comp('C003', 'Composite Medical Procedure Identifier', R, [
      el('235', 'Product or Service ID Qualifier', R, 'ID', 2, 2, ['AD', 'ER', 'HC', 'HP', 'IV', 'N4', 'N6', 'NU', 'UI', 'WK']),
      el('234', 'Adjudicated Procedure Code', R, 'AN', 1, 48),
      el('1339', 'Procedure Modifier', S, 'AN', 2, 2),
      el('1339', 'Procedure Modifier', S, 'AN', 2, 2),
      el('1339', 'Procedure Modifier', S, 'AN', 2, 2),
      el('1339', 'Procedure Modifier', S, 'AN', 2, 2),
    ]),
    el('782', 'Line Item Charge Amount', R, 'R', 1, 18),
    el('782', 'Line Item Provider Payment Amount', R, 'R', 1, 18),
    el('234', 'National Uniform Billing Committee Revenue Code', S, 'AN', 1, 48), // required when an institutional revenue code was adjudicated
    el('380', 'Units of Service Paid Count', S, 'R', 1, 15),
    comp('C003', 'Composite Medical Procedure Identifier', S, [ // submitted procedure, when it differs from SVC01
      el('235', 'Product or Service ID Qualifier', R, 'ID', 2, 2, ['AD', 'ER', 'HC', 'HP', 'IV', 'N4', 'NU', 'WK']),
      el('234', 'Procedure Code', R, 'AN', 1, 48),
      el('1339', 'Procedure Modifier', S, 'AN', 2, 2),
      el('1339', 'Procedure Modifier', S, 'AN', 2, 2),
      el('1339', 'Procedure Modifier', S, 'AN', 2, 2),
      el('1339', 'Procedure Modifier', S, 'AN', 2, 2),
      el('352', 'Procedure Code Description', S, 'AN', 1, 80),
    ]),
    el('380', 'Original Units of Service Count', S, 'R', 1, 15),
  ]),

  seg('DTM', 'Service Date', S, 2, [
    el('374', 'Date Time Qualifier', R, 'ID', 3, 3, ['150', '151', '472']),
    el('373', 'Service Date', R, 'DT', 8, 8),
  ], { rules: ['R020305', 'C0403', 'P0506'] }),

  seg('CAS', 'Service Adjustment', S, 99, [
    el('1033', 'Claim Adjustment Group Code', R, 'ID', 1, 2, ['CO', 'OA', 'PI', 'PR']),
    el('1034', 'Adjustment Reason Code', R, 'ID', 1, 5),
    el('782', 'Adjustment Amount', R, 'R', 1, 18),
    el('380', 'Adjustment Quantity', S, 'R', 1, 15),
    el('1034', 'Adjustment Reason Code', S, 'ID', 1, 5),
    el('782', 'Adjustment Amount', S, 'R', 1, 18),
    el('380', 'Adjustment Quantity', S, 'R', 1, 15),
    el('1034', 'Adjustment Reason Code', S, 'ID', 1, 5),
    el('782', 'Adjustment Amount', S, 'R', 1, 18),
    el('380', 'Adjustment Quantity', S, 'R', 1, 15),
    el('1034', 'Adjustment Reason Code', S, 'ID', 1, 5),
    el('782', 'Adjustment Amount', S, 'R', 1, 18),
    el('380', 'Adjustment Quantity', S, 'R', 1, 15),
    el('1034', 'Adjustment Reason Code', S, 'ID', 1, 5),
    el('782', 'Adjustment Amount', S, 'R', 1, 18),
    el('380', 'Adjustment Quantity', S, 'R', 1, 15),
    el('1034', 'Adjustment Reason Code', S, 'ID', 1, 5),
    el('782', 'Adjustment Amount', S, 'R', 1, 18),
    el('380', 'Adjustment Quantity', S, 'R', 1, 15),
  ], { rules: ['L050607', 'C0605', 'C0705', 'L080910', 'C0908', 'C1008', 'L111213', 'C1211', 'C1311', 'L141516', 'C1514', 'C1614', 'L171819', 'C1817', 'C1917'] }),

  ref('Service Identification', S, 8, ['1S', 'APC', 'BB', 'E9', 'G1', 'G3', 'LU', 'RB'], 'Provider Identifier'),

  // Required when a line item control number (REF*6R) was sent on the original claim.
  ref('Line Item Control Number', S, 1, ['6R'], 'Line Item Control Number'),

  ref('Rendering Provider Information', S, 10, ['0B', '1A', '1B', '1C', '1D', '1G', '1H', '1J', 'D3', 'G2', 'HPI', 'SY', 'TJ'], 'Rendering Provider Identifier'),

  ref('HealthCare Policy Identification', S, 5, ['0K'], 'Healthcare Policy Identification'),

  seg('AMT', 'Service Supplemental Amount', S, 9, [
    el('522', 'Amount Qualifier Code', R, 'ID', 1, 3, ['B6', 'KH', 'T', 'T2', 'ZK', 'ZL', 'ZM', 'ZN', 'ZO']),
    el('782', 'Service Supplemental Amount', R, 'R', 1, 18),
  ]),

  seg('QTY', 'Service Supplemental Quantity', S, 6, [
    el('673', 'Quantity Qualifier', R, 'ID', 2, 2, ['ZK', 'ZL', 'ZM', 'ZN', 'ZO']),
    el('380', 'Service Supplemental Quantity Count', R, 'R', 1, 15),
  ], { rules: ['E0204', 'R0204'] }),

  seg('LQ', 'Health Care Remark Codes', S, 99, [
    el('1270', 'Code List Qualifier Code', R, 'ID', 1, 3, ['HE', 'RX']),
    el('1271', 'Remark Code', R, 'AN', 1, 30),
  ], { rules: ['C0102'] }),
]);

const LOOP_2100 = loop('2100', 'Claim Payment Information', R, INF, [
  seg('CLP', 'Claim Payment Information', R, 1, [
    el('1028', 'Patient Control Number', R, 'AN', 1, 38),
    el('1029', 'Claim Status Code', R, 'ID', 1, 2, ['1', '2', '3', '4', '19', '20', '21', '22', '23', '25']),
    el('782', 'Total Claim Charge Amount', R, 'R', 1, 18),
    el('782', 'Claim Payment Amount', R, 'R', 1, 18),
    el('782', 'Patient Responsibility Amount', S, 'R', 1, 18),
    el('1032', 'Claim Filing Indicator Code', R, 'ID', 1, 2, ['12', '13', '14', '15', '16', '17', 'AM', 'CH', 'DS', 'HM', 'LM', 'MA', 'MB', 'MC', 'OF', 'TV', 'VA', 'WC', 'ZZ']),
    el('127', 'Payer Claim Control Number', R, 'AN', 1, 50),
    el('1331', 'Facility Type Code', S, 'AN', 1, 2),
    el('1325', 'Claim Frequency Code', S, 'ID', 1, 1),
    nu('1352', 'Patient Status Code', 'ID', 1, 2),
    el('1354', 'Diagnosis Related Group (DRG) Code', S, 'ID', 1, 4),
    el('380', 'Diagnosis Related Group (DRG) Weight', S, 'R', 1, 15),
    el('954', 'Discharge Fraction', S, 'R', 1, 10),
  ]),

  // CAS02/05/08/11/14/17 carry Claim Adjustment Reason Codes (external list); LQ02 and MIA/MOA remark codes are RARCs.
  seg('CAS', 'Claim Adjustment', S, 99, [
    el('1033', 'Claim Adjustment Group Code', R, 'ID', 1, 2, ['CO', 'OA', 'PI', 'PR']),
    el('1034', 'Adjustment Reason Code', R, 'ID', 1, 5),
    el('782', 'Adjustment Amount', R, 'R', 1, 18),
    el('380', 'Adjustment Quantity', S, 'R', 1, 15),
    el('1034', 'Adjustment Reason Code', S, 'ID', 1, 5),
    el('782', 'Adjustment Amount', S, 'R', 1, 18),
    el('380', 'Adjustment Quantity', S, 'R', 1, 15),
    el('1034', 'Adjustment Reason Code', S, 'ID', 1, 5),
    el('782', 'Adjustment Amount', S, 'R', 1, 18),
    el('380', 'Adjustment Quantity', S, 'R', 1, 15),
    el('1034', 'Adjustment Reason Code', S, 'ID', 1, 5),
    el('782', 'Adjustment Amount', S, 'R', 1, 18),
    el('380', 'Adjustment Quantity', S, 'R', 1, 15),
    el('1034', 'Adjustment Reason Code', S, 'ID', 1, 5),
    el('782', 'Adjustment Amount', S, 'R', 1, 18),
    el('380', 'Adjustment Quantity', S, 'R', 1, 15),
    el('1034', 'Adjustment Reason Code', S, 'ID', 1, 5),
    el('782', 'Adjustment Amount', S, 'R', 1, 18),
    el('380', 'Adjustment Quantity', S, 'R', 1, 15),
  ], { rules: ['L050607', 'C0605', 'C0705', 'L080910', 'C0908', 'C1008', 'L111213', 'C1211', 'C1311', 'L141516', 'C1514', 'C1614', 'L171819', 'C1817', 'C1917'] }),

  seg('NM1', 'Patient Name', R, 1, [
    el('98', 'Entity Identifier Code', R, 'ID', 2, 3, ['QC']),
    el('1065', 'Entity Type Qualifier', R, 'ID', 1, 1, ['1']),
    el('1035', 'Patient Last Name', S, 'AN', 1, 60),
    el('1036', 'Patient First Name', S, 'AN', 1, 35),
    el('1037', 'Patient Middle Name or Initial', S, 'AN', 1, 25),
    nu('1038', 'Name Prefix', 'AN', 1, 10),
    el('1039', 'Patient Name Suffix', S, 'AN', 1, 10),
    el('66', 'Identification Code Qualifier', S, 'ID', 1, 2, ['34', 'HN', 'II', 'MI', 'MR']),
    el('67', 'Patient Identifier', S, 'AN', 2, 80),
  ], { rules: ['P0809', 'C1110', 'C1203'] }),

  // Required when the insured (subscriber) is not the patient.
  seg('NM1', 'Insured Name', S, 1, [
    el('98', 'Entity Identifier Code', R, 'ID', 2, 3, ['IL']),
    el('1065', 'Entity Type Qualifier', R, 'ID', 1, 1, ['1', '2']),
    el('1035', 'Subscriber Last Name', S, 'AN', 1, 60),
    el('1036', 'Subscriber First Name', S, 'AN', 1, 35),
    el('1037', 'Subscriber Middle Name or Initial', S, 'AN', 1, 25),
    nu('1038', 'Name Prefix', 'AN', 1, 10),
    el('1039', 'Subscriber Name Suffix', S, 'AN', 1, 10),
    el('66', 'Identification Code Qualifier', R, 'ID', 1, 2, ['FI', 'II', 'MI']),
    el('67', 'Subscriber Identifier', R, 'AN', 2, 80),
  ], { rules: ['P0809', 'C1110', 'C1203'] }),

  // Required when the payer's name or ID for the patient/insured differs from what was submitted.
  seg('NM1', 'Corrected Patient/Insured Name', S, 1, [
    el('98', 'Entity Identifier Code', R, 'ID', 2, 3, ['74']),
    el('1065', 'Entity Type Qualifier', R, 'ID', 1, 1, ['1', '2']),
    el('1035', 'Corrected Patient or Insured Last Name', S, 'AN', 1, 60),
    el('1036', 'Corrected Patient or Insured First Name', S, 'AN', 1, 35),
    el('1037', 'Corrected Patient or Insured Middle Name', S, 'AN', 1, 25),
    nu('1038', 'Name Prefix', 'AN', 1, 10),
    el('1039', 'Corrected Patient or Insured Name Suffix', S, 'AN', 1, 10),
    el('66', 'Identification Code Qualifier', S, 'ID', 1, 2, ['C']),
    el('67', 'Corrected Insured Identification Indicator', S, 'AN', 2, 80),
  ], { rules: ['P0809', 'C1110', 'C1203'] }),

  // Required when the rendering provider is not the payee.
  seg('NM1', 'Service Provider Name', S, 1, [
    el('98', 'Entity Identifier Code', R, 'ID', 2, 3, ['82']),
    el('1065', 'Entity Type Qualifier', R, 'ID', 1, 1, ['1', '2']),
    el('1035', 'Rendering Provider Last or Organization Name', S, 'AN', 1, 60),
    el('1036', 'Rendering Provider First Name', S, 'AN', 1, 35),
    el('1037', 'Rendering Provider Middle Name or Initial', S, 'AN', 1, 25),
    nu('1038', 'Name Prefix', 'AN', 1, 10),
    el('1039', 'Rendering Provider Name Suffix', S, 'AN', 1, 10),
    el('66', 'Identification Code Qualifier', R, 'ID', 1, 2, ['BD', 'BS', 'FI', 'MC', 'PC', 'SL', 'UP', 'XX']),
    el('67', 'Rendering Provider Identifier', R, 'AN', 2, 80),
  ], { rules: ['P0809', 'C1110', 'C1203'] }),

  // Required when the claim was forwarded (crossed over) to another payer.
  seg('NM1', 'Crossover Carrier Name', S, 1, [
    el('98', 'Entity Identifier Code', R, 'ID', 2, 3, ['TT']),
    el('1065', 'Entity Type Qualifier', R, 'ID', 1, 1, ['2']),
    el('1035', 'Coordination of Benefits Carrier Name', R, 'AN', 1, 60),
    nu('1036', 'Name First', 'AN', 1, 35),
    nu('1037', 'Name Middle', 'AN', 1, 25),
    nu('1038', 'Name Prefix', 'AN', 1, 10),
    nu('1039', 'Name Suffix', 'AN', 1, 10),
    el('66', 'Identification Code Qualifier', R, 'ID', 1, 2, ['AD', 'FI', 'NI', 'PI', 'PP', 'XV']),
    el('67', 'Coordination of Benefits Carrier Identifier', R, 'AN', 2, 80),
  ], { rules: ['P0809', 'C1110', 'C1203'] }),

  // Required when the payer believes another payer has priority for this claim.
  seg('NM1', 'Corrected Priority Payer Name', S, 1, [
    el('98', 'Entity Identifier Code', R, 'ID', 2, 3, ['PR']),
    el('1065', 'Entity Type Qualifier', R, 'ID', 1, 1, ['2']),
    el('1035', 'Corrected Priority Payer Name', R, 'AN', 1, 60),
    nu('1036', 'Name First', 'AN', 1, 35),
    nu('1037', 'Name Middle', 'AN', 1, 25),
    nu('1038', 'Name Prefix', 'AN', 1, 10),
    nu('1039', 'Name Suffix', 'AN', 1, 10),
    el('66', 'Identification Code Qualifier', R, 'ID', 1, 2, ['AD', 'FI', 'NI', 'PI', 'PP', 'XV']),
    el('67', 'Corrected Priority Payer Identification Number', R, 'AN', 2, 80),
  ], { rules: ['P0809', 'C1110', 'C1203'] }),

  seg('NM1', 'Other Subscriber Name', S, 1, [
    el('98', 'Entity Identifier Code', R, 'ID', 2, 3, ['GB']),
    el('1065', 'Entity Type Qualifier', R, 'ID', 1, 1, ['1', '2']),
    el('1035', 'Other Subscriber Last Name', S, 'AN', 1, 60),
    el('1036', 'Other Subscriber First Name', S, 'AN', 1, 35),
    el('1037', 'Other Subscriber Middle Name or Initial', S, 'AN', 1, 25),
    nu('1038', 'Name Prefix', 'AN', 1, 10),
    el('1039', 'Other Subscriber Name Suffix', S, 'AN', 1, 10),
    el('66', 'Identification Code Qualifier', S, 'ID', 1, 2, ['FI', 'II', 'MI']),
    el('67', 'Other Subscriber Identifier', S, 'AN', 2, 80),
  ], { rules: ['P0809', 'C1110', 'C1203'] }),

  // MIA for inpatient, MOA for outpatient adjudication details; MIA05 and MIA20-23, MOA03-07 are RARCs.
  seg('MIA', 'Inpatient Adjudication Information', S, 1, [
    el('380', 'Covered Days or Visits Count', R, 'R', 1, 15),
    el('782', 'PPS Operating Outlier Amount', S, 'R', 1, 18),
    el('380', 'Lifetime Psychiatric Days Count', S, 'R', 1, 15),
    el('782', 'Claim DRG Amount', S, 'R', 1, 18),
    el('127', 'Claim Payment Remark Code', S, 'AN', 1, 50),
    el('782', 'Claim Disproportionate Share Amount', S, 'R', 1, 18),
    el('782', 'Claim MSP Pass-through Amount', S, 'R', 1, 18),
    el('782', 'Claim PPS Capital Amount', S, 'R', 1, 18),
    el('782', 'PPS-Capital FSP DRG Amount', S, 'R', 1, 18),
    el('782', 'PPS-Capital HSP DRG Amount', S, 'R', 1, 18),
    el('782', 'PPS-Capital DSH DRG Amount', S, 'R', 1, 18),
    el('782', 'Old Capital Amount', S, 'R', 1, 18),
    el('782', 'PPS-Capital IME amount', S, 'R', 1, 18),
    el('782', 'PPS-Operating Hospital Specific DRG Amount', S, 'R', 1, 18),
    el('380', 'Cost Report Day Count', S, 'R', 1, 15),
    el('782', 'PPS-Operating Federal Specific DRG Amount', S, 'R', 1, 18),
    el('782', 'Claim PPS Capital Outlier Amount', S, 'R', 1, 18),
    el('782', 'Claim Indirect Teaching Amount', S, 'R', 1, 18),
    el('782', 'Nonpayable Professional Component Amount', S, 'R', 1, 18),
    el('127', 'Claim Payment Remark Code', S, 'AN', 1, 50),
    el('127', 'Claim Payment Remark Code', S, 'AN', 1, 50),
    el('127', 'Claim Payment Remark Code', S, 'AN', 1, 50),
    el('127', 'Claim Payment Remark Code', S, 'AN', 1, 50),
    el('782', 'PPS-Capital Exception Amount', S, 'R', 1, 18),
  ]),

  seg('MOA', 'Outpatient Adjudication Information', S, 1, [
    el('954', 'Reimbursement Rate', S, 'R', 1, 10),
    el('782', 'Claim HCPCS Payable Amount', S, 'R', 1, 18),
    el('127', 'Claim Payment Remark Code', S, 'AN', 1, 50),
    el('127', 'Claim Payment Remark Code', S, 'AN', 1, 50),
    el('127', 'Claim Payment Remark Code', S, 'AN', 1, 50),
    el('127', 'Claim Payment Remark Code', S, 'AN', 1, 50),
    el('127', 'Claim Payment Remark Code', S, 'AN', 1, 50),
    el('782', 'Claim ESRD Payment Amount', S, 'R', 1, 18),
    el('782', 'Nonpayable Professional Component Amount', S, 'R', 1, 18),
  ]),

  ref('Other Claim Related Identification', S, 5, ['1L', '1W', '28', '6P', '9A', '9C', 'BB', 'CE', 'EA', 'F8', 'G1', 'G3', 'IG', 'SY'], 'Other Claim Related Identifier'),

  ref('Rendering Provider Identification', S, 10, ['0B', '1A', '1B', '1C', '1D', '1G', '1H', '1J', 'D3', 'G2', 'LU'], 'Rendering Provider Secondary Identifier'),

  seg('DTM', 'Statement From or To Date', S, 2, [
    el('374', 'Date Time Qualifier', R, 'ID', 3, 3, ['232', '233']),
    el('373', 'Claim Date', R, 'DT', 8, 8),
  ], { rules: ['R020305', 'C0403', 'P0506'] }),

  seg('DTM', 'Coverage Expiration Date', S, 1, [
    el('374', 'Date Time Qualifier', R, 'ID', 3, 3, ['036']),
    el('373', 'Date', R, 'DT', 8, 8),
  ], { rules: ['R020305', 'C0403', 'P0506'] }),

  seg('DTM', 'Claim Received Date', S, 1, [
    el('374', 'Date Time Qualifier', R, 'ID', 3, 3, ['050']),
    el('373', 'Date', R, 'DT', 8, 8),
  ], { rules: ['R020305', 'C0403', 'P0506'] }),

  seg('PER', 'Claim Contact Information', S, 2, [
    el('366', 'Contact Function Code', R, 'ID', 2, 2, ['CX']),
    el('93', 'Claim Contact Name', S, 'AN', 1, 60),
    el('365', 'Communication Number Qualifier', R, 'ID', 2, 2, ['EM', 'FX', 'TE']),
    el('364', 'Claim Contact Communications Number', R, 'AN', 1, 256),
    el('365', 'Communication Number Qualifier', S, 'ID', 2, 2, ['EM', 'EX', 'FX', 'TE']),
    el('364', 'Claim Contact Communications Number', S, 'AN', 1, 256),
    el('365', 'Communication Number Qualifier', S, 'ID', 2, 2, ['EX']),
    el('364', 'Communication Number Extension', S, 'AN', 1, 256),
  ], { rules: ['P0304', 'P0506', 'P0708'] }),

  seg('AMT', 'Claim Supplemental Information', S, 13, [
    el('522', 'Amount Qualifier Code', R, 'ID', 1, 3, ['AU', 'D8', 'DY', 'F5', 'I', 'NL', 'T', 'T2', 'ZK', 'ZL', 'ZM', 'ZN', 'ZO']),
    el('782', 'Claim Supplemental Information Amount', R, 'R', 1, 18),
  ]),

  seg('QTY', 'Claim Supplemental Information Quantity', S, 14, [
    el('673', 'Quantity Qualifier', R, 'ID', 2, 2, ['CA', 'CD', 'LA', 'LE', 'NE', 'NR', 'OU', 'PS', 'VS', 'ZK', 'ZL', 'ZM', 'ZN', 'ZO']),
    el('380', 'Claim Supplemental Information Quantity', R, 'R', 1, 15),
  ], { rules: ['E0204', 'R0204'] }),

  LOOP_2110,
]);

// 2000: groups claims (LX); TS3/TS2 carry provider summary data, mostly for Medicare Part A institutional payments.
const LOOP_2000 = loop('2000', 'Header Number', S, INF, [
  seg('LX', 'Header Number', R, 1, [
    el('554', 'Assigned Number', R, 'N0', 1, 6),
  ]),

  seg('TS3', 'Provider Summary Information', S, 1, [
    el('127', 'Provider Identifier', R, 'AN', 1, 50),
    el('1331', 'Facility Type Code', R, 'AN', 1, 2),
    el('373', 'Fiscal Period Date', R, 'DT', 8, 8),
    el('380', 'Total Claim Count', R, 'R', 1, 15),
    el('782', 'Total Claim Charge Amount', R, 'R', 1, 18),
    nu('782', 'Monetary Amount', 'R', 1, 18),
    nu('782', 'Monetary Amount', 'R', 1, 18),
    nu('782', 'Monetary Amount', 'R', 1, 18),
    nu('782', 'Monetary Amount', 'R', 1, 18),
    nu('782', 'Monetary Amount', 'R', 1, 18),
    nu('782', 'Monetary Amount', 'R', 1, 18),
    nu('782', 'Monetary Amount', 'R', 1, 18),
    el('782', 'Total MSP Payer Amount', S, 'R', 1, 18),
    nu('782', 'Monetary Amount', 'R', 1, 18),
    el('782', 'Total Non-Lab Charge Amount', S, 'R', 1, 18),
    nu('782', 'Monetary Amount', 'R', 1, 18),
    el('782', 'Total HCPCS Reported Charge Amount', S, 'R', 1, 18),
    el('782', 'Total HCPCS Payable Amount', S, 'R', 1, 18),
    nu('782', 'Monetary Amount', 'R', 1, 18),
    el('782', 'Total Professional Component Amount', S, 'R', 1, 18),
    el('782', 'Total MSP Patient Liability Met Amount', S, 'R', 1, 18),
    el('782', 'Total Patient Reimbursement Amount', S, 'R', 1, 18),
    el('380', 'Total PIP Claim Count', S, 'R', 1, 15),
    el('782', 'Total PIP Adjustment Amount', S, 'R', 1, 18),
  ]),

  seg('TS2', 'Provider Supplemental Summary Information', S, 1, [
    el('782', 'Total DRG Amount', S, 'R', 1, 18),
    el('782', 'Total Federal Specific Amount', S, 'R', 1, 18),
    el('782', 'Total Hospital Specific Amount', S, 'R', 1, 18),
    el('782', 'Total Disproportionate Share Amount', S, 'R', 1, 18),
    el('782', 'Total Capital Amount', S, 'R', 1, 18),
    el('782', 'Total Indirect Medical Education Amount', S, 'R', 1, 18),
    el('380', 'Total Outlier Day Count', S, 'R', 1, 15),
    el('782', 'Total Day Outlier Amount', S, 'R', 1, 18),
    el('782', 'Total Cost Outlier Amount', S, 'R', 1, 18),
    el('380', 'Average DRG Length of Stay', S, 'R', 1, 15),
    el('380', 'Total Discharge Count', S, 'R', 1, 15),
    el('380', 'Total Cost Report Day Count', S, 'R', 1, 15),
    el('380', 'Total Covered Day Count', S, 'R', 1, 15),
    el('380', 'Total Noncovered Day Count', S, 'R', 1, 15),
    el('782', 'Total MSP Pass-Through Amount', S, 'R', 1, 18),
    el('380', 'Average DRG weight', S, 'R', 1, 15),
    el('782', 'Total PPS Capital FSP DRG Amount', S, 'R', 1, 18),
    el('782', 'Total PPS Capital HSP DRG Amount', S, 'R', 1, 18),
    el('782', 'Total PPS DSH DRG Amount', S, 'R', 1, 18),
  ]),

  LOOP_2100,
]);

export const X221A1_835: GuideDef = guide({
  id: GUIDE_ID,
  set: '835',
  functionalId: 'HP',
  name: 'Health Care Claim Payment/Advice',
  root: loop('ST', 'Health Care Claim Payment/Advice', R, 1, [
    ST_835,

    seg('BPR', 'Financial Information', R, 1, [
      el('305', 'Transaction Handling Code', R, 'ID', 1, 2, ['C', 'D', 'H', 'I', 'P', 'U', 'X']),
      el('782', 'Total Actual Provider Payment Amount', R, 'R', 1, 18),
      el('478', 'Credit or Debit Flag Code', R, 'ID', 1, 1, ['C', 'D']),
      el('591', 'Payment Method Code', R, 'ID', 3, 3, ['ACH', 'BOP', 'CHK', 'FWT', 'NON']),
      el('812', 'Payment Format Code', S, 'ID', 1, 10, ['CCP', 'CTX']),
      // BPR06-BPR15 (sender and receiver bank details): required when BPR04 is ACH, BOP or FWT.
      el('506', 'Depository Financial Institution (DFI) Identification Number Qualifier', S, 'ID', 2, 2, ['01', '04']),
      el('507', 'Sender DFI Identifier', S, 'AN', 3, 12),
      el('569', 'Account Number Qualifier', S, 'ID', 1, 3, ['DA']),
      el('508', 'Sender Bank Account Number', S, 'AN', 1, 35),
      el('509', 'Payer Identifier', S, 'AN', 10, 10),
      el('510', 'Originating Company Supplemental Code', S, 'AN', 9, 9),
      el('506', 'Depository Financial Institution (DFI) Identification Number Qualifier', S, 'ID', 2, 2, ['01', '04']),
      el('507', 'Receiver or Provider Bank ID Number', S, 'AN', 3, 12),
      el('569', 'Account Number Qualifier', S, 'ID', 1, 3, ['DA', 'SG']),
      el('508', 'Receiver or Provider Account Number', S, 'AN', 1, 35),
      el('373', 'Check Issue or EFT Effective Date', R, 'DT', 8, 8),
    ], { rules: ['P0607', 'C0809', 'P1213', 'C1415', 'P1819', 'C2021'] }),

    seg('TRN', 'Reassociation Trace Number', R, 1, [
      el('481', 'Trace Type Code', R, 'ID', 1, 2, ['1']),
      el('127', 'Check or EFT Trace Number', R, 'AN', 1, 50),
      el('509', 'Payer Identifier', R, 'AN', 10, 10),
      el('127', 'Originating Company Supplemental Code', S, 'AN', 1, 50),
    ]),

    // Required when the payment is not in US dollars.
    seg('CUR', 'Foreign Currency Information', S, 1, [
      el('98', 'Entity Identifier Code', R, 'ID', 2, 3, ['PR']),
      el('100', 'Currency Code', R, 'ID', 3, 3),
    ], { rules: ['C0807', 'C0907', 'L101112', 'C1110', 'C1210', 'L131415', 'C1413', 'C1513', 'L161718', 'C1716', 'C1816', 'L192021', 'C2019', 'C2119'] }),

    // Required when the receiver of the 835 is not the payee (e.g. a clearinghouse or billing service).
    ref('Receiver Identification', S, 1, ['EV'], 'Receiver Identifier'),

    ref('Version Identification', S, 1, ['F2'], 'Version Identification Code'),

    // Required when the cutoff/production date differs from the check issue or EFT date (BPR16).
    seg('DTM', 'Production Date', S, 1, [
      el('374', 'Date Time Qualifier', R, 'ID', 3, 3, ['405']),
      el('373', 'Production Date', R, 'DT', 8, 8),
    ], { rules: ['R020305', 'C0403', 'P0506'] }),

    LOOP_1000A,
    LOOP_1000B,
    LOOP_2000,

    // Table 3 - Summary: provider-level adjustments (PLB), required when the payment includes them.
    seg('PLB', 'Provider Adjustment', S, INF, [
      el('127', 'Provider Identifier', R, 'AN', 1, 50),
      el('373', 'Fiscal Period Date', R, 'DT', 8, 8),
      comp('C042', 'Adjustment Identifier', R, [
        el('426', 'Adjustment Reason Code', R, 'ID', 2, 2, PLB_REASON_CODES),
        el('127', 'Provider Adjustment Identifier', S, 'AN', 1, 50),
      ]),
      el('782', 'Provider Adjustment Amount', R, 'R', 1, 18),
      comp('C042', 'Adjustment Identifier', S, [
        el('426', 'Adjustment Reason Code', R, 'ID', 2, 2, PLB_REASON_CODES),
        el('127', 'Provider Adjustment Identifier', S, 'AN', 1, 50),
      ]),
      el('782', 'Provider Adjustment Amount', S, 'R', 1, 18),
      comp('C042', 'Adjustment Identifier', S, [
        el('426', 'Adjustment Reason Code', R, 'ID', 2, 2, PLB_REASON_CODES),
        el('127', 'Provider Adjustment Identifier', S, 'AN', 1, 50),
      ]),
      el('782', 'Provider Adjustment Amount', S, 'R', 1, 18),
      comp('C042', 'Adjustment Identifier', S, [
        el('426', 'Adjustment Reason Code', R, 'ID', 2, 2, PLB_REASON_CODES),
        el('127', 'Provider Adjustment Identifier', S, 'AN', 1, 50),
      ]),
      el('782', 'Provider Adjustment Amount', S, 'R', 1, 18),
      comp('C042', 'Adjustment Identifier', S, [
        el('426', 'Adjustment Reason Code', R, 'ID', 2, 2, PLB_REASON_CODES),
        el('127', 'Provider Adjustment Identifier', S, 'AN', 1, 50),
      ]),
      el('782', 'Provider Adjustment Amount', S, 'R', 1, 18),
      comp('C042', 'Adjustment Identifier', S, [
        el('426', 'Adjustment Reason Code', R, 'ID', 2, 2, PLB_REASON_CODES),
        el('127', 'Provider Adjustment Identifier', S, 'AN', 1, 50),
      ]),
      el('782', 'Provider Adjustment Amount', S, 'R', 1, 18),
    ], { rules: ['P0506', 'P0708', 'P0910', 'P1112', 'P1314'] }),

    se(),
  ]),
});
