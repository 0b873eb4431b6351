import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { Secret } from '@syncline/config';
import { ControlPlaneException } from '../exceptions/control-plane.exception';

/**
 * AES-256-GCM for destination credentials at rest: `v1.<iv>.<tag>.<ciphertext>` (base64url).
 * The key comes from SYNCLINE_CREDENTIALS_KEY (a Kubernetes Secret); a tampered value fails to
 * decrypt instead of yielding garbage.
 */
export class CredentialCipher {
  private readonly key: Buffer | undefined;

  constructor(key: Secret<string>) {
    const raw = key.reveal();
    this.key = raw === '' ? undefined : Buffer.from(raw, 'base64');
  }

  encrypt(credentials: Record<string, unknown>): string {
    const key = this.requireKey();
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    const ciphertext = Buffer.concat([
      cipher.update(JSON.stringify(credentials), 'utf8'),
      cipher.final(),
    ]);
    return ['v1', iv, cipher.getAuthTag(), ciphertext]
      .map((part) => (typeof part === 'string' ? part : part.toString('base64url')))
      .join('.');
  }

  decrypt(sealed: string): Record<string, unknown> {
    const key = this.requireKey();
    const [version, iv, tag, ciphertext] = sealed.split('.');
    if (version !== 'v1' || !iv || !tag || ciphertext === undefined) {
      throw new ControlPlaneException(
        'CREDENTIALS_UNREADABLE',
        'stored credentials have an unknown format',
      );
    }
    try {
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      const plain = Buffer.concat([
        decipher.update(Buffer.from(ciphertext, 'base64url')),
        decipher.final(),
      ]);
      return JSON.parse(plain.toString('utf8')) as Record<string, unknown>;
    } catch (error) {
      throw new ControlPlaneException(
        'CREDENTIALS_UNREADABLE',
        'stored credentials cannot be decrypted with this key',
        { cause: error },
      );
    }
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
