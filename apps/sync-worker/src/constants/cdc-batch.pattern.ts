/** The `@EventPattern` the Kafka batch transport routes Debezium batches to. */
export const CDC_BATCH_PATTERN = 'cdc.batch';
