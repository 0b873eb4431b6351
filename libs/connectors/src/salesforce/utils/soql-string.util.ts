/** A SOQL string literal, quoted and escaped (backslash, quotes, control characters). */
export function soqlString(value: string): string {
  const escaped = value.replace(/[\\'"\n\r\t\b\f]/g, (char) => {
    switch (char) {
      case '\n':
        return '\\n';
      case '\r':
        return '\\r';
      case '\t':
        return '\\t';
      case '\b':
        return '\\b';
      case '\f':
        return '\\f';
      default:
        return `\\${char}`;
    }
  });
  return `'${escaped}'`;
}
