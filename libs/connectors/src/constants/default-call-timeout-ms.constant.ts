/** How long one CRM call may take before it fails as `transient` (every connector, every call). */
export const DEFAULT_CALL_TIMEOUT_MS = 30_000;
