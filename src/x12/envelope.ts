import { type Finding, type FindingCode, finding } from './findings.js';
import type { ScanSink } from './scanner.js';
import type { SegmentView } from './segment.js';

export interface TransactionSummary {
  /** ST01, the transaction set id (837, 835, ...). */
  readonly set: string;
  /** ST02. */
  readonly control: string;
  /** ST03, the implementation guide (005010X222A1), or GS08 when ST03 is absent. */
  readonly guide: string;
  /** Segments from ST to SE inclusive, as counted (not as SE01 claims). */
  readonly segments: number;
  readonly offset: number;
}
export interface GroupSummary {
  readonly functionalId: string;
  readonly sender: string;
  readonly receiver: string;
  readonly version: string;
  readonly control: string;
  readonly date: string;
  readonly time: string;
  readonly transactions: TransactionSummary[];
  readonly offset: number;
}
export interface InterchangeSummary {
  readonly senderQualifier: string;
  readonly sender: string;
  readonly receiverQualifier: string;
  readonly receiver: string;
  readonly control: string;
  readonly date: string;
  readonly time: string;
  readonly version: string;
  /** ISA15: P production, T test, I information. */
  readonly usage: string;
  readonly ackRequested: string;
  readonly groups: GroupSummary[];
  readonly offset: number;
}

/** Where a segment sits: the open interchange, group and transaction set (null when outside one). */
export interface EnvelopeContext {
  readonly interchange: InterchangeSummary | null;
  readonly group: GroupSummary | null;
  readonly transaction: TransactionSummary | null;
}

export interface EnvelopeHandler {
  segment?(seg: SegmentView, at: EnvelopeContext): void;
  finding?(f: Finding): void;
  /** After the SE (or when a set ends without one), with the set's envelope context. */
  transactionEnd?(t: TransactionSummary, at: EnvelopeContext): void;
  interchangeEnd?(i: InterchangeSummary): void;
}

interface OpenTransaction {
  set: string;
  control: string;
  guide: string;
  segments: number;
  offset: number;
}

const DIGITS_9 = /^\d{9}$/;
const GROUP_CONTROL = /^\d{1,9}$/;
const ST_CONTROL = /^[\x21-\x7e]{4,9}$/;

function validDate(yymmdd: string, century: boolean): boolean {
  const m = century ? /^(\d{4})(\d{2})(\d{2})$/.exec(yymmdd) : /^(\d{2})(\d{2})(\d{2})$/.exec(yymmdd);
  if (!m) return false;
  const y = Number(m[1]) + (century ? 0 : 2000);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (mo < 1 || mo > 12 || d < 1) return false;
  const days = new Date(Date.UTC(y, mo, 0)).getUTCDate();
  return d <= days;
}

function validTime(hhmm: string): boolean {
  const m = /^(\d{2})(\d{2})(\d{2})?(\d{0,2})$/.exec(hhmm);
  return m !== null && Number(m[1]) < 24 && Number(m[2]) < 60 && (m[3] === undefined || Number(m[3]) < 60);
}

/**
 * The envelope state machine: ISA/IEA, GS/GE, ST/SE. It checks counts and control numbers, numbers each
 * segment's position in its transaction set, and reports what is wrong as findings. It keeps only the
 * envelope headers (and, when asked, a summary of control numbers), never the segments themselves.
 */
export class EnvelopeChecker implements ScanSink {
  private isa: InterchangeSummary | null = null;
  private gs: GroupSummary | null = null;
  private st: OpenTransaction | null = null;
  private groupCount = 0;
  private setCount = 0;
  private readonly isaControls = new Set<string>();
  private gsControls = new Set<string>();
  private stControls = new Set<string>();
  private readonly context = { interchange: null, group: null, transaction: null } as {
    interchange: InterchangeSummary | null;
    group: GroupSummary | null;
    transaction: TransactionSummary | null;
  };
  readonly interchanges: InterchangeSummary[] = [];
  private lastOffset = 0;

  constructor(
    private readonly handler: EnvelopeHandler,
    private readonly keepSummary: boolean,
  ) {}

  finding(f: Finding): void {
    this.handler.finding?.(f);
  }

  private report(code: FindingCode, message: string, seg: SegmentView | null): void {
    this.handler.finding?.(
      finding(code, message, {
        offset: seg ? seg.offset : this.lastOffset,
        segment: seg ? seg.index : -1,
        line: seg ? seg.line : undefined,
        segmentId: seg ? seg.tag : undefined,
        interchange: this.isa?.control,
        group: this.gs?.control,
        transaction: this.st?.control,
      }),
    );
  }

  segment(seg: SegmentView): void {
    // An ISA first closes the previous interchange: its findings belong at the previous offset.
    if (seg.tag !== 'ISA') this.lastOffset = seg.offset;
    switch (seg.tag) {
      case 'ISA':
        this.onIsa(seg);
        this.lastOffset = seg.offset;
        break;
      case 'GS':
        this.onGs(seg);
        break;
      case 'ST':
        this.onSt(seg);
        break;
      case 'SE':
        this.onSe(seg);
        return;
      case 'GE':
        this.onGe(seg);
        return;
      case 'IEA':
        this.onIea(seg);
        return;
      default:
        if (this.st !== null) {
          seg.setPosition = ++this.st.segments;
          if (!seg.tagIsValid) {
            this.report('BAD_SEGMENT_ID', `Segment ${seg.setPosition} of transaction set ${this.st.set} (control ${this.st.control}) has no valid segment id: a segment id is 2 or 3 capital letters or digits.`, seg);
          }
        } else if (!(seg.tag === 'TA1' && this.isa !== null && this.gs === null)) {
          this.outside(seg);
          return;
        }
    }
    this.handler.segment?.(seg, this.context);
  }

  private outside(seg: SegmentView): void {
    const where = this.isa === null ? 'outside any interchange (before an ISA or after an IEA)' : this.gs === null ? `inside interchange ${this.isa.control} but outside a functional group (GS/GE)` : `inside group ${this.gs.control} but outside a transaction set (ST/SE)`;
    this.report('SEGMENT_OUTSIDE_ENVELOPE', `Segment ${seg.tag} at segment ${seg.index + 1} is ${where}; it was not read as part of any transaction.`, seg);
  }

  private onIsa(seg: SegmentView): void {
    if (this.isa !== null) {
      this.closeInterchange(null, `Interchange ${this.isa.control} has no IEA trailer before the next ISA.`);
    }
    const e = (n: number) => seg.element(n);
    const control = e(13);
    const isa: InterchangeSummary = {
      senderQualifier: e(5).trim(),
      sender: e(6).trim(),
      receiverQualifier: e(7).trim(),
      receiver: e(8).trim(),
      control,
      date: e(9),
      time: e(10),
      version: e(12),
      ackRequested: e(14),
      usage: e(15),
      groups: [],
      offset: seg.offset,
    };
    this.isa = isa;
    this.context.interchange = isa;
    this.groupCount = 0;
    this.gsControls = new Set();
    if (this.keepSummary) this.interchanges.push(isa);
    if (!DIGITS_9.test(control)) this.report('BAD_ISA_CONTROL_NUMBER', `The interchange control number (ISA13) must be exactly 9 digits; it is ${JSON.stringify(control)}.`, seg);
    else if (this.isaControls.has(control)) this.report('DUPLICATE_ISA_CONTROL', `Interchange control number ${control} appears twice in this file; each interchange needs its own.`, seg);
    this.isaControls.add(control);
    if (!validDate(isa.date, false)) this.report('BAD_ISA_DATE', `The interchange date (ISA09) must be a real date as YYMMDD; it is ${JSON.stringify(isa.date)}.`, seg);
    if (!validTime(isa.time) || isa.time.length !== 4) this.report('BAD_ISA_TIME', `The interchange time (ISA10) must be HHMM; it is ${JSON.stringify(isa.time)}.`, seg);
    if (!/^\d{5}$/.test(isa.version)) this.report('BAD_ISA_VERSION', `The interchange version (ISA12) must be 5 digits such as 00501; it is ${JSON.stringify(isa.version)}.`, seg);
    if (isa.ackRequested !== '0' && isa.ackRequested !== '1') this.report('BAD_ISA_ACK_REQUESTED', `ISA14 (acknowledgment requested) must be 0 or 1; it is ${JSON.stringify(isa.ackRequested)}.`, seg);
    if (isa.usage !== 'P' && isa.usage !== 'T' && isa.usage !== 'I') this.report('BAD_ISA_USAGE', `ISA15 must be P (production), T (test) or I (information); it is ${JSON.stringify(isa.usage)}.`, seg);
    if (!/^[0-9A-Z]{2}$/.test(isa.senderQualifier) || !/^[0-9A-Z]{2}$/.test(isa.receiverQualifier)) this.report('BAD_ISA_QUALIFIER', 'The sender or receiver ID qualifier (ISA05, ISA07) must be a 2-character code such as ZZ or 30.', seg);
  }

  private onGs(seg: SegmentView): void {
    if (this.isa === null) {
      this.outside(seg);
      return;
    }
    if (this.gs !== null) this.closeGroup(null, `Functional group ${this.gs.control} has no GE trailer before the next GS.`);
    const gs: GroupSummary = {
      functionalId: seg.element(1),
      sender: seg.element(2),
      receiver: seg.element(3),
      date: seg.element(4),
      time: seg.element(5),
      control: seg.element(6),
      version: seg.element(8),
      transactions: [],
      offset: seg.offset,
    };
    this.gs = gs;
    this.context.group = gs;
    this.groupCount++;
    this.setCount = 0;
    this.stControls = new Set();
    if (this.keepSummary) this.isa.groups.push(gs);
    if (!GROUP_CONTROL.test(gs.control)) this.report('BAD_GS_CONTROL_NUMBER', `The group control number (GS06) must be 1 to 9 digits; it is ${JSON.stringify(gs.control)}.`, seg);
    else if (this.gsControls.has(gs.control)) this.report('DUPLICATE_GS_CONTROL', `Group control number ${gs.control} appears twice in interchange ${this.isa.control}.`, seg);
    this.gsControls.add(gs.control);
    if (gs.version.startsWith('00501') === false && gs.version.startsWith('005010') === false && this.isa.version === '00501') {
      this.report('VERSION_MISMATCH', `The group's version (GS08 ${JSON.stringify(gs.version)}) does not match the interchange version 00501 (ISA12).`, seg);
    } else if (gs.version.startsWith('005010') && this.isa.version !== '00501') {
      this.report('VERSION_MISMATCH', `The group's version (GS08 ${gs.version}) is 5010 but the interchange says version ${this.isa.version} (ISA12 should be 00501).`, seg);
    }
  }

  private onSt(seg: SegmentView): void {
    if (this.gs === null) {
      this.outside(seg);
      return;
    }
    if (this.st !== null) this.closeTransaction(null, `Transaction set ${this.st.set} (control ${this.st.control}) has no SE trailer before the next ST.`);
    const st: OpenTransaction = {
      set: seg.element(1),
      control: seg.element(2),
      guide: seg.element(3) || this.gs.version,
      segments: 1,
      offset: seg.offset,
    };
    this.st = st;
    this.context.transaction = st;
    this.setCount++;
    seg.setPosition = 1;
    if (!/^\d{3}$/.test(st.set)) this.report('MISSING_ST_ID', `The transaction set id (ST01) must be 3 digits such as 837; it is ${JSON.stringify(st.set)}.`, seg);
    if (!ST_CONTROL.test(st.control)) this.report('BAD_ST_CONTROL_NUMBER', `The transaction set control number (ST02) must be 4 to 9 characters; it is ${JSON.stringify(st.control)}.`, seg);
    else if (this.stControls.has(st.control)) this.report('DUPLICATE_ST_CONTROL', `Transaction set control number ${st.control} appears twice in group ${this.gs.control}.`, seg);
    this.stControls.add(st.control);
  }

  private onSe(seg: SegmentView): void {
    const st = this.st;
    if (st === null) {
      this.outside(seg);
      return;
    }
    seg.setPosition = ++st.segments;
    const counted = seg.element(1);
    if (counted !== String(st.segments)) {
      this.report('SE_COUNT_MISMATCH', `Transaction set ${st.set} (control ${st.control}) says it has ${JSON.stringify(counted)} segments (SE01) but has ${st.segments}, counting ST and SE.`, seg);
    }
    const control = seg.element(2);
    if (control !== st.control) {
      this.report('SE_CONTROL_MISMATCH', `Transaction set ${st.set} starts with control number ${st.control} (ST02) but ends with ${JSON.stringify(control)} (SE02).`, seg);
    }
    this.handler.segment?.(seg, this.context);
    this.closeTransaction(seg, null);
  }

  private onGe(seg: SegmentView): void {
    if (this.gs === null) {
      this.outside(seg);
      return;
    }
    if (this.st !== null) this.closeTransaction(seg, `Transaction set ${this.st.set} (control ${this.st.control}) has no SE trailer before the GE.`);
    const gs = this.gs;
    const count = seg.element(1);
    if (count !== String(this.setCount)) {
      this.report('GE_COUNT_MISMATCH', `Functional group ${gs.control} says it has ${JSON.stringify(count)} transaction sets (GE01) but has ${this.setCount}.`, seg);
    }
    const control = seg.element(2);
    if (control !== gs.control) {
      this.report('GE_CONTROL_MISMATCH', `Functional group starts with control number ${gs.control} (GS06) but ends with ${JSON.stringify(control)} (GE02).`, seg);
    }
    this.handler.segment?.(seg, this.context);
    this.gs = null;
    this.context.group = null;
  }

  private onIea(seg: SegmentView): void {
    if (this.isa === null) {
      this.outside(seg);
      return;
    }
    if (this.gs !== null) this.closeGroup(seg, `Functional group ${this.gs.control} has no GE trailer before the IEA.`);
    const isa = this.isa;
    const count = seg.element(1);
    if (count !== String(this.groupCount)) {
      this.report('IEA_COUNT_MISMATCH', `Interchange ${isa.control} says it has ${JSON.stringify(count)} functional groups (IEA01) but has ${this.groupCount}.`, seg);
    }
    const control = seg.element(2);
    if (control !== isa.control) {
      this.report('IEA_CONTROL_MISMATCH', `Interchange starts with control number ${isa.control} (ISA13) but ends with ${JSON.stringify(control)} (IEA02).`, seg);
    }
    this.handler.segment?.(seg, this.context);
    this.closeInterchange(seg, null);
  }

  private closeTransaction(seg: SegmentView | null, missing: string | null): void {
    const st = this.st!;
    if (missing !== null) this.report('MISSING_SE', missing, seg);
    const summary: TransactionSummary = { set: st.set, control: st.control, guide: st.guide, segments: st.segments, offset: st.offset };
    if (this.keepSummary && this.gs) this.gs.transactions.push(summary);
    this.handler.transactionEnd?.(summary, this.context);
    this.st = null;
    this.context.transaction = null;
  }

  private closeGroup(seg: SegmentView | null, missing: string): void {
    if (this.st !== null) this.closeTransaction(seg, `Transaction set ${this.st.set} (control ${this.st.control}) has no SE trailer.`);
    this.report('MISSING_GE', missing, seg);
    this.gs = null;
    this.context.group = null;
  }

  private closeInterchange(seg: SegmentView | null, missing: string | null): void {
    if (missing !== null) {
      if (this.gs !== null) this.closeGroup(seg, `Functional group ${this.gs.control} has no GE trailer.`);
      this.report('MISSING_IEA', missing, seg);
    }
    const isa = this.isa!;
    this.isa = null;
    this.context.interchange = null;
    this.handler.interchangeEnd?.(isa);
  }

  /** End of input: whatever is still open was cut off. */
  finish(): void {
    if (this.isa === null && this.gs === null && this.st === null) return;
    if (this.st !== null) this.closeTransaction(null, `The file ends inside transaction set ${this.st.set} (control ${this.st.control}): its SE trailer is missing, so the file was probably cut off.`);
    if (this.gs !== null) {
      this.report('MISSING_GE', `The file ends inside functional group ${this.gs.control}: its GE trailer is missing.`, null);
      this.gs = null;
      this.context.group = null;
    }
    if (this.isa !== null) {
      this.report('TRUNCATED', `The file ends inside interchange ${this.isa.control}: its IEA trailer is missing, so the file was probably cut off in transfer.`, null);
      this.closeInterchange(null, null);
    }
  }
}
