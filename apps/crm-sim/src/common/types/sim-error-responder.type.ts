import type { SimResponse } from './sim-response.type';

/** Writes request-level fault responses in the vendor's own shape. */
export interface SimErrorResponder {
  unavailable(res: SimResponse): void;
  serverError(res: SimResponse, status: number): void;
  throttled(res: SimResponse, retryAfterSeconds: number): void;
}
