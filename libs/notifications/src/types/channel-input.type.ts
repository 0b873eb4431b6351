/** A channel request body (CHANNEL_INPUT_SCHEMAS). */
export interface ChannelInput {
  name: string;
  kind: 'webhook' | 'email';
  url?: string;
  secret?: string;
  recipients?: string[];
  enabled?: boolean;
}
