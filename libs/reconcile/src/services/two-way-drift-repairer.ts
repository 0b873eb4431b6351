import { CrmConnector, RemoteRecord } from '@syncline/connectors';
import { Destination, RemoteRecordRepository, RemoteRecordState } from '@syncline/control-plane';
import { encodeInboundHint, InboundHint, inboundHintKey, TOPICS } from '@syncline/events';
import { DurableKafkaProducer } from '@syncline/kafka';
import { EntityMapping, MappedRecord } from '@syncline/mapping';
import { TwoWayRepair } from '../types/two-way-repair.type';
import { splitTwoWayDrift } from '../utils/split-two-way-drift.util';

/**
 * `reconcile crm` for records of two-way mappings: what the destination is known to hold, and the
 * repair that keeps the mapping's conflict policy. The properties Postgres must repair are sent
 * alone (a state-based delivery would send every field, the CRM's edits included), and records
 * with CRM edits go to the inbound side as hints, which the delivery-worker resolves by the
 * policy (it reads the record as the CRM holds it then).
 */
export class TwoWayDriftRepairer {
  constructor(
    private readonly remote: RemoteRecordRepository,
    private readonly producer: DurableKafkaProducer,
    private readonly options: { topicPrefix: string; topicPartitions: number; now: () => number },
  ) {}

  /**
   * The repair of a differing record (`differing`: its properties the CRM holds other values
   * for): only the properties Postgres repairs go out; CRM edits are handed over.
   */
  static plan(
    mapping: Pick<EntityMapping, 'fields' | 'inbound'>,
    row: { id: string; mapped: MappedRecord },
    held: RemoteRecord,
    differing: readonly string[],
    known: ReadonlyMap<string, RemoteRecordState>,
  ): TwoWayRepair {
    const split = splitTwoWayDrift(mapping, differing, held.properties, known.get(row.id)?.known);
    const properties = Object.fromEntries(
      split.push.map((name) => [name, row.mapped.properties[name]]),
    );
    return {
      recordId: row.id,
      held,
      push: { identity: row.mapped.identity, properties },
      handOver: split.handOver.length > 0,
    };
  }

  /** What the destination is known to hold of these rows, keyed by record id. */
  async known(
    destination: Destination,
    entity: string,
    ids: readonly string[],
  ): Promise<Map<string, RemoteRecordState>> {
    const states = await this.remote.states(
      destination.id,
      ids.map((recordId) => ({ tenant: destination.tenant, entity, recordId })),
    );
    return new Map([...states.values()].map((state) => [state.recordId, state]));
  }

  /**
   * Sends the properties to repair (through `call`, under the destination's rate limit), remembers
   * them as held, and hands the rest over. Returns how many records were repaired or handed over.
   */
  async repair(
    destination: Destination,
    connector: CrmConnector,
    mapping: EntityMapping,
    repairs: readonly TwoWayRepair[],
    call: <T>(cost: number, fn: () => Promise<T>) => Promise<T>,
  ): Promise<number> {
    const pushes = repairs.filter(({ push }) => Object.keys(push.properties).length > 0);
    const pushed = new Set<string>();
    if (pushes.length > 0) {
      const results = await call(connector.requestsPerCall?.upsert ?? 1, () =>
        connector.upsert(
          mapping.object,
          mapping.identity.target,
          pushes.map(({ push }) => push),
        ),
      );
      for (const result of results) if (result.ok) pushed.add(result.identity.toLowerCase());
      await this.remote.rememberSent(
        destination.id,
        pushes
          .filter(({ push }) => pushed.has(push.identity.toLowerCase()))
          .map(({ recordId, push, held }) => ({
            tenant: destination.tenant,
            entity: mapping.entity,
            recordId,
            externalId: held.externalId,
            properties: push.properties,
          })),
      );
    }
    const handedOver = repairs.filter(({ handOver }) => handOver);
    await this.handOver(
      destination,
      mapping.object,
      handedOver.map(({ held }) => held),
    );
    return repairs.filter(
      ({ push, handOver }) => handOver || pushed.has(push.identity.toLowerCase()),
    ).length;
  }

  /** Change hints for these CRM records on the inbound hints topic. */
  private async handOver(
    destination: Destination,
    object: string,
    records: readonly RemoteRecord[],
  ): Promise<void> {
    if (records.length === 0) return;
    const topic = TOPICS.inboundHints(this.options.topicPrefix);
    await this.producer.ensureTopics([{ topic, numPartitions: this.options.topicPartitions }]);
    const now = this.options.now();
    const hints = records.map((record): InboundHint => ({
      destinationId: destination.id,
      object,
      externalId: record.externalId,
      kind: 'change',
      occurredAt: Date.parse(record.lastModified) || now,
      source: 'reconcile',
      receivedAt: now,
    }));
    await this.producer.send(
      topic,
      hints.map((hint) => ({ key: inboundHintKey(hint), value: encodeInboundHint(hint) })),
    );
  }
}
