/** How old (or how far ahead) a signed webhook's timestamp may be: HubSpot's own bound, 5 minutes. */
export const DEFAULT_WEBHOOK_MAX_AGE_MS = 300_000;
