/** One message of one partition. */
export interface MessagePosition {
  topic: string;
  partition: number;
  offset: bigint;
}
