import { CrmConnector, ItemResult } from '@syncline/connectors';
import { Destination, RemoteRecordRepository } from '@syncline/control-plane';
import { decodeInboundHint } from '@syncline/events';
import { DurableKafkaProducer } from '@syncline/kafka';
import { EntityMapping, MappedRecord } from '@syncline/mapping';
import { TwoWayDriftRepairer } from './two-way-drift-repairer';

const destination = { id: 'dest-1', tenant: 'north' } as Destination;
const mapping = {
  entity: 'bins',
  object: 'bin__c',
  identity: { source: 'bin_code', target: 'bin_code__c' },
} as EntityMapping;

const held = (externalId: string, identity: string) => ({
  externalId,
  identity,
  properties: {},
  lastModified: '2026-12-05T07:00:00.000Z',
});

describe(TwoWayDriftRepairer.name, () => {
  it('sends only the properties to repair and hints records with CRM edits to the inbound side', async () => {
    const upserts: MappedRecord[][] = [];
    const remembered: unknown[] = [];
    const sent: { topic: string; key: string; value: Buffer }[] = [];
    const connector = {
      upsert: (_object: string, _identity: string, records: MappedRecord[]) => {
        upserts.push(records);
        return Promise.resolve(
          records.map((record): ItemResult => ({ identity: record.identity, ok: true })),
        );
      },
    } as unknown as CrmConnector;
    const repairer = new TwoWayDriftRepairer(
      {
        rememberSent: (_destination: string, rows: unknown[]) => {
          remembered.push(...rows);
          return Promise.resolve();
        },
      } as unknown as RemoteRecordRepository,
      {
        ensureTopics: () => Promise.resolve(),
        send: (topic: string, messages: { key: string; value: Buffer }[]) => {
          sent.push(...messages.map((message) => ({ topic, ...message })));
          return Promise.resolve();
        },
      } as unknown as DurableKafkaProducer,
      { topicPrefix: 'p', topicPartitions: 1, now: () => 1_000 },
    );
    const costs: number[] = [];

    const done = await repairer.repair(
      destination,
      connector,
      mapping,
      [
        // An out field to repair and a both field the CRM changed.
        {
          recordId: '7',
          held: held('x7', 'B-07'),
          push: { identity: 'B-07', properties: { capacity__c: 40 } },
          handOver: true,
        },
        // Only a CRM edit: nothing is pushed.
        {
          recordId: '8',
          held: held('x8', 'B-08'),
          push: { identity: 'B-08', properties: {} },
          handOver: true,
        },
        // Only Postgres's change.
        {
          recordId: '9',
          held: held('x9', 'B-09'),
          push: { identity: 'B-09', properties: { zone__c: 'A' } },
          handOver: false,
        },
      ],
      (cost, call) => {
        costs.push(cost);
        return call();
      },
    );

    expect(done).toBe(3);
    expect(costs).toEqual([1]);
    expect(upserts).toEqual([
      [
        { identity: 'B-07', properties: { capacity__c: 40 } },
        { identity: 'B-09', properties: { zone__c: 'A' } },
      ],
    ]);
    expect(remembered).toEqual([
      {
        tenant: 'north',
        entity: 'bins',
        recordId: '7',
        externalId: 'x7',
        properties: { capacity__c: 40 },
      },
      {
        tenant: 'north',
        entity: 'bins',
        recordId: '9',
        externalId: 'x9',
        properties: { zone__c: 'A' },
      },
    ]);
    expect(sent.map(({ topic }) => topic)).toEqual(['p.inbound-hints', 'p.inbound-hints']);
    expect(sent.map(({ value }) => decodeInboundHint(value))).toEqual([
      {
        destinationId: 'dest-1',
        object: 'bin__c',
        externalId: 'x7',
        kind: 'change',
        occurredAt: Date.parse('2026-12-05T07:00:00.000Z'),
        source: 'reconcile',
        receivedAt: 1_000,
      },
      expect.objectContaining({ externalId: 'x8', kind: 'change', source: 'reconcile' }),
    ]);
  });

  it('plans a record: only the properties Postgres repairs go out, CRM edits are handed over', () => {
    const twoWay = {
      fields: [
        { source: 'capacity', target: 'capacity__c' },
        { source: 'label', target: 'label__c', direction: 'both' as const },
      ],
      inbound: { conflictPolicy: 'crm_wins' as const, deletePolicy: 'ignore' as const },
    };
    const crm = { ...held('x7', 'B-07'), properties: { capacity__c: '35', label__c: 'frozen' } };
    const known = new Map([['7', { known: { capacity__c: 40, label__c: 'cold' } }]]) as never;
    expect(
      TwoWayDriftRepairer.plan(
        twoWay,
        {
          id: '7',
          mapped: { identity: 'B-07', properties: { capacity__c: 40, label__c: 'cold' } },
        },
        crm,
        ['capacity__c', 'label__c'],
        known,
      ),
    ).toEqual({
      recordId: '7',
      held: crm,
      push: { identity: 'B-07', properties: { capacity__c: 40 } },
      handOver: true,
    });
  });

  it('counts a record whose push the CRM refused as not repaired', async () => {
    const repairer = new TwoWayDriftRepairer(
      { rememberSent: () => Promise.resolve() } as unknown as RemoteRecordRepository,
      {} as DurableKafkaProducer,
      { topicPrefix: 'p', topicPartitions: 1, now: () => 1_000 },
    );
    const connector = {
      upsert: () => Promise.resolve([{ identity: 'B-09', ok: false, error: new Error('no') }]),
    } as unknown as CrmConnector;
    const done = await repairer.repair(
      destination,
      connector,
      mapping,
      [
        {
          recordId: '9',
          held: held('x9', 'B-09'),
          push: { identity: 'B-09', properties: { zone__c: 'A' } },
          handOver: false,
        },
      ],
      (_cost, call) => call(),
    );
    expect(done).toBe(0);
  });
});
