/** An error answered in HubSpot's shape: `{ status: 'error', message, correlationId, category, ... }`. */
export class HubSpotApiException extends Error {
  constructor(
    readonly status: number,
    readonly category: string,
    message: string,
    readonly extra: {
      context?: Record<string, string[]>;
      errors?: { message: string; code?: string; in?: string }[];
      subCategory?: string;
    } = {},
  ) {
    super(message);
    this.name = new.target.name;
  }
}
