import { join } from 'node:path';
import { expect } from 'vitest';
import { type ParsedDocument, readDocuments } from '../../src/documents/convert.js';
import { documentRegistry } from '../../src/documents/index.js';
import { SAMPLES } from '../x12/fixtures.js';

/** Reads a sample file (relative to samples/) and returns its documents, each checked valid. */
export async function readSample(rel: string): Promise<ParsedDocument[]> {
  const docs: ParsedDocument[] = [];
  const r = await readDocuments(join(SAMPLES, rel), documentRegistry(), (d) => docs.push(d));
  expect(r.skipped).toEqual([]);
  for (const d of docs) expect(d.valid).toBe(true);
  return docs;
}

/** The record of a sample holding one transaction set. */
export async function sampleRecord<T>(rel: string): Promise<T> {
  const docs = await readSample(rel);
  expect(docs).toHaveLength(1);
  return docs[0].record as T;
}

/** A deep copy, for hand-built variations of a sample record. */
export function clone<T>(x: T): T {
  return structuredClone(x);
}
