/** One request a test receiver got; `body` is the raw text, as it was signed. */
export interface ReceivedRequest {
  method: string;
  url: string;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}
