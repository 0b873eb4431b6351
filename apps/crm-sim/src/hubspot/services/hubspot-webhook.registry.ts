import { Injectable } from '@nestjs/common';
import { HubSpotApiException } from '../exceptions/hubspot-api.exception';
import type { HubSpotWebhookSettings } from '../types/hubspot-webhook-settings.type';
import type { HubSpotWebhookSubscription } from '../types/hubspot-webhook-subscription.type';
import { parseWebhookSettings } from '../utils/parse-webhook-settings.util';
import { parseWebhookSubscription } from '../utils/parse-webhook-subscription.util';

/** The app's webhook settings (target URL, throttling) and event subscriptions. */
@Injectable()
export class HubSpotWebhookRegistry {
  private current: HubSpotWebhookSettings | undefined;
  private subscriptions = new Map<string, HubSpotWebhookSubscription>();
  private nextId = 1;

  settings(): HubSpotWebhookSettings | undefined {
    return this.current;
  }

  requireSettings(appId: number): HubSpotWebhookSettings {
    if (!this.current) {
      throw new HubSpotApiException(
        404,
        'OBJECT_NOT_FOUND',
        `No webhook settings for app ${appId}`,
      );
    }
    return this.current;
  }

  putSettings(body: unknown): HubSpotWebhookSettings {
    const parsed = parseWebhookSettings(body);
    const now = new Date().toISOString();
    this.current = { ...parsed, createdAt: this.current?.createdAt ?? now, updatedAt: now };
    return this.current;
  }

  deleteSettings(): void {
    this.current = undefined;
  }

  list(): HubSpotWebhookSubscription[] {
    return [...this.subscriptions.values()];
  }

  get(id: string): HubSpotWebhookSubscription {
    const subscription = this.subscriptions.get(id);
    if (!subscription) {
      throw new HubSpotApiException(404, 'OBJECT_NOT_FOUND', `Subscription ${id} not found`, {
        context: { id: [id] },
      });
    }
    return subscription;
  }

  create(body: unknown): HubSpotWebhookSubscription {
    const parsed = parseWebhookSubscription(body);
    const now = new Date().toISOString();
    const subscription: HubSpotWebhookSubscription = {
      id: String(this.nextId),
      ...parsed,
      createdAt: now,
      updatedAt: now,
    };
    this.nextId += 1;
    this.subscriptions.set(subscription.id, subscription);
    return subscription;
  }

  setActive(id: string, active: unknown): HubSpotWebhookSubscription {
    const subscription = this.get(id);
    if (typeof active !== 'boolean') {
      throw new HubSpotApiException(400, 'VALIDATION_ERROR', 'active must be a boolean', {
        context: { field: ['active'] },
      });
    }
    subscription.active = active;
    subscription.updatedAt = new Date().toISOString();
    return subscription;
  }

  remove(id: string): void {
    this.get(id);
    this.subscriptions.delete(id);
  }

  /** Active subscriptions for `eventType`; for propertyChange, those on `propertyName`. */
  matching(eventType: string, propertyName?: string): HubSpotWebhookSubscription[] {
    return this.list().filter(
      (s) =>
        s.active &&
        s.eventType === eventType &&
        (propertyName === undefined || s.propertyName === propertyName),
    );
  }

  reset(): void {
    this.current = undefined;
    this.subscriptions = new Map();
    this.nextId = 1;
  }
}
