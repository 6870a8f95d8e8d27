import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

/**
 * External code lists (CARC, RARC, place of service, claim status) are data files under config/codes,
 * each naming its source and effective date, so a new quarterly list is a file change, not a release.
 * X12D_CODE_LISTS_DIR points elsewhere when an installation keeps its own copies.
 */
const CodeListFile = z.object({
  name: z.string(),
  description: z.string().optional(),
  source: z.string(),
  effective: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  retrieved: z.string().optional(),
  partial: z.boolean().default(false),
  codes: z.record(z.string(), z.string()),
  deactivated: z.record(z.string(), z.string()).default({}),
});

export interface CodeList {
  readonly name: string;
  readonly source: string;
  readonly effective: string;
  /** A partial list can say a code is known, never that one is wrong. */
  readonly partial: boolean;
  has(code: string): boolean;
  describe(code: string): string | undefined;
  /** The stop date when the code was deactivated. */
  deactivatedOn(code: string): string | undefined;
}

const DEFAULT_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'config', 'codes');
const cache = new Map<string, CodeList | null>();

export function codeListsDir(): string {
  return process.env.X12D_CODE_LISTS_DIR ?? DEFAULT_DIR;
}

/** Loads a code list once; null when the file is absent (the check that needs it is then skipped). */
export function loadCodeList(name: string, dir: string = codeListsDir()): CodeList | null {
  const key = `${dir}\u0000${name}`;
  if (cache.has(key)) return cache.get(key)!;
  const path = join(dir, `${name}.json`);
  let list: CodeList | null = null;
  if (existsSync(path)) {
    const parsed = CodeListFile.safeParse(JSON.parse(readFileSync(path, 'utf8')));
    if (!parsed.success) throw new Error(`code list ${path} is not valid: ${parsed.error.message}`);
    const f = parsed.data;
    const codes = new Map(Object.entries(f.codes));
    const gone = new Map(Object.entries(f.deactivated));
    list = Object.freeze({
      name: f.name,
      source: f.source,
      effective: f.effective,
      partial: f.partial,
      has: (c: string) => codes.has(c),
      describe: (c: string) => codes.get(c),
      deactivatedOn: (c: string) => gone.get(c),
    });
  }
  cache.set(key, list);
  return list;
}
