/**
 * The one catalogue of errors x12d throws. Data problems in X12 files are never thrown: they are
 * findings (see x12/findings.ts). What is thrown here is misuse of an API or an I/O failure, each with a
 * stable code that logs and the CLI can print.
 */
export const ErrorCode = {
  X12D_ERR_DELIMITER_IN_DATA: 'X12D_ERR_DELIMITER_IN_DATA',
  X12D_ERR_BAD_DELIMITERS: 'X12D_ERR_BAD_DELIMITERS',
  X12D_ERR_ISA_FIELD_TOO_LONG: 'X12D_ERR_ISA_FIELD_TOO_LONG',
  X12D_ERR_WRITER_STATE: 'X12D_ERR_WRITER_STATE',
  X12D_ERR_FILE_UNREADABLE: 'X12D_ERR_FILE_UNREADABLE',
  X12D_ERR_USAGE: 'X12D_ERR_USAGE',
  X12D_ERR_CONFIG: 'X12D_ERR_CONFIG',
  /** The SFTP server presented a host key whose SHA-256 fingerprint is not the pinned one. */
  X12D_ERR_HOST_KEY_MISMATCH: 'X12D_ERR_HOST_KEY_MISMATCH',
  /** A pinned fingerprint that is neither `SHA256:<base64>` nor 64 hex digits. */
  X12D_ERR_HOST_KEY_PIN: 'X12D_ERR_HOST_KEY_PIN',
  /** Connecting to, or talking with, an SFTP server failed. */
  X12D_ERR_SFTP: 'X12D_ERR_SFTP',
  /** A name or option given to a transport is not usable. */
  X12D_ERR_TRANSPORT_USAGE: 'X12D_ERR_TRANSPORT_USAGE',
  /** Documents x12d was asked to send cannot go out as they are (unknown partner, wrong address, no trace number, invalid X12); nothing was sent or kept. */
  X12D_ERR_SEND_REFUSED: 'X12D_ERR_SEND_REFUSED',
} as const;
export type ErrorCode = keyof typeof ErrorCode;

export class X12dError extends Error {
  readonly code: ErrorCode;
  readonly details: Readonly<Record<string, unknown>>;
  constructor(code: ErrorCode, message: string, details: Record<string, unknown> = {}, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'X12dError';
    this.code = code;
    this.details = Object.freeze({ ...details });
  }
}

export function isX12dError(e: unknown, code?: ErrorCode): e is X12dError {
  return e instanceof X12dError && (code === undefined || e.code === code);
}
