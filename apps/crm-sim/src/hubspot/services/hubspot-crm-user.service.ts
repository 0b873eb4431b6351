import { Injectable } from '@nestjs/common';
import { SimAdminException } from '../../common/exceptions/sim-admin.exception';
import type { HubSpotPublicObject } from '../types/hubspot-public-object.type';
import type { HubSpotRecord } from '../types/hubspot-record.type';
import type { HubSpotWriteTarget } from '../types/hubspot-write-target.type';
import { normalizeHubSpotObjectType } from '../utils/normalize-hubspot-object-type.util';
import { toHubSpotPublicObject } from '../utils/to-hubspot-public-object.util';
import { HubSpotObjectStore } from './hubspot-object.store';
import { HubSpotRecordWriter } from './hubspot-record.writer';

/**
 * Records created and changed as a user in the HubSpot UI would (`/__sim/records/...`): the same
 * validation and timestamps as an API write, webhook events with changeSource CRM_UI, and no
 * entry in the call log, which records only what API clients sent.
 */
@Injectable()
export class HubSpotCrmUserService {
  constructor(
    private readonly store: HubSpotObjectStore,
    private readonly writer: HubSpotRecordWriter,
  ) {}

  /**
   * Creates a record as a user would from the object's index page (a new id, createdate, an
   * `object.creation` webhook event); body `{ properties: { name: value } }`.
   */
  create(objectType: string, body: unknown): HubSpotPublicObject {
    const type = normalizeHubSpotObjectType(objectType);
    return this.write(type, { existing: undefined, context: {} }, body);
  }

  /** Body `{ properties: { name: value } }`; answers the record with all its properties. */
  edit(objectType: string, id: string, body: unknown): HubSpotPublicObject {
    const type = normalizeHubSpotObjectType(objectType);
    return this.write(type, { existing: this.live(type, id), context: { ids: [id] } }, body);
  }

  private write(type: string, target: HubSpotWriteTarget, body: unknown): HubSpotPublicObject {
    const properties = (body as { properties?: unknown } | null)?.properties;
    if (typeof properties !== 'object' || properties === null || Array.isArray(properties)) {
      throw new SimAdminException('body must be { "properties": { "name": "value", ... } }');
    }
    const outcome = this.writer.write(type, target, properties, Date.now(), 'CRM_UI');
    if (!outcome.ok) throw new SimAdminException(outcome.error.message, outcome.status);
    return toHubSpotPublicObject(outcome.record, 'all');
  }

  /** Deletes (archives) a record as a user would from its record page. */
  archive(objectType: string, id: string): void {
    const type = normalizeHubSpotObjectType(objectType);
    this.writer.archive(type, this.live(type, id), Date.now(), 'CRM_UI');
  }

  private live(objectType: string, id: string): HubSpotRecord {
    const record = this.store.table(objectType).byId.get(id);
    if (!record || record.archived) {
      throw new SimAdminException(`no live ${objectType} record with id '${id}'`, 404);
    }
    return record;
  }
}
