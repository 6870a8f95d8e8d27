import { X12dError, isX12dError } from '../errors.js';
import { readX12 } from '../x12/reader.js';
import { buildTa1Interchange, ta1For } from '../acks/ta1.js';
import { parseArgs } from './args.js';
import { inspectFile, inspectionJson, inspectionText, unreadable } from './inspect.js';
import { runConformance } from './conformance.js';
import { fromJson, toJson } from './documents.js';
import { runMigrate } from './migrate.js';
import { runIngest, runReplay } from './ingest.js';
import { runSend } from './send.js';
import { runQueue } from './queue.js';
import { runStart } from './start.js';
import { runDemo } from './demo.js';
import { unreadableValidation, validateFile, validationJson, validationText } from './validate.js';
import { buildAcknowledgments } from '../acks/ack999.js';
import type { SnipLevel } from '../edits/types.js';
import { writeFile } from 'node:fs/promises';

const USAGE = `x12d: an X12 integration engine for healthcare claim exchange

Usage:
  x12d inspect FILE... [--json]   interchanges, groups, transaction sets and envelope findings
  x12d validate FILE... [--json] [--level N]
                                  check each transaction set against its guide, SNIP levels 1 to N (default 5)
  x12d ack FILE [--out PATH]      the 999 for each functional group (and a TA1 when the envelope is broken)
  x12d to-json FILE               each transaction set as a typed record (JSON)
  x12d from-json FILE.json [--partner ID] [--out PATH]
                                  X12 for records in the to-json shape, with envelopes and control numbers
  x12d ta1 FILE                   the TA1 interchange acknowledgment for the file's first interchange
  x12d conformance DIR [--json]   read every file under DIR and tabulate the verdicts per set
  x12d migrate [--database-url URL]
                                  apply pending database migrations (embedded PGlite when no DATABASE_URL)
  x12d ingest FILE... [--json]    store, validate and route files into the database (as the daemon will)
  x12d replay FILE_ID... | --failed [--json]
                                  run stored inbound files again (those named, or every failed one)
  x12d send FILE.json... --partner CODE [--json]
                                  queue documents in the to-json shape (837P, 270, 278) as X12 for a partner,
                                  with the claims, eligibility checks and authorization requests their answers match
  x12d queue list denials|postings [--status S] [--json] | claim ID | resolve ID | export postings
                                  the denial and posting work queues
  x12d start [--config FILE]      run the daemon: drop folders, SFTP mailboxes, outbound acknowledgments
  x12d demo                       read and check the bundled samples
  x12d help                       this text

Exit codes: 0 no findings, 1 findings, 2 a file could not be read at all or the command was misused.
`;

type Out = (s: string) => void;

async function inspect(argv: readonly string[], out: Out): Promise<number> {
  const { positional, flags } = parseArgs(argv);
  if (positional.length === 0) throw new X12dError('X12D_ERR_USAGE', 'inspect needs at least one file.');
  const results = [];
  for (const file of positional) results.push(await inspectFile(file));
  if (flags.has('json')) out(`${JSON.stringify({ files: results.map(inspectionJson) }, null, 2)}\n`);
  else for (const r of results) out(inspectionText(r));
  if (results.some(unreadable)) return 2;
  return results.some((r) => (r.result?.findingCount ?? 0) > 0) ? 1 : 0;
}

function snipLevel(v: string | true | undefined): SnipLevel {
  if (v === undefined) return 5;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1 || n > 5) throw new X12dError('X12D_ERR_USAGE', '--level must be a SNIP level from 1 to 5.');
  return n as SnipLevel;
}

async function validate(argv: readonly string[], out: Out): Promise<number> {
  const { positional, flags } = parseArgs(argv, ['level']);
  if (positional.length === 0) throw new X12dError('X12D_ERR_USAGE', 'validate needs at least one file.');
  const level = snipLevel(flags.get('level'));
  const results = [];
  for (const file of positional) results.push(await validateFile(file, level));
  if (flags.has('json')) out(`${JSON.stringify({ files: results.map(validationJson) }, null, 2)}\n`);
  else for (const r of results) out(validationText(r));
  if (results.some(unreadableValidation)) return 2;
  return results.every((r) => r.validation?.valid) ? 0 : 1;
}

async function ack(argv: readonly string[], out: Out, err: Out): Promise<number> {
  const { positional, flags } = parseArgs(argv, ['out']);
  if (positional.length !== 1) throw new X12dError('X12D_ERR_USAGE', 'ack needs exactly one file.');
  const r = await validateFile(positional[0], 2);
  if (unreadableValidation(r)) {
    err(`${positional[0]}: ${r.error ?? r.validation?.envelope.findings[0]?.message ?? 'unreadable'}\n`);
    return 2;
  }
  const text = await buildAcknowledgments(r.validation!);
  const target = flags.get('out');
  if (typeof target === 'string') await writeFile(target, text, 'latin1');
  else out(text);
  return r.validation!.valid ? 0 : 1;
}

async function ta1(argv: readonly string[], out: Out, err: Out): Promise<number> {
  const { positional } = parseArgs(argv);
  if (positional.length !== 1) throw new X12dError('X12D_ERR_USAGE', 'ta1 needs exactly one file.');
  const file = positional[0];
  let result;
  try {
    result = await readX12(file);
  } catch (e) {
    err(`cannot read ${file}: ${(e as Error).message}\n`);
    return 2;
  }
  if (result.interchanges.length === 0) {
    const why = result.findings[0]?.message ?? 'the file has no ISA interchange header.';
    err(`${file}: no interchange to acknowledge: ${why}\n`);
    return 2;
  }
  const ack = ta1For(result.interchanges, 0, result.findings);
  out(await buildTa1Interchange(result.interchanges[0], ack));
  return ack.verdict === 'A' ? 0 : 1;
}

/** Runs one CLI command; returns the exit code. Output goes through `out` and `err` for tests. */
export async function main(argv: readonly string[], out: Out = (s) => process.stdout.write(s), err: Out = (s) => process.stderr.write(s)): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'inspect':
        return await inspect(rest, out);
      case 'validate':
        return await validate(rest, out);
      case 'to-json': {
        const { positional } = parseArgs(rest);
        if (positional.length !== 1) throw new X12dError('X12D_ERR_USAGE', 'to-json needs exactly one file.');
        return await toJson(positional[0], out, err);
      }
      case 'from-json': {
        const { positional, flags } = parseArgs(rest, ['partner', 'out']);
        if (positional.length !== 1) throw new X12dError('X12D_ERR_USAGE', 'from-json needs exactly one JSON file.');
        const partner = flags.get('partner');
        const target = flags.get('out');
        return await fromJson(positional[0], { partner: typeof partner === 'string' ? partner : undefined, out: typeof target === 'string' ? target : undefined }, out);
      }
      case 'ack':
        return await ack(rest, out, err);
      case 'ta1':
        return await ta1(rest, out, err);
      case 'conformance': {
        const { positional, flags } = parseArgs(rest);
        if (positional.length !== 1) throw new X12dError('X12D_ERR_USAGE', 'conformance needs one folder.');
        return await runConformance(positional[0], out, { json: flags.has('json') });
      }
      case 'migrate':
        return await runMigrate(rest, out, err);
      case 'ingest':
        return await runIngest(rest, out, err);
      case 'replay':
        return await runReplay(rest, out, err);
      case 'send':
        return await runSend(rest, out, err);
      case 'queue':
        return await runQueue(rest, out, err);
      case 'start':
        return await runStart(rest, out, err);
      case 'demo':
        return await runDemo(out);
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        out(USAGE);
        return command === undefined ? 2 : 0;
      default:
        err(`x12d: unknown command ${JSON.stringify(command)}\n\n${USAGE}`);
        return 2;
    }
  } catch (e) {
    if (isX12dError(e)) {
      err(`x12d: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
}

const invokedDirectly = process.argv[1] !== undefined && import.meta.url === new URL(`file://${process.argv[1]}`).href;
if (invokedDirectly) {
  process.exitCode = await main(process.argv.slice(2));
}
