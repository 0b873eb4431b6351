import type { HubSpotFilter } from '../types/hubspot-filter.type';
import type { HubSpotPropertyType } from '../types/hubspot-property-type.type';
import type { HubSpotRecord } from '../types/hubspot-record.type';
import { hubSpotComparable } from './hubspot-comparable.util';

/** Whether a record passes one search filter. */
export function matchesHubSpotFilter(
  record: HubSpotRecord,
  filter: HubSpotFilter,
  type: HubSpotPropertyType,
): boolean {
  const raw = record.properties[filter.propertyName];
  const has = raw !== undefined && raw !== '';
  switch (filter.operator) {
    case 'HAS_PROPERTY':
      return has;
    case 'NOT_HAS_PROPERTY':
      return !has;
    case 'NEQ':
      return !has || !equal(type, raw, filter.value ?? '');
    case 'NOT_IN':
      return !has || !(filter.values ?? []).some((v) => equal(type, raw, v));
    case 'NOT_CONTAINS_TOKEN':
      return !has || !containsToken(raw, filter.value ?? '');
    default:
      break;
  }
  if (!has) return false;
  const actual = hubSpotComparable(type, raw);
  const target = hubSpotComparable(type, filter.value ?? '');
  switch (filter.operator) {
    case 'EQ':
      return equal(type, raw, filter.value ?? '');
    case 'IN':
      return (filter.values ?? []).some((v) => equal(type, raw, v));
    case 'CONTAINS_TOKEN':
      return containsToken(raw, filter.value ?? '');
    case 'LT':
      return compare(actual, target) < 0;
    case 'LTE':
      return compare(actual, target) <= 0;
    case 'GT':
      return compare(actual, target) > 0;
    case 'GTE':
      return compare(actual, target) >= 0;
    case 'BETWEEN':
      return (
        compare(actual, target) >= 0 &&
        compare(actual, hubSpotComparable(type, filter.highValue ?? '')) <= 0
      );
  }
}

function equal(type: HubSpotPropertyType, raw: string, value: string): boolean {
  const a = hubSpotComparable(type, raw);
  return a !== undefined && a === hubSpotComparable(type, value);
}

/** NaN when either side is not comparable, which fails every ordering test. */
function compare(a: number | string | undefined, b: number | string | undefined): number {
  if (a === undefined || b === undefined || typeof a !== typeof b) return Number.NaN;
  if (a < b) return -1;
  return a > b ? 1 : 0;
}

function containsToken(raw: string, pattern: string): boolean {
  const source = pattern
    .toLowerCase()
    .split('*')
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  const regex = new RegExp(`^${source}$`);
  const value = raw.toLowerCase();
  return regex.test(value) || value.split(/[\s,;@.]+/).some((token) => regex.test(token));
}
