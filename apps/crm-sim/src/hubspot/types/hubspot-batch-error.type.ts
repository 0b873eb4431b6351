/** An entry of `errors` in a 207 multi-status batch response (StandardError). */
export interface HubSpotBatchError {
  status: 'error';
  category: string;
  message: string;
  context: Record<string, string[]>;
  errors?: { message: string; code: string; in?: string; context?: Record<string, string[]> }[];
}
