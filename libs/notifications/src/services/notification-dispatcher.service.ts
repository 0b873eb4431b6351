import { Logger } from '@nestjs/common';
import { SynclineException } from '@syncline/errors';
import { RetryPolicy } from '@syncline/resilience';
import { ChannelTarget } from '../types/channel-target.type';
import { DueNotification } from '../types/due-notification.type';
import { DigestComposer } from './digest-composer.service';
import { EmailSender } from './email.sender';
import { NotificationChannelRepository } from './notification-channel.repository';
import { NotificationOutboxRepository } from './notification-outbox.repository';
import { NotificationsMetrics } from './notifications.metrics';
import { WebhookSender } from './webhook.sender';

export interface NotificationDispatcherOptions {
  digestWindowMs: number;
  pollMs: number;
  sendTimeoutMs: number;
  /** Backoff between attempts at one notification (the repo's one retry policy). */
  retry?: RetryPolicy;
}

/** Notifications sent at once per tick (in parallel, so one lease covers them all). */
const CLAIM_LIMIT = 10;

/**
 * The notifier loop of the delivery-worker: every `pollMs`, compose the digests that are due
 * (DigestComposer), then claim and send the notifications that are due. Everything it works from
 * is in Postgres: a restart or another replica picks up whatever was recorded and not sent. A
 * failure the error hierarchy calls retriable is tried again after the retry policy's delay; any
 * other is recorded as failed.
 */
export class NotificationDispatcher {
  private readonly logger = new Logger(NotificationDispatcher.name);
  private readonly retry: RetryPolicy;
  private timer?: NodeJS.Timeout;
  private current: Promise<void> = Promise.resolve();
  private stopped = true;

  constructor(
    private readonly composer: DigestComposer,
    private readonly outbox: NotificationOutboxRepository,
    private readonly channels: NotificationChannelRepository,
    private readonly webhook: WebhookSender,
    private readonly email: EmailSender,
    private readonly metrics: NotificationsMetrics,
    private readonly options: NotificationDispatcherOptions,
  ) {
    this.retry = options.retry ?? new RetryPolicy();
  }

  start(): void {
    this.stopped = false;
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.current;
    this.email.close();
  }

  /** One round: compose what is due, send what is due. Exposed for tests. */
  async tick(): Promise<void> {
    await this.composer.composeDue(this.options.digestWindowMs);
    // A lease long enough for every send of the round (they run in parallel, each bounded).
    const due = await this.outbox.claimDue(2 * this.options.sendTimeoutMs + 5000, CLAIM_LIMIT);
    if (due.length === 0) return;
    const targets = await this.channels.targets([...new Set(due.map((n) => n.channelId))]);
    await Promise.all(due.map((notification) => this.deliver(notification, targets)));
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.current = this.tick()
        .catch((error: unknown) =>
          this.logger.warn(
            `notifier round failed, next in ${this.options.pollMs}ms: ${String(error)}`,
          ),
        )
        .finally(() => this.schedule(this.options.pollMs));
    }, delayMs);
  }

  private async deliver(
    notification: DueNotification,
    targets: Map<string, ChannelTarget>,
  ): Promise<void> {
    const target = targets.get(notification.channelId);
    if (!target) return; // the channel was deleted meanwhile: its notifications went with it
    if (target.kind === 'unreadable') {
      this.metrics.sent.inc({ channel: 'webhook', outcome: 'failed' });
      this.logger.warn(`notification ${notification.id} cannot be signed: ${target.error}`);
      return this.outbox.markFailed(notification.id, `cannot sign: ${target.error}`);
    }
    try {
      if (target.kind === 'webhook') await this.webhook.send(target, notification.payload);
      else await this.email.send(target, notification.payload);
    } catch (error) {
      this.metrics.sent.inc({ channel: target.kind, outcome: 'failed' });
      const message = error instanceof Error ? error.message : String(error);
      // Not one of ours (a bug): keep the notification rather than lose it.
      const retriable = error instanceof SynclineException ? error.retriable : true;
      if (!retriable) {
        this.logger.warn(`notification ${notification.id} failed for good: ${message}`);
        return this.outbox.markFailed(notification.id, message);
      }
      const delayMs = this.retry.delayFor(notification.attempts);
      this.logger.warn(
        `notification ${notification.id} not delivered (attempt ${notification.attempts}), retrying in ${delayMs}ms: ${message}`,
      );
      return this.outbox.retryLater(notification.id, delayMs, message);
    }
    this.metrics.sent.inc({ channel: target.kind, outcome: 'sent' });
    await this.outbox.markSent(notification.id);
  }
}
