/**
 * Implementation guides as data. A guide is a tree of loops and segment uses, each segment use a list of
 * element uses, each with the type, length and codes the TR3 allows there. One state machine
 * (loop-tree.ts) reads every guide; adding a guide is adding a data file, never builder code.
 */

/** R required, S situational, N not used (present in the standard, excluded by the guide). */
export type Usage = 'R' | 'S' | 'N';

/**
 * X12 element types: AN string, ID code, DT date (CCYYMMDD, or YYMMDD when max is 6), TM time (HHMM[SS[dd]]),
 * N0..N4 implied-decimal integers, R decimal, B binary.
 */
export type ElementType = 'AN' | 'ID' | 'DT' | 'TM' | 'N0' | 'N1' | 'N2' | 'N4' | 'R' | 'B';

export interface SimpleElementDef {
  readonly kind: 'simple';
  /** Data element reference number from the X12 dictionary (e.g. '1065'). */
  readonly ref: string;
  readonly name: string;
  readonly usage: Usage;
  readonly type: ElementType;
  readonly min: number;
  readonly max: number;
  /** Allowed codes (ID elements) as the guide restricts them; absent means any code of the external list. */
  readonly codes?: readonly string[];
  /** Maximum repetitions (with the repetition separator); 1 when the element does not repeat. */
  readonly repeat: number;
}

export interface CompositeElementDef {
  readonly kind: 'composite';
  /** Composite reference (e.g. 'C003'). */
  readonly ref: string;
  readonly name: string;
  readonly usage: Usage;
  readonly components: readonly SimpleElementDef[];
  readonly repeat: number;
  /** Syntax rules between components, positions 1-based within the composite. */
  readonly rules: readonly SyntaxRule[];
}

export type ElementDef = SimpleElementDef | CompositeElementDef;

/**
 * X12 syntax rules between elements of a segment (positions are 1-based):
 * P paired (all or none), R required (at least one), E exclusion (at most one),
 * C conditional (if the first is present, all the others are), L list conditional (if the first is
 * present, at least one of the others is).
 */
export interface SyntaxRule {
  readonly kind: 'P' | 'R' | 'E' | 'C' | 'L';
  readonly positions: readonly number[];
}

export interface SegmentDef {
  readonly kind: 'segment';
  /** Segment id: NM1, CLM, ... */
  readonly id: string;
  /** Name in the guide ("Billing Provider Name"). */
  readonly name: string;
  readonly usage: Usage;
  /** Maximum uses in one loop iteration; Infinity for >1 unbounded. */
  readonly max: number;
  readonly elements: readonly ElementDef[];
  readonly rules: readonly SyntaxRule[];
  /**
   * Which element (1-based) tells this use apart from same-id siblings, and optionally which component.
   * Defaults to the first element with a code list.
   */
  readonly qualifier?: { readonly element: number; readonly component?: number };
}

export interface LoopDef {
  readonly kind: 'loop';
  /** Loop id as the guide names it: '2010AA', '2300'. */
  readonly id: string;
  readonly name: string;
  readonly usage: Usage;
  /** Maximum repeats of the loop in its parent; Infinity for >1 unbounded. */
  readonly max: number;
  /** The first child is the segment that starts the loop. */
  readonly children: readonly (SegmentDef | LoopDef)[];
}

export interface GuideDef {
  /** The implementation guide id as in ST03/GS08: '005010X222A1'. */
  readonly id: string;
  /** ST01: '837'. */
  readonly set: string;
  /** GS01: 'HC'. */
  readonly functionalId: string;
  readonly name: string;
  /**
   * For guides sharing ST01 and ST03 (278 request and response): the segment position in the set, the
   * element, and the values that pick this guide (BHT02 13 for requests, 11 for responses).
   */
  readonly discriminator?: { readonly segment: string; readonly element: number; readonly values: readonly string[] };
  /** The transaction set as a loop: ST first, SE last, id 'ST'. */
  readonly root: LoopDef;
}

export const UNBOUNDED = Number.POSITIVE_INFINITY;
