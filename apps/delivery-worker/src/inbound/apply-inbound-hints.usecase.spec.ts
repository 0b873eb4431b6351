import { SharedRateLimiter } from '@syncline/cache';
import { DecodeFailure } from '@syncline/cdc';
import { CrmConnector, DeletedRecord, DeliveryException, RemoteRecord } from '@syncline/connectors';
import {
  ControlPlaneSnapshot,
  Destination,
  InboundHintRetry,
  InboundHintRetryRepository,
} from '@syncline/control-plane';
import { encodeInboundHint, InboundHint } from '@syncline/events';
import { KafkaBatch } from '@syncline/kafka';
import { EntityMapping } from '@syncline/mapping';
import { MetricsRegistry } from '@syncline/observability';
import { ConnectorPool } from '../deliver/connector-pool.service';
import { DeliveryWorkerMetrics } from '../services/delivery-worker.metrics';
import { ApplyInboundHintsUseCase } from './apply-inbound-hints.usecase';
import { ApplyInboundUseCase } from './apply-inbound.usecase';

// Shipments in a Salesforce-like CRM (Shipment__c, keyed by a composite "carrier|number" external
// id), not the demo's contacts: the use case must not care what the records are.
const DEST = '0b6f4d7e-5a34-4c1e-9d1b-7f0e2c3a4b5d';
const PAUSED = '9e8d7c6b-5a49-4382-a1b0-c9d8e7f6a5b4';
/** Another CRM on the same hint partitions. */
const OTHER = '5d4c3b2a-1f0e-4d9c-8b7a-6f5e4d3c2b1a';
const destinations: Record<string, Destination> = {
  [DEST]: {
    id: DEST,
    kind: 'salesforce',
    paused: false,
    version: 3,
    rateLimit: { requestsPerInterval: 10, intervalMs: 1000 },
  } as Destination,
  [OTHER]: {
    id: OTHER,
    kind: 'salesforce',
    paused: false,
    version: 1,
    rateLimit: { requestsPerInterval: 10, intervalMs: 1000 },
  } as Destination,
  [PAUSED]: {
    id: PAUSED,
    kind: 'salesforce',
    paused: true,
    version: 1,
    rateLimit: { requestsPerInterval: 10, intervalMs: 1000 },
  } as Destination,
};
const mapping = (fields: Partial<EntityMapping>): EntityMapping =>
  ({
    tenant: 'logistics',
    entity: 'shipments',
    destinationId: DEST,
    object: 'Shipment__c',
    identity: { source: 'tracking_code', target: 'Tracking_Code__c' },
    fields: [
      { source: 'weight_kg', target: 'Weight_Kg__c', direction: 'both' },
      { source: 'shipped_on', target: 'Shipped_On__c', direction: 'in' },
      { source: 'status', target: 'Status__c', direction: 'both' },
      { source: 'fragile', target: 'Fragile__c', direction: 'out' },
    ],
    inbound: {
      conflictPolicy: 'last_writer_wins',
      modifiedAtColumn: 'updated_at',
      deletePolicy: 'soft_delete',
      softDeleteColumn: 'cancelled',
    },
    ...fields,
  }) as EntityMapping;
const shipments = mapping({});
const mappings = [
  shipments,
  // Another tenant's collection on the same CRM object: both read the hinted records.
  mapping({ tenant: 'logistics-eu', identity: { source: '$id', target: 'Syncline_Id__c' } }),
  mapping({ entity: 'carriers', object: 'Carrier__c', inbound: undefined }),
  mapping({ destinationId: PAUSED }),
  mapping({ destinationId: OTHER, tenant: 'logistics-us' }),
];

const at = Date.parse('2026-12-05T03:00:00.000Z');
const hint = (externalId: string, fields: Partial<InboundHint> = {}): InboundHint => ({
  destinationId: DEST,
  object: 'Shipment__c',
  externalId,
  kind: 'change',
  occurredAt: at,
  source: 'webhook',
  receivedAt: at + 200,
  ...fields,
});
const batchOf = (...hints: (InboundHint | Buffer)[]): KafkaBatch => ({
  topic: 'syncline.inbound-hints',
  partition: 0,
  lag: 0,
  messages: hints.map((h, i) => ({
    topic: 'syncline.inbound-hints',
    partition: 0,
    offset: String(i),
    key: null,
    value: Buffer.isBuffer(h) ? h : encodeInboundHint(h),
    headers: {},
    timestamp: at,
  })),
});
const remote = (externalId: string): RemoteRecord => ({
  externalId,
  identity: `TRK-${externalId}`,
  properties: { Weight_Kg__c: 12.5, Status__c: 'in_transit' },
  lastModified: '2026-12-05T02:59:59.000Z',
});

describe(ApplyInboundHintsUseCase.name, () => {
  let reads: { object: string; identity: string; ids: string[]; properties: string[] }[];
  let applied: { tenant: string; records: string[] }[];
  let deletions: { tenant: string; deleted: DeletedRecord[] }[];
  let inCrm: Set<string>;
  let slots: number;
  let granted: boolean;
  let connector: Partial<CrmConnector>;
  /** Destinations whose CRM cannot be reached. */
  let down: Set<string>;
  let deferred: Map<string, InboundHintRetry & { delayMs: number }>;
  let metrics: DeliveryWorkerMetrics;
  let useCase: ApplyInboundHintsUseCase;

  beforeEach(() => {
    reads = [];
    applied = [];
    deletions = [];
    inCrm = new Set(['ACME|42', 'ACME|43', 'DHL|7']);
    slots = 0;
    granted = true;
    down = new Set();
    deferred = new Map();
    connector = {
      kind: 'salesforce',
      readByExternalId: async (object, identity, ids, properties) => {
        reads.push({ object, identity, ids, properties });
        return ids.filter((id) => inCrm.has(id)).map(remote);
      },
    };
    metrics = new DeliveryWorkerMetrics(new MetricsRegistry('delivery-worker-test'));
    const snapshot = {
      destination: (id: string) => destinations[id],
      mappingsOf: (id: string) => mappings.filter((m) => m.destinationId === id),
    } as unknown as ControlPlaneSnapshot;
    const unreachable = (destination: Destination): Partial<CrmConnector> => ({
      kind: 'salesforce',
      readByExternalId: async () => {
        throw new DeliveryException('transient', `${destination.id} unreachable: ECONNREFUSED`);
      },
    });
    const pool = {
      connectorFor: async (destination: Destination) =>
        down.has(destination.id) ? unreachable(destination) : connector,
    } as unknown as ConnectorPool;
    let deferrals = 0;
    const retries = {
      defer: async (
        destinationId: string,
        object: string,
        hints: { externalId: string; occurredAt: number }[],
        delayMs: number,
      ) => {
        for (const { externalId, occurredAt } of hints)
          deferred.set(`${destinationId}/${object}/${externalId}`, {
            destinationId,
            object,
            externalId,
            occurredAt,
            deferredAt: String((deferrals += 1)),
            delayMs,
          });
      },
      // Everything is due: the backoff is the repository's business.
      claimDue: async (): Promise<InboundHintRetry[]> =>
        [...deferred.values()].map(({ delayMs: _delay, ...retry }) => retry),
      remove: async (claimed: InboundHintRetry[]) => {
        for (const retry of claimed) {
          const key = `${retry.destinationId}/${retry.object}/${retry.externalId}`;
          if (deferred.get(key)?.deferredAt === retry.deferredAt) deferred.delete(key);
        }
      },
    } as unknown as InboundHintRetryRepository;
    const limiter = {
      acquire: async () => {
        slots += 1;
        return granted ? { granted: true, waitMs: 0 } : { granted: false, waitMs: 700 };
      },
    } as unknown as SharedRateLimiter;
    const inbound = {
      apply: async (_d: Destination, m: EntityMapping, records: RemoteRecord[]) => {
        applied.push({ tenant: m.tenant, records: records.map((r) => r.externalId) });
        return [];
      },
      applyDeletions: async (_d: Destination, m: EntityMapping, deleted: DeletedRecord[]) => {
        if (deleted.length > 0) deletions.push({ tenant: m.tenant, deleted });
        return [];
      },
    } as unknown as ApplyInboundUseCase;
    useCase = new ApplyInboundHintsUseCase(snapshot, pool, limiter, inbound, metrics, retries);
  });

  const hintsCounted = async (outcome: string) =>
    (await metrics.inboundHints.get()).values
      .filter((v) => v.labels.outcome === outcome)
      .reduce((sum, v) => sum + v.value, 0);

  it('reads the hinted records once per two-way mapping, with its identity and inbound fields, and applies what the CRM holds now', async () => {
    await useCase.execute(batchOf(hint('ACME|42'), hint('ACME|43'), hint('ACME|42')));
    expect(reads).toEqual([
      {
        object: 'Shipment__c',
        identity: 'Tracking_Code__c',
        ids: ['ACME|43', 'ACME|42'],
        properties: ['Weight_Kg__c', 'Shipped_On__c', 'Status__c'],
      },
      expect.objectContaining({ identity: 'Syncline_Id__c', ids: ['ACME|43', 'ACME|42'] }),
    ]);
    expect(applied).toEqual([
      { tenant: 'logistics', records: ['ACME|43', 'ACME|42'] },
      { tenant: 'logistics-eu', records: ['ACME|43', 'ACME|42'] },
    ]);
    expect(deletions).toEqual([]);
    expect(slots).toBe(2);
  });

  it('applies deletion hints as deletions at their time, without reading them', async () => {
    await useCase.execute(batchOf(hint('DHL|7', { kind: 'deletion', occurredAt: at + 5 })));
    expect(reads).toEqual([]);
    expect(deletions[0]).toEqual({
      tenant: 'logistics',
      deleted: [{ externalId: 'DHL|7', identity: null, deletedAt: '2026-12-05T03:00:00.005Z' }],
    });
  });

  it("takes a record's newest hint: changed then deleted is a deletion, deleted then restored a change", async () => {
    await useCase.execute(
      batchOf(
        hint('ACME|42'),
        hint('ACME|42', { kind: 'deletion' }),
        hint('DHL|7', { kind: 'deletion' }),
        hint('DHL|7'),
      ),
    );
    expect(reads.map((r) => r.ids)).toEqual([['DHL|7'], ['DHL|7']]);
    expect(deletions.map((d) => d.deleted.map((r) => r.externalId))).toEqual([
      ['ACME|42'],
      ['ACME|42'],
    ]);
  });

  it('applies a changed record the CRM no longer returns as deleted at the hint time', async () => {
    await useCase.execute(batchOf(hint('ACME|42'), hint('UPS|1', { occurredAt: at + 9 })));
    expect(applied[0]).toEqual({ tenant: 'logistics', records: ['ACME|42'] });
    expect(deletions[0]).toEqual({
      tenant: 'logistics',
      deleted: [{ externalId: 'UPS|1', identity: null, deletedAt: '2026-12-05T03:00:00.009Z' }],
    });
  });

  it('reads at most 100 records per call, each call taking a rate-limit slot', async () => {
    const many = Array.from({ length: 250 }, (_, i) => hint(`FEDEX|${i}`));
    await useCase.execute(batchOf(...many));
    expect(reads.filter((r) => r.identity === 'Tracking_Code__c').map((r) => r.ids.length)).toEqual(
      [100, 100, 50],
    );
    expect(slots).toBe(6);
  });

  it('skips hints of unknown destinations, one-way objects and paused destinations, without calling the CRM', async () => {
    await useCase.execute(
      batchOf(
        hint('ACME|42', { destinationId: '3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f' }),
        hint('C-1', { object: 'Carrier__c' }),
        hint('ACME|43', { destinationId: PAUSED }),
      ),
    );
    expect([reads, applied, deletions]).toEqual([[], [], []]);
    expect(await hintsCounted('skipped')).toBe(2);
    expect(await hintsCounted('paused')).toBe(1);
  });

  it('defers the records, applying nothing, when the rate limit grants no slot: no sooner than it said', async () => {
    granted = false;
    await useCase.execute(batchOf(hint('ACME|42')));
    expect(applied).toEqual([]);
    expect([...deferred.values()]).toEqual([
      expect.objectContaining({
        destinationId: DEST,
        object: 'Shipment__c',
        externalId: 'ACME|42',
      }),
    ]);
    expect([...deferred.values()][0].delayMs).toBeGreaterThanOrEqual(700);
  });

  it("applies the other destinations' hints while one CRM is unreachable, and its records once it is back", async () => {
    down.add(DEST);
    await useCase.execute(
      batchOf(hint('ACME|42'), hint('DHL|7', { destinationId: OTHER }), hint('ACME|43')),
    );
    // The partition moves on: the reachable CRM's record is applied, the other's kept for later.
    expect(applied).toEqual([{ tenant: 'logistics-us', records: ['DHL|7'] }]);
    expect(
      [...deferred.values()].map((r) => [r.destinationId, r.externalId, r.occurredAt]),
    ).toEqual([
      [DEST, 'ACME|42', at],
      [DEST, 'ACME|43', at],
    ]);
    // Counted per two-way mapping that read them, like 'read'.
    expect(await hintsCounted('deferred')).toBe(4);

    // Still down: deferred again, not lost.
    expect(await useCase.retryDeferred()).toBe(2);
    expect(deferred.size).toBe(2);

    down.delete(DEST);
    expect(await useCase.retryDeferred()).toBe(2);
    expect(applied.slice(1)).toEqual([
      { tenant: 'logistics', records: ['ACME|42', 'ACME|43'] },
      { tenant: 'logistics-eu', records: ['ACME|42', 'ACME|43'] },
    ]);
    expect(deferred.size).toBe(0);
    expect(await useCase.retryDeferred()).toBe(0);
  });

  it('still fails the batch (redone) when the failure is not the CRM read (e.g. Postgres)', async () => {
    const failing = new Error('connection terminated');
    connector = {
      kind: 'salesforce',
      readByExternalId: async () => {
        throw failing;
      },
    };
    await expect(useCase.execute(batchOf(hint('ACME|42')))).rejects.toBe(failing);
    expect(deferred.size).toBe(0);
  });

  it('rejects a malformed hint as not retriable before doing any work (the transport dead-letters it)', async () => {
    const failure = useCase.execute(batchOf(hint('ACME|42'), Buffer.from('{"destinationId":7}')));
    await expect(failure).rejects.toBeInstanceOf(DecodeFailure);
    await expect(failure).rejects.toMatchObject({
      retriable: false,
      message: expect.stringMatching(/destinationId/),
    });
    expect(reads).toEqual([]);
  });

  it('still applies deletions when the connector cannot read records back, counting the change hints it drops', async () => {
    connector = { kind: 'rest' };
    await useCase.execute(batchOf(hint('ACME|42'), hint('ACME|43', { kind: 'deletion' })));
    expect(applied).toEqual([]);
    expect(deletions.map((d) => d.deleted.map((r) => r.externalId))).toEqual([
      ['ACME|43'],
      ['ACME|43'],
    ]);
    expect(await hintsCounted('unreadable')).toBe(2);
  });

  it("applies a REST webhook's record state as it is, without reading the CRM", async () => {
    connector = { kind: 'rest' };
    const state = {
      properties: { Tracking_Code__c: 'TRK-9', Weight_Kg__c: '13.0', Status__c: 'delivered' },
      modifiedAt: '2026-12-05T03:00:01.000Z',
    };
    await useCase.execute(batchOf(hint('ACME|9', { state })));
    expect(reads).toEqual([]);
    expect(applied).toEqual([
      { tenant: 'logistics', records: ['ACME|9'] },
      { tenant: 'logistics-eu', records: ['ACME|9'] },
    ]);
    expect(await hintsCounted('state')).toBe(2);
  });
});
