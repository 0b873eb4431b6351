import { Injectable } from '@nestjs/common';
import { HUBSPOT_API_LIMITS } from '../constants/hubspot-api-limits.constant';
import { HubSpotApiException } from '../exceptions/hubspot-api.exception';
import type { HubSpotPropertyType } from '../types/hubspot-property-type.type';
import type { HubSpotRecord } from '../types/hubspot-record.type';
import type { HubSpotSearchResponse } from '../types/hubspot-search-response.type';
import { hubSpotComparable } from '../utils/hubspot-comparable.util';
import { matchesHubSpotFilter } from '../utils/matches-hubspot-filter.util';
import { parseSearchRequest } from '../utils/parse-search-request.util';
import { resolveReadProperties } from '../utils/resolve-read-properties.util';
import { toHubSpotPublicObject } from '../utils/to-hubspot-public-object.util';
import { HubSpotObjectStore } from './hubspot-object.store';
import { HubSpotPropertyRegistry } from './hubspot-property.registry';

/**
 * `POST /crm/v3/objects/{type}/search`: filter groups (OR of ANDs), one sort, offset paging
 * through `after`, at most 10,000 results per query. A scan per call; search is not the hot path.
 * HubSpot's index lags writes by seconds; the sim's does not.
 */
@Injectable()
export class HubSpotSearchService {
  constructor(
    private readonly store: HubSpotObjectStore,
    private readonly properties: HubSpotPropertyRegistry,
  ) {}

  search(objectType: string, body: unknown): HubSpotSearchResponse {
    const request = parseSearchRequest(body);
    const typeOf = (name: string): HubSpotPropertyType => {
      const def = this.properties.get(objectType, name);
      if (!def) {
        throw new HubSpotApiException(
          400,
          'VALIDATION_ERROR',
          `Property "${name}" does not exist on ${objectType}`,
          {
            context: { propertyName: [name] },
          },
        );
      }
      return def.type;
    };
    const groups = request.filterGroups.map((g) =>
      g.filters.map((filter) => ({ filter, type: typeOf(filter.propertyName) })),
    );
    const query = request.query?.trim().toLowerCase();
    const matches: HubSpotRecord[] = [];
    for (const record of this.store.table(objectType).byId.values()) {
      if (record.archived) continue;
      if (
        groups.length > 0 &&
        !groups.some((g) =>
          g.every(({ filter, type }) => matchesHubSpotFilter(record, filter, type)),
        )
      ) {
        continue;
      }
      if (query && !Object.values(record.properties).some((v) => v.toLowerCase().includes(query)))
        continue;
      matches.push(record);
    }

    const sort = request.sorts[0];
    const sortType = sort ? typeOf(sort.propertyName) : 'number';
    const sortName = sort?.propertyName ?? 'hs_object_id';
    const sign = sort?.direction === 'DESCENDING' ? -1 : 1;
    matches.sort((a, b) => {
      const byValue =
        compareValues(sortType, a.properties[sortName], b.properties[sortName]) * sign;
      return byValue !== 0 ? byValue : Number(a.id) - Number(b.id);
    });

    const select = resolveReadProperties(objectType, request.properties);
    const page = matches.slice(request.offset, request.offset + request.limit);
    const response: HubSpotSearchResponse = {
      total: matches.length,
      results: page.map((r) => toHubSpotPublicObject(r, select)),
    };
    const next = request.offset + request.limit;
    if (request.limit > 0 && next < matches.length && next < HUBSPOT_API_LIMITS.searchMaxResults) {
      response.paging = { next: { after: String(next) } };
    }
    return response;
  }
}

/** Missing values sort last. */
function compareValues(
  type: HubSpotPropertyType,
  a: string | undefined,
  b: string | undefined,
): number {
  const x = a === undefined ? undefined : hubSpotComparable(type, a);
  const y = b === undefined ? undefined : hubSpotComparable(type, b);
  if (x === undefined || y === undefined) return x === y ? 0 : x === undefined ? 1 : -1;
  if (x < y) return -1;
  return x > y ? 1 : 0;
}
