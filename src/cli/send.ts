import { readFile } from 'node:fs/promises';
import type { Env } from '../config/load.js';
import type { Storage } from '../db/index.js';
import { syncPartners } from '../app/daemon.js';
import { openConfiguredStorage } from '../app/open.js';
import { cliUser } from './queue.js';
import { sendDocuments, type SendInput, type SendResult } from '../app/send.js';
import { isX12dError } from '../errors.js';
import { parseArgs } from './args.js';

type Out = (s: string) => void;

export const SEND_USAGE = `Usage: x12d send FILE.json... --partner CODE [--json] [--config FILE]

Sends documents in the shape x12d to-json prints (837P claims, 270 eligibility inquiries, 278 authorization
requests, or any set x12d can write) to a trading partner: each JSON file becomes one X12 file, with the
partner's control numbers, checked by x12d's validator (SNIP 1-2) and queued with its envelopes, its claims,
its eligibility checks and its authorization requests, so the 999, 277CA, 271 and 278 answers find them.
The daemon (x12d start) uploads queued files to the partner's SFTP mailbox.
Exit codes: 0 every file queued, 1 a file was refused (nothing of it kept), 2 a file could not be read or misuse.
`;

export interface SendDeps {
  /** Use this (started, migrated) storage instead of opening one from the configuration. */
  readonly storage?: Storage;
  readonly env?: Env;
  readonly now?: Date;
}

function resultJson(file: string, r: SendResult): object {
  return {
    file,
    status: 'queued',
    fileId: r.fileId.toString(),
    name: r.name,
    partner: r.partnerCode,
    interchanges: r.interchanges.map((x) => ({
      control: x.control,
      sender: x.sender,
      receiver: x.receiver,
      groups: x.groups.map((g) => ({ functionalId: g.functionalId, control: g.control, sets: g.sets.map((s) => ({ set: s.set, control: s.control, type: s.type, transactionSetId: s.transactionSetId.toString() })) })),
    })),
    sets: r.sets,
    claims: r.claims,
    serviceLines: r.serviceLines,
    eligibilityChecks: r.eligibilityChecks,
    authorizationRequests: r.authorizationRequests,
  };
}

function resultText(file: string, r: SendResult): string {
  const lines = [`${file}: queued for ${r.partnerCode} as ${r.name} [file ${r.fileId}]`];
  for (const x of r.interchanges) {
    for (const g of x.groups) {
      for (const s of g.sets) lines.push(`  ISA13 ${x.control}  GS ${g.functionalId} ${g.control}  ST ${s.set} ${s.control}  ${s.type}`);
    }
  }
  lines.push(`  ${r.claims} claim(s) with ${r.serviceLines} service line(s), ${r.eligibilityChecks} eligibility check(s), ${r.authorizationRequests} authorization request(s)`);
  return `${lines.join('\n')}\n`;
}

/** `x12d send FILE.json... --partner CODE [--json]`. */
export async function runSend(argv: readonly string[], out: Out, err: Out, deps: SendDeps = {}): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs(argv, ['partner', 'config']);
  } catch (e) {
    err(`x12d send: ${(e as Error).message}\n\n${SEND_USAGE}`);
    return 2;
  }
  const { positional, flags } = parsed;
  if (flags.has('help')) {
    out(SEND_USAGE);
    return 0;
  }
  const unknown = [...flags.keys()].filter((f) => !['json', 'partner', 'config'].includes(f));
  const partner = flags.get('partner');
  const problem = positional.length === 0 ? 'needs at least one JSON file' : unknown.length > 0 ? `unknown flag --${unknown[0]}` : typeof partner !== 'string' ? 'needs --partner CODE (the trading partner to send to)' : undefined;
  if (problem !== undefined || typeof partner !== 'string') {
    err(`x12d send: ${problem}\n\n${SEND_USAGE}`);
    return 2;
  }
  const json = flags.has('json');
  const config = flags.get('config');
  let storage = deps.storage;
  let opened = false;
  try {
    if (storage === undefined) {
      const o = await openConfiguredStorage(deps.env ?? process.env, typeof config === 'string' ? config : undefined);
      storage = o.storage;
      opened = true;
      // The configured partners, as the daemon writes them: the one named here must be among them.
      await syncPartners(storage, o.config);
    }
  } catch (e) {
    if (opened) await storage?.stop().catch(() => undefined);
    err(`x12d send: cannot open storage: ${(e as Error).message}\n`);
    return 2;
  }
  const results: object[] = [];
  let refused = false;
  let unreadable = false;
  try {
    for (const file of positional) {
      let input: unknown;
      try {
        input = JSON.parse(await readFile(file, 'utf8'));
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        unreadable = true;
        const error = code === undefined ? `${file} is not JSON` : `cannot read ${file}: ${code === 'ENOENT' ? 'no such file' : code}`;
        if (json) results.push({ file, status: 'unreadable', error });
        else err(`${error}\n`);
        continue;
      }
      try {
        const r = await sendDocuments(storage, input as SendInput, { partnerCode: partner, source: 'cli', actor: cliUser(), ...(deps.now === undefined ? {} : { now: deps.now }) });
        if (json) results.push(resultJson(file, r));
        else out(resultText(file, r));
      } catch (e) {
        // Refusals name documents, codes and places, never patient data; anything else is a real failure.
        if (!isX12dError(e)) throw e;
        refused = true;
        if (json) results.push({ file, status: 'refused', error: e.message });
        else err(`${file}: refused: ${e.message}\n`);
      }
    }
  } finally {
    if (opened) await storage.stop().catch(() => undefined);
  }
  if (json) out(`${JSON.stringify({ files: results }, null, 2)}\n`);
  return unreadable ? 2 : refused ? 1 : 0;
}
