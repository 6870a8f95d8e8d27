import { createHash, timingSafeEqual } from 'node:crypto';
import { X12dError } from '../errors.js';

/**
 * SSH host key pinning. A pin is the SHA-256 digest of the server's public host key blob (the key in SSH
 * wire format, as in `known_hosts` after base64 decoding), written as OpenSSH prints it
 * (`SHA256:` + 43 base64 characters, as `ssh-keygen -lf key.pub` shows) or as 64 hex digits.
 */

/** The 32 digest bytes a pin names; throws a X12dError when the pin is in neither form. */
export function parseHostKeyPin(pin: string): Buffer {
  const text = pin.trim();
  const b64 = /^SHA256:([A-Za-z0-9+/]{43})=?$/.exec(text);
  if (b64 !== null) {
    const digest = Buffer.from(`${b64[1]}=`, 'base64');
    if (digest.length === 32) return digest;
  }
  const hex = text.replace(/:/g, '');
  if (/^[0-9A-Fa-f]{64}$/.test(hex) && (hex === text || /^([0-9A-Fa-f]{2}:){31}[0-9A-Fa-f]{2}$/.test(text))) return Buffer.from(hex, 'hex');
  throw new X12dError('X12D_ERR_HOST_KEY_PIN', 'The pinned host key fingerprint is neither "SHA256:" with 43 base64 characters nor 64 hex digits.');
}

/** The SHA-256 digest of a public host key blob. */
export function hostKeyDigest(keyBlob: Buffer): Buffer {
  return createHash('sha256').update(keyBlob).digest();
}

/** OpenSSH's form of a host key's fingerprint: `SHA256:` and unpadded base64. */
export function formatFingerprint(digest: Buffer): string {
  return `SHA256:${digest.toString('base64').replace(/=+$/, '')}`;
}

/** The fingerprint of a public host key blob in OpenSSH's form. */
export function hostKeyFingerprint(keyBlob: Buffer): string {
  return formatFingerprint(hostKeyDigest(keyBlob));
}

/** True when the key blob's digest is the pinned one (constant-time comparison). */
export function hostKeyMatches(keyBlob: Buffer, pinnedDigest: Buffer): boolean {
  const digest = hostKeyDigest(keyBlob);
  return digest.length === pinnedDigest.length && timingSafeEqual(digest, pinnedDigest);
}
