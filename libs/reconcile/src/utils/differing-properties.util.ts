import { valuesMatch } from './values-match.util';

/** The mapped properties whose values the CRM record does not hold. */
export function differingProperties(
  expected: Readonly<Record<string, unknown>>,
  actual: Readonly<Record<string, unknown>>,
): string[] {
  return Object.keys(expected).filter((name) => !valuesMatch(expected[name], actual[name]));
}
