import { NotificationRecord } from './notification-record.type';

/** A page of notifications, newest first; pass `next` as `cursor` for the following page. */
export interface NotificationPage {
  items: NotificationRecord[];
  next: string | null;
}
