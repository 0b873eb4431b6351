import { NotificationEvent } from './notification-event.type';

/** A pending event group as stored: when its first and last occurrences were recorded. */
export interface StoredNotificationEvent extends NotificationEvent {
  firstAt: Date;
  lastAt: Date;
}
