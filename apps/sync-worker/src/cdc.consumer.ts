import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { KafkaBatch } from '@syncline/kafka';
import { ApplyChangesUseCase } from './apply-changes/apply-changes.usecase';
import { CDC_BATCH_PATTERN } from './constants/cdc-batch.pattern';

/** Debezium batches in, durable cache writes out; the transport commits when this resolves. */
@Controller()
export class CdcConsumer {
  constructor(private readonly applyChanges: ApplyChangesUseCase) {}

  @EventPattern(CDC_BATCH_PATTERN)
  async onBatch(@Payload() batch: KafkaBatch): Promise<void> {
    await this.applyChanges.execute(batch);
  }
}
