import { timingSafeEqual } from 'node:crypto';

/** Compares a signature with the expected one in constant time (for equal lengths). */
export function safeEqual(actual: string, expected: string): boolean {
  const a = Buffer.from(actual, 'utf8');
  const b = Buffer.from(expected, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}
