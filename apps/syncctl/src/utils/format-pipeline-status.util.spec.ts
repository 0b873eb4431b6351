import type { PipelineStatus } from '../types/pipeline-status.type';
import { formatBytes } from './format-bytes.util';
import { formatPipelineStatus } from './format-pipeline-status.util';

const healthy: PipelineStatus = {
  slot: {
    slot: 'syncline',
    active: true,
    retainedWalBytes: 3 * 1024 ** 2,
    confirmedFlushLagBytes: 512,
  },
  connector: {
    connector: 'syncline-postgres',
    state: 'RUNNING',
    tasks: [{ id: 0, state: 'RUNNING' }],
  },
  lag: [
    {
      group: 'syncline-cache',
      topic: 'syncline.public.orders',
      collection: 'orders',
      destination: '',
      lagMessages: 0,
      oldestUnappliedAgeSeconds: 0,
    },
    {
      group: 'syncline-delivery',
      topic: 'syncline.delivery.d1',
      collection: '',
      destination: 'd1',
      lagMessages: 42,
      oldestUnappliedAgeSeconds: 187,
    },
    {
      group: 'syncline-delivery',
      topic: 'syncline.delivery.d2',
      collection: '',
      destination: 'd2',
      lagMessages: 1,
      oldestUnappliedAgeSeconds: undefined,
    },
  ],
  cdcDeadLetters: 0,
  destinations: [
    { tenant: 'acme', id: 'd1', name: 'hubspot', kind: 'hubspot', paused: true, deadLetters: 4 },
    { tenant: 'acme', id: 'd2', name: 'sf', kind: 'salesforce', paused: false, deadLetters: 0 },
  ],
  unreachable: [],
};

describe(formatPipelineStatus.name, () => {
  it('shows the slot, the connector, lag and age per group and the destinations', () => {
    const lines = formatPipelineStatus(healthy).split('\n');
    expect(lines[0]).toBe(
      'Replication slot syncline: active, retained WAL 3.0 MiB, confirmed-flush lag 512 B',
    );
    expect(lines[1]).toBe('Connector syncline-postgres: RUNNING, task 0 RUNNING');
    expect(lines).toContainEqual(expect.stringMatching(/^syncline-cache\s+orders\s+0\s+0s$/));
    expect(lines).toContainEqual(
      expect.stringMatching(/^syncline-delivery\s+hubspot \(d1\)\s+42\s+3m07s$/),
    );
    expect(lines).toContainEqual(expect.stringMatching(/^syncline-delivery\s+sf \(d2\)\s+1\s+\?$/));
    expect(lines).toContainEqual(
      expect.stringMatching(/^hubspot \(d1\)\s+acme\s+hubspot\s+PAUSED\s+4$/),
    );
    expect(lines).not.toContain('Could not read:');
  });

  it('says what is wrong: a missing or inactive slot, a failed task, what could not be read', () => {
    const text = formatPipelineStatus({
      ...healthy,
      slot: 'missing',
      connector: {
        connector: 'syncline-postgres',
        state: 'RUNNING',
        tasks: [{ id: 0, state: 'FAILED', trace: 'PSQLException: FATAL' }],
      },
      unreachable: [{ component: 'kafka', message: 'Connection error: connect ECONNREFUSED' }],
    });
    expect(text).toContain('Replication slot: MISSING');
    expect(text).toContain('task 0 FAILED (PSQLException: FATAL)');
    expect(text).toContain('Could not read:\n  kafka: Connection error: connect ECONNREFUSED');
    expect(
      formatPipelineStatus({
        ...healthy,
        slot: { ...(healthy.slot as object), active: false } as never,
      }),
    ).toContain('syncline: INACTIVE');
  });

  it('says when the connector is not watched', () => {
    expect(formatPipelineStatus({ ...healthy, connector: undefined })).toContain(
      'Connector: not watched (SYNCLINE_CONNECT_URL is not set)',
    );
  });
});

describe(formatBytes.name, () => {
  it('uses binary units', () => {
    expect([0, 1023, 1024, 1536 * 1024, 5 * 1024 ** 3].map(formatBytes)).toEqual([
      '0 B',
      '1023 B',
      '1.0 KiB',
      '1.5 MiB',
      '5.0 GiB',
    ]);
  });
});
