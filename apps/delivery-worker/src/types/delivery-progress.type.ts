/** Lets a long delivery keep its Kafka membership alive and stop early if its partition was revoked. */
export interface DeliveryProgress {
  heartbeat(): Promise<void>;
  stillOwned(): boolean;
}
