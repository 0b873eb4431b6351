import { Logger } from '@nestjs/common';
import { DeliveryException } from '@syncline/connectors';
import {
  DeliveryLogEntry,
  DeliveryLogRepository,
  Destination,
  RemoteRecordRepository,
} from '@syncline/control-plane';
import { DEAD_LETTER_HEADERS, TOPICS } from '@syncline/events';
import { DurableKafkaProducer } from '@syncline/kafka';
import { Message } from 'kafkajs';
import { TroubleReporter } from '../notify/trouble-reporter.service';
import { DeliveryWorkerMetrics } from '../services/delivery-worker.metrics';
import { DeliveryDeadLetter } from '../types/delivery-dead-letter.type';
import { PlannedRecord } from '../types/planned-record.type';

/**
 * Makes a batch's outcomes durable before its offsets may be committed: dead letters to the
 * destination's dead-letter topic and to the tenant's notifications, then every outcome to the
 * delivery log, and for two-way mappings what the destination holds now (so its echo is known).
 * Nothing is dropped.
 */
export class DeliveryRecorder {
  private readonly logger = new Logger(DeliveryRecorder.name);

  constructor(
    private readonly log: DeliveryLogRepository,
    private readonly remote: RemoteRecordRepository,
    private readonly producer: DurableKafkaProducer,
    private readonly topicPrefix: string,
    private readonly metrics: DeliveryWorkerMetrics,
    private readonly trouble: TroubleReporter,
  ) {}

  async record(
    destination: Destination,
    deadLetters: DeliveryDeadLetter[],
    logEntries: DeliveryLogEntry[],
    sent: PlannedRecord[] = [],
  ): Promise<void> {
    await this.publishDeadLetters(destination, deadLetters);
    await this.trouble.deadLettered(destination, deadLetters);
    await this.log.record(logEntries);
    await this.remote.rememberSent(
      destination.id,
      sent.map((plan) => ({
        tenant: plan.notice.tenant,
        entity: plan.notice.entity,
        recordId: plan.notice.id,
        externalId: plan.externalId ?? null,
        properties: plan.mapped?.properties ?? {},
      })),
    );
  }

  private async publishDeadLetters(
    destination: Destination,
    letters: DeliveryDeadLetter[],
  ): Promise<void> {
    if (letters.length === 0) return;
    const failedAt = new Date().toISOString();
    const messages: Message[] = letters.map(({ key, notice, mappingVersion, error }) => ({
      key,
      value: JSON.stringify(notice),
      headers: {
        [DEAD_LETTER_HEADERS.reason]:
          error instanceof DeliveryException ? (error.details.crmCode ?? error.code) : error.code,
        [DEAD_LETTER_HEADERS.errorClass]: 'permanent',
        [DEAD_LETTER_HEADERS.message]: error.message.slice(0, 2000),
        [DEAD_LETTER_HEADERS.destination]: destination.id,
        [DEAD_LETTER_HEADERS.mappingVersion]: String(mappingVersion ?? ''),
        [DEAD_LETTER_HEADERS.stage]: 'delivery-worker',
        [DEAD_LETTER_HEADERS.failedAt]: failedAt,
      },
    }));
    const topic = TOPICS.deliveryDeadLetters(this.topicPrefix, destination.id);
    await this.producer.ensureTopics([{ topic, numPartitions: 1 }]);
    await this.producer.send(topic, messages);
    this.metrics.deadLetters.inc(
      { destination: destination.id, error_class: 'permanent' },
      letters.length,
    );
    this.metrics.records.inc(
      { destination: destination.id, kind: destination.kind, outcome: 'dead_lettered' },
      letters.length,
    );
    this.logger.warn(
      `dead-lettered ${letters.length} records for destination ${destination.id}: ${letters[0].error.message}`,
    );
  }
}
