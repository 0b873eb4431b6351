import { NOTIFICATION_EVENT_KINDS } from '../constants/notification-event-kinds.constant';

export type NotificationEventKind = (typeof NOTIFICATION_EVENT_KINDS)[number];
