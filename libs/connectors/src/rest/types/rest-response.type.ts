/** A REST destination's answer, read and parsed. */
export interface RestResponse {
  status: number;
  headers: Headers;
  /** Parsed JSON, or the text when the body is not JSON; undefined when empty. */
  body: unknown;
}
