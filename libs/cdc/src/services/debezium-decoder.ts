import { CollectionDefinition, CollectionRegistry, columnEntries } from '@syncline/records';
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
import { isObject, parseEnvelope, sourceTableOf } from '../utils/parse-envelope.util';

type RowOp = RowChange['op'];

/**
 * Decodes Debezium Postgres events (JSON converter, no schemas) of any collection into row
 * changes, with the collections of the registry as they are now. It never throws for bad input:
 * what cannot be decoded comes back as `poison` with a reason for the DLQ, and signs that the
 * registry is behind the catalog come back as `drift` (see DecodedEvent).
 */
export class DebeziumDecoder {
  constructor(
    private readonly registry: CollectionRegistry,
    private readonly maxEventBytes: number = DEFAULT_MAX_EVENT_BYTES,
  ) {}

  decode(message: RawMessage): DecodedEvent {
    const source: SourcePosition = {
      topic: message.topic,
      partition: message.partition,
      offset: message.offset,
    };
    const drift: string[] = [];
    try {
      return this.decodeOrThrow(message, source, drift);
    } catch (error) {
      if (error instanceof DecodeFailure) return { type: 'poison', error, source, drift };
      // Whatever else one event makes the decoder do, it must not stop its partition.
      return {
        type: 'poison',
        error: new DecodeFailure('UNDECODABLE_EVENT', `cannot decode: ${String(error)}`),
        source,
        drift,
      };
    }
  }

  private decodeOrThrow(
    message: RawMessage,
    source: SourcePosition,
    drift: string[],
  ): DecodedEvent {
    if (message.value === null) return { type: 'tombstone', source };
    if (message.value.length > this.maxEventBytes) {
      throw new DecodeFailure(
        'OVERSIZED_PAYLOAD',
        `event is ${message.value.length} bytes, the limit is ${this.maxEventBytes}`,
      );
    }
    const envelope = parseEnvelope(message.value);
    const { schema, table } = sourceTableOf(envelope, message.topic);
    const collection = this.registry.findByTable(schema, table);
    if (!collection) {
      drift.push(`table ${schema}.${table} is not a collection`);
      throw new DecodeFailure(
        'UNKNOWN_TABLE',
        `table ${schema}.${table} is not a collection (not in the publication's collections, or skipped)`,
      );
    }
    const lsn = typeof envelope.source.lsn === 'number' ? envelope.source.lsn : 0;
    if (envelope.op === 't') return { type: 'truncate', collection, lsn, source };
    const change = this.toRowChange(
      message,
      collection,
      envelope as DebeziumEnvelope & { op: RowOp },
      lsn,
      source,
      drift,
    );
    return { type: 'change', change, drift };
  }

  private toRowChange(
    message: RawMessage,
    collection: CollectionDefinition,
    envelope: DebeziumEnvelope & { op: RowOp },
    lsn: number,
    source: SourcePosition,
    drift: string[],
  ): RowChange {
    const isDelete = envelope.op === 'd';
    const image = isDelete ? envelope.before : envelope.after;
    if (!isObject(image)) {
      throw new DecodeFailure(
        'UNDECODABLE_EVENT',
        `op '${envelope.op}' without its ${isDelete ? 'before' : 'after'} image`,
      );
    }
    const entries = columnEntries(collection);
    const unavailableColumns: string[] = [];
    const missing: string[] = [];
    const lossy: string[] = [];
    let present = 0;
    for (const [name, column] of entries) {
      const value = image[name];
      if (value === undefined && !(name in image)) {
        // A delete needs only its key, tenant and version: a partial before image is no drift.
        if (!isDelete) missing.push(name);
        continue;
      }
      present += 1;
      if (value === DEBEZIUM_UNAVAILABLE_VALUE) unavailableColumns.push(name);
      else if (!isDelete && column.kind === 'array' && Array.isArray(value) && value.includes(null))
        lossy.push(name);
    }
    const absentColumns = missing.length + lossy.length === 0 ? missing : [...missing, ...lossy];
    if (!isDelete) {
      if (present !== Object.keys(image).length)
        for (const name of Object.keys(image))
          if (!(name in collection.columns))
            drift.push(`${collection.name}: unknown column ${name}`);
      for (const name of absentColumns)
        drift.push(`${collection.name}: column ${name} not in the event`);
    }
    const row = this.registry.canonicalize(collection, image);
    for (const name of unavailableColumns) delete row[name];
    for (const name of absentColumns) delete row[name];

    const tenant = this.tenantOf(collection, row, image);
    const id = this.idOf(collection, image, row);
    const version = this.versionOf(collection, row, image, lsn, envelope.op);
    const change: RowChange = {
      kind: isDelete ? 'delete' : 'upsert',
      op: envelope.op,
      collection,
      tenant,
      id,
      version,
      row,
      // The before image stays raw: only a TOAST fill needs a value of it, canonicalized then.
      before: isObject(envelope.before) ? envelope.before : null,
      unavailableColumns,
      absentColumns,
      lsn,
      source,
    };
    if (envelope.op !== 'r' && typeof envelope.source.ts_ms === 'number') {
      change.committedAtMs = envelope.source.ts_ms;
    }
    if (typeof envelope.ts_ms === 'number') change.emittedAtMs = envelope.ts_ms;
    if (message.timestamp !== undefined) change.appendedAtMs = message.timestamp;
    if (envelope.op === 'u' && change.before) {
      const before = change.before;
      // Raw values are JSON values (jsonb arrives as a string): equal JSON, equal value. A column
      // Debezium could not read was unchanged by definition.
      change.changedColumns = [];
      for (const [name] of entries)
        if (
          name in image &&
          image[name] !== DEBEZIUM_UNAVAILABLE_VALUE &&
          !sameJson(image[name], before[name])
        )
          change.changedColumns.push(name);
    }
    return change;
  }

  private tenantOf(
    collection: CollectionDefinition,
    row: Record<string, unknown>,
    image: Record<string, unknown>,
  ): string {
    const tenant = this.registry.tenantOf(collection, row);
    if (tenant !== undefined && tenant !== '') return tenant;
    const column = collection.tenantColumn ?? '';
    throw new DecodeFailure(
      'SCHEMA_VIOLATION',
      column in image
        ? `${collection.name}: the row has no tenant (column ${column} is ${image[column] === null ? 'null' : 'empty'})`
        : `${collection.name}: the event lacks the tenant column ${column} (a delete needs REPLICA IDENTITY FULL)`,
    );
  }

  private idOf(
    collection: CollectionDefinition,
    image: Record<string, unknown>,
    row: Record<string, unknown>,
  ): string {
    for (const name of collection.keyColumns) {
      const value = image[name];
      if (value === null || value === undefined || value === DEBEZIUM_UNAVAILABLE_VALUE)
        throw new DecodeFailure(
          'SCHEMA_VIOLATION',
          `${collection.name}: the event lacks key column ${name}`,
        );
    }
    return this.registry.recordId(collection, row);
  }

  private versionOf(
    collection: CollectionDefinition,
    row: Record<string, unknown>,
    image: Record<string, unknown>,
    lsn: number,
    op: RowOp,
  ): number {
    const column = collection.versionColumn;
    if (column === undefined) {
      // WAL-position versions: a row's changes are logged in the order they happen.
      if (Number.isSafeInteger(lsn) && lsn > 0) return lsn;
      // A snapshot read (a backfill or resync) has no position of its own: version 0, which the
      // cache's guard lets fill an empty key only; any change of the row outranks it.
      if (op === 'r') return 0;
      throw new DecodeFailure('UNDECODABLE_EVENT', `no usable WAL position (source.lsn=${lsn})`);
    }
    const version = this.registry.versionOf(collection, row);
    if (version !== undefined && Number.isSafeInteger(version) && version >= 0) return version;
    throw new DecodeFailure(
      'SCHEMA_VIOLATION',
      column in image
        ? `${collection.name}: version column ${column} has no usable version (${JSON.stringify(image[column])})`
        : `${collection.name}: the event lacks version column ${column} (a delete needs REPLICA IDENTITY FULL)`,
    );
  }
}

/**
 * Array columns whose value Debezium may have mangled: it sends each row of a multi-dimensional
 * array as NULL, so an array with a NULL element is only trusted from Postgres.
 */
/** Equal JSON values; scalars (most columns) without serialising them. */
function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  return JSON.stringify(a) === JSON.stringify(b);
}
