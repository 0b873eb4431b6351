import { isNotModified } from './is-not-modified.util';

describe(isNotModified.name, () => {
  const etag = '"42"';

  it('answers 304 when If-None-Match names the version, weakly or in a list, or is *', () => {
    expect(isNotModified({ 'if-none-match': '"42"' }, etag)).toBe(true);
    expect(isNotModified({ 'if-none-match': 'W/"42"' }, etag)).toBe(true);
    expect(isNotModified({ 'if-none-match': '"7", "42"' }, etag)).toBe(true);
    expect(isNotModified({ 'if-none-match': '*' }, etag)).toBe(true);
  });

  it('answers in full otherwise', () => {
    expect(isNotModified({}, etag)).toBe(false);
    expect(isNotModified({ 'if-none-match': '"41"' }, etag)).toBe(false);
    expect(isNotModified({ 'if-none-match': '"42"', 'cache-control': 'no-cache' }, etag)).toBe(
      false,
    );
    expect(
      isNotModified(
        { 'if-none-match': '"42"', 'if-modified-since': 'Tue, 24 Nov 2026 00:00:00 GMT' },
        etag,
      ),
    ).toBe(false);
  });
});
