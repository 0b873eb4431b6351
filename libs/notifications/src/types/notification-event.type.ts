import { NotificationEventKind } from './notification-event-kind.type';

/** An example of what went wrong: which record, and what the CRM or the mapping said. */
export interface NotificationSample {
  entity?: string;
  recordId?: string;
  version?: number;
  message: string;
}

/**
 * Something a tenant must be told about, for one destination. Events of the same kind,
 * destination and reason add up (`count`) until a digest takes them.
 */
export interface NotificationEvent {
  tenant: string;
  kind: NotificationEventKind;
  destinationId: string;
  destinationName: string;
  /** Short and stable: a CRM error code, an error class, a hold reason. */
  reason: string;
  count: number;
  samples: NotificationSample[];
  /** What the user can do about it (the replay command for dead letters). */
  hint?: string;
}
