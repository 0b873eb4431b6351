import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { Secret } from '@syncline/config';
import { ControlPlaneException } from '../exceptions/control-plane.exception';

// GCM's full tag: without a fixed length, Node accepts a tag cut to 4 bytes, forgeable by brute force.
const AUTH_TAG_BYTES = 16;
const CURRENT = 'v2';
const LEGACY = 'v1';

/**
 * AES-256-GCM for destination credentials at rest: `v2.<iv>.<tag>.<ciphertext>` (base64url), the
 * destination id bound as associated data, so a ciphertext copied onto another destination's row
 * does not open there. The key comes from SYNCLINE_CREDENTIALS_KEY (a Kubernetes Secret); a
 * tampered value fails to decrypt instead of yielding garbage.
 *
 * `v1` (no associated data, written before the binding) is still read so that workers keep
 * delivering during an upgrade; the cache-api rewrites every `v1` value to `v2` when it starts
 * (DestinationRepository.upgradeCredentials), and `isCurrent` tells which need it.
 */
export class CredentialCipher {
  private readonly key: Buffer | undefined;

  constructor(key: Secret<string>) {
    const raw = key.reveal();
    this.key = raw === '' ? undefined : Buffer.from(raw, 'base64');
  }

  encrypt(credentials: Record<string, unknown>, destinationId: string): string {
    const key = this.requireKey();
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: AUTH_TAG_BYTES });
    cipher.setAAD(Buffer.from(destinationId, 'utf8'));
    const ciphertext = Buffer.concat([
      cipher.update(JSON.stringify(credentials), 'utf8'),
      cipher.final(),
    ]);
    return [CURRENT, iv, cipher.getAuthTag(), ciphertext]
      .map((part) => (typeof part === 'string' ? part : part.toString('base64url')))
      .join('.');
  }

  decrypt(sealed: string, destinationId: string): Record<string, unknown> {
    const key = this.requireKey();
    const [version, iv, tag, ciphertext] = sealed.split('.');
    if ((version !== CURRENT && version !== LEGACY) || !iv || !tag || ciphertext === undefined) {
      throw new ControlPlaneException(
        'CREDENTIALS_UNREADABLE',
        'stored credentials have an unknown format',
      );
    }
    try {
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'), {
        authTagLength: AUTH_TAG_BYTES,
      });
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      if (version === CURRENT) decipher.setAAD(Buffer.from(destinationId, 'utf8'));
      const plain = Buffer.concat([
        decipher.update(Buffer.from(ciphertext, 'base64url')),
        decipher.final(),
      ]);
      return JSON.parse(plain.toString('utf8')) as Record<string, unknown>;
    } catch (error) {
      throw new ControlPlaneException(
        'CREDENTIALS_UNREADABLE',
        'stored credentials cannot be decrypted with this key for this destination',
        { cause: error },
      );
    }
  }

  /** Whether a stored value is in the current format (bound to its destination). */
  isCurrent(sealed: string): boolean {
    return sealed.startsWith(`${CURRENT}.`);
  }

  private requireKey(): Buffer {
    if (!this.key) {
      throw new ControlPlaneException(
        'CREDENTIALS_KEY_MISSING',
        'SYNCLINE_CREDENTIALS_KEY is not set: destination credentials cannot be stored or read',
      );
    }
    return this.key;
  }
}
