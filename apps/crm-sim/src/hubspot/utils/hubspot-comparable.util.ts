import type { HubSpotPropertyType } from '../types/hubspot-property-type.type';
import { parseHubSpotTime } from './parse-hubspot-time.util';

/** A property value as search compares it: numbers and times numerically, text case-insensitively. */
export function hubSpotComparable(
  type: HubSpotPropertyType,
  value: string,
): number | string | undefined {
  switch (type) {
    case 'number': {
      const n = Number(value);
      return Number.isFinite(n) ? n : undefined;
    }
    case 'date':
    case 'datetime':
      return parseHubSpotTime(value);
    case 'string':
    case 'enumeration':
    case 'bool':
      return value.toLowerCase();
  }
}
