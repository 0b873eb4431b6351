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
 * Connects the producer (creating its topics) and serves the ops endpoints; on shutdown, after the
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
    await this.producer.connect();
    const port = await this.ops.listen(this.config.http.opsPort);
    this.logger.log(`ops endpoints on :${port} (/metrics, /health/live, /health/ready)`);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.producer.disconnect();
    await this.ops.close();
  }
}
