import { DigestPayload } from './digest-payload.type';

/** A digest as recorded: what was sent, when, to which channel, and how it went. */
export interface NotificationRecord {
  id: string;
  channelId: string;
  tenant: string;
  status: 'pending' | 'sent' | 'failed';
  eventCount: number;
  attempts: number;
  lastError: string | null;
  createdAt: string;
  sentAt: string | null;
  nextAttemptAt: string;
  payload: DigestPayload;
}
