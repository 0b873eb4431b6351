/** Where a digest goes, secrets included: for the sender only, never for a response. */
export type ChannelTarget =
  | { id: string; kind: 'webhook'; url: string; secret: string }
  | { id: string; kind: 'email'; recipients: string[] };
