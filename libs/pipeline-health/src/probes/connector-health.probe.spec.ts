import { MetricsRegistry } from '@syncline/observability';
import { ConnectStatusClient } from '../services/connect-status.client';
import { PipelineHealthMetrics } from '../services/pipeline-health.metrics';
import { ConnectorStatus } from '../types/connector-status.type';
import { ConnectorHealthProbe } from './connector-health.probe';

describe(ConnectorHealthProbe.name, () => {
  function setup(status: ConnectorStatus) {
    const metrics = new PipelineHealthMetrics(new MetricsRegistry('test'));
    const client = { status: async () => status } as unknown as ConnectStatusClient;
    const probe = new ConnectorHealthProbe('syncline-postgres', client, metrics);
    const ones = async () =>
      (await metrics.connectorTaskState.get()).values
        .filter((v) => v.value === 1)
        .map((v) => `${v.labels.task}=${v.labels.state}`);
    return { probe, ones, metrics };
  }

  it('exports 1 for the current state of the connector and each task, and is ready when RUNNING', async () => {
    const h = setup({
      connector: 'syncline-postgres',
      state: 'RUNNING',
      tasks: [{ id: 0, state: 'RUNNING' }],
    });
    expect(h.probe.problem()).toBeUndefined(); // nothing known yet is not a problem
    await h.probe.sample();
    expect(await h.ones()).toEqual(['connector=RUNNING', '0=RUNNING']);
    const zeros = (await h.metrics.connectorTaskState.get()).values.filter((v) => v.value === 0);
    expect(zeros.map((v) => v.labels.state)).toEqual(
      expect.arrayContaining(['FAILED', 'PAUSED', 'UNASSIGNED']),
    );
    expect(h.probe.problem()).toBeUndefined();
  });

  it('names a FAILED task, with the first line of its trace', async () => {
    const h = setup({
      connector: 'syncline-postgres',
      state: 'RUNNING',
      tasks: [{ id: 0, state: 'FAILED', trace: 'org.postgresql.util.PSQLException: FATAL' }],
    });
    await h.probe.sample();
    expect(await h.ones()).toEqual(['connector=RUNNING', '0=FAILED']);
    expect(h.probe.problem()).toBe(
      'connector syncline-postgres task 0 FAILED: org.postgresql.util.PSQLException: FATAL',
    );
  });

  it('is a problem when Kafka Connect does not know the connector', async () => {
    const h = setup({ connector: 'syncline-postgres', state: 'MISSING', tasks: [] });
    await h.probe.sample();
    expect(h.probe.problem()).toBe('connector syncline-postgres is not registered');
  });
});
