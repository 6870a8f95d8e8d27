import type { z } from 'zod';
import type { Loop } from '../grammar/tree.js';
import type { Segment } from '../x12/segment.js';

/**
 * A typed document: the business content of one transaction set, named in the billing office's words.
 * `parse` reads it from the set's loop tree; `build` gives the segments between ST and SE (both excluded)
 * for the writer, which adds ST, SE and the envelopes.
 */
export interface DocumentType<T> {
  /** Record name: ProfessionalClaim, Remittance, ... */
  readonly name: string;
  /** ST01. */
  readonly set: string;
  /** Implementation guide id (ST03 / GS08). */
  readonly guide: string;
  /** GS01. */
  readonly functionalId: string;
  /** Whether ST03 carries the guide id (the 835 leaves ST03 unused). */
  readonly st03: boolean;
  readonly schema: z.ZodType<T>;
  parse(tree: Loop): T;
  build(record: T): Segment[];
}
