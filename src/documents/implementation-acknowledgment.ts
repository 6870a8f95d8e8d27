import { z } from 'zod';
import { type Loop, comp, el } from '../grammar/tree.js';
import type { ElementValue, Segment } from '../x12/segment.js';
import { composite, opt, seg, stripUndefined } from './common.js';
import type { DocumentType } from './types.js';

/**
 * 999 Implementation Acknowledgment (005010X231A1): the receiver's syntax and guide verdict on one
 * functional group it was sent. Per transaction set (AK2) it says accepted, accepted with errors or
 * rejected (IK5), and names the segments (IK3) and elements (IK4) in error, with the claim they belong to
 * (CTX, e.g. CLM01). The group verdict (AK9) may be P: some sets accepted, some rejected.
 *
 * PHI: IK4-04 (an element error's badValue) is a copy of the data the sender sent, and may be a name,
 * member id, date of birth or diagnosis; CTX values are claim ids. Never log a record's badValue.
 */

/** AK101: the functional group acknowledged (HC 837P, HB 271, HN 277, HP 835, HS 270, HI 278, ...). */
const FUNCTIONAL_IDS = ['BE', 'HB', 'HC', 'HI', 'HN', 'HP', 'HR', 'HS', 'RA'] as const;
const SETS = ['270', '271', '276', '277', '278', '820', '834', '835', '837'] as const;
/** IK502-IK506 set-level error codes (5: one or more segments in error, 4: SE count wrong, ...). */
const SET_ERRORS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11', '12', '13', '15', '16', '17', '18', '19', '23', '24', '25', '26', '27', 'I5', 'I6'] as const;
/** AK905-AK909 group-level error codes. */
const GROUP_ERRORS = ['1', '2', '3', '4', '5', '6', '10', '11', '12', '13', '14', '15', '16', '17', '18', '19', '23', '24', '25', '26'] as const;
/** IK304 segment error codes: 1 unrecognized, 2 unexpected, 3 required missing, ..., 8 has element errors. */
const SEGMENT_ERRORS = ['1', '2', '3', '4', '5', '6', '7', '8', 'I4', 'I6', 'I7', 'I8', 'I9'] as const;
/** IK403 element error codes: 1 required missing, 4 too short, 5 too long, 7 invalid code, 8 invalid date, ... */
const ELEMENT_ERRORS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11', '12', '13', 'I6', 'I9', 'I10', 'I11', 'I12', 'I13'] as const;
/** CTX01-1 names a business unit may have (the element that identifies it). */
const BUSINESS_UNITS = ['TRN02', 'NM109', 'PATIENT NAME NM109', 'SUBSCRIBER NAME NM109', 'ENT01', 'SUBSCRIBER NUMBER REF02', 'CLM01'] as const;
const SITUATIONAL_TRIGGER = 'SITUATIONAL TRIGGER';

/** A position in the acknowledged set (IK302, CTX03) or in a segment (IK401, CTX05): 1-based. */
const Position = z.number().int().min(1);
const Count = z.number().int().min(0);

/**
 * The data whose presence made the segment or element in error required or not allowed (CTX with
 * 'SITUATIONAL TRIGGER'): the triggering segment, its position and loop, and optionally the element.
 */
export const SituationalTriggerSchema = z.object({
  /** CTX02 segment id. */
  segment: z.string().min(2).max(3),
  /** CTX03 position in the acknowledged transaction set (ST = 1). */
  position: Position,
  /** CTX04 loop id. */
  loop: z.string().min(1).max(4).optional(),
  /** CTX05: element position, component and repetition in the triggering segment. */
  element: z.object({ position: Position, component: Position.optional(), repetition: Position.optional() }).optional(),
  /** CTX06-1 data element reference number. */
  reference: z.string().regex(/^\d{1,4}$/).optional(),
});
export type SituationalTrigger = z.infer<typeof SituationalTriggerSchema>;

/** One element in error (IK4). */
export const ElementErrorSchema = z.object({
  /** IK401-1 element position in the segment. */
  position: Position,
  /** IK401-2 component position, for a composite. */
  component: Position.optional(),
  /** IK401-3 repetition, for a repeating element. */
  repetition: Position.optional(),
  /** IK402 data element reference number (1251 date, 235 product/service id qualifier, ...). */
  reference: z.string().regex(/^\d{1,4}$/).optional(),
  /** IK403 error code. */
  code: z.enum(ELEMENT_ERRORS),
  /** IK404 copy of the bad data. May be PHI: NEVER log it. */
  badValue: z.string().min(1).max(99).optional(),
  /** CTX element contexts (situational triggers). */
  context: z.array(SituationalTriggerSchema).min(1).max(10).optional(),
});
export type ElementError = z.infer<typeof ElementErrorSchema>;

/** One segment in error (IK3) with its element errors. */
export const SegmentErrorSchema = z.object({
  /** IK301 segment id. */
  segment: z.string().min(2).max(3),
  /** IK302 position in the acknowledged transaction set (ST = 1). */
  position: Position,
  /** IK303 loop id, e.g. 2300 (at most 4 characters in 5010). */
  loop: z.string().min(1).max(4).optional(),
  /** IK304 error code: 8 when the segment has element errors (listed below). */
  code: z.enum(SEGMENT_ERRORS),
  /** CTX business unit: the claim (CLM01), patient or subscriber the error is in. */
  context: z.object({ name: z.enum(BUSINESS_UNITS), value: z.string().min(1).max(35) }).optional(),
  /** CTX segment contexts (situational triggers). */
  segmentContext: z.array(SituationalTriggerSchema).min(1).max(9).optional(),
  elementErrors: z.array(ElementErrorSchema),
});
export type SegmentError = z.infer<typeof SegmentErrorSchema>;

/** The verdict on one transaction set (AK2 ... IK5). */
export const TransactionAckSchema = z.object({
  /** AK201 set id: 837, 270, ... */
  set: z.enum(SETS),
  /** AK202 the set's ST02. */
  control: z.string().min(4).max(9),
  /** AK203 the set's ST03 implementation guide. */
  guide: z.string().min(1).max(35).optional(),
  /** IK501: A accepted, E accepted with errors, R rejected, M/W/X security failures. */
  verdict: z.enum(['A', 'E', 'M', 'R', 'W', 'X']),
  /** IK502-IK506 set-level error codes. */
  errors: z.array(z.enum(SET_ERRORS)).max(5),
  segmentErrors: z.array(SegmentErrorSchema),
});
export type TransactionAck = z.infer<typeof TransactionAckSchema>;

export const ImplementationAcknowledgmentSchema = z.object({
  /** AK1: the functional group acknowledged. */
  group: z.object({
    /** AK101 GS01 of the group. */
    functionalId: z.enum(FUNCTIONAL_IDS),
    /** AK102 GS06 of the group. */
    control: z.string().regex(/^\d{1,9}$/, 'a group control number such as "1001"'),
    /** AK103 GS08 of the group. */
    version: z.string().min(1).max(12),
  }),
  transactions: z.array(TransactionAckSchema),
  /** AK901: A accepted, E accepted with errors, P partially accepted, R rejected, M/W/X security failures. */
  verdict: z.enum(['A', 'E', 'M', 'P', 'R', 'W', 'X']),
  /** AK902 number of transaction sets included (GE01). */
  included: Count,
  /** AK903 number received. */
  received: Count,
  /** AK904 number accepted. */
  accepted: Count,
  /** AK905-AK909 group-level error codes. */
  groupErrors: z.array(z.enum(GROUP_ERRORS)).max(5),
});
export type ImplementationAcknowledgment = z.infer<typeof ImplementationAcknowledgmentSchema>;

/** The transaction sets the 999 rejected (IK501 R, or M/W/X). */
export function rejectedTransactions(ack: ImplementationAcknowledgment): TransactionAck[] {
  return ack.transactions.filter((t) => t.verdict !== 'A' && t.verdict !== 'E');
}

// ---- parse ----

/** N0 text to a number; '' stays undefined. Text that is not a number gives NaN (the schema refuses it). */
function num(text: string): number | undefined {
  if (text === '') return undefined;
  return /^\d+$/.test(text) ? Number(text) : Number.NaN;
}

function codesFrom(s: Segment | undefined, from: number, to: number): string[] {
  const out: string[] = [];
  for (let n = from; n <= to; n++) {
    const v = el(s, n);
    if (v !== '') out.push(v);
  }
  return out;
}

function triggerFrom(ctx: Segment): SituationalTrigger {
  const position = num(comp(ctx, 5, 1));
  return stripUndefined({
    segment: el(ctx, 2),
    position: num(el(ctx, 3)) ?? Number.NaN,
    loop: opt(el(ctx, 4)),
    element: position === undefined ? undefined : stripUndefined({ position, component: num(comp(ctx, 5, 2)), repetition: num(comp(ctx, 5, 3)) }),
    reference: opt(comp(ctx, 6, 1)),
  });
}

function elementErrorFrom(loop: Loop): ElementError {
  const ik4 = loop.segment('IK4');
  const context = loop.segments('CTX').map(triggerFrom);
  return stripUndefined({
    position: num(comp(ik4, 1, 1)) ?? Number.NaN,
    component: num(comp(ik4, 1, 2)),
    repetition: num(comp(ik4, 1, 3)),
    reference: opt(el(ik4, 2)),
    code: el(ik4, 3) as ElementError['code'],
    badValue: opt(el(ik4, 4)),
    context: context.length > 0 ? context : undefined,
  });
}

function segmentErrorFrom(loop: Loop): SegmentError {
  const ik3 = loop.segment('IK3');
  let context: SegmentError['context'];
  const triggers: SituationalTrigger[] = [];
  for (const ctx of loop.segments('CTX')) {
    const name = comp(ctx, 1, 1);
    if (name === SITUATIONAL_TRIGGER) triggers.push(triggerFrom(ctx));
    else context ??= { name: name as NonNullable<SegmentError['context']>['name'], value: comp(ctx, 1, 2) };
  }
  return stripUndefined({
    segment: el(ik3, 1),
    position: num(el(ik3, 2)) ?? Number.NaN,
    loop: opt(el(ik3, 3)),
    code: el(ik3, 4) as SegmentError['code'],
    context,
    segmentContext: triggers.length > 0 ? triggers : undefined,
    elementErrors: loop.loops('2110').map(elementErrorFrom),
  });
}

function transactionFrom(loop: Loop): TransactionAck {
  const ak2 = loop.segment('AK2');
  const ik5 = loop.segment('IK5');
  return stripUndefined({
    set: el(ak2, 1) as TransactionAck['set'],
    control: el(ak2, 2),
    guide: opt(el(ak2, 3)),
    verdict: el(ik5, 1) as TransactionAck['verdict'],
    errors: codesFrom(ik5, 2, 6) as TransactionAck['errors'],
    segmentErrors: loop.loops('2100').map(segmentErrorFrom),
  });
}

function parse(tree: Loop): ImplementationAcknowledgment {
  const ak1 = tree.segment('AK1');
  const ak9 = tree.segment('AK9');
  return {
    group: { functionalId: el(ak1, 1) as ImplementationAcknowledgment['group']['functionalId'], control: el(ak1, 2), version: el(ak1, 3) },
    transactions: tree.loops('2000').map(transactionFrom),
    verdict: el(ak9, 1) as ImplementationAcknowledgment['verdict'],
    included: num(el(ak9, 2)) ?? Number.NaN,
    received: num(el(ak9, 3)) ?? Number.NaN,
    accepted: num(el(ak9, 4)) ?? Number.NaN,
    groupErrors: codesFrom(ak9, 5, 9) as ImplementationAcknowledgment['groupErrors'],
  };
}

// ---- build ----

function str(n: number | undefined): string {
  return n === undefined ? '' : String(n);
}

/** C030 position in segment: "2", "1:1", "3::2". */
function positionInSegment(p: { position: number; component?: number; repetition?: number }): ElementValue {
  return p.component === undefined && p.repetition === undefined ? String(p.position) : composite(String(p.position), str(p.component), str(p.repetition));
}

function triggerSegment(t: SituationalTrigger): Segment {
  return seg('CTX', [[SITUATIONAL_TRIGGER], t.segment, String(t.position), t.loop ?? '', t.element === undefined ? '' : positionInSegment(t.element), t.reference ?? '']);
}

function build(r: ImplementationAcknowledgment): Segment[] {
  const out: Segment[] = [seg('AK1', [r.group.functionalId, r.group.control, r.group.version])];
  for (const t of r.transactions) {
    out.push(seg('AK2', [t.set, t.control, t.guide ?? '']));
    for (const s of t.segmentErrors) {
      out.push(seg('IK3', [s.segment, String(s.position), s.loop ?? '', s.code]));
      for (const c of s.segmentContext ?? []) out.push(triggerSegment(c));
      if (s.context !== undefined) out.push(seg('CTX', [[s.context.name, s.context.value]]));
      for (const e of s.elementErrors) {
        out.push(seg('IK4', [positionInSegment(e), e.reference ?? '', e.code, e.badValue ?? '']));
        for (const c of e.context ?? []) out.push(triggerSegment(c));
      }
    }
    out.push(seg('IK5', [t.verdict, ...t.errors]));
  }
  out.push(seg('AK9', [r.verdict, String(r.included), String(r.received), String(r.accepted), ...r.groupErrors]));
  return out;
}

export const IMPLEMENTATION_ACKNOWLEDGMENT_DOCUMENT: DocumentType<ImplementationAcknowledgment> = {
  name: 'ImplementationAcknowledgment',
  set: '999',
  guide: '005010X231A1',
  functionalId: 'FA',
  st03: true,
  schema: ImplementationAcknowledgmentSchema,
  parse,
  build,
};
