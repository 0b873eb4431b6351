/** One entry of a 207 `errors[]`: HubSpot's StandardError, every field treated as optional. */
export interface HubSpotStandardErrorLike {
  category?: string;
  message?: string;
  context?: Record<string, string[] | undefined>;
  errors?: { code?: string; message?: string }[];
}
