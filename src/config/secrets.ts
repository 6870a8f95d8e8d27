import { readFile } from 'node:fs/promises';
import { X12dError } from '../errors.js';
import type { Env } from './load.js';
import type { SecretRef } from './schema.js';

/**
 * Reads a secret from where its reference points, at the moment it is needed. The value is returned to the
 * caller and kept nowhere else; errors name the variable or file, never a value.
 */
export async function resolveSecret(ref: SecretRef, env: Env = process.env): Promise<string> {
  if ('env' in ref) {
    const value = env[ref.env];
    if (value === undefined || value === '') throw new X12dError('X12D_ERR_USAGE', `The secret's environment variable ${ref.env} is not set.`, { env: ref.env });
    return value;
  }
  let text: string;
  try {
    text = await readFile(ref.file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? 'unreadable';
    throw new X12dError('X12D_ERR_USAGE', `The secret file ${ref.file} cannot be read (${code}).`, { file: ref.file });
  }
  // A trailing newline is what editors and `echo` add; keys keep their inner newlines.
  return text.replace(/\r?\n$/, '');
}

/** A description of the reference for messages and logs: `env X` or `file /p`; never the value. */
export function describeSecretRef(ref: SecretRef): string {
  return 'env' in ref ? `env ${ref.env}` : `file ${ref.file}`;
}
