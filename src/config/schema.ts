import { z } from 'zod';

/**
 * x12d's configuration as one zod schema with its defaults. `loadConfig` (load.ts) reads a JSON file and
 * the environment, validates once against this schema, and deep-freezes the result.
 *
 * Secrets (SFTP passwords, private keys, passphrases) are never written here: the configuration holds a
 * reference (`{ "env": "NAME" }` or `{ "file": "/run/secrets/key" }`), resolved at the moment of use by
 * `resolveSecret` (secrets.ts), so the frozen configuration, its logs and its dumps never carry one.
 */

const SECRET_REF_MESSAGE = 'a reference such as {"env": "VAR_NAME"} or {"file": "/path/to/secret"}; never the secret itself';

/** Where a secret is read from when it is needed. */
export const SecretRef = z.union(
  [z.strictObject({ env: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'an environment variable name') }), z.strictObject({ file: z.string().min(1) })],
  { error: SECRET_REF_MESSAGE },
);
export type SecretRef = z.infer<typeof SecretRef>;

/**
 * A pinned SSH host key fingerprint: OpenSSH's `SHA256:` followed by 43 base64 characters (as
 * `ssh-keygen -lf` prints it), or the SHA-256 digest as 64 hex digits.
 */
export const HostKeySha256 = z
  .string()
  .regex(/^(SHA256:[A-Za-z0-9+/]{43}=?|[0-9A-Fa-f]{64})$/, 'a SHA-256 host key fingerprint: "SHA256:" and 43 base64 characters, or 64 hex digits');

const remotePath = z.string().min(1, 'a remote folder path');

export const SftpMailbox = z.strictObject({
  host: z.string().min(1),
  port: z.number().int().min(1).max(65535).default(22),
  username: z.string().min(1),
  password: SecretRef.optional(),
  privateKey: SecretRef.optional(),
  passphrase: SecretRef.optional(),
  /** Pinned fingerprint of the server's host key; a mailbox without one is refused. */
  hostKeySha256: HostKeySha256,
  /** Where the partner leaves files for us. */
  inbound: remotePath,
  /** Where we leave files for the partner. */
  outbound: remotePath,
  /** Where fetched files are moved after they are recorded; when absent they are deleted after recording. */
  archive: remotePath.optional(),
  pollSeconds: z.number().int().min(5).max(86_400).default(60),
});
export type SftpMailbox = z.infer<typeof SftpMailbox>;

export const TradingPartner = z.strictObject({
  /** Our short, stable name for the partner; used in control-number counters, logs and drop folders. */
  id: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/, 'letters, digits, "_", "." or "-", at most 64'),
  name: z.string().min(1),
  /** ISA05/ISA07 interchange id qualifier, e.g. "ZZ", "30". */
  isaQualifier: z.string().regex(/^[0-9A-Z]{2}$/, 'a two-character ISA id qualifier such as "ZZ"'),
  /** ISA06/ISA08 interchange id, at most 15 characters (padded by the writer). */
  isaId: z.string().min(1).max(15),
  sftp: SftpMailbox.optional(),
});
export type TradingPartner = z.infer<typeof TradingPartner>;

export const DropFolderKind = z.enum(['x12', 'csv', 'json', 'xml']);
export type DropFolderKind = z.infer<typeof DropFolderKind>;

export const DropFolder = z.strictObject({
  path: z.string().min(1),
  /** The partner files in this folder come from (by id); X12 files can also be routed by their ISA. */
  partner: z.string().min(1).optional(),
  kind: DropFolderKind.default('x12'),
  /**
   * A local folder where x12d leaves files for this folder's partner (the 999 and 277CA answering its
   * 837Ps), written under a temp name and then given their name. Needs `partner`; a partner with an SFTP
   * mailbox gets its files there instead.
   */
  outbound: z.string().min(1).optional(),
});
export type DropFolder = z.infer<typeof DropFolder>;

export const FeeSchedule = z.strictObject({
  /** A CSV or JSON file of expected amounts per procedure code and modifier. */
  file: z.string().min(1),
});
export type FeeSchedule = z.infer<typeof FeeSchedule>;

export const LogLevel = z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']);
export type LogLevel = z.infer<typeof LogLevel>;

export const DatabaseConfig = z.strictObject({
  /** PostgreSQL connection URL; when absent x12d runs the embedded database (PGlite) under dataDir. */
  url: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'a PostgreSQL URL such as postgres://user@host:5432/db')
    .optional(),
  /** A PostgreSQL schema to keep x12d's tables in (created when missing); default: the search path's (public). */
  schema: z
    .string()
    .regex(/^[a-z_][a-z0-9_]{0,62}$/, 'a lower-case schema name')
    .optional(),
  /** Connections per process to PostgreSQL; the embedded database always uses one. */
  poolMax: z.number().int().min(1).max(100).default(10),
  /**
   * Where file bytes are kept: `database` (table file_content; every x12d on the database can replay or
   * send any file) or `folder` (content-addressed under dataDir/files, this machine only). Default:
   * `database` on PostgreSQL, `folder` on the embedded database.
   */
  fileContent: z.enum(['database', 'folder']).optional(),
});
export type DatabaseConfig = z.infer<typeof DatabaseConfig>;

export const DEFAULT_DATA_DIR = './.data';

/**
 * The whole configuration. Rules across fields (a password or a key per mailbox, unique partner ids, drop
 * folders naming a known partner) are checked by `crossFieldIssues` in load.ts, on the raw input, so they
 * are reported together with every type error instead of only once the types are right.
 */
export const X12dConfigSchema = z.strictObject({
  /** Where x12d keeps its files: the embedded database, stored file bytes. `memory://` keeps all in memory (tests). */
  dataDir: z.string().min(1).default(DEFAULT_DATA_DIR),
  database: DatabaseConfig.default({ poolMax: 10 }),
  log: z.strictObject({ level: LogLevel.default('info') }).default({ level: 'info' }),
  partners: z.array(TradingPartner).default([]),
  dropFolders: z.array(DropFolder).default([]),
  feeSchedule: FeeSchedule.optional(),
});

type DeepReadonly<T> = T extends (infer U)[] ? readonly DeepReadonly<U>[] : T extends object ? { readonly [K in keyof T]: DeepReadonly<T[K]> } : T;

/** The validated, frozen configuration. */
export type X12dConfig = DeepReadonly<z.infer<typeof X12dConfigSchema>>;
/** What a configuration file may hold (before defaults). */
export type X12dConfigInput = z.input<typeof X12dConfigSchema>;
