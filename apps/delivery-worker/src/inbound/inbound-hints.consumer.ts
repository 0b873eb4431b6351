import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { KafkaBatch } from '@syncline/kafka';
import { INBOUND_HINTS_PATTERN } from '../constants/inbound-hints.pattern';
import { ApplyInboundHintsUseCase } from './apply-inbound-hints.usecase';

/** Inbound hints in (group `syncline-inbound`), CRM records applied; committed when applied. */
@Controller()
export class InboundHintsConsumer {
  constructor(private readonly hints: ApplyInboundHintsUseCase) {}

  @EventPattern(INBOUND_HINTS_PATTERN)
  async onBatch(@Payload() batch: KafkaBatch): Promise<void> {
    await this.hints.execute(batch);
  }
}
