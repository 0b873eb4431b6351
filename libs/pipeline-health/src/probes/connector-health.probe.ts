import { ConnectStatusClient } from '../services/connect-status.client';
import { PipelineHealthMetrics } from '../services/pipeline-health.metrics';
import { ConnectorStatus } from '../types/connector-status.type';
import { HealthProbe } from '../types/health-probe.type';

/** The states every series is exported for (1 for the current one, 0 for the others). */
const STATES = ['RUNNING', 'FAILED', 'PAUSED', 'UNASSIGNED'] as const;

/** The Debezium connector in Kafka Connect; unready when it or a task FAILED, or it is missing. */
export class ConnectorHealthProbe implements HealthProbe {
  readonly name = 'connector';
  private last?: ConnectorStatus;

  constructor(
    private readonly connector: string,
    private readonly client: ConnectStatusClient,
    private readonly metrics: PipelineHealthMetrics,
  ) {}

  async sample(): Promise<void> {
    const status = await this.client.status(this.connector);
    this.last = status;
    const gauge = this.metrics.connectorTaskState;
    // Tasks come and go (tasks.max, rebalances): only the current ones keep series.
    gauge.reset();
    const states = [
      { task: 'connector', state: status.state },
      ...status.tasks.map((t) => ({ task: String(t.id), state: t.state })),
    ];
    for (const { task, state } of states) {
      for (const known of new Set<string>([...STATES, state])) {
        gauge.set({ connector: this.connector, task, state: known }, known === state ? 1 : 0);
      }
    }
  }

  problem(): string | undefined {
    const status = this.last;
    if (!status) return undefined;
    if (status.state === 'MISSING') return `connector ${this.connector} is not registered`;
    if (status.state === 'FAILED') return `connector ${this.connector} FAILED`;
    const failed = status.tasks.find((t) => t.state === 'FAILED');
    return failed && `connector ${this.connector} task ${failed.id} FAILED: ${failed.trace ?? ''}`;
  }
}
