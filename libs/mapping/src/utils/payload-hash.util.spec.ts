import { payloadHash } from './payload-hash.util';

describe(payloadHash.name, () => {
  const mapped = {
    identity: 'c-1',
    properties: { email: 'ada@example.com', lead_score: 87, hs_do_not_contact: false, phone: null },
  };

  it('is a sha256 hex digest', () => {
    expect(payloadHash(mapped)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('does not depend on key order', () => {
    const reordered = {
      properties: {
        phone: null,
        hs_do_not_contact: false,
        lead_score: 87,
        email: 'ada@example.com',
      },
      identity: 'c-1',
    };
    expect(payloadHash(reordered)).toBe(payloadHash(mapped));
  });

  it('changes with any value, type, property or identity', () => {
    const base = payloadHash(mapped);
    const variants = [
      { ...mapped, identity: 'c-2' },
      { ...mapped, properties: { ...mapped.properties, lead_score: 88 } },
      { ...mapped, properties: { ...mapped.properties, lead_score: '87' } },
      { ...mapped, properties: { ...mapped.properties, phone: '' } },
      { ...mapped, properties: { ...mapped.properties, extra: null } },
    ];
    const hashes = variants.map(payloadHash);
    expect(new Set([base, ...hashes]).size).toBe(variants.length + 1);
  });

  it('is stable across calls (a fixed digest)', () => {
    expect(payloadHash({ identity: 'a', properties: { b: 1, a: 'x' } })).toBe(
      payloadHash({ identity: 'a', properties: { a: 'x', b: 1 } }),
    );
    expect(payloadHash({ identity: 'a', properties: {} })).toBe(
      // sha256 of '{"identity":"a","properties":{}}'
      '8e99df9bebef30962e545a900c10012400030b3d141c3172b117a97b4f6754b2',
    );
  });
});
