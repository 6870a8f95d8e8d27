/**
 * 005010X231A1 Implementation Acknowledgment For Health Care Insurance (999), ST01 999, GS01 FA.
 *
 * Transcribed from the pyx12 map 999.5010X231.A1.xml (loop/segment/element structure, usage, max use,
 * codes per use) with element types and lengths from pyx12 dataele.xml, cross-checked against the
 * stupidedi X231A1-FA999 definition and the StAEDI 999 implementation schema. Departures from the pyx12 map:
 * - 719 (Segment Position in Transaction Set) is N0 1/10 as in the 005010 dictionary (pyx12 dataele.xml
 *   carries the 004010 length 1/6).
 * - IK304 is required (stupidedi and StAEDI; the pyx12 map says situational).
 * - The Business Unit Identifier CTX uses CTX01 only (stupidedi and StAEDI; the pyx12 map leaves CTX05
 *   situational there).
 * - The loop-starting segments AK2, IK3 and IK4 are required within their (situational) loops.
 *
 * Two CTX uses share loop 2100 and are told apart by CTX01-1 (Context Name): 'SITUATIONAL TRIGGER' for
 * the segment context, the business unit element name (CLM01, TRN02, NM109, ...) for the business unit.
 * No X12 syntax notes apply to the 999 segments.
 */
import { INF, N, R, S, comp, el, guide, loop, seg } from '../dsl.js';
import { se, st } from '../common.js';
import type { CompositeElementDef, GuideDef, Usage } from '../types.js';

const GUIDE_ID = '005010X231A1';

/** IK502-IK506 Implementation Transaction Set Syntax Error Code values. */
const IK5_ERROR_CODES = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11', '12', '13', '15', '16', '17', '18', '19', '23', '24', '25', '26', '27', 'I5', 'I6'];

/** AK905-AK909 Functional Group Syntax Error Code values. */
const AK9_ERROR_CODES = ['1', '2', '3', '4', '5', '6', '10', '11', '12', '13', '14', '15', '16', '17', '18', '19', '23', '24', '25', '26'];

/** C030 Position in Segment, as used in CTX05 and IK401. */
function positionInSegment(usage: Usage): CompositeElementDef {
  return comp('C030', 'Position in Segment', usage, [
    el('722', 'Element Position in Segment', R, 'N0', 1, 2),
    el('1528', 'Component Data Element Position in Composite', S, 'N0', 1, 2),
    el('1686', 'Repeating Data Element Position', S, 'N0', 1, 4),
  ]);
}

/** C999 Reference in Segment, as used in CTX06 of the segment and element contexts. */
function referenceInSegment(): CompositeElementDef {
  return comp('C999', 'Reference in Segment', S, [
    el('725', 'Data Element Reference Number', R, 'N0', 1, 4),
    el('725', 'Data Element Reference Number', N, 'N0', 1, 4),
  ]);
}

// Loops are declared inner-first so each can be nested into its parent; the tree order is the TR3's.

// Required when an error is reported for a data element of the segment IK3 identifies.
const LOOP_2110 = loop('2110', 'Implementation Data Element Note', S, INF, [
  seg('IK4', 'Implementation Data Element Note', R, 1, [
    positionInSegment(R),
    el('725', 'Data Element Reference Number', S, 'N0', 1, 4),
    el('621', 'Implementation Data Element Syntax Error Code', R, 'ID', 1, 3, ['1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11', '12', '13', 'I6', 'I9', 'I10', 'I11', 'I12', 'I13']),
    el('724', 'Copy of Bad Data Element', S, 'AN', 1, 99), // required unless the element is missing or contains invalid characters
  ]),

  // Required when the error is in a situational element whose situation depends on other data.
  seg('CTX', 'Element Context', S, 10, [
    comp('C998', 'Context Identification', R, [
      el('9999', 'Context Name', R, 'AN', 1, 35, ['SITUATIONAL TRIGGER']),
      el('9998', 'Context Reference', N, 'AN', 1, 35),
    ], { repeat: 10 }),
    el('721', 'Segment ID Code', R, 'ID', 2, 3),
    el('719', 'Segment Position in Transaction Set', R, 'N0', 1, 10),
    el('447', 'Loop Identifier Code', S, 'AN', 1, 4),
    positionInSegment(S),
    referenceInSegment(),
  ], { qualifier: { element: 1, component: 1 } }),
]);

// Required when an error is reported for a segment of the acknowledged transaction set.
const LOOP_2100 = loop('2100', 'Error Identification', S, INF, [
  seg('IK3', 'Error Identification', R, 1, [
    el('721', 'Segment ID Code', R, 'ID', 2, 3),
    el('719', 'Segment Position in Transaction Set', R, 'N0', 1, 10),
    el('447', 'Loop Identifier Code', S, 'AN', 1, 4), // required when the segment is in a loop
    el('620', 'Implementation Segment Syntax Error Code', R, 'ID', 1, 3, ['1', '2', '3', '4', '5', '6', '7', '8', 'I4', 'I6', 'I7', 'I8', 'I9']),
  ]),

  // Required when the segment in error is situational and its situation depends on another segment.
  seg('CTX', 'Segment Context', S, 9, [
    comp('C998', 'Context Identification', R, [
      el('9999', 'Context Name', R, 'AN', 1, 35, ['SITUATIONAL TRIGGER']),
      el('9998', 'Context Reference', N, 'AN', 1, 35),
    ], { repeat: 10 }),
    el('721', 'Segment ID Code', R, 'ID', 2, 3),
    el('719', 'Segment Position in Transaction Set', R, 'N0', 1, 10),
    el('447', 'Loop Identifier Code', S, 'AN', 1, 4),
    positionInSegment(S),
    referenceInSegment(),
  ], { qualifier: { element: 1, component: 1 } }),

  // Required when the error is within a business unit (claim, patient, subscriber ...) of the acknowledged set:
  // CTX01-1 names the identifying element, CTX01-2 carries its value (e.g. CLM01:patient control number).
  seg('CTX', 'Business Unit Identifier', S, 1, [
    comp('C998', 'Context Identification', R, [
      el('9999', 'Context Name', R, 'AN', 1, 35, ['TRN02', 'NM109', 'PATIENT NAME NM109', 'SUBSCRIBER NAME NM109', 'ENT01', 'SUBSCRIBER NUMBER REF02', 'CLM01']),
      el('9998', 'Context Reference', R, 'AN', 1, 35),
    ], { repeat: 10 }),
  ], { qualifier: { element: 1, component: 1 } }),

  LOOP_2110,
]);

// One 2000 per transaction set acknowledged in the functional group.
const LOOP_2000 = loop('2000', 'Transaction Set Response Header', S, INF, [
  seg('AK2', 'Transaction Set Response Header', R, 1, [
    el('143', 'Transaction Set Identifier Code', R, 'ID', 3, 3, ['270', '271', '276', '277', '278', '820', '834', '835', '837']),
    el('329', 'Transaction Set Control Number', R, 'AN', 4, 9),
    el('1705', 'Implementation Convention Reference', S, 'AN', 1, 35), // required when ST03 was present in the acknowledged set
  ]),

  LOOP_2100,

  seg('IK5', 'Implementation Transaction Set Response Trailer', R, 1, [
    el('717', 'Transaction Set Acknowledgment Code', R, 'ID', 1, 1, ['A', 'E', 'M', 'R', 'W', 'X']),
    el('618', 'Implementation Transaction Set Syntax Error Code', S, 'ID', 1, 3, IK5_ERROR_CODES),
    el('618', 'Implementation Transaction Set Syntax Error Code', S, 'ID', 1, 3, IK5_ERROR_CODES),
    el('618', 'Implementation Transaction Set Syntax Error Code', S, 'ID', 1, 3, IK5_ERROR_CODES),
    el('618', 'Implementation Transaction Set Syntax Error Code', S, 'ID', 1, 3, IK5_ERROR_CODES),
    el('618', 'Implementation Transaction Set Syntax Error Code', S, 'ID', 1, 3, IK5_ERROR_CODES),
  ]),
]);

export const X231A1_999: GuideDef = guide({
  id: GUIDE_ID,
  set: '999',
  functionalId: 'FA',
  name: 'Implementation Acknowledgment For Health Care Insurance',
  root: loop('ST', 'Implementation Acknowledgment', R, 1, [
    st('999', GUIDE_ID),

    seg('AK1', 'Functional Group Response Header', R, 1, [
      el('479', 'Functional Identifier Code', R, 'ID', 2, 2, ['BE', 'HB', 'HC', 'HI', 'HN', 'HP', 'HR', 'HS', 'RA']),
      el('28', 'Group Control Number', R, 'N0', 1, 9),
      el('480', 'Version, Release, or Industry Identifier Code', R, 'AN', 1, 12),
    ]),

    LOOP_2000,

    seg('AK9', 'Functional Group Response Trailer', R, 1, [
      el('715', 'Functional Group Acknowledgment Code', R, 'ID', 1, 1, ['A', 'E', 'M', 'P', 'R', 'W', 'X']),
      el('97', 'Number of Transaction Sets Included', R, 'N0', 1, 6),
      el('123', 'Number of Received Transaction Sets', R, 'N0', 1, 6),
      el('2', 'Number of Accepted Transaction Sets', R, 'N0', 1, 6),
      el('716', 'Functional Group Syntax Error Code', S, 'ID', 1, 3, AK9_ERROR_CODES),
      el('716', 'Functional Group Syntax Error Code', S, 'ID', 1, 3, AK9_ERROR_CODES),
      el('716', 'Functional Group Syntax Error Code', S, 'ID', 1, 3, AK9_ERROR_CODES),
      el('716', 'Functional Group Syntax Error Code', S, 'ID', 1, 3, AK9_ERROR_CODES),
      el('716', 'Functional Group Syntax Error Code', S, 'ID', 1, 3, AK9_ERROR_CODES),
    ]),

    se(),
  ]),
});
