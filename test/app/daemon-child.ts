// A daemon in a process of its own, for the crash tests in daemon.int.test.ts: it starts x12d with the
// configuration given as JSON in argv[2], and when an ingest reaches `crashAt` (inside the routing
// transaction, after rows were written) it tells the parent over IPC and waits there for ever, so the
// parent can SIGKILL it mid-transaction: a real crash, with no catch block or rollback of ours running.
import { startDaemon } from '../../src/app/daemon.js';
import type { IngestStage } from '../../src/app/ingest.js';
import { X12dConfigSchema } from '../../src/config/schema.js';
import { createLogger } from '../../src/log/index.js';

export interface ChildSpec {
  readonly config: unknown;
  readonly env: Record<string, string>;
  readonly workDir: string;
  readonly crashAt: IngestStage;
}

export type ChildMessage = { readonly event: 'started' } | { readonly event: 'mid-transaction'; readonly stage: IngestStage; readonly set?: string };

const send = (m: ChildMessage): void => {
  process.send?.(m);
};

const spec = JSON.parse(process.argv[2] ?? '{}') as ChildSpec;
await startDaemon(X12dConfigSchema.parse(spec.config), {
  // Its log goes to stderr, which the test shows when the child does not get where it should.
  logger: createLogger({ level: 'debug', destination: process.stderr }),
  env: spec.env,
  workDir: spec.workDir,
  pollIntervalMs: 200,
  sendIntervalMs: 200,
  stabilityThresholdMs: 200,
  ingest: {
    onStage: async (stage, detail) => {
      if (stage !== spec.crashAt) return;
      send({ event: 'mid-transaction', stage, ...(detail.set === undefined ? {} : { set: detail.set }) });
      await new Promise<never>(() => undefined);
    },
  },
});
send({ event: 'started' });
