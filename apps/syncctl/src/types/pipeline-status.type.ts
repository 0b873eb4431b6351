import type { ConnectorStatus, SlotHealth, TopicLag } from '@syncline/pipeline-health';

/** A part of the pipeline syncctl could not read, and why. */
export interface UnreachableComponent {
  component: 'postgres' | 'control-plane' | 'kafka' | 'kafka-connect' | 'kubernetes';
  message: string;
}

export interface DestinationHealth {
  tenant: string;
  id: string;
  name: string;
  kind: string;
  paused: boolean;
  /** Messages in its dead-letter topic (replayable). */
  deadLetters: number;
}

/** `syncctl status`'s view of the pipeline, read from the Syncline environment. */
export interface PipelineStatus {
  /** 'missing' when the slot does not exist; absent when Postgres was unreachable. */
  slot?: SlotHealth | 'missing';
  /** Absent when Kafka Connect was unreachable or SYNCLINE_CONNECT_URL is unset. */
  connector?: ConnectorStatus;
  /** Lag and oldest-unapplied age per group, per collection or destination. */
  lag: TopicLag[];
  /** Messages in the CDC dead-letter topic. */
  cdcDeadLetters?: number;
  destinations: DestinationHealth[];
  unreachable: UnreachableComponent[];
}
