import type { DenialRootCause, EnvelopeStatus } from '../db/records.js';
import type { ElementError, ImplementationAcknowledgment, SegmentError, TransactionAck } from '../documents/implementation-acknowledgment.js';

/**
 * Routing a 999: per acknowledged transaction set, accepted, accepted with errors or rejected, with the
 * segment (IK3) and element (IK4) errors in words and the claims (CTX CLM01) they are in; and the group's
 * verdict (AK9), which may be "partially accepted". The bad data an IK4 copies back (IK404) may be PHI and
 * is never put into the words. Storage-free.
 */

/** IK304 segment syntax error codes (X12 element 620). */
export const SEGMENT_ERROR_TEXT: Readonly<Record<string, string>> = Object.freeze({
  '1': 'unrecognized segment id',
  '2': 'unexpected segment',
  '3': 'required segment missing',
  '4': 'loop occurs over maximum times',
  '5': 'segment exceeds maximum use',
  '6': 'segment not in defined transaction set',
  '7': 'segment not in proper sequence',
  '8': 'segment has data element errors',
  I4: 'implementation "not used" segment present',
  I6: 'implementation dependent segment missing',
  I7: 'implementation loop occurs under minimum times',
  I8: 'implementation segment below minimum use',
  I9: 'implementation dependent "not used" segment present',
});

/** IK403 element syntax error codes (X12 element 621). */
export const ELEMENT_ERROR_TEXT: Readonly<Record<string, string>> = Object.freeze({
  '1': 'required data element missing',
  '2': 'conditional required data element missing',
  '3': 'too many data elements',
  '4': 'data element too short',
  '5': 'data element too long',
  '6': 'invalid character in data element',
  '7': 'invalid code value',
  '8': 'invalid date',
  '9': 'invalid time',
  '10': 'exclusion condition violated',
  '12': 'too many repetitions',
  '13': 'too many components',
  I6: 'code value not used in implementation',
  I9: 'implementation dependent data element missing',
  I10: 'implementation "not used" data element present',
  I11: 'implementation too few repetitions',
  I12: 'implementation pattern match failure',
  I13: 'implementation dependent "not used" data element present',
});

/** IK502-IK506 transaction set syntax error codes (X12 element 718). */
export const SET_ERROR_TEXT: Readonly<Record<string, string>> = Object.freeze({
  '1': 'transaction set not supported',
  '2': 'transaction set trailer missing',
  '3': 'transaction set control number in header and trailer do not match',
  '4': 'number of included segments does not match actual count',
  '5': 'one or more segments in error',
  '6': 'missing or invalid transaction set identifier',
  '7': 'missing or invalid transaction set control number',
  '8': 'authentication key name unknown',
  '9': 'encryption key name unknown',
  '10': 'requested service (authentication or encryption) not available',
  '11': 'unknown security recipient',
  '12': 'incorrect message length (encryption only)',
  '13': 'message authentication code failed',
  '15': 'unknown security originator',
  '16': 'syntax error in decrypted text',
  '17': 'security not supported',
  '18': 'transaction set not in functional group',
  '19': 'invalid transaction set implementation convention reference',
  '23': 'transaction set control number not unique within the functional group',
  '24': 'S3E security end segment missing for S3S security start segment',
  '25': 'S3S security start segment missing for S3E security end segment',
  '26': 'S4E security end segment missing for S4S security start segment',
  '27': 'S4S security start segment missing for S4E security end segment',
  I5: 'implementation one or more segments in error',
  I6: 'implementation convention not supported',
});

/** AK905-AK909 functional group syntax error codes (X12 element 716). */
export const GROUP_ERROR_TEXT: Readonly<Record<string, string>> = Object.freeze({
  '1': 'functional group not supported',
  '2': 'functional group version not supported',
  '3': 'functional group trailer missing',
  '4': 'group control number in the functional group header and trailer do not agree',
  '5': 'number of included transaction sets does not match actual count',
  '6': 'group control number violates syntax',
  '10': 'authentication key name unknown',
  '11': 'encryption key name unknown',
  '12': 'requested service (authentication or encryption) not available',
  '13': 'unknown security recipient',
  '14': 'unknown security originator',
  '15': 'syntax error in decrypted text',
  '16': 'security not supported',
  '17': 'incorrect message length (encryption only)',
  '18': 'message authentication code failed',
  '19': 'functional group control number not unique within interchange',
  '23': 'S3E security end segment missing for S3S security start segment',
  '24': 'S3S security start segment missing for S3E security end segment',
  '25': 'S4E security end segment missing for S4S security start segment',
  '26': 'S4S security start segment missing for S4E security end segment',
});

/** IK501 / AK901 codes in words. */
const VERDICT_CODE_TEXT: Readonly<Record<string, string>> = Object.freeze({
  A: 'accepted',
  E: 'accepted, but errors were noted',
  M: 'rejected: message authentication code (MAC) failed',
  P: 'partially accepted: at least one transaction set was rejected',
  R: 'rejected',
  W: 'rejected: assurance failed validity tests',
  X: 'rejected: content after decryption could not be analyzed',
});

export type SetVerdict = 'accepted' | 'accepted-with-errors' | 'rejected';
export type GroupVerdict = SetVerdict | 'partially-accepted';

function setVerdict(code: string): SetVerdict {
  return code === 'A' ? 'accepted' : code === 'E' ? 'accepted-with-errors' : 'rejected';
}

function groupVerdict(code: string): GroupVerdict {
  return code === 'P' ? 'partially-accepted' : setVerdict(code);
}

/** The envelope status storage keeps for a verdict (src/db/records.ts ENVELOPE_STATUSES). */
export function envelopeStatus(v: GroupVerdict): EnvelopeStatus {
  return v === 'accepted' ? 'accepted' : v === 'accepted-with-errors' ? 'accepted_with_errors' : v === 'partially-accepted' ? 'partially_accepted' : 'rejected';
}

/** "SV101-1", "DMG02": a segment id, the element position (two digits) and the component. */
function elementName(segment: string, e: Pick<ElementError, 'position' | 'component' | 'repetition'>): string {
  const base = `${segment}${String(e.position).padStart(2, '0')}`;
  const comp = e.component === undefined ? '' : `-${e.component}`;
  const rep = e.repetition === undefined ? '' : ` (repetition ${e.repetition})`;
  return `${base}${comp}${rep}`;
}

export interface ElementErrorWords {
  /** "SV101-1". */
  readonly element: string;
  /** IK402: the data element reference number. */
  readonly reference?: string;
  readonly code: string;
  /** "invalid code value". */
  readonly text: string;
}

export interface SegmentErrorWords {
  readonly segment: string;
  /** Position in the set (ST = 1). */
  readonly position: number;
  readonly loop?: string;
  readonly code: string;
  readonly text: string;
  /** The claim the error is in (CTX CLM01), when the 999 says. */
  readonly claim?: string;
  /** Another business unit the error is in (patient, subscriber), as "NAME:value". */
  readonly businessUnit?: string;
  readonly elements: readonly ElementErrorWords[];
  /** The whole error in one sentence. */
  readonly message: string;
}

export interface SetOutcome {
  /** AK201. */
  readonly set: string;
  /** AK202: the ST02 of the set acknowledged. */
  readonly control: string;
  readonly guide?: string;
  readonly verdict: SetVerdict;
  /** IK501. */
  readonly code: string;
  /** IK502-IK506 and the segment/element errors, in words. */
  readonly errors: readonly string[];
  readonly segmentErrors: readonly SegmentErrorWords[];
  /** Claims named by the errors (CTX CLM01), in order. */
  readonly claims: readonly string[];
  /** For a rejected set: what to do. */
  readonly fix?: string;
}

export interface AcknowledgmentOutcome {
  /** AK101. */
  readonly functionalId: string;
  /** AK102: the GS06 of the group acknowledged. */
  readonly groupControl: string;
  readonly version: string;
  readonly verdict: GroupVerdict;
  /** AK901. */
  readonly code: string;
  readonly description: string;
  readonly included: number;
  readonly received: number;
  readonly accepted: number;
  /** AK905-AK909 in words. */
  readonly groupErrors: readonly string[];
  readonly sets: readonly SetOutcome[];
}

function segmentWords(s: SegmentError): SegmentErrorWords {
  const elements = s.elementErrors.map((e) => ({
    element: elementName(s.segment, e),
    ...(e.reference === undefined ? {} : { reference: e.reference }),
    code: e.code,
    text: ELEMENT_ERROR_TEXT[e.code] ?? `element error ${e.code}`,
  }));
  const text = SEGMENT_ERROR_TEXT[s.code] ?? `segment error ${s.code}`;
  const claim = s.context?.name === 'CLM01' ? s.context.value : undefined;
  const businessUnit = s.context !== undefined && s.context.name !== 'CLM01' ? `${s.context.name}:${s.context.value}` : undefined;
  const where = `${s.segment} at segment ${s.position}${s.loop === undefined ? '' : ` in loop ${s.loop}`}${claim === undefined ? '' : ` of claim ${claim}`}`;
  const detail = elements.length > 0 ? elements.map((e) => `${e.element}${e.reference === undefined ? '' : ` (element ${e.reference})`}: ${e.text}`).join('; ') : text;
  return Object.freeze({
    segment: s.segment,
    position: s.position,
    ...(s.loop === undefined ? {} : { loop: s.loop }),
    code: s.code,
    text,
    ...(claim === undefined ? {} : { claim }),
    ...(businessUnit === undefined ? {} : { businessUnit }),
    elements: Object.freeze(elements),
    message: `${where}: ${detail}`,
  });
}

function setOutcome(t: TransactionAck): SetOutcome {
  const segmentErrors = t.segmentErrors.map(segmentWords);
  const setErrors = t.errors.filter((e) => !(e === '5' && segmentErrors.length > 0)).map((e) => SET_ERROR_TEXT[e] ?? `transaction set error ${e}`);
  const verdict = setVerdict(t.verdict);
  const claims = [...new Set(segmentErrors.flatMap((s) => (s.claim === undefined ? [] : [s.claim])))];
  const fix =
    verdict === 'rejected'
      ? `The receiver rejected the whole ${t.set} set ${t.control}: none of its claims reached the payer. Fix the errors named and send the claims again in a new file as new claims (frequency 1).`
      : undefined;
  return Object.freeze({
    set: t.set,
    control: t.control,
    ...(t.guide === undefined ? {} : { guide: t.guide }),
    verdict,
    code: t.verdict,
    errors: Object.freeze([...setErrors, ...segmentErrors.map((s) => s.message)]),
    segmentErrors: Object.freeze(segmentErrors),
    claims: Object.freeze(claims),
    ...(fix === undefined ? {} : { fix }),
  });
}

/** The verdicts of a 999, in words. */
export function routeImplementationAcknowledgment(ack: ImplementationAcknowledgment): AcknowledgmentOutcome {
  const verdict = groupVerdict(ack.verdict);
  return Object.freeze({
    functionalId: ack.group.functionalId,
    groupControl: ack.group.control,
    version: ack.group.version,
    verdict,
    code: ack.verdict,
    description: `Group ${ack.group.control} ${VERDICT_CODE_TEXT[ack.verdict] ?? ack.verdict}: ${ack.accepted} of ${ack.received} transaction sets accepted`,
    included: ack.included,
    received: ack.received,
    accepted: ack.accepted,
    groupErrors: Object.freeze(ack.groupErrors.map((e) => GROUP_ERROR_TEXT[e] ?? `functional group error ${e}`)),
    sets: Object.freeze(ack.transactions.map(setOutcome)),
  });
}

/**
 * The fields of a denial queue item (src/db/records.ts DenialQueueItemRecord) for one claim of a rejected
 * set: the claim's own errors when the 999 names it, else every error of the set.
 */
export function setRejectionFields(set: SetOutcome, patientControlNumber: string): {
  readonly patientControlNumber: string;
  readonly source: '999';
  readonly rootCause: DenialRootCause;
  readonly action: string;
  readonly reasonCodes: readonly string[];
  readonly description: string;
} {
  const own = set.segmentErrors.filter((s) => s.claim === patientControlNumber);
  const errors = own.length > 0 ? own : set.segmentErrors;
  const codes = [`IK5:${set.code}`, ...errors.flatMap((s) => [`IK3:${s.segment}:${s.code}`, ...s.elements.map((e) => `IK4:${e.element}:${e.code}`)])];
  return {
    patientControlNumber,
    source: '999',
    rootCause: 'front_end_rejection',
    action: set.fix ?? 'Fix the errors named and resend as a new claim (frequency 1).',
    reasonCodes: [...new Set(codes)],
    description: own.length > 0 ? own.map((s) => s.message).join('; ') : set.errors.join('; ') || 'rejected',
  };
}
