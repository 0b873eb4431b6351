import { Injectable } from '@nestjs/common';
import { HUBSPOT_API_LIMITS } from '../constants/hubspot-api-limits.constant';
import { HubSpotApiException } from '../exceptions/hubspot-api.exception';
import type { HubSpotPublicObject } from '../types/hubspot-public-object.type';
import type { HubSpotWriteOutcome } from '../types/hubspot-write-outcome.type';
import { resolveReadProperties } from '../utils/resolve-read-properties.util';
import { toHubSpotPublicObject } from '../utils/to-hubspot-public-object.util';
import { HubSpotBatchService } from './hubspot-batch.service';
import { HubSpotObjectStore } from './hubspot-object.store';
import { HubSpotRecordWriter } from './hubspot-record.writer';

/** The single-object endpoints: GET/PATCH/DELETE by id or idProperty, POST create, list. */
@Injectable()
export class HubSpotObjectService {
  constructor(
    private readonly store: HubSpotObjectStore,
    private readonly batch: HubSpotBatchService,
    private readonly writer: HubSpotRecordWriter,
  ) {}

  get(objectType: string, id: string, query: Record<string, unknown>): HubSpotPublicObject {
    const archived = query.archived === 'true';
    const record = this.batch.find(objectType, id, query.idProperty, archived);
    if (!record) throw notFound(id);
    return toHubSpotPublicObject(record, resolveReadProperties(objectType, query.properties));
  }

  create(objectType: string, body: unknown): HubSpotPublicObject {
    const outcome = this.writer.write(
      objectType,
      { existing: undefined, context: {} },
      readProperties(body),
      Date.now(),
    );
    return toHubSpotPublicObject(unwrap(outcome), 'all');
  }

  update(objectType: string, id: string, idProperty: unknown, body: unknown): HubSpotPublicObject {
    const existing = this.batch.find(objectType, id, idProperty);
    if (!existing) throw notFound(id);
    const outcome = this.writer.write(
      objectType,
      { existing, context: { ids: [id] } },
      readProperties(body),
      Date.now(),
    );
    return toHubSpotPublicObject(unwrap(outcome), 'all');
  }

  /** 204 even when the object does not exist, as HubSpot answers. */
  archive(objectType: string, id: string): void {
    const record = this.batch.find(objectType, id, undefined);
    if (record) this.writer.archive(objectType, record, Date.now());
  }

  /** `GET /crm/v3/objects/{type}`: id order, `after` is the last id seen. */
  list(
    objectType: string,
    query: Record<string, unknown>,
  ): {
    results: HubSpotPublicObject[];
    paging?: { next: { after: string } };
  } {
    const limit = query.limit === undefined ? 10 : Number(query.limit);
    if (!Number.isInteger(limit) || limit < 1 || limit > HUBSPOT_API_LIMITS.listPageSize) {
      throw new HubSpotApiException(
        400,
        'VALIDATION_ERROR',
        `limit must be between 1 and ${HUBSPOT_API_LIMITS.listPageSize}`,
      );
    }
    const after = query.after === undefined ? 0 : Number(query.after);
    const archived = query.archived === 'true';
    const select = resolveReadProperties(objectType, query.properties);
    const records = [...this.store.table(objectType).byId.values()]
      .filter((r) => r.archived === archived && Number(r.id) > after)
      .sort((a, b) => Number(a.id) - Number(b.id));
    const page = records.slice(0, limit);
    const response: { results: HubSpotPublicObject[]; paging?: { next: { after: string } } } = {
      results: page.map((r) => toHubSpotPublicObject(r, select)),
    };
    if (records.length > limit) response.paging = { next: { after: page[page.length - 1].id } };
    return response;
  }
}

function readProperties(body: unknown): unknown {
  return (body as { properties?: unknown } | null | undefined)?.properties ?? {};
}

function unwrap(
  outcome: HubSpotWriteOutcome,
): Extract<HubSpotWriteOutcome, { ok: true }>['record'] {
  if (outcome.ok) return outcome.record;
  const { category, message, context, errors } = outcome.error;
  throw new HubSpotApiException(outcome.status, category, message, { context, errors });
}

function notFound(id: string): HubSpotApiException {
  return new HubSpotApiException(
    404,
    'OBJECT_NOT_FOUND',
    'Object not found.  objectId are usually numeric.',
    {
      context: { id: [id] },
    },
  );
}
