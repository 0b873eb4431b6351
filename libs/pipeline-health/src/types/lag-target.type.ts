/** A topic a consumer group should be reading now, with what it means to an operator. */
export interface LagTarget {
  topic: string;
  /** The collection whose changes the topic carries ('' when not one collection's). */
  collection: string;
  /** The destination whose queue the topic is ('' when not a destination's). */
  destination: string;
}
