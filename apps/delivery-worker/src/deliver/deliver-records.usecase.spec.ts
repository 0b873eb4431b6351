import {
  CachedRecord,
  RateDecision,
  RecordCacheRepository,
  SharedRateLimiter,
} from '@syncline/cache';
import { CrmConnector, DeliveryException, ItemResult } from '@syncline/connectors';
import {
  ControlPlaneSnapshot,
  DeliveryLogEntry,
  DeliveryLogRepository,
  Destination,
  RemoteRecordRepository,
  RemoteRecordState,
} from '@syncline/control-plane';
import { RecordChangedNotice, recordChangedKey } from '@syncline/events';
import { DurableKafkaProducer } from '@syncline/kafka';
import { EntityMapping, MappedRecord, SyncRules } from '@syncline/mapping';
import { NotificationEvent, NotificationEventRecorder } from '@syncline/notifications';
import { MetricsRegistry } from '@syncline/observability';
import {
  CollectionDefinition,
  CollectionRegistry,
  InvalidRecordIdException,
} from '@syncline/records';
import { CircuitBreaker, RetryPolicy } from '@syncline/resilience';
import { TroubleReporter } from '../notify/trouble-reporter.service';
import { DeliveryWorkerMetrics } from '../services/delivery-worker.metrics';
import { ConnectorPool } from './connector-pool.service';
import { DeliverRecordsUseCase } from './deliver-records.usecase';
import { SourceStateReader } from './source-state.reader';

const destination: Destination = {
  id: '00000000-0000-4000-8000-000000000001',
  tenant: 'acme',
  name: 'CRM',
  kind: 'hubspot',
  baseUrl: 'http://crm.invalid',
  options: {},
  rateLimit: { requestsPerInterval: 100, intervalMs: 1000 },
  mirror: false,
  paused: false,
  version: 1,
};

// The demo's contacts as a fixture collection (tests may use them; product code does not).
const CONTACTS: CollectionDefinition = {
  name: 'contact',
  schema: 'public',
  table: 'contacts',
  keyColumns: ['id'],
  tenantColumn: 'tenant_id',
  versionColumn: 'version',
  columns: {
    tenant_id: { kind: 'text', nullable: false },
    id: { kind: 'text', nullable: false }, // short labels (r-1) stand for ids here
    email: { kind: 'text', nullable: true },
    status: { kind: 'text', nullable: true },
    version: { kind: 'bigint', nullable: false },
  },
};

const ALL_RULES: SyncRules = {
  operations: ['create', 'update', 'delete'],
  deletePolicy: 'archive',
};

function mappingWith(rules: SyncRules = ALL_RULES, object = 'contacts'): EntityMapping {
  return {
    id: 'm-1',
    tenant: 'acme',
    entity: 'contact',
    destinationId: destination.id,
    object,
    identity: { source: 'id', target: 'syncline_id' },
    fields: [
      { source: 'email', target: 'email' },
      { source: 'status', target: 'status' },
    ],
    rules,
    version: 1,
  };
}

const notice = (
  id: string,
  version: number,
  op: 'upsert' | 'delete' = 'upsert',
  changed?: string[],
): RecordChangedNotice => ({
  tenant: 'acme',
  entity: 'contact',
  id,
  version,
  op,
  changed,
  observedAt: Date.now(),
});

const live = (id: string, version: number, data: Record<string, unknown> = {}): CachedRecord => ({
  tenant: 'acme',
  entity: 'contact',
  id,
  version,
  deleted: false,
  data: { id, email: `${id}@example.com`, status: 'active', ...data },
});

const gone = (id: string, version: number): CachedRecord => ({
  tenant: 'acme',
  entity: 'contact',
  id,
  version,
  deleted: true,
});

/** The delivery log row a record has after these events (as the repository's COALESCE keeps it). */
function logRow(
  id: string,
  row: Partial<DeliveryLogEntry> & Pick<DeliveryLogEntry, 'operation' | 'status'>,
): DeliveryLogEntry {
  return {
    destinationId: destination.id,
    tenant: 'acme',
    entity: 'contact',
    recordId: id,
    version: 1,
    attempts: 1,
    ...row,
  };
}

/** A delivery log that was once accepted (upsert at v1), whatever happened since. */
const deliveredBefore = {
  payloadHash: 'hash-of-v1',
  deliveredVersion: 1,
  identity: 'r-1',
};

class FakeCrm implements CrmConnector {
  readonly kind = 'hubspot';
  readonly maxBatchSize = 100;
  readonly calls: { operation: 'upsert' | 'archive'; object: string; identities: string[] }[] = [];
  /** Next answers, consumed one per call; when empty, every item is accepted. */
  readonly script: (Error | ((identities: string[]) => ItemResult[]))[] = [];

  async upsert(object: string, _property: string, records: MappedRecord[]) {
    return this.answer(
      'upsert',
      object,
      records.map((record) => record.identity),
    );
  }
  async archive(object: string, _property: string, identities: string[]) {
    return this.answer('archive', object, identities);
  }
  async describe() {
    return [
      { name: 'email', type: 'string' },
      { name: 'status', type: 'string' },
      { name: 'on_hand', type: 'number' },
    ] as never;
  }
  async readByIdentity(): Promise<never> {
    throw new Error('not used');
  }
  // eslint-disable-next-line require-yield -- not used by delivery
  async *listAll(): AsyncGenerator<never> {
    throw new Error('not used');
  }
  private async answer(operation: 'upsert' | 'archive', object: string, identities: string[]) {
    this.calls.push({ operation, object, identities });
    const next = this.script.shift();
    if (next instanceof Error) throw next;
    if (next) return next(identities);
    return identities.map((identity) => ({ identity, ok: true as const }));
  }
}

// inventory.stock_levels as the fixture schema declares it: composite key within tenant `org`,
// version column `rev`.
const STOCK_LEVELS: CollectionDefinition = {
  name: 'stock_level',
  schema: 'inventory',
  table: 'stock_levels',
  keyColumns: ['warehouse_id', 'sku'],
  tenantColumn: 'org',
  versionColumn: 'rev',
  columns: {
    org: { kind: 'text', nullable: false },
    warehouse_id: { kind: 'integer', nullable: false },
    sku: { kind: 'text', nullable: false },
    on_hand: { kind: 'integer', nullable: false },
    rev: { kind: 'bigint', nullable: false },
  },
};

function harness(
  options: {
    mapping?: EntityMapping;
    maxAttemptsInBatch?: number;
    breaker?: CircuitBreaker;
    source?: Partial<SourceStateReader>;
  } = {},
) {
  const mapping = 'mapping' in options ? options.mapping : mappingWith();
  const { maxAttemptsInBatch = 2, breaker = new CircuitBreaker() } = options;
  const states = new Map<string, CachedRecord>();
  const log = new Map<string, DeliveryLogEntry>();
  const recorded: DeliveryLogEntry[] = [];
  const deadLetters: unknown[] = [];
  const crm = new FakeCrm();
  const slots: (RateDecision | Error)[] = [];
  const visible = { mapping };
  const control = { mapping, refreshes: 0, refreshFails: false };

  const snapshot = {
    mapping: () => visible.mapping,
    refresh: jest.fn(async () => {
      control.refreshes += 1;
      if (control.refreshFails) throw new Error('control plane unreachable');
      visible.mapping = control.mapping;
    }),
  } as unknown as ControlPlaneSnapshot;
  const cache = {
    getMany: async (refs: { tenant: string; entity: string; id: string }[]) =>
      refs.map((ref) => states.get(recordChangedKey(ref))),
  } as unknown as RecordCacheRepository;
  const collections = CollectionRegistry.of([CONTACTS, STOCK_LEVELS]);
  const source = {
    read: async () => undefined,
    ...options.source,
  } as unknown as SourceStateReader;
  const deliveryLog = {
    latest: async (_destination: string, refs: { tenant: string; entity: string; id: string }[]) =>
      new Map(
        refs
          .filter((ref) => log.has(recordChangedKey(ref)))
          .map((ref) => [recordChangedKey(ref), log.get(recordChangedKey(ref))!]),
      ),
    record: async (entries: DeliveryLogEntry[]) => {
      recorded.push(...entries);
    },
  } as unknown as DeliveryLogRepository;
  const remoteStates = new Map<string, RemoteRecordState>();
  const remembered: { recordId: string; externalId: string | null; properties: unknown }[] = [];
  const remote = {
    states: async (
      _destination: string,
      refs: { tenant: string; entity: string; recordId: string }[],
    ) =>
      new Map(
        refs
          .map((ref) => `${ref.tenant}/${ref.entity}/${ref.recordId}`)
          .filter((key) => remoteStates.has(key))
          .map((key) => [key, remoteStates.get(key)!]),
      ),
    rememberSent: async (_destination: string, sent: typeof remembered) => {
      remembered.push(...sent);
    },
  } as unknown as RemoteRecordRepository;
  const connectors = {
    connectorFor: async () => crm,
    properties: (_d: Destination, connector: CrmConnector) => connector.describe('contacts'),
  } as unknown as ConnectorPool;
  const limiter = {
    acquire: async (): Promise<RateDecision> => {
      const next = slots.shift();
      if (next instanceof Error) throw next;
      return next ?? { granted: true, used: 1 };
    },
    holdOff: async () => undefined,
  } as unknown as SharedRateLimiter;
  const producer = {
    ensureTopics: async () => undefined,
    send: async (_topic: string, messages: unknown[]) => {
      deadLetters.push(...messages);
    },
  } as unknown as DurableKafkaProducer;
  const metrics = new DeliveryWorkerMetrics(new MetricsRegistry('delivery-worker-spec'));
  const notified: NotificationEvent[] = [];
  const trouble = new TroubleReporter(
    {
      record: async (events: NotificationEvent[]) => {
        notified.push(...events);
      },
    } as unknown as NotificationEventRecorder,
    { heldThresholdMs: 0, apiUrl: 'https://syncline.example' },
  );

  const useCase = new DeliverRecordsUseCase(
    snapshot,
    cache,
    collections,
    source,
    deliveryLog,
    remote,
    connectors,
    limiter,
    producer,
    'syncline',
    maxAttemptsInBatch,
    metrics,
    trouble,
    new Map([[destination.id, breaker]]),
    new RetryPolicy({ initialDelayMs: 1, maxDelayMs: 1, jitter: 0 }),
  );
  return {
    useCase,
    states,
    log,
    recorded,
    deadLetters,
    notified,
    crm,
    slots,
    control,
    snapshot,
    remoteStates,
    remembered,
  };
}

const transient = () => new DeliveryException('transient', 'CRM unavailable', { status: 503 });

describe(DeliverRecordsUseCase.name, () => {
  describe('whether the CRM holds a record comes from what it accepted, not the last attempt', () => {
    it('archives a delete whose first archive failed during an outage (redo after the hold)', async () => {
      const h = harness();
      h.states.set('acme/contact/r-1', gone('r-1', 3));
      h.log.set(
        'acme/contact/r-1',
        logRow('r-1', {
          ...deliveredBefore,
          version: 3,
          operation: 'archive',
          status: 'failed',
          errorClass: 'transient',
        }),
      );
      const outcome = await h.useCase.execute(destination, [notice('r-1', 3, 'delete')]);
      expect(outcome).toEqual({ done: true });
      expect(h.crm.calls).toEqual([
        { operation: 'archive', object: 'contacts', identities: ['r-1'] },
      ]);
      expect(h.recorded).toEqual([
        expect.objectContaining({ recordId: 'r-1', operation: 'archive', status: 'delivered' }),
      ]);
    });

    it('delivers an update after a dead-lettered update attempt (update-only rules)', async () => {
      const h = harness({
        mapping: mappingWith({ operations: ['update'], deletePolicy: 'ignore' }),
      });
      h.states.set('acme/contact/r-1', live('r-1', 3, { email: 'fixed@example.com' }));
      h.log.set(
        'acme/contact/r-1',
        logRow('r-1', {
          ...deliveredBefore,
          version: 2,
          operation: 'upsert',
          status: 'dead_lettered',
          errorClass: 'permanent',
        }),
      );
      await h.useCase.execute(destination, [notice('r-1', 3)]);
      expect(h.crm.calls).toEqual([
        { operation: 'upsert', object: 'contacts', identities: ['r-1'] },
      ]);
    });

    it('archives a delivered record whose update failed and which was then deleted', async () => {
      const h = harness();
      h.states.set('acme/contact/r-1', gone('r-1', 3));
      h.log.set(
        'acme/contact/r-1',
        logRow('r-1', { ...deliveredBefore, version: 2, operation: 'upsert', status: 'failed' }),
      );
      await h.useCase.execute(destination, [notice('r-1', 3, 'delete')]);
      expect(h.crm.calls).toEqual([
        { operation: 'archive', object: 'contacts', identities: ['r-1'] },
      ]);
    });

    it('archives a delivered record whose update failed and which then stopped matching', async () => {
      const h = harness({
        mapping: mappingWith({
          ...ALL_RULES,
          conditions: [{ field: 'status', op: 'eq', value: 'active' }],
        }),
      });
      h.states.set('acme/contact/r-1', live('r-1', 3, { status: 'inactive' }));
      h.log.set(
        'acme/contact/r-1',
        logRow('r-1', { ...deliveredBefore, version: 2, operation: 'upsert', status: 'failed' }),
      );
      await h.useCase.execute(destination, [notice('r-1', 3, 'upsert', ['status'])]);
      expect(h.crm.calls).toEqual([
        { operation: 'archive', object: 'contacts', identities: ['r-1'] },
      ]);
    });

    it('archives a delete of a record whose only attempt failed (it may have landed)', async () => {
      const h = harness();
      h.states.set('acme/contact/r-1', gone('r-1', 2));
      h.log.set('acme/contact/r-1', logRow('r-1', { operation: 'upsert', status: 'failed' }));
      await h.useCase.execute(destination, [notice('r-1', 2, 'delete')]);
      expect(h.crm.calls).toEqual([
        { operation: 'archive', object: 'contacts', identities: ['r-1'] },
      ]);
    });

    it('does not archive again what was archived', async () => {
      const h = harness();
      h.states.set('acme/contact/r-1', gone('r-1', 3));
      h.log.set(
        'acme/contact/r-1',
        logRow('r-1', {
          ...deliveredBefore,
          payloadHash: 'archived',
          deliveredVersion: 3,
          version: 3,
          operation: 'archive',
          status: 'delivered',
        }),
      );
      expect(await h.useCase.execute(destination, [notice('r-1', 3, 'delete')])).toEqual({
        done: true,
      });
      expect(h.crm.calls).toEqual([]);
    });
  });

  describe('the circuit breaker always releases its half-open probe', () => {
    /** A breaker opened by one failure whose open period has passed: the next call is its probe. */
    function halfOpenBreaker() {
      let now = 0;
      const breaker = new CircuitBreaker(
        1,
        new RetryPolicy({ initialDelayMs: 1000, jitter: 0 }),
        () => now,
      );
      return { breaker, elapse: (ms: number) => (now += ms) };
    }

    async function openThenProbe(
      h: ReturnType<typeof harness>,
      elapse: (ms: number) => number,
      probe: () => void,
    ) {
      h.states.set('acme/contact/r-1', live('r-1', 1));
      h.crm.script.push(transient());
      const opened = await h.useCase.execute(destination, [notice('r-1', 1)]);
      expect(opened).toMatchObject({ done: false });
      elapse(1000);
      probe();
      expect(await h.useCase.execute(destination, [notice('r-1', 1)])).toMatchObject({
        done: false,
      });
      const callsBefore = h.crm.calls.length;
      const after = await h.useCase.execute(destination, [notice('r-1', 1)]);
      expect(after).toEqual({ done: true });
      expect(h.crm.calls.length).toBe(callsBefore + 1);
    }

    it('when the rate limiter refuses the slot', async () => {
      const { breaker, elapse } = halfOpenBreaker();
      const h = harness({ breaker, maxAttemptsInBatch: 1 });
      await openThenProbe(h, elapse, () =>
        h.slots.push({ granted: false, waitMs: 10_000, used: 100, reason: 'window' }),
      );
    });

    it('when the CRM answers rate_limited', async () => {
      const { breaker, elapse } = halfOpenBreaker();
      const h = harness({ breaker, maxAttemptsInBatch: 1 });
      await openThenProbe(h, elapse, () =>
        h.crm.script.push(
          new DeliveryException('rate_limited', '429', { status: 429, retryAfterMs: 10 }),
        ),
      );
    });

    it('when the limiter itself fails (a Redis blip)', async () => {
      const { breaker, elapse } = halfOpenBreaker();
      const h = harness({ breaker, maxAttemptsInBatch: 1 });
      h.states.set('acme/contact/r-1', live('r-1', 1));
      h.crm.script.push(transient());
      await h.useCase.execute(destination, [notice('r-1', 1)]);
      elapse(1000);
      h.slots.push(new Error('redis ECONNRESET'));
      await expect(h.useCase.execute(destination, [notice('r-1', 1)])).rejects.toThrow('redis');
      expect(await h.useCase.execute(destination, [notice('r-1', 1)])).toEqual({ done: true });
    });

    it('when the whole call is rejected for good (the record is dead-lettered, the next call goes)', async () => {
      const { breaker, elapse } = halfOpenBreaker();
      const h = harness({ breaker, maxAttemptsInBatch: 1 });
      h.states.set('acme/contact/r-1', live('r-1', 1));
      h.states.set('acme/contact/r-2', live('r-2', 1));
      h.crm.script.push(transient());
      await h.useCase.execute(destination, [notice('r-1', 1)]);
      elapse(1000);
      h.crm.script.push(new DeliveryException('permanent', 'bad request', { status: 400 }));
      expect(await h.useCase.execute(destination, [notice('r-1', 1)])).toEqual({ done: true });
      expect(h.deadLetters).toHaveLength(1);
      expect(await h.useCase.execute(destination, [notice('r-2', 1)])).toEqual({ done: true });
      expect(h.crm.calls.at(-1)).toMatchObject({ identities: ['r-2'] });
    });
  });

  describe('tells the tenant about dead letters, before the batch may commit', () => {
    it('one event per kind and reason, with every record counted, samples and the replay command', async () => {
      const h = harness();
      for (const id of ['r-1', 'r-2', 'r-3']) h.states.set(`acme/contact/${id}`, live(id, 1));
      h.crm.script.push(
        new DeliveryException('permanent', 'rejected', {
          status: 400,
          crmCode: 'VALIDATION_ERROR',
        }),
      );
      const notices = ['r-1', 'r-2', 'r-3'].map((id) => notice(id, 1));
      expect(await h.useCase.execute(destination, notices)).toEqual({ done: true });
      expect(h.notified).toEqual([
        expect.objectContaining({
          tenant: 'acme',
          kind: 'dead_letter',
          destinationId: destination.id,
          reason: 'VALIDATION_ERROR',
          count: 3,
          hint: expect.stringContaining(
            `https://syncline.example/v1/admin/tenants/acme/destinations/${destination.id}/dlq/replay`,
          ),
        }),
      ]);
      expect(h.notified[0].samples.map((s) => s.recordId)).toEqual(['r-1', 'r-2', 'r-3']);
    });

    it('counts records the CRM refused for our credentials as credentials_rejected', async () => {
      const h = harness();
      h.states.set('acme/contact/r-1', live('r-1', 1));
      h.crm.script.push(new DeliveryException('permanent', 'unauthorized', { status: 401 }));
      await h.useCase.execute(destination, [notice('r-1', 1)]);
      expect(h.notified).toEqual([
        expect.objectContaining({ kind: 'credentials_rejected', reason: '401', count: 1 }),
      ]);
    });
  });

  describe('two-way mappings: what the destination already holds is not sent back', () => {
    const twoWay = (): EntityMapping => ({
      ...mappingWith(),
      fields: [
        { source: 'email', target: 'email', direction: 'both' },
        { source: 'status', target: 'status', direction: 'both' },
      ],
      inbound: { conflictPolicy: 'postgres_wins', deletePolicy: 'ignore' },
    });
    const known = (
      id: string,
      values: Record<string, string>,
      pending: RemoteRecordState['pending'] = null,
      pendingForMs: number | null = null,
    ): RemoteRecordState => ({
      destinationId: destination.id,
      tenant: 'acme',
      entity: 'contact',
      recordId: id,
      externalId: `crm-${id}`,
      known: values,
      remoteModifiedAt: null,
      pending,
      pendingForMs,
    });

    it('does not send a change that came from the destination (its echo)', async () => {
      const h = harness({ mapping: twoWay() });
      h.states.set('acme/contact/r-1', live('r-1', 2, { status: 'churned' }));
      // The CRM user set status=churned; inbound wrote it to the row and to what is known.
      h.remoteStates.set(
        'acme/contact/r-1',
        known('r-1', { email: 'r-1@example.com', status: 'churned' }),
      );
      expect(await h.useCase.execute(destination, [notice('r-1', 2)])).toEqual({ done: true });
      expect(h.crm.calls).toEqual([]);
      expect(h.remembered).toEqual([]);
    });

    it('sends a change the destination does not hold, and remembers what it holds then', async () => {
      const h = harness({ mapping: twoWay() });
      h.states.set('acme/contact/r-1', live('r-1', 3, { status: 'won' }));
      h.remoteStates.set(
        'acme/contact/r-1',
        known('r-1', { email: 'r-1@example.com', status: 'churned' }),
      );
      expect(await h.useCase.execute(destination, [notice('r-1', 3)])).toEqual({ done: true });
      expect(h.crm.calls).toEqual([
        { operation: 'upsert', object: 'contacts', identities: ['r-1'] },
      ]);
      expect(h.remembered).toEqual([
        expect.objectContaining({
          recordId: 'r-1',
          externalId: 'crm-r-1',
          properties: { email: 'r-1@example.com', status: 'won' },
        }),
      ]);
    });

    it('holds the batch while an inbound change of a record is on its way into the row', async () => {
      const h = harness({ mapping: twoWay() });
      h.states.set('acme/contact/r-1', live('r-1', 3, { status: 'active' }));
      h.remoteStates.set(
        'acme/contact/r-1',
        known('r-1', { email: 'r-1@example.com', status: 'churned' }, { status: 'churned' }, 20),
      );
      expect(await h.useCase.execute(destination, [notice('r-1', 3)])).toMatchObject({
        done: false,
        reason: 'inbound_pending',
      });
      // Sending now would put the value the CRM user just replaced back.
      expect(h.crm.calls).toEqual([]);
    });

    it('stops waiting for an inbound change abandoned long ago', async () => {
      const h = harness({ mapping: twoWay() });
      h.states.set('acme/contact/r-1', live('r-1', 3, { status: 'active' }));
      h.remoteStates.set(
        'acme/contact/r-1',
        known(
          'r-1',
          { email: 'r-1@example.com', status: 'churned' },
          { status: 'churned' },
          120_000,
        ),
      );
      expect(await h.useCase.execute(destination, [notice('r-1', 3)])).toEqual({ done: true });
      expect(h.crm.calls).toHaveLength(1);
    });

    it('never overwrites a CRM-owned field at a destination that holds the record', async () => {
      const mapping: EntityMapping = {
        ...twoWay(),
        fields: [
          { source: 'email', target: 'email', direction: 'both', owner: 'postgres' },
          { source: 'status', target: 'status', direction: 'both', owner: 'crm' },
        ],
        inbound: { conflictPolicy: 'field_ownership', deletePolicy: 'ignore' },
      };
      const h = harness({ mapping });
      // Postgres changed both: the email is Postgres's to send, the status the CRM's to keep.
      h.states.set('acme/contact/r-1', live('r-1', 3, { email: 'new@example.com', status: 'won' }));
      h.remoteStates.set(
        'acme/contact/r-1',
        known('r-1', { email: 'r-1@example.com', status: 'churned' }),
      );
      expect(await h.useCase.execute(destination, [notice('r-1', 3)])).toEqual({ done: true });
      expect(h.remembered).toEqual([
        expect.objectContaining({ properties: { email: 'new@example.com' } }),
      ]);
    });

    it('keeps one-way mappings as they were: no known state is kept', async () => {
      const h = harness();
      h.states.set('acme/contact/r-1', live('r-1', 1));
      h.remoteStates.set(
        'acme/contact/r-1',
        known('r-1', { email: 'r-1@example.com', status: 'active' }),
      );
      expect(await h.useCase.execute(destination, [notice('r-1', 1)])).toEqual({ done: true });
      expect(h.crm.calls).toHaveLength(1);
      expect(h.remembered).toEqual([]);
    });
  });

  describe('a mapping this replica cannot see yet', () => {
    it('reloads the control plane and delivers with the mapping it finds', async () => {
      const h = harness({ mapping: undefined });
      h.control.mapping = mappingWith();
      h.states.set('acme/contact/r-1', live('r-1', 1));
      expect(await h.useCase.execute(destination, [notice('r-1', 1)])).toEqual({ done: true });
      expect(h.control.refreshes).toBe(1);
      expect(h.crm.calls).toHaveLength(1);
    });

    it('holds the batch when the control plane cannot be read', async () => {
      const h = harness({ mapping: undefined });
      h.control.refreshFails = true;
      h.states.set('acme/contact/r-1', live('r-1', 1));
      expect(await h.useCase.execute(destination, [notice('r-1', 1)])).toMatchObject({
        done: false,
      });
      expect(h.crm.calls).toEqual([]);
    });

    it('skips the task when the reloaded control plane confirms the mapping is gone', async () => {
      const h = harness({ mapping: undefined });
      h.states.set('acme/contact/r-1', live('r-1', 1));
      expect(await h.useCase.execute(destination, [notice('r-1', 1)])).toEqual({ done: true });
      expect(h.control.refreshes).toBe(1);
      expect(h.crm.calls).toEqual([]);
    });
  });

  describe('progress (Kafka membership)', () => {
    it('heartbeats between CRM calls and while waiting to retry', async () => {
      const h = harness({ maxAttemptsInBatch: 3 });
      h.states.set('acme/contact/r-1', live('r-1', 1));
      h.crm.script.push(transient());
      const progress = { heartbeat: jest.fn(async () => undefined), stillOwned: () => true };
      expect(await h.useCase.execute(destination, [notice('r-1', 1)], progress)).toEqual({
        done: true,
      });
      expect(h.crm.calls).toHaveLength(2);
      expect(progress.heartbeat.mock.calls.length).toBeGreaterThanOrEqual(2);
    });

    it('heartbeats while it waits for a rate-limit slot, and stops there once revoked', async () => {
      const h = harness();
      h.states.set('acme/contact/r-1', live('r-1', 1));
      h.slots.push({ granted: false, waitMs: 20, used: 100, reason: 'window' });
      let owned = true;
      const progress = {
        heartbeat: jest.fn(async () => {
          if (progress.heartbeat.mock.calls.length >= 2) owned = false; // revoked during the wait
        }),
        stillOwned: () => owned,
      };
      expect(await h.useCase.execute(destination, [notice('r-1', 1)], progress)).toMatchObject({
        done: false,
        reason: 'revoked',
      });
      expect(h.crm.calls).toEqual([]);
    });

    it('keeps working when a heartbeat fails (the next one or the commit will tell)', async () => {
      const h = harness();
      h.states.set('acme/contact/r-1', live('r-1', 1));
      const progress = {
        heartbeat: jest.fn(async () => Promise.reject(new Error('rebalance in progress'))),
        stillOwned: () => true,
      };
      expect(await h.useCase.execute(destination, [notice('r-1', 1)], progress)).toEqual({
        done: true,
      });
    });

    it('stops before the next CRM call once the partition is no longer owned', async () => {
      const h = harness();
      h.states.set('acme/contact/r-1', live('r-1', 1));
      const progress = { heartbeat: async () => undefined, stillOwned: () => false };
      expect(await h.useCase.execute(destination, [notice('r-1', 1)], progress)).toMatchObject({
        done: false,
      });
      expect(h.crm.calls).toEqual([]);
    });
  });

  it('re-sends an unchanged payload when the mapping now points at another object', async () => {
    const h = harness({ mapping: mappingWith(ALL_RULES, 'leads') });
    h.states.set('acme/contact/r-1', live('r-1', 2));
    // Delivered to `contacts` with exactly these properties.
    const first = harness();
    first.states.set('acme/contact/r-1', live('r-1', 2));
    await first.useCase.execute(destination, [notice('r-1', 2)]);
    const accepted = first.recorded[0];
    h.log.set('acme/contact/r-1', accepted);
    await h.useCase.execute(destination, [notice('r-1', 2)]);
    expect(h.crm.calls).toEqual([{ operation: 'upsert', object: 'leads', identities: ['r-1'] }]);
  });

  describe('on any collection', () => {
    const stockMapping: EntityMapping = {
      ...mappingWith(ALL_RULES, 'p_stock_levels'),
      entity: 'stock_level',
      identity: { source: '$id', target: 'syncline_key' },
      fields: [{ source: 'on_hand', target: 'on_hand' }],
    };
    const stockNotice = (id: string, version: number, op: 'upsert' | 'delete' = 'upsert') => ({
      ...notice(id, version, op),
      entity: 'stock_level',
    });

    it('reads a record the cache lacks from the source by its composite id, and sends it', async () => {
      const read = jest.fn(async () => ({
        record: { org: 'acme', warehouse_id: 7, sku: 'A,B', on_hand: 4, rev: 3 },
        version: 3,
      }));
      const h = harness({ mapping: stockMapping, source: { read } });
      await h.useCase.execute(destination, [stockNotice('7,A%2CB', 3)]);
      expect(read).toHaveBeenCalledWith(STOCK_LEVELS, 'acme', '7,A%2CB', 3);
      expect(h.crm.calls).toEqual([
        { operation: 'upsert', object: 'p_stock_levels', identities: ['7,A%2CB'] },
      ]);
      expect(h.recorded).toEqual([
        expect.objectContaining({ recordId: '7,A%2CB', deliveredVersion: 3, status: 'delivered' }),
      ]);
    });

    it('archives a deleted record under its record id, with no data and no log row', async () => {
      const h = harness({ mapping: stockMapping });
      await h.useCase.execute(destination, [stockNotice('7,SKU-1', 5, 'delete')]);
      expect(h.crm.calls).toEqual([
        { operation: 'archive', object: 'p_stock_levels', identities: ['7,SKU-1'] },
      ]);
    });

    it('archives under a key column taken from the id when that column is the identity', async () => {
      const h = harness({
        mapping: { ...stockMapping, identity: { source: 'warehouse_id', target: 'wh' } },
      });
      await h.useCase.execute(destination, [stockNotice('7,SKU-1', 5, 'delete')]);
      expect(h.crm.calls).toEqual([
        { operation: 'archive', object: 'p_stock_levels', identities: ['7'] },
      ]);
    });

    it('dead-letters a record of a collection the source does not have, naming it', async () => {
      const h = harness({ mapping: { ...stockMapping, entity: 'ghost' } });
      await h.useCase.execute(destination, [{ ...notice('g-1', 1), entity: 'ghost' }]);
      expect(h.crm.calls).toEqual([]);
      expect(h.recorded).toEqual([
        expect.objectContaining({
          recordId: 'g-1',
          status: 'dead_lettered',
          error: expect.stringContaining("'ghost' is not a collection of the source"),
        }),
      ]);
      expect(h.deadLetters).toHaveLength(1);
    });

    it('dead-letters an id with the wrong number of key parts instead of archiving it', async () => {
      const h = harness({
        mapping: stockMapping,
        source: {
          read: async () => {
            throw new InvalidRecordIdException('stock_level', '7', 'expected 2 key parts');
          },
        },
      });
      await h.useCase.execute(destination, [stockNotice('7', 2)]);
      expect(h.crm.calls).toEqual([]);
      expect(h.recorded).toEqual([
        expect.objectContaining({ recordId: '7', status: 'dead_lettered' }),
      ]);
    });
  });
});
