import { CachedRecord } from '@syncline/cache';
import { CrmConnector } from '@syncline/connectors';
import {
  ControlPlaneSnapshot,
  DeliveryLogEntry,
  Destination,
  RemoteRecordState,
} from '@syncline/control-plane';
import { RecordChangedNotice, recordChangedKey } from '@syncline/events';
import {
  EntityMapping,
  MappedValue,
  MappingFailedException,
  updatableFields,
  decideSync,
  mapRecord,
  payloadHash,
  sameMappedValue,
  validateAgainstDestination,
} from '@syncline/mapping';
import { CollectionDefinition } from '@syncline/records';
import { DeliveryWorkerMetrics } from '../services/delivery-worker.metrics';
import { DeliveryDeadLetter } from '../types/delivery-dead-letter.type';
import { PlannedRecord } from '../types/planned-record.type';
import { ConnectorPool } from './connector-pool.service';
import { deliveryLogEntry } from './delivery-log-entry.util';
import { destinationHoldsRecord } from './destination-holds-record.util';
import { archiveIdentity } from './archive-identity.util';

/** What the batch read about its records before planning. */
export interface PlanningInput {
  /** Current states (cache, else Postgres); absent = deleted. */
  states: Map<string, CachedRecord>;
  /** The delivery log's last row per record. */
  history: Map<string, DeliveryLogEntry>;
  /** What the destination is known to hold, for records of two-way mappings. */
  remote: Map<string, RemoteRecordState>;
  /** The collections the notices name, by name; one missing is unknown to the source. */
  collections: Map<string, CollectionDefinition>;
  /** Records whose id cannot name a row of their collection, with the reason. */
  unreadable: Map<string, string>;
}

/** What a batch will send, what it dead-letters at once, and the log rows of those. */
export interface DeliveryPlan {
  plans: PlannedRecord[];
  deadLetters: DeliveryDeadLetter[];
  logEntries: DeliveryLogEntry[];
}

/**
 * Decides per record what to send: the mapping's rules on the record's current state, against
 * what the destination holds (from the delivery log); maps and validates upserts; leaves out a
 * payload identical to the one last accepted.
 */
export class DeliveryPlanner {
  constructor(
    private readonly snapshot: ControlPlaneSnapshot,
    private readonly connectors: ConnectorPool,
    private readonly metrics: DeliveryWorkerMetrics,
  ) {}

  /** `undefined` when a task's mapping cannot be confirmed (the control plane is unreadable). */
  async plan(
    destination: Destination,
    connector: CrmConnector,
    latest: Map<string, RecordChangedNotice>,
    { states, history, remote, collections, unreadable }: PlanningInput,
  ): Promise<DeliveryPlan | undefined> {
    const mappings = await this.mappings(destination, [...latest.values()]);
    if (!mappings) return undefined;
    const labels = { destination: destination.id, kind: destination.kind };
    const plan: DeliveryPlan = { plans: [], deadLetters: [], logEntries: [] };
    for (const [key, notice] of latest) {
      const mapping = mappings.get(key);
      if (!mapping) continue; // the control plane confirmed it is gone: nothing to deliver
      const state = states.get(key);
      const last = history.get(key);
      const version = state?.version ?? notice.version;
      try {
        const collection = collections.get(notice.entity);
        if (!collection) throw unknownCollection(notice.entity);
        const problem = unreadable.get(key);
        if (problem)
          throw new MappingFailedException('record cannot be read', [
            { path: '/id', message: problem },
          ]);
        const planned = await this.planRecord(
          destination,
          connector,
          mapping,
          collection,
          notice,
          state,
          last,
          remote.get(key),
        );
        if (planned) plan.plans.push(planned);
        else this.metrics.records.inc({ ...labels, outcome: 'skipped' });
      } catch (error) {
        if (!(error instanceof MappingFailedException)) throw error;
        plan.deadLetters.push({ key, notice, mappingVersion: mapping.version, error });
        plan.logEntries.push(
          deliveryLogEntry(
            destination,
            notice,
            version,
            'upsert',
            'dead_lettered',
            1,
            'permanent',
            error.message,
          ),
        );
      }
    }
    return plan;
  }

  /**
   * Each task's mapping. One this replica's snapshot lacks may have been added since its last
   * reload (the router saw it): reload once; still absent then means deleted, so the task is
   * skipped. Never commit past a task this replica cannot interpret yet.
   */
  private async mappings(
    destination: Destination,
    notices: RecordChangedNotice[],
  ): Promise<Map<string, EntityMapping> | undefined> {
    const find = () =>
      new Map(
        notices.flatMap((notice) => {
          const mapping = this.snapshot.mapping(destination.id, notice.tenant, notice.entity);
          return mapping ? [[recordChangedKey(notice), mapping] as const] : [];
        }),
      );
    const found = find();
    if (found.size === notices.length) return found;
    try {
      await this.snapshot.refresh();
    } catch {
      return undefined;
    }
    return find();
  }

  private async planRecord(
    destination: Destination,
    connector: CrmConnector,
    mapping: EntityMapping,
    collection: CollectionDefinition,
    notice: RecordChangedNotice,
    state: CachedRecord | undefined,
    last: DeliveryLogEntry | undefined,
    remote: RemoteRecordState | undefined,
  ): Promise<PlannedRecord | undefined> {
    const key = recordChangedKey(notice);
    // Deleted at the destination (two-way): neither re-created there nor archived again.
    if (remote?.remoteDeletedAt) return undefined;
    const previouslyDelivered = destinationHoldsRecord(last);
    const version = state?.version ?? notice.version;
    const decision =
      state && !state.deleted
        ? decideSync({
            rules: mapping.rules,
            operation: 'upsert',
            record: state.data,
            changedFields: notice.changed,
            previouslyDelivered,
          })
        : decideSync({ rules: mapping.rules, operation: 'delete', previouslyDelivered });
    if (decision.action === 'skip') return undefined;

    if (decision.action === 'upsert' && state && !state.deleted) {
      // A record the destination holds gets an update: without the fields that are the CRM's.
      const sent = remote?.externalId ? { ...mapping, fields: updatableFields(mapping) } : mapping;
      const mapped = mapRecord(sent, state.data, notice.id);
      validateAgainstDestination(
        mapped,
        await this.connectors.properties(destination, connector, mapping.object),
      );
      const hash = payloadHash(mapped, {
        object: mapping.object,
        identityProperty: mapping.identity.target,
      });
      // Unchanged: the payload last accepted, or (two-way) values the destination already holds,
      // e.g. the echo of a change that came from it.
      if (
        (last?.payloadHash === hash &&
          last.operation === 'upsert' &&
          last.status === 'delivered') ||
        (remote !== undefined && holdsAll(remote.known, mapped.properties))
      ) {
        this.metrics.records.inc({
          destination: destination.id,
          kind: destination.kind,
          outcome: 'unchanged',
        });
        return undefined;
      }
      return {
        key,
        notice,
        mapping,
        action: 'upsert',
        identity: mapped.identity,
        mapped,
        hash,
        version,
        attempts: 0,
        externalId: remote?.externalId ?? last?.externalId ?? undefined,
      };
    }
    // Archive. A tombstone has no data: the identity comes from the record id (`$id` or a key
    // column), or is the one last accepted. Unknown (never logged as accepted) means the CRM holds
    // it under an identity we cannot know; `reconcile crm` finds such records by their ownership
    // marker.
    const identity = archiveIdentity(mapping, collection, notice.id) ?? last?.identity ?? undefined;
    if (!identity) return undefined;
    return { key, notice, mapping, action: 'archive', identity, version, attempts: 0 };
  }
}

/** Whether every property's value is the one the destination is known to hold. */
function holdsAll(known: Record<string, MappedValue>, properties: Record<string, MappedValue>) {
  return Object.entries(properties).every(
    ([name, value]) => Object.hasOwn(known, name) && sameMappedValue(known[name], value),
  );
}

function unknownCollection(name: string): MappingFailedException {
  return new MappingFailedException('mapping names an unknown collection', [
    {
      path: '/entity',
      message: `'${name}' is not a collection of the source (not in the publication, or excluded by the collections config)`,
    },
  ]);
}
