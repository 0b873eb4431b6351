import { CACHE_DEFAULTS } from '../constants/cache-defaults.constant';
import { InvalidCacheKeyException } from '../exceptions/invalid-cache-key.exception';
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

    it('puts an entity truncate marker at <ns>:truncated:<entity>, outside every record pattern', () => {
      const marker = keys.truncateMarker('contact');
      expect(marker).toBe('sl:truncated:contact');
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

  describe('user values in keys', () => {
    const values = [
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
      '%25',
      'x'.repeat(300),
    ];

    it.each(values.map((value) => [JSON.stringify(value).slice(0, 20), value]))(
      'takes %s as a tenant or an id, and reads it back',
      (_label, value) => {
        const ref = { tenant: value, entity: 'contact', id: value };
        const key = keys.record(ref);
        expect(key.split(':')).toHaveLength(5);
        expect(key).not.toMatch(/[*?[\]\\\s]/);
        expect(keys.parseRecord(key)).toEqual(ref);
      },
    );

    it('keeps tenant "a:b" apart from tenant "a" and entity "b"', () => {
      const joined = keys.record({ tenant: 'a:b', entity: 'contact', id: ID });
      expect(keys.parseRecord(joined)).toEqual({ tenant: 'a:b', entity: 'contact', id: ID });
      expect(redisGlobMatches(keys.entityPattern('contact', 'a'), joined)).toBe(false);
      expect(redisGlobMatches(keys.entityPattern('contact', 'a:b'), joined)).toBe(true);
    });

    it.each(['', 'a:b', 'a*', 'a b', 'x'.repeat(129)])(
      'refuses %j as a collection name, naming the part in a non-retriable error',
      (value) => {
        let caught: unknown;
        try {
          keys.record({ tenant: 'acme', entity: value, id: ID });
        } catch (error) {
          caught = error;
        }
        expect(caught).toBeInstanceOf(InvalidCacheKeyException);
        expect(caught).toMatchObject({ code: 'INVALID_CACHE_KEY', retriable: false });
        expect(() => keys.truncateMarker(value)).toThrow(InvalidCacheKeyException);
      },
    );
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
        keys.truncateMarker('contact'),
        'sl:r:acme:contact',
        `sl:r:acme:contact:${ID}:extra`,
        `sl:x:acme:contact:${ID}`,
      ]) {
        expect(() => keys.parseRecord(key)).toThrow(InvalidCacheKeyException);
      }
    });

    it('refuses a key with a collection name record() would refuse', () => {
      for (const key of ['sl:r:acme::1', 'sl:r:acme:a*:1']) {
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
});
