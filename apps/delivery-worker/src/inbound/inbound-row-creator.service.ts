import { CrmConnector, RemoteRecord } from '@syncline/connectors';
import {
  Destination,
  InboundLogEntry,
  RecordRef,
  RemoteRecordRepository,
} from '@syncline/control-plane';
import { SynclineException } from '@syncline/errors';
import {
  EntityMapping,
  RECORD_ID_SOURCE,
  identityText,
  readMappedSource,
  resolveInbound,
} from '@syncline/mapping';
import { RecordWriter } from '@syncline/record-writes';
import { CollectionDefinition } from '@syncline/records';
import { SourceRecordRepository } from '@syncline/source';

/** What `create` adds to a log entry: the outcome, and the new row's id when there is one. */
type CreateOutcome = Pick<InboundLogEntry, 'outcome' | 'recordId' | 'error'>;

/**
 * Rows for CRM records linked to none (`inbound.createRows`): a record a CRM user created has no
 * identity value, so outbound upserts (by identity) would not find it. In order:
 *
 * 1. the row, through the shared write path (Postgres, then the cache; CDC carries it on), with
 *    the inbound columns (and the identity column, when the record has its value);
 * 2. the link (`remote_records`: external id, `known` = what was read) with `pending` = `{}`, so
 *    deliveries of the row to this destination wait instead of upserting a second CRM record;
 * 3. the identity written back onto the CRM record by its external id, then `known` takes it and
 *    the hold is lifted. A crash before that leaves the link: the next apply of the record (which
 *    still has no identity) completes it (`completeLink`) before anything else.
 *
 * The link is written right after the insert commits; a crash in between leaves a row the retry
 * does not find (a second row is created). docs/two-way-sync.md describes that window.
 */
export class InboundRowCreator {
  constructor(
    private readonly source: SourceRecordRepository,
    private readonly writer: RecordWriter,
    private readonly remote: RemoteRecordRepository,
  ) {}

  async create(
    destination: Destination,
    mapping: EntityMapping,
    collection: CollectionDefinition,
    record: RemoteRecord,
    connector: CrmConnector,
  ): Promise<CreateOutcome> {
    const { source } = mapping.identity;
    // A record-id (or key column) identity without its row: the row was deleted here, and stays
    // deleted. Another identity column (a natural key) gets the record's value.
    const byKey = source === RECORD_ID_SOURCE || collection.keyColumns.includes(source);
    if (byKey && record.identity) return { outcome: 'ignored' };
    if (!connector.updateByExternalId)
      return {
        outcome: 'failed',
        error: `inbound.createRows: ${destination.kind} destinations cannot write the identity back`,
      };
    const resolution = resolveInbound({
      mapping,
      remote: { properties: record.properties, lastModified: record.lastModified },
      known: undefined,
      row: undefined,
    });
    const body: Record<string, unknown> = { ...resolution.writes };
    if (!byKey && record.identity) body[source] = columnValue(collection, source, record.identity);
    let recordId: string;
    let identity: string | undefined;
    try {
      const written = await this.writer.create(collection, mapping.tenant, body);
      recordId = written.id;
      identity = identityText(readMappedSource(written.data, source, written.id));
    } catch (error) {
      // Refused for good (a column the create schema requires that no inbound field fills, a
      // value the column refuses): logged, not retried until the record changes again.
      if (!(error instanceof SynclineException) || error.retriable) throw error;
      return { outcome: 'failed', error: `cannot create a row: ${error.message}` };
    }
    const ref = { tenant: mapping.tenant, entity: mapping.entity, recordId };
    await this.remote.beginInbound({
      destinationId: destination.id,
      ...ref,
      externalId: record.externalId,
      known: resolution.known,
      remoteModifiedAt: record.lastModified,
      pending: {},
    });
    const problems = resolution.issues.map((issue) => `${issue.path}: ${issue.message}`);
    if (identity === undefined) {
      problems.push(`the new row has no identity (${source}) to write back`);
    } else {
      const failure = await this.writeBack(destination, mapping, ref, record, identity, connector);
      if (failure) problems.push(failure);
    }
    return { outcome: 'created', recordId, error: problems.join('; ') || null };
  }

  /**
   * A linked record without its identity (a row was created for it and the write-back did not
   * happen, e.g. a crash, or a CRM user cleared it): the row's identity is written back, so that
   * deliveries, which go by identity, update this record instead of creating another. Returns
   * why it could not be (a permanent refusal); a retriable failure throws.
   */
  async completeLink(
    destination: Destination,
    mapping: EntityMapping,
    collection: CollectionDefinition,
    ref: RecordRef,
    record: RemoteRecord,
    connector: CrmConnector,
  ): Promise<string | undefined> {
    if (record.identity || !connector.updateByExternalId) return undefined;
    const [link] = (await this.remote.states(destination.id, [ref])).values();
    if (link?.externalId !== record.externalId) return undefined;
    const [row] = await this.source.findManyPositioned(collection, ref.tenant, [ref.recordId]);
    if (!row) return undefined; // deleted here: nothing to link it to any more
    const identity = identityText(
      readMappedSource(row.record, mapping.identity.source, ref.recordId),
    );
    if (identity === undefined) return undefined;
    return this.writeBack(destination, mapping, ref, record, identity, connector);
  }

  /** The identity onto the CRM record by its external id, then remembered (the hold lifted). */
  private async writeBack(
    destination: Destination,
    mapping: EntityMapping,
    ref: RecordRef,
    record: Pick<RemoteRecord, 'externalId' | 'identity'>,
    identity: string,
    connector: CrmConnector,
  ): Promise<string | undefined> {
    if (!connector.updateByExternalId) return undefined;
    const properties = { [mapping.identity.target]: identity };
    // Created from its identity column's value: the record carries it already.
    const [result] =
      record.identity === identity
        ? []
        : await connector.updateByExternalId(mapping.object, [
            { externalId: record.externalId, properties },
          ]);
    if (result && !result.ok) {
      if (result.error.retriable) throw result.error;
      return `cannot write the identity back: ${result.error.message}`;
    }
    await this.remote.rememberIdentity(destination.id, ref, properties);
    return undefined;
  }
}

/** An identity value (text, as the CRM holds it) as its column's value. */
function columnValue(collection: CollectionDefinition, column: string, text: string): unknown {
  const kind = collection.columns[column]?.kind;
  const numeric = kind === 'smallint' || kind === 'integer' || kind === 'bigint';
  return numeric && /^-?\d+$/.test(text) ? Number(text) : text;
}
