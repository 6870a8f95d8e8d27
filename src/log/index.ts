import { pino, type DestinationStream, type Logger, type LoggerOptions } from 'pino';

/**
 * x12d's logger: pino writing JSON lines, with defaults that keep protected health information out of the
 * log. Logs say where (file id, control numbers, segment position, finding code), never what a patient's
 * data is. Three layers keep it that way:
 *
 * 1. Every logged object is scrubbed before it is written: values under keys that name patient data
 *    (names, birth dates, member ids, patient control numbers, addresses, bad values, records, segment text)
 *    are replaced by "[REDACTED]" at any depth; byte buffers are replaced by their length.
 * 2. Errors go through `serializeError`: the type, code, message and stack frames are kept; the values of
 *    `details` are dropped (only the keys stay), and database errors lose their message, which quotes the
 *    SQL with its parameters and the offending row.
 * 3. Context comes from child loggers (`fileLogger`) that carry ids and control numbers only.
 */

export type { Logger } from 'pino';

export const REDACTED = '[REDACTED]';

/**
 * Keys whose values are patient data, compared case-insensitively and ignoring `_` and `-`
 * (`birth_date`, `birthDate` and `BIRTH-DATE` are one key).
 */
export const PHI_KEYS: readonly string[] = [
  // people
  'name', 'names', 'fullName', 'first', 'firstName', 'last', 'lastName', 'middle', 'middleName', 'suffix',
  'patientName', 'subscriberName', 'insuredName', 'patient', 'subscriber', 'insured', 'dependent',
  'birthDate', 'dateOfBirth', 'dob', 'gender', 'sex', 'ssn', 'socialSecurityNumber',
  // identifiers tied to a person or a claim
  'memberId', 'subscriberId', 'insuredId', 'patientId', 'policyNumber', 'groupNumber', 'medicalRecordNumber', 'mrn',
  'patientControlNumber', 'pcn', 'payerClaimNumber', 'claimNumber', 'certificationNumber',
  // contact
  'address', 'addresses', 'address1', 'address2', 'line1', 'line2', 'street', 'city', 'zip', 'zipCode', 'postalCode',
  'phone', 'telephone', 'fax', 'email',
  // clinical
  'diagnosis', 'diagnoses', 'diagnosisCodes',
  // data as read from a file
  'badValue', 'record', 'records', 'document', 'documents', 'segmentText', 'segments', 'rawSegment', 'raw', 'bytes', 'content',
  'elementValue', 'elements',
  // secrets
  'password', 'passphrase', 'privateKey', 'secret', 'token', 'authorization',
];

/**
 * Keys that are patient data when they hold text, and harmless positions when they hold numbers
 * (`segment: 12` is an index; `segment: "NM1*IL*1*DOE*JANE"` is not).
 */
export const PHI_TEXT_KEYS: readonly string[] = ['segment', 'value', 'values', 'text', 'data', 'line'];

const normalize = (k: string): string => k.replace(/[_-]/g, '').toLowerCase();
const ALWAYS = new Set(PHI_KEYS.map(normalize));
const WHEN_TEXT = new Set(PHI_TEXT_KEYS.map(normalize));
const MAX_DEPTH = 10;

/** A copy of `value` with patient data replaced; Errors, at any depth, become `serializeError` output. */
export function scrub(value: unknown): unknown {
  return scrubValue(value, 0, new WeakSet());
}

function scrubValue(value: unknown, depth: number, seen: WeakSet<object>): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (value instanceof Error) return serializeError(value);
  if (value instanceof Date) return value;
  if (ArrayBuffer.isView(value) || value instanceof ArrayBuffer) return `[${value.byteLength} bytes]`;
  if (seen.has(value)) return '[Circular]';
  if (depth >= MAX_DEPTH) return '[Too deep]';
  seen.add(value);
  if (Array.isArray(value)) return value.map((v) => scrubValue(v, depth + 1, seen));
  if (value instanceof Map || value instanceof Set) return `[${value.constructor.name} of ${value.size}]`;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    const v = (value as Record<string, unknown>)[key];
    const k = normalize(key);
    if (ALWAYS.has(k) && v !== undefined && v !== null) out[key] = REDACTED;
    else if (WHEN_TEXT.has(k) && (typeof v === 'string' || (v !== null && typeof v === 'object'))) out[key] = REDACTED;
    else out[key] = scrubValue(v, depth + 1, seen);
  }
  return out;
}

/** What a serialized error looks like in the log. */
export interface SerializedError {
  type: string;
  message: string;
  code?: string;
  /** The keys of an X12dError's details; the values are never logged. */
  detailKeys?: string[];
  /** For database errors: the constraint, table and column named by PostgreSQL (no values). */
  constraint?: string;
  table?: string;
  column?: string;
  stack?: string;
  cause?: SerializedError;
}

function isDatabaseError(e: Record<string, unknown>): boolean {
  return typeof e.sqlState === 'string' || (typeof e.code === 'string' && /^[0-9A-Z]{5}$/.test(e.code) && ('severity' in e || 'routine' in e));
}

/**
 * Errors for the log: type, code, message, stack frames. `details` values are dropped (keys kept). A
 * database error's message is replaced, since the driver quotes the SQL with its parameters and the failing
 * row in it; its SQLSTATE and constraint, table and column names are kept.
 */
export function serializeError(err: unknown, depth = 0): SerializedError {
  if (!(err instanceof Error)) {
    // Already serialized (the log formatter runs first) or a thrown non-Error: never printed as is.
    if (err !== null && typeof err === 'object' && typeof (err as SerializedError).type === 'string' && typeof (err as SerializedError).message === 'string') {
      return err as SerializedError;
    }
    return { type: typeof err, message: 'a non-Error value was thrown' };
  }
  const e = err as Error & Record<string, unknown>;
  const type = e.name || e.constructor?.name || 'Error';
  const out: SerializedError = { type, message: e.message };
  if (typeof e.code === 'string') out.code = e.code;
  if (isDatabaseError(e)) {
    const state = typeof e.sqlState === 'string' ? e.sqlState : String(e.code);
    out.code = state;
    out.message = `database error ${state}`;
    for (const k of ['constraint', 'table', 'column'] as const) if (typeof e[k] === 'string' && e[k] !== '') out[k] = e[k] as string;
  }
  if (e.details !== null && typeof e.details === 'object') out.detailKeys = Object.keys(e.details);
  if (typeof e.stack === 'string') {
    // The first lines of a stack repeat the message; only the frames are kept, under the safe message.
    const frames = e.stack.split('\n').filter((l) => l.trimStart().startsWith('at '));
    out.stack = [`${type}: ${out.message}`, ...frames].join('\n');
  }
  if (e.cause !== undefined && depth < 3) out.cause = serializeError(e.cause, depth + 1);
  return out;
}

export interface CreateLoggerOptions {
  readonly level?: string;
  /** Where JSON lines go (default: stdout). Tests pass a stream that collects lines. */
  readonly destination?: DestinationStream;
  /** Added to every line. Scrubbed like everything else. */
  readonly base?: Readonly<Record<string, unknown>>;
}

/** A pino logger with x12d's PHI-safe defaults. */
export function createLogger(opts: CreateLoggerOptions = {}): Logger {
  const options: LoggerOptions = {
    level: opts.level ?? 'info',
    base: { service: 'x12d', pid: process.pid, ...(opts.base ?? {}) },
    serializers: { err: serializeError, error: serializeError },
    formatters: {
      log: (obj) => scrub(obj) as Record<string, unknown>,
      bindings: (bindings) => scrub(bindings) as Record<string, unknown>,
    },
    timestamp: pino.stdTimeFunctions.isoTime,
  };
  return opts.destination === undefined ? pino(options) : pino(options, opts.destination);
}

/** Where in the work a log line belongs: ids and control numbers only. */
export interface FileLogContext {
  readonly fileId?: bigint | number | string;
  readonly partner?: string;
  /** ISA13. */
  readonly interchange?: string;
  /** GS06. */
  readonly group?: string;
  /** ST02. */
  readonly transaction?: string;
  readonly traceId?: string;
}

/** A child logger whose lines carry the file id and control numbers. */
export function fileLogger(parent: Logger, context: FileLogContext): Logger {
  const bindings: Record<string, string> = {};
  for (const [k, v] of Object.entries(context)) if (v !== undefined) bindings[k] = String(v);
  return parent.child(bindings);
}
