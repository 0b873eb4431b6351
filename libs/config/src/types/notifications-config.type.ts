import { Secret } from '../utils/secret';

/** Tenant notifications (docs/notifications.md): digests, rate limits, SMTP. */
export interface NotificationsConfig {
  /** At most one digest per channel per this window; events in between are batched. */
  digestWindowMs: number;
  /** A destination held (paused, down, circuit open, credentials refused) this long is reported. */
  heldThresholdMs: number;
  /** How often the delivery-worker looks for digests to compose and notifications to send. */
  pollMs: number;
  /** Timeout of one webhook request or SMTP session. */
  sendTimeoutMs: number;
  /** `smtp://user:pass@host:587` or `smtps://...:465`; empty = email channels cannot send. */
  smtpUrl: Secret<string>;
  /** From address of notification emails. */
  emailFrom: string;
  /** The cache-api's URL as users reach it, for the replay command in notifications. */
  apiUrl: string;
}
