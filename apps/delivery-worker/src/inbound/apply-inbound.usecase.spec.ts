import { RecordCacheRepository } from '@syncline/cache';
import { CrmConnector, DeliveryException, ItemResult, RemoteRecord } from '@syncline/connectors';
import {
  Destination,
  InboundLogEntry,
  InboundLogRepository,
  RecordRef,
  RemoteRecordRepository,
  RemoteRecordState,
} from '@syncline/control-plane';
import { EntityMapping } from '@syncline/mapping';
import { MetricsRegistry } from '@syncline/observability';
import { RecordWriter } from '@syncline/record-writes';
import { CanonicalRecord, CollectionDefinition, CollectionRegistry } from '@syncline/records';
import {
  PositionedRecord,
  RecordRejectedException,
  SourceRecordRepository,
} from '@syncline/source';
import { DeliveryWorkerMetrics } from '../services/delivery-worker.metrics';
import { ApplyInboundUseCase } from './apply-inbound.usecase';

// A made-up support desk, unlike the demo's schema: tickets keyed by a generated integer within
// tenant `org`, a required subject, and a natural key (`ref_code`) some mappings identify by.
const TICKETS: CollectionDefinition = {
  name: 'ticket',
  schema: 'support',
  table: 'tickets',
  keyColumns: ['id'],
  tenantColumn: 'org',
  versionColumn: 'rev',
  columns: {
    org: { kind: 'text', nullable: false, generated: true },
    id: { kind: 'integer', nullable: false, generated: true, hasDefault: true },
    ref_code: { kind: 'text', nullable: true },
    subject: { kind: 'text', nullable: false },
    priority: { kind: 'text', nullable: true },
    rev: { kind: 'bigint', nullable: false, generated: true },
  },
};

const destination: Destination = {
  id: '00000000-0000-4000-8000-000000000007',
  tenant: 'org-1',
  name: 'Desk CRM',
  kind: 'hubspot',
  baseUrl: 'http://crm.invalid',
  options: {},
  rateLimit: { requestsPerInterval: 100, intervalMs: 1000 },
  mirror: false,
  paused: false,
  version: 1,
};

function mapping(
  options: { createRows?: boolean; identity?: EntityMapping['identity'] } = {},
): EntityMapping {
  return {
    id: 'm-tickets',
    tenant: 'org-1',
    entity: 'ticket',
    destinationId: destination.id,
    object: 'tickets',
    identity: options.identity ?? { source: '$id', target: 'syncline_id' },
    fields: [
      { source: 'subject', target: 'subject', direction: 'both' },
      { source: 'priority', target: 'hs_ticket_priority', direction: 'in' },
    ],
    rules: { operations: ['create', 'update', 'delete'], deletePolicy: 'archive' },
    inbound: {
      conflictPolicy: 'crm_wins',
      deletePolicy: 'ignore',
      ...(options.createRows === false ? {} : { createRows: true }),
    },
    version: 1,
  };
}

/** A ticket a CRM user created: no identity value yet. */
const userTicket = (properties: Record<string, unknown>, identity: string | null = null) =>
  ({
    externalId: '9001',
    identity,
    properties: { subject: null, hs_ticket_priority: null, ...properties },
    lastModified: '2026-12-05T07:00:00.000Z',
  }) satisfies RemoteRecord;

const keyOf = (ref: RecordRef) => `${ref.tenant}/${ref.entity}/${ref.recordId}`;

function harness() {
  const rows = new Map<string, PositionedRecord>();
  let nextId = 41;
  const source = {
    insert: async (_c: CollectionDefinition, tenant: string, body: Record<string, unknown>) => {
      // The table's CHECK constraint: a subject must not be blank.
      if (typeof body.subject === 'string' && body.subject.trim() === '')
        throw new RecordRejectedException('23514', 'tickets_subject_check', 'violates check');
      nextId += 1;
      const record: CanonicalRecord = { priority: null, ref_code: null, ...body, org: tenant };
      record.id = nextId;
      record.rev = 1;
      const stored = { record, version: 1, position: 0 };
      rows.set(String(nextId), stored);
      return stored;
    },
    findManyPositioned: async (_c: CollectionDefinition, _t: string, ids: readonly string[]) =>
      ids.flatMap((id) => rows.get(id) ?? []),
    idsByColumnText: async (_c: CollectionDefinition, _t: string, column: string) =>
      new Map([...rows.entries()].map(([id, row]) => [String(row.record[column]), id] as const)),
  } as unknown as SourceRecordRepository;
  const collections = CollectionRegistry.of([TICKETS]);
  const cache = { apply: async () => undefined } as unknown as RecordCacheRepository;
  const writer = new RecordWriter(collections, source, cache);

  const links = new Map<string, RemoteRecordState>();
  const remote = {
    states: async (_d: string, refs: readonly RecordRef[]) =>
      new Map(
        refs.flatMap((ref) =>
          links.has(keyOf(ref)) ? [[keyOf(ref), links.get(keyOf(ref))!]] : [],
        ),
      ),
    byExternalIds: async (_d: string, ids: readonly string[]) =>
      new Map(
        [...links.values()]
          .filter((l) => ids.includes(l.externalId!))
          .map((l) => [l.externalId!, l]),
      ),
    beginInbound: async (state: RemoteRecordState) => {
      links.set(keyOf(state), { ...state });
    },
    finishInbound: async (_d: string, ref: RecordRef) => {
      links.get(keyOf(ref))!.pending = null;
    },
    rememberIdentity: async (_d: string, ref: RecordRef, identity: Record<string, string>) => {
      const link = links.get(keyOf(ref))!;
      link.known = { ...link.known, ...identity };
      if (link.pending && Object.keys(link.pending).length === 0) link.pending = null;
    },
  } as unknown as RemoteRecordRepository;
  const logged: InboundLogEntry[] = [];
  const log = {
    record: async (entries: InboundLogEntry[]) => {
      logged.push(...entries);
    },
  } as unknown as InboundLogRepository;
  const metrics = new DeliveryWorkerMetrics(new MetricsRegistry('apply-inbound-spec'));

  const updates: { object: string; externalId: string; properties: Record<string, unknown> }[] = [];
  const failures: (Error | ItemResult)[] = [];
  const connector = {
    kind: 'hubspot',
    updateByExternalId: async (
      object: string,
      items: { externalId: string; properties: Record<string, unknown> }[],
    ) => {
      const failure = failures.shift();
      if (failure instanceof Error) throw failure;
      updates.push(...items.map((item) => ({ object, ...item })));
      return items.map(
        (item): ItemResult =>
          failure ?? { identity: item.externalId, ok: true, externalId: item.externalId },
      );
    },
  } as unknown as CrmConnector;

  const useCase = new ApplyInboundUseCase(collections, source, writer, remote, log, metrics);
  const counted = async (outcome: string) =>
    (await metrics.inboundRecords.get()).values
      .filter((v) => v.labels.outcome === outcome)
      .reduce((sum, v) => sum + v.value, 0);
  return { useCase, rows, links, logged, updates, failures, connector, counted };
}

describe(ApplyInboundUseCase.name, () => {
  describe('inbound.createRows', () => {
    it('creates a row for a record linked to none, links it and writes its id back as the identity', async () => {
      const h = harness();

      const [entry] = await h.useCase.apply(
        destination,
        mapping(),
        [userTicket({ subject: 'Printer on fire', hs_ticket_priority: 'HIGH' })],
        h.connector,
      );

      expect(entry).toMatchObject({
        outcome: 'created',
        recordId: '42',
        externalId: '9001',
        error: null,
      });
      expect(h.rows.get('42')?.record).toMatchObject({
        org: 'org-1',
        subject: 'Printer on fire',
        priority: 'HIGH',
      });
      expect(h.updates).toEqual([
        { object: 'tickets', externalId: '9001', properties: { syncline_id: '42' } },
      ]);
      // Linked, known as read plus the identity, no hold left: the row's CDC insert finds the
      // destination holding it (no echo) and goes by the identity it now carries.
      expect(h.links.get('org-1/ticket/42')).toMatchObject({
        externalId: '9001',
        known: { subject: 'Printer on fire', hs_ticket_priority: 'HIGH', syncline_id: '42' },
        pending: null,
      });
      expect(h.logged).toEqual([entry]);
      expect(await h.counted('created')).toBe(1);
    });

    it('logs a record Postgres refuses (a CHECK constraint) as failed and still applies the rest of the page', async () => {
      const h = harness();
      const refused = userTicket({ subject: '  ' });
      const accepted = { ...userTicket({ subject: 'Printer on fire' }), externalId: '9002' };

      const entries = await h.useCase.apply(
        destination,
        mapping(),
        [refused, accepted],
        h.connector,
      );

      expect(entries.map((e) => [e.externalId, e.outcome])).toEqual([
        ['9001', 'failed'],
        ['9002', 'created'],
      ]);
      expect(entries[0].error).toContain('tickets_subject_check');
      expect([...h.rows.values()].map((row) => row.record.subject)).toEqual(['Printer on fire']);
    });

    it('creates nothing without createRows: the record is ignored', async () => {
      const h = harness();

      const [entry] = await h.useCase.apply(
        destination,
        mapping({ createRows: false }),
        [userTicket({ subject: 'Printer on fire' })],
        h.connector,
      );

      expect(entry.outcome).toBe('ignored');
      expect(h.rows.size).toBe(0);
      expect(h.links.size).toBe(0);
      expect(h.updates).toEqual([]);
    });

    it('does not bring back a row deleted here: a record carrying a record-id or key identity is ignored', async () => {
      const h = harness();

      const [entry] = await h.useCase.apply(
        destination,
        mapping(),
        [userTicket({ subject: 'Printer on fire' }, '17')],
        h.connector,
      );
      const [byKey] = await h.useCase.apply(
        destination,
        mapping({ identity: { source: 'id', target: 'ticket_id' } }),
        [{ ...userTicket({ subject: 'Printer on fire' }, '18'), externalId: '9002' }],
        h.connector,
      );

      expect(entry.outcome).toBe('ignored');
      expect(byKey.outcome).toBe('ignored');
      expect(h.rows.size).toBe(0);
      expect(h.updates).toEqual([]);
    });

    it('creates the row of a natural-key identity with that column set, nothing to write back', async () => {
      const h = harness();
      const byRef = mapping({ identity: { source: 'ref_code', target: 'ticket_ref' } });

      const [entry] = await h.useCase.apply(
        destination,
        byRef,
        [userTicket({ subject: 'Paper jam' }, 'T-2041')],
        h.connector,
      );

      expect(entry).toMatchObject({ outcome: 'created', recordId: '42' });
      expect(h.rows.get('42')?.record).toMatchObject({ ref_code: 'T-2041', subject: 'Paper jam' });
      expect(h.updates).toEqual([]);
      expect(h.links.get('org-1/ticket/42')).toMatchObject({
        known: { ticket_ref: 'T-2041' },
        pending: null,
      });
    });

    it('fails clearly, once, when a column the create needs is filled by no inbound field', async () => {
      const h = harness();

      const [entry] = await h.useCase.apply(
        destination,
        mapping(),
        [userTicket({ hs_ticket_priority: 'LOW' })],
        h.connector,
      );

      expect(entry.outcome).toBe('failed');
      expect(entry.error).toMatch(/cannot create a row: ticket violates its schema: .*subject/);
      expect(h.rows.size).toBe(0);
      expect(h.links.size).toBe(0);
      expect(await h.counted('failed')).toBe(1);
    });

    it('completes a link whose identity write-back failed on the next apply, without a second row', async () => {
      const h = harness();
      const record = userTicket({ subject: 'Printer on fire' });
      h.failures.push(new DeliveryException('transient', 'HubSpot batch update tickets: 502'));

      await expect(h.useCase.apply(destination, mapping(), [record], h.connector)).rejects.toThrow(
        /502/,
      );
      // The row and its link are in; deliveries of the row to this destination wait.
      expect(h.rows.size).toBe(1);
      expect(h.links.get('org-1/ticket/42')).toMatchObject({ externalId: '9001', pending: {} });

      // Read again (the poll page is retried), still without its identity.
      const [entry] = await h.useCase.apply(destination, mapping(), [record], h.connector);

      expect(entry).toMatchObject({ outcome: 'unchanged', recordId: '42' });
      expect(h.rows.size).toBe(1);
      expect(h.updates).toEqual([
        { object: 'tickets', externalId: '9001', properties: { syncline_id: '42' } },
      ]);
      expect(h.links.get('org-1/ticket/42')).toMatchObject({
        known: { subject: 'Printer on fire', syncline_id: '42' },
        pending: null,
      });
    });

    it('logs a refused write-back as failed and keeps the hold until the expiry', async () => {
      const h = harness();
      const refused = new DeliveryException('permanent', 'Ticket already exists. Existing ID: 77');
      h.failures.push({ identity: '9001', ok: false, error: refused });

      const [entry] = await h.useCase.apply(
        destination,
        mapping(),
        [userTicket({ subject: 'Printer on fire' })],
        h.connector,
      );

      expect(entry).toMatchObject({ outcome: 'created', recordId: '42' });
      expect(entry.error).toMatch(/cannot write the identity back: Ticket already exists/);
      expect(h.links.get('org-1/ticket/42')?.pending).toEqual({});
    });

    it('refuses to create rows through a connector that cannot write the identity back', async () => {
      const h = harness();
      const rest = { kind: 'rest' } as unknown as CrmConnector;

      const [entry] = await h.useCase.apply(
        { ...destination, kind: 'rest' },
        mapping(),
        [userTicket({ subject: 'Printer on fire' })],
        rest,
      );

      expect(entry).toMatchObject({ outcome: 'failed' });
      expect(entry.error).toMatch(/rest destinations cannot write the identity back/);
      expect(h.rows.size).toBe(0);
    });
  });
});
