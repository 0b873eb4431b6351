import { randomBytes } from 'node:crypto';
import { Secret } from '@syncline/config';
import { ControlPlaneException } from '../exceptions/control-plane.exception';
import { CredentialCipher } from './credential-cipher';

describe(CredentialCipher.name, () => {
  const key = new Secret(randomBytes(32).toString('base64'));
  const credentials = { accessToken: 'pat-na1-secret-token', clientSecret: 's3cr3t' };

  it('round-trips credentials and never stores them in the clear', () => {
    const cipher = new CredentialCipher(key);
    const sealed = cipher.encrypt(credentials);
    expect(sealed).not.toContain('secret');
    expect(sealed.startsWith('v1.')).toBe(true);
    expect(cipher.decrypt(sealed)).toEqual(credentials);
  });

  it('uses a fresh IV each time: equal credentials seal differently', () => {
    const cipher = new CredentialCipher(key);
    expect(cipher.encrypt(credentials)).not.toBe(cipher.encrypt(credentials));
  });

  it('refuses a tampered value and a wrong key instead of returning garbage', () => {
    const cipher = new CredentialCipher(key);
    const sealed = cipher.encrypt(credentials);
    const parts = sealed.split('.');
    const flipped = Buffer.from(parts[3], 'base64url');
    flipped[0] ^= 1;
    expect(() =>
      cipher.decrypt([...parts.slice(0, 3), flipped.toString('base64url')].join('.')),
    ).toThrow(ControlPlaneException);
    expect(() =>
      new CredentialCipher(new Secret(randomBytes(32).toString('base64'))).decrypt(sealed),
    ).toThrow(/cannot be decrypted/);
  });

  it('says plainly when no key is configured', () => {
    expect(() => new CredentialCipher(new Secret('')).encrypt(credentials)).toThrow(
      /SYNCLINE_CREDENTIALS_KEY is not set/,
    );
  });
});
