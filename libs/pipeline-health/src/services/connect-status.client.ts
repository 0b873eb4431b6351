import { ConnectorStatus } from '../types/connector-status.type';

/** Kafka Connect's REST API, read-only: the state of one connector and its tasks. */
export class ConnectStatusClient {
  constructor(
    private readonly connectUrl: string,
    private readonly timeoutMs = 5000,
  ) {}

  async status(connector: string): Promise<ConnectorStatus> {
    const url = `${this.connectUrl}/connectors/${encodeURIComponent(connector)}/status`;
    const response = await fetch(url, { signal: AbortSignal.timeout(this.timeoutMs) });
    if (response.status === 404) return { connector, state: 'MISSING', tasks: [] };
    if (!response.ok) {
      throw new Error(`Kafka Connect answered ${response.status} for ${url}`);
    }
    const body = (await response.json()) as {
      connector?: { state?: string };
      tasks?: { id: number; state: string; trace?: string }[];
    };
    return {
      connector,
      state: (body.connector?.state ?? 'UNASSIGNED') as ConnectorStatus['state'],
      tasks: (body.tasks ?? []).map((task) => ({
        id: task.id,
        state: task.state as ConnectorStatus['tasks'][number]['state'],
        // The first line says what failed; the full trace is in Connect's log.
        trace: task.trace?.split('\n')[0],
      })),
    };
  }
}
