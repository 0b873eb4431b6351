import { EntityDefinition, EntityRegistry, UnknownEntityException } from '@syncline/records';
import {
  DEBEZIUM_UNAVAILABLE_VALUE,
  DEFAULT_MAX_EVENT_BYTES,
} from '../constants/debezium.constant';
import { DecodeFailure } from '../exceptions/decode-failure.exception';
import { DebeziumEnvelope } from '../types/debezium-envelope.type';
import { DecodedEvent } from '../types/decoded-event.type';
import { RawMessage } from '../types/raw-message.type';
import { RowChange } from '../types/row-change.type';
import { SourcePosition } from '../types/source-position.type';

const OPS = new Set(['c', 'u', 'd', 'r', 't']);

/**
 * Decodes Debezium Postgres events (JSON converter, no schemas) into row changes. It never throws
 * for bad input: what cannot be decoded comes back as `poison` with a reason for the DLQ.
 */
export class DebeziumDecoder {
  constructor(
    private readonly entities: EntityRegistry,
    private readonly maxEventBytes: number = DEFAULT_MAX_EVENT_BYTES,
  ) {}

  decode(message: RawMessage): DecodedEvent {
    const source: SourcePosition = {
      topic: message.topic,
      partition: message.partition,
      offset: message.offset,
    };
    try {
      return this.decodeOrThrow(message, source);
    } catch (error) {
      if (error instanceof DecodeFailure) return { type: 'poison', error, source };
      if (error instanceof UnknownEntityException) {
        return { type: 'poison', error: new DecodeFailure('UNKNOWN_TABLE', error.message), source };
      }
      // Whatever else one event makes the decoder do, it must not stop its partition.
      return {
        type: 'poison',
        error: new DecodeFailure('UNDECODABLE_EVENT', `cannot decode: ${String(error)}`),
        source,
      };
    }
  }

  private decodeOrThrow(message: RawMessage, source: SourcePosition): DecodedEvent {
    if (message.value === null) return { type: 'tombstone', source };
    if (message.value.length > this.maxEventBytes) {
      throw new DecodeFailure(
        'OVERSIZED_PAYLOAD',
        `event is ${message.value.length} bytes, the limit is ${this.maxEventBytes}`,
      );
    }
    const envelope = parseEnvelope(message.value);
    const entity = this.entities.byTableName(envelope.source.table ?? tableOfTopic(message.topic));
    if (envelope.op === 't') {
      return {
        type: 'truncate',
        entity,
        lsn: typeof envelope.source.lsn === 'number' ? envelope.source.lsn : 0,
        source,
      };
    }
    return {
      type: 'change',
      change: this.toRowChange(
        entity,
        envelope as DebeziumEnvelope & { op: RowChange['op'] },
        source,
      ),
    };
  }

  private toRowChange(
    entity: EntityDefinition,
    envelope: DebeziumEnvelope & { op: RowChange['op'] },
    source: SourcePosition,
  ): RowChange {
    const isDelete = envelope.op === 'd';
    const image = isDelete ? envelope.before : envelope.after;
    if (!isObject(image)) {
      throw new DecodeFailure(
        'UNDECODABLE_EVENT',
        `op '${envelope.op}' without its ${isDelete ? 'before' : 'after'} image`,
      );
    }
    const columns = Object.keys(entity.columns);
    const unavailableColumns = columns.filter((name) => image[name] === DEBEZIUM_UNAVAILABLE_VALUE);
    const row = this.entities.canonicalize(entity, image);
    for (const name of unavailableColumns) delete row[name];
    // The before image stays raw: only a TOAST fill needs a value of it, canonicalized then.
    const before = isObject(envelope.before) ? envelope.before : null;

    const tenant = row.tenant_id;
    const id = row.id;
    if (typeof tenant !== 'string' || typeof id !== 'string') {
      throw new DecodeFailure('UNDECODABLE_EVENT', 'row lacks its key (tenant_id, id)');
    }
    const lsn = typeof envelope.source.lsn === 'number' ? envelope.source.lsn : 0;
    // Tables without a version column fall back to the commit LSN, which also only grows.
    const version = typeof row.version === 'number' ? row.version : lsn;
    if (!Number.isSafeInteger(version) || version <= 0) {
      throw new DecodeFailure(
        'UNDECODABLE_EVENT',
        `no usable version (version=${String(row.version)}, lsn=${lsn})`,
      );
    }
    const change: RowChange = {
      kind: isDelete ? 'delete' : 'upsert',
      op: envelope.op,
      entity,
      tenant,
      id,
      version,
      row,
      before,
      unavailableColumns,
      lsn,
      source,
    };
    if (envelope.op === 'u' && before) {
      // Raw values are JSON primitives (jsonb arrives as a string), so !== compares them exactly;
      // a column Debezium could not read was unchanged by definition.
      change.changedColumns = columns.filter(
        (name) => image[name] !== before[name] && image[name] !== DEBEZIUM_UNAVAILABLE_VALUE,
      );
    }
    return change;
  }
}

function parseEnvelope(value: Buffer): DebeziumEnvelope {
  let parsed: unknown;
  try {
    parsed = JSON.parse(value.toString('utf8'));
  } catch (error) {
    throw new DecodeFailure('UNDECODABLE_EVENT', `value is not JSON: ${(error as Error).message}`);
  }
  if (
    !isObject(parsed) ||
    typeof parsed.op !== 'string' ||
    !OPS.has(parsed.op) ||
    !isObject(parsed.source)
  ) {
    throw new DecodeFailure(
      'UNDECODABLE_EVENT',
      'value is not a Debezium change event (op/source missing or unknown)',
    );
  }
  return parsed as unknown as DebeziumEnvelope;
}

/** `<prefix>.<schema>.<table>` -> table. */
function tableOfTopic(topic: string): string {
  return topic.slice(topic.lastIndexOf('.') + 1);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
