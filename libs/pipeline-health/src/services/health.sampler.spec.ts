import { Logger } from '@nestjs/common';
import { MetricsRegistry } from '@syncline/observability';
import { HealthProbe } from '../types/health-probe.type';
import { HealthSampler } from './health.sampler';
import { PipelineHealthMetrics } from './pipeline-health.metrics';

describe(HealthSampler.name, () => {
  const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
  const log = jest.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined);
  afterEach(() => jest.clearAllMocks());

  function setup() {
    const registry = new MetricsRegistry('test');
    const metrics = new PipelineHealthMetrics(registry);
    let failure: Error | undefined = new Error('connect ECONNREFUSED 127.0.0.1:5432');
    let problem: string | undefined;
    const probe: HealthProbe = {
      name: 'replication_slot',
      sample: async () => {
        if (failure) throw failure;
      },
      problem: () => problem,
    };
    const healthy: HealthProbe = { name: 'other', sample: async () => undefined };
    const sampler = new HealthSampler([probe, healthy], 60_000, metrics);
    const errors = async () =>
      (await metrics.probeErrors.get()).values.find((v) => v.labels.probe === 'replication_slot')
        ?.value;
    return {
      sampler,
      errors,
      recover: () => (failure = undefined),
      setProblem: (p?: string) => (problem = p),
    };
  }

  it('counts every failed sample but logs an outage once, and its recovery once', async () => {
    const h = setup();
    await h.sampler.sampleOnce();
    await h.sampler.sampleOnce();
    await h.sampler.sampleOnce();
    expect(await h.errors()).toBe(3);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0][0]).toContain('ECONNREFUSED');

    h.recover();
    await h.sampler.sampleOnce();
    await h.sampler.sampleOnce();
    expect(log).toHaveBeenCalledTimes(1);
    expect(log.mock.calls[0][0]).toContain('replication_slot recovered');
  });

  it("reports the probes' problems for readiness", () => {
    const h = setup();
    expect(h.sampler.problems()).toEqual([]);
    h.setProblem('replication slot syncline is inactive');
    expect(h.sampler.problems()).toEqual(['replication slot syncline is inactive']);
  });
});
