import { payloadHash } from './payload-hash.util';

describe(payloadHash.name, () => {
  const target = { object: 'contacts', identityProperty: 'syncline_id' };
  const mapped = {
    identity: 'c-1',
    properties: { email: 'ada@example.com', lead_score: 87, hs_do_not_contact: false, phone: null },
  };

  it('is a sha256 hex digest', () => {
    expect(payloadHash(mapped, target)).toMatch(/^[0-9a-f]{64}$/);
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
    expect(payloadHash(reordered, target)).toBe(payloadHash(mapped, target));
  });

  it('changes with any value, type, property or identity', () => {
    const base = payloadHash(mapped, target);
    const variants = [
      { ...mapped, identity: 'c-2' },
      { ...mapped, properties: { ...mapped.properties, lead_score: 88 } },
      { ...mapped, properties: { ...mapped.properties, lead_score: '87' } },
      { ...mapped, properties: { ...mapped.properties, phone: '' } },
      { ...mapped, properties: { ...mapped.properties, extra: null } },
    ];
    const hashes = variants.map((variant) => payloadHash(variant, target));
    expect(new Set([base, ...hashes]).size).toBe(variants.length + 1);
  });

  it('changes when the mapping is re-pointed at another object or identity property', () => {
    const base = payloadHash(mapped, target);
    expect(payloadHash(mapped, { ...target, object: 'leads' })).not.toBe(base);
    expect(payloadHash(mapped, { ...target, identityProperty: 'email' })).not.toBe(base);
  });

  it('is stable across calls (a fixed digest)', () => {
    expect(payloadHash({ identity: 'a', properties: { b: 1, a: 'x' } }, target)).toBe(
      payloadHash({ identity: 'a', properties: { a: 'x', b: 1 } }, target),
    );
    expect(
      payloadHash({ identity: 'a', properties: {} }, { object: 'o', identityProperty: 'p' }),
    ).toBe(
      // sha256 of '{"identity":"a","identityProperty":"p","object":"o","properties":{}}'
      '8b6de28d868177d53045efef82ca9ead1b63fbe297b5ed0a262da839a5be1392',
    );
  });
});
