import { FilterOperatorEnum } from '@hubspot/api-client/lib/codegen/crm/objects';
import type { SimplePublicObject } from '@hubspot/api-client/lib/codegen/crm/objects';
import { DeliveryException } from '../../exceptions/delivery.exception';
import type { ModifiedCursor } from '../../types/modified-cursor.type';
import { HS_OBJECT_ID } from '../constants/hubspot-object-id-property.constant';
import type { HubSpotSearchQuery } from '../types/hubspot-search-query.type';
import { compareHubSpotIds } from './compare-hubspot-ids.util';
import { hubSpotModifiedAt } from './hubspot-modified-at.util';

type Search = (query: HubSpotSearchQuery) => Promise<{
  results: SimplePublicObject[];
  paging?: { next?: unknown };
}>;
type Stamped = { result: SimplePublicObject; at: number };

/**
 * The search queries behind `HubSpotConnector.listModifiedSince`: records modified after
 * `cursor` (and before `until`), strictly ordered by (modified time, object id), each page with
 * the cursor after it. Search sorts by one property only, so records sharing a timestamp come in
 * no set order: a full page yields only the records before its last timestamp, and that
 * timestamp is then walked on its own by id (`modified = t AND hs_object_id > lastId`), which is
 * also how a cursor with `lastId` resumes. Every query is a fresh keyset query (never `after`
 * offsets), so search's 10,000-result cap never ends the scan.
 */
export async function* scanHubSpotModified(
  search: Search,
  modified: string,
  cursor: ModifiedCursor,
  until?: number,
): AsyncGenerator<{ results: SimplePublicObject[]; cursor: ModifiedCursor }> {
  let floor = Date.parse(cursor.modifiedAt);
  if (Number.isNaN(floor)) {
    throw new DeliveryException('permanent', `invalid cursor time ${cursor.modifiedAt}`);
  }
  if (until !== undefined && floor >= until) return;
  const before =
    until === undefined
      ? []
      : [{ propertyName: modified, operator: FilterOperatorEnum.Lt, value: String(until) }];
  let afterId = cursor.lastId;
  for (;;) {
    if (afterId !== undefined) {
      for await (const page of walkTimestamp(search, modified, floor, afterId)) {
        yield toBatch(page.map((result) => ({ result, at: floor })));
      }
    }
    const page = await search({
      filters: [
        {
          propertyName: modified,
          operator: afterId === undefined ? FilterOperatorEnum.Gte : FilterOperatorEnum.Gt,
          value: String(floor),
        },
        ...before,
      ],
      sortBy: modified,
    });
    const stamped = page.results
      .map((result) => ({ result, at: hubSpotModifiedAt(result, modified) }))
      .sort((a, b) => a.at - b.at || compareHubSpotIds(a.result.id, b.result.id));
    if (stamped.length === 0) return;
    const full = Boolean(page.paging?.next);
    const lastAt = stamped[stamped.length - 1].at;
    // On a full page the records at its last timestamp may go on past it: walked by id next.
    const complete = full ? stamped.filter(({ at }) => at < lastAt) : stamped;
    if (complete.length > 0) yield toBatch(complete);
    if (!full) return;
    floor = lastAt;
    afterId = '0';
  }
}

/** The records at exactly `at` with an id above `afterId`, by id, page by page. */
async function* walkTimestamp(
  search: Search,
  modified: string,
  at: number,
  afterId: string,
): AsyncGenerator<SimplePublicObject[]> {
  let lastId = afterId;
  for (;;) {
    const page = await search({
      filters: [
        { propertyName: modified, operator: FilterOperatorEnum.Eq, value: String(at) },
        { propertyName: HS_OBJECT_ID, operator: FilterOperatorEnum.Gt, value: lastId },
      ],
      sortBy: HS_OBJECT_ID,
    });
    const results = [...page.results].sort((a, b) => compareHubSpotIds(a.id, b.id));
    if (results.length === 0) return;
    yield results;
    if (!page.paging?.next) return;
    lastId = results[results.length - 1].id;
  }
}

function toBatch(stamped: Stamped[]): { results: SimplePublicObject[]; cursor: ModifiedCursor } {
  const last = stamped[stamped.length - 1];
  return {
    results: stamped.map(({ result }) => result),
    cursor: { modifiedAt: new Date(last.at).toISOString(), lastId: last.result.id },
  };
}
