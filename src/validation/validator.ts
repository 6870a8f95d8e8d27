import { type CompiledGuide, type CompiledLoop, compileGuide, loopPath } from '../grammar/compile.js';
import { type ElementFinding, ElementError } from '../grammar/element-check.js';
import { checkSegmentElements } from '../grammar/element-check.js';
import { LoopTreeBuilder, type StructureFinding } from '../grammar/loop-tree.js';
import { type LoopNode, TreeBuilder } from '../grammar/tree.js';
import type { GuideRegistry } from '../grammar/registry.js';
import type { GuideDef } from '../grammar/types.js';
import type { EditContext, EditFinding, EditRun, SnipLevel, TransactionEdit } from '../edits/types.js';
import type { EnvelopeContext, GroupSummary, InterchangeSummary, TransactionSummary } from '../x12/envelope.js';
import type { Finding } from '../x12/findings.js';
import { type ReadResult, type X12Source, readX12 } from '../x12/reader.js';
import type { SegmentView } from '../x12/segment.js';

export interface ValidationFinding {
  readonly level: SnipLevel;
  readonly severity: 'error' | 'warning';
  /** The 999 code: IK4-03 for element findings, IK3-04 for segment findings, IK5-02 for set findings; or an edit rule name. */
  readonly code: string;
  readonly segmentId: string;
  /** Position of the segment in its transaction set (ST = 1). */
  readonly position: number;
  readonly offset: number;
  readonly loop: string;
  /** Element position (1-based); 0 for segment-level findings. */
  readonly element: number;
  readonly component: number;
  readonly repetition: number;
  readonly elementRef?: string;
  readonly ik3?: string;
  readonly ik4?: string;
  readonly ik5?: string;
  readonly rule?: string;
  readonly message: string;
  /** For the 999's IK4-04 only. May be PHI: never log it. */
  readonly badValue?: string;
  /** The claim the finding is in (CLM01), for the 999's business unit CTX. Never log it. */
  readonly claim?: string;
}

export interface TransactionVerdict {
  readonly set: string;
  readonly guide: string;
  /** The guide actually used, or null when none is known for the set. */
  readonly guideUsed: string | null;
  readonly control: string;
  readonly groupControl: string;
  readonly functionalId: string;
  readonly interchangeControl: string;
  readonly segments: number;
  readonly offset: number;
  readonly valid: boolean;
  readonly findings: readonly ValidationFinding[];
  readonly findingCount: number;
  /** The loop tree, when `buildTree` was asked for and a guide was found. */
  readonly tree?: LoopNode;
  /** The interchange and group headers the set arrived in. */
  readonly interchange: InterchangeSummary | null;
  readonly group: GroupSummary | null;
}

export interface FileValidation {
  readonly valid: boolean;
  readonly envelope: ReadResult;
  readonly transactions: readonly TransactionVerdict[];
}

export interface ValidateOptions {
  readonly registry: GuideRegistry;
  readonly edits?: readonly TransactionEdit[];
  /** Highest SNIP level to check. Default 5. */
  readonly level?: SnipLevel;
  /** Called as each transaction set is judged; with `keepTransactions: false` this is the only output. */
  readonly onTransaction?: (v: TransactionVerdict) => void;
  readonly keepTransactions?: boolean;
  /** Build each set's loop tree (detached segments) and hand it over in the verdict, for mapping to records. */
  readonly buildTree?: boolean;
  /** Findings kept per transaction set. Default 1,000. */
  readonly maxFindings?: number;
}

const LEVEL1_IK4 = new Set<string>([ElementError.TOO_MANY_ELEMENTS, ElementError.TOO_SHORT, ElementError.TOO_LONG, ElementError.INVALID_CHARACTER, ElementError.INVALID_DATE, ElementError.INVALID_TIME, ElementError.TOO_MANY_COMPONENTS, ElementError.TOO_MANY_REPETITIONS]);
const LEVEL1_IK3 = new Set(['1', '6']);

interface OpenSet {
  guide: CompiledGuide | null;
  candidates: readonly GuideDef[];
  builder: LoopTreeBuilder | null;
  runs: EditRun[];
  findings: ValidationFinding[];
  count: number;
  stPosition: number;
  /** Patient control number (CLM01) of the claim being read, for findings inside it. */
  claim: string | undefined;
  tree: TreeBuilder | null;
}

/**
 * Validates X12 in one streaming pass: the envelope (from the reader), then each transaction set against
 * its guide (loop tree, elements, syntax rules), then the edits for levels 3-5. Holds one transaction's
 * findings at a time, never its segments.
 */
export async function validateX12(source: X12Source, opts: ValidateOptions): Promise<FileValidation> {
  const level = opts.level ?? 5;
  const maxFindings = opts.maxFindings ?? 1000;
  const keep = opts.keepTransactions !== false;
  const transactions: TransactionVerdict[] = [];
  let open: OpenSet | null = null;
  let anyInvalid = false;

  const add = (o: OpenSet, f: ValidationFinding) => {
    if (f.level > level) return;
    o.count++;
    if (o.findings.length < maxFindings) o.findings.push(o.claim !== undefined && f.claim === undefined ? { ...f, claim: o.claim } : f);
  };

  const structure = (o: OpenSet) => (s: StructureFinding) =>
    add(o, {
      level: LEVEL1_IK3.has(s.code) ? 1 : 2,
      severity: 'error',
      code: s.code,
      segmentId: s.segmentId,
      position: s.position,
      offset: s.offset,
      loop: s.loop,
      element: 0,
      component: 0,
      repetition: 0,
      ik3: s.code,
      message: s.message,
    });

  const startBuilder = (o: OpenSet, def: GuideDef, ctx: EditContext) => {
    const guide = compileGuide(def);
    o.guide = guide;
    const runs = (opts.edits ?? []).filter((e) => e.level <= level && (e.guides.includes('*') || e.guides.includes(def.id) || e.guides.includes(`${def.set}:${def.id}`)));
    const sink = {
      report: (f: EditFinding) =>
        add(o, {
          level: f.level,
          severity: 'error',
          code: f.ik4 ?? f.ik3 ?? f.rule,
          rule: f.rule,
          segmentId: f.segmentId,
          position: f.position,
          offset: f.offset,
          loop: f.loop,
          element: f.element ?? 0,
          component: f.component ?? 0,
          repetition: 0,
          ik3: f.ik3,
          ik4: f.ik4,
          message: f.message,
        }),
    };
    o.runs = runs.map((e) => e.start(sink, ctx));
    const tree = opts.buildTree ? new TreeBuilder() : null;
    o.tree = tree;
    o.builder = new LoopTreeBuilder(
      guide,
      {
        enterLoop: tree ? (loop, seg) => tree.enterLoop(loop) : undefined,
        exitLoop: (loop: CompiledLoop) => {
          for (const r of o.runs) r.exitLoop?.(loop, null);
          tree?.exitLoop();
        },
        segment: tree ? (use, seg) => tree.segment(use, seg) : undefined,
      },
      structure(o),
    );
  };

  const onSegment = (seg: SegmentView, at: EnvelopeContext) => {
    if (seg.setPosition === 0) return;
    if (seg.tag === 'ST' && seg.setPosition === 1) {
      const st = at.transaction!;
      const exact = opts.registry.candidates(st.set, st.guide, at.group?.version ?? '');
      const candidates = exact.length > 0 ? exact : opts.registry.nearest(st.set, st.guide, at.group?.version ?? '');
      open = { guide: null, candidates, builder: null, runs: [], findings: [], count: 0, stPosition: 1, claim: undefined, tree: null };
      for (const f of early.splice(0)) onFinding(f);
      if (exact.length === 0 && candidates.length > 0) {
        add(open, {
          level: 1,
          severity: 'warning',
          code: 'GUIDE_VERSION_FALLBACK',
          rule: 'GUIDE_VERSION_FALLBACK',
          segmentId: 'ST',
          position: 1,
          offset: seg.offset,
          loop: 'ST',
          element: 3,
          component: 0,
          repetition: 0,
          message: `The set names guide ${JSON.stringify(st.guide)}, an earlier release than the adopted ${candidates[0].id}; it was checked against ${candidates[0].id}.`,
        });
      }
      if (candidates.length === 0) {
        add(open, {
          level: 1,
          severity: 'error',
          code: '1',
          segmentId: 'ST',
          position: 1,
          offset: seg.offset,
          loop: 'ST',
          element: 3,
          component: 0,
          repetition: 0,
          ik5: '1',
          rule: 'GUIDE_UNKNOWN',
          message: `No implementation guide is known for transaction set ${st.set} with version ${JSON.stringify(st.guide)}; x12d knows ${opts.registry.describe()}.`,
        });
        return;
      }
      if (candidates.length === 1) startBuilder(open, candidates[0], { date: at.group?.date ?? '' });
      else {
        // Guides sharing ST01 and ST03 (278 request/response): ST is the same in each; the choice waits for the discriminating segment.
        checkSegmentElements(compileGuide(candidates[0]).root.trigger.def, seg, elementReporter(open, 'ST', seg, 'ST'));
        return;
      }
    }
    const o = open;
    if (o === null || o.candidates.length === 0) return;
    if (o.builder === null) {
      const pick = o.candidates.find((c) => c.discriminator && c.discriminator.segment === seg.tag && c.discriminator.values.includes(seg.element(c.discriminator.element))) ?? o.candidates[0];
      startBuilder(o, pick, { date: at.group?.date ?? '' });
      o.builder!.begin(o.stPosition);
    }
    // Placing a CLM or HL can close the previous claim and report what it lacked: those findings belong
    // to the claim before, so the claim changes only after the segment is placed.
    const claim = seg.tag === 'CLM' ? seg.element(1) : seg.tag === 'HL' ? undefined : o.claim;
    const use = o.builder!.push(seg);
    o.claim = claim;
    if (use === null) return;
    const loop = o.builder!.currentLoop!;
    current = o;
    currentId = use.def.id;
    currentSeg = seg;
    currentLoop = loop.parent === null ? 'ST' : loop.def.id;
    checkSegmentElements(use.def, seg, segmentReporter);
    for (const r of o.runs) r.segment(use, seg, loop);
  };

  // The segment being checked, for the one reporter every segment shares (no closure per segment).
  let current: OpenSet | null = null;
  let currentId = '';
  let currentSeg: SegmentView | null = null;
  let currentLoop = '';
  const segmentReporter = (f: ElementFinding) => elementReporter(current!, currentId, currentSeg!, currentLoop)(f);

  const elementReporter = (o: OpenSet, segmentId: string, seg: SegmentView, loop: string) => (f: ElementFinding) =>
    add(o, {
      level: LEVEL1_IK4.has(f.code) ? 1 : 2,
      severity: 'error',
      code: f.code,
      segmentId,
      position: seg.setPosition,
      offset: seg.offset,
      loop,
      element: f.element,
      component: f.component,
      repetition: f.repetition,
      elementRef: f.ref,
      ik3: '8',
      ik4: f.code,
      message: f.message,
      badValue: f.badValue,
    });

  const envelopeFindings: Finding[] = [];
  // Findings about an ST itself (duplicate or bad ST02) arrive just before the ST opens its set.
  const early: Finding[] = [];
  const onFinding = (f: Finding) => {
    const o = open;
    if (o === null && f.transaction !== undefined && f.ik5 !== undefined) {
      early.push(f);
      return;
    }
    if (o !== null && f.transaction !== undefined && f.ik5 !== undefined) {
      add(o, {
        level: 1,
        severity: f.severity === 'warning' ? 'warning' : 'error',
        code: f.ik5,
        segmentId: f.segmentId ?? '',
        position: 0,
        offset: f.offset,
        loop: '',
        element: 0,
        component: 0,
        repetition: 0,
        ik5: f.ik5,
        rule: f.code,
        message: f.message,
      });
    } else envelopeFindings.push(f);
  };

  const onTransactionEnd = (t: TransactionSummary, at: EnvelopeContext) => {
    const o = open;
    open = null;
    if (o === null) return;
    o.builder?.end();
    for (const r of o.runs) r.end?.();
    const valid = !o.findings.some((f) => f.severity === 'error');
    if (!valid) anyInvalid = true;
    const v: TransactionVerdict = {
      set: t.set,
      guide: t.guide,
      guideUsed: o.guide?.def.id ?? null,
      control: t.control,
      groupControl: at.group?.control ?? '',
      functionalId: at.group?.functionalId ?? '',
      interchangeControl: at.interchange?.control ?? '',
      segments: t.segments,
      offset: t.offset,
      valid,
      findings: o.findings,
      findingCount: o.count,
      ...(o.tree?.root ? { tree: o.tree.root } : {}),
      interchange: at.interchange,
      group: at.group,
    };
    opts.onTransaction?.(v);
    if (keep) transactions.push(v);
  };

  const envelope = await readX12(source, { segment: onSegment, finding: onFinding, transactionEnd: onTransactionEnd });
  envelopeFindings.push(...early.splice(0));
  const envelopeErrors = envelope.findings.filter((f) => f.severity !== 'warning' && !(f.transaction !== undefined && f.ik5 !== undefined));
  return { valid: !anyInvalid && envelopeErrors.length === 0, envelope: { ...envelope, findings: envelopeFindings }, transactions };
}

export { loopPath };
