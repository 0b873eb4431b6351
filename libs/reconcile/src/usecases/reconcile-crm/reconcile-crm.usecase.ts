import { Logger } from '@nestjs/common';
import {
  CachedRecordJson,
  CacheKeyBuilder,
  RecordCacheRepository,
  SharedRateLimiter,
} from '@syncline/cache';
import {
  createConnector,
  CrmConnector,
  DeliveryException,
  RemoteRecord,
} from '@syncline/connectors';
import {
  DeliveryLogEntry,
  DeliveryLogRepository,
  Destination,
  DestinationRepository,
  MappingRepository,
  RemoteRecordRepository,
} from '@syncline/control-plane';
import { encodeRecordChangedNotice, recordChangedKey, TOPICS } from '@syncline/events';
import { DurableKafkaProducer } from '@syncline/kafka';
import {
  decideSync,
  EntityMapping,
  MappedRecord,
  MappingFailedException,
  mapRecord,
  updatableFields,
} from '@syncline/mapping';
import { CanonicalRecord, CollectionDefinition, CollectionRegistry } from '@syncline/records';
import { RECONCILE_DEFAULTS } from '../../constants/reconcile-defaults.constant';
import { RateLimitWaitException } from '../../exceptions/rate-limit-wait.exception';
import { SourceFailedException } from '../../exceptions/source-failed.exception';
import { SystemicFailureException } from '../../exceptions/systemic-failure.exception';
import { BatchRunner } from '../../services/batch-runner';
import { ReachabilityProbe } from '../../services/reachability.probe';
import { ReconcileCommand } from '../../services/reconcile.command';
import { ReconcileTally } from '../../services/reconcile-tally';
import { SourceManifestReader } from '../../services/source-manifest.reader';
import { TwoWayDriftRepairer } from '../../services/two-way-drift-repairer';
import { TwoWayRepair } from '../../types/two-way-repair.type';
import { BatchFailure } from '../../types/batch-failure.type';
import { ProgressListener } from '../../types/progress-listener.type';
import { ReconcileCrmOptions } from '../../types/reconcile-crm-options.type';
import { ReconcileReport } from '../../types/reconcile-report.type';
import { runReconcile } from '../../utils/run-reconcile.util';
import { ReportRow } from '../../types/report-row.type';
import { errorMessage } from '../../utils/error-message.util';
import { differingProperties } from '../../utils/differing-properties.util';
import { sameContent } from '../../utils/same-content.util';
import { SourceRow } from '../../types/source-row.type';

interface CrmRun {
  command: ReconcileCommand;
  tally: ReconcileTally;
  progress: { done: number; total: number; listener?: ProgressListener };
}

/** One source row on its way to a comparison: its canonical state and its mapped payload. */
interface PlannedRow {
  record: CanonicalRecord;
  id: string;
  /** The version the cache holds it at: what the delivery-worker will send. */
  version: number;
  mapped: MappedRecord;
}

/** A CRM record the reconciler archives itself, with the source row it stands for (if any). */
interface Removal {
  identity: string;
  plan?: PlannedRow;
}

/**
 * `reconcile crm`: Postgres against each destination through the connectors' read side. For each
 * mapping (tenant, entity -> destination) the rows are paged from Postgres, the CRM records read
 * by identity in batches (adaptive size, under the destination's shared rate limit), and the
 * mapped payload compared with what the CRM holds, types normalised. The sync rules decide what
 * belongs there: a row the rules keep away is not missing; one that stopped matching but is still
 * there is stale. Missing and differing records are re-enqueued for state-based delivery (a
 * record-changed notice on the destination's delivery topic, after forgetting the last accepted
 * payload so it is not skipped as unchanged). Two-way mappings keep their conflict policy: a
 * differing record sends only the properties Postgres repairs (`splitTwoWayDrift`), and one whose
 * `both` fields the CRM changed since last known is handed to the inbound side instead of being
 * overwritten (`TwoWayDriftRepairer`, counted `inbound`).
 *
 * What must not be there is archived here, not left to a worker that may take the same skip
 * decision again, but only when Syncline owns it: a record is Syncline's when it carries the
 * destination's ownership marker (`originProperty`: durable even when the delivery log missed the
 * write), or the delivery log says it was delivered. A record whose row is gone (orphan) or that
 * the rules now exclude is archived when Syncline owns it, on any destination; on a mirror
 * destination every such record is archived, whoever wrote it. Identities compare
 * case-insensitively (HubSpot stores emails lowercased; Salesforce external IDs and HubSpot
 * unique values are case-insensitive). With `dryRun` nothing is enqueued or archived.
 */
export class ReconcileCrmUseCase {
  private readonly logger = new Logger(ReconcileCrmUseCase.name);
  private readonly now: () => number;
  private readonly keys = new CacheKeyBuilder();
  private readonly twoWay: TwoWayDriftRepairer;

  constructor(
    private readonly source: SourceManifestReader,
    private readonly collections: CollectionRegistry,
    private readonly cache: RecordCacheRepository,
    private readonly destinations: DestinationRepository,
    private readonly mappings: MappingRepository,
    private readonly deliveryLog: DeliveryLogRepository,
    private readonly limiter: SharedRateLimiter,
    private readonly producer: DurableKafkaProducer,
    private readonly probe: ReachabilityProbe,
    remoteRecords: RemoteRecordRepository,
    private readonly options: ReconcileCrmOptions,
  ) {
    this.now = options.now ?? Date.now;
    this.twoWay = new TwoWayDriftRepairer(remoteRecords, producer, {
      topicPrefix: options.topicPrefix,
      topicPartitions: options.topicPartitions,
      now: this.now,
    });
  }

  /**
   * Runs the comparison (and repairs). Postgres or Redis failing on the way ends the run with a
   * report of what was done until then and its `failure`.
   */
  async execute(command: ReconcileCommand, listener?: ProgressListener): Promise<ReconcileReport> {
    return runReconcile('crm', command, { logger: this.logger, now: this.now }, (tally) =>
      this.reconcile(command, tally, listener),
    );
  }

  private async reconcile(
    command: ReconcileCommand,
    tally: ReconcileTally,
    listener?: ProgressListener,
  ): Promise<void> {
    const { scope } = command;
    const [destinations, mappings] = await this.probe.essential(() =>
      Promise.all([this.destinations.list(scope.tenant), this.mappings.list(scope.tenant)]),
    );
    const run: CrmRun = {
      command,
      tally,
      progress: { done: 0, total: 0, listener },
    };
    const work = destinations
      .filter((destination) => !scope.destination || destination.id === scope.destination)
      .map((destination) => ({
        destination,
        all: mappings.filter((mapping) => mapping.destinationId === destination.id),
      }))
      .map(({ destination, all }) => ({
        destination,
        all,
        inScope: all.filter((mapping) => !scope.entity || mapping.entity === scope.entity),
      }))
      .filter(({ inScope }) => inScope.length > 0);

    for (const { destination, inScope } of work) {
      for (const mapping of inScope) {
        const definition = this.collections.byCollectionName(mapping.entity);
        run.progress.total += await this.probe.essential(() =>
          this.source.count(definition, destination.tenant),
        );
      }
    }
    listener?.({ done: 0, total: run.progress.total });

    for (const { destination, all, inScope } of work) {
      await this.reconcileDestination(run, destination, all, inScope);
    }
  }

  private async reconcileDestination(
    run: CrmRun,
    destination: Destination,
    all: EntityMapping[],
    inScope: EntityMapping[],
  ): Promise<void> {
    const rowOf = (mapping: EntityMapping): ReportRow => {
      const row = run.tally.row(destination.tenant, mapping.entity, destination.id);
      row.destinationName = destination.name;
      return row;
    };
    // A paused destination is left alone unless it was asked for by name.
    if (destination.paused && run.command.scope.destination !== destination.id) {
      for (const mapping of inScope) rowOf(mapping).note = 'paused: not compared';
      return;
    }
    let connector: CrmConnector;
    try {
      const connection = await this.destinations.connection(destination.id);
      connector = (this.options.connectorFor ?? createConnector)(connection, {
        beforeSearch: () => this.searchSlot(destination, connector),
      });
    } catch (error) {
      await this.failIfSystemic(error);
      for (const mapping of inScope) {
        const row = rowOf(mapping);
        row.note = 'no connector';
        run.tally.error(row, 'connector', errorMessage(error));
      }
      return;
    }
    const batch = this.options.batch ?? RECONCILE_DEFAULTS.crmBatch;
    const max = Math.max(1, Math.min(batch.max, connector.maxBatchSize));
    const min = Math.min(batch.min, max);
    const runner = new BatchRunner({
      batch: { ...batch, min, max, initial: Math.min(Math.max(batch.initial, min), max) },
      retry: this.options.retry,
      maxConsecutiveSkips: this.options.maxConsecutiveSkips,
      classify,
      isSystemic: async () => (await this.probe.unreachable()) !== undefined,
    });

    for (const mapping of inScope) {
      await this.compareMapping(run, destination, connector, runner, mapping, rowOf(mapping));
    }
    // Without mirror only the records Syncline wrote can be orphans, and only the marker says so
    // for a record whose row is gone.
    if (!destination.mirror && !connector.origin) return;
    // Orphans per destination object: a record belongs to whichever mapping writes that object.
    const groups = new Map<string, EntityMapping[]>();
    for (const mapping of all) {
      const key = JSON.stringify([mapping.object, mapping.identity.target]);
      groups.set(key, [...(groups.get(key) ?? []), mapping]);
    }
    for (const group of groups.values()) {
      const owner = group.find((mapping) => inScope.includes(mapping));
      if (!owner) continue;
      await this.archiveOrphans(run, destination, connector, runner, group, rowOf(owner));
    }
  }

  private async compareMapping(
    run: CrmRun,
    destination: Destination,
    connector: CrmConnector,
    runner: BatchRunner,
    mapping: EntityMapping,
    row: ReportRow,
  ): Promise<void> {
    const started = this.now();
    const definition = this.collections.byCollectionName(mapping.entity);
    const targets = [...new Set(mapping.fields.map((field) => field.target))];
    const tenant = destination.tenant;
    await this.runBatches(run, row, `${mapping.entity} rows`, () =>
      runner.run(
        this.source.rows(definition, tenant, {
          pageRows: this.options.pageRows ?? RECONCILE_DEFAULTS.crmPageRows,
        }),
        async (batch: readonly SourceRow[]) => {
          const found = { compared: 0, missing: 0, stale: 0, inFlight: 0, inbound: 0 };
          const planned: PlannedRow[] = [];
          const cached = await this.cache.getManyJson(
            batch.map(({ id }) => ({ tenant, entity: mapping.entity, id })),
          );
          for (const [index, { record, id }] of batch.entries()) {
            const current = cached[index];
            // The cache (which deliveries are read from) does not hold this state yet: the
            // change is on its way through the pipeline (or the cache needs `reconcile cache`).
            if (!inCache(definition, batch[index], current)) {
              found.inFlight += 1;
              continue;
            }
            try {
              planned.push({
                record,
                id,
                version: current.version,
                // Two-way: what Postgres would send in an update (CRM-owned fields are the CRM's).
                mapped: mapRecord({ ...mapping, fields: updatableFields(mapping) }, record),
              });
            } catch (error) {
              // Unmappable rows are the delivery's dead letters, not drift.
              if (!(error instanceof MappingFailedException)) throw error;
              found.compared += 1;
            }
          }
          const remote =
            planned.length === 0
              ? []
              : await this.limited(destination, 1, () =>
                  connector.readByIdentity(
                    mapping.object,
                    mapping.identity.target,
                    planned.map(({ mapped }) => mapped.identity),
                    targets,
                  ),
                );
          const byIdentity = new Map<string, RemoteRecord>();
          for (const record of remote) {
            if (record.identity !== null) byIdentity.set(record.identity.toLowerCase(), record);
          }
          const history = await this.deliveryLog.latest(
            destination.id,
            planned.map(({ id }) => ({ tenant, entity: mapping.entity, id })),
          );
          // Two-way: what the CRM is known to hold tells its users' edits from drift.
          const known = mapping.inbound
            ? await this.twoWay.known(
                destination,
                mapping.entity,
                planned.map(({ id }) => id),
              )
            : undefined;
          const requeue: PlannedRow[] = [];
          const twoWay: TwoWayRepair[] = [];
          const removals: Removal[] = [];
          for (const plan of planned) {
            found.compared += 1;
            const held = byIdentity.get(plan.mapped.identity.toLowerCase());
            const last = history.get(
              recordChangedKey({ tenant, entity: mapping.entity, id: plan.id }),
            );
            const decision = decideSync({
              rules: mapping.rules,
              operation: 'upsert',
              record: plan.record,
              previouslyDelivered: held !== undefined || loggedAsHeld(last),
            });
            if (decision.action === 'skip') continue; // the rules keep it away: not missing
            if (decision.action === 'archive') {
              // Stopped matching but still there: archived here when it is Syncline's (or the
              // destination mirrors); someone else's record on a shared account is left alone.
              if (held && (destination.mirror || owns(connector, held) || loggedAsHeld(last))) {
                found.stale += 1;
                removals.push({ identity: held.identity ?? plan.mapped.identity, plan });
              }
              continue;
            }
            if (!held) {
              found.missing += 1;
              requeue.push(plan);
            } else {
              const differing = differingProperties(plan.mapped.properties, held.properties);
              if (differing.length === 0) continue;
              found.stale += 1;
              if (!known) {
                requeue.push(plan);
                continue;
              }
              // Only the fields that must go; CRM edits are resolved by the inbound side.
              const repair = TwoWayDriftRepairer.plan(mapping, plan, held, differing, known);
              if (repair.handOver) found.inbound += 1;
              twoWay.push(repair);
            }
          }
          const repaired = run.command.dryRun
            ? 0
            : (await this.requeue(destination, mapping.entity, requeue)) +
              (await this.remove(destination, connector, mapping, removals)) +
              (twoWay.length === 0
                ? 0
                : await this.twoWay.repair(destination, connector, mapping, twoWay, (cost, call) =>
                    this.limited(destination, cost, call),
                  ));
          row.compared += found.compared;
          row.missing += found.missing;
          row.stale += found.stale;
          row.inFlight += found.inFlight;
          row.inbound += found.inbound;
          row.repaired += repaired;
          this.advance(run, batch.length);
        },
        (batch) => `${mapping.entity} ids ${batch[0].id}..${batch[batch.length - 1].id}`,
      ),
    );
    row.durationMs += this.now() - started;
  }

  /**
   * CRM records whose identity no source row holds: archived. On a mirror destination every
   * record of the object is a candidate; otherwise only the ones carrying the marker.
   */
  private async archiveOrphans(
    run: CrmRun,
    destination: Destination,
    connector: CrmConnector,
    runner: BatchRunner,
    group: EntityMapping[],
    row: ReportRow,
  ): Promise<void> {
    const started = this.now();
    const [{ object, identity }] = group;
    const tenant = destination.tenant;
    const listing = destination.mirror
      ? connector.listAll(object, identity.target, [])
      : listOwned(connector, object, identity.target);
    const source = this.source;
    const definitions = new Map<EntityMapping, CollectionDefinition>(
      group.map((mapping) => [mapping, this.collections.byCollectionName(mapping.entity)]),
    );
    const acquire = () => this.patientSlot(destination);
    const orphans = async function* (): AsyncGenerator<RemoteRecord[]> {
      for (;;) {
        await acquire();
        const page = await listing.next();
        if (page.done) return;
        const identities = page.value
          .map((record) => record.identity)
          .filter((value): value is string => value !== null && value.trim() !== '');
        const held = new Set<string>();
        for (const mapping of group) {
          const definition = definitions.get(mapping) as CollectionDefinition;
          const existing = await source.existingValues(
            definition,
            tenant,
            mapping.identity.source,
            identities,
          );
          for (const value of existing) held.add(value);
        }
        const found = page.value.filter(
          (record) =>
            record.identity !== null &&
            record.identity.trim() !== '' &&
            !held.has(record.identity.toLowerCase()),
        );
        if (found.length > 0) yield found;
      }
    };
    await this.runBatches(run, row, `${object} orphan listing`, () =>
      runner.run(
        orphans(),
        async (batch: readonly RemoteRecord[]) => {
          let archived = 0;
          if (!run.command.dryRun) {
            archived = await this.archive(
              destination,
              connector,
              object,
              identity.target,
              batch.map((record) => record.identity as string),
            ).then((done) => done.size);
          }
          row.orphan += batch.length;
          row.repaired += archived;
        },
        (batch) => `${object} identities ${batch[0].identity}..${batch[batch.length - 1].identity}`,
      ),
    );
    row.durationMs += this.now() - started;
  }

  /**
   * Archives records the rules exclude and records the archive in the delivery log as the
   * delivery-worker would (so a later change that brings the row back is sent, not skipped as
   * unchanged). Returns how many were archived.
   */
  private async remove(
    destination: Destination,
    connector: CrmConnector,
    mapping: EntityMapping,
    removals: readonly Removal[],
  ): Promise<number> {
    if (removals.length === 0) return 0;
    const archived = await this.archive(
      destination,
      connector,
      mapping.object,
      mapping.identity.target,
      removals.map(({ identity }) => identity),
    );
    const entries: DeliveryLogEntry[] = [];
    for (const { identity, plan } of removals) {
      if (!plan || !archived.has(identity.toLowerCase())) continue;
      const version = plan.version;
      entries.push({
        destinationId: destination.id,
        tenant: destination.tenant,
        entity: mapping.entity,
        recordId: plan.id,
        version,
        operation: 'archive',
        status: 'delivered',
        attempts: 1,
        payloadHash: 'archived',
        deliveredVersion: version,
        identity,
      });
    }
    await this.deliveryLog.record(entries);
    return entries.length;
  }

  /** Archives by identity under the shared rate limit; returns the (lowercased) identities done. */
  private async archive(
    destination: Destination,
    connector: CrmConnector,
    object: string,
    identityProperty: string,
    identities: string[],
  ): Promise<Set<string>> {
    const results = await this.limited(destination, connector.requestsPerCall?.archive ?? 1, () =>
      connector.archive(object, identityProperty, identities),
    );
    return new Set(
      results.filter((result) => result.ok).map((result) => result.identity.toLowerCase()),
    );
  }

  /** Re-enqueues rows for state-based delivery; returns how many. */
  private async requeue(
    destination: Destination,
    entity: string,
    plans: readonly PlannedRow[],
  ): Promise<number> {
    if (plans.length === 0) return 0;
    const refs = plans.map(({ id }) => ({ tenant: destination.tenant, entity, id }));
    // Without this the delivery-worker would skip the send: the payload equals the last accepted one.
    await this.deliveryLog.forgetPayloads(destination.id, refs);
    const topic = TOPICS.deliveryTasks(this.options.topicPrefix, destination.id);
    await this.producer.ensureTopics([{ topic, numPartitions: this.options.topicPartitions }]);
    const observedAt = this.now();
    await this.producer.send(
      topic,
      plans.map(({ version }, index) => ({
        key: recordChangedKey(refs[index]),
        value: encodeRecordChangedNotice({
          ...refs[index],
          version,
          op: 'upsert',
          observedAt,
        }),
      })),
    );
    return plans.length;
  }

  /** One CRM call under the destination's shared rate limit; a 429 holds every replica off. */
  private async limited<T>(
    destination: Destination,
    cost: number,
    call: () => Promise<T>,
  ): Promise<T> {
    await this.slot(destination, cost);
    try {
      return await call();
    } catch (error) {
      if (error instanceof DeliveryException && error.errorClass === 'rate_limited') {
        await this.limiter.holdOff(
          destination.id,
          error.details.retryAfterMs ?? destination.rateLimit.intervalMs,
        );
      }
      throw error;
    }
  }

  private async slot(destination: Destination, cost: number): Promise<void> {
    const waitMs = this.options.rateLimitWaitMs ?? RECONCILE_DEFAULTS.rateLimitWaitMs;
    const slot = await this.limiter.acquire(destination.id, destination.rateLimit, waitMs, cost);
    if (!slot.granted) {
      throw new RateLimitWaitException(
        slot.waitMs,
        `no rate-limit slot for destination ${destination.id} within ${waitMs} ms (${slot.reason})`,
      );
    }
  }

  /** A slot for a listing page: waits as long as it takes (a listing cannot shrink its pages). */
  private async patientSlot(destination: Destination): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.slot(destination, 1);
      } catch (error) {
        if (
          !(error instanceof RateLimitWaitException) ||
          attempt >= RECONCILE_DEFAULTS.maxThrottleWaits
        ) {
          throw error;
        }
      }
    }
  }

  /**
   * Before a search request: a slot of the destination's search bucket (HubSpot: 5/s per
   * account, shared with every worker), waiting as long as it takes. The page's slot of the
   * general limit is taken by the listing that asks for the page.
   */
  private async searchSlot(destination: Destination, connector: CrmConnector): Promise<void> {
    if (connector.searchLimit) {
      const bucket = this.keys.searchRateBucket(destination.id);
      const waitMs = this.options.rateLimitWaitMs ?? RECONCILE_DEFAULTS.rateLimitWaitMs;
      for (let attempt = 1; ; attempt++) {
        const slot = await this.limiter.acquire(bucket, connector.searchLimit, waitMs);
        if (slot.granted) break;
        if (attempt >= RECONCILE_DEFAULTS.maxThrottleWaits) {
          throw new RateLimitWaitException(
            slot.waitMs,
            `no search slot for destination ${destination.id} within ${waitMs} ms (${slot.reason})`,
          );
        }
      }
    }
  }

  private async runBatches(
    run: CrmRun,
    row: ReportRow,
    where: string,
    step: () => Promise<{ skipped: { label: string; message: string }[]; abandoned?: string }>,
  ): Promise<void> {
    try {
      const result = await step();
      for (const skipped of result.skipped) {
        this.logger.warn(
          `skipped ${skipped.label} for destination ${row.destination}: ${skipped.message}`,
        );
        run.tally.error(row, skipped.label, skipped.message);
      }
      if (result.abandoned) run.tally.error(row, where, result.abandoned);
    } catch (error) {
      if (error instanceof SystemicFailureException) throw error;
      await this.failIfSystemic(error);
      const message = error instanceof SourceFailedException ? error.message : errorMessage(error);
      this.logger.warn(`${where} for destination ${row.destination} failed: ${message}`);
      run.tally.error(row, where, message);
    }
  }

  private async failIfSystemic(error: unknown): Promise<void> {
    const unreachable = await this.probe.unreachable();
    if (unreachable) throw new SystemicFailureException(unreachable, { cause: error });
  }

  private advance(run: CrmRun, rows: number): void {
    run.progress.done += rows;
    run.progress.listener?.({
      done: Math.min(run.progress.done, run.progress.total),
      total: run.progress.total,
    });
  }
}

/** Throttling waits; everything else is a failed batch (the probe tells systemic failures). */
function classify(error: unknown): BatchFailure {
  if (error instanceof RateLimitWaitException) return { kind: 'throttled', waitMs: error.waitMs };
  if (error instanceof DeliveryException && error.errorClass === 'rate_limited') {
    return { kind: 'throttled', waitMs: error.details.retryAfterMs };
  }
  return { kind: 'failed' };
}

/** The delivery log says the destination holds the record: an upsert was accepted, not archived since. */
function loggedAsHeld(last: DeliveryLogEntry | undefined): boolean {
  if (!last || last.deliveredVersion === null || last.deliveredVersion === undefined) return false;
  return !(last.operation === 'archive' && last.status === 'delivered');
}

/** The record carries this destination's ownership marker. */
function owns(connector: CrmConnector, record: RemoteRecord): boolean {
  return connector.origin !== undefined && record.origin === connector.origin.value;
}

/** The records carrying the marker: filtered by the CRM where the connector can, else here. */
async function* listOwned(
  connector: CrmConnector,
  object: string,
  identityProperty: string,
): AsyncGenerator<RemoteRecord[]> {
  if (connector.listOwned) {
    yield* connector.listOwned(object, identityProperty, []);
    return;
  }
  for await (const page of connector.listAll(object, identityProperty, [])) {
    const owned = page.filter((record) => owns(connector, record));
    if (owned.length > 0) yield owned;
  }
}

/**
 * Whether the cache holds the row's current state (live; at its version, or with its data for a
 * WAL-position collection): only then is a CRM difference drift rather than a delivery on its way.
 */
function inCache(
  collection: CollectionDefinition,
  row: SourceRow,
  cached: CachedRecordJson | undefined,
): cached is CachedRecordJson & { deleted: false } {
  if (!cached || cached.deleted) return false;
  if (collection.versionColumn !== undefined) return cached.version === row.version;
  return sameContent(cached.json, row);
}
