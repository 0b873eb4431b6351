import { Inject, Injectable } from '@nestjs/common';
import { SimFaultService } from '../../common/services/sim-fault.service';
import { toText } from '../../common/utils/to-text.util';
import { HUBSPOT_API_LIMITS } from '../constants/hubspot-api-limits.constant';
import { HUBSPOT_SIM_OPTIONS } from '../constants/hubspot-sim-options.token';
import type { HubSpotBatchError } from '../types/hubspot-batch-error.type';
import type { HubSpotChangeSource } from '../types/hubspot-change-source.type';
import type { HubSpotPropertyError } from '../types/hubspot-property-error.type';
import type { HubSpotRecord } from '../types/hubspot-record.type';
import type { HubSpotSimOptions } from '../types/hubspot-sim-options.type';
import type { HubSpotWriteOutcome } from '../types/hubspot-write-outcome.type';
import type { HubSpotWriteTarget } from '../types/hubspot-write-target.type';
import { hubSpotObjectLabel } from '../utils/hubspot-object-label.util';
import { propertyErrorsMessage } from '../utils/property-errors-message.util';
import { validateHubSpotValue } from '../utils/validate-hubspot-value.util';
import { HubSpotObjectStore } from './hubspot-object.store';
import { HubSpotPropertyRegistry } from './hubspot-property.registry';
import { HubSpotWebhookPublisher } from './hubspot-webhook.publisher';

/**
 * The per-record write path every endpoint shares: validate properties against their
 * definitions, honour unique values, apply injected record errors, then write and index.
 */
@Injectable()
export class HubSpotRecordWriter {
  private readonly maxStringLength: number;

  constructor(
    private readonly store: HubSpotObjectStore,
    private readonly properties: HubSpotPropertyRegistry,
    private readonly faults: SimFaultService,
    private readonly webhooks: HubSpotWebhookPublisher,
    @Inject(HUBSPOT_SIM_OPTIONS) options: HubSpotSimOptions,
  ) {
    this.maxStringLength = options.maxStringLength ?? HUBSPOT_API_LIMITS.maxStringLength;
  }

  /** Normalises a unique property value used as an id (e.g. lowercases email); error if invalid. */
  normalizeIdValue(
    objectType: string,
    property: string,
    raw: unknown,
  ): { ok: true; value: string } | { ok: false; error: HubSpotPropertyError } {
    const def = this.properties.get(objectType, property);
    const text = toText(raw);
    if (!def || property === 'hs_object_id') return { ok: true, value: text };
    const check = validateHubSpotValue(def, text, this.maxStringLength);
    if (!check.ok) return check;
    return { ok: true, value: check.value ?? text };
  }

  write(
    objectType: string,
    target: HubSpotWriteTarget,
    input: unknown,
    now: number,
    source: HubSpotChangeSource = 'INTEGRATION',
  ): HubSpotWriteOutcome {
    const table = this.store.table(objectType);
    const values = new Map<string, string | null>();
    const errors: HubSpotPropertyError[] = [];
    const props =
      typeof input === 'object' && input !== null ? (input as Record<string, unknown>) : {};
    for (const [name, raw] of Object.entries(props)) {
      const def = this.properties.get(objectType, name);
      if (!def) {
        errors.push(
          propertyError(name, 'PROPERTY_DOESNT_EXIST', `Property "${name}" does not exist`),
        );
        continue;
      }
      if (def.modificationMetadata.readOnlyValue) {
        errors.push(
          propertyError(
            name,
            'READ_ONLY_VALUE',
            `"${name}" is a read only property; its value cannot be set.`,
          ),
        );
        continue;
      }
      const check = validateHubSpotValue(def, raw, this.maxStringLength);
      if (check.ok) values.set(name, check.value);
      else errors.push(check.error);
    }
    if (target.identity) values.set(target.identity.property, target.identity.value);
    if (errors.length > 0) {
      return { ok: false, status: 400, error: validationError(errors, target.context) };
    }

    const selfId = target.existing?.id;
    for (const [name, value] of values) {
      if (value === null || !this.properties.isUnique(objectType, name)) continue;
      const owner = table.ownerOf(name, value);
      if (owner !== undefined && owner !== selfId) {
        const label = hubSpotObjectLabel(objectType);
        const message = `${label.charAt(0)}${label.slice(1).toLowerCase()} already exists. Existing ID: ${owner}`;
        return {
          ok: false,
          status: 409,
          error: {
            status: 'error',
            category: 'CONFLICT',
            message,
            context: { ...target.context, existingId: [owner] },
            errors: [],
            links: {},
          },
        };
      }
    }

    // Injected record errors fail API writes; a user's edit in the CRM never meets them.
    const injected =
      source === 'INTEGRATION'
        ? this.faults.recordError(objectType, (field) => {
            const key = field.toLowerCase();
            if (values.has(key)) return values.get(key);
            return target.existing?.properties[key];
          })
        : undefined;
    if (injected) {
      const code = injected.code ?? 'INVALID_VALUE';
      const message =
        injected.message ?? `Simulated rejection of ${injected.field}=${injected.value}`;
      const detail = propertyError(injected.field, code, message);
      const error = validationError([detail], target.context);
      error.category = injected.category ?? 'VALIDATION_ERROR';
      if (injected.message) error.message = injected.message;
      return { ok: false, status: 400, error };
    }

    const created = target.existing === undefined;
    const record: HubSpotRecord = target.existing ?? {
      id: this.store.newId(),
      objectType,
      properties: {},
      createdAt: now,
      updatedAt: now,
      archived: false,
    };
    const changed = new Map<string, string | null>();
    for (const [name, value] of values) {
      if ((value ?? undefined) !== record.properties[name]) changed.set(name, value);
      if (this.properties.isUnique(objectType, name)) table.reindex(record, name, value);
      if (value === null) delete record.properties[name];
      else record.properties[name] = value;
    }
    record.updatedAt = now;
    const stamp = new Date(now).toISOString();
    record.properties.hs_object_id = record.id;
    record.properties.createdate = new Date(record.createdAt).toISOString();
    record.properties.lastmodifieddate = stamp;
    record.properties.hs_lastmodifieddate = stamp;
    if (created) table.byId.set(record.id, record);
    this.webhooks.publish({
      objectType,
      objectId: record.id,
      created,
      deleted: false,
      properties: changed,
      occurredAt: now,
      source,
    });
    return { ok: true, record, created };
  }

  /** Archives a live record: it leaves reads, searches and the unique indexes. */
  archive(
    objectType: string,
    record: HubSpotRecord,
    now: number,
    source: HubSpotChangeSource = 'INTEGRATION',
  ): void {
    if (record.archived) return;
    this.store.table(objectType).unindexAll(record);
    record.archived = true;
    record.archivedAt = now;
    this.webhooks.publish({
      objectType,
      objectId: record.id,
      created: false,
      deleted: true,
      properties: new Map(),
      occurredAt: now,
      source,
    });
  }
}

function propertyError(name: string, error: string, message: string): HubSpotPropertyError {
  return { isValid: false, message, error, name, localizedErrorMessage: message };
}

function validationError(
  errors: HubSpotPropertyError[],
  context: Record<string, string[]>,
): HubSpotBatchError {
  return {
    status: 'error',
    category: 'VALIDATION_ERROR',
    message: propertyErrorsMessage(errors),
    context: { ...context, propertyName: errors.map((e) => e.name) },
    errors: errors.map((e) => ({
      message: e.message,
      code: e.error,
      in: e.name,
      context: { propertyName: [e.name] },
    })),
    links: {},
  };
}
