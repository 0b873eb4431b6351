import { CACHE_DEFAULTS } from '../constants/cache-defaults.constant';
import { InvalidCacheKeyException } from '../exceptions/invalid-cache-key.exception';
import { HASH_SLOT_COUNT, hashSlotOf } from '../utils/hash-slot.util';
import { CacheKeyBuilder } from './cache-key.builder';

// Redis SCAN MATCH semantics for the two wildcards the builder may emit (`*` any run of characters,
// separators included; `?` one character), so patterns are checked against keys, not as strings.
function redisGlobMatches(pattern: string, key: string): boolean {
  const source = pattern
    .split('')
    .map((char) =>
      char === '*' ? '.*' : char === '?' ? '.' : char.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'),
    )
    .join('');
  return new RegExp(`^${source}$`, 's').test(key);
}

const ID = '6f1c1a52-3b1f-4c0a-9d5e-2b9f7a0c1d2e';

describe(CacheKeyBuilder.name, () => {
  const keys = new CacheKeyBuilder('sl');

  describe('layout', () => {
    it('puts a record at <ns>:r:<tenant>:<entity>:<id>', () => {
      expect(keys.record({ tenant: 'acme', entity: 'contact', id: ID })).toBe(
        `sl:r:acme:contact:${ID}`,
      );
    });

    it("puts a collection's truncate markers at <ns>:truncated:<collection>:{tag}, outside every record pattern", () => {
      const record = keys.record({ tenant: 'acme', entity: 'contact', id: ID });
      const marker = keys.truncateMarkerFor('contact', record);
      expect(marker).toMatch(/^sl:truncated:contact:\{[0-9a-z]+\}$/);
      expect(redisGlobMatches(keys.allRecordsPattern(), marker)).toBe(false);
      expect(redisGlobMatches(keys.entityPattern('contact'), marker)).toBe(false);
    });

    it('uses the production namespace when none is given', () => {
      expect(new CacheKeyBuilder().record({ tenant: 'acme', entity: 'deal', id: '1' })).toBe(
        `${CACHE_DEFAULTS.namespace}:r:acme:deal:1`,
      );
    });

    it('accepts the characters tenant ids, emails and uuids use', () => {
      expect(keys.record({ tenant: 'eu-west.acme_2@corp', entity: 'contact', id: ID })).toBe(
        `sl:r:eu-west.acme_2@corp:contact:${ID}`,
      );
    });
  });

  describe('namespace isolation', () => {
    const test = new CacheKeyBuilder('t-cache-1234');
    const prodKey = keys.record({ tenant: 'acme', entity: 'contact', id: ID });
    const testKey = test.record({ tenant: 'acme', entity: 'contact', id: ID });

    it('gives the same record different keys in different namespaces', () => {
      expect(testKey).not.toBe(prodKey);
    });

    it("never lets one namespace's patterns match another namespace's keys", () => {
      for (const pattern of [test.allRecordsPattern(), test.entityPattern('contact')]) {
        expect(redisGlobMatches(pattern, testKey)).toBe(true);
        expect(redisGlobMatches(pattern, prodKey)).toBe(false);
      }
      for (const pattern of [keys.allRecordsPattern(), keys.entityPattern('contact')]) {
        expect(redisGlobMatches(pattern, prodKey)).toBe(true);
        expect(redisGlobMatches(pattern, testKey)).toBe(false);
      }
    });

    it('does not treat a namespace as a prefix of a longer one (sl vs sl2)', () => {
      const other = new CacheKeyBuilder('sl2').record({
        tenant: 'acme',
        entity: 'contact',
        id: ID,
      });
      expect(redisGlobMatches(keys.allRecordsPattern(), other)).toBe(false);
    });

    it('rejects a namespace that could contain another one or a wildcard', () => {
      for (const namespace of ['', 'sl:r', 'sl*', 'a b']) {
        expect(() => new CacheKeyBuilder(namespace)).toThrow(InvalidCacheKeyException);
      }
    });
  });

  describe('tenant ids and record ids of any characters', () => {
    const odd = [
      '',
      'a:b',
      'a*',
      'a?',
      'a[b]',
      'a\\b',
      'a b',
      'a\nb',
      'ä',
      '%',
      '%41',
      'a,b',
      'x'.repeat(300),
    ];

    it.each(
      odd.map((value) => [
        value.length > 20 ? `${value.length} characters` : JSON.stringify(value),
        value,
      ]),
    )('keys %s as a tenant and as an id, and reads it back', (_label, value) => {
      for (const ref of [
        { tenant: value, entity: 'contact', id: ID },
        { tenant: 'acme', entity: 'contact', id: value },
      ]) {
        const key = keys.record(ref);
        // Exactly five parts, none a SCAN glob: the layout and every pattern stay unambiguous.
        expect(key.split(':')).toHaveLength(5);
        expect(key).not.toMatch(/[*?[\]\\\s]/);
        expect(keys.parseRecord(key)).toEqual(ref);
      }
    });

    it('gives different values different keys (a percent sign is encoded too)', () => {
      const values = ['a:b', 'a%3Ab', 'a%253Ab', '%', '', 'A', 'a'];
      const tenants = new Set(
        values.map((tenant) => keys.record({ tenant, entity: 'e', id: '1' })),
      );
      const ids = new Set(values.map((id) => keys.record({ tenant: 't', entity: 'e', id })));
      expect(tenants.size).toBe(values.length);
      expect(ids.size).toBe(values.length);
    });

    it('keeps the readable characters of uuids, numbers, emails and composite ids as they are', () => {
      expect(
        keys.record({ tenant: 'eu-west.acme_2@corp', entity: 'stock_level', id: '7,SKU-1' }),
      ).toBe('sl:r:eu-west.acme_2@corp:stock_level:7,SKU-1');
    });

    it('refuses a collection name that is not a plain name, naming the part', () => {
      for (const entity of ['', 'a:b', 'a*', 'a b', 'ä']) {
        expect(() => keys.record({ tenant: 'acme', entity, id: ID })).toThrow(
          InvalidCacheKeyException,
        );
        expect(() => keys.truncateMarkers(entity)).toThrow(InvalidCacheKeyException);
      }
      expect(() => keys.record({ tenant: 'acme', entity: 'a*', id: ID })).toThrow(
        'invalid entity for a cache key: "a*"',
      );
    });
  });

  describe('parseRecord', () => {
    it('reads back the ref a record key was built from', () => {
      const refs = [
        { tenant: 'acme', entity: 'contact', id: ID },
        { tenant: 'a.b-c_d@e', entity: 'deal', id: '42' },
      ];
      for (const ref of refs) expect(keys.parseRecord(keys.record(ref))).toEqual(ref);
    });

    it("refuses another namespace's key, a marker, and keys with the wrong number of parts", () => {
      const foreign = new CacheKeyBuilder('other').record({ tenant: 'a', entity: 'b', id: 'c' });
      for (const key of [
        foreign,
        keys.truncateMarkers('contact')[0],
        keys.rateWindow('hubspot-1'),
        'sl:r:acme:contact',
        `sl:r:acme:contact:${ID}:extra`,
        `sl:x:acme:contact:${ID}`,
      ]) {
        expect(() => keys.parseRecord(key)).toThrow(InvalidCacheKeyException);
      }
    });

    it('refuses keys whose parts record() would never have produced', () => {
      for (const key of [
        'sl:r::contact:1',
        'sl:r:acme::1',
        'sl:r:acme:contact:',
        'sl:r:a*:contact:1',
        'sl:r:acme:contact:%3a',
        'sl:r:acme:contact:%zz',
      ]) {
        expect(() => keys.parseRecord(key)).toThrow(InvalidCacheKeyException);
      }
    });
  });

  describe('entityPattern', () => {
    const key = (tenant: string, entity: string, id = ID) => keys.record({ tenant, entity, id });

    it("for one tenant, matches that tenant's records of the entity and nothing else", () => {
      const pattern = keys.entityPattern('contact', 'acme');
      expect(pattern).toBe('sl:r:acme:contact:*');
      expect(redisGlobMatches(pattern, key('acme', 'contact'))).toBe(true);
      expect(redisGlobMatches(pattern, key('acme', 'deal'))).toBe(false);
      expect(redisGlobMatches(pattern, key('acme2', 'contact'))).toBe(false);
      expect(redisGlobMatches(pattern, key('other', 'contact'))).toBe(false);
      // A tenant whose id is a prefix of another's stays apart.
      expect(redisGlobMatches(keys.entityPattern('contact', 'acm'), key('acme', 'contact'))).toBe(
        false,
      );
    });

    it("across tenants, matches every tenant's records of the entity and no other entity", () => {
      const pattern = keys.entityPattern('contact');
      expect(pattern).toBe('sl:r:*:contact:*');
      expect(redisGlobMatches(pattern, key('acme', 'contact'))).toBe(true);
      expect(redisGlobMatches(pattern, key('other', 'contact'))).toBe(true);
      expect(redisGlobMatches(pattern, key('acme', 'deal'))).toBe(false);
      // Neither a tenant nor an id named like the entity makes another entity's key match.
      expect(redisGlobMatches(pattern, key('contact', 'deal'))).toBe(false);
      expect(redisGlobMatches(pattern, key('acme', 'deal', 'contact'))).toBe(false);
    });

    it('allRecordsPattern matches every record key of the namespace', () => {
      expect(redisGlobMatches(keys.allRecordsPattern(), key('acme', 'contact'))).toBe(true);
      expect(redisGlobMatches(keys.allRecordsPattern(), key('other', 'deal'))).toBe(true);
    });
  });

  describe('hash slots (Redis Cluster)', () => {
    const records = Array.from({ length: 4000 }, (_, i) =>
      keys.record({ tenant: `tenant-${i % 3}`, entity: 'stock_level', id: String(i) }),
    );

    it("gives every record's version guard a truncate marker in the record's own slot", () => {
      for (const record of records.slice(0, 500)) {
        expect(hashSlotOf(keys.truncateMarkerFor('stock_level', record))).toBe(hashSlotOf(record));
      }
    });

    it('has one truncate marker per slot, so a TRUNCATE reaches every record wherever it lives', () => {
      const markers = keys.truncateMarkers('stock_level');
      expect(markers).toHaveLength(HASH_SLOT_COUNT);
      expect(new Set(markers.map(hashSlotOf)).size).toBe(HASH_SLOT_COUNT);
      expect(new Set(markers)).toContain(keys.truncateMarkerFor('stock_level', records[0]));
    });

    it("spreads one tenant's one collection over the slots (no hash tag pins it)", () => {
      const oneTenant = records.filter((_, i) => i % 3 === 0);
      const slots = new Set(oneTenant.map(hashSlotOf));
      // 1,334 records over 16,384 slots: nearly all distinct, never one slot.
      expect(slots.size).toBeGreaterThan(oneTenant.length * 0.9);
      // Even over 3 masters (the slot ranges redis-cli --cluster create assigns).
      const perMaster = [0, 0, 0];
      for (const key of records)
        perMaster[Math.floor((hashSlotOf(key) * 3) / HASH_SLOT_COUNT)] += 1;
      for (const count of perMaster) expect(count).toBeGreaterThan(records.length * 0.3);
    });

    it("keeps a destination's rate-limit keys in one slot, and destinations apart", () => {
      const slotsOf = (destination: string) =>
        new Set(
          [
            keys.rateWindow(destination),
            keys.rateDay(destination, '20261204'),
            keys.rateBlockedUntil(destination),
          ].map(hashSlotOf),
        );
      expect(slotsOf('hubspot-1').size).toBe(1);
      expect(slotsOf(keys.searchRateBucket('hubspot-1')).size).toBe(1);
      const destinations = Array.from({ length: 50 }, (_, i) => `dest-${i}`);
      expect(new Set(destinations.map((d) => hashSlotOf(keys.rateWindow(d)))).size).toBeGreaterThan(
        45,
      );
    });
  });
});
