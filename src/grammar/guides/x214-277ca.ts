/**
 * 005010X214 Health Care Claim Acknowledgment (277CA), ST01 277, GS01 HN.
 *
 * Transcribed from the pyx12 map 277.5010.X214.xml (loop/segment/element structure, usage, max use, codes
 * per use) with element types and lengths from pyx12 dataele.xml, cross-checked against the stupidedi
 * X214-HN277 definition. Where they disagree the pyx12 map is followed, except:
 * - 2000C (Billing Provider of Service Level) is situational: 2000B HL04 may be 0 (no subordinate level),
 *   so the level cannot be required (the pyx12 map marks it R, stupidedi S).
 * - 2200C STC (Billing Provider Status Information) is situational: it is sent only when status is
 *   reported at the provider level; 2200C TRN is still required (TRN02 is 0 when there is no trace number).
 * Syntax notes are the X12 standard's (NM1 P0809 C1110 C1203, REF R0203, QTY R0204 E0204).
 * External code lists (claim status category 507 and claim status 508 in STC C043, procedure and revenue
 * codes in SVC) are left without codes here.
 */
import { INF, N, R, S, comp, el, guide, loop, nu, seg } from '../dsl.js';
import { se, st } from '../common.js';
import type { CompositeElementDef, GuideDef } from '../types.js';

const GUIDE_ID = '005010X214';

/** STC01-3 Entity Identifier Code values the TR3 allows at the claim and service line levels. */
const CLAIM_STATUS_ENTITY_CODES = ['03', '1P', '1Z', '40', '41', '71', '72', '73', '77', '82', '85', '87', 'DK', 'DN', 'DQ', 'FA', 'GB', 'HK', 'IL', 'LI', 'MSC', 'PR', 'PRP', 'QB', 'QC', 'QD', 'SEP', 'TL', 'TTP', 'TU'];

const NM1_RULES = ['P0809', 'C1110', 'C1203'];
const QTY_RULES = ['R0204', 'E0204'];
const REF_RULES = ['R0203'];

/** STC10 / STC11: secondary and tertiary status, same shape as STC01; entity codes as in the external list. */
function additionalStatus(): CompositeElementDef {
  return comp('C043', 'Health Care Claim Status', S, [
    el('1271', 'Health Care Claim Status Category Code', R, 'AN', 1, 30),
    el('1271', 'Health Care Claim Status Code', R, 'AN', 1, 30),
    el('98', 'Entity Identifier Code', S, 'ID', 2, 3),
  ]);
}

// Loops are declared inner-first so each can be nested into its parent; the tree order is the TR3's.

const LOOP_2220D = loop('2220D', 'Service Line Information', S, INF, [
  seg('SVC', 'Service Line Information', R, 1, [
    comp('C003', 'Composite Medical Procedure Identifier', R, [
      el('235', 'Product or Service ID Qualifier', R, 'ID', 2, 2, ['AD', 'ER', 'HC', 'HP', 'IV', 'NU', 'WK']),
      el('234', 'Service Identification Code', R, 'AN', 1, 48),
      el('1339', 'Procedure Modifier', S, 'AN', 2, 2),
      el('1339', 'Procedure Modifier', S, 'AN', 2, 2),
      el('1339', 'Procedure Modifier', S, 'AN', 2, 2),
      el('1339', 'Procedure Modifier', S, 'AN', 2, 2),
    ]),
    el('782', 'Line Item Charge Amount', R, 'R', 1, 18),
    nu('782', 'Line Item Provider Payment Amount', 'R', 1, 18),
    el('234', 'Revenue Code', S, 'AN', 1, 48), // required when a revenue code was submitted on the claim line
    nu('380', 'Quantity', 'R', 1, 15),
    comp('C003', 'Composite Medical Procedure Identifier', N, []),
    el('380', 'Original Units of Service Count', S, 'R', 1, 15),
  ]),

  seg('STC', 'Service Line Level Status Information', R, 1, [
    comp('C043', 'Health Care Claim Status', R, [
      el('1271', 'Health Care Claim Status Category Code', R, 'AN', 1, 30),
      el('1271', 'Health Care Claim Status Code', R, 'AN', 1, 30),
      el('98', 'Entity Identifier Code', S, 'ID', 2, 3, CLAIM_STATUS_ENTITY_CODES),
    ]),
    el('373', 'Status Information Effective Date', R, 'DT', 8, 8),
    el('306', 'Action Code', R, 'ID', 1, 2, ['U']),
    nu('782', 'Line Item Charge Amount', 'R', 1, 18),
    nu('782', 'Line Item Provider Payment Amount', 'R', 1, 18),
    nu('373', 'Date', 'DT', 8, 8),
    nu('591', 'Payment Method Code', 'ID', 3, 3),
    nu('373', 'Date', 'DT', 8, 8),
    nu('429', 'Check Number', 'AN', 1, 16),
    additionalStatus(),
    additionalStatus(),
  ]),

  seg('REF', 'Service Line Item Identification', S, 1, [
    el('128', 'Reference Identification Qualifier', R, 'ID', 2, 3, ['FJ']),
    el('127', 'Line Item Control Number', R, 'AN', 1, 50),
  ], { rules: REF_RULES }),

  seg('REF', 'Pharmacy Prescription Number', S, 1, [
    el('128', 'Reference Identification Qualifier', R, 'ID', 2, 3, ['XZ']),
    el('127', 'Pharmacy Prescription Number', R, 'AN', 1, 50),
  ], { rules: REF_RULES }),

  seg('DTP', 'Service Line Date', S, 1, [
    el('374', 'Date Time Qualifier', R, 'ID', 3, 3, ['472']),
    el('1250', 'Date Time Period Format Qualifier', R, 'ID', 2, 3, ['D8', 'RD8']),
    el('1251', 'Service Line Date', R, 'AN', 1, 35),
  ]),
]);

// One 2200D per claim acknowledged for the patient.
const LOOP_2200D = loop('2200D', 'Claim Status Tracking Number', S, INF, [
  seg('TRN', 'Claim Status Tracking Number', R, 1, [
    el('481', 'Trace Type Code', R, 'ID', 1, 2, ['2']),
    el('127', 'Patient Control Number', R, 'AN', 1, 50),
  ]),

  seg('STC', 'Claim Level Status Information', R, INF, [
    comp('C043', 'Health Care Claim Status', R, [
      el('1271', 'Health Care Claim Status Category Code', R, 'AN', 1, 30),
      el('1271', 'Health Care Claim Status Code', R, 'AN', 1, 30),
      el('98', 'Entity Identifier Code', S, 'ID', 2, 3, CLAIM_STATUS_ENTITY_CODES),
    ]),
    el('373', 'Status Information Effective Date', R, 'DT', 8, 8),
    el('306', 'Action Code', R, 'ID', 1, 2, ['U', 'WQ']),
    el('782', 'Total Claim Charge Amount', R, 'R', 1, 18),
    nu('782', 'Claim Payment Amount', 'R', 1, 18),
    nu('373', 'Adjudication or Payment Date', 'DT', 8, 8),
    nu('591', 'Payment Method Code', 'ID', 3, 3),
    nu('373', 'Check Issue or EFT Effective Date', 'DT', 8, 8),
    nu('429', 'Check or EFT Trace Number', 'AN', 1, 16),
    additionalStatus(),
    additionalStatus(),
    el('933', 'Free-Form Message Text', S, 'AN', 1, 264),
  ]),

  seg('REF', 'Payer Claim Control Number', S, 1, [
    el('128', 'Reference Identification Qualifier', R, 'ID', 2, 3, ['1K']),
    el('127', 'Payer Claim Control Number', R, 'AN', 1, 50),
  ], { rules: REF_RULES }),

  seg('REF', 'Claim Identifier Number for Clearinghouses and Other Transmission Intermediaries', S, 1, [
    el('128', 'Reference Identification Qualifier', R, 'ID', 2, 3, ['D9']),
    el('127', 'Clearinghouse Trace Number', R, 'AN', 1, 50),
  ], { rules: REF_RULES }),

  seg('REF', 'Institutional Bill Type Identification', S, 1, [
    el('128', 'Reference Identification Qualifier', R, 'ID', 2, 3, ['BLT']),
    el('127', 'Bill Type Identifier', R, 'AN', 1, 50),
  ], { rules: REF_RULES }),

  seg('DTP', 'Claim Level Service Date', R, 1, [
    el('374', 'Date Time Qualifier', R, 'ID', 3, 3, ['472']),
    el('1250', 'Date Time Period Format Qualifier', R, 'ID', 2, 3, ['D8', 'RD8']),
    el('1251', 'Claim Service Period', R, 'AN', 1, 35),
  ]),

  LOOP_2220D,
]);

const LOOP_2000D = loop('2000D', 'Patient Level', R, INF, [
  seg('HL', 'Patient Level', R, 1, [
    el('628', 'Hierarchical ID Number', R, 'AN', 1, 12),
    el('734', 'Hierarchical Parent ID Number', R, 'AN', 1, 12),
    el('735', 'Hierarchical Level Code', R, 'ID', 1, 2, ['PT']),
  ], { qualifier: { element: 3 } }),

  loop('2100D', 'Patient Name', R, 1, [
    seg('NM1', 'Patient Name', R, 1, [
      el('98', 'Entity Identifier Code', R, 'ID', 2, 3, ['QC']),
      el('1065', 'Entity Type Qualifier', R, 'ID', 1, 1, ['1']),
      el('1035', 'Patient Last Name', R, 'AN', 1, 60),
      el('1036', 'Patient First Name', S, 'AN', 1, 35),
      el('1037', 'Patient Middle Name or Initial', S, 'AN', 1, 25),
      el('1038', 'Patient Name Prefix', S, 'AN', 1, 10),
      el('1039', 'Patient Name Suffix', S, 'AN', 1, 10),
      el('66', 'Identification Code Qualifier', R, 'ID', 1, 2, ['II', 'MI']),
      el('67', 'Patient Identifier', R, 'AN', 2, 80),
    ], { rules: NM1_RULES }),
  ]),

  LOOP_2200D,
]);

// Required when the information receiver's batch contains claims (2000B HL04 = 1).
const LOOP_2000C = loop('2000C', 'Billing Provider of Service Level', S, INF, [
  seg('HL', 'Billing Provider of Service Level', R, 1, [
    el('628', 'Hierarchical ID Number', R, 'AN', 1, 12),
    el('734', 'Hierarchical Parent ID Number', R, 'AN', 1, 12),
    el('735', 'Hierarchical Level Code', R, 'ID', 1, 2, ['19']),
    el('736', 'Hierarchical Child Code', R, 'ID', 1, 1, ['1']),
  ], { qualifier: { element: 3 } }),

  loop('2100C', 'Billing Provider Name', R, INF, [
    seg('NM1', 'Billing Provider Name', R, 1, [
      el('98', 'Entity Identifier Code', R, 'ID', 2, 3, ['85']),
      el('1065', 'Entity Type Qualifier', R, 'ID', 1, 1, ['1', '2']),
      el('1035', 'Billing Provider Last or Organizational Name', R, 'AN', 1, 60),
      el('1036', 'Billing Provider First Name', S, 'AN', 1, 35),
      el('1037', 'Billing Provider Middle Name or Initial', S, 'AN', 1, 25),
      el('1038', 'Billing Provider Name Prefix', S, 'AN', 1, 10),
      el('1039', 'Billing Provider Name Suffix', S, 'AN', 1, 10),
      el('66', 'Identification Code Qualifier', R, 'ID', 1, 2, ['FI', 'SV', 'XX']),
      el('67', 'Billing Provider Identifier', R, 'AN', 2, 80),
    ], { rules: NM1_RULES }),
  ]),

  loop('2200C', 'Provider of Service Information Trace Identifier', R, 1, [
    // TRN02 is 0 when the information source has no provider-level trace identifier.
    seg('TRN', 'Provider of Service Information Trace Identifier', R, 1, [
      el('481', 'Trace Type Code', R, 'ID', 1, 2, ['1']),
      el('127', 'Provider of Service Information Trace Identifier', R, 'AN', 1, 50),
    ]),

    // Required when status is reported for the billing provider as a whole.
    seg('STC', 'Billing Provider Status Information', S, INF, [
      comp('C043', 'Health Care Claim Status', R, [
        el('1271', 'Health Care Claim Status Category Code', R, 'AN', 1, 30),
        el('1271', 'Health Care Claim Status Code', R, 'AN', 1, 30),
        el('98', 'Entity Identifier Code', S, 'ID', 2, 3, ['36', '40', '41', '77', '82', '85', '87', 'AY', 'PR']),
      ]),
      nu('373', 'Status Information Effective Date', 'DT', 8, 8),
      el('306', 'Action Code', R, 'ID', 1, 2, ['U', 'WQ']),
      el('782', 'Total Submitted Charges for Unit Work', R, 'R', 1, 18),
      nu('782', 'Monetary Amount', 'R', 1, 18),
      nu('373', 'Date', 'DT', 8, 8),
      nu('591', 'Payment Method Code', 'ID', 3, 3),
      nu('373', 'Date', 'DT', 8, 8),
      nu('429', 'Check Number', 'AN', 1, 16),
      additionalStatus(),
      additionalStatus(),
    ]),

    seg('REF', 'Provider Secondary Identifier', S, 1, [
      el('128', 'Reference Identification Qualifier', R, 'ID', 2, 3, ['0B', '1G', 'G2', 'LU', 'SY', 'TJ']),
      el('127', 'Provider Secondary Identifier', R, 'AN', 1, 50),
    ], { rules: REF_RULES }),

    seg('QTY', 'Total Accepted Quantity', S, 1, [
      el('673', 'Quantity Qualifier', R, 'ID', 2, 2, ['QA']),
      el('380', 'Total Accepted Quantity', R, 'R', 1, 15),
    ], { rules: QTY_RULES }),

    seg('QTY', 'Total Rejected Quantity', S, 1, [
      el('673', 'Quantity Qualifier', R, 'ID', 2, 2, ['QC']),
      el('380', 'Total Rejected Quantity', R, 'R', 1, 15),
    ], { rules: QTY_RULES }),

    seg('AMT', 'Total Accepted Amount', S, 1, [
      el('522', 'Amount Qualifier Code', R, 'ID', 1, 3, ['YU']),
      el('782', 'Total Accepted Amount', R, 'R', 1, 18),
    ]),

    seg('AMT', 'Total Rejected Amount', S, 1, [
      el('522', 'Amount Qualifier Code', R, 'ID', 1, 3, ['YY']),
      el('782', 'Total Rejected Amount', R, 'R', 1, 18),
    ]),
  ]),

  LOOP_2000D,
]);

const LOOP_2000B = loop('2000B', 'Information Receiver Level', R, 1, [
  seg('HL', 'Information Receiver Level', R, 1, [
    el('628', 'Hierarchical ID Number', R, 'AN', 1, 12),
    el('734', 'Hierarchical Parent ID Number', R, 'AN', 1, 12),
    el('735', 'Hierarchical Level Code', R, 'ID', 1, 2, ['21']),
    el('736', 'Hierarchical Child Code', R, 'ID', 1, 1, ['0', '1']),
  ], { qualifier: { element: 3 } }),

  loop('2100B', 'Information Receiver Name', R, 1, [
    seg('NM1', 'Information Receiver Name', R, 1, [
      el('98', 'Entity Identifier Code', R, 'ID', 2, 3, ['41']),
      el('1065', 'Entity Type Qualifier', R, 'ID', 1, 1, ['1', '2']),
      el('1035', 'Information Receiver Last or Organization Name', R, 'AN', 1, 60),
      el('1036', 'Information Receiver First Name', S, 'AN', 1, 35),
      el('1037', 'Information Receiver Middle Name or Initial', S, 'AN', 1, 25),
      nu('1038', 'Name Prefix', 'AN', 1, 10),
      nu('1039', 'Name Suffix', 'AN', 1, 10),
      el('66', 'Identification Code Qualifier', R, 'ID', 1, 2, ['46']),
      el('67', 'Information Receiver Identification Number', R, 'AN', 2, 80),
    ], { rules: NM1_RULES }),
  ]),

  loop('2200B', 'Information Receiver Application Trace Identifier', R, 1, [
    seg('TRN', 'Information Receiver Application Trace Identifier', R, 1, [
      el('481', 'Trace Type Code', R, 'ID', 1, 2, ['2']),
      el('127', 'Claim Transaction Batch Number', R, 'AN', 1, 50),
    ]),

    seg('STC', 'Information Receiver Status Information', R, INF, [
      comp('C043', 'Health Care Claim Status', R, [
        el('1271', 'Health Care Claim Status Category Code', R, 'AN', 1, 30),
        el('1271', 'Health Care Claim Status Code', R, 'AN', 1, 30),
        el('98', 'Entity Identifier Code', S, 'ID', 2, 3, ['36', '40', '41', 'AY', 'PR']),
      ]),
      el('373', 'Status Information Effective Date', R, 'DT', 8, 8),
      el('306', 'Action Code', R, 'ID', 1, 2, ['U', 'WQ']),
      el('782', 'Total Submitted Charges for Unit Work', R, 'R', 1, 18),
      nu('782', 'Monetary Amount', 'R', 1, 18),
      nu('373', 'Date', 'DT', 8, 8),
      nu('591', 'Payment Method Code', 'ID', 3, 3),
      nu('373', 'Date', 'DT', 8, 8),
      nu('429', 'Check Number', 'AN', 1, 16),
      additionalStatus(),
      additionalStatus(),
    ]),

    seg('QTY', 'Total Accepted Quantity', S, 1, [
      el('673', 'Quantity Qualifier', R, 'ID', 2, 2, ['90']),
      el('380', 'Total Accepted Quantity', R, 'R', 1, 15),
    ], { rules: QTY_RULES }),

    seg('QTY', 'Total Rejected Quantity', S, 1, [
      el('673', 'Quantity Qualifier', R, 'ID', 2, 2, ['AA']),
      el('380', 'Total Rejected Quantity', R, 'R', 1, 15),
    ], { rules: QTY_RULES }),

    seg('AMT', 'Total Accepted Amount', S, 1, [
      el('522', 'Amount Qualifier Code', R, 'ID', 1, 3, ['YU']),
      el('782', 'Total Accepted Amount', R, 'R', 1, 18),
    ]),

    seg('AMT', 'Total Rejected Amount', S, 1, [
      el('522', 'Amount Qualifier Code', R, 'ID', 1, 3, ['YY']),
      el('782', 'Total Rejected Amount', R, 'R', 1, 18),
    ]),
  ]),

  LOOP_2000C,
]);

const LOOP_2000A = loop('2000A', 'Information Source Level', R, INF, [
  seg('HL', 'Information Source Level', R, 1, [
    el('628', 'Hierarchical ID Number', R, 'AN', 1, 12),
    nu('734', 'Hierarchical Parent ID Number', 'AN', 1, 12),
    el('735', 'Hierarchical Level Code', R, 'ID', 1, 2, ['20']),
    el('736', 'Hierarchical Child Code', R, 'ID', 1, 1, ['1']),
  ], { qualifier: { element: 3 } }),

  loop('2100A', 'Information Source Name', R, 1, [
    seg('NM1', 'Information Source Name', R, 1, [
      el('98', 'Entity Identifier Code', R, 'ID', 2, 3, ['AY', 'PR']),
      el('1065', 'Entity Type Qualifier', R, 'ID', 1, 1, ['2']),
      el('1035', 'Information Source Name', R, 'AN', 1, 60),
      nu('1036', 'Name First', 'AN', 1, 35),
      nu('1037', 'Name Middle', 'AN', 1, 25),
      nu('1038', 'Name Prefix', 'AN', 1, 10),
      nu('1039', 'Name Suffix', 'AN', 1, 10),
      el('66', 'Identification Code Qualifier', R, 'ID', 1, 2, ['46', 'FI', 'PI', 'XV']),
      el('67', 'Information Source Identifier', R, 'AN', 2, 80),
    ], { rules: NM1_RULES }),
  ]),

  loop('2200A', 'Transmission Receipt Control Identifier', R, INF, [
    seg('TRN', 'Transmission Receipt Control Identifier', R, 1, [
      el('481', 'Trace Type Code', R, 'ID', 1, 2, ['1']),
      el('127', 'Information Source Application Trace Identifier', R, 'AN', 1, 50),
    ]),

    seg('DTP', 'Information Source Receipt Date', R, 1, [
      el('374', 'Date Time Qualifier', R, 'ID', 3, 3, ['050']),
      el('1250', 'Date Time Period Format Qualifier', R, 'ID', 2, 3, ['D8']),
      el('1251', 'Information Source Receipt Date', R, 'AN', 1, 35),
    ]),

    seg('DTP', 'Information Source Process Date', R, 1, [
      el('374', 'Date Time Qualifier', R, 'ID', 3, 3, ['009']),
      el('1250', 'Date Time Period Format Qualifier', R, 'ID', 2, 3, ['D8']),
      el('1251', 'Information Source Process Date', R, 'AN', 1, 35),
    ]),
  ]),

  LOOP_2000B,
]);

export const X214_277CA: GuideDef = guide({
  id: GUIDE_ID,
  set: '277',
  functionalId: 'HN',
  name: 'Health Care Claim Acknowledgment',
  root: loop('ST', 'Health Care Claim Acknowledgment', R, 1, [
    st('277', GUIDE_ID),

    seg('BHT', 'Beginning of Hierarchical Transaction', R, 1, [
      el('1005', 'Hierarchical Structure Code', R, 'ID', 4, 4, ['0085']),
      el('353', 'Transaction Set Purpose Code', R, 'ID', 2, 2, ['08']),
      el('127', 'Originator Application Transaction Identifier', R, 'AN', 1, 50),
      el('373', 'Transaction Set Creation Date', R, 'DT', 8, 8),
      el('337', 'Transaction Set Creation Time', R, 'TM', 4, 8),
      el('640', 'Transaction Type Code', R, 'ID', 2, 2, ['TH']),
    ]),

    LOOP_2000A,

    se(),
  ]),
});
