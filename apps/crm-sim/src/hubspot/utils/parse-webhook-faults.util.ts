import { SimAdminException } from '../../common/exceptions/sim-admin.exception';
import type { HubSpotWebhookFaults } from '../types/hubspot-webhook-faults.type';

/** Validates `POST /__sim/webhooks/faults`: `{ duplicateRate?: 0..1, reorder?: boolean }`. */
export function parseWebhookFaults(input: unknown): Partial<HubSpotWebhookFaults> {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new SimAdminException('webhook faults body must be a JSON object');
  }
  const { duplicateRate, reorder, ...rest } = input as Record<string, unknown>;
  const unknown = Object.keys(rest)[0];
  if (unknown !== undefined) throw new SimAdminException(`unknown webhook fault '${unknown}'`);
  if (
    duplicateRate !== undefined &&
    (typeof duplicateRate !== 'number' || !(duplicateRate >= 0 && duplicateRate <= 1))
  ) {
    throw new SimAdminException('duplicateRate must be within 0..1');
  }
  if (reorder !== undefined && typeof reorder !== 'boolean') {
    throw new SimAdminException('reorder must be a boolean');
  }
  return {
    ...(duplicateRate === undefined ? {} : { duplicateRate }),
    ...(reorder === undefined ? {} : { reorder }),
  };
}
