import { bucketOf, bucketPrefix, bucketPrefixOf } from './bucket-of.util';

describe(bucketOf.name, () => {
  it("takes the leading hex digits of md5 of the id's UTF-8 bytes, as Postgres' md5() does", () => {
    // SELECT md5('é,%') = '9c612120e3141a589d625268cf444c4f' (checked on the stack; the
    // reconcile-record-id int-spec compares whole tables).
    expect(bucketPrefixOf('é,%', 4)).toBe('9c61');
    expect(bucketOf('é,%', 2)).toBe(0x9c);
    expect(bucketOf('é,%', 1)).toBe(0x9);
  });

  it('names a bucket by its digits the way SQL compares them (leading zeros kept)', () => {
    expect(bucketPrefix(0x0a, 3)).toBe('00a');
    expect(bucketPrefix(0xffff, 4)).toBe('ffff');
  });
});
