import { codePointLength } from './code-point-length.util';
import { truncateCodePoints } from './truncate-code-points.util';

describe(truncateCodePoints.name, () => {
  it('keeps the first max code points, never half an emoji', () => {
    expect(truncateCodePoints('😀😀😀', 2)).toBe('😀😀');
    expect(truncateCodePoints('a😀b', 2)).toBe('a😀');
    expect(truncateCodePoints('hello', 3)).toBe('hel');
    expect(truncateCodePoints('hello', 10)).toBe('hello');
    expect(truncateCodePoints('hello', 0)).toBe('');
  });

  it('leaves no lone surrogate behind', () => {
    const cut = truncateCodePoints('x😀'.repeat(50), 7);
    expect(cut).not.toMatch(
      /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/,
    );
    expect(codePointLength(cut)).toBe(7);
  });
});

describe(codePointLength.name, () => {
  it('counts an astral character once and a lone surrogate once', () => {
    expect(codePointLength('a😀b')).toBe(3);
    expect(codePointLength('\ud83d')).toBe(1);
    expect(codePointLength('')).toBe(0);
  });
});
