import { readFile, writeFile } from 'node:fs/promises';
import { X12dError } from '../errors.js';
import { DocumentsFile, readDocuments, writeDocuments } from '../documents/convert.js';
import { documentRegistry } from '../documents/index.js';

type Out = (s: string) => void;

/**
 * `x12d to-json FILE`: one JSON document, streamed as each transaction set is mapped, so a large file
 * never sits in memory as records.
 */
export async function toJson(file: string, out: Out, err: Out): Promise<number> {
  out(`{"file":${JSON.stringify(file)},"documents":[`);
  let first = true;
  let invalid = false;
  let result;
  try {
    result = await readDocuments(file, documentRegistry(), (d) => {
      if (!d.valid) invalid = true;
      out(`${first ? '\n' : ',\n'}${JSON.stringify({ set: d.set, guide: d.guide, control: d.control, type: d.type, valid: d.valid, envelope: d.envelope, record: d.record })}`);
      first = false;
    });
  } catch (e) {
    const error = e as NodeJS.ErrnoException;
    if (error.code === undefined) throw e;
    out(']}\n');
    err(`cannot read ${file}: ${error.code === 'ENOENT' ? 'no such file' : error.message}\n`);
    return 2;
  }
  out('\n]}\n');
  for (const s of result.skipped) err(`skipped ${s}\n`);
  if (result.unreadable) {
    err(`${file}: not an X12 file x12d can read\n`);
    return 2;
  }
  return invalid || result.envelopeFindings > 0 || result.skipped.length > 0 ? 1 : 0;
}

/** `x12d from-json FILE.json [--partner ID] [--out PATH]`: X12 for documents in the to-json shape. */
export async function fromJson(file: string, opts: { partner?: string; out?: string }, out: Out): Promise<number> {
  let json: unknown;
  try {
    json = JSON.parse(await readFile(file, 'utf8'));
  } catch (e) {
    throw new X12dError('X12D_ERR_USAGE', `${file} is not readable JSON: ${(e as Error).message}`);
  }
  const parsed = DocumentsFile.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new X12dError('X12D_ERR_USAGE', `${file}: ${issue.path.join('.') || '(top level)'}: ${issue.message}`);
  }
  const parts: string[] = [];
  await writeDocuments(parsed.data, documentRegistry(), (s) => parts.push(s), { partner: opts.partner });
  const text = parts.join('');
  if (opts.out !== undefined) await writeFile(opts.out, text, 'latin1');
  else out(text);
  return 0;
}
