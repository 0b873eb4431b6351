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
import { NotificationDispatcher } from '@syncline/notifications';
import { HealthService, OpsHttpServer } from '@syncline/observability';
import { DestinationSender } from '../deliver/destination-sender.service';
import { InboundHintRetrier } from '../inbound/inbound-hint-retrier.service';
import { InboundPoller } from '../inbound/inbound-poller.service';

/**
 * Start-up order: ops endpoints (ready only once both consumers run), control-plane view, then the
 * producer and the sender in the background: a broker outage at start is waited out with backoff,
 * never a failed start; then the notifier loop (tenant notifications), the two-way poller and the
 * retrier of deferred webhook records. Shutdown (after the router transport finished its batch):
 * retrier and poller (each finishes its run), notifier
 * (finishes its round), sender (finishes its batches),
 * producer, view, ops endpoints.
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
    private readonly health: HealthService,
    private readonly notifier: NotificationDispatcher,
    private readonly poller: InboundPoller,
    private readonly retrier: InboundHintRetrier,
  ) {}

  private senderStarted: Promise<void> = Promise.resolve();

  async onApplicationBootstrap(): Promise<void> {
    this.health.register('delivery-sender', async () => this.sender.isConsuming());
    const port = await this.ops.listen(this.config.http.opsPort);
    this.logger.log(`ops endpoints on :${port} (/metrics, /health/live, /health/ready)`);
    await this.snapshot.start();
    // Connects on first send if the broker is down now; the sender retries its own start.
    this.producer
      .connect()
      .catch((error: unknown) =>
        this.logger.warn(`producer not connected yet (connects on first send): ${String(error)}`),
      );
    this.senderStarted = this.sender.start();
    this.notifier.start();
    this.poller.start();
    this.retrier.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.retrier.stop();
    await this.poller.stop();
    await this.notifier.stop();
    await this.sender.stop();
    await this.senderStarted;
    await this.producer.disconnect();
    this.snapshot.stop();
    await this.ops.close();
  }
}
