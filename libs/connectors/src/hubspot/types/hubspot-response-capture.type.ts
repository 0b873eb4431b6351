/** What the per-call middleware saw of the raw response (the client hides it on most paths). */
export interface HubSpotResponseCapture {
  status?: number;
  /** Lower-cased header names. */
  headers?: Record<string, string>;
}
