/**
 * Ingest throughput: one generated 835 through the whole pipeline (`ingestFile`: record, envelope pass,
 * streaming validation at SNIP 1-5, mapping, posting and denial routing, one transaction) into a fresh
 * schema, in claims per second; then the same rows, read back from those tables, written again with
 * COPY FROM STDIN into the same (emptied) tables in one transaction, as the ceiling of what the database
 * takes on this machine with this schema. Run by run.ts (`--ingest-claims`) or alone:
 *
 *   node --import tsx bench/ingest.ts --claims 100000 [--database-url URL | --embedded] [--seed N]
 *
 * Prints one JSON line (the last line of stdout). The schema is dropped afterwards.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomBytes } from 'node:crypto';
import { ingestFile } from '../src/app/ingest.js';
import { migrate, openStorage, type Storage } from '../src/db/index.js';
import { mkdirSync } from 'node:fs';
import { ensureFile } from './generate.js';

const OUT_DIR = join(dirname(fileURLToPath(import.meta.url)), '.out');
/** Claims per MB in the generated 835 (measured: 24,273 claims in 10 MB). */
const CLAIMS_PER_MB = 2400;
/**
 * Every table the pipeline writes for an 835, parents first (COPY order). CAS adjustments are kept in the
 * payment rows; the file's bytes in file_content (PostgreSQL's default, as in production).
 */
const TABLES = ['file_content', 'file', 'interchange', 'functional_group', 'transaction_set', 'remittance', 'claim_payment', 'service_payment', 'posting_queue_item', 'denial_queue_item', 'provider_adjustment', 'claim_status_event'] as const;

export interface IngestBenchResult {
  readonly database: 'postgresql' | 'embedded';
  readonly claims: number;
  readonly bytes: number;
  readonly rows: Record<string, number>;
  /** CAS adjustments written (inside claim_payment and service_payment rows, counted through the view). */
  readonly adjustments: number;
  readonly rowsPerClaim: number;
  readonly pipelineSeconds: number;
  /** The process's peak RSS when the pipeline finished (VmHWM), before the COPY measurement. */
  readonly peakRssMB: number | null;
  readonly pipelineClaimsPerSecond: number;
  /** COPY of the same rows (null on the embedded database, whose socket does not take COPY FROM STDIN). */
  readonly copySeconds: number | null;
  readonly copyClaimsPerSecond: number | null;
  readonly status: string;
  readonly error?: string;
}

interface PgClient {
  query(q: unknown, values?: unknown[]): Promise<{ rows: unknown[][] }>;
}

/**
 * COPY FROM STDIN on node-postgres without another package: a query object the client drives (pg calls
 * submit, then handleCopyInResponse when the server is ready for data, then the completion handlers).
 */
function copyFrom(client: PgClient, text: string, data: Buffer): Promise<void> {
  return new Promise((resolve, reject) => {
    let failed: unknown;
    const q = {
      submit(con: { query(t: string): void }) {
        con.query(text);
      },
      handleCopyInResponse(con: { sendCopyFromChunk(b: Buffer): void; endCopyFrom(): void }) {
        for (let at = 0; at < data.length; at += 1 << 20) con.sendCopyFromChunk(data.subarray(at, Math.min(data.length, at + (1 << 20))));
        con.endCopyFrom();
      },
      handleCommandComplete() {},
      handleError(err: unknown) {
        failed = err;
      },
      handleReadyForQuery() {
        if (failed !== undefined) reject(failed);
        else resolve();
      },
      handleRowDescription() {},
      handleDataRow() {},
      handleEmptyQuery() {},
      handlePortalSuspended() {},
    };
    void (client.query(q) as unknown);
  });
}

/** A row as COPY text: tab-separated, \N for null, backslash, tab and newlines escaped. */
function copyLine(values: readonly (string | null)[]): string {
  return `${values.map((v) => (v === null ? '\\N' : v.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r'))).join('\t')}\n`;
}

function peakRss(): number | null {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
    return m === null ? null : Math.round(Number(m[1]) / 1024);
  } catch {
    return null;
  }
}

async function withClient<T>(storage: Storage, work: (c: PgClient) => Promise<T>): Promise<T> {
  const knex = storage.orm.em.getConnection().getKnex();
  const conn = (await knex.client.acquireConnection()) as PgClient;
  try {
    return await work(conn);
  } finally {
    await knex.client.releaseConnection(conn);
  }
}

async function run(opts: { claims: number; url?: string; seed: number }): Promise<IngestBenchResult> {
  const sizeMB = Math.max(1, Math.ceil(opts.claims / CLAIMS_PER_MB));
  mkdirSync(OUT_DIR, { recursive: true });
  const file = ensureFile(OUT_DIR, '835', sizeMB, opts.seed);
  const schema = `x12d_bench_${randomBytes(4).toString('hex')}`;
  const storage = openStorage(opts.url !== undefined ? { dataDir: 'memory://', database: { url: opts.url, schema, poolMax: 4, fileContent: 'database' } } : { dataDir: 'memory://', database: { poolMax: 1 } });
  await storage.start();
  const database = storage.kind;
  try {
    await migrate(storage);
    const started = process.hrtime.bigint();
    // By path, as the daemon's intake does: recorded and read as streams.
    const result = await ingestFile(storage, { bytes: { path: file.path }, name: `bench-${file.claims}.835`, source: 'cli' });
    const pipelineSeconds = Number(process.hrtime.bigint() - started) / 1e9;
    const peakRssMB = peakRss();
    const rows: Record<string, number> = {};
    for (const t of TABLES) {
      if (t === 'file_content' && database !== 'postgresql') continue;
      const [r] = await storage.em().execute<{ n: string }[]>(`select count(*)::text as n from "${t}"`);
      rows[t] = Number(r.n);
    }
    const perClaim = ['claim_payment', 'service_payment', 'posting_queue_item', 'denial_queue_item', 'claim_status_event'].reduce((s, t) => s + rows[t], 0) / file.claims;
    const [adj] = await storage.em().execute<{ n: string }[]>(`select count(*)::text as n from adjustment`);

    let copySeconds: number | null = null;
    if (database === 'postgresql') {
      copySeconds = await withClient(storage, async (client) => {
        // The rows as the pipeline wrote them, as text exactly as PostgreSQL prints them (valid COPY input).
        const data = new Map<string, { columns: string[]; buf: Buffer }>();
        for (const t of TABLES) {
          const res = (await client.query({ text: `select * from "${t}" order by ${t === 'file_content' ? 'sha256, seq' : 'id'}`, rowMode: 'array', types: { getTypeParser: () => (v: string) => v } })) as { rows: (string | null)[][]; fields: { name: string }[] };
          data.set(t, { columns: res.fields.map((f) => f.name), buf: Buffer.from(res.rows.map(copyLine).join(''), 'utf8') });
        }
        await client.query(`truncate ${TABLES.map((t) => `"${t}"`).join(', ')} cascade`);
        const t0 = process.hrtime.bigint();
        await client.query('begin');
        for (const t of TABLES) {
          const d = data.get(t)!;
          if (d.buf.length > 0) await copyFrom(client, `copy "${t}" (${d.columns.map((c) => `"${c}"`).join(', ')}) from stdin`, d.buf);
        }
        await client.query('commit');
        return Number(process.hrtime.bigint() - t0) / 1e9;
      });
    }
    return {
      database,
      claims: file.claims,
      bytes: file.bytes,
      rows,
      adjustments: Number(adj.n),
      rowsPerClaim: Math.round(perClaim * 100) / 100,
      pipelineSeconds,
      peakRssMB,
      pipelineClaimsPerSecond: Math.round(file.claims / pipelineSeconds),
      copySeconds,
      copyClaimsPerSecond: copySeconds === null ? null : Math.round(file.claims / copySeconds),
      status: result.status,
      ...(result.error !== undefined ? { error: result.error } : {}),
    };
  } finally {
    if (database === 'postgresql') await storage.em().execute(`drop schema if exists "${schema}" cascade`).catch(() => undefined);
    await storage.stop();
  }
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const get = (name: string) => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const claims = Number(get('--claims') ?? 100_000);
  const seed = Number(get('--seed') ?? 1);
  const url = argv.includes('--embedded') ? undefined : (get('--database-url') ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
  const r = await run({ claims, seed, ...(url !== undefined ? { url } : {}) });
  process.stdout.write(`${JSON.stringify(r)}\n`);
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  main().catch((e: unknown) => {
    process.stdout.write(`${JSON.stringify({ status: 'error', error: (e as Error).message })}\n`);
    process.exit(1);
  });
}
