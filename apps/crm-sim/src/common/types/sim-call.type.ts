/** One API call as the sim saw it; admin and metrics calls are not recorded. */
export interface SimCall {
  seq: number;
  method: string;
  path: string;
  query: string;
  /** HTTP status sent, or 0 when the fault gate reset the connection. */
  status: number;
  items: number;
  itemErrors: number;
  timestamp: string;
  durationMs: number;
}
