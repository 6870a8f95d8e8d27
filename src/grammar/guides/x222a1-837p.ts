/**
 * 005010X222A1 Health Care Claim: Professional (837P), ST01 837, GS01 HC.
 *
 * Transcribed from the pyx12 map 837.5010.X222.A1.xml (loops, segment uses, usage, max use, repeats and the
 * codes allowed at each element use) with lengths and types from the X12 element dictionary (pyx12
 * dataele.xml). Loop, segment and element names follow the TR3, as pyx12 spells them.
 * External code lists (place of service, states, countries, ICD, CPT/HCPCS, CARC, RARC, taxonomy) carry no
 * codes here. The claim loop 2300 (with 2310A-F, 2320/2330A-G, 2400/2410/2420A-H/2430/2440) appears under
 * 2000B (patient is the subscriber) and under 2000C (patient is a dependent), as in the TR3.
 * 381 segment uses in the set (ST..SE), counting both placements of 2300.
 */
import { se, st } from '../common.js';
import { INF, R, S, comp, el, guide, loop, nu, seg } from '../dsl.js';
import { n3, n4, ref } from '../segments.js';
import type { GuideDef, LoopDef, SegmentDef } from '../types.js';

const L1000A = loop('1000A', 'Submitter Name', R, 1, [
  seg('NM1', 'Submitter Name', R, 1, [
    el('98', 'Entity Identifier Code', R, 'ID', 2, 3, ['41']),
    el('1065', 'Entity Type Qualifier', R, 'ID', 1, 1, ['1', '2']),
    el('1035', 'Submitter Last or Organization Name', R, 'AN', 1, 60),
    el('1036', 'Submitter First Name', S, 'AN', 1, 35),
    el('1037', 'Submitter Middle Name', S, 'AN', 1, 25),
    nu('1038', 'Name Prefix', 'AN', 1, 10),
    nu('1039', 'Name Suffix', 'AN', 1, 10),
    el('66', 'Identification Code Qualifier', R, 'ID', 1, 2, ['46']),
    el('67', 'Submitter Identifier', R, 'AN', 2, 80),
  ], { rules: ['P0809', 'C1110', 'C1203'] }),

  seg('PER', 'Submitter EDI Contact Information', R, 2, [
    el('366', 'Contact Function Code', R, 'ID', 2, 2, ['IC']),
    el('93', 'Submitter Contact Name', S, 'AN', 1, 60),
    el('365', 'Communication Number Qualifier', R, 'ID', 2, 2, ['ED', 'EM', 'FX', 'TE']),
    el('364', 'Communication Number', R, 'AN', 1, 256),
    el('365', 'Communication Number Qualifier', S, 'ID', 2, 2, ['ED', 'EM', 'EX', 'FX', 'TE']),
    el('364', 'Communication Number', S, 'AN', 1, 256),
    el('365', 'Communication Number Qualifier', S, 'ID', 2, 2, ['ED', 'EM', 'EX', 'FX', 'TE']),
    el('364', 'Communication Number', S, 'AN', 1, 256),
  ], { rules: ['P0304', 'P0506', 'P0708'] }),
]);

const L1000B = loop('1000B', 'Receiver Name', R, 1, [
  seg('NM1', 'Receiver Name', R, 1, [
    el('98', 'Entity Identifier Code', R, 'ID', 2, 3, ['40']),
    el('1065', 'Entity Type Qualifier', R, 'ID', 1, 1, ['2']),
    el('1035', 'Receiver Name', R, 'AN', 1, 60),
    nu('1036', 'Name First', 'AN', 1, 35),
    nu('1037', 'Name Middle', 'AN', 1, 25),
    nu('1038', 'Name Prefix', 'AN', 1, 10),
    nu('1039', 'Name Suffix', 'AN', 1, 10),
    el('66', 'Identification Code Qualifier', R, 'ID', 1, 2, ['46']),
    el('67', 'Receiver Primary Identifier', R, 'AN', 2, 80),
  ], { rules: ['P0809', 'C1110', 'C1203'] }),
]);

const L2010AA = loop('2010AA', 'Billing Provider Name', R, 1, [
  seg('NM1', 'Billing Provider Name', R, 1, [
    el('98', 'Entity Identifier Code', R, 'ID', 2, 3, ['85']),
    el('1065', 'Entity Type Qualifier', R, 'ID', 1, 1, ['1', '2']),
    el('1035', 'Billing Provider Last or Organizational Name', R, 'AN', 1, 60),
    el('1036', 'Billing Provider First Name', S, 'AN', 1, 35),
    el('1037', 'Billing Provider Middle Name or Initial', S, 'AN', 1, 25),
    nu('1038', 'Name Prefix', 'AN', 1, 10),
    el('1039', 'Billing Provider Name Suffix', S, 'AN', 1, 10),
    el('66', 'Identification Code Qualifier', S, 'ID', 1, 2, ['XX']),
    el('67', 'Billing Provider Identifier', S, 'AN', 2, 80),
  ], { rules: ['P0809', 'C1110', 'C1203'] }),

  n3('Billing Provider Address', R, 'Billing Provider Address Line'),

  n4('Billing Provider City, State, ZIP Code', R, { city: 'Billing Provider City Name', state: 'Billing Provider State or Province Code', postal: 'Billing Provider Postal Zone or ZIP Code' }),

  ref('Billing Provider Tax Identification', R, 1, ['EI', 'SY'], 'Billing Provider Tax Identification Number'),
  ref('Billing Provider UPIN/License Information', S, 2, ['0B', '1G'], 'Billing Provider License and/or UPIN Information'),

  seg('PER', 'Billing Provider Contact Information', S, 2, [
    el('366', 'Contact Function Code', R, 'ID', 2, 2, ['IC']),
    el('93', 'Billing Provider Contact Name', S, 'AN', 1, 60),
    el('365', 'Communication Number Qualifier', R, 'ID', 2, 2, ['EM', 'FX', 'TE']),
    el('364', 'Communication Number', R, 'AN', 1, 256),
    el('365', 'Communication Number Qualifier', S, 'ID', 2, 2, ['EM', 'EX', 'FX', 'TE']),
    el('364', 'Communication Number', S, 'AN', 1, 256),
    el('365', 'Communication Number Qualifier', S, 'ID', 2, 2, ['EM', 'EX', 'FX', 'TE']),
    el('364', 'Communication Number', S, 'AN', 1, 256),
  ], { rules: ['P0304', 'P0506', 'P0708'] }),
]);

// Required when the address for payment is different from that of the Billing Provider.
const L2010AB = loop('2010AB', 'Pay-to Address Name', S, 1, [
  seg('NM1', 'Pay-to Address Name', R, 1, [
    el('98', 'Entity Identifier Code', R, 'ID', 2, 3, ['87']),
    el('1065', 'Entity Type Qualifier', R, 'ID', 1, 1, ['1', '2']),
  ], { rules: ['P0809', 'C1110', 'C1203'] }),
  n3('Pay-to Address - ADDRESS', R, 'Pay-To Address Line'),

  n4('Pay-To Address City, State, ZIP Code', R, { city: 'Pay-to Address City Name', state: 'Pay-to Address State Code', postal: 'Pay-to Address Postal Zone or ZIP Code' }),
]);

// Required when willing trading partners agree to use this implementation for their subrogation payment requests.
const L2010AC = loop('2010AC', 'Pay-To Plan Name', S, 1, [
  seg('NM1', 'Pay-To Plan Name', R, 1, [
    el('98', 'Entity Identifier Code', R, 'ID', 2, 3, ['PE']),
    el('1065', 'Entity Type Qualifier', R, 'ID', 1, 1, ['2']),
    el('1035', 'Pay-To Plan Organizational Name', R, 'AN', 1, 60),
    nu('1036', 'Pay-To Plan First Name', 'AN', 1, 35),
    nu('1037', 'Pay-To Plan Middle Name', 'AN', 1, 25),
    nu('1038', 'Name Prefix', 'AN', 1, 10),
    nu('1039', 'Pay-To Plan Name Suffix', 'AN', 1, 10),
    el('66', 'Identification Code Qualifier', R, 'ID', 1, 2, ['PI', 'XV']),
    el('67', 'Pay-To Plan Primary Identifier', R, 'AN', 2, 80),
  ], { rules: ['P0809', 'C1110', 'C1203'] }),

  n3('Pay-to Plan Address', R, 'Pay-To Plan Address Line'),

  n4('Pay-To Plan City, State, ZIP Code', R, { city: 'Pay-To Plan City Name', state: 'Pay-To Plan State or Province Code', postal: 'Pay-To Plan Postal Zone or ZIP Code' }),

  ref('Pay-to Plan Secondary Identification', S, 1, ['2U', 'FY', 'NF'], 'Pay-to Plan Secondary Identifier'),
  ref('Pay-To Plan Tax Identification Number', R, 1, ['EI'], 'Pay-To Plan Tax Identification Number'),
]);

const L2010BA = loop('2010BA', 'Subscriber Name', R, 1, [
  seg('NM1', 'Subscriber Name', R, 1, [
    el('98', 'Entity Identifier Code', R, 'ID', 2, 3, ['IL']),
    el('1065', 'Entity Type Qualifier', R, 'ID', 1, 1, ['1', '2']),
    el('1035', 'Subscriber Last Name', R, 'AN', 1, 60),
    el('1036', 'Subscriber First Name', S, 'AN', 1, 35),
    el('1037', 'Subscriber Middle Name or Initial', S, 'AN', 1, 25),
    nu('1038', 'Name Prefix', 'AN', 1, 10),
    el('1039', 'Subscriber Name Suffix', S, 'AN', 1, 10),
    el('66', 'Identification Code Qualifier', R, 'ID', 1, 2, ['II', 'MI']),
    el('67', 'Subscriber Primary Identifier', R, 'AN', 2, 80),
  ], { rules: ['P0809', 'C1110', 'C1203'] }),

  n3('Subscriber Address', S, 'Subscriber Address Line'),

  n4('Subscriber City, State, ZIP Code', S, { city: 'Subscriber City Name', state: 'Subscriber State Code', postal: 'Subscriber Postal Zone or ZIP Code' }),

  seg('DMG', 'Subscriber Demographic Information', S, 1, [
    el('1250', 'Date Time Period Format Qualifier', R, 'ID', 2, 3, ['D8']),
    el('1251', 'Subscriber Birth Date', R, 'AN', 1, 35),
    el('1068', 'Subscriber Gender Code', R, 'ID', 1, 1, ['F', 'M', 'U']),
  ], { rules: ['P0102', 'P1011', 'C1105'] }),
  seg('REF', 'Subscriber Secondary Identification', S, 1, [
    el('128', 'Reference Identification Qualifier', R, 'ID', 2, 3, ['SY']),
    el('127', 'Subscriber Supplemental Identifier', R, 'AN', 1, 50), // nine digits (pyx12: [0-9]{9})
  ], { rules: ['R0203'] }),
  ref('Property and Casualty Claim Number', S, 1, ['Y4'], 'Property Casualty Claim Number'),

  seg('PER', 'Property and Casualty Subscriber Contact Information', S, 1, [
    el('366', 'Contact Function Code', R, 'ID', 2, 2, ['IC']),
    el('93', 'Name', S, 'AN', 1, 60),
    el('365', 'Communication Number Qualifier', R, 'ID', 2, 2, ['TE']),
    el('364', 'Communication Number', R, 'AN', 1, 256),
    el('365', 'Communication Number Qualifier', S, 'ID', 2, 2, ['EX']),
    el('364', 'Communication Number', S, 'AN', 1, 256),
  ], { rules: ['P0304', 'P0506', 'P0708'] }),
]);

const L2010BB = loop('2010BB', 'Payer Name', R, 1, [
  seg('NM1', 'Payer Name', R, 1, [
    el('98', 'Entity Identifier Code', R, 'ID', 2, 3, ['PR']),
    el('1065', 'Entity Type Qualifier', R, 'ID', 1, 1, ['2']),
    el('1035', 'Payer Name', R, 'AN', 1, 60),
    nu('1036', 'Name First', 'AN', 1, 35),
    nu('1037', 'Name Middle', 'AN', 1, 25),
    nu('1038', 'Name Prefix', 'AN', 1, 10),
    nu('1039', 'Name Suffix', 'AN', 1, 10),
    el('66', 'Identification Code Qualifier', R, 'ID', 1, 2, ['PI', 'XV']),
    el('67', 'Payer Identifier', R, 'AN', 2, 80),
  ], { rules: ['P0809', 'C1110', 'C1203'] }),

  n3('Payer Address', S, 'Payer Address Line'),

  n4('Payer City, State, ZIP Code', S, { city: 'Payer City Name', state: 'Payer State or Province Code', postal: 'Payer Postal Zone or ZIP Code' }),

  ref('Payer Secondary Identification', S, 3, ['2U', 'EI', 'FY', 'NF'], 'Payer Secondary Identifier'),
  ref('Billing Provider Secondary Identification', S, 2, ['G2', 'LU'], 'Billing Provider Secondary Identifier'),
]);

// Required when the claim involves services resulting from a referral.
const L2310A = loop('2310A', 'Referring Provider Name', S, 2, [
  seg('NM1', 'Referring Provider Name', R, 1, [
    el('98', 'Entity Identifier Code', R, 'ID', 2, 3, ['DN', 'P3']),
    el('1065', 'Entity Type Qualifier', R, 'ID', 1, 1, ['1']),
    el('1035', 'Referring Provider Last Name', R, 'AN', 1, 60),
    el('1036', 'Referring Provider First Name', S, 'AN', 1, 35),
    el('1037', 'Referring Provider Middle Name or Initial', S, 'AN', 1, 25),
    nu('1038', 'Name Prefix', 'AN', 1, 10),
    el('1039', 'Referring Provider Name Suffix', S, 'AN', 1, 10),
    el('66', 'Identification Code Qualifier', S, 'ID', 1, 2, ['XX']),
    el('67', 'Referring Provider Identifier', S, 'AN', 2, 80),
  ], { rules: ['P0809', 'C1110', 'C1203'] }),

  ref('Referring Provider Secondary Identification', S, 3, ['0B', '1G', 'G2'], 'Referring Provider Secondary Identifier'),
]);

// Required when the Rendering Provider NPI is different from the Billing Provider NPI in 2010AA.
const L2310B = loop('2310B', 'Rendering Provider Name', S, 1, [
  seg('NM1', 'Rendering Provider Name', R, 1, [
    el('98', 'Entity Identifier Code', R, 'ID', 2, 3, ['82']),
    el('1065', 'Entity Type Qualifier', R, 'ID', 1, 1, ['1', '2']),
    el('1035', 'Rendering Provider Last or Organization Name', R, 'AN', 1, 60),
    el('1036', 'Rendering Provider First Name', S, 'AN', 1, 35),
    el('1037', 'Rendering Provider Middle Name or Initial', S, 'AN', 1, 25),
    nu('1038', 'Name Prefix', 'AN', 1, 10),
    el('1039', 'Rendering Provider Name Suffix', S, 'AN', 1, 10),
    el('66', 'Identification Code Qualifier', S, 'ID', 1, 2, ['XX']),
    el('67', 'Rendering Provider Identifier', S, 'AN', 2, 80),
  ], { rules: ['P0809', 'C1110', 'C1203'] }),

  seg('PRV', 'Rendering Provider Specialty Information', S, 1, [
    el('1221', 'Provider Code', R, 'ID', 1, 3, ['PE']),
    el('128', 'Reference Identification Qualifier', R, 'ID', 2, 3, ['PXC']),
    el('127', 'Provider Taxonomy Code', R, 'AN', 1, 50),
  ], { rules: ['P0203'] }),
  ref('Rendering Provider Secondary Identification', S, 4, ['0B', '1G', 'G2', 'LU'], 'Rendering Provider Secondary Identifier'),
]);

// Required when the location of health care service is different from that carried in 2010AA (Billing Provider).
const L2310C = loop('2310C', 'Service Facility Location Name', S, 1, [
  seg('NM1', 'Service Facility Location Name', R, 1, [
    el('98', 'Entity Identifier Code', R, 'ID', 2, 3, ['77']),
    el('1065', 'Entity Type Qualifier', R, 'ID', 1, 1, ['2']),
    el('1035', 'Laboratory or Facility Name', R, 'AN', 1, 60),
    nu('1036', 'Name First', 'AN', 1, 35),
    nu('1037', 'Name Middle', 'AN', 1, 25),
    nu('1038', 'Name Prefix', 'AN', 1, 10),
    nu('1039', 'Name Suffix', 'AN', 1, 10),
    el('66', 'Identification Code Qualifier', S, 'ID', 1, 2, ['XX']),
    el('67', 'Laboratory or Facility Primary Identifier', S, 'AN', 2, 80),
  ], { rules: ['P0809', 'C1110', 'C1203'] }),

  n3('Service Facility Location Address', R, 'Laboratory or Facility Address Line'),

  n4('Service Facility Location City, State, ZIP Code', R, { city: 'Laboratory or Facility City Name', state: 'Laboratory or Facility State or Province Code', postal: 'Laboratory or Facility Postal Zone or ZIP Code' }),

  ref('Service Facility Location Secondary Identification', S, 3, ['0B', 'G2', 'LU'], 'Laboratory or Facility Secondary Identifier'),

  seg('PER', 'Service Facility Contact Information', S, 1, [
    el('366', 'Contact Function Code', R, 'ID', 2, 2, ['IC']),
    el('93', 'Name', S, 'AN', 1, 60),
    el('365', 'Communication Number Qualifier', R, 'ID', 2, 2, ['TE']),
    el('364', 'Communication Number', R, 'AN', 1, 256),
    el('365', 'Communication Number Qualifier', S, 'ID', 2, 2, ['EX']),
    el('364', 'Communication Number', S, 'AN', 1, 256),
  ], { rules: ['P0304', 'P0506', 'P0708'] }),
]);

// Required when the rendering provider is supervised by a physician.
const L2310D = loop('2310D', 'Supervising Provider Name', S, 1, [
  seg('NM1', 'Supervising Provider Name', R, 1, [
    el('98', 'Entity Identifier Code', R, 'ID', 2, 3, ['DQ']),
    el('1065', 'Entity Type Qualifier', R, 'ID', 1, 1, ['1']),
    el('1035', 'Supervising Provider Last Name', R, 'AN', 1, 60),
    el('1036', 'Supervising Provider First Name', S, 'AN', 1, 35),
    el('1037', 'Supervising Provider Middle Name or Initial', S, 'AN', 1, 25),
    nu('1038', 'Name Prefix', 'AN', 1, 10),
    el('1039', 'Supervising Provider Name Suffix', S, 'AN', 1, 10),
    el('66', 'Identification Code Qualifier', S, 'ID', 1, 2, ['XX']),
    el('67', 'Supervising Provider Identifier', S, 'AN', 2, 80),
  ], { rules: ['P0809', 'C1110', 'C1203'] }),

  ref('Supervising Provider Secondary Identification', S, 4, ['0B', '1G', 'G2', 'LU'], 'Supervising Provider Secondary Identifier'),
]);

// Required when billing for ambulance or non-emergency transportation services.
const L2310E = loop('2310E', 'Ambulance Pick-up Location', S, 1, [
  seg('NM1', 'Ambulance Pick-up Location', R, 1, [
    el('98', 'Entity Identifier Code', R, 'ID', 2, 3, ['PW']),
    el('1065', 'Entity Type Qualifier', R, 'ID', 1, 1, ['2']),
  ], { rules: ['P0809', 'C1110', 'C1203'] }),
  n3('Ambulance Pick-up Location Address', R, 'Ambulance Pick-up Address Line'),

  n4('Ambulance Pick-up Location City, State, ZIP Code', R, { city: 'Ambulance Pick-up City Name', state: 'Ambulance Pick-up State or Province Code', postal: 'Ambulance Pick-up Postal Zone or ZIP Code' }),
]);

// Required when billing for ambulance or non-emergency transportation services.
const L2310F = loop('2310F', 'Ambulance Drop-off Location', S, 1, [
  seg('NM1', 'Ambulance Drop-off Location', R, 1, [
    el('98', 'Entity Identifier Code', R, 'ID', 2, 3, ['45']),
    el('1065', 'Entity Type Qualifier', R, 'ID', 1, 1, ['2']),
    el('1035', 'Ambulance Drop-off Location', S, 'AN', 1, 60),
  ], { rules: ['P0809', 'C1110', 'C1203'] }),
  n3('Ambulance Drop-off Location Address', R, 'Ambulance Drop-off Address Line'),

  n4('Ambulance Drop-off Location City, State, ZIP Code', R, { city: 'Ambulance Drop-off City Name', state: 'Ambulance Drop-off State or Province Code', postal: 'Ambulance Drop-off Postal Zone or ZIP Code' }),
]);

const L2330A = loop('2330A', 'Other Subscriber Name', R, 1, [
  seg('NM1', 'Other Subscriber Name', R, 1, [
    el('98', 'Entity Identifier Code', R, 'ID', 2, 3, ['IL']),
    el('1065', 'Entity Type Qualifier', R, 'ID', 1, 1, ['1', '2']),
    el('1035', 'Other Insured Last Name', R, 'AN', 1, 60),
    el('1036', 'Other Insured First Name', S, 'AN', 1, 35),
    el('1037', 'Other Insured Middle Name', S, 'AN', 1, 25),
    nu('1038', 'Name Prefix', 'AN', 1, 10),
    el('1039', 'Other Insured Name Suffix', S, 'AN', 1, 10),
    el('66', 'Identification Code Qualifier', R, 'ID', 1, 2, ['II', 'MI']),
    el('67', 'Other Insured Identifier', R, 'AN', 2, 80),
  ], { rules: ['P0809', 'C1110', 'C1203'] }),

  seg('N3', 'Other Subscriber Address', S, 1, [
    el('166', 'Other Subscriber Address Line', R, 'AN', 1, 55),
    el('166', 'Other Insured Address Line', S, 'AN', 1, 55),
  ]),

  n4('Other Subscriber City, State, ZIP Code', S, { city: 'Other Subscriber City Name', state: 'Other Subscriber State or Province Code', postal: 'Other Subscriber Postal Zone or ZIP Code' }),

  seg('REF', 'Other Subscriber Secondary Identification', S, 1, [
    el('128', 'Reference Identification Qualifier', R, 'ID', 2, 3, ['SY']),
    el('127', 'Other Insured Additional Identifier', R, 'AN', 1, 50), // nine digits (pyx12: [0-9]{9})
  ], { rules: ['R0203'] }),
]);

const L2330B = loop('2330B', 'Other Payer Name', R, 1, [
  seg('NM1', 'Other Payer Name', R, 1, [
    el('98', 'Entity Identifier Code', R, 'ID', 2, 3, ['PR']),
    el('1065', 'Entity Type Qualifier', R, 'ID', 1, 1, ['2']),
    el('1035', 'Other Payer Organization Name', R, 'AN', 1, 60),
    nu('1036', 'Name First', 'AN', 1, 35),
    nu('1037', 'Name Middle', 'AN', 1, 25),
    nu('1038', 'Name Prefix', 'AN', 1, 10),
    nu('1039', 'Name Suffix', 'AN', 1, 10),
    el('66', 'Identification Code Qualifier', R, 'ID', 1, 2, ['PI', 'XV']),
    el('67', 'Other Payer Primary Identifier', R, 'AN', 2, 80),
  ], { rules: ['P0809', 'C1110', 'C1203'] }),

  n3('Other Payer Address', S, 'Other Payer Address Line'),

  n4('Other Payer City, State, ZIP Code', S, { city: 'Other Payer City Name', state: 'Other Payer State or Province Code', postal: 'Other Payer Postal Zone or ZIP Code' }),

  seg('DTP', 'Claim Check or Remittance Date', S, 1, [
    el('374', 'Date Time Qualifier', R, 'ID', 3, 3, ['573']),
    el('1250', 'Date Time Period Format Qualifier', R, 'ID', 2, 3, ['D8']),
    el('1251', 'Adjudication or Payment Date', R, 'AN', 1, 35),
  ]),
  ref('Other Payer Secondary Identifier', S, 2, ['2U', 'EI', 'FY', 'NF'], 'Other Payer Secondary Identifier'),
  ref('Other Payer Prior Authorization Number', S, 1, ['G1'], 'Other Payer Prior Authorization Number'),
  ref('Other Payer Referral Number', S, 1, ['9F'], 'Other Payer Prior Authorization or Referral Number'),
  ref('Other Payer Claim Adjustment Indicator', S, 1, ['T4'], 'Other Payer Claim Adjustment Indicator'),
  ref('Other Payer Claim Control Number', S, 1, ['F8'], 'Other Payer\'s Claim Control Number'),
]);

const L2330C = loop('2330C', 'Other Payer Referring Provider', S, 2, [
  seg('NM1', 'Other Payer Referring Provider', R, 1, [
    el('98', 'Entity Identifier Code', R, 'ID', 2, 3, ['DN', 'P3']),
    el('1065', 'Entity Type Qualifier', R, 'ID', 1, 1, ['1']),
  ], { rules: ['P0809', 'C1110', 'C1203'] }),
  ref('Other Payer Referring Provider Secondary Identification', R, 3, ['0B', '1G', 'G2'], 'Other Payer Referring Provider Identifier'),
]);

const L2330D = loop('2330D', 'Other Payer Rendering Provider', S, 1, [
  seg('NM1', 'Other Payer Rendering Provider', R, 1, [
    el('98', 'Entity Identifier Code', R, 'ID', 2, 3, ['82']),
    el('1065', 'Entity Type Qualifier', R, 'ID', 1, 1, ['1', '2']),
  ], { rules: ['P0809', 'C1110', 'C1203'] }),
  ref('Other Payer Rendering Provider Secondary Identification', R, 3, ['0B', '1G', 'G2', 'LU'], 'Other Payer Rendering Provider Secondary Identifier'),
]);

const L2330E = loop('2330E', 'Other Payer Service Facility Location', S, 1, [
  seg('NM1', 'Other Payer Service Facility Location', R, 1, [
    el('98', 'Entity Identifier Code', R, 'ID', 2, 3, ['77']),
    el('1065', 'Entity Type Qualifier', R, 'ID', 1, 1, ['2']),
  ], { rules: ['P0809', 'C1110', 'C1203'] }),
  ref('Other Payer Service Facility Location Secondary Identification', R, 3, ['0B', 'G2', 'LU'], 'Other Payer Service Facility Location Secondary Identifier'),
]);

const L2330F = loop('2330F', 'Other Payer Supervising Provider', S, 1, [
  seg('NM1', 'Other Payer Supervising Provider', R, 1, [
    el('98', 'Entity Identifier Code', R, 'ID', 2, 3, ['DQ']),
    el('1065', 'Entity Type Qualifier', R, 'ID', 1, 1, ['1']),
  ], { rules: ['P0809', 'C1110', 'C1203'] }),
  ref('Other Payer Supervising Provider Secondary Identification', R, 3, ['0B', '1G', 'G2', 'LU'], 'Other Payer Supervising Provider Identifier'),
]);

const L2330G = loop('2330G', 'Other Payer Billing Provider', S, 1, [
  seg('NM1', 'Other Payer Billing Provider', R, 1, [
    el('98', 'Entity Identifier Code', R, 'ID', 2, 3, ['85']),
    el('1065', 'Entity Type Qualifier', R, 'ID', 1, 1, ['1', '2']),
  ], { rules: ['P0809', 'C1110', 'C1203'] }),
  ref('Other Payer Billing Provider Secondary Identification', R, 2, ['G2', 'LU'], 'Other Payer Billing Provider Identifier'),
]);

// Required when other payers are known to potentially be involved in paying on this claim.
const L2320 = loop('2320', 'Other Subscriber Information', S, 10, [
  seg('SBR', 'Other Subscriber Information', R, 1, [
    el('1138', 'Payer Responsibility Sequence Number Code', R, 'ID', 1, 1, ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'P', 'S', 'T', 'U']),
    el('1069', 'Individual Relationship Code', R, 'ID', 2, 2, ['01', '18', '19', '20', '21', '39', '40', '53', 'G8']),
    el('127', 'Insured Group or Policy Number', S, 'AN', 1, 50),
    el('93', 'Other Insured Group Name', S, 'AN', 1, 60),
    el('1336', 'Insurance Type Code', S, 'ID', 1, 3, ['12', '13', '14', '15', '16', '41', '42', '43', '47']),
    nu('1143', 'Coordination of Benefits Code', 'ID', 1, 1),
    nu('1073', 'Yes/No Condition or Response Code', 'ID', 1, 1),
    nu('584', 'Employment Status Code', 'ID', 2, 2),
    el('1032', 'Claim Filing Indicator Code', S, 'ID', 1, 2, ['11', '12', '13', '14', '15', '16', '17', 'AM', 'BL', 'CH', 'CI', 'DS', 'FI', 'HM', 'LM', 'MA', 'MB', 'MC', 'OF', 'TV', 'VA', 'WC', 'ZZ']),
  ]),

  seg('CAS', 'Claim Level Adjustments', S, 5, [
    el('1033', 'Claim Adjustment Group Code', R, 'ID', 1, 2, ['CO', 'CR', 'OA', 'PI', 'PR']),
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

  seg('AMT', 'Coordination of Benefits (COB) Payer Paid Amount', S, 1, [
    el('522', 'Amount Qualifier Code', R, 'ID', 1, 3, ['D']),
    el('782', 'Payer Paid Amount', R, 'R', 1, 18),
  ]),
  seg('AMT', 'Coordination of Benefits (COB) Total Non-Covered Amount', S, 1, [
    el('522', 'Amount Qualifier Code', R, 'ID', 1, 3, ['A8']),
    el('782', 'Non-Covered Charge Amount', R, 'R', 1, 18),
  ]),
  seg('AMT', 'Remaining Patient Liability', S, 1, [
    el('522', 'Amount Qualifier Code', R, 'ID', 1, 3, ['EAF']),
    el('782', 'Remaining Patient Liability', R, 'R', 1, 18),
  ]),

  seg('OI', 'Other Insurance Coverage Information', R, 1, [
    nu('1032', 'Claim Filing Indicator Code', 'ID', 1, 2),
    nu('1383', 'Claim Submission Reason Code', 'ID', 2, 2),
    el('1073', 'Benefits Assignment Certification Indicator', R, 'ID', 1, 1, ['N', 'W', 'Y']),
    el('1351', 'Patient Signature Source Code', S, 'ID', 1, 1, ['P']),
    nu('1360', 'Provider Agreement Code', 'ID', 1, 1),
    el('1363', 'Release of Information Code', R, 'ID', 1, 1, ['I', 'Y']),
  ]),

  seg('MOA', 'Outpatient Adjudication Information', S, 1, [
    el('954', 'Reimbursement Rate', S, 'R', 1, 10),
    el('782', 'HCPCS Payable Amount', S, 'R', 1, 18),
    el('127', 'Claim Payment Remark Code', S, 'AN', 1, 50),
    el('127', 'Claim Payment Remark Code', S, 'AN', 1, 50),
    el('127', 'Claim Payment Remark Code', S, 'AN', 1, 50),
    el('127', 'Claim Payment Remark Code', S, 'AN', 1, 50),
    el('127', 'Claim Payment Remark Code', S, 'AN', 1, 50),
    el('782', 'End Stage Renal Disease Payment Amount', S, 'R', 1, 18),
    el('782', 'Non-Payable Professional Component Billed Amount', S, 'R', 1, 18),
  ]),

  L2330A,
  L2330B,
  L2330C,
  L2330D,
  L2330E,
  L2330F,
  L2330G,
]);

// Required when government regulation mandates that prescribed drugs and biologics are reported with NDC numbers.
const L2410 = loop('2410', 'Drug Identification', S, 1, [
  seg('LIN', 'Drug Identification', R, 1, [
    nu('350', 'Assigned Identification', 'AN', 1, 20),
    el('235', 'Product or Service ID Qualifier', R, 'ID', 2, 2, ['EN', 'EO', 'HI', 'N4', 'ON', 'UK', 'UP']),
    el('234', 'National Drug Code or Universal Product Number', R, 'AN', 1, 48),
  ], { rules: ['P0405', 'P0607', 'P0809', 'P1011', 'P1213', 'P1415', 'P1617', 'P1819', 'P2021', 'P2223', 'P2425', 'P2627', 'P2829', 'P3031'] }),

  seg('CTP', 'Drug Quantity', R, 1, [
    nu('687', 'Class of Trade Code', 'ID', 2, 2),
    nu('236', 'Price Identifier Code', 'ID', 3, 3),
    nu('212', 'Unit Price', 'R', 1, 17),
    el('380', 'National Drug Unit Count', R, 'R', 1, 15),
    comp('C001', 'Composite Unit of Measure', R, [
      el('355', 'Code Qualifier', R, 'ID', 2, 2, ['F2', 'GR', 'ME', 'ML', 'UN']),
    ]),
  ], { rules: ['P0405', 'C0607', 'C0902', 'C1002', 'C1103'] }),

  ref('Prescription or Compound Drug Association Number', S, 1, ['VY', 'XZ'], 'Prescription Number'),
]);

const L2420A = loop('2420A', 'Rendering Provider Name', S, 1, [
  seg('NM1', 'Rendering Provider Name', R, 1, [
    el('98', 'Entity Identifier Code', R, 'ID', 2, 3, ['82']),
    el('1065', 'Entity Type Qualifier', R, 'ID', 1, 1, ['1', '2']),
    el('1035', 'Rendering Provider Last or Organization Name', R, 'AN', 1, 60),
    el('1036', 'Rendering Provider First Name', S, 'AN', 1, 35),
    el('1037', 'Rendering Provider Middle Name or Initial', S, 'AN', 1, 25),
    nu('1038', 'Name Prefix', 'AN', 1, 10),
    el('1039', 'Rendering Provider Name Suffix', S, 'AN', 1, 10),
    el('66', 'Identification Code Qualifier', S, 'ID', 1, 2, ['XX']),
    el('67', 'Rendering Provider Identifier', S, 'AN', 2, 80),
  ], { rules: ['P0809', 'C1110', 'C1203'] }),

  seg('PRV', 'Rendering Provider Specialty Information', S, 1, [
    el('1221', 'Provider Code', R, 'ID', 1, 3, ['PE']),
    el('128', 'Reference Identification Qualifier', R, 'ID', 2, 3, ['PXC']),
    el('127', 'Provider Taxonomy Code', R, 'AN', 1, 50),
  ], { rules: ['P0203'] }),

  seg('REF', 'Rendering Provider Secondary Identification', S, 20, [
    el('128', 'Reference Identification Qualifier', R, 'ID', 2, 3, ['0B', '1G', 'G2', 'LU']),
    el('127', 'Rendering Provider Secondary Identifier', R, 'AN', 1, 50),
    nu('352', 'Description', 'AN', 1, 80),
    comp('C040', 'Reference Identifier', S, [
      el('128', 'Reference Identification Qualifier', R, 'ID', 2, 3, ['2U']),
      el('127', 'Other Payer Primary Identifier', R, 'AN', 1, 50),
    ]),
  ], { rules: ['R0203'] }),
]);

const L2420B = loop('2420B', 'Purchased Service Provider Name', S, 1, [
  seg('NM1', 'Purchased Service Provider Name', R, 1, [
    el('98', 'Entity Identifier Code', R, 'ID', 2, 3, ['QB']),
    el('1065', 'Entity Type Qualifier', R, 'ID', 1, 1, ['1', '2']),
    nu('1035', 'Name Last or Organization Name', 'AN', 1, 60),
    nu('1036', 'Name First', 'AN', 1, 35),
    nu('1037', 'Name Middle', 'AN', 1, 25),
    nu('1038', 'Name Prefix', 'AN', 1, 10),
    nu('1039', 'Name Suffix', 'AN', 1, 10),
    el('66', 'Identification Code Qualifier', S, 'ID', 1, 2, ['XX']),
    el('67', 'Purchased Service Provider Identifier', S, 'AN', 2, 80),
  ], { rules: ['P0809', 'C1110', 'C1203'] }),

  seg('REF', 'Purchased Service Provider Secondary Identification', S, 20, [
    el('128', 'Reference Identification Qualifier', R, 'ID', 2, 3, ['0B', '1G', 'G2']),
    el('127', 'Purchased Service Provider Secondary Identifier', R, 'AN', 1, 50),
    nu('352', 'Description', 'AN', 1, 80),
    comp('C040', 'Reference Identifier', S, [
      el('128', 'Reference Identification Qualifier', R, 'ID', 2, 3, ['2U']),
      el('127', 'Other Payer Primary Identifier', R, 'AN', 1, 50),
    ]),
  ], { rules: ['R0203'] }),
]);

const L2420C = loop('2420C', 'Service Facility Location Name', S, 1, [
  seg('NM1', 'Service Facility Location Name', R, 1, [
    el('98', 'Entity Identifier Code', R, 'ID', 2, 3, ['77']),
    el('1065', 'Entity Type Qualifier', R, 'ID', 1, 1, ['2']),
    el('1035', 'Laboratory or Facility Name', R, 'AN', 1, 60),
    nu('1036', 'Name First', 'AN', 1, 35),
    nu('1037', 'Name Middle', 'AN', 1, 25),
    nu('1038', 'Name Prefix', 'AN', 1, 10),
    nu('1039', 'Name Suffix', 'AN', 1, 10),
    el('66', 'Identification Code Qualifier', S, 'ID', 1, 2, ['XX']),
    el('67', 'Laboratory or Facility Primary Identifier', S, 'AN', 2, 80),
  ], { rules: ['P0809', 'C1110', 'C1203'] }),

  n3('Service Facility Location Address', R, 'Laboratory or Facility Address Line'),

  n4('Service Facility Location City, State, ZIP Code', R, { city: 'Laboratory or Facility City Name', state: 'Laboratory or Facility State or Province Code', postal: 'Laboratory or Facility Postal Zone or ZIP Code' }),

  seg('REF', 'Service Facility Location Secondary Identification', S, 3, [
    el('128', 'Reference Identification Qualifier', R, 'ID', 2, 3, ['G2', 'LU']),
    el('127', 'Service Facility Location Secondary Identifier', R, 'AN', 1, 50),
    nu('352', 'Description', 'AN', 1, 80),
    comp('C040', 'Reference Identifier', S, [
      el('128', 'Reference Identification Qualifier', R, 'ID', 2, 3, ['2U']),
      el('127', 'Other Payer Primary Identifier', R, 'AN', 1, 50),
    ]),
  ], { rules: ['R0203'] }),
]);

const L2420D = loop('2420D', 'Supervising Provider Name', S, 1, [
  seg('NM1', 'Supervising Provider Name', R, 1, [
    el('98', 'Entity Identifier Code', R, 'ID', 2, 3, ['DQ']),
    el('1065', 'Entity Type Qualifier', R, 'ID', 1, 1, ['1']),
    el('1035', 'Supervising Provider Last Name', R, 'AN', 1, 60),
    el('1036', 'Supervising Provider First Name', S, 'AN', 1, 35),
    el('1037', 'Supervising Provider Middle Name or Initial', S, 'AN', 1, 25),
    nu('1038', 'Name Prefix', 'AN', 1, 10),
    el('1039', 'Supervising Provider Name Suffix', S, 'AN', 1, 10),
    el('66', 'Identification Code Qualifier', S, 'ID', 1, 2, ['XX']),
    el('67', 'Supervising Provider Identifier', S, 'AN', 2, 80),
  ], { rules: ['P0809', 'C1110', 'C1203'] }),

  seg('REF', 'Supervising Provider Secondary Identification', S, 20, [
    el('128', 'Reference Identification Qualifier', R, 'ID', 2, 3, ['0B', '1G', 'G2', 'LU']),
    el('127', 'Supervising Provider Secondary Identifier', R, 'AN', 1, 50),
    nu('352', 'Description', 'AN', 1, 80),
    comp('C040', 'Reference Identifier', S, [
      el('128', 'Reference Identification Qualifier', R, 'ID', 2, 3, ['2U']),
      el('127', 'Other Payer Primary Identifier', R, 'AN', 1, 50),
    ]),
  ], { rules: ['R0203'] }),
]);

const L2420E = loop('2420E', 'Ordering Provider Name', S, 1, [
  seg('NM1', 'Ordering Provider Name', R, 1, [
    el('98', 'Entity Identifier Code', R, 'ID', 2, 3, ['DK']),
    el('1065', 'Entity Type Qualifier', R, 'ID', 1, 1, ['1']),
    el('1035', 'Ordering Provider Last Name', R, 'AN', 1, 60),
    el('1036', 'Ordering Provider First Name', S, 'AN', 1, 35),
    el('1037', 'Ordering Provider Middle Name or Initial', S, 'AN', 1, 25),
    nu('1038', 'Name Prefix', 'AN', 1, 10),
    el('1039', 'Ordering Provider Name Suffix', S, 'AN', 1, 10),
    el('66', 'Identification Code Qualifier', S, 'ID', 1, 2, ['XX']),
    el('67', 'Ordering Provider Identifier', S, 'AN', 2, 80),
  ], { rules: ['P0809', 'C1110', 'C1203'] }),

  n3('Ordering Provider Address', S, 'Ordering Provider Address Line'),

  n4('Ordering Provider City, State, ZIP Code', S, { city: 'Ordering Provider City Name', state: 'Ordering Provider State or Province Code', postal: 'Ordering Provider Postal Zone or ZIP Code' }),

  seg('REF', 'Ordering Provider Secondary Identification', S, 20, [
    el('128', 'Reference Identification Qualifier', R, 'ID', 2, 3, ['0B', '1G', 'G2']),
    el('127', 'Ordering Provider Secondary Identifier', R, 'AN', 1, 50),
    nu('352', 'Description', 'AN', 1, 80),
    comp('C040', 'Reference Identifier', S, [
      el('128', 'Reference Identification Qualifier', R, 'ID', 2, 3, ['2U']),
      el('127', 'Other Payer Primary Identifier', R, 'AN', 1, 50),
    ]),
  ], { rules: ['R0203'] }),

  seg('PER', 'Ordering Provider Contact Information', S, 1, [
    el('366', 'Contact Function Code', R, 'ID', 2, 2, ['IC']),
    el('93', 'Ordering Provider Contact Name', S, 'AN', 1, 60),
    el('365', 'Communication Number Qualifier', R, 'ID', 2, 2, ['EM', 'FX', 'TE']),
    el('364', 'Communication Number', R, 'AN', 1, 256),
    el('365', 'Communication Number Qualifier', S, 'ID', 2, 2, ['EM', 'EX', 'FX', 'TE']),
    el('364', 'Communication Number', S, 'AN', 1, 256),
    el('365', 'Communication Number Qualifier', S, 'ID', 2, 2, ['EM', 'EX', 'FX', 'TE']),
    el('364', 'Communication Number', S, 'AN', 1, 256),
  ], { rules: ['P0304', 'P0506', 'P0708'] }),
]);

const L2420F = loop('2420F', 'Referring Provider Name', S, 2, [
  seg('NM1', 'Referring Provider Name', R, 1, [
    el('98', 'Entity Identifier Code', R, 'ID', 2, 3, ['DN', 'P3']),
    el('1065', 'Entity Type Qualifier', R, 'ID', 1, 1, ['1']),
    el('1035', 'Referring Provider Last Name', R, 'AN', 1, 60),
    el('1036', 'Referring Provider First Name', S, 'AN', 1, 35),
    el('1037', 'Referring Provider Middle Name or Initial', S, 'AN', 1, 25),
    nu('1038', 'Name Prefix', 'AN', 1, 10),
    el('1039', 'Referring Provider Name Suffix', S, 'AN', 1, 10),
    el('66', 'Identification Code Qualifier', S, 'ID', 1, 2, ['XX']),
    el('67', 'Referring Provider Identifier', S, 'AN', 2, 80),
  ], { rules: ['P0809', 'C1110', 'C1203'] }),

  seg('REF', 'Referring Provider Secondary Identification', S, 20, [
    el('128', 'Reference Identification Qualifier', R, 'ID', 2, 3, ['0B', '1G', 'G2']),
    el('127', 'Referring Provider Secondary Identifier', R, 'AN', 1, 50),
    nu('352', 'Description', 'AN', 1, 80),
    comp('C040', 'Reference Identifier', S, [
      el('128', 'Reference Identification Qualifier', R, 'ID', 2, 3, ['2U']),
      el('127', 'Other Payer Primary Identifier', R, 'AN', 1, 50),
    ]),
  ], { rules: ['R0203'] }),
]);

const L2420G = loop('2420G', 'Ambulance Pick-up Location', S, 1, [
  seg('NM1', 'Ambulance Pick-up Location', R, 1, [
    el('98', 'Entity Identifier Code', R, 'ID', 2, 3, ['PW']),
    el('1065', 'Entity Type Qualifier', R, 'ID', 1, 1, ['2']),
  ], { rules: ['P0809', 'C1110', 'C1203'] }),
  n3('Ambulance Pick-up Location Address', R, 'Ambulance Pick-up Address Line'),

  n4('Ambulance Pick-up Location City, State, ZIP Code', R, { city: 'Ambulance Pick-up City Name', state: 'Ambulance Pick-up State or Province Code', postal: 'Ambulance Pick-up Postal Zone or ZIP Code' }),
]);

const L2420H = loop('2420H', 'Ambulance Drop-off Location', S, 1, [
  seg('NM1', 'Ambulance Drop-off Location', R, 1, [
    el('98', 'Entity Identifier Code', R, 'ID', 2, 3, ['45']),
    el('1065', 'Entity Type Qualifier', R, 'ID', 1, 1, ['2']),
    el('1035', 'Ambulance Drop-off Location', S, 'AN', 1, 60),
  ], { rules: ['P0809', 'C1110', 'C1203'] }),
  n3('Ambulance Drop-off Location Address', R, 'Ambulance Drop-off Address Line'),

  n4('Ambulance Drop-off Location City, State, ZIP Code', R, { city: 'Ambulance Drop-off City Name', state: 'Ambulance Drop-off State or Province Code', postal: 'Ambulance Drop-off Postal Zone or ZIP Code' }),
]);

// Required when the claim has been previously adjudicated by the payer in 2330B and this line has payments and/or adjustments applied to it.
const L2430 = loop('2430', 'Line Adjudication Information', S, 15, [
  seg('SVD', 'Line Adjudication Information', R, 1, [
    el('67', 'Other Payer Primary Identifier', R, 'AN', 2, 80),
    el('782', 'Service Line Paid Amount', R, 'R', 1, 18),
    comp('C003', 'Composite Medical Procedure Identifier', R, [
      el('235', 'Product or Service ID Qualifier', R, 'ID', 2, 2, ['ER', 'HC', 'IV', 'WK']),
      el('234', 'Procedure Code', R, 'AN', 1, 48),
      el('1339', 'Procedure Modifier', S, 'AN', 2, 2),
      el('1339', 'Procedure Modifier', S, 'AN', 2, 2),
      el('1339', 'Procedure Modifier', S, 'AN', 2, 2),
      el('1339', 'Procedure Modifier', S, 'AN', 2, 2),
      el('352', 'Procedure Code Description', S, 'AN', 1, 80),
    ]),
    nu('234', 'Product/Service ID', 'AN', 1, 48),
    el('380', 'Paid Service Unit Count', R, 'R', 1, 15),
    el('554', 'Bundled or Unbundled Line Number', S, 'N0', 1, 6),
  ]),

  seg('CAS', 'Line Adjustment', S, 5, [
    el('1033', 'Claim Adjustment Group Code', R, 'ID', 1, 2, ['CO', 'CR', 'OA', 'PI', 'PR']),
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

  seg('DTP', 'Line Check or Remittance Date', R, 1, [
    el('374', 'Date Time Qualifier', R, 'ID', 3, 3, ['573']),
    el('1250', 'Date Time Period Format Qualifier', R, 'ID', 2, 3, ['D8']),
    el('1251', 'Adjudication or Payment Date', R, 'AN', 1, 35),
  ]),
  seg('AMT', 'Remaining Patient Liability', S, 1, [
    el('522', 'Amount Qualifier Code', R, 'ID', 1, 3, ['EAF']),
    el('782', 'Remaining Patient Liability', R, 'R', 1, 18),
  ]),
]);

const L2440 = loop('2440', 'Form Identification Code', S, INF, [
  seg('LQ', 'Form Identification Code', R, 1, [
    el('1270', 'Code List Qualifier Code', R, 'ID', 1, 3, ['AS', 'UT']),
    el('1271', 'Form Identifier', R, 'AN', 1, 30),
  ], { rules: ['C0102'] }),

  seg('FRM', 'Supporting Documentation', R, 99, [
    el('350', 'Question Number/Letter', R, 'AN', 1, 20),
    el('1073', 'Question Response', S, 'ID', 1, 1, ['N', 'W', 'Y']),
    el('127', 'Question Response', S, 'AN', 1, 50),
    el('373', 'Question Response', S, 'DT', 8, 8),
    el('332', 'Question Response', S, 'R', 1, 6),
  ], { rules: ['R02030405'] }),
]);

const L2400 = loop('2400', 'Service Line Number', R, 50, [
  seg('LX', 'Service Line Number', R, 1, [
    el('554', 'Assigned Number', R, 'N0', 1, 6),
  ]),

  seg('SV1', 'Professional Service', R, 1, [
    comp('C003', 'Composite Medical Procedure Identifier', R, [
      el('235', 'Product or Service ID Qualifier', R, 'ID', 2, 2, ['ER', 'HC', 'IV', 'WK']),
      el('234', 'Procedure Code', R, 'AN', 1, 48),
      el('1339', 'Procedure Modifier 1', S, 'AN', 2, 2),
      el('1339', 'Procedure Modifier 2', S, 'AN', 2, 2),
      el('1339', 'Procedure Modifier 3', S, 'AN', 2, 2),
      el('1339', 'Procedure Modifier 4', S, 'AN', 2, 2),
      el('352', 'Description', S, 'AN', 1, 80),
    ]),
    el('782', 'Line Item Charge Amount', R, 'R', 1, 18),
    el('355', 'Unit or Basis for Measurement Code', R, 'ID', 2, 2, ['MJ', 'UN']),
    el('380', 'Service Unit Count', R, 'R', 1, 15),
    el('1331', 'Place of Service Code', S, 'AN', 1, 2),
    nu('1365', 'Service Type Code', 'ID', 1, 2),
    comp('C004', 'Composite Diagnosis Code Pointer', R, [
      el('1328', 'Diagnosis Code Pointer', R, 'N0', 1, 2, ['1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11', '12']),
      el('1328', 'Diagnosis Code Pointer', S, 'N0', 1, 2, ['1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11', '12']),
      el('1328', 'Diagnosis Code Pointer', S, 'N0', 1, 2, ['1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11', '12']),
      el('1328', 'Diagnosis Code Pointer', S, 'N0', 1, 2, ['1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11', '12']),
    ]),
    nu('782', 'Monetary Amount', 'R', 1, 18),
    el('1073', 'Emergency Indicator', S, 'ID', 1, 1, ['Y']),
    nu('1340', 'Multiple Procedure Code', 'ID', 1, 2),
    el('1073', 'EPSDT Indicator', S, 'ID', 1, 1, ['Y']),
    el('1073', 'Family Planning Indicator', S, 'ID', 1, 1, ['Y']),
    nu('1364', 'Review Code', 'ID', 1, 2),
    nu('1341', 'National or Local Assigned Review Value', 'AN', 1, 2),
    el('1327', 'Co-Pay Status Code', S, 'ID', 1, 1, ['0']),
  ], { rules: ['P0304'] }),

  seg('SV5', 'Durable Medical Equipment Service', S, 1, [
    comp('C003', 'Composite Medical Procedure Identifier', R, [
      el('235', 'Procedure Identifier', R, 'ID', 2, 2, ['HC']),
      el('234', 'Procedure Code', R, 'AN', 1, 48),
    ]),
    el('355', 'Unit or Basis for Measurement Code', R, 'ID', 2, 2, ['DA']),
    el('380', 'Length of Medical Necessity', R, 'R', 1, 15),
    el('782', 'DME Rental Price', R, 'R', 1, 18),
    el('782', 'DME Purchase Price', R, 'R', 1, 18),
    el('594', 'Rental Unit Price Indicator', R, 'ID', 1, 1, ['1', '4', '6']),
  ], { rules: ['R0405', 'C0604'] }),

  seg('PWK', 'Line Supplemental Information', S, 10, [
    el('755', 'Attachment Report Type Code', R, 'ID', 2, 2, ['03', '04', '05', '06', '07', '08', '09', '10', '11', '13', '15', '21', 'A3', 'A4', 'AM', 'AS', 'B2', 'B3', 'B4', 'BR', 'BS', 'BT', 'CB', 'CK', 'CT', 'D2', 'DA', 'DB', 'DG', 'DJ', 'DS', 'EB', 'HC', 'HR', 'I5', 'IR', 'LA', 'M1', 'MT', 'NN', 'OB', 'OC', 'OD', 'OE', 'OX', 'OZ', 'P4', 'P5', 'PE', 'PN', 'PO', 'PQ', 'PY', 'PZ', 'RB', 'RR', 'RT', 'RX', 'SG', 'V5', 'XP']),
    el('756', 'Attachment Transmission Code', R, 'ID', 1, 2, ['AA', 'BM', 'EL', 'EM', 'FT', 'FX']),
    nu('757', 'Report Copies Needed', 'N0', 1, 2),
    nu('98', 'Entity Identifier Code', 'ID', 2, 3),
    el('66', 'Identification Code Qualifier', S, 'ID', 1, 2, ['AC']),
    el('67', 'Attachment Control Number', S, 'AN', 2, 80),
  ], { rules: ['P0506'], qualifier: { element: 2 } }),

  // PWK01 CT is allowed by both 2400 PWK uses; PWK02 (AB/AD/AF/AG/NS here, AA/BM/EL/EM/FT/FX above) tells them apart.
  seg('PWK', 'Durable Medical Equipment Certificate of Medical Necessity Indicator', S, 1, [
    el('755', 'Attachment Report Type Code', R, 'ID', 2, 2, ['CT']),
    el('756', 'Attachment Transmission Code', R, 'ID', 1, 2, ['AB', 'AD', 'AF', 'AG', 'NS']),
  ], { rules: ['P0506'], qualifier: { element: 2 } }),

  seg('CR1', 'Ambulance Transport Information', S, 1, [
    el('355', 'Unit or Basis for Measurement Code', S, 'ID', 2, 2, ['LB']),
    el('81', 'Patient Weight', S, 'R', 1, 10),
    nu('1316', 'Ambulance Transport Code', 'ID', 1, 1),
    el('1317', 'Ambulance Transport Reason Code', R, 'ID', 1, 1, ['A', 'B', 'C', 'D', 'E']),
    el('355', 'Unit or Basis for Measurement Code', R, 'ID', 2, 2, ['DH']),
    el('380', 'Transport Distance', R, 'R', 1, 15),
    nu('166', 'Address Information', 'AN', 1, 55),
    nu('166', 'Address Information', 'AN', 1, 55),
    el('352', 'Round Trip Purpose Description', S, 'AN', 1, 80),
    el('352', 'Stretcher Purpose Description', S, 'AN', 1, 80),
  ], { rules: ['P0102', 'P0506'] }),

  seg('CR3', 'Durable Medical Equipment Certification', S, 1, [
    el('1322', 'Certification Type Code', R, 'ID', 1, 1, ['I', 'R', 'S']),
    el('355', 'Unit or Basis for Measurement Code', R, 'ID', 2, 2, ['MO']),
    el('380', 'Durable Medical Equipment Duration', R, 'R', 1, 15),
  ], { rules: ['P0203'] }),

  seg('CRC', 'Ambulance Certification', S, 3, [
    el('1136', 'Code Category', R, 'ID', 2, 2, ['07']),
    el('1073', 'Certification Condition Indicator', R, 'ID', 1, 1, ['N', 'Y']),
    el('1321', 'Condition Code', R, 'ID', 2, 3, ['01', '04', '05', '06', '07', '08', '09', '12']),
    el('1321', 'Condition Code', S, 'ID', 2, 3, ['01', '04', '05', '06', '07', '08', '09', '12']),
    el('1321', 'Condition Code', S, 'ID', 2, 3, ['01', '04', '05', '06', '07', '08', '09', '12']),
    el('1321', 'Condition Code', S, 'ID', 2, 3, ['01', '04', '05', '06', '07', '08', '09', '12']),
    el('1321', 'Condition Code', S, 'ID', 2, 3, ['01', '04', '05', '06', '07', '08', '09', '12']),
  ]),

  seg('CRC', 'Hospice Employee Indicator', S, 1, [
    el('1136', 'Code Category', R, 'ID', 2, 2, ['70']),
    el('1073', 'Hospice Employed Provider Indicator', R, 'ID', 1, 1, ['N', 'Y']),
    el('1321', 'Condition Indicator', R, 'ID', 2, 3, ['65']),
  ]),
  seg('CRC', 'Condition Indicator/Durable Medical Equipment', S, 1, [
    el('1136', 'Code Category', R, 'ID', 2, 2, ['09']),
    el('1073', 'Certification Condition Indicator', R, 'ID', 1, 1, ['N', 'Y']),
    el('1321', 'Condition Indicator', R, 'ID', 2, 3, ['38', 'ZV']),
    el('1321', 'Condition Indicator', S, 'ID', 2, 3, ['38', 'ZV']),
  ]),
  seg('DTP', 'Date - Service Date', R, 1, [
    el('374', 'Date Time Qualifier', R, 'ID', 3, 3, ['472']),
    el('1250', 'Date Time Period Format Qualifier', R, 'ID', 2, 3, ['D8', 'RD8']),
    el('1251', 'Service Date', R, 'AN', 1, 35),
  ]),
  seg('DTP', 'Date - Prescription Date', S, 1, [
    el('374', 'Date Time Qualifier', R, 'ID', 3, 3, ['471']),
    el('1250', 'Date Time Period Format Qualifier', R, 'ID', 2, 3, ['D8']),
    el('1251', 'Prescription Date', R, 'AN', 1, 35),
  ]),
  seg('DTP', 'DATE - Certification Revision/Recertification Date', S, 1, [
    el('374', 'Date Time Qualifier', R, 'ID', 3, 3, ['607']),
    el('1250', 'Date Time Period Format Qualifier', R, 'ID', 2, 3, ['D8']),
    el('1251', 'Certification Revision or Recertification Date', R, 'AN', 1, 35),
  ]),
  seg('DTP', 'Date - Begin Therapy Date', S, 1, [
    el('374', 'Date Time Qualifier', R, 'ID', 3, 3, ['463']),
    el('1250', 'Date Time Period Format Qualifier', R, 'ID', 2, 3, ['D8']),
    el('1251', 'Begin Therapy Date', R, 'AN', 1, 35),
  ]),
  seg('DTP', 'Date - Last Certification Date', S, 1, [
    el('374', 'Date Time Qualifier', R, 'ID', 3, 3, ['461']),
    el('1250', 'Date Time Period Format Qualifier', R, 'ID', 2, 3, ['D8']),
    el('1251', 'Last Certification Date', R, 'AN', 1, 35),
  ]),
  seg('DTP', 'Date - Last Seen Date', S, 1, [
    el('374', 'Date Time Qualifier', R, 'ID', 3, 3, ['304']),
    el('1250', 'Date Time Period Format Qualifier', R, 'ID', 2, 3, ['D8']),
    el('1251', 'Treatment or Therapy Date', R, 'AN', 1, 35),
  ]),
  seg('DTP', 'Date - Test Date', S, 2, [
    el('374', 'Date Time Qualifier', R, 'ID', 3, 3, ['738', '739']),
    el('1250', 'Date Time Period Format Qualifier', R, 'ID', 2, 3, ['D8']),
    el('1251', 'Test Performed Date', R, 'AN', 1, 35),
  ]),
  seg('DTP', 'Date - Shipped Date', S, 1, [
    el('374', 'Date Time Qualifier', R, 'ID', 3, 3, ['011']),
    el('1250', 'Date Time Period Format Qualifier', R, 'ID', 2, 3, ['D8']),
    el('1251', 'Shipped Date', R, 'AN', 1, 35),
  ]),
  seg('DTP', 'Date - Last X-ray Date', S, 1, [
    el('374', 'Date Time Qualifier', R, 'ID', 3, 3, ['455']),
    el('1250', 'Date Time Period Format Qualifier', R, 'ID', 2, 3, ['D8']),
    el('1251', 'Last X-Ray Date', R, 'AN', 1, 35),
  ]),
  seg('DTP', 'Date - Initial Treatment Date', S, 1, [
    el('374', 'Date Time Qualifier', R, 'ID', 3, 3, ['454']),
    el('1250', 'Date Time Period Format Qualifier', R, 'ID', 2, 3, ['D8']),
    el('1251', 'Initial Treatment Date', R, 'AN', 1, 35),
  ]),
  seg('QTY', 'Ambulance Patient Count', S, 1, [
    el('673', 'Quantity Qualifier', R, 'ID', 2, 2, ['PT']),
    el('380', 'Ambulance Patient Count', R, 'R', 1, 15),
  ], { rules: ['E0204', 'R0204'] }),
  seg('QTY', 'Obstetric Anesthesia Additional Units', S, 1, [
    el('673', 'Quantity Qualifier', R, 'ID', 2, 2, ['FL']),
    el('380', 'Obstetric Additional Units', R, 'R', 1, 15),
  ], { rules: ['E0204', 'R0204'] }),
  seg('MEA', 'Test Result', S, 5, [
    el('737', 'Measurement Reference Identification Code', R, 'ID', 2, 2, ['OG', 'TR']),
    el('738', 'Measurement Qualifier', R, 'ID', 1, 3, ['HT', 'R1', 'R2', 'R3', 'R4']),
    el('739', 'Test Results', R, 'R', 1, 20),
  ], { rules: ['R03050608', 'L050412', 'L060412', 'L07030506', 'E0803', 'P1112'] }),

  seg('CN1', 'Contract Information', S, 1, [
    el('1166', 'Contract Type Code', R, 'ID', 2, 2, ['01', '02', '03', '04', '05', '06', '09']),
    el('782', 'Contract Amount', S, 'R', 1, 18),
    el('332', 'Contract Percentage', S, 'R', 1, 6),
    el('127', 'Contract Code', S, 'AN', 1, 50),
    el('338', 'Terms Discount Percentage', S, 'R', 1, 6),
    el('799', 'Contract Version Identifier', S, 'AN', 1, 30),
  ]),

  ref('Repriced Line Item Reference Number', S, 1, ['9B'], 'Repriced Line Item Reference Number'),
  ref('Adjusted Repriced Line Item Reference Number', S, 1, ['9D'], 'Adjusted Repriced Line Item Reference Number'),

  seg('REF', 'Prior Authorization', S, 5, [
    el('128', 'Reference Identification Qualifier', R, 'ID', 2, 3, ['G1']),
    el('127', 'Prior Authorization or Referral Number', R, 'AN', 1, 50),
    nu('352', 'Description', 'AN', 1, 80),
    comp('C040', 'Reference Identifier', S, [
      el('128', 'Reference Identification Qualifier', R, 'ID', 2, 3, ['2U']),
      el('127', 'Other Payer Primary Identifier', R, 'AN', 1, 50),
    ]),
  ], { rules: ['R0203'] }),

  ref('Line Item Control Number', S, 1, ['6R'], 'Line Item Control Number'),
  ref('Mammography Certification Number', S, 1, ['EW'], 'Mammography Certification Number'),
  ref('Clinical Laboratory Improvement Amendment (CLIA) Number', S, 1, ['X4'], 'Clinical Laboratory Improvement Amendment Number'),
  ref('Referring Clinical Laboratory Improvement Amendment (CLIA) Facility Identification', S, 1, ['F4'], 'Referring CLIA Number'),
  ref('Immunization Batch Number', S, 1, ['BT'], 'Immunization Batch Number'),

  seg('REF', 'Referral Number', S, 5, [
    el('128', 'Reference Identification Qualifier', R, 'ID', 2, 3, ['9F']),
    el('127', 'Referral Number', R, 'AN', 1, 50),
    nu('352', 'Description', 'AN', 1, 80),
    comp('C040', 'Reference Identifier', S, [
      el('128', 'Reference Identification Qualifier', R, 'ID', 2, 3, ['2U']),
      el('127', 'Other Payer Primary Identifier', R, 'AN', 1, 50),
    ]),
  ], { rules: ['R0203'] }),

  seg('AMT', 'Sales Tax Amount', S, 1, [
    el('522', 'Amount Qualifier Code', R, 'ID', 1, 3, ['T']),
    el('782', 'Sales Tax Amount', R, 'R', 1, 18),
  ]),
  seg('AMT', 'Postage Claimed Amount', S, 1, [
    el('522', 'Amount Qualifier Code', R, 'ID', 1, 3, ['F4']),
    el('782', 'Postage Claimed Amount', R, 'R', 1, 18),
  ]),
  seg('K3', 'File Information', S, 10, [
    el('449', 'Fixed Format Information', R, 'AN', 1, 80),
  ]),
  seg('NTE', 'Line Note', S, 1, [
    el('363', 'Note Reference Code', R, 'ID', 3, 3, ['ADD', 'DCP']),
    el('352', 'Line Note Text', R, 'AN', 1, 80),
  ]),
  seg('NTE', 'Third Party Organization Notes', S, 1, [
    el('363', 'Note Reference Code', R, 'ID', 3, 3, ['TPO']),
    el('352', 'Line Note Text', R, 'AN', 1, 80),
  ]),
  seg('PS1', 'Purchased Service Information', S, 1, [
    el('127', 'Purchased Service Provider Identifier', R, 'AN', 1, 50),
    el('782', 'Purchased Service Charge Amount', R, 'R', 1, 18),
  ]),

  seg('HCP', 'Line Pricing/Repricing Information', S, 1, [
    el('1473', 'Pricing Methodology', R, 'ID', 2, 2, ['00', '01', '02', '03', '04', '05', '06', '07', '08', '09', '10', '11', '12', '13', '14']),
    el('782', 'Repriced Allowed Amount', R, 'R', 1, 18),
    el('782', 'Repriced Saving Amount', S, 'R', 1, 18),
    el('127', 'Repricing Organization Identifier', S, 'AN', 1, 50),
    el('118', 'Repricing Per Diem or Flat Rate Amount', S, 'R', 1, 9),
    el('127', 'Repriced Approved Ambulatory Patient Group Code', S, 'AN', 1, 50),
    el('782', 'Repriced Approved Ambulatory Patient Group Amount', S, 'R', 1, 18),
    nu('234', 'Product/Service ID', 'AN', 1, 48),
    el('235', 'Product or Service ID Qualifier', S, 'ID', 2, 2, ['ER', 'HC', 'IV', 'WK']),
    el('234', 'Repriced Approved HCPCS Code', S, 'AN', 1, 48),
    el('355', 'Unit or Basis for Measurement Code', S, 'ID', 2, 2, ['MJ', 'UN']),
    el('380', 'Repriced Approved Service Unit Count', S, 'R', 1, 15),
    el('901', 'Reject Reason Code', S, 'ID', 2, 2, ['T1', 'T2', 'T3', 'T4', 'T5', 'T6']),
    el('1526', 'Policy Compliance Code', S, 'ID', 1, 2, ['1', '2', '3', '4', '5']),
    el('1527', 'Exception Code', S, 'ID', 1, 2, ['1', '2', '3', '4', '5', '6']),
  ], { rules: ['R0113', 'P0910', 'P1112'] }),

  L2410,
  L2420A,
  L2420B,
  L2420C,
  L2420D,
  L2420E,
  L2420F,
  L2420G,
  L2420H,
  L2430,
  L2440,
]);

const L2300_CHILDREN: readonly (SegmentDef | LoopDef)[] = [
  seg('CLM', 'Claim Information', R, 1, [
    el('1028', 'Patient Control Number', R, 'AN', 1, 38),
    el('782', 'Total Claim Charge Amount', R, 'R', 1, 18),
    nu('1032', 'Claim Filing Indicator Code', 'ID', 1, 2),
    nu('1343', 'Non-Institutional Claim Type Code', 'ID', 1, 2),
    comp('C023', 'Health Care Service Location Information', R, [
      el('1331', 'Place of Service Code', R, 'AN', 1, 2),
      el('1332', 'Facility Code Qualifier', R, 'ID', 1, 2, ['B']),
      el('1325', 'Claim Frequency Code', R, 'ID', 1, 1),
    ]),
    el('1073', 'Provider or Supplier Signature Indicator', R, 'ID', 1, 1, ['N', 'Y']),
    el('1359', 'Assignment or Plan Participation Code', R, 'ID', 1, 1, ['A', 'B', 'C']),
    el('1073', 'Benefits Assignment Certification Indicator', R, 'ID', 1, 1, ['N', 'W', 'Y']),
    el('1363', 'Release of Information Code', R, 'ID', 1, 1, ['I', 'Y']),
    el('1351', 'Patient Signature Source Code', S, 'ID', 1, 1, ['P']),
    comp('C024', 'Related Causes Information', S, [
      el('1362', 'Related Causes Code', R, 'ID', 2, 3, ['AA', 'EM', 'OA']),
      el('1362', 'Related Causes Code', S, 'ID', 2, 3, ['AA', 'EM', 'OA']),
      nu('1362', 'Related-Causes Code', 'ID', 2, 3),
      el('156', 'Auto Accident State or Province Code', S, 'ID', 2, 2),
      el('26', 'Country Code', S, 'ID', 2, 3),
    ]),
    el('1366', 'Special Program Indicator', S, 'ID', 2, 3, ['02', '03', '05', '09']),
    nu('1073', 'Yes/No Condition or Response Code', 'ID', 1, 1),
    nu('1338', 'Level of Service Code', 'ID', 1, 3),
    nu('1073', 'Yes/No Condition or Response Code', 'ID', 1, 1),
    nu('1360', 'Provider Agreement Code', 'ID', 1, 1),
    nu('1029', 'Claim Status Code', 'ID', 1, 2),
    nu('1073', 'Yes/No Condition or Response Code', 'ID', 1, 1),
    nu('1383', 'Claim Submission Reason Code', 'ID', 2, 2),
    el('1514', 'Delay Reason Code', S, 'ID', 1, 2, ['1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11', '15']),
  ]),

  seg('DTP', 'Date - Onset of Current Illness or Symptom', S, 1, [
    el('374', 'Date Time Qualifier', R, 'ID', 3, 3, ['431']),
    el('1250', 'Date Time Period Format Qualifier', R, 'ID', 2, 3, ['D8']),
    el('1251', 'Onset of Current Illness or Injury Date', R, 'AN', 1, 35),
  ]),
  seg('DTP', 'Date - Initial Treatment Date', S, 1, [
    el('374', 'Date Time Qualifier', R, 'ID', 3, 3, ['454']),
    el('1250', 'Date Time Period Format Qualifier', R, 'ID', 2, 3, ['D8']),
    el('1251', 'Initial Treatment Date', R, 'AN', 1, 35),
  ]),
  seg('DTP', 'Date - Last Seen Date', S, 1, [
    el('374', 'Date Time Qualifier', R, 'ID', 3, 3, ['304']),
    el('1250', 'Date Time Period Format Qualifier', R, 'ID', 2, 3, ['D8']),
    el('1251', 'Last Seen Date', R, 'AN', 1, 35),
  ]),
  seg('DTP', 'Date - Acute Manifestation', S, 1, [
    el('374', 'Date Time Qualifier', R, 'ID', 3, 3, ['453']),
    el('1250', 'Date Time Period Format Qualifier', R, 'ID', 2, 3, ['D8']),
    el('1251', 'Acute Manifestation Date', R, 'AN', 1, 35),
  ]),
  seg('DTP', 'Date - Accident', S, 1, [
    el('374', 'Date Time Qualifier', R, 'ID', 3, 3, ['439']),
    el('1250', 'Date Time Period Format Qualifier', R, 'ID', 2, 3, ['D8']),
    el('1251', 'Accident Date', R, 'AN', 1, 35),
  ]),
  seg('DTP', 'Date - Last Menstrual Period', S, 1, [
    el('374', 'Date Time Qualifier', R, 'ID', 3, 3, ['484']),
    el('1250', 'Date Time Period Format Qualifier', R, 'ID', 2, 3, ['D8']),
    el('1251', 'Last Menstrual Period Date', R, 'AN', 1, 35),
  ]),
  seg('DTP', 'Date - Last X-ray Date', S, 1, [
    el('374', 'Date Time Qualifier', R, 'ID', 3, 3, ['455']),
    el('1250', 'Date Time Period Format Qualifier', R, 'ID', 2, 3, ['D8']),
    el('1251', 'Last X-Ray Date', R, 'AN', 1, 35),
  ]),
  seg('DTP', 'Date - Hearing and Vision Prescription Date', S, 1, [
    el('374', 'Date Time Qualifier', R, 'ID', 3, 3, ['471']),
    el('1250', 'Date Time Period Format Qualifier', R, 'ID', 2, 3, ['D8']),
    el('1251', 'Prescription Date', R, 'AN', 1, 35),
  ]),
  seg('DTP', 'Date - Disability Dates', S, 1, [
    el('374', 'Date Time Qualifier', R, 'ID', 3, 3, ['314', '360', '361']),
    el('1250', 'Date Time Period Format Qualifier', R, 'ID', 2, 3, ['D8', 'RD8']),
    el('1251', 'Disability From Date', R, 'AN', 1, 35),
  ]),
  seg('DTP', 'Date - Last Worked', S, 1, [
    el('374', 'Date Time Qualifier', R, 'ID', 3, 3, ['297']),
    el('1250', 'Date Time Period Format Qualifier', R, 'ID', 2, 3, ['D8']),
    el('1251', 'Last Worked Date', R, 'AN', 1, 35),
  ]),
  seg('DTP', 'Date - Authorized Return to Work', S, 1, [
    el('374', 'Date Time Qualifier', R, 'ID', 3, 3, ['296']),
    el('1250', 'Date Time Period Format Qualifier', R, 'ID', 2, 3, ['D8']),
    el('1251', 'Work Return Date', R, 'AN', 1, 35),
  ]),
  seg('DTP', 'Date - Admission', S, 1, [
    el('374', 'Date Time Qualifier', R, 'ID', 3, 3, ['435']),
    el('1250', 'Date Time Period Format Qualifier', R, 'ID', 2, 3, ['D8']),
    el('1251', 'Related Hospitalization Admission Date', R, 'AN', 1, 35),
  ]),
  seg('DTP', 'Date - Discharge', S, 1, [
    el('374', 'Date Time Qualifier', R, 'ID', 3, 3, ['096']),
    el('1250', 'Date Time Period Format Qualifier', R, 'ID', 2, 3, ['D8']),
    el('1251', 'Related Hospitalization Discharge Date', R, 'AN', 1, 35),
  ]),
  seg('DTP', 'Date - Assumed and Relinquished Care Dates', S, 2, [
    el('374', 'Date Time Qualifier', R, 'ID', 3, 3, ['090', '091']),
    el('1250', 'Date Time Period Format Qualifier', R, 'ID', 2, 3, ['D8']),
    el('1251', 'Assumed or Relinquished Care Date', R, 'AN', 1, 35),
  ]),
  seg('DTP', 'Date - Property and Casualty Date of First Contact', S, 1, [
    el('374', 'Date Time Qualifier', R, 'ID', 3, 3, ['444']),
    el('1250', 'Date Time Period Format Qualifier', R, 'ID', 2, 3, ['D8']),
    el('1251', 'Date Time Period', R, 'AN', 1, 35),
  ]),
  seg('DTP', 'Date - Repricer Received Date', S, 1, [
    el('374', 'Date Time Qualifier', R, 'ID', 3, 3, ['050']),
    el('1250', 'Date Time Period Format Qualifier', R, 'ID', 2, 3, ['D8']),
    el('1251', 'Repricer Received Date', R, 'AN', 1, 35),
  ]),

  seg('PWK', 'Claim Supplemental Information', S, 10, [
    el('755', 'Attachment Report Type Code', R, 'ID', 2, 2, ['03', '04', '05', '06', '07', '08', '09', '10', '11', '13', '15', '21', 'A3', 'A4', 'AM', 'AS', 'B2', 'B3', 'B4', 'BR', 'BS', 'BT', 'CB', 'CK', 'CT', 'D2', 'DA', 'DB', 'DG', 'DJ', 'DS', 'EB', 'HC', 'HR', 'I5', 'IR', 'LA', 'M1', 'MT', 'NN', 'OB', 'OC', 'OD', 'OE', 'OX', 'OZ', 'P4', 'P5', 'PE', 'PN', 'PO', 'PQ', 'PY', 'PZ', 'RB', 'RR', 'RT', 'RX', 'SG', 'V5', 'XP']),
    el('756', 'Attachment Transmission Code', R, 'ID', 1, 2, ['AA', 'BM', 'EL', 'EM', 'FT', 'FX']),
    nu('757', 'Report Copies Needed', 'N0', 1, 2),
    nu('98', 'Entity Identifier Code', 'ID', 2, 3),
    el('66', 'Identification Code Qualifier', S, 'ID', 1, 2, ['AC']),
    el('67', 'Attachment Control Number', S, 'AN', 2, 80),
  ], { rules: ['P0506'] }),

  seg('CN1', 'Contract Information', S, 1, [
    el('1166', 'Contract Type Code', R, 'ID', 2, 2, ['01', '02', '03', '04', '05', '06', '09']),
    el('782', 'Contract Amount', S, 'R', 1, 18),
    el('332', 'Contract Percentage', S, 'R', 1, 6),
    el('127', 'Contract Code', S, 'AN', 1, 50),
    el('338', 'Terms Discount Percentage', S, 'R', 1, 6),
    el('799', 'Contract Version Identifier', S, 'AN', 1, 30),
  ]),

  seg('AMT', 'Patient Amount Paid', S, 1, [
    el('522', 'Amount Qualifier Code', R, 'ID', 1, 3, ['F5']),
    el('782', 'Patient Amount Paid', R, 'R', 1, 18),
  ]),
  ref('Service Authorization Exception Code', S, 1, ['4N'], 'Service Authorization Exception Code'),
  ref('Mandatory Medicare (Section 4081) Crossover Indicator', S, 1, ['F5'], 'Medicare Section 4081 Indicator'),
  ref('Mammography Certification Number', S, 1, ['EW'], 'Mammography Certification Number'),
  ref('Referral Number', S, 1, ['9F'], 'Referral Number'),
  ref('Prior Authorization', S, 1, ['G1'], 'Prior Authorization Number'),
  ref('Payer Claim Control Number', S, 1, ['F8'], 'Payer Claim Control Number'),
  ref('Clinical Laboratory Improvement Amendment (CLIA) Number', S, 1, ['X4'], 'Clinical Laboratory Improvement Amendment Number'),
  ref('Repriced Claim Number', S, 1, ['9A'], 'Repriced Claim Reference Number'),
  ref('Adjusted Repriced Claim Number', S, 1, ['9C'], 'Adjusted Repriced Claim Reference Number'),
  ref('Investigational Device Exemption Number', S, 1, ['LX'], 'Investigational Device Exemption Identifier'),
  ref('Claim Identifier For Transmission Intermediaries', S, 1, ['D9'], 'Value Added Network Trace Number'),
  ref('Medical Record Number', S, 1, ['EA'], 'Medical Record Number'),
  ref('Demonstration Project Identifier', S, 1, ['P4'], 'Demonstration Project Identifier'),
  ref('Care Plan Oversight', S, 1, ['1J'], 'Care Plan Oversight Number'),
  seg('K3', 'File Information', S, 10, [
    el('449', 'Fixed Format Information', R, 'AN', 1, 80),
  ]),
  seg('NTE', 'Claim Note', S, 1, [
    el('363', 'Note Reference Code', R, 'ID', 3, 3, ['ADD', 'CER', 'DCP', 'DGN', 'TPO']),
    el('352', 'Claim Note Text', R, 'AN', 1, 80),
  ]),

  seg('CR1', 'Ambulance Transport Information', S, 1, [
    el('355', 'Unit or Basis for Measurement Code', S, 'ID', 2, 2, ['LB']),
    el('81', 'Patient Weight', S, 'R', 1, 10),
    nu('1316', 'Ambulance Transport Code', 'ID', 1, 1),
    el('1317', 'Ambulance Transport Reason Code', R, 'ID', 1, 1, ['A', 'B', 'C', 'D', 'E']),
    el('355', 'Unit or Basis for Measurement Code', R, 'ID', 2, 2, ['DH']),
    el('380', 'Transport Distance', R, 'R', 1, 15),
    nu('166', 'Address Information', 'AN', 1, 55),
    nu('166', 'Address Information', 'AN', 1, 55),
    el('352', 'Round Trip Purpose Description', S, 'AN', 1, 80),
    el('352', 'Stretcher Purpose Description', S, 'AN', 1, 80),
  ], { rules: ['P0102', 'P0506'] }),

  seg('CR2', 'Spinal Manipulation Service Information', S, 1, [
    nu('609', 'Count', 'N0', 1, 9),
    nu('380', 'Quantity', 'R', 1, 15),
    nu('1367', 'Subluxation Level Code', 'ID', 2, 3),
    nu('1367', 'Subluxation Level Code', 'ID', 2, 3),
    nu('355', 'Unit or Basis for Measurement Code', 'ID', 2, 2),
    nu('380', 'Quantity', 'R', 1, 15),
    nu('380', 'Quantity', 'R', 1, 15),
    el('1342', 'Patient Condition Code', R, 'ID', 1, 1, ['A', 'C', 'D', 'E', 'F', 'G', 'M']),
    nu('1073', 'Yes/No Condition or Response Code', 'ID', 1, 1),
    el('352', 'Patient Condition Description', S, 'AN', 1, 80),
    el('352', 'Patient Condition Description', S, 'AN', 1, 80),
  ], { rules: ['P0102', 'C0403', 'P0506'] }),

  seg('CRC', 'Ambulance Certification', S, 3, [
    el('1136', 'Code Category', R, 'ID', 2, 2, ['07']),
    el('1073', 'Certification Condition Indicator', R, 'ID', 1, 1, ['N', 'Y']),
    el('1321', 'Condition Code', R, 'ID', 2, 3, ['01', '04', '05', '06', '07', '08', '09', '12']),
    el('1321', 'Condition Code', S, 'ID', 2, 3, ['01', '04', '05', '06', '07', '08', '09', '12']),
    el('1321', 'Condition Code', S, 'ID', 2, 3, ['01', '04', '05', '06', '07', '08', '09', '12']),
    el('1321', 'Condition Code', S, 'ID', 2, 3, ['01', '04', '05', '06', '07', '08', '09', '12']),
    el('1321', 'Condition Code', S, 'ID', 2, 3, ['01', '04', '05', '06', '07', '08', '09', '12']),
  ]),

  seg('CRC', 'Patient Condition Information: Vision', S, 3, [
    el('1136', 'Code Category', R, 'ID', 2, 2, ['E1', 'E2', 'E3']),
    el('1073', 'Certification Condition Indicator', R, 'ID', 1, 1, ['N', 'Y']),
    el('1321', 'Condition Code', R, 'ID', 2, 3, ['L1', 'L2', 'L3', 'L4', 'L5']),
    el('1321', 'Condition Code', S, 'ID', 2, 3, ['L1', 'L2', 'L3', 'L4', 'L5']),
    el('1321', 'Condition Code', S, 'ID', 2, 3, ['L1', 'L2', 'L3', 'L4', 'L5']),
    el('1321', 'Condition Code', S, 'ID', 2, 3, ['L1', 'L2', 'L3', 'L4', 'L5']),
    el('1321', 'Condition Code', S, 'ID', 2, 3, ['L1', 'L2', 'L3', 'L4', 'L5']),
  ]),

  seg('CRC', 'Homebound Indicator', S, 1, [
    el('1136', 'Code Category', R, 'ID', 2, 2, ['75']),
    el('1073', 'Certification Condition Indicator', R, 'ID', 1, 1, ['Y']),
    el('1321', 'Homebound Indicator', R, 'ID', 2, 3, ['IH']),
  ]),

  seg('CRC', 'EPSDT Referral', S, 1, [
    el('1136', 'Code Qualifier', R, 'ID', 2, 2, ['ZZ']),
    el('1073', 'Certification Condition Code Applies Indicator', R, 'ID', 1, 1, ['N', 'Y']),
    el('1321', 'Condition Indicator', R, 'ID', 2, 3, ['AV', 'NU', 'S2', 'ST']),
    el('1321', 'Condition Indicator', S, 'ID', 2, 3, ['AV', 'NU', 'S2', 'ST']),
    el('1321', 'Condition Indicator', S, 'ID', 2, 3, ['AV', 'NU', 'S2', 'ST']),
  ]),

  seg('HI', 'Health Care Diagnosis Code', R, 1, [
    comp('C022', 'Health Care Code Information', R, [
      el('1270', 'Diagnosis Type Code', R, 'ID', 1, 3, ['ABK', 'BK']),
      el('1271', 'Diagnosis Code', R, 'AN', 1, 30),
    ]),
    comp('C022', 'Health Care Code Information', S, [
      el('1270', 'Diagnosis Type Code', R, 'ID', 1, 3, ['ABF', 'BF']),
      el('1271', 'Diagnosis Code', R, 'AN', 1, 30),
    ]),
    comp('C022', 'Health Care Code Information', S, [
      el('1270', 'Diagnosis Type Code', R, 'ID', 1, 3, ['ABF', 'BF']),
      el('1271', 'Diagnosis Code', R, 'AN', 1, 30),
    ]),
    comp('C022', 'Health Care Code Information', S, [
      el('1270', 'Diagnosis Type Code', R, 'ID', 1, 3, ['ABF', 'BF']),
      el('1271', 'Diagnosis Code', R, 'AN', 1, 30),
    ]),
    comp('C022', 'Health Care Code Information', S, [
      el('1270', 'Diagnosis Type Code', R, 'ID', 1, 3, ['ABF', 'BF']),
      el('1271', 'Diagnosis Code', R, 'AN', 1, 30),
    ]),
    comp('C022', 'Health Care Code Information', S, [
      el('1270', 'Diagnosis Type Code', R, 'ID', 1, 3, ['ABF', 'BF']),
      el('1271', 'Diagnosis Code', R, 'AN', 1, 30),
    ]),
    comp('C022', 'Health Care Code Information', S, [
      el('1270', 'Diagnosis Type Code', R, 'ID', 1, 3, ['ABF', 'BF']),
      el('1271', 'Diagnosis Code', R, 'AN', 1, 30),
    ]),
    comp('C022', 'Health Care Code Information', S, [
      el('1270', 'Diagnosis Type Code', R, 'ID', 1, 3, ['ABF', 'BF']),
      el('1271', 'Diagnosis Code', R, 'AN', 1, 30),
    ]),
    comp('C022', 'Health Care Code Information', S, [
      el('1270', 'Diagnosis Type Code', R, 'ID', 1, 3, ['ABF', 'BF']),
      el('1271', 'Diagnosis Code', R, 'AN', 1, 30),
    ]),
    comp('C022', 'Health Care Code Information', S, [
      el('1270', 'Diagnosis Type Code', R, 'ID', 1, 3, ['ABF', 'BF']),
      el('1271', 'Diagnosis Code', R, 'AN', 1, 30),
    ]),
    comp('C022', 'Health Care Code Information', S, [
      el('1270', 'Diagnosis Type Code', R, 'ID', 1, 3, ['ABF', 'BF']),
      el('1271', 'Diagnosis Code', R, 'AN', 1, 30),
    ]),
    comp('C022', 'Health Care Code Information', S, [
      el('1270', 'Diagnosis Type Code', R, 'ID', 1, 3, ['ABF', 'BF']),
      el('1271', 'Diagnosis Code', R, 'AN', 1, 30),
    ]),
  ], { qualifier: { element: 1, component: 1 } }),

  seg('HI', 'Anesthesia Related Procedure', S, 1, [
    comp('C022', 'Health Care Code Information', R, [
      el('1270', 'Code List Qualifier Code', R, 'ID', 1, 3, ['BP']),
      el('1271', 'Anesthesia Related Surgical Procedure', R, 'AN', 1, 30),
    ]),
    comp('C022', 'Health Care Code Information', S, [
      el('1270', 'Code List Qualifier Code', R, 'ID', 1, 3, ['BO']),
      el('1271', 'Industry Code', R, 'AN', 1, 30),
    ]),
  ], { qualifier: { element: 1, component: 1 } }),

  seg('HI', 'Condition Information', S, 2, [
    comp('C022', 'Health Care Code Information', R, [
      el('1270', 'Code List Qualifier Code', R, 'ID', 1, 3, ['BG']),
      el('1271', 'Condition Code', R, 'AN', 1, 30),
    ]),
    comp('C022', 'Health Care Code Information', S, [
      el('1270', 'Code List Qualifier Code', R, 'ID', 1, 3, ['BG']),
      el('1271', 'Condition Code', R, 'AN', 1, 30),
    ]),
    comp('C022', 'Health Care Code Information', S, [
      el('1270', 'Code List Qualifier Code', R, 'ID', 1, 3, ['BG']),
      el('1271', 'Condition Code', R, 'AN', 1, 30),
    ]),
    comp('C022', 'Health Care Code Information', S, [
      el('1270', 'Code List Qualifier Code', R, 'ID', 1, 3, ['BG']),
      el('1271', 'Condition Code', R, 'AN', 1, 30),
    ]),
    comp('C022', 'Health Care Code Information', S, [
      el('1270', 'Code List Qualifier Code', R, 'ID', 1, 3, ['BG']),
      el('1271', 'Condition Code', R, 'AN', 1, 30),
    ]),
    comp('C022', 'Health Care Code Information', S, [
      el('1270', 'Code List Qualifier Code', R, 'ID', 1, 3, ['BG']),
      el('1271', 'Condition Code', R, 'AN', 1, 30),
    ]),
    comp('C022', 'Health Care Code Information', S, [
      el('1270', 'Code List Qualifier Code', R, 'ID', 1, 3, ['BG']),
      el('1271', 'Condition Code', R, 'AN', 1, 30),
    ]),
    comp('C022', 'Health Care Code Information', S, [
      el('1270', 'Code List Qualifier Code', R, 'ID', 1, 3, ['BG']),
      el('1271', 'Condition Code', R, 'AN', 1, 30),
    ]),
    comp('C022', 'Health Care Code Information', S, [
      el('1270', 'Code List Qualifier Code', R, 'ID', 1, 3, ['BG']),
      el('1271', 'Condition Code', R, 'AN', 1, 30),
    ]),
    comp('C022', 'Health Care Code Information', S, [
      el('1270', 'Code List Qualifier Code', R, 'ID', 1, 3, ['BG']),
      el('1271', 'Condition Code', R, 'AN', 1, 30),
    ]),
    comp('C022', 'Health Care Code Information', S, [
      el('1270', 'Code List Qualifier Code', R, 'ID', 1, 3, ['BG']),
      el('1271', 'Condition Code', R, 'AN', 1, 30),
    ]),
    comp('C022', 'Health Care Code Information', S, [
      el('1270', 'Code List Qualifier Code', R, 'ID', 1, 3, ['BG']),
      el('1271', 'Condition Code', R, 'AN', 1, 30),
    ]),
  ], { qualifier: { element: 1, component: 1 } }),

  seg('HCP', 'Claim Pricing/Repricing Information', S, 1, [
    el('1473', 'Pricing Methodology', R, 'ID', 2, 2, ['00', '01', '02', '03', '04', '05', '07', '08', '09', '10', '11', '12', '13', '14']),
    el('782', 'Repriced Allowed Amount', R, 'R', 1, 18),
    el('782', 'Repriced Saving Amount', S, 'R', 1, 18),
    el('127', 'Repricing Organization Identifier', S, 'AN', 1, 50),
    el('118', 'Repricing Per Diem or Flat Rate Amount', S, 'R', 1, 9),
    el('127', 'Repriced Approved Ambulatory Patient Group Code', S, 'AN', 1, 50),
    el('782', 'Repriced Approved Ambulatory Patient Group Amount', S, 'R', 1, 18),
    nu('234', 'Product/Service ID', 'AN', 1, 48),
    nu('235', 'Product/Service ID Qualifier', 'ID', 2, 2),
    nu('234', 'Product/Service ID', 'AN', 1, 48),
    nu('355', 'Unit or Basis for Measurement Code', 'ID', 2, 2),
    nu('380', 'Quantity', 'R', 1, 15),
    el('901', 'Reject Reason Code', S, 'ID', 2, 2, ['T1', 'T2', 'T3', 'T4', 'T5', 'T6']),
    el('1526', 'Policy Compliance Code', S, 'ID', 1, 2, ['1', '2', '3', '4', '5']),
    el('1527', 'Exception Code', S, 'ID', 1, 2, ['1', '2', '3', '4', '5', '6']),
  ], { rules: ['R0113', 'P0910', 'P1112'] }),

  L2310A,
  L2310B,
  L2310C,
  L2310D,
  L2310E,
  L2310F,
  L2320,
  L2400,
];

const L2010CA = loop('2010CA', 'Patient Name', R, 1, [
  seg('NM1', 'Patient Name', R, 1, [
    el('98', 'Entity Identifier Code', R, 'ID', 2, 3, ['QC']),
    el('1065', 'Entity Type Qualifier', R, 'ID', 1, 1, ['1']),
    el('1035', 'Patient Last Name', R, 'AN', 1, 60),
    el('1036', 'Patient First Name', S, 'AN', 1, 35),
    el('1037', 'Patient Middle Name or Initial', S, 'AN', 1, 25),
    nu('1038', 'Name Prefix', 'AN', 1, 10),
    el('1039', 'Patient Name Suffix', S, 'AN', 1, 10),
  ], { rules: ['P0809', 'C1110', 'C1203'] }),

  n3('Patient Address', R, 'Patient Address Line'),

  n4('Patient City, State, ZIP Code', R, { city: 'Patient City Name', state: 'Patient State Code', postal: 'Patient Postal Zone or ZIP Code' }),

  seg('DMG', 'Patient Demographic Information', R, 1, [
    el('1250', 'Date Time Period Format Qualifier', R, 'ID', 2, 3, ['D8']),
    el('1251', 'Patient Birth Date', R, 'AN', 1, 35),
    el('1068', 'Patient Gender Code', R, 'ID', 1, 1, ['F', 'M', 'U']),
  ], { rules: ['P0102', 'P1011', 'C1105'] }),
  ref('Property and Casualty Claim Number', S, 1, ['Y4'], 'Property Casualty Claim Number'),
  ref('Property and Casualty Patient Identifier', S, 1, ['1W', 'SY'], 'Property and Casualty Patient Identifier'),

  seg('PER', 'Property and Casualty Patient Contact Information', S, 1, [
    el('366', 'Contact Function Code', R, 'ID', 2, 2, ['IC']),
    el('93', 'Name', S, 'AN', 1, 60),
    el('365', 'Communication Number Qualifier', R, 'ID', 2, 2, ['TE']),
    el('364', 'Communication Number', R, 'AN', 1, 256),
    el('365', 'Communication Number Qualifier', S, 'ID', 2, 2, ['EX']),
    el('364', 'Communication Number', S, 'AN', 1, 256),
  ], { rules: ['P0304', 'P0506', 'P0708'] }),
]);

// Required when the patient is not the subscriber (SBR02 is then not sent); the claim (2300) then sits here, not under 2000B.
const L2000C = loop('2000C', 'Patient Hierarchical Level', S, INF, [
  seg('HL', 'Patient Hierarchical Level', R, 1, [
    el('628', 'Hierarchical ID Number', R, 'AN', 1, 12),
    el('734', 'Hierarchical Parent ID Number', R, 'AN', 1, 12),
    el('735', 'Hierarchical Level Code', R, 'ID', 1, 2, ['23']),
    el('736', 'Hierarchical Child Code', R, 'ID', 1, 1, ['0']),
  ], { qualifier: { element: 3 } }),

  seg('PAT', 'Patient Information', R, 1, [
    el('1069', 'Individual Relationship Code', R, 'ID', 2, 2, ['01', '19', '20', '21', '39', '40', '53', 'G8']),
    nu('1384', 'Patient Location Code', 'ID', 1, 1),
    nu('584', 'Employment Status Code', 'ID', 2, 2),
    nu('1220', 'Student Status Code', 'ID', 1, 1),
    el('1250', 'Date Time Period Format Qualifier', S, 'ID', 2, 3, ['D8']),
    el('1251', 'Patient Death Date', S, 'AN', 1, 35),
    el('355', 'Unit or Basis for Measurement Code', S, 'ID', 2, 2, ['01']),
    el('81', 'Patient Weight', S, 'R', 1, 10),
    el('1073', 'Pregnancy Indicator', S, 'ID', 1, 1, ['Y']),
  ], { rules: ['P0506', 'P0708'] }),

  L2010CA,
  // Claim for the dependent patient of this 2000C.
  loop('2300', 'Claim Information', R, 100, L2300_CHILDREN),
]);

const L2000B = loop('2000B', 'Subscriber Hierarchical Level', R, INF, [
  seg('HL', 'Subscriber Hierarchical Level', R, 1, [
    el('628', 'Hierarchical ID Number', R, 'AN', 1, 12),
    el('734', 'Hierarchical Parent ID Number', R, 'AN', 1, 12),
    el('735', 'Hierarchical Level Code', R, 'ID', 1, 2, ['22']),
    el('736', 'Hierarchical Child Code', R, 'ID', 1, 1, ['0', '1']),
  ], { qualifier: { element: 3 } }),

  seg('SBR', 'Subscriber Information', R, 1, [
    el('1138', 'Payer Responsibility Sequence Number Code', R, 'ID', 1, 1, ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'P', 'S', 'T', 'U']),
    el('1069', 'Individual Relationship Code', S, 'ID', 2, 2, ['18']),
    el('127', 'Subscriber Group or Policy Number', S, 'AN', 1, 50),
    el('93', 'Subscriber Group Name', S, 'AN', 1, 60),
    el('1336', 'Insurance Type Code', S, 'ID', 1, 3, ['12', '13', '14', '15', '16', '41', '42', '43', '47']),
    nu('1143', 'Coordination of Benefits Code', 'ID', 1, 1),
    nu('1073', 'Yes/No Condition or Response Code', 'ID', 1, 1),
    nu('584', 'Employment Status Code', 'ID', 2, 2),
    el('1032', 'Claim Filing Indicator Code', S, 'ID', 1, 2, ['11', '12', '13', '14', '15', '16', '17', 'AM', 'BL', 'CH', 'CI', 'DS', 'FI', 'HM', 'LM', 'MA', 'MB', 'MC', 'OF', 'TV', 'VA', 'WC', 'ZZ']),
  ]),

  // Required when the patient is the subscriber and a date of death, weight or pregnancy indicator must be reported.
  seg('PAT', 'Patient Information', S, 1, [
    nu('1069', 'Individual Relationship Code', 'ID', 2, 2),
    nu('1384', 'Patient Location Code', 'ID', 1, 1),
    nu('584', 'Employment Status Code', 'ID', 2, 2),
    nu('1220', 'Student Status Code', 'ID', 1, 1),
    el('1250', 'Date Time Period Format Qualifier', S, 'ID', 2, 3, ['D8']),
    el('1251', 'Patient Death Date', S, 'AN', 1, 35),
    el('355', 'Unit or Basis for Measurement Code', S, 'ID', 2, 2, ['01']),
    el('81', 'Patient Weight', S, 'R', 1, 10),
    el('1073', 'Pregnancy Indicator', S, 'ID', 1, 1, ['Y']),
  ], { rules: ['P0506', 'P0708'] }),

  L2010BA,
  L2010BB,
  // Claim for a patient who is the subscriber (SBR02 18); a dependent's claim goes under 2000C.
  loop('2300', 'Claim Information', S, 100, L2300_CHILDREN),
  L2000C,
]);

const L2000A = loop('2000A', 'Billing Provider Hierarchical Level', R, INF, [
  seg('HL', 'Billing Provider Hierarchical Level', R, 1, [
    el('628', 'Hierarchical ID Number', R, 'AN', 1, 12),
    nu('734', 'Hierarchical Parent ID Number', 'AN', 1, 12),
    el('735', 'Hierarchical Level Code', R, 'ID', 1, 2, ['20']),
    el('736', 'Hierarchical Child Code', R, 'ID', 1, 1, ['1']),
  ], { qualifier: { element: 3 } }),
  seg('PRV', 'Billing Provider Specialty Information', S, 1, [
    el('1221', 'Provider Code', R, 'ID', 1, 3, ['BI']),
    el('128', 'Reference Identification Qualifier', R, 'ID', 2, 3, ['PXC']),
    el('127', 'Provider Taxonomy Code', R, 'AN', 1, 50),
  ], { rules: ['P0203'] }),
  seg('CUR', 'Foreign Currency Information', S, 1, [
    el('98', 'Entity Identifier Code', R, 'ID', 2, 3, ['85']),
    el('100', 'Currency Code', R, 'ID', 3, 3),
  ], { rules: ['C0807', 'C0907', 'L101112', 'C1110', 'C1210', 'L131415', 'C1413', 'C1513', 'L161718', 'C1716', 'C1816', 'L192021', 'C2019', 'C2119'] }),
  L2010AA,
  L2010AB,
  L2010AC,
  L2000B,
]);

export const X222A1_837P: GuideDef = guide({
  id: '005010X222A1',
  set: '837',
  functionalId: 'HC',
  name: 'Health Care Claim: Professional',
  root: loop('ST', 'Health Care Claim: Professional', R, 1, [
    st('837', '005010X222A1'),

    seg('BHT', 'Beginning of Hierarchical Transaction', R, 1, [
      el('1005', 'Hierarchical Structure Code', R, 'ID', 4, 4, ['0019']),
      el('353', 'Transaction Set Purpose Code', R, 'ID', 2, 2, ['00', '18']),
      el('127', 'Originator Application Transaction Identifier', R, 'AN', 1, 50),
      el('373', 'Transaction Set Creation Date', R, 'DT', 8, 8),
      el('337', 'Transaction Set Creation Time', R, 'TM', 4, 8),
      el('640', 'Claim or Encounter Identifier', R, 'ID', 2, 2, ['CH', 'RP']),
    ]),

    L1000A,
    L1000B,
    L2000A,
    se(),
  ]),
});
