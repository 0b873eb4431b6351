import { Logger } from '@nestjs/common';
import { CrmConnector, DeletedRecord, RemoteRecord } from '@syncline/connectors';
import {
  Destination,
  InboundLogEntry,
  InboundLogRepository,
  RemoteRecordRepository,
  RemoteRecordState,
} from '@syncline/control-plane';
import { SynclineException } from '@syncline/errors';
import { EntityMapping, resolveInbound } from '@syncline/mapping';
import { RecordWriter } from '@syncline/record-writes';
import { CollectionDefinition, CollectionRegistry } from '@syncline/records';
import {
  PositionedRecord,
  SourceRecordRepository,
  VersionConflictException,
} from '@syncline/source';
import { DeliveryWorkerMetrics } from '../services/delivery-worker.metrics';
import { InboundRowCreator } from './inbound-row-creator.service';

/** A row that changed between our read and our write is re-read and resolved again, this often. */
const MAX_RACES = 3;

/**
 * Applies CRM records, as the CRM holds them NOW, to their rows (two-way mappings): state-based
 * like delivery, so a duplicated, replayed or reordered hint changes nothing. Per record:
 * `resolveInbound` compares each inbound field with what the destination was known to hold and
 * with the row, and decides by the mapping's conflict policy; the new known state and the columns
 * to write (`pending`) are saved first; the columns go through the shared write path (Postgres,
 * then the cache; CDC carries them on to the other destinations, and the planner recognises the
 * echo to this one); then `pending` is cleared. A crash in between leaves `pending`, which the
 * next attempt writes first: the CRM's change is never lost to its own known state. A record
 * linked to no row creates one under `inbound.createRows` (`InboundRowCreator`).
 */
export class ApplyInboundUseCase {
  private readonly logger = new Logger(ApplyInboundUseCase.name);
  private readonly creator: InboundRowCreator;

  constructor(
    private readonly collections: CollectionRegistry,
    private readonly source: SourceRecordRepository,
    private readonly writer: RecordWriter,
    private readonly remote: RemoteRecordRepository,
    private readonly log: InboundLogRepository,
    private readonly metrics: DeliveryWorkerMetrics,
  ) {
    this.creator = new InboundRowCreator(source, writer, remote);
  }

  /**
   * Applies `records` (of `mapping.object` at `destination`, read through `connector`, which
   * writes identities back onto records rows were created for); returns their log entries.
   */
  async apply(
    destination: Destination,
    mapping: EntityMapping,
    records: RemoteRecord[],
    connector: CrmConnector,
  ): Promise<InboundLogEntry[]> {
    if (records.length === 0) return [];
    const collection = this.collections.collections.find((c) => c.name === mapping.entity);
    const entries: InboundLogEntry[] = [];
    if (!collection) {
      for (const record of records)
        entries.push(failed(destination, mapping, record, `unknown collection ${mapping.entity}`));
    } else {
      const recordIds = await this.recordIdsOf(destination, mapping, collection, records);
      for (const record of records) {
        const recordId = recordIds.get(record.externalId);
        if (recordId !== undefined) {
          entries.push(
            await this.applyOne(destination, mapping, collection, record, recordId, connector),
          );
        } else if (mapping.inbound?.createRows) {
          entries.push({
            ...base(destination, mapping, record),
            ...(await this.creator.create(destination, mapping, collection, record, connector)),
          });
        } else {
          entries.push({ ...base(destination, mapping, record), outcome: 'ignored' });
        }
      }
    }
    await this.log.record(entries);
    this.count(destination, entries, records);
    return entries;
  }

  private async applyOne(
    destination: Destination,
    mapping: EntityMapping,
    collection: CollectionDefinition,
    record: RemoteRecord,
    recordId: string,
    connector: CrmConnector,
  ): Promise<InboundLogEntry> {
    const entry = { ...base(destination, mapping, record), recordId };
    const ref = { tenant: mapping.tenant, entity: mapping.entity, recordId };
    const linkProblem = await this.creator.completeLink(
      destination,
      mapping,
      collection,
      ref,
      record,
      connector,
    );
    if (linkProblem) return { ...entry, outcome: 'failed', error: linkProblem };
    for (let race = 0; ; race += 1) {
      const [row] = await this.source.findManyPositioned(collection, mapping.tenant, [recordId]);
      const state = (await this.remote.states(destination.id, [ref])).get(refKey(ref));
      // A state older than the one last applied (a late, reordered REST webhook): no news.
      if (olderThan(record.lastModified, state?.remoteModifiedAt))
        return { ...entry, outcome: 'unchanged' };
      const resolution = resolveInbound({
        mapping,
        remote: { properties: record.properties, lastModified: record.lastModified },
        known: state?.known,
        row: row?.record,
        recordId,
      });
      // Deleted here: not created again (that would bring deleted rows back).
      if (!row) return { ...entry, outcome: 'ignored' };
      // An earlier attempt that decided on writes and died before making them: they come first.
      const writes = { ...(state?.pending ?? {}), ...resolution.writes };
      const next: RemoteRecordState = {
        destinationId: destination.id,
        ...ref,
        externalId: record.externalId,
        known: resolution.known,
        remoteModifiedAt: record.lastModified,
        pending: Object.keys(writes).length > 0 ? writes : null,
      };
      await this.remote.beginInbound(next);
      const conflicts = resolution.conflicts.map(({ field, policy, winner }) => ({
        field,
        policy,
        winner,
      }));
      const problems = resolution.issues.map((issue) => `${issue.path}: ${issue.message}`);
      if (next.pending === null) {
        return {
          ...entry,
          outcome: conflicts.length > 0 ? 'conflict' : problems.length > 0 ? 'failed' : 'unchanged',
          conflicts,
          error: problems.join('; ') || null,
        };
      }
      try {
        await this.write(collection, mapping.tenant, recordId, writes, row);
      } catch (error) {
        if (error instanceof VersionConflictException && race < MAX_RACES) continue;
        if (!(error instanceof SynclineException) || error.retriable) throw error;
        // Refused for good (e.g. the CRM's value breaks the column's schema): say so, stop waiting.
        await this.remote.finishInbound(destination.id, ref);
        return { ...entry, outcome: 'failed', conflicts, error: error.message };
      }
      await this.remote.finishInbound(destination.id, ref);
      return { ...entry, outcome: 'applied', conflicts, error: problems.join('; ') || null };
    }
  }

  /**
   * Records deleted at the destination, by the mapping's `inbound.deletePolicy`: `ignore` leaves
   * the row, `soft_delete` sets its column (true, or the deletion time), `delete` deletes it.
   * Whatever the policy, the destination is known not to hold it any more, so deliveries neither
   * re-create it there nor archive it again.
   */
  async applyDeletions(
    destination: Destination,
    mapping: EntityMapping,
    deleted: DeletedRecord[],
  ): Promise<InboundLogEntry[]> {
    if (deleted.length === 0 || !mapping.inbound) return [];
    const collection = this.collections.collections.find((c) => c.name === mapping.entity);
    const entries: InboundLogEntry[] = [];
    const recordIds = collection
      ? await this.recordIdsOf(destination, mapping, collection, deleted)
      : new Map<string, string>();
    for (const record of deleted) {
      const entry = {
        destinationId: destination.id,
        object: mapping.object,
        externalId: record.externalId,
        tenant: mapping.tenant,
        entity: mapping.entity,
        remoteModifiedAt: record.deletedAt,
      };
      const recordId = recordIds.get(record.externalId);
      if (!collection || recordId === undefined) {
        entries.push({ ...entry, outcome: 'ignored' });
        continue;
      }
      const ref = { tenant: mapping.tenant, entity: mapping.entity, recordId };
      await this.remote.markDeleted(destination.id, ref, record.externalId, record.deletedAt);
      try {
        const changed = await this.deleteByPolicy(mapping, collection, recordId, record.deletedAt);
        entries.push({ ...entry, recordId, outcome: changed ? 'applied' : 'unchanged' });
      } catch (error) {
        if (!(error instanceof SynclineException) || error.retriable) throw error;
        entries.push({ ...entry, recordId, outcome: 'failed', error: error.message });
      }
    }
    await this.log.record(entries);
    for (const entry of entries)
      this.metrics.inboundRecords.inc({ destination: destination.id, outcome: entry.outcome });
    return entries;
  }

  private async deleteByPolicy(
    mapping: EntityMapping,
    collection: CollectionDefinition,
    recordId: string,
    deletedAt: string,
  ): Promise<boolean> {
    const { deletePolicy, softDeleteColumn } = mapping.inbound ?? {};
    if (deletePolicy === 'delete') {
      return this.writer.delete(collection, mapping.tenant, recordId);
    }
    if (deletePolicy === 'soft_delete' && softDeleteColumn) {
      const kind = collection.columns[softDeleteColumn]?.kind;
      const value = kind === 'boolean' ? true : deletedAt;
      const written = await this.writer.update(collection, mapping.tenant, recordId, {
        [softDeleteColumn]: value,
      });
      return written !== undefined;
    }
    return false;
  }

  /** Through the shared write path, guarded by the version read when the collection has one. */
  private async write(
    collection: CollectionDefinition,
    tenant: string,
    recordId: string,
    writes: Record<string, unknown>,
    row: PositionedRecord,
  ): Promise<void> {
    const expected = collection.versionColumn ? row.version : undefined;
    await this.writer.update(collection, tenant, recordId, writes, expected);
  }

  /**
   * Each CRM record's row: by the link a delivery or an earlier inbound change left, else by its
   * identity (the record id, or the identity column's value).
   */
  private async recordIdsOf(
    destination: Destination,
    mapping: EntityMapping,
    collection: CollectionDefinition,
    records: Pick<RemoteRecord, 'externalId' | 'identity'>[],
  ): Promise<Map<string, string>> {
    const linked = await this.remote.byExternalIds(
      destination.id,
      records.map((r) => r.externalId),
    );
    const ids = new Map<string, string>();
    const byIdentity: Pick<RemoteRecord, 'externalId' | 'identity'>[] = [];
    for (const record of records) {
      const state = linked.get(record.externalId);
      if (state && state.tenant === mapping.tenant && state.entity === mapping.entity)
        ids.set(record.externalId, state.recordId);
      else if (record.identity) byIdentity.push(record);
    }
    if (byIdentity.length === 0) return ids;
    if (mapping.identity.source === '$id') {
      for (const record of byIdentity) ids.set(record.externalId, record.identity as string);
      return ids;
    }
    const found = await this.source.idsByColumnText(
      collection,
      mapping.tenant,
      mapping.identity.source,
      byIdentity.map((r) => r.identity as string),
    );
    for (const record of byIdentity) {
      const recordId = found.get(record.identity as string);
      if (recordId !== undefined) ids.set(record.externalId, recordId);
    }
    return ids;
  }

  private count(destination: Destination, entries: InboundLogEntry[], records: RemoteRecord[]) {
    const now = Date.now();
    for (const [index, entry] of entries.entries()) {
      this.metrics.inboundRecords.inc({ destination: destination.id, outcome: entry.outcome });
      for (const conflict of entry.conflicts ?? [])
        this.metrics.inboundConflicts.inc({
          destination: destination.id,
          policy: conflict.policy,
          winner: conflict.winner,
        });
      const modified = Date.parse(records[index].lastModified);
      if ((entry.outcome === 'applied' || entry.outcome === 'created') && Number.isFinite(modified))
        this.metrics.inboundLagSeconds.observe(
          { destination: destination.id },
          Math.max(0, now - modified) / 1000,
        );
      if (entry.outcome === 'failed')
        this.logger.warn(
          `inbound ${entry.object} ${entry.externalId} from destination ${destination.id} failed: ${entry.error}`,
        );
    }
  }
}

function olderThan(modified: string, last: string | null | undefined): boolean {
  if (!last) return false;
  const [at, lastAt] = [Date.parse(modified), Date.parse(last)];
  return Number.isFinite(at) && Number.isFinite(lastAt) && at < lastAt;
}

const refKey = (ref: { tenant: string; entity: string; recordId: string }) =>
  `${ref.tenant}/${ref.entity}/${ref.recordId}`;

function base(destination: Destination, mapping: EntityMapping, record: RemoteRecord) {
  return {
    destinationId: destination.id,
    object: mapping.object,
    externalId: record.externalId,
    tenant: mapping.tenant,
    entity: mapping.entity,
    remoteModifiedAt: record.lastModified,
  };
}

function failed(
  destination: Destination,
  mapping: EntityMapping,
  record: RemoteRecord,
  error: string,
): InboundLogEntry {
  return { ...base(destination, mapping, record), outcome: 'failed', error };
}
