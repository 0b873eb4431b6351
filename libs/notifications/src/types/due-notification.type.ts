import { DigestPayload } from './digest-payload.type';

/** A notification claimed for sending (its lease runs until it is settled or expires). */
export interface DueNotification {
  id: string;
  channelId: string;
  payload: DigestPayload;
  /** Attempts so far, this one included. */
  attempts: number;
}
