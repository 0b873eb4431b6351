import { createCipheriv, randomBytes, randomUUID } from 'node:crypto';
import { Secret } from '@syncline/config';
import { ControlPlaneException } from '../exceptions/control-plane.exception';
import { CredentialCipher } from './credential-cipher';

/** A credential sealed the way releases before the v2 format did: no associated data. */
function sealV1(rawKey: string, credentials: Record<string, unknown>): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', Buffer.from(rawKey, 'base64'), iv);
  const ciphertext = Buffer.concat([cipher.update(JSON.stringify(credentials)), cipher.final()]);
  return ['v1', iv, cipher.getAuthTag(), ciphertext]
    .map((part) => (typeof part === 'string' ? part : part.toString('base64url')))
    .join('.');
}

describe(CredentialCipher.name, () => {
  const rawKey = randomBytes(32).toString('base64');
  const key = new Secret(rawKey);
  const credentials = { accessToken: 'pat-na1-secret-token', clientSecret: 's3cr3t' };
  const destination = randomUUID();

  it('round-trips credentials and never stores them in the clear', () => {
    const cipher = new CredentialCipher(key);
    const sealed = cipher.encrypt(credentials, destination);
    expect(sealed).not.toContain('secret');
    expect(sealed.startsWith('v2.')).toBe(true);
    expect(cipher.decrypt(sealed, destination)).toEqual(credentials);
  });

  it('uses a fresh IV each time: equal credentials seal differently', () => {
    const cipher = new CredentialCipher(key);
    expect(cipher.encrypt(credentials, destination)).not.toBe(
      cipher.encrypt(credentials, destination),
    );
  });

  it('refuses a tampered value and a wrong key instead of returning garbage', () => {
    const cipher = new CredentialCipher(key);
    const sealed = cipher.encrypt(credentials, destination);
    const parts = sealed.split('.');
    const flipped = Buffer.from(parts[3], 'base64url');
    flipped[0] ^= 1;
    expect(() =>
      cipher.decrypt([...parts.slice(0, 3), flipped.toString('base64url')].join('.'), destination),
    ).toThrow(ControlPlaneException);
    expect(() =>
      new CredentialCipher(new Secret(randomBytes(32).toString('base64'))).decrypt(
        sealed,
        destination,
      ),
    ).toThrow(/cannot be decrypted/);
  });

  it("binds a ciphertext to its destination: another destination's credentials do not open", () => {
    const cipher = new CredentialCipher(key);
    const sealed = cipher.encrypt(credentials, destination);
    expect(() => cipher.decrypt(sealed, randomUUID())).toThrow(/cannot be decrypted/);
  });

  it('refuses a truncated authentication tag (a 4-byte tag is forgeable by brute force)', () => {
    const cipher = new CredentialCipher(key);
    for (const sealed of [cipher.encrypt(credentials, destination), sealV1(rawKey, credentials)]) {
      const parts = sealed.split('.');
      const shortTag = Buffer.from(parts[2], 'base64url').subarray(0, 4).toString('base64url');
      expect(() =>
        cipher.decrypt([parts[0], parts[1], shortTag, parts[3]].join('.'), destination),
      ).toThrow(ControlPlaneException);
    }
  });

  it('still reads the unbound v1 format, and says it needs rewriting', () => {
    const cipher = new CredentialCipher(key);
    const legacy = sealV1(rawKey, credentials);
    expect(cipher.decrypt(legacy, destination)).toEqual(credentials);
    expect(cipher.isCurrent(legacy)).toBe(false);
    expect(cipher.isCurrent(cipher.encrypt(credentials, destination))).toBe(true);
  });

  it('says plainly when no key is configured', () => {
    expect(() => new CredentialCipher(new Secret('')).encrypt(credentials, destination)).toThrow(
      /SYNCLINE_CREDENTIALS_KEY is not set/,
    );
  });
});
