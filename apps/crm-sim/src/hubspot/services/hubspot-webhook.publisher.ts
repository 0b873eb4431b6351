import { Inject, Injectable } from '@nestjs/common';
import { HUBSPOT_SIM_OPTIONS } from '../constants/hubspot-sim-options.token';
import { HUBSPOT_WEBHOOK_DEFAULTS } from '../constants/hubspot-webhook-defaults.constant';
import { HUBSPOT_WEBHOOK_OBJECT_NAMES } from '../constants/hubspot-webhook-object-names.constant';
import type { HubSpotRecordChange } from '../types/hubspot-record-change.type';
import type { HubSpotSimOptions } from '../types/hubspot-sim-options.type';
import type { HubSpotWebhookEvent } from '../types/hubspot-webhook-event.type';
import type { HubSpotWebhookSubscription } from '../types/hubspot-webhook-subscription.type';
import { HubSpotWebhookDispatcher } from './hubspot-webhook.dispatcher';
import { HubSpotWebhookRegistry } from './hubspot-webhook.registry';

/**
 * Turns record writes into events for the active subscriptions that match them: creation,
 * deletion, and one propertyChange per changed property (a creation also reports the
 * properties it set, as they change from empty).
 */
@Injectable()
export class HubSpotWebhookPublisher {
  readonly appId: number;
  readonly portalId: number;
  private nextEventId = 1;

  constructor(
    private readonly registry: HubSpotWebhookRegistry,
    private readonly dispatcher: HubSpotWebhookDispatcher,
    @Inject(HUBSPOT_SIM_OPTIONS) options: HubSpotSimOptions,
  ) {
    this.appId = options.webhooks?.appId ?? HUBSPOT_WEBHOOK_DEFAULTS.appId;
    this.portalId = options.webhooks?.portalId ?? HUBSPOT_WEBHOOK_DEFAULTS.portalId;
  }

  publish(change: HubSpotRecordChange): void {
    const name = HUBSPOT_WEBHOOK_OBJECT_NAMES[change.objectType];
    // Nothing to do (and nothing to cost the write path) until the app has somewhere to send.
    if (name === undefined || !this.registry.settings()) return;
    const events: HubSpotWebhookEvent[] = [];
    const add = (subscription: HubSpotWebhookSubscription, extra = {}): void => {
      events.push({ ...this.event(change, subscription), ...extra });
    };
    if (change.created) {
      for (const s of this.registry.matching(`${name}.creation`)) add(s);
    }
    if (change.deleted) {
      for (const s of this.registry.matching(`${name}.deletion`)) add(s);
    }
    for (const [propertyName, value] of change.properties) {
      for (const s of this.registry.matching(`${name}.propertyChange`, propertyName)) {
        add(s, { propertyName, propertyValue: value ?? '' });
      }
    }
    this.dispatcher.enqueue(events);
  }

  reset(): void {
    this.nextEventId = 1;
  }

  private event(
    change: HubSpotRecordChange,
    subscription: HubSpotWebhookSubscription,
  ): HubSpotWebhookEvent {
    const eventId = this.nextEventId;
    this.nextEventId += 1;
    return {
      eventId,
      subscriptionId: Number(subscription.id),
      portalId: this.portalId,
      appId: this.appId,
      occurredAt: change.occurredAt,
      subscriptionType: subscription.eventType,
      attemptNumber: 0,
      objectId: Number(change.objectId),
      changeSource: change.source,
    };
  }
}
