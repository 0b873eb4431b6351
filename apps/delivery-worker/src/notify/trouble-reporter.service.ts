import { Logger } from '@nestjs/common';
import { DeliveryException, isCredentialsRejection } from '@syncline/connectors';
import { Destination } from '@syncline/control-plane';
import { NotificationEvent, NotificationEventRecorder, replayHint } from '@syncline/notifications';
import { DeliveryDeadLetter } from '../types/delivery-dead-letter.type';
import { deadLetterEvents } from './dead-letter-events.util';

/** A destination's current run of trouble, from its first hold until a batch goes through. */
interface Episode {
  since: number;
  heldReported: boolean;
  credentialsReported: boolean;
}

/**
 * Tells tenants what the delivery-worker cannot fix by itself (docs/notifications.md): records
 * dead-lettered (every one counted, durably, before the batch may commit), a destination's
 * credentials refused, a destination held longer than the threshold. The last two are reported
 * once per episode per replica; the events table folds what replicas report together into one
 * pending row until a digest takes it.
 */
export class TroubleReporter {
  private readonly logger = new Logger(TroubleReporter.name);
  private readonly episodes = new Map<string, Episode>();

  constructor(
    private readonly recorder: NotificationEventRecorder,
    private readonly options: { heldThresholdMs: number; apiUrl: string },
  ) {}

  /** Throws when the events cannot be recorded: the batch is then redone, not committed. */
  async deadLettered(
    destination: Destination,
    letters: readonly DeliveryDeadLetter[],
  ): Promise<void> {
    if (letters.length === 0) return;
    const events = deadLetterEvents(
      destination,
      letters,
      replayHint(this.options.apiUrl, destination.tenant, destination.id),
    );
    await this.recorder.record(events);
    if (events.some((event) => event.kind === 'credentials_rejected'))
      this.episode(destination.id).credentialsReported = true;
  }

  /** A batch of the destination was put back (`reason`); reported once it lasts the threshold. */
  async held(destination: Destination, reason: string): Promise<void> {
    if (reason === 'revoked') return; // the partition moved to another replica: not trouble
    const episode = this.episode(destination.id);
    const heldMs = Date.now() - episode.since;
    if (episode.heldReported || heldMs < this.options.heldThresholdMs) return;
    const paused = reason === 'paused';
    const admin = `/v1/admin/tenants/${encodeURIComponent(destination.tenant)}/destinations/${destination.id}`;
    episode.heldReported = await this.report({
      tenant: destination.tenant,
      kind: 'destination_held',
      destinationId: destination.id,
      destinationName: destination.name,
      reason,
      count: 1,
      samples: [{ message: `changes held for ${Math.round(heldMs / 1000)} s (${reason})` }],
      hint: paused
        ? `The destination is paused; resume it with POST ${admin}/resume (syncctl resume).`
        : 'Changes wait in Kafka and go out by themselves once the destination takes them again; nothing is lost.',
    });
  }

  /** The destination refused our credentials for a whole batch (not per record). */
  async failed(destination: Destination, error: unknown): Promise<void> {
    if (!(error instanceof DeliveryException) || !isCredentialsRejection(error)) return;
    const episode = this.episode(destination.id);
    if (episode.credentialsReported) return;
    const admin = `/v1/admin/tenants/${encodeURIComponent(destination.tenant)}/destinations/${destination.id}`;
    episode.credentialsReported = await this.report({
      tenant: destination.tenant,
      kind: 'credentials_rejected',
      destinationId: destination.id,
      destinationName: destination.name,
      reason: error.details.crmCode ?? String(error.details.status ?? error.code),
      count: 1,
      samples: [{ message: error.message.slice(0, 500) }],
      hint: `Give the destination valid credentials: PATCH ${admin} {"credentials": {...}}; held changes then go out by themselves.`,
    });
  }

  /** A batch went through: the episode is over. */
  recovered(destinationId: string): void {
    this.episodes.delete(destinationId);
  }

  private episode(destinationId: string): Episode {
    let episode = this.episodes.get(destinationId);
    if (!episode) {
      episode = { since: Date.now(), heldReported: false, credentialsReported: false };
      this.episodes.set(destinationId, episode);
    }
    return episode;
  }

  /** Never throws: a hold must go on whatever happens; an event not recorded is tried next hold. */
  private async report(event: NotificationEvent): Promise<boolean> {
    try {
      await this.recorder.record([event]);
      return true;
    } catch (error) {
      this.logger.warn(
        `could not record a ${event.kind} notification for destination ${event.destinationId}: ${String(error)}`,
      );
      return false;
    }
  }
}
