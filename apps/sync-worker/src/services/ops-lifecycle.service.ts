import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import { SYNCLINE_CONFIG, SynclineConfig } from '@syncline/config';
import { DurableKafkaProducer } from '@syncline/kafka';
import { OpsHttpServer } from '@syncline/observability';

/**
 * Serves the ops endpoints and connects the producer (creating its topics); on shutdown, after the
 * transport finished and committed its batch, disconnects the producer and stops serving.
 */
@Injectable()
export class OpsLifecycleService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(OpsLifecycleService.name);

  constructor(
    @Inject(SYNCLINE_CONFIG) private readonly config: SynclineConfig,
    private readonly ops: OpsHttpServer,
    private readonly producer: DurableKafkaProducer,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const port = await this.ops.listen(this.config.http.opsPort);
    this.logger.log(`ops endpoints on :${port} (/metrics, /health/live, /health/ready)`);
    // A broker outage at start is not a failed start: the producer connects on its first send,
    // the transport retries its consumer's start, and readiness says when both run.
    this.producer
      .connect()
      .catch((error: unknown) =>
        this.logger.warn(`producer not connected yet (connects on first send): ${String(error)}`),
      );
  }

  async onApplicationShutdown(): Promise<void> {
    await this.producer.disconnect();
    await this.ops.close();
  }
}
