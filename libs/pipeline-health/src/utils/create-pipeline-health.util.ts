import { HealthConfig } from '@syncline/config';
import { createKafka } from '@syncline/kafka';
import { HealthService, MetricsRegistry } from '@syncline/observability';
import { logLevel } from 'kafkajs';
import { Pool } from 'pg';
import { ConnectorHealthProbe } from '../probes/connector-health.probe';
import { ConsumerLagProbe } from '../probes/consumer-lag.probe';
import { SlotHealthProbe } from '../probes/slot-health.probe';
import { ConnectStatusClient } from '../services/connect-status.client';
import { ConsumerLagReader } from '../services/consumer-lag.reader';
import { HealthSampler } from '../services/health.sampler';
import { PipelineHealthMetrics } from '../services/pipeline-health.metrics';
import { ReplicationSlotReader } from '../services/replication-slot.reader';
import { SlotStallDetector } from '../services/slot-stall.detector';
import { HealthProbe } from '../types/health-probe.type';
import { LagTarget } from '../types/lag-target.type';

export interface PipelineHealthOptions {
  app: string;
  health: HealthConfig;
  brokers: string[];
  metrics: MetricsRegistry;
  /** Readiness gets a `pipeline` check: unready while a probe reports a problem. */
  readiness: HealthService;
  /** Watch the replication slot through this pool (one app does: the sync-worker). */
  slotPool?: Pool;
  /** Watch the connector (one app does, with the slot). */
  watchConnector?: boolean;
  /** The consumer groups this app runs, each with the topics it should be reading now. */
  groups: { group: string; targets: () => LagTarget[] }[];
}

/**
 * The sampler an app runs for its part of the pipeline's health, from config, with its readiness
 * check registered. `start()` begins sampling; `close()` stops it and its Kafka admin client.
 */
export function createPipelineHealth(options: PipelineHealthOptions): {
  sampler: HealthSampler;
  start: () => void;
  close: () => Promise<void>;
} {
  const { health } = options;
  const metrics = new PipelineHealthMetrics(options.metrics);
  // Quiet client: the sampler logs an outage once; kafkajs would log every retry of every sample.
  const kafka = createKafka(options.brokers, `${options.app}-health`, logLevel.NOTHING);
  const reader = new ConsumerLagReader(kafka);
  const probes: HealthProbe[] = options.groups.map(
    ({ group, targets }) => new ConsumerLagProbe(group, targets, reader, metrics),
  );
  if (options.slotPool && health.slotName !== '') {
    probes.push(
      new SlotHealthProbe(
        health.slotName,
        new ReplicationSlotReader(options.slotPool),
        new SlotStallDetector(health.slotLagThresholdBytes, health.slotStallMs),
        metrics,
      ),
    );
  }
  if (options.watchConnector && health.connectUrl !== '') {
    probes.push(
      new ConnectorHealthProbe(
        health.connectorName,
        new ConnectStatusClient(health.connectUrl),
        metrics,
      ),
    );
  }
  const sampler = new HealthSampler(probes, health.sampleIntervalMs, metrics);
  options.readiness.register('pipeline', async () => {
    const problems = sampler.problems();
    if (problems.length > 0) throw new Error(problems.join('; '));
    return true;
  });
  return {
    sampler,
    start: () => sampler.start(),
    close: async () => {
      await sampler.stop();
      await reader.close();
    },
  };
}
