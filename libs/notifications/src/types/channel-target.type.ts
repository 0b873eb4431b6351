/**
 * Where a digest goes, secrets included: for the sender only, never for a response. `unreadable`:
 * the webhook secret does not open with this SYNCLINE_CREDENTIALS_KEY (rotated, or damaged).
 */
export type ChannelTarget =
  | { id: string; kind: 'webhook'; url: string; secret: string }
  | { id: string; kind: 'email'; recipients: string[] }
  | { id: string; kind: 'unreadable'; error: string };
