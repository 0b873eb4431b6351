import { SyncctlException } from '../exceptions/syncctl.exception';
import type { DebeziumNotification, SnapshotNotifications } from './snapshot-notifications.service';
import { SnapshotRequester } from './snapshot-requester.service';
import type { SourceAdmin } from './source-admin.service';

const orders = { schema: 'public', table: 'orders' };

/** A connector that answers signals with the notifications Debezium 3.4 sends. */
function fakeConnector(scripts: {
  structure: Omit<DebeziumNotification, 'id'>[];
  backfill: Omit<DebeziumNotification, 'id'>[];
}) {
  const seen: DebeziumNotification[] = [];
  const calls: string[] = [];
  const source = {
    signalStructureRead: jest.fn(async () => {
      calls.push('structure');
      seen.push(...scripts.structure.map((n, i) => ({ ...n, id: `random-${i}` })));
    }),
    signalIncrementalSnapshot: jest.fn(async () => {
      calls.push('incremental');
      seen.push(...scripts.backfill.map((n) => ({ ...n, id: 'sig-1' })));
      return 'sig-1';
    }),
  } as unknown as SourceAdmin;
  const watcher = {
    waitUntil: jest.fn(async (done: (s: readonly DebeziumNotification[]) => boolean) => {
      calls.push('wait');
      if (!done(seen)) throw new SyncctlException('unreachable', 'no word');
      return [...seen];
    }),
    stop: jest.fn(async () => undefined),
  } as unknown as SnapshotNotifications;
  return { requester: new SnapshotRequester(source, async () => watcher), calls, watcher };
}

const scan = (status: string, rows = '0') => ({
  aggregate_type: '',
  type: 'TABLE_SCAN_COMPLETED',
  additional_data: { scanned_collection: 'public.orders', status, total_rows_scanned: rows },
});
const structureOk = [
  { aggregate_type: 'Initial Snapshot', type: 'STARTED' },
  { ...scan('SUCCEEDED'), aggregate_type: 'Initial Snapshot' },
  { aggregate_type: 'Initial Snapshot', type: 'COMPLETED' },
];

describe(SnapshotRequester.name, () => {
  it('signals the incremental snapshot only once the structure read has completed', async () => {
    const { requester, calls, watcher } = fakeConnector({ structure: structureOk, backfill: [] });

    await expect(requester.backfill([orders], { wait: false })).resolves.toEqual({
      signalId: 'sig-1',
    });
    expect(calls).toEqual(['structure', 'wait', 'incremental']);
    expect(watcher.stop).toHaveBeenCalled();
  });

  it('with wait, reports the rows Debezium read', async () => {
    const { requester } = fakeConnector({
      structure: structureOk,
      backfill: [
        { aggregate_type: 'Incremental Snapshot', type: 'STARTED' },
        { ...scan('SUCCEEDED', '12000'), aggregate_type: 'Incremental Snapshot' },
        { aggregate_type: 'Incremental Snapshot', type: 'COMPLETED' },
      ],
    });

    await expect(requester.backfill([orders], { wait: true })).resolves.toEqual({
      signalId: 'sig-1',
      rowsScanned: 12000,
    });
  });

  it('names the table Debezium could not read, and signals no backfill for it', async () => {
    const { requester, calls } = fakeConnector({
      structure: [
        { ...scan('SQL_EXCEPTION'), aggregate_type: 'Initial Snapshot' },
        { aggregate_type: 'Initial Snapshot', type: 'ABORTED' },
      ],
      backfill: [],
    });

    await expect(requester.backfill([orders], { wait: true })).rejects.toThrow(
      'Debezium could not read public.orders (SQL_EXCEPTION)',
    );
    expect(calls).not.toContain('incremental');
  });

  it('fails, and lets go of Kafka, when the connector never answers', async () => {
    const { requester, watcher } = fakeConnector({ structure: [], backfill: [] });

    await expect(requester.backfill([orders], { wait: false })).rejects.toBeInstanceOf(
      SyncctlException,
    );
    expect(watcher.stop).toHaveBeenCalled();
  });
});
