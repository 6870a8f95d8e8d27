import { writeFile } from 'node:fs/promises';
import { hostname, userInfo } from 'node:os';
import type { Env } from '../config/load.js';
import type { Storage } from '../db/index.js';
import { claimItem, exportPostings, listQueue, QUEUE_STATUSES, resolveItem, type ChangeResult, type QueueKind } from '../app/queues.js';
import { openConfiguredStorage } from '../app/open.js';
import { parseArgs } from './args.js';

type Out = (s: string) => void;

export const QUEUE_USAGE = `Usage:
  x12d queue list denials|postings [--status S] [--json]
  x12d queue claim ID [--queue denials|postings] [--as NAME]
  x12d queue resolve ID [--queue denials|postings] [--as NAME] [--resolution TEXT]
  x12d queue export postings [--out FILE]     JSON lines of postings not exported before

Queues: denials (default for claim and resolve) and postings. Exit codes: 0 done, 1 the item was not
found or not in a state that allows it, 2 misuse or storage error.
`;

export interface QueueDeps {
  readonly storage?: Storage;
  readonly env?: Env;
  readonly user?: string;
}

function queueName(v: string | undefined): QueueKind | undefined {
  return v === 'denials' || v === 'denial' ? 'denials' : v === 'postings' || v === 'posting' ? 'postings' : undefined;
}

/** Who runs a CLI command, for the audit trail: user@host. */
export function cliUser(): string {
  try {
    return `${userInfo().username}@${hostname()}`;
  } catch {
    return 'cli';
  }
}

/** `x12d queue ...`. */
export async function runQueue(argv: readonly string[], out: Out, err: Out, deps: QueueDeps = {}): Promise<number> {
  let positional: readonly string[];
  let flags: ReadonlyMap<string, string | true>;
  try {
    ({ positional, flags } = parseArgs(argv, ['status', 'out', 'queue', 'as', 'resolution', 'config']));
  } catch (e) {
    err(`x12d queue: ${(e as Error).message}\n\n${QUEUE_USAGE}`);
    return 2;
  }
  const usage = (why: string) => {
    err(`x12d queue: ${why}\n\n${QUEUE_USAGE}`);
    return 2;
  };
  if (flags.has('help')) {
    out(QUEUE_USAGE);
    return 0;
  }
  const [command, arg] = positional;
  const str = (k: string) => {
    const v = flags.get(k);
    return typeof v === 'string' ? v : undefined;
  };
  // Check the arguments before opening storage.
  let queue: QueueKind | undefined;
  let id: bigint | undefined;
  if (command === 'list' || command === 'export') {
    queue = queueName(arg);
    if (queue === undefined || positional.length !== 2) return usage(`${command} needs denials or postings`);
    if (command === 'export' && queue !== 'postings') return usage('only postings are exported');
    const status = str('status');
    if (status !== undefined && !(QUEUE_STATUSES[queue] as readonly string[]).includes(status)) return usage(`--status for ${queue} is one of ${QUEUE_STATUSES[queue].join(', ')}`);
  } else if (command === 'claim' || command === 'resolve') {
    if (arg === undefined || !/^\d{1,19}$/.test(arg) || positional.length !== 2) return usage(`${command} needs an item id`);
    id = BigInt(arg);
    queue = queueName(str('queue') ?? 'denials');
    if (queue === undefined) return usage('--queue is denials or postings');
  } else return usage(command === undefined ? 'needs a command' : `unknown command ${JSON.stringify(command)}`);

  let storage = deps.storage;
  let opened = false;
  try {
    if (storage === undefined) {
      storage = (await openConfiguredStorage(deps.env ?? process.env, str('config'))).storage;
      opened = true;
    }
    const who = str('as') ?? deps.user ?? cliUser();
    if (command === 'list') {
      const items = queue === 'denials' ? await listQueue(storage, 'denials', { status: str('status') }) : await listQueue(storage, 'postings', { status: str('status') });
      if (flags.has('json')) out(`${JSON.stringify({ items }, null, 2)}\n`);
      else {
        if (items.length === 0) out(`no ${queue}${str('status') === undefined ? '' : ` with status ${str('status')}`}\n`);
        for (const i of items) {
          if ('rootCause' in i) out(`${i.id}  ${i.status.padEnd(8)} ${i.patientControlNumber.padEnd(20)} ${i.source.padEnd(5)} ${i.rootCause.padEnd(22)} ${i.amount ?? ''}\n    ${i.action}\n`);
          else out(`${i.id}  ${i.status.padEnd(8)} ${i.patientControlNumber.padEnd(20)} paid ${i.paidAmount} ded ${i.deductible} coins ${i.coinsurance} copay ${i.copay} other ${i.otherPatientResponsibility} contractual ${i.contractualAdjustment}${i.underpaymentAmount === null ? '' : ` UNDERPAID ${i.underpaymentAmount}`}${i.reversesId === null ? '' : ` reverses ${i.reversesId}`}\n`);
        }
      }
      return 0;
    }
    if (command === 'export') {
      const lines = await exportPostings(storage);
      const text = lines.map((l) => `${l}\n`).join('');
      const target = str('out');
      if (target !== undefined) {
        await writeFile(target, text, 'utf8');
        err(`${lines.length} posting(s) exported to ${target}\n`);
      } else out(text);
      return 0;
    }
    const r: ChangeResult = command === 'claim' ? await claimItem(storage, queue!, id!, who) : await resolveItem(storage, queue!, id!, who, str('resolution'));
    if (!r.ok) {
      err(r.reason === 'not-found' ? `x12d queue: no ${queue} item ${id}\n` : `x12d queue: ${queue} item ${id} is ${r.status}: cannot ${command} it\n`);
      return 1;
    }
    out(`${queue} item ${r.id}: ${r.status}\n`);
    return 0;
  } catch (e) {
    err(`x12d queue: ${(e as Error).message.split('\n')[0]}\n`);
    return 2;
  } finally {
    if (opened && storage !== undefined) await storage.stop().catch(() => undefined);
  }
}
