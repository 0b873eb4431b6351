import { Destination } from '@syncline/control-plane';
import { DEAD_LETTER_HEADERS, decodeRecordChangedNotice, TOPICS } from '@syncline/events';
import { DurableKafkaProducer, readPartitionRange } from '@syncline/kafka';
import { Kafka } from 'kafkajs';
import { ApiErrorException } from '../../errors/api-error.exception';

export interface ReplayRequest {
  fromOffset?: number;
  limit?: number;
  errorClass?: string;
}

export interface ReplayResult {
  /** The last dead-letter offset read (replayed or skipped by the filter); -1 when none was. */
  lastReadOffset: number;
  /** Dead letters put back on the destination's queue. */
  processed: number;
  /** Dead letters that could not be put back (not a delivery task). */
  failed: number;
  /** Nothing left after `lastReadOffset`. */
  endOfStream: boolean;
}

const MAX_LIMIT = 1000;

/**
 * Puts a destination's dead letters back on its delivery queue. Delivery is state-based, so a
 * replay sends each record's current state with the current mapping: fix the mapping (or the
 * data), then replay. Page with `fromOffset = lastReadOffset + 1` until `endOfStream`.
 */
export class ReplayDeadLettersUseCase {
  constructor(
    private readonly kafka: Kafka,
    private readonly producer: DurableKafkaProducer,
    private readonly topicPrefix: string,
  ) {}

  async execute(destination: Destination, request: unknown): Promise<ReplayResult> {
    const { fromOffset = 0, limit = 100, errorClass } = parse(request);
    const dlq = TOPICS.deliveryDeadLetters(this.topicPrefix, destination.id);
    await this.producer.ensureTopics([{ topic: dlq, numPartitions: 1 }]);
    const { messages, highWatermark } = await readPartitionRange(this.kafka, {
      topic: dlq,
      partition: 0,
      fromOffset: BigInt(fromOffset),
      limit,
    });
    const queue = TOPICS.deliveryTasks(this.topicPrefix, destination.id);
    const replay = [];
    let failed = 0;
    for (const message of messages) {
      if (
        errorClass &&
        message.headers?.[DEAD_LETTER_HEADERS.errorClass]?.toString() !== errorClass
      )
        continue;
      try {
        decodeRecordChangedNotice(message.value ?? Buffer.alloc(0));
        replay.push({
          key: message.key,
          value: message.value,
          headers: { [DEAD_LETTER_HEADERS.replayed]: new Date().toISOString() },
        });
      } catch {
        failed += 1;
      }
    }
    await this.producer.send(queue, replay);
    const lastReadOffset =
      messages.length > 0 ? Number(messages[messages.length - 1].offset) : fromOffset - 1;
    return {
      lastReadOffset,
      processed: replay.length,
      failed,
      endOfStream: BigInt(lastReadOffset + 1) >= highWatermark,
    };
  }
}

function parse(request: unknown): ReplayRequest {
  const body = (request ?? {}) as Record<string, unknown>;
  const fields: { path: string; message: string }[] = [];
  const { fromOffset, limit, errorClass, ...rest } = body;
  if (
    fromOffset !== undefined &&
    !(Number.isSafeInteger(fromOffset) && (fromOffset as number) >= 0)
  )
    fields.push({ path: '/fromOffset', message: 'must be an offset (integer >= 0)' });
  if (
    limit !== undefined &&
    !(Number.isSafeInteger(limit) && (limit as number) >= 1 && (limit as number) <= MAX_LIMIT)
  )
    fields.push({ path: '/limit', message: `must be an integer from 1 to ${MAX_LIMIT}` });
  if (
    errorClass !== undefined &&
    !['permanent', 'transient', 'rate_limited'].includes(errorClass as string)
  )
    fields.push({ path: '/errorClass', message: 'must be permanent, transient or rate_limited' });
  for (const name of Object.keys(rest))
    fields.push({ path: `/${name}`, message: 'is not a known field' });
  if (fields.length > 0)
    throw new ApiErrorException(400, {
      error: 'validation_failed',
      message: 'invalid replay request',
      fields,
    });
  return body;
}
