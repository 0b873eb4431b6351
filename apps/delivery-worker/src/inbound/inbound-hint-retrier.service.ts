import { Logger } from '@nestjs/common';
import { ApplyInboundHintsUseCase } from './apply-inbound-hints.usecase';

/** How often deferred records are looked at; each waits its destination's backoff anyway. */
const RETRY_INTERVAL_MS = 1_000;

/**
 * Reads deferred webhook records again (`ApplyInboundHintsUseCase.retryDeferred`): the records of
 * a destination whose CRM could not be read when their hints came. One run at a time; a run that
 * fails (Postgres unavailable) leaves its claims to expire and be taken again.
 */
export class InboundHintRetrier {
  private readonly logger = new Logger(InboundHintRetrier.name);
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private stopped = false;

  constructor(private readonly hints: ApplyInboundHintsUseCase) {}

  start(): void {
    this.timer = setInterval(() => this.tick(), RETRY_INTERVAL_MS);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.running;
  }

  private tick(): void {
    if (this.stopped || this.running) return;
    this.running = this.hints
      .retryDeferred()
      .then(
        () => undefined,
        (error: unknown) =>
          this.logger.warn(`retrying deferred inbound hints failed: ${String(error)}`),
      )
      .finally(() => {
        this.running = undefined;
      });
  }
}
