/** One POST the sim made to the target URL, for tests to wait on (`GET /__sim/webhooks/deliveries`). */
export interface HubSpotWebhookDelivery {
  seq: number;
  /** The events' attemptNumber: 0 for the first try, n for the n-th retry. */
  attemptNumber: number;
  /** HTTP status the receiver answered, or 0 when it did not (refused, reset, timeout). */
  status: number;
  /** Why a delivery without a status failed, e.g. 'timeout'. */
  error?: string;
  eventIds: number[];
  /** A copy sent by the duplicate fault switch. */
  duplicate: boolean;
  /** Another attempt is scheduled for these events. */
  willRetry: boolean;
  startedAt: string;
  durationMs: number;
}
