import type { InterchangeSummary } from '../x12/envelope.js';
import type { Finding } from '../x12/findings.js';
import { type ControlNumberAllocator, type WriterOptions, stringWriter } from '../x12/writer.js';

/** TA104: A accepted, E accepted with errors noted, R rejected. */
export type Ta1Verdict = 'A' | 'E' | 'R';

export interface Ta1 {
  /** TA101..TA103: the acknowledged interchange's control number, date and time. */
  readonly control: string;
  readonly date: string;
  readonly time: string;
  readonly verdict: Ta1Verdict;
  /** TA105 note code; 000 when there is nothing to note. */
  readonly note: string;
  /** The findings the verdict rests on. */
  readonly findings: readonly Finding[];
}

/**
 * TA105 codes after which the interchange cannot be trusted as a whole: control numbers that do not
 * tie up, a structure that does not close, a duplicate. The others (a bad date or qualifier) are noted
 * and the interchange is still accepted.
 */
const REJECTING_NOTES = new Set(['001', '004', '021', '022', '023', '024', '025', '026', '027']);

/**
 * The TA1 for one interchange, from the reader's findings. Findings carry the interchange control
 * number when they arise inside one; fatal scanner findings (wrong terminator) do not, so they are
 * attributed by byte offset to the interchange they fall in.
 */
export function ta1For(interchanges: readonly InterchangeSummary[], index: number, findings: readonly Finding[]): Ta1 {
  const isa = interchanges[index];
  // Anything before the first ISA (leading text, say) belongs to the first interchange.
  const from = index === 0 ? 0 : isa.offset;
  const to = index + 1 < interchanges.length ? interchanges[index + 1].offset : Number.POSITIVE_INFINITY;
  const mine = findings.filter(
    (f) => f.ta1 !== undefined && (f.interchange !== undefined ? f.interchange === isa.control && f.offset >= from && f.offset < to : f.offset >= from && f.offset < to),
  );
  let verdict: Ta1Verdict = 'A';
  let note = '000';
  for (const f of mine) {
    const rejecting = f.severity === 'fatal' || REJECTING_NOTES.has(f.ta1!);
    if (rejecting && verdict !== 'R') {
      verdict = 'R';
      note = f.ta1!;
    } else if (!rejecting && verdict === 'A') {
      verdict = 'E';
      note = f.ta1!;
    }
  }
  // A cut-off file also leaves its groups and sets unclosed; the partner needs to hear "truncated" (023).
  if (mine.some((f) => f.ta1 === '023')) {
    verdict = 'R';
    note = '023';
  }
  return { control: isa.control, date: isa.date, time: isa.time, verdict, note, findings: mine };
}

/**
 * Writes the TA1 as an interchange of its own, sender and receiver swapped, with no functional group
 * (so IEA01 is 0).
 */
export async function buildTa1Interchange(
  acknowledged: InterchangeSummary,
  ta1: Ta1,
  opts: WriterOptions & { allocator?: ControlNumberAllocator; date?: Date; usage?: 'P' | 'T' } = {},
): Promise<string> {
  const { writer, text } = stringWriter(opts);
  await writer.beginInterchange({
    senderQualifier: acknowledged.receiverQualifier,
    sender: acknowledged.receiver,
    receiverQualifier: acknowledged.senderQualifier,
    receiver: acknowledged.sender,
    usage: opts.usage ?? (acknowledged.usage === 'P' ? 'P' : 'T'),
    date: opts.date,
    version: /^\d{5}$/.test(acknowledged.version) ? acknowledged.version : '00501',
  });
  writer.write('TA1', [ta1.control, ta1.date, ta1.time, ta1.verdict, ta1.note]);
  writer.endInterchange();
  return text();
}
