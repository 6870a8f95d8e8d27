import type { CompiledLoop, CompiledSegment } from '../grammar/compile.js';
import type { SegmentView } from '../x12/segment.js';

/** WEDI SNIP levels: 1 syntax, 2 guide requirements, 3 balancing, 4 situational, 5 external code sets. */
export type SnipLevel = 1 | 2 | 3 | 4 | 5;

export interface EditFinding {
  readonly level: SnipLevel;
  /** Our code for the rule, e.g. CLAIM_OUT_OF_BALANCE, NPI_CHECK_DIGIT. */
  readonly rule: string;
  readonly segmentId: string;
  readonly position: number;
  readonly offset: number;
  readonly loop: string;
  readonly element?: number;
  readonly component?: number;
  /** The 999 codes the finding maps to (IK3-04, IK4-03) when it is reported in a 999. */
  readonly ik3?: string;
  readonly ik4?: string;
  readonly message: string;
}

export interface EditSink {
  report(f: EditFinding): void;
}

/** What an edit knows about the transaction set it runs on. */
export interface EditContext {
  /** The functional group's date (GS04, CCYYMMDD): code lists are judged as of this date. */
  readonly date: string;
}

/** One run of an edit over one transaction set, fed as the loop tree is built. */
export interface EditRun {
  segment(use: CompiledSegment, seg: SegmentView, loop: CompiledLoop): void;
  exitLoop?(loop: CompiledLoop, seg: SegmentView | null): void;
  end?(): void;
}

/**
 * A business rule beyond the guide's grammar (SNIP 3-5). Edits are data-driven where they can be and
 * stream: they keep running sums and flags, never the transaction's segments.
 */
export interface TransactionEdit {
  readonly name: string;
  readonly level: SnipLevel;
  /** Guide ids the edit applies to; '*' for all. */
  readonly guides: readonly string[];
  start(sink: EditSink, ctx: EditContext): EditRun;
}
