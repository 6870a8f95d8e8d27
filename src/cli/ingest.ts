import { constants as fsConstants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Env } from '../config/load.js';
import type { Storage } from '../db/index.js';
import { ingestFile, type IngestOptions, type IngestResult } from '../app/ingest.js';
import { configuredFeeSchedule, openConfiguredStorage } from '../app/open.js';
import { failedFileIds, replayFiles } from '../app/replay.js';
import { parseArgs } from './args.js';
import { cliUser } from './queue.js';

type Out = (s: string) => void;

export const INGEST_USAGE = `Usage: x12d ingest FILE... [--json] [--partner ID] [--config FILE]

Records each file (the same bytes twice are a duplicate, never processed again), then validates, stores
and routes it in one transaction: remittances to the posting and denial queues, 277CA and 999 rejections
to the denial queue, 271 and 278 answers, and inbound 837P claims (answered with a 999 and a 277CA).
Exit codes: 0 every file processed (or a duplicate), 1 a file failed, 2 a file could not be opened or misuse.
`;

export interface IngestDeps {
  /** Use this (started, migrated) storage instead of opening one from the configuration. */
  readonly storage?: Storage;
  readonly env?: Env;
  readonly options?: IngestOptions;
}

function fileJson(file: string, r: IngestResult): object {
  return {
    file,
    status: r.status,
    fileId: r.fileId.toString(),
    duplicate: r.duplicate,
    ...(r.duplicateOfId === null ? {} : { duplicateOfId: r.duplicateOfId.toString() }),
    transactions: r.transactions.map((t) => ({ ...t })),
    postings: r.postings,
    denials: r.denials,
    workItems: r.workItems,
    outboundFileIds: r.outboundFileIds.map(String),
    ...(r.error === undefined ? {} : { error: r.error }),
  };
}

function fileText(file: string, r: IngestResult): string {
  const head = `${file}: ${r.status}${r.duplicate ? ` (same bytes as file ${r.duplicateOfId})` : ''} [file ${r.fileId}]`;
  const lines = [head];
  if (r.error !== undefined) lines.push(`  error: ${r.error}`);
  for (const t of r.transactions) lines.push(`  ${t.set} ${t.control}${t.type === null ? '' : ` ${t.type}`}: ${t.status}, ${t.claims} claim(s), ${t.postings} posting(s), ${t.denials} denial(s)${t.workItems > 0 ? `, ${t.workItems} work item(s)` : ''}${t.findings > 0 ? `, ${t.findings} validation finding(s) kept on the set` : ''}${t.note === undefined ? '' : ` — ${t.note}`}`);
  lines.push(`  sets ${r.transactions.length}, postings ${r.postings}, denials ${r.denials}${r.outboundFileIds.length > 0 ? `, outbound files ${r.outboundFileIds.join(', ')}` : ''}`);
  return `${lines.join('\n')}\n`;
}

/**
 * The storage and pipeline options a command runs on: the one given (tests), or the configuration's,
 * opened here (and then to be stopped by the caller), with its fee schedule. Undefined when it cannot be
 * opened (the reason is written to `err`).
 */
async function pipelineStorage(deps: IngestDeps, config: string | true | undefined, command: string, err: Out): Promise<{ storage: Storage; opened: boolean; options: IngestOptions } | undefined> {
  const options: IngestOptions = deps.options ?? {};
  if (deps.storage !== undefined) return { storage: deps.storage, opened: false, options };
  try {
    const o = await openConfiguredStorage(deps.env ?? process.env, typeof config === 'string' ? config : undefined);
    const feeSchedule = configuredFeeSchedule(o.config);
    return { storage: o.storage, opened: true, options: feeSchedule !== undefined && options.feeSchedule === undefined ? { ...options, feeSchedule } : options };
  } catch (e) {
    err(`x12d ${command}: cannot open storage: ${(e as Error).message}\n`);
    return undefined;
  }
}

/** `x12d ingest FILE... [--json]`. */
export async function runIngest(argv: readonly string[], out: Out, err: Out, deps: IngestDeps = {}): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs(argv, ['partner', 'config']);
  } catch (e) {
    err(`x12d ingest: ${(e as Error).message}\n\n${INGEST_USAGE}`);
    return 2;
  }
  const { positional, flags } = parsed;
  if (flags.has('help')) {
    out(INGEST_USAGE);
    return 0;
  }
  const unknown = [...flags.keys()].filter((f) => !['json', 'partner', 'config'].includes(f));
  if (positional.length === 0 || unknown.length > 0) {
    err(`x12d ingest: ${positional.length === 0 ? 'needs at least one file' : `unknown flag --${unknown[0]}`}\n\n${INGEST_USAGE}`);
    return 2;
  }
  const json = flags.has('json');
  const partner = flags.get('partner');
  const target = await pipelineStorage(deps, flags.get('config'), 'ingest', err);
  if (target === undefined) return 2;
  const { storage, opened, options } = target;
  const results: object[] = [];
  let failed = false;
  let unreadable = false;
  try {
    for (const file of positional) {
      try {
        // Only whether it can be read: ingest reads it as a stream, never whole.
        await access(file, fsConstants.R_OK);
        if (!(await stat(file)).isFile()) throw Object.assign(new Error('not a file'), { code: 'EISDIR' });
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        unreadable = true;
        const error = `cannot read ${file}: ${code === 'ENOENT' ? 'no such file' : (code ?? 'error')}`;
        if (json) results.push({ file, status: 'unreadable', fileId: null, duplicate: false, transactions: [], postings: 0, denials: 0, error });
        else err(`${error}\n`);
        continue;
      }
      const r = await ingestFile(storage, { bytes: { path: file }, name: basename(file), source: 'cli', ...(typeof partner === 'string' ? { partnerCode: partner } : {}) }, options);
      if (r.status === 'failed') failed = true;
      if (json) results.push(fileJson(file, r));
      else out(fileText(file, r));
    }
  } finally {
    if (opened) await storage.stop().catch(() => undefined);
  }
  if (json) out(`${JSON.stringify({ files: results }, null, 2)}\n`);
  return unreadable ? 2 : failed ? 1 : 0;
}

export const REPLAY_USAGE = `Usage: x12d replay FILE_ID... [--json] [--config FILE]
       x12d replay --failed [--json] [--config FILE]

Runs inbound files again from their stored bytes, through the same pipeline, all or nothing: the files
named by id (as \`x12d ingest\` and the logs give them), or every file with status failed. Processed files
and duplicates are not run again. Each replay is written to the audit trail.
Exit codes: 0 every file replayed and processed, 1 a file failed again or could not be replayed, 2 misuse.
`;

export interface ReplayDeps extends IngestDeps {
  /** Who replays, for the audit trail (default user@host). */
  readonly user?: string;
}

/** `x12d replay FILE_ID... | --failed [--json]`. */
export async function runReplay(argv: readonly string[], out: Out, err: Out, deps: ReplayDeps = {}): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs(argv, ['config']);
  } catch (e) {
    err(`x12d replay: ${(e as Error).message}\n\n${REPLAY_USAGE}`);
    return 2;
  }
  const { positional, flags } = parsed;
  if (flags.has('help')) {
    out(REPLAY_USAGE);
    return 0;
  }
  const unknown = [...flags.keys()].filter((f) => !['json', 'failed', 'config'].includes(f));
  const failedOnly = flags.has('failed');
  const badId = positional.find((p) => !/^\d{1,18}$/.test(p));
  const problem =
    unknown.length > 0 ? `unknown flag --${unknown[0]}` : failedOnly === (positional.length > 0) ? 'needs file ids or --failed (not both)' : badId !== undefined ? `${JSON.stringify(badId)} is not a file id` : undefined;
  if (problem !== undefined) {
    err(`x12d replay: ${problem}\n\n${REPLAY_USAGE}`);
    return 2;
  }
  const target = await pipelineStorage(deps, flags.get('config'), 'replay', err);
  if (target === undefined) return 2;
  const { storage, opened, options } = target;
  try {
    const ids = failedOnly ? await failedFileIds(storage) : positional.map((p) => BigInt(p));
    const outcomes = await replayFiles(storage, ids, { ...options, actor: deps.user ?? cliUser() });
    const json = flags.has('json');
    const files = outcomes.map((o) => (o.replayed ? { replayedFrom: o.from, ...fileJson(`file ${o.fileId}`, o.result) } : { file: `file ${o.fileId}`, fileId: o.fileId.toString(), status: 'not replayed', reason: o.reason }));
    if (json) out(`${JSON.stringify({ files }, null, 2)}\n`);
    else if (outcomes.length === 0) out('no failed files to replay\n');
    else for (const o of outcomes) out(o.replayed ? fileText(`file ${o.fileId} (was ${o.from})`, o.result) : `file ${o.fileId}: not replayed: ${o.reason}\n`);
    return outcomes.every((o) => o.replayed && o.result.status === 'processed') ? 0 : 1;
  } finally {
    if (opened) await storage.stop().catch(() => undefined);
  }
}
