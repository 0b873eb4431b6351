import { toText } from '../../common/utils/to-text.util';
import { HUBSPOT_API_LIMITS } from '../constants/hubspot-api-limits.constant';
import { HubSpotApiException } from '../exceptions/hubspot-api.exception';
import type { HubSpotFilterOperator } from '../types/hubspot-filter-operator.type';
import type { HubSpotFilter } from '../types/hubspot-filter.type';
import type { HubSpotSearchRequest } from '../types/hubspot-search-request.type';
import type { HubSpotSort } from '../types/hubspot-sort.type';

const OPERATORS = new Set<HubSpotFilterOperator>([
  'EQ',
  'NEQ',
  'LT',
  'LTE',
  'GT',
  'GTE',
  'BETWEEN',
  'IN',
  'NOT_IN',
  'HAS_PROPERTY',
  'NOT_HAS_PROPERTY',
  'CONTAINS_TOKEN',
  'NOT_CONTAINS_TOKEN',
]);

/** Validates a PublicObjectSearchRequest with HubSpot's limits (filters, page size, 10k cap). */
export function parseSearchRequest(body: unknown): HubSpotSearchRequest {
  const input = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  const groups = input.filterGroups ?? [];
  if (!Array.isArray(groups)) throw invalid('filterGroups must be an array');
  if (groups.length > HUBSPOT_API_LIMITS.searchFilterGroups) {
    throw invalid(
      `Too many filter groups: ${groups.length}; the maximum is ${HUBSPOT_API_LIMITS.searchFilterGroups}`,
    );
  }
  let total = 0;
  const filterGroups = groups.map((group: unknown, g) => {
    const filters = (group as { filters?: unknown } | null)?.filters ?? [];
    if (!Array.isArray(filters)) throw invalid(`filterGroups[${g}].filters must be an array`);
    if (filters.length > HUBSPOT_API_LIMITS.searchFiltersPerGroup) {
      throw invalid(
        `Too many filters in filterGroups[${g}]: ${filters.length}; the maximum is ${HUBSPOT_API_LIMITS.searchFiltersPerGroup}`,
      );
    }
    total += filters.length;
    return {
      filters: filters.map((f: unknown, i) => parseFilter(f, `filterGroups[${g}].filters[${i}]`)),
    };
  });
  if (total > HUBSPOT_API_LIMITS.searchFiltersTotal) {
    throw invalid(
      `Too many filters: ${total}; the maximum is ${HUBSPOT_API_LIMITS.searchFiltersTotal}`,
    );
  }

  const limit = input.limit ?? HUBSPOT_API_LIMITS.searchDefaultPageSize;
  if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 0) {
    throw invalid('limit must be a non-negative integer');
  }
  if (limit > HUBSPOT_API_LIMITS.searchPageSize) {
    throw invalid(
      `limit must be less than or equal to ${HUBSPOT_API_LIMITS.searchPageSize}; got ${limit}`,
    );
  }
  const after = input.after ?? '0';
  const offset = typeof after === 'number' ? after : Number(after);
  if (
    !Number.isInteger(offset) ||
    offset < 0 ||
    (typeof after === 'string' && after.trim() === '')
  ) {
    throw invalid(
      `after must be a paging cursor from a previous response; got ${JSON.stringify(after)}`,
    );
  }
  if (offset >= HUBSPOT_API_LIMITS.searchMaxResults) {
    throw invalid(
      `Search results are limited to ${HUBSPOT_API_LIMITS.searchMaxResults} records; narrow the filters (e.g. by lastmodifieddate) instead of paging past them`,
    );
  }

  const sorts = parseSorts(input.sorts);
  const properties = input.properties;
  if (
    properties !== undefined &&
    (!Array.isArray(properties) || properties.some((p) => typeof p !== 'string'))
  ) {
    throw invalid('properties must be an array of strings');
  }
  if (input.query !== undefined && typeof input.query !== 'string')
    throw invalid('query must be a string');
  return {
    filterGroups,
    sorts,
    query: input.query,
    properties: properties as string[] | undefined,
    limit,
    offset,
  };
}

function parseFilter(raw: unknown, at: string): HubSpotFilter {
  const f = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  if (typeof f.propertyName !== 'string' || f.propertyName === '')
    throw invalid(`${at}.propertyName is required`);
  const operator = f.operator ?? 'EQ';
  if (typeof operator !== 'string' || !OPERATORS.has(operator as HubSpotFilterOperator)) {
    throw invalid(`${at}.operator ${JSON.stringify(operator)} is not supported`);
  }
  const filter: HubSpotFilter = {
    propertyName: f.propertyName,
    operator: operator as HubSpotFilterOperator,
  };
  const op = filter.operator;
  if (op === 'IN' || op === 'NOT_IN') {
    if (!Array.isArray(f.values) || f.values.length === 0)
      throw invalid(`${at}.values is required for ${op}`);
    filter.values = f.values.map((v: unknown) => toText(v));
  } else if (op !== 'HAS_PROPERTY' && op !== 'NOT_HAS_PROPERTY') {
    if (f.value === undefined || f.value === null)
      throw invalid(`${at}.value is required for ${op}`);
    filter.value = toText(f.value);
    if (op === 'BETWEEN') {
      if (f.highValue === undefined || f.highValue === null)
        throw invalid(`${at}.highValue is required for BETWEEN`);
      filter.highValue = toText(f.highValue);
    }
  }
  return filter;
}

/** Accepts `[{ propertyName, direction }]` and the string forms `"name"` / `"-name"`. */
function parseSorts(raw: unknown): HubSpotSort[] {
  if (raw === undefined) return [];
  if (!Array.isArray(raw)) throw invalid('sorts must be an array');
  if (raw.length > 1) throw invalid('Only one sort is supported');
  return raw.map((s: unknown) => {
    if (typeof s === 'string') {
      return s.startsWith('-')
        ? { propertyName: s.slice(1), direction: 'DESCENDING' as const }
        : { propertyName: s, direction: 'ASCENDING' as const };
    }
    const sort = (typeof s === 'object' && s !== null ? s : {}) as Record<string, unknown>;
    if (typeof sort.propertyName !== 'string') throw invalid('sorts[].propertyName is required');
    const direction = sort.direction ?? 'ASCENDING';
    if (direction !== 'ASCENDING' && direction !== 'DESCENDING') {
      throw invalid('sorts[].direction must be ASCENDING or DESCENDING');
    }
    return { propertyName: sort.propertyName, direction };
  });
}

function invalid(message: string): HubSpotApiException {
  return new HubSpotApiException(400, 'VALIDATION_ERROR', message);
}
