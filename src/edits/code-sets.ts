import { isDate } from '../grammar/element-check.js';
import type { SegmentView } from '../x12/segment.js';
import { type CodeList, codeListsDir, loadCodeList } from './code-lists.js';
import type { EditContext, EditSink, TransactionEdit } from './types.js';

/** NPI check digit: Luhn over the first nine digits as if prefixed by 80840 (which adds 24 to the sum). */
export function isValidNpi(npi: string): boolean {
  if (!/^[12]\d{9}$/.test(npi)) return false;
  let sum = 24;
  for (let i = 0; i < 9; i++) {
    let d = npi.charCodeAt(i) - 48;
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return (10 - (sum % 10)) % 10 === npi.charCodeAt(9) - 48;
}

/** ICD-10-CM as X12 carries it: 3 to 7 characters, a letter, a digit, then letters or digits; no decimal point. */
export const ICD10_CM = /^[A-Z][0-9][0-9A-Z]{1,5}$/;
/** CPT (5 digits, or 4 digits and F, M, T or U) or HCPCS Level II (a letter A-V and 4 digits). */
export const CPT_HCPCS = /^(\d{4}[0-9FMTU]|[A-V]\d{4})$/;
export const MODIFIER = /^[0-9A-Z]{2}$/;

/** HI qualifiers that carry ICD-10-CM diagnoses (BK/BF are ICD-9 and not checked here). */
const ICD10_QUALIFIERS = new Set(['ABK', 'ABF', 'ABJ', 'ABN', 'APR']);

interface Check {
  /** Rule name in findings. */
  readonly rule: string;
  /** A reason the value is wrong, or null. `date` (CCYYMMDD) is when the transaction was made. */
  readonly test: (value: string, date: string, dir: string) => string | null;
}

function listCheck(rule: string, listName: string, what: string): Check {
  // The list for the folder last asked about: the folder is read once per transaction set (by the edit's
  // start), not from process.env for every code.
  let lastDir: string | undefined;
  let lastList: CodeList | null = null;
  return {
    rule,
    test(v, date, dir) {
      // loadCodeList caches per folder, so X12D_CODE_LISTS_DIR is honoured as it is when the set starts.
      if (dir !== lastDir) {
        lastList = loadCodeList(listName, dir);
        lastDir = dir;
      }
      const list: CodeList | null = lastList;
      if (list === null) return null;
      const gone = list.deactivatedOn(v);
      // A retired code was right in a file made before it was retired.
      if (gone !== undefined && date !== '' && date < gone.replaceAll('-', '')) return null;
      if (gone !== undefined) return `${JSON.stringify(v)} is a ${what} that was deactivated on ${gone} (list: ${list.name}, effective ${list.effective}).`;
      if (list.has(v) || list.partial) return null;
      return `${JSON.stringify(v)} is not a ${what} (list: ${list.name}, effective ${list.effective}).`;
    },
  };
}

const carc = listCheck('CARC_UNKNOWN', 'carc', 'claim adjustment reason code');
const rarc = listCheck('RARC_UNKNOWN', 'rarc', 'remittance advice remark code');
const pos = listCheck('PLACE_OF_SERVICE_UNKNOWN', 'place-of-service', 'place of service code');
const category = listCheck('CLAIM_STATUS_CATEGORY_UNKNOWN', 'claim-status-category', 'claim status category code');
const status = listCheck('CLAIM_STATUS_UNKNOWN', 'claim-status', 'claim status code');
const npi: Check = { rule: 'NPI_CHECK_DIGIT', test: (v) => (isValidNpi(v) ? null : 'is not a valid NPI: an NPI is 10 digits starting with 1 or 2, and its last digit is a check digit that does not match.') };
const icd: Check = { rule: 'ICD10_SHAPE', test: (v) => (v.includes('.') ? 'is written with a decimal point; X12 carries ICD-10 codes without it.' : ICD10_CM.test(v) ? null : 'is not shaped like an ICD-10-CM code (a letter, a digit, then 1 to 5 letters or digits).') };
const cpt: Check = { rule: 'PROCEDURE_CODE_SHAPE', test: (v) => (CPT_HCPCS.test(v) ? null : 'is not shaped like a CPT or HCPCS code (5 digits, 4 digits and F/T/U, or a letter A-V and 4 digits).') };
const modifier: Check = { rule: 'MODIFIER_SHAPE', test: (v) => (MODIFIER.test(v) ? null : 'is not a procedure modifier (2 letters or digits).') };

interface Target {
  readonly segment: string;
  readonly element: number;
  readonly component: number;
  readonly check: Check;
  readonly when?: (seg: SegmentView) => boolean;
}

const HI_TARGETS: Target[] = [];
for (let e = 1; e <= 12; e++) HI_TARGETS.push({ segment: 'HI', element: e, component: 2, check: icd, when: (s) => ICD10_QUALIFIERS.has(s.component(e, 1)) });

/** Where each external code set is checked, segment by segment: the rules as data. */
const TARGETS: readonly Target[] = [
  { segment: 'NM1', element: 9, component: 0, check: npi, when: (s) => s.elementIs(8, 'XX') },
  ...HI_TARGETS,
  { segment: 'SV1', element: 1, component: 2, check: cpt, when: (s) => s.componentIs(1, 1, 'HC') },
  ...[3, 4, 5, 6].map((c) => ({ segment: 'SV1', element: 1, component: c, check: modifier })),
  { segment: 'SV1', element: 5, component: 0, check: pos },
  { segment: 'CLM', element: 5, component: 1, check: pos, when: (s) => s.componentIs(5, 2, 'B') },
  { segment: 'SVC', element: 1, component: 2, check: cpt, when: (s) => s.componentIs(1, 1, 'HC') },
  ...[2, 5, 8, 11, 14, 17].map((e) => ({ segment: 'CAS', element: e, component: 0, check: carc })),
  { segment: 'LQ', element: 2, component: 0, check: rarc, when: (s) => s.elementIs(1, 'HE') },
  ...[3, 4, 5, 6, 7].map((e) => ({ segment: 'MOA', element: e, component: 0, check: rarc })),
  ...[5, 20, 21, 22, 23].map((e) => ({ segment: 'MIA', element: e, component: 0, check: rarc })),
  ...[1, 10, 11].map((e) => ({ segment: 'STC', element: e, component: 1, check: category })),
  ...[1, 10, 11].map((e) => ({ segment: 'STC', element: e, component: 2, check: status })),
];

const BY_SEGMENT = new Map<string, Target[]>();
for (const t of TARGETS) BY_SEGMENT.set(t.segment, [...(BY_SEGMENT.get(t.segment) ?? []), t]);

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** SNIP 5: external code sets checked offline (NPI, ICD-10-CM, CPT/HCPCS, POS, CARC, RARC, claim status, dates). */
export const externalCodeSets: TransactionEdit = {
  name: 'EXTERNAL_CODE_SETS',
  level: 5,
  guides: ['*'],
  start(sink: EditSink, ctx: EditContext) {
    const dir = codeListsDir();
    return {
      segment(use, seg, loop) {
        const loopId = loop.parent === null ? 'ST' : loop.def.id;
        const targets = BY_SEGMENT.get(use.def.id);
        if (targets !== undefined) {
          for (const t of targets) {
            // An absent element has no value to check (and its `when` need not be asked).
            if (seg.elementEnd(t.element) <= seg.elementStart(t.element)) continue;
            if (t.when && !t.when(seg)) continue;
            const v = t.component === 0 ? seg.element(t.element) : seg.component(t.element, t.component);
            if (v === '') continue;
            const problem = t.check.test(v, ctx.date, dir);
            if (problem === null) continue;
            const name = `${use.def.id}${pad2(t.element)}${t.component > 0 ? `-${t.component}` : ''}`;
            sink.report({ level: 5, rule: t.check.rule, segmentId: use.def.id, position: seg.setPosition, offset: seg.offset, loop: loopId, element: t.element, component: t.component, message: `${name} ${problem}` });
          }
        }
        if (use.def.id === 'DTP') checkDate(seg, sink, loopId, 'DTP', 2, 3);
        else if (use.def.id === 'DMG') checkDate(seg, sink, loopId, 'DMG', 1, 2);
      },
    };
  },
};

/**
 * A date whose format a qualifier gives (DTP02/DTP03, DMG01/DMG02): D8 (CCYYMMDD) and RD8
 * (CCYYMMDD-CCYYMMDD, start not after end) must be real dates. The element is plain AN in the guide, so
 * SNIP 1 cannot see a 13th month or a 30th of February; a birth date like that would be a rejection.
 */
function checkDate(seg: SegmentView, sink: EditSink, loop: string, segmentId: 'DTP' | 'DMG', qualifier: number, value: number): void {
  const format = seg.elementIs(qualifier, 'D8') ? 'D8' : seg.elementIs(qualifier, 'RD8') ? 'RD8' : '';
  const s = seg.elementStart(value);
  const e = seg.elementEnd(value);
  if (format === '' || e <= s) return;
  const buf = seg.buf;
  let ok = true;
  if (format === 'D8') ok = isDate(buf, s, e) && e - s === 8;
  else if (format === 'RD8') ok = e - s === 17 && buf[s + 8] === 0x2d && isDate(buf, s, s + 8) && isDate(buf, s + 9, e) && buf.latin1Slice(s, s + 8) <= buf.latin1Slice(s + 9, e);
  if (!ok) {
    sink.report({
      level: 5,
      rule: 'DATE_NOT_REAL',
      segmentId,
      position: seg.setPosition,
      offset: seg.offset,
      loop,
      element: value,
      message: `${segmentId}${pad2(value)} ${format === 'RD8' ? 'must be a date range CCYYMMDD-CCYYMMDD of real dates, the start not after the end.' : 'must be a real date written as CCYYMMDD.'}`,
    });
  }
}
