import { Logger } from '@nestjs/common';
import { DestinationKind } from '@syncline/connectors';
import { DestinationRepository, MappingRepository } from '@syncline/control-plane';
import { encodeInboundHint, InboundHint, inboundHintKey, TOPICS } from '@syncline/events';
import { DurableKafkaProducer } from '@syncline/kafka';
import { ApiErrorException } from '../../errors/api-error.exception';
import { CacheApiMetrics } from '../../services/cache-api.metrics';
import { WebhookAcceptance } from '../types/webhook-acceptance.type';
import { WebhookHintCandidate } from '../types/webhook-hint-candidate.type';
import { WebhookTarget } from '../types/webhook-target.type';

export interface AcceptWebhookOptions {
  topicPrefix: string;
  /** Partitions of the hint topic, should this be the first process to write to it. */
  hintPartitions: number;
}

/**
 * The steps every inbound webhook takes, whatever its sender's format: find the destination (404
 * unless it takes webhooks), refuse a bad signature (401, nothing produced), then turn the events
 * into InboundHints on Kafka (acks=all) before answering 200, so an accepted event is never lost;
 * Kafka unavailable → 503 and the sender retries. The hints carry no data: the delivery-worker
 * reads each record as the CRM holds it then.
 */
export class AcceptWebhookUseCase {
  private readonly logger = new Logger(AcceptWebhookUseCase.name);

  constructor(
    private readonly destinations: DestinationRepository,
    private readonly mappings: MappingRepository,
    private readonly producer: DurableKafkaProducer,
    private readonly metrics: CacheApiMetrics,
    private readonly options: AcceptWebhookOptions,
  ) {}

  /** The destination `destinationId` if it takes webhooks (of `kind`, when given); else 404. */
  async target(destinationId: string, kind?: DestinationKind): Promise<WebhookTarget> {
    const found = await this.destinations.webhookTarget(destinationId);
    const twoWay = found
      ? (await this.mappings.list(found.destination.tenant)).filter(
          (mapping) => mapping.destinationId === destinationId && mapping.inbound !== undefined,
        )
      : [];
    if (!found || (kind !== undefined && found.destination.kind !== kind) || twoWay.length === 0) {
      // An id no destination has is not a label: anyone can call with any id.
      this.metrics.webhookRequests.inc({
        destination: found ? destinationId : 'unknown',
        result: 'unknown_destination',
      });
      throw new ApiErrorException(404, {
        error: 'not_found',
        message: `no ${kind === undefined ? '' : `${kind} `}destination ${destinationId} with two-way mappings`,
      });
    }
    if (found.webhookSecret === null) {
      this.metrics.webhookRequests.inc({
        destination: destinationId,
        result: 'unknown_destination',
      });
      throw new ApiErrorException(404, {
        error: 'not_found',
        message: 'webhooks not configured for this destination',
      });
    }
    return {
      destination: found.destination,
      secret: found.webhookSecret,
      objects: new Set(twoWay.map((mapping) => mapping.object)),
    };
  }

  /** A request whose signature does not hold: 401, counted, nothing produced. */
  refuse(target: WebhookTarget, reason: string): never {
    this.metrics.webhookRequests.inc({
      destination: target.destination.id,
      result: 'bad_signature',
    });
    this.logger.warn(`webhook for destination ${target.destination.id} refused: ${reason}`);
    throw new ApiErrorException(401, {
      error: 'unauthorized',
      message: 'webhook signature missing, invalid or stale',
    });
  }

  /** A signed request whose body is not what the endpoint takes: 400, counted, nothing produced. */
  reject(target: WebhookTarget, fields: { path: string; message: string }[]): never {
    this.metrics.webhookRequests.inc({ destination: target.destination.id, result: 'bad_request' });
    throw new ApiErrorException(400, {
      error: 'validation_failed',
      message: `invalid webhook body: ${fields.map((f) => `${f.path} ${f.message}`).join('; ')}`,
      fields,
    });
  }

  /** Produces the hints of the objects the target's two-way mappings name; resolves once durable. */
  async accept(
    target: WebhookTarget,
    candidates: readonly WebhookHintCandidate[],
    problems: readonly string[],
  ): Promise<WebhookAcceptance> {
    const destinationId = target.destination.id;
    const receivedAt = Date.now();
    const hints: InboundHint[] = [];
    for (const candidate of candidates) {
      const object = candidate.objects.find((name) => target.objects.has(name));
      if (object === undefined) continue;
      hints.push({
        destinationId,
        object,
        externalId: candidate.externalId,
        kind: candidate.kind,
        occurredAt: candidate.occurredAt,
        source: 'webhook',
        receivedAt,
        ...(candidate.state ? { state: candidate.state } : {}),
      });
    }
    const dropped = candidates.length - hints.length;
    if (problems.length > 0)
      this.logger.warn(
        `webhook for destination ${destinationId}: ${problems.length} unreadable events (${problems.slice(0, 5).join('; ')})`,
      );
    await this.produce(target, hints);
    this.metrics.webhookRequests.inc({ destination: destinationId, result: 'accepted' });
    for (const hint of hints)
      this.metrics.webhookHints.inc({ destination: destinationId, kind: hint.kind });
    if (dropped > 0)
      this.metrics.webhookHints.inc({ destination: destinationId, kind: 'unmapped' }, dropped);
    if (problems.length > 0)
      this.metrics.webhookHints.inc(
        { destination: destinationId, kind: 'unreadable' },
        problems.length,
      );
    return { accepted: hints.length, dropped, problems: [...problems] };
  }

  private async produce(target: WebhookTarget, hints: InboundHint[]): Promise<void> {
    if (hints.length === 0) return;
    const topic = TOPICS.inboundHints(this.options.topicPrefix);
    try {
      await this.producer.ensureTopics([{ topic, numPartitions: this.options.hintPartitions }]);
      await this.producer.send(
        topic,
        hints.map((hint) => ({ key: inboundHintKey(hint), value: encodeInboundHint(hint) })),
      );
    } catch (error) {
      this.metrics.webhookRequests.inc({
        destination: target.destination.id,
        result: 'unavailable',
      });
      this.logger.warn(
        `webhook hints for destination ${target.destination.id} not produced, answering 503: ${String(error)}`,
      );
      // The sender retries (HubSpot does, with backoff, for a day or so).
      throw new ApiErrorException(503, {
        error: 'unavailable',
        message: 'the hint queue is unavailable; retry later',
      });
    }
  }
}
