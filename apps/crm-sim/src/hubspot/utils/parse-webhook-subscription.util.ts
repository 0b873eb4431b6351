import { HUBSPOT_WEBHOOK_EVENT_ACTIONS } from '../constants/hubspot-webhook-event-actions.constant';
import { HUBSPOT_WEBHOOK_OBJECT_NAMES } from '../constants/hubspot-webhook-object-names.constant';
import { HubSpotApiException } from '../exceptions/hubspot-api.exception';

const EVENT_TYPES = new Set(
  Object.values(HUBSPOT_WEBHOOK_OBJECT_NAMES).flatMap((name) =>
    HUBSPOT_WEBHOOK_EVENT_ACTIONS.map((action) => `${name}.${action}`),
  ),
);

/** `POST /webhooks/v3/{appId}/subscriptions` body: `{ eventType, propertyName?, active? }`. */
export function parseWebhookSubscription(body: unknown): {
  eventType: string;
  propertyName?: string;
  active: boolean;
} {
  const input = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  const { eventType, propertyName, active } = input;
  if (typeof eventType !== 'string' || !EVENT_TYPES.has(eventType)) {
    throw invalid(
      `eventType must be one of the CRM object event types (e.g. contact.creation); got ${JSON.stringify(eventType)}`,
      'eventType',
    );
  }
  const needsProperty = eventType.endsWith('.propertyChange');
  if (needsProperty && (typeof propertyName !== 'string' || propertyName === '')) {
    throw invalid(`propertyName is required for ${eventType}`, 'propertyName');
  }
  if (active !== undefined && typeof active !== 'boolean') {
    throw invalid('active must be a boolean', 'active');
  }
  return {
    eventType,
    ...(needsProperty ? { propertyName: propertyName as string } : {}),
    active: active ?? false,
  };
}

function invalid(message: string, field: string): HubSpotApiException {
  return new HubSpotApiException(400, 'VALIDATION_ERROR', message, {
    context: { field: [field] },
  });
}
