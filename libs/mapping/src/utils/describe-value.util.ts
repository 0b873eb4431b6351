import { canonicalJson } from './canonical-json.util';
import { truncateCodePoints } from './truncate-code-points.util';

const SHOWN = 60;

/** A value as error messages show it: JSON, cut to a readable length. */
export function describeValue(value: unknown): string {
  const text = value === undefined ? 'undefined' : canonicalJson(value);
  const cut = truncateCodePoints(text, SHOWN);
  return cut === text ? text : `${cut}…`;
}
