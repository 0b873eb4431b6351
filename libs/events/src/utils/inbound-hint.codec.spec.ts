import { InboundHint } from '../types/inbound-hint.type';
import { decodeInboundHint, encodeInboundHint, inboundHintKey } from './inbound-hint.codec';

// A shipments record of a generic REST destination: the contract is not HubSpot's.
const hint: InboundHint = {
  destinationId: '0b6f4d7e-5a34-4c1e-9d1b-7f0e2c3a4b5d',
  object: 'shipments',
  externalId: 'ACME|42',
  kind: 'change',
  occurredAt: 1_764_900_000_000,
  source: 'webhook',
  receivedAt: 1_764_900_000_250,
};

const bytes = (value: unknown): Buffer => Buffer.from(JSON.stringify(value));

describe(decodeInboundHint.name, () => {
  it('reads back exactly what encodeInboundHint wrote, deletions and poll hints included', () => {
    expect(decodeInboundHint(encodeInboundHint(hint))).toEqual(hint);
    const deletion: InboundHint = { ...hint, kind: 'deletion', source: 'poll' };
    expect(decodeInboundHint(encodeInboundHint(deletion))).toEqual(deletion);
    const handedOver: InboundHint = { ...hint, source: 'reconcile' };
    expect(decodeInboundHint(encodeInboundHint(handedOver))).toEqual(handedOver);
  });

  it("keeps a REST webhook's record state and refuses a malformed one", () => {
    const withState: InboundHint = {
      ...hint,
      state: { properties: { weight_kg: '12.5' }, modifiedAt: '2026-12-05T03:00:00.000Z' },
    };
    expect(decodeInboundHint(encodeInboundHint(withState))).toEqual(withState);
    expect(() => decodeInboundHint(bytes({ ...hint, state: { properties: [] } }))).toThrow(
      /state.properties must be an object/,
    );
    expect(() =>
      decodeInboundHint(bytes({ ...hint, state: { properties: {}, modifiedAt: 'yesterday' } })),
    ).toThrow(/state.modifiedAt/);
  });

  it('drops fields the contract does not have', () => {
    expect(decodeInboundHint(bytes({ ...hint, properties: { weight_kg: 12.5 } }))).toStrictEqual(
      hint,
    );
  });

  it.each([
    ['bytes that are not JSON', Buffer.from('{"destinationId":'), /not JSON/],
    ['JSON null', bytes(null), /not an object/],
    ['a JSON array', bytes([hint]), /not an object/],
    ['no destinationId', bytes({ ...hint, destinationId: undefined }), /destinationId/],
    ['an empty object', bytes({ ...hint, object: '' }), /object must/],
    ['a numeric externalId', bytes({ ...hint, externalId: 42 }), /externalId/],
    ['a HubSpot "creation" kind', bytes({ ...hint, kind: 'creation' }), /kind/],
    ['an unknown source', bytes({ ...hint, source: 'email' }), /source/],
    ['an ISO occurredAt', bytes({ ...hint, occurredAt: '2026-12-05T03:00:00Z' }), /occurredAt/],
    ['a fractional receivedAt', bytes({ ...hint, receivedAt: 1.5 }), /receivedAt/],
    ['no receivedAt', bytes({ ...hint, receivedAt: undefined }), /receivedAt/],
  ])('rejects %s, saying why', (_label, value, reason) => {
    expect(() => decodeInboundHint(value)).toThrow(reason);
  });
});

describe(inboundHintKey.name, () => {
  it('keys by destination and record, so one record of one destination stays on one partition', () => {
    expect(inboundHintKey(hint)).toBe('0b6f4d7e-5a34-4c1e-9d1b-7f0e2c3a4b5d/ACME|42');
    const later: InboundHint = { ...hint, kind: 'deletion', occurredAt: hint.occurredAt + 1 };
    expect(inboundHintKey(later)).toBe(inboundHintKey(hint));
    expect(inboundHintKey({ ...hint, destinationId: 'other' })).not.toBe(inboundHintKey(hint));
  });
});
