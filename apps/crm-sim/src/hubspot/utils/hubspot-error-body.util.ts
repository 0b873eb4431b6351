import { randomUUID } from 'node:crypto';

/** HubSpot's error envelope; `extra` adds context/errors/policyName and the like. */
export function hubSpotErrorBody(
  category: string,
  message: string,
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  return { status: 'error', message, correlationId: randomUUID(), category, ...extra };
}
