import { NotificationEventKind } from './notification-event-kind.type';
import { NotificationSample } from './notification-event.type';

/** One line of a digest: events of one kind, destination and reason. */
export interface DigestItem {
  kind: NotificationEventKind;
  destination: { id: string; name: string };
  reason: string;
  count: number;
  firstAt: string;
  lastAt: string;
  samples: NotificationSample[];
  hint?: string;
}

/** The JSON body of a webhook notification (docs/notifications.md, Payload). */
export interface DigestPayload {
  type: 'syncline.notification.digest';
  version: 1;
  id: string;
  tenant: string;
  channel: { id: string; name: string };
  createdAt: string;
  summary: {
    events: number;
    byKind: Partial<Record<NotificationEventKind, number>>;
    /** Groups left out of `items` (beyond the digest's limit); their counts are in `byKind`. */
    omittedItems: number;
  };
  items: DigestItem[];
}
