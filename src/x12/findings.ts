/**
 * Envelope and syntax findings: what is wrong with a file, as values. The reader never throws on data;
 * it reports one of these and carries on where it can. Each code maps to the acknowledgment code a
 * trading partner would see: TA105 for interchange problems, AK905 for functional groups, IK502 for
 * transaction sets.
 */

export const FindingCode = {
  /** The file is not X12: no ISA where one must start. */
  NOT_X12: 'NOT_X12',
  /** UTF-16 (or another wide encoding): X12 is a byte format; re-save as ASCII/UTF-8. */
  WIDE_ENCODING: 'WIDE_ENCODING',
  /** Text before the first ISA (a banner or description); skipped. */
  TEXT_BEFORE_ISA: 'TEXT_BEFORE_ISA',
  /** The ISA is not the fixed 106 characters; delimiters were recovered by counting separators. */
  ISA_WRONG_LENGTH: 'ISA_WRONG_LENGTH',
  /** The ISA could not be read at all; the rest of the file cannot be split into segments. */
  ISA_UNREADABLE: 'ISA_UNREADABLE',
  BAD_SEGMENT_TERMINATOR: 'BAD_SEGMENT_TERMINATOR',
  BAD_ELEMENT_SEPARATOR: 'BAD_ELEMENT_SEPARATOR',
  BAD_COMPONENT_SEPARATOR: 'BAD_COMPONENT_SEPARATOR',
  BAD_ISA_CONTROL_NUMBER: 'BAD_ISA_CONTROL_NUMBER',
  BAD_ISA_DATE: 'BAD_ISA_DATE',
  BAD_ISA_TIME: 'BAD_ISA_TIME',
  BAD_ISA_VERSION: 'BAD_ISA_VERSION',
  BAD_ISA_ACK_REQUESTED: 'BAD_ISA_ACK_REQUESTED',
  BAD_ISA_USAGE: 'BAD_ISA_USAGE',
  BAD_ISA_QUALIFIER: 'BAD_ISA_QUALIFIER',
  DUPLICATE_ISA_CONTROL: 'DUPLICATE_ISA_CONTROL',
  IEA_CONTROL_MISMATCH: 'IEA_CONTROL_MISMATCH',
  IEA_COUNT_MISMATCH: 'IEA_COUNT_MISMATCH',
  MISSING_IEA: 'MISSING_IEA',
  TRUNCATED: 'TRUNCATED',
  SEGMENT_OUTSIDE_ENVELOPE: 'SEGMENT_OUTSIDE_ENVELOPE',
  SEGMENT_TOO_LONG: 'SEGMENT_TOO_LONG',
  EMPTY_SEGMENT: 'EMPTY_SEGMENT',
  BAD_SEGMENT_ID: 'BAD_SEGMENT_ID',
  MISSING_FINAL_TERMINATOR: 'MISSING_FINAL_TERMINATOR',
  BAD_GS_CONTROL_NUMBER: 'BAD_GS_CONTROL_NUMBER',
  DUPLICATE_GS_CONTROL: 'DUPLICATE_GS_CONTROL',
  GE_CONTROL_MISMATCH: 'GE_CONTROL_MISMATCH',
  GE_COUNT_MISMATCH: 'GE_COUNT_MISMATCH',
  MISSING_GE: 'MISSING_GE',
  BAD_ST_CONTROL_NUMBER: 'BAD_ST_CONTROL_NUMBER',
  MISSING_ST_ID: 'MISSING_ST_ID',
  DUPLICATE_ST_CONTROL: 'DUPLICATE_ST_CONTROL',
  SE_CONTROL_MISMATCH: 'SE_CONTROL_MISMATCH',
  SE_COUNT_MISMATCH: 'SE_COUNT_MISMATCH',
  MISSING_SE: 'MISSING_SE',
  VERSION_MISMATCH: 'VERSION_MISMATCH',
} as const;
export type FindingCode = keyof typeof FindingCode;

/** How bad a finding is: `fatal` stops reading the rest of the file; `error` rejects the envelope it is in. */
export type Severity = 'fatal' | 'error' | 'warning';

export interface Finding {
  readonly code: FindingCode;
  readonly severity: Severity;
  /** In the words of a billing office, naming the file position and the control numbers. */
  readonly message: string;
  /** Byte offset of the segment (or spot) in the file. */
  readonly offset: number;
  /** 0-based index of the segment in the file; -1 when the problem is not at a segment. */
  readonly segment: number;
  readonly line?: number;
  readonly segmentId?: string;
  readonly interchange?: string;
  readonly group?: string;
  readonly transaction?: string;
  /** TA105 interchange note code, when the finding belongs in a TA1. */
  readonly ta1?: string;
  /** AK905 functional group syntax error code, when the finding belongs in a 999 AK9. */
  readonly ak9?: string;
  /** IK502 transaction set syntax error code, when the finding belongs in a 999 IK5. */
  readonly ik5?: string;
}

interface CodeInfo {
  readonly severity: Severity;
  readonly ta1?: string;
  readonly ak9?: string;
  readonly ik5?: string;
}

/** Severity and acknowledgment codes per finding: one table, so the TA1 and 999 builders agree with the reader. */
export const FINDING_INFO: Readonly<Record<FindingCode, CodeInfo>> = Object.freeze({
  NOT_X12: { severity: 'fatal', ta1: '022' },
  WIDE_ENCODING: { severity: 'fatal', ta1: '022' },
  TEXT_BEFORE_ISA: { severity: 'error', ta1: '022' },
  ISA_WRONG_LENGTH: { severity: 'error', ta1: '022' },
  ISA_UNREADABLE: { severity: 'fatal', ta1: '022' },
  BAD_SEGMENT_TERMINATOR: { severity: 'fatal', ta1: '004' },
  BAD_ELEMENT_SEPARATOR: { severity: 'fatal', ta1: '026' },
  BAD_COMPONENT_SEPARATOR: { severity: 'error', ta1: '027' },
  BAD_ISA_CONTROL_NUMBER: { severity: 'error', ta1: '018' },
  BAD_ISA_DATE: { severity: 'error', ta1: '014' },
  BAD_ISA_TIME: { severity: 'error', ta1: '015' },
  BAD_ISA_VERSION: { severity: 'error', ta1: '017' },
  BAD_ISA_ACK_REQUESTED: { severity: 'error', ta1: '019' },
  BAD_ISA_USAGE: { severity: 'error', ta1: '020' },
  BAD_ISA_QUALIFIER: { severity: 'error', ta1: '005' },
  DUPLICATE_ISA_CONTROL: { severity: 'error', ta1: '025' },
  IEA_CONTROL_MISMATCH: { severity: 'error', ta1: '001' },
  IEA_COUNT_MISMATCH: { severity: 'error', ta1: '021' },
  MISSING_IEA: { severity: 'error', ta1: '023' },
  TRUNCATED: { severity: 'error', ta1: '023' },
  SEGMENT_OUTSIDE_ENVELOPE: { severity: 'error', ta1: '024' },
  SEGMENT_TOO_LONG: { severity: 'fatal', ta1: '004' },
  EMPTY_SEGMENT: { severity: 'warning' },
  BAD_SEGMENT_ID: { severity: 'error', ik5: '5' },
  MISSING_FINAL_TERMINATOR: { severity: 'warning' },
  BAD_GS_CONTROL_NUMBER: { severity: 'error', ak9: '6' },
  DUPLICATE_GS_CONTROL: { severity: 'error', ak9: '19', ta1: '024' },
  GE_CONTROL_MISMATCH: { severity: 'error', ak9: '4' },
  GE_COUNT_MISMATCH: { severity: 'error', ak9: '5' },
  MISSING_GE: { severity: 'error', ak9: '3', ta1: '024' },
  BAD_ST_CONTROL_NUMBER: { severity: 'error', ik5: '7' },
  MISSING_ST_ID: { severity: 'error', ik5: '6' },
  DUPLICATE_ST_CONTROL: { severity: 'error', ik5: '23' },
  SE_CONTROL_MISMATCH: { severity: 'error', ik5: '3' },
  SE_COUNT_MISMATCH: { severity: 'error', ik5: '4' },
  MISSING_SE: { severity: 'error', ik5: '2' },
  VERSION_MISMATCH: { severity: 'warning', ak9: '2' },
});

export interface FindingPlace {
  readonly offset: number;
  readonly segment: number;
  readonly line?: number;
  readonly segmentId?: string;
  readonly interchange?: string;
  readonly group?: string;
  readonly transaction?: string;
}

/** Builds a finding; the acknowledgment codes and severity come from FINDING_INFO. */
export function finding(code: FindingCode, message: string, place: FindingPlace): Finding {
  const info = FINDING_INFO[code];
  const f: Finding = { code, severity: info.severity, message, ...place };
  if (info.ta1) (f as { ta1?: string }).ta1 = info.ta1;
  if (info.ak9) (f as { ak9?: string }).ak9 = info.ak9;
  if (info.ik5) (f as { ik5?: string }).ik5 = info.ik5;
  return f;
}
