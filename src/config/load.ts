import { existsSync, readFileSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import type { z } from 'zod';
import { X12dError } from '../errors.js';
import { X12dConfigSchema, type X12dConfig } from './schema.js';

/**
 * The error code configuration problems are thrown with. It should become 'X12D_ERR_CONFIG' once that code
 * is in the catalogue (src/errors.ts); until then it is the usage error, which the CLI already prints.
 */
export const CONFIG_ERROR_CODE = 'X12D_ERR_CONFIG' as const;

/** The default configuration file, relative to the working folder; read only when it exists. */
export const DEFAULT_CONFIG_FILE = 'config/x12d.json';

/** Environment variables x12d reads, and the configuration path each one sets. They win over the file. */
export const ENV_VARIABLES = {
  X12D_DATA_DIR: ['dataDir'],
  DATABASE_URL: ['database', 'url'],
  X12D_DATABASE_SCHEMA: ['database', 'schema'],
  X12D_LOG_LEVEL: ['log', 'level'],
} as const satisfies Record<string, readonly string[]>;

export type Env = Readonly<Record<string, string | undefined>>;

export interface LoadConfigOptions {
  /** A JSON configuration file; otherwise X12D_CONFIG, otherwise config/x12d.json when it exists. */
  readonly file?: string;
  /** The environment to read (default: process.env). */
  readonly env?: Env;
  /** Folder the default and relative file paths are resolved against (default: process.cwd()). */
  readonly cwd?: string;
  /** Values that win over the file and the environment (command-line flags such as --database-url). */
  readonly overrides?: Readonly<Record<string, unknown>>;
}

/** One configuration problem: where (as `partners[0].sftp.port`) and what. */
export interface ConfigIssue {
  readonly path: string;
  readonly message: string;
}

/**
 * Reads the optional JSON file, lays the environment and the overrides over it, validates once, and returns
 * the configuration deep-frozen. Every problem is reported at once, each with its path, in one X12dError
 * (`details.issues`); values are never quoted, since a misplaced secret must not reach a log.
 */
export function loadConfig(options: LoadConfigOptions = {}): X12dConfig {
  const env = options.env ?? process.env;
  const cwd = options.cwd ?? process.cwd();
  const issues: ConfigIssue[] = [];

  const explicit = options.file ?? nonEmpty(env.X12D_CONFIG);
  const file = explicit !== undefined ? (isAbsolute(explicit) ? explicit : resolve(cwd, explicit)) : resolve(cwd, DEFAULT_CONFIG_FILE);
  let raw: Record<string, unknown> = {};
  if (explicit !== undefined || existsSync(file)) {
    const read = readJsonObject(file);
    if ('issue' in read) issues.push(read.issue);
    else raw = read.value;
  }

  const fromEnv = new Map<string, string>();
  for (const [name, path] of Object.entries(ENV_VARIABLES)) {
    const value = nonEmpty(env[name]);
    if (value === undefined) continue;
    raw = setPath(raw, path, value);
    fromEnv.set(formatPath(path), name);
  }
  for (const [dotted, value] of Object.entries(options.overrides ?? {})) {
    if (value === undefined) continue;
    raw = setPath(raw, dotted.split('.'), value);
    fromEnv.delete(dotted);
  }

  const parsed = X12dConfigSchema.safeParse(raw);
  if (!parsed.success) issues.push(...parsed.error.issues.flatMap((i) => zodIssues(i, fromEnv)));
  issues.push(...crossFieldIssues(raw));

  if (issues.length > 0 || !parsed.success) {
    const where = explicit !== undefined || existsSync(file) ? ` (file ${file}, then the environment)` : ' (from the environment; no configuration file)';
    const lines = issues.map((i) => `  ${i.path}: ${i.message}`).join('\n');
    throw new X12dError(CONFIG_ERROR_CODE, `x12d configuration has ${issues.length} ${issues.length === 1 ? 'problem' : 'problems'}${where}:\n${lines}`, {
      issues,
    });
  }
  return deepFreeze(parsed.data) as X12dConfig;
}

function nonEmpty(v: string | undefined): string | undefined {
  return v === undefined || v.trim() === '' ? undefined : v;
}

function readJsonObject(file: string): { value: Record<string, unknown> } | { issue: ConfigIssue } {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? 'unreadable';
    return { issue: { path: '(file)', message: `cannot read the configuration file ${file} (${code})` } };
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    // Node's JSON errors quote the text around the problem; only the position is kept (it may be a secret).
    const m = /position (\d+)/.exec((e as Error).message);
    let at = '';
    if (m !== null) {
      const before = text.slice(0, Number(m[1]));
      const line = before.split('\n').length;
      at = ` at line ${line}, column ${Number(m[1]) - before.lastIndexOf('\n')}`;
    }
    return { issue: { path: '(file)', message: `${file} is not valid JSON${at}` } };
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return { issue: { path: '(file)', message: `${file} must hold one JSON object` } };
  }
  return { value: value as Record<string, unknown> };
}

function setPath(obj: Record<string, unknown>, path: readonly string[], value: unknown): Record<string, unknown> {
  const [head, ...rest] = path;
  if (rest.length === 0) return { ...obj, [head]: value };
  const inner = obj[head];
  const base = inner !== null && typeof inner === 'object' && !Array.isArray(inner) ? (inner as Record<string, unknown>) : {};
  return { ...obj, [head]: setPath(base, rest, value) };
}

/** `['partners', 0, 'sftp', 'port']` -> `partners[0].sftp.port`; the root is `(root)`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out === '' ? String(part) : `.${String(part)}`;
  }
  return out === '' ? '(root)' : out;
}

function zodIssues(issue: z.core.$ZodIssue, fromEnv: ReadonlyMap<string, string>): ConfigIssue[] {
  // One issue per unknown key, so each has its own path and a typo is easy to find.
  if (issue.code === 'unrecognized_keys') return issue.keys.map((key) => ({ path: formatPath([...issue.path, key]), message: 'unknown setting' }));
  const path = formatPath(issue.path);
  const envName = fromEnv.get(path);
  return [{ path, message: envName === undefined ? issue.message : `${issue.message} (set by ${envName})` }];
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/**
 * Rules that span fields, checked on the raw input so they are reported beside type errors: each SFTP
 * mailbox has a password or a key; partner ids are unique; a drop folder names a known partner and is
 * watched once.
 */
function crossFieldIssues(raw: Record<string, unknown>): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const partners = Array.isArray(raw.partners) ? raw.partners : [];
  const ids = new Map<string, number>();
  partners.forEach((p, i) => {
    if (!isRecord(p)) return;
    if (typeof p.id === 'string') {
      const first = ids.get(p.id);
      if (first !== undefined) issues.push({ path: `partners[${i}].id`, message: `partner id already used by partners[${first}]` });
      else ids.set(p.id, i);
    }
    if (isRecord(p.sftp) && p.sftp.password === undefined && p.sftp.privateKey === undefined) {
      issues.push({ path: `partners[${i}].sftp`, message: 'an SFTP mailbox needs a password or a privateKey reference' });
    }
  });
  const folders = Array.isArray(raw.dropFolders) ? raw.dropFolders : [];
  const paths = new Map<string, number>();
  folders.forEach((f, i) => {
    if (!isRecord(f)) return;
    if (typeof f.partner === 'string' && !ids.has(f.partner)) {
      issues.push({ path: `dropFolders[${i}].partner`, message: 'no partner with this id in partners' });
    }
    if (f.outbound !== undefined && typeof f.partner !== 'string') {
      issues.push({ path: `dropFolders[${i}].outbound`, message: 'an outbound folder needs the partner its files are for' });
    }
    if (typeof f.path === 'string') {
      const first = paths.get(f.path);
      if (first !== undefined) issues.push({ path: `dropFolders[${i}].path`, message: `folder already watched by dropFolders[${first}]` });
      else paths.set(f.path, i);
    }
  });
  return issues;
}

/** Freezes an object and everything reachable from it. */
export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const key of Reflect.ownKeys(value)) deepFreeze((value as Record<PropertyKey, unknown>)[key]);
  }
  return value;
}
