import { loadConfig, type Env } from '../config/load.js';
import { startDaemon, type Daemon, type DaemonOptions } from '../app/daemon.js';
import { safeErrorText } from '../app/ingest.js';
import { isX12dError } from '../errors.js';
import { createLogger, type Logger } from '../log/index.js';
import { parseArgs } from './args.js';

type Out = (s: string) => void;

export const START_USAGE = `Usage: x12d start [--config FILE]

Runs the daemon: watches the configured X12 drop folders, polls the trading partners' SFTP mailboxes,
ingests every file (store, validate, route) and uploads the queued acknowledgments (999, 277CA) to the
partners' outbound folders. Stops cleanly on SIGINT or SIGTERM.
Exit codes: 0 stopped cleanly, 2 the configuration or storage could not be opened, or misuse.
`;

export interface StartDeps {
  readonly env?: Env;
  readonly logger?: Logger;
  /** Daemon options (tests: poll intervals, work folder). */
  readonly daemon?: Omit<DaemonOptions, 'env' | 'logger'>;
  /** Stops the daemon when aborted, as SIGINT/SIGTERM do (tests). */
  readonly signal?: AbortSignal;
  /** Called once the daemon runs (tests). */
  readonly onStarted?: (daemon: Daemon) => void;
}

/** `x12d start [--config FILE]`: resolves with the exit code once the daemon has stopped. */
export async function runStart(argv: readonly string[], out: Out, err: Out, deps: StartDeps = {}): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs(argv, ['config']);
  } catch (e) {
    err(`x12d start: ${(e as Error).message}\n\n${START_USAGE}`);
    return 2;
  }
  const { positional, flags } = parsed;
  if (flags.has('help')) {
    out(START_USAGE);
    return 0;
  }
  const unknown = [...flags.keys()].filter((f) => f !== 'config');
  if (positional.length > 0 || unknown.length > 0) {
    err(`x12d start: ${positional.length > 0 ? `unexpected argument ${positional[0]}` : `unknown flag --${unknown[0]}`}\n\n${START_USAGE}`);
    return 2;
  }
  const file = flags.get('config');
  const env = deps.env ?? process.env;
  let config;
  try {
    config = loadConfig({ env, ...(typeof file === 'string' ? { file } : {}) });
  } catch (e) {
    err(`x12d start: ${(e as Error).message}\n`);
    return 2;
  }
  const logger = deps.logger ?? createLogger({ level: config.log.level });

  // Signals that arrive while starting stop the daemon as soon as it runs.
  let stopRequested: string | undefined;
  let wake: (() => void) | undefined;
  const requestStop = (why: string) => {
    if (stopRequested !== undefined) return;
    stopRequested = why;
    wake?.();
  };
  const onSigint = () => requestStop('SIGINT');
  const onSigterm = () => requestStop('SIGTERM');
  const onAbort = () => requestStop('abort');
  process.on('SIGINT', onSigint);
  process.on('SIGTERM', onSigterm);
  deps.signal?.addEventListener('abort', onAbort, { once: true });
  if (deps.signal?.aborted === true) requestStop('abort');

  try {
    let daemon: Daemon;
    try {
      daemon = await startDaemon(config, { ...(deps.daemon ?? {}), env, logger });
    } catch (e) {
      err(`x12d start: ${isX12dError(e) ? e.message : safeErrorText(e)}\n`);
      return 2;
    }
    const s = daemon.status();
    logger.info(
      {
        storage: s.storage,
        dataDir: config.dataDir,
        dropFolders: s.dropFolders.map((d) => ({ folder: d.folder, ...(d.partner === undefined ? {} : { partner: d.partner }) })),
        mailboxes: s.mailboxes.map((m) => ({ partner: m.partner, host: m.host, port: m.port })),
      },
      'x12d started',
    );
    deps.onStarted?.(daemon);
    if (stopRequested === undefined) await new Promise<void>((res) => (wake = res));
    logger.info({ reason: stopRequested }, 'x12d stopping');
    await daemon.stop();
    logger.info('x12d stopped');
    return 0;
  } finally {
    process.off('SIGINT', onSigint);
    process.off('SIGTERM', onSigterm);
    deps.signal?.removeEventListener('abort', onAbort);
  }
}
