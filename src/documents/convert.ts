import { z } from 'zod';
import { X12dError } from '../errors.js';
import { defaultRegistry } from '../grammar/guides/index.js';
import { Loop } from '../grammar/tree.js';
import { validateX12 } from '../validation/validator.js';
import type { X12Source } from '../x12/reader.js';
import { type ControlNumberAllocator, InMemoryControlNumbers, X12Writer } from '../x12/writer.js';
import type { DocumentType } from './types.js';

/** Who sent a document and to whom, as the envelopes said (or should say). */
export const Envelope = z.object({
  senderQualifier: z.string().default('ZZ'),
  sender: z.string(),
  receiverQualifier: z.string().default('ZZ'),
  receiver: z.string(),
  /** GS02/GS03 when they differ from the ISA ids. */
  groupSender: z.string().optional(),
  groupReceiver: z.string().optional(),
  usage: z.enum(['P', 'T']).default('P'),
});
export type Envelope = z.infer<typeof Envelope>;

export interface ParsedDocument {
  readonly set: string;
  readonly guide: string;
  readonly control: string;
  /** Record type name (AuthorizationRequest, Remittance, ...). */
  readonly type: string;
  readonly valid: boolean;
  readonly envelope: Envelope;
  readonly record: unknown;
}

/** Document types by guide id (and for 278, by the discriminating value). */
export class DocumentRegistry {
  private readonly byGuide = new Map<string, DocumentType<unknown>[]>();
  constructor(types: readonly DocumentType<unknown>[]) {
    for (const t of types) this.byGuide.set(t.guide, [...(this.byGuide.get(t.guide) ?? []), t]);
  }
  forGuide(guide: string, name?: string): DocumentType<unknown> | undefined {
    const list = this.byGuide.get(guide) ?? [];
    return name === undefined ? list[0] : list.find((t) => t.name === name);
  }
  /** The type for a set read with `guideUsed`; 278 request and response share a guide id and differ by name. */
  forTree(set: string, guideUsed: string, tree: Loop): DocumentType<unknown> | undefined {
    const list = (this.byGuide.get(guideUsed) ?? []).filter((t) => t.set === set);
    if (list.length <= 1) return list[0];
    const bht02 = tree.segment('BHT')?.elements[1];
    return list.find((t) => (bht02 === '11' ? t.name.endsWith('Response') : !t.name.endsWith('Response'))) ?? list[0];
  }
  get types(): readonly DocumentType<unknown>[] {
    return [...this.byGuide.values()].flat();
  }
}

/**
 * Reads a file and maps each transaction set to its record, one set at a time: the loop tree of a set
 * is built, mapped and dropped before the next. Sets with no document type are listed in `skipped`.
 */
export async function readDocuments(source: X12Source, registry: DocumentRegistry, onDocument: (d: ParsedDocument) => void): Promise<{ skipped: string[]; unreadable: boolean; envelopeFindings: number; segments: number }> {
  const skipped: string[] = [];
  const r = await validateX12(source, {
    registry: defaultRegistry(),
    level: 2,
    keepTransactions: false,
    buildTree: true,
    onTransaction(v) {
      if (v.tree === undefined || v.guideUsed === null) {
        skipped.push(`${v.set} ${v.control}: no guide for ${v.guide}`);
        return;
      }
      const tree = new Loop(v.tree);
      const type = registry.forTree(v.set, v.guideUsed, tree);
      if (type === undefined) {
        skipped.push(`${v.set} ${v.control}: no document type for ${v.guideUsed}`);
        return;
      }
      const x = v.interchange;
      const g = v.group;
      const envelope: Envelope = {
        senderQualifier: x?.senderQualifier ?? 'ZZ',
        sender: x?.sender ?? '',
        receiverQualifier: x?.receiverQualifier ?? 'ZZ',
        receiver: x?.receiver ?? '',
        ...(g && g.sender !== x?.sender ? { groupSender: g.sender } : {}),
        ...(g && g.receiver !== x?.receiver ? { groupReceiver: g.receiver } : {}),
        usage: x?.usage === 'P' ? 'P' : 'T',
      };
      let record: unknown;
      try {
        record = type.parse(tree);
      } catch (e) {
        // A set too broken to map is reported and skipped; the next set is still read.
        skipped.push(`${v.set} ${v.control}: could not be mapped to a ${type.name} (${(e as Error).message})`);
        return;
      }
      onDocument({ set: v.set, guide: type.guide, control: v.control, type: type.name, valid: v.valid, envelope, record });
    },
  });
  return { skipped, unreadable: r.envelope.fatal && r.envelope.interchanges.length === 0, envelopeFindings: r.envelope.findings.length, segments: r.envelope.segments };
}

/** The JSON `to-json` prints and `from-json` reads. */
export const DocumentsFile = z.object({
  file: z.string().optional(),
  documents: z.array(
    z.object({
      set: z.string(),
      guide: z.string(),
      control: z.string().optional(),
      /** Record type name when a guide has two (278 request and response). */
      type: z.string().optional(),
      envelope: Envelope.optional(),
      record: z.unknown(),
    }),
  ),
});
export type DocumentsFile = z.infer<typeof DocumentsFile>;

export interface WriteOptions {
  readonly allocator?: ControlNumberAllocator;
  /** Trading partner: the receiver id when a document has no envelope, and the control-number scope. */
  readonly partner?: string;
  readonly date?: Date;
  readonly sender?: string;
}

/**
 * Writes documents as X12: consecutive documents with the same envelope and guide share an interchange
 * and a functional group; ST/SE, GS/GE and ISA/IEA are added with control numbers from the allocator.
 * Each record is checked against its schema first, and a bad one is refused with the path of the field.
 */
export async function writeDocuments(input: DocumentsFile, registry: DocumentRegistry, out: (chunk: string) => void, opts: WriteOptions = {}): Promise<number> {
  const allocator = opts.allocator ?? new InMemoryControlNumbers();
  const w = new X12Writer(out, { allocator, partner: opts.partner ?? '' });
  let openKey: string | null = null;
  let groupKey: string | null = null;
  let sets = 0;
  for (const [i, doc] of input.documents.entries()) {
    // 270 and 271 share a guide id, as do the 278 request and response: the set and type name decide.
    const type = registry.types.find((t) => t.set === doc.set && t.guide === doc.guide && (doc.type === undefined || t.name === doc.type)) ?? registry.forGuide(doc.guide, doc.type);
    if (type === undefined) throw new X12dError('X12D_ERR_USAGE', `documents[${i}]: no document type for set ${doc.set} guide ${doc.guide}.`);
    const parsed = type.schema.safeParse(doc.record);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new X12dError('X12D_ERR_USAGE', `documents[${i}].record.${issue.path.join('.')}: ${issue.message}`);
    }
    const env: Envelope = doc.envelope ?? { senderQualifier: 'ZZ', sender: opts.sender ?? 'X12D', receiverQualifier: 'ZZ', receiver: opts.partner ?? 'PARTNER', usage: 'P' };
    const iKey = JSON.stringify([env.senderQualifier, env.sender, env.receiverQualifier, env.receiver, env.usage]);
    const gKey = JSON.stringify([type.functionalId, type.guide, env.groupSender ?? env.sender, env.groupReceiver ?? env.receiver]);
    if (openKey !== iKey) {
      if (groupKey !== null) w.endGroup();
      if (openKey !== null) w.endInterchange();
      await w.beginInterchange({ senderQualifier: env.senderQualifier, sender: env.sender, receiverQualifier: env.receiverQualifier, receiver: env.receiver, usage: env.usage, date: opts.date });
      openKey = iKey;
      groupKey = null;
    }
    if (groupKey !== gKey) {
      if (groupKey !== null) w.endGroup();
      await w.beginGroup({ functionalId: type.functionalId, sender: env.groupSender ?? env.sender, receiver: env.groupReceiver ?? env.receiver, version: type.guide, date: opts.date });
      groupKey = gKey;
    }
    await w.beginTransaction(type.set, type.st03 ? type.guide : undefined);
    for (const s of type.build(parsed.data)) w.writeSegment(s);
    w.endTransaction();
    sets++;
  }
  if (groupKey !== null) w.endGroup();
  if (openKey !== null) w.endInterchange();
  return sets;
}
