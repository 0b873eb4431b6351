import { LagTarget } from './lag-target.type';

/** How far one group is behind on one topic, summed over its partitions. */
export interface TopicLag extends LagTarget {
  group: string;
  /** Messages past the group's committed offsets. */
  lagMessages: number;
  /**
   * Age of the oldest message not yet committed (the oldest partition's), 0 when caught up;
   * undefined when lagging but the message could not be read in time.
   */
  oldestUnappliedAgeSeconds: number | undefined;
}
