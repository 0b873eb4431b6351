import { Logger } from '@nestjs/common';
import { ControlPlaneException, DestinationRepository } from '@syncline/control-plane';
import { TOPICS } from '@syncline/events';
import { deleteTopics } from '@syncline/kafka';
import { Kafka } from 'kafkajs';
import { ApiErrorException } from '../../errors/api-error.exception';

/**
 * Deletes a destination with its mappings and delivery log, then its Kafka queue and dead-letter
 * topics: left in place, their unread tasks would count as the senders' consumer lag forever
 * (pinning a lag-based autoscaler at its maximum). The row goes first so that workers stop routing
 * to it at their next reload; if the topics cannot be deleted then, a retried DELETE deletes them
 * (and still answers 404 for the destination).
 */
export class DeleteDestinationUseCase {
  private readonly logger = new Logger(DeleteDestinationUseCase.name);

  constructor(
    private readonly destinations: DestinationRepository,
    private readonly kafka: Kafka,
    private readonly topicPrefix: string,
  ) {}

  async execute(tenant: string, id: string): Promise<void> {
    let notFound: ControlPlaneException | undefined;
    try {
      await this.destinations.delete(tenant, id);
    } catch (error) {
      if (!(error instanceof ControlPlaneException && error.kind === 'NOT_FOUND')) throw error;
      // Leftovers of an earlier DELETE, unless the id is another tenant's live destination.
      if (!/^[0-9a-f-]{36}$/i.test(id) || (await this.destinations.exists(id))) throw error;
      notFound = error;
    }
    await this.deleteTopicsOf(id);
    if (notFound) throw notFound;
  }

  private async deleteTopicsOf(id: string): Promise<void> {
    const topics = [
      TOPICS.deliveryTasks(this.topicPrefix, id),
      TOPICS.deliveryDeadLetters(this.topicPrefix, id),
    ];
    try {
      const deleted = await deleteTopics(this.kafka, topics);
      if (deleted.length > 0) this.logger.log(`deleted topics ${deleted.join(', ')}`);
    } catch (error) {
      this.logger.error(
        `destination ${id} is deleted but its topics are not: ` +
          (error instanceof Error ? error.message : String(error)),
      );
      throw new ApiErrorException(503, {
        error: 'unavailable',
        message: `destination deleted, but its Kafka topics (${topics.join(', ')}) could not be deleted yet: retry the DELETE`,
      });
    }
  }
}
