import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import { SYNCLINE_CONFIG, SynclineConfig } from '@syncline/config';
import { ControlPlaneSnapshot } from '@syncline/control-plane';
import { DurableKafkaProducer } from '@syncline/kafka';
import { OpsHttpServer } from '@syncline/observability';
import { DestinationSender } from '../deliver/destination-sender.service';

/**
 * Start-up order: control-plane view, producer, sender, ops endpoints. Shutdown (after the router
 * transport finished its batch): sender (finishes its batches), producer, view, ops endpoints.
 */
@Injectable()
export class DeliveryLifecycleService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(DeliveryLifecycleService.name);

  constructor(
    @Inject(SYNCLINE_CONFIG) private readonly config: SynclineConfig,
    private readonly snapshot: ControlPlaneSnapshot,
    private readonly producer: DurableKafkaProducer,
    private readonly sender: DestinationSender,
    private readonly ops: OpsHttpServer,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.snapshot.start();
    await this.producer.connect();
    await this.sender.start();
    const port = await this.ops.listen(this.config.http.opsPort);
    this.logger.log(`ops endpoints on :${port} (/metrics, /health/live, /health/ready)`);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.sender.stop();
    await this.producer.disconnect();
    this.snapshot.stop();
    await this.ops.close();
  }
}
