/**
 * An entry of `errors` in a 207 multi-status batch response: HubSpot's public `StandardError`
 * (CRM v3 spec; `@hubspot/api-client` models `StandardError` / `ErrorDetail`), whose required
 * fields are status, category, message, context, errors and links.
 */
export interface HubSpotBatchError {
  status: 'error';
  category: string;
  subCategory?: string;
  message: string;
  context: Record<string, string[]>;
  errors: { message: string; code?: string; in?: string; context?: Record<string, string[]> }[];
  links: Record<string, string>;
}
