import type { Direction, EnvelopeStatus, Id, SqlUnit } from '../db/index.js';
import { readX12, type ReadResult } from '../x12/reader.js';

/**
 * The envelope rows of a file, either direction: interchanges, functional groups and transaction sets
 * with their control numbers, as the envelope reader saw them. Inbound files get them when they are
 * ingested; outbound files when x12d writes them, so a 999 can be matched to what was sent.
 */

export interface RecordedSet {
  readonly id: Id;
  readonly set: string;
  readonly control: string;
  /** Byte offset of the ST in the file: how a set's verdict finds its row. */
  readonly offset: number;
}

export interface RecordedGroup {
  readonly id: Id;
  readonly functionalId: string;
  readonly control: string;
  readonly sets: readonly RecordedSet[];
}

export interface RecordedInterchange {
  readonly id: Id;
  readonly control: string;
  readonly sender: string;
  readonly receiver: string;
  readonly groups: readonly RecordedGroup[];
}

export interface RecordedEnvelopes {
  readonly interchanges: readonly RecordedInterchange[];
  /** Every set, in file order. */
  readonly sets: readonly RecordedSet[];
}

/** ISA09/ISA10 as an instant; null when they do not make a real date and time (the reader reports that). */
export function preparedAt(date: string, time: string): string | null {
  if (!/^\d{6}$/.test(date) || !/^\d{4}/.test(time)) return null;
  const iso = `20${date.slice(0, 2)}-${date.slice(2, 4)}-${date.slice(4, 6)}T${time.slice(0, 2)}:${time.slice(2, 4)}:00Z`;
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) || d.toISOString().slice(0, 16) !== iso.slice(0, 16) ? null : iso;
}

/**
 * Writes the interchange, functional group and transaction set rows of a file as the envelope reader saw
 * it, all with one status (inbound: received; outbound: pending until an acknowledgment answers).
 */
export async function recordEnvelopes(
  sql: SqlUnit,
  env: ReadResult,
  row: { readonly fileId: Id; readonly partnerId: Id | null; readonly direction: Direction; readonly status: EnvelopeStatus },
): Promise<RecordedEnvelopes> {
  const interchanges = env.interchanges;
  const groups = interchanges.flatMap((x, xi) => x.groups.map((g) => ({ g, xi })));
  const sets = groups.flatMap(({ g }, gi) => g.transactions.map((t) => ({ t, gi })));
  const xIds = await sql.nextIds('interchange', interchanges.length);
  const gIds = await sql.nextIds('functional_group', groups.length);
  const sIds = await sql.nextIds('transaction_set', sets.length);
  await sql.insert(
    'interchange',
    ['id', 'file_id', 'direction', 'partner_id', 'control_number', 'sender_qualifier', 'sender_id', 'receiver_qualifier', 'receiver_id', 'prepared_at', 'usage', 'status'],
    interchanges.map((x, i) => [xIds[i], row.fileId, row.direction, row.partnerId, x.control.slice(0, 9), x.senderQualifier.slice(0, 2), x.sender.trim().slice(0, 15), x.receiverQualifier.slice(0, 2), x.receiver.trim().slice(0, 15), preparedAt(x.date, x.time), x.usage === 'P' ? 'P' : 'T', row.status]),
  );
  await sql.insert(
    'functional_group',
    ['id', 'interchange_id', 'functional_id', 'control_number', 'sender_code', 'receiver_code', 'version', 'transaction_count', 'status'],
    groups.map(({ g, xi }, i) => [gIds[i], xIds[xi], g.functionalId.slice(0, 2), g.control.slice(0, 9), g.sender.slice(0, 15), g.receiver.slice(0, 15), g.version.slice(0, 12), g.transactions.length, row.status]),
  );
  await sql.insert(
    'transaction_set',
    ['id', 'group_id', 'set_id', 'control_number', 'guide', 'segment_count', 'status'],
    sets.map(({ t, gi }, i) => [sIds[i], gIds[gi], t.set.slice(0, 3), t.control.slice(0, 9), t.guide === '' ? null : t.guide.slice(0, 35), t.segments, row.status]),
  );
  const recordedSets: RecordedSet[] = sets.map(({ t }, i) => Object.freeze({ id: sIds[i], set: t.set, control: t.control, offset: t.offset }));
  let si = 0;
  let gi = 0;
  const recorded = interchanges.map((x, i) =>
    Object.freeze({
      id: xIds[i],
      control: x.control,
      sender: x.sender.trim(),
      receiver: x.receiver.trim(),
      groups: Object.freeze(
        x.groups.map((g) =>
          Object.freeze({ id: gIds[gi++], functionalId: g.functionalId, control: g.control, sets: Object.freeze(g.transactions.map(() => recordedSets[si++])) }),
        ),
      ),
    }),
  );
  return Object.freeze({ interchanges: Object.freeze(recorded), sets: Object.freeze(recordedSets) });
}

/** The envelope rows of an X12 file x12d wrote (status pending), read back from its bytes: the exact control numbers. */
export async function recordOutboundEnvelopes(sql: SqlUnit, bytes: Uint8Array, fileId: Id, partnerId: Id | null): Promise<RecordedEnvelopes> {
  const env = await readX12(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  return recordEnvelopes(sql, env, { fileId, partnerId, direction: 'outbound', status: 'pending' });
}

