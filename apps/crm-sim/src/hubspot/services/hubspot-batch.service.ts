import { Injectable } from '@nestjs/common';
import { HubSpotApiException } from '../exceptions/hubspot-api.exception';
import type { HubSpotBatchError } from '../types/hubspot-batch-error.type';
import type { HubSpotBatchOutcome } from '../types/hubspot-batch-outcome.type';
import type { HubSpotBatchResponse } from '../types/hubspot-batch-response.type';
import type { HubSpotPublicObject } from '../types/hubspot-public-object.type';
import type { HubSpotRecord } from '../types/hubspot-record.type';
import { hubSpotObjectLabel } from '../utils/hubspot-object-label.util';
import { readBatchInputs } from '../utils/read-batch-inputs.util';
import { readInputId } from '../utils/read-input-id.util';
import { resolveReadProperties } from '../utils/resolve-read-properties.util';
import { toHubSpotPublicObject } from '../utils/to-hubspot-public-object.util';
import { HubSpotObjectStore } from './hubspot-object.store';
import { HubSpotPropertyRegistry } from './hubspot-property.registry';
import { HubSpotRecordWriter } from './hubspot-record.writer';

/** The CRM v3 batch endpoints: upsert, create, update, read, archive. */
@Injectable()
export class HubSpotBatchService {
  constructor(
    private readonly store: HubSpotObjectStore,
    private readonly properties: HubSpotPropertyRegistry,
    private readonly writer: HubSpotRecordWriter,
  ) {}

  /** `POST /crm/v3/objects/{type}/batch/upsert`: create or update by a unique idProperty. */
  upsert(objectType: string, body: unknown): HubSpotBatchOutcome {
    const startedAt = new Date();
    const inputs = readBatchInputs(body);
    const table = this.store.table(objectType);
    const seen = new Set<string>();
    const duplicates: string[] = [];
    const planned = inputs.map((input, i) => {
      const id = readInputId(input, i);
      const idProperty =
        typeof input.idProperty === 'string' && input.idProperty !== ''
          ? input.idProperty
          : 'hs_object_id';
      if (idProperty !== 'hs_object_id' && !this.properties.isUnique(objectType, idProperty)) {
        throw new HubSpotApiException(
          400,
          'VALIDATION_ERROR',
          `Unable to perform update/upsert by non-unique ${objectType} property: ${idProperty}`,
          { context: { idProperty: [idProperty] } },
        );
      }
      const key = `${idProperty}\u0000${id.toLowerCase()}`;
      if (seen.has(key)) duplicates.push(id);
      seen.add(key);
      return { input, id, idProperty };
    });
    if (duplicates.length > 0) {
      throw new HubSpotApiException(
        400,
        'VALIDATION_ERROR',
        `Duplicate IDs found in batch input: [${duplicates.join(', ')}]. IDs must be unique`,
        {
          context: { ids: duplicates },
        },
      );
    }

    const now = Date.now();
    const results: HubSpotPublicObject[] = [];
    const errors: HubSpotBatchError[] = [];
    for (const { input, id, idProperty } of planned) {
      const context = traceContext(input, id);
      if (idProperty === 'hs_object_id') {
        const existing = live(table.byId.get(id));
        if (!existing) {
          errors.push(notFound(objectType, [id], context));
          continue;
        }
        this.collect(
          this.writer.write(objectType, { existing, context }, input.properties, now),
          input,
          results,
          errors,
        );
        continue;
      }
      const normalized = this.writer.normalizeIdValue(objectType, idProperty, id);
      if (!normalized.ok) {
        errors.push({
          status: 'error',
          category: 'VALIDATION_ERROR',
          message: `Property values were not valid: ${JSON.stringify([normalized.error])}`,
          context: { ...context, propertyName: [idProperty] },
          errors: [
            {
              message: normalized.error.message,
              code: normalized.error.error,
              in: idProperty,
              context: { propertyName: [idProperty] },
            },
          ],
          links: {},
        });
        continue;
      }
      const existing = table.findByUnique(idProperty, normalized.value);
      const target = {
        existing,
        identity: { property: idProperty, value: normalized.value },
        context,
      };
      this.collect(
        this.writer.write(objectType, target, input.properties, now),
        input,
        results,
        errors,
      );
    }
    return this.outcome(startedAt, results, errors, 200);
  }

  /** `POST .../batch/create`. */
  create(objectType: string, body: unknown): HubSpotBatchOutcome {
    const startedAt = new Date();
    const inputs = readBatchInputs(body);
    const now = Date.now();
    const results: HubSpotPublicObject[] = [];
    const errors: HubSpotBatchError[] = [];
    inputs.forEach((input) => {
      const context = traceContext(input, undefined);
      const outcome = this.writer.write(
        objectType,
        { existing: undefined, context },
        input.properties,
        now,
      );
      this.collect(outcome, input, results, errors, false);
    });
    return this.outcome(startedAt, results, errors, 201);
  }

  /** `POST .../batch/update`: by record id, or by a unique `idProperty`. */
  update(objectType: string, body: unknown): HubSpotBatchOutcome {
    const startedAt = new Date();
    const inputs = readBatchInputs(body);
    const now = Date.now();
    const results: HubSpotPublicObject[] = [];
    const errors: HubSpotBatchError[] = [];
    inputs.forEach((input, i) => {
      const id = readInputId(input, i);
      const context = traceContext(input, id);
      const existing = this.find(objectType, id, input.idProperty);
      if (!existing) {
        errors.push(notFound(objectType, [id], context));
        return;
      }
      this.collect(
        this.writer.write(objectType, { existing, context }, input.properties, now),
        input,
        results,
        errors,
        false,
      );
    });
    return this.outcome(startedAt, results, errors, 200);
  }

  /** `POST .../batch/read`; missing ids make it a 207 with one OBJECT_NOT_FOUND error. */
  read(objectType: string, body: unknown, archived: boolean): HubSpotBatchOutcome {
    const startedAt = new Date();
    const inputs = readBatchInputs(body);
    const request = body as { properties?: unknown; idProperty?: unknown };
    const select = resolveReadProperties(objectType, request.properties);
    const results: HubSpotPublicObject[] = [];
    const missing: string[] = [];
    inputs.forEach((input, i) => {
      const id = readInputId(input, i);
      const record = this.find(objectType, id, request.idProperty, archived);
      if (record) results.push(toHubSpotPublicObject(record, select));
      else missing.push(id);
    });
    const errors = missing.length > 0 ? [notFound(objectType, missing, {})] : [];
    const outcome = this.outcome(startedAt, results, errors, 200);
    outcome.itemErrors = missing.length;
    return outcome;
  }

  /** `POST .../batch/archive`: 204 whether or not the ids exist, as HubSpot answers. */
  archive(objectType: string, body: unknown): number {
    const inputs = readBatchInputs(body);
    const table = this.store.table(objectType);
    const now = Date.now();
    inputs.forEach((input, i) => {
      const record = live(table.byId.get(readInputId(input, i)));
      if (record) this.writer.archive(objectType, record, now);
    });
    return inputs.length;
  }

  /** A record by id or by a unique idProperty value (archived ones only when asked). */
  find(
    objectType: string,
    id: string,
    idProperty: unknown,
    archived = false,
  ): HubSpotRecord | undefined {
    const table = this.store.table(objectType);
    if (typeof idProperty === 'string' && idProperty !== '' && idProperty !== 'hs_object_id') {
      if (!this.properties.isUnique(objectType, idProperty)) {
        throw new HubSpotApiException(
          400,
          'VALIDATION_ERROR',
          `Unable to perform lookup by non-unique ${objectType} property: ${idProperty}`,
        );
      }
      const normalized = this.writer.normalizeIdValue(objectType, idProperty, id);
      return normalized.ok ? table.findByUnique(idProperty, normalized.value) : undefined;
    }
    const record = table.byId.get(id);
    if (!record) return undefined;
    return record.archived === archived ? record : undefined;
  }

  private collect(
    outcome: ReturnType<HubSpotRecordWriter['write']>,
    input: Record<string, unknown>,
    results: HubSpotPublicObject[],
    errors: HubSpotBatchError[],
    withNewFlag = true,
  ): void {
    if (!outcome.ok) {
      errors.push(outcome.error);
      return;
    }
    const view = toHubSpotPublicObject(outcome.record, 'all');
    if (withNewFlag) view.new = outcome.created;
    if (typeof input.objectWriteTraceId === 'string') {
      (view as HubSpotPublicObject & { objectWriteTraceId?: string }).objectWriteTraceId =
        input.objectWriteTraceId;
    }
    results.push(view);
  }

  private outcome(
    startedAt: Date,
    results: HubSpotPublicObject[],
    errors: HubSpotBatchError[],
    okStatus: number,
  ): HubSpotBatchOutcome {
    const body: HubSpotBatchResponse = {
      status: 'COMPLETE',
      results,
      startedAt: startedAt.toISOString(),
      completedAt: new Date().toISOString(),
    };
    if (errors.length > 0) {
      body.numErrors = errors.length;
      body.errors = errors;
    }
    return { status: errors.length > 0 ? 207 : okStatus, body, itemErrors: errors.length };
  }
}

function live(record: HubSpotRecord | undefined): HubSpotRecord | undefined {
  return record && !record.archived ? record : undefined;
}

function traceContext(
  input: Record<string, unknown>,
  id: string | undefined,
): Record<string, string[]> {
  const context: Record<string, string[]> = {};
  if (id !== undefined) context.ids = [id];
  if (typeof input.objectWriteTraceId === 'string')
    context.objectWriteTraceId = [input.objectWriteTraceId];
  return context;
}

function notFound(
  objectType: string,
  ids: string[],
  context: Record<string, string[]>,
): HubSpotBatchError {
  return {
    status: 'error',
    category: 'OBJECT_NOT_FOUND',
    message: `Could not get some ${hubSpotObjectLabel(objectType)} objects, they may be deleted or not exist. Check that ids are valid.`,
    context: { ...context, ids },
    errors: [],
    links: {},
  };
}
