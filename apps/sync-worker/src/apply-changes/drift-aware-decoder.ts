import { DebeziumDecoder, DecodedEvent, DecodeFailure, RawMessage, RowChange } from '@syncline/cdc';
import { CollectionRegistry, SchemaViolationException } from '@syncline/records';
import { CollectionRefresher } from '../services/collection-refresher';
import { MissingValueFiller } from './fill-missing-values';

export interface Rejected {
  change: RowChange;
  error: DecodeFailure | SchemaViolationException;
}

/**
 * Decoding and validation that follow the catalog: when an event shows the collections have moved
 * on (a table, or a column, the worker does not know; a column it knows missing; a value its
 * validators refuse, such as a new enum label or a widened type), the registry re-reads the catalog
 * and the event is decoded and validated again. Only what still fails after that is rejected: rows
 * are never dead-lettered because the schema moved on, while a value that cannot be represented
 * (a bigint beyond 2^53, an unsupported type) is, with a reason naming its column.
 */
export class DriftAwareDecoder {
  constructor(
    private readonly decoder: DebeziumDecoder,
    private readonly registry: CollectionRegistry,
    private readonly refresher: CollectionRefresher,
    private readonly filler: MissingValueFiller,
  ) {}

  /** A mark to pass to the other methods, taken when a batch starts. */
  mark(): number {
    return this.refresher.mark();
  }

  async decodeBatch(messages: readonly RawMessage[], mark: number): Promise<DecodedEvent[]> {
    const events = messages.map((message) => this.decoder.decode(message));
    const signs = events.flatMap((event) => ('drift' in event ? event.drift : []));
    if (signs.length === 0 || !(await this.refresher.refresh([...new Set(signs)], mark)))
      return events;
    return events.map((event, index) =>
      'drift' in event && event.drift.length > 0 ? this.decoder.decode(messages[index]) : event,
    );
  }

  /**
   * Splits filled changes into valid ones (in order; a change decoded again replaces its first
   * form) and rejected ones. `messageOf` gives the raw message a change was decoded from.
   */
  async validate(
    changes: readonly RowChange[],
    messageOf: (change: RowChange) => RawMessage,
    mark: number,
  ): Promise<{ valid: RowChange[]; rejected: Rejected[] }> {
    const failures = new Map<RowChange, Rejected['error']>();
    for (const change of changes) {
      const error = this.violation(change);
      if (error) failures.set(change, error);
    }
    if (failures.size === 0) return { valid: [...changes], rejected: [] };

    const replaced = new Map<RowChange, RowChange | undefined>();
    const signs = [...failures].map(([change, error]) => signOf(change, error));
    if (await this.refresher.refresh(signs, mark)) {
      for (const change of [...failures.keys()]) {
        const event = this.decoder.decode(messageOf(change));
        if (event.type !== 'change') {
          if (event.type === 'poison') failures.set(change, event.error);
          continue;
        }
        const [filled] = await this.filler.fill([event.change]);
        const error = filled && this.violation(filled);
        if (error) {
          failures.set(change, error);
          continue;
        }
        // Valid now, or its row is gone (undefined: its delete follows).
        failures.delete(change);
        replaced.set(change, filled);
      }
    }
    const valid: RowChange[] = [];
    for (const change of changes) {
      if (failures.has(change)) continue;
      const now = replaced.has(change) ? replaced.get(change) : change;
      if (now) valid.push(now);
    }
    return {
      valid,
      rejected: [...failures].map(([change, error]) => ({ change, error })),
    };
  }

  private violation(change: RowChange): SchemaViolationException | undefined {
    if (change.kind !== 'upsert') return undefined;
    try {
      this.registry.validate(change.collection, change.row);
      return undefined;
    } catch (error) {
      if (error instanceof SchemaViolationException) return explained(change, error);
      throw error;
    }
  }
}

/** Names the Postgres type of a column Syncline cannot represent, and what to do about it. */
function explained(change: RowChange, error: SchemaViolationException): SchemaViolationException {
  const issues = error.issues.map((issue) => {
    const column = change.collection.columns[issue.path.split('/')[1] ?? ''];
    if (column?.kind !== 'unsupported') return issue;
    const type = column.pgType ?? 'unknown';
    return {
      ...issue,
      message: `has Postgres type ${type}, which Syncline cannot represent: exclude the column in the collections config`,
    };
  });
  return issues.some((issue, i) => issue !== error.issues[i])
    ? new SchemaViolationException(error.entity, issues)
    : error;
}

/** A sign per refused value: a new enum label is a new sign, the same bad value is not. */
function signOf(change: RowChange, error: Rejected['error']): string {
  if (!(error instanceof SchemaViolationException))
    return `${change.collection.name}: ${error.message}`;
  const values = error.issues.map(({ path }) => {
    const column = path.split('/')[1] ?? '';
    return `${path}=${String(JSON.stringify(change.row[column])).slice(0, 100)}`;
  });
  return `${change.collection.name}: refused ${values.join(', ')}`;
}
