/** What a connector knows about a failure, CRM-neutral, for `classifyDeliveryError`. */
export interface DeliveryErrorFacts {
  /** HTTP status, when a response arrived. */
  status?: number;
  /** Vendor code: HubSpot `errors[].code` or `category`, Salesforce `errorCode`/`statusCode`. */
  crmCode?: string;
  message?: string;
  /** The raw `Retry-After` header: delta-seconds or an HTTP date. */
  retryAfter?: string | null;
  /** HubSpot's 429 `policyName`: TEN_SECONDLY_ROLLING, SECONDLY or DAILY. */
  policyName?: string;
  /** No response at all: connection refused or reset, DNS failure, socket hang-up. */
  network?: boolean;
  /** The call ran past the connector's per-call timeout. */
  timeout?: boolean;
  /** A re-authorization was already tried for this failure (or cannot be tried). */
  authRetried?: boolean;
}
