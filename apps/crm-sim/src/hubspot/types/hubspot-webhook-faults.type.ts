/**
 * Delivery faults for tests of at-least-once, unordered consumers (HubSpot documents both:
 * deliveries can repeat and are not ordered).
 */
export interface HubSpotWebhookFaults {
  /** Probability (0..1) that a successful delivery is sent once more, unchanged. */
  duplicateRate: number;
  /** Shuffle pending events and split them into random-sized deliveries sent in random order. */
  reorder: boolean;
}
