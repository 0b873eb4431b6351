import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { KafkaBatch } from '@syncline/kafka';
import { ROUTE_NOTICES_PATTERN } from '../constants/route-notices.pattern';
import { RouteNoticesUseCase } from './route-notices.usecase';

/** record-changed notices in, per-destination delivery tasks out; committed when enqueued. */
@Controller()
export class NoticesConsumer {
  constructor(private readonly route: RouteNoticesUseCase) {}

  @EventPattern(ROUTE_NOTICES_PATTERN)
  async onBatch(@Payload() batch: KafkaBatch): Promise<void> {
    await this.route.execute(batch);
  }
}
