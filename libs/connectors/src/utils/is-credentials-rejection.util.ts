import { CRM_ERROR_CODES } from '../constants/crm-error-codes.constant';
import { DeliveryException } from '../exceptions/delivery.exception';

/** OAuth answers that say the connected app or its grant is no longer accepted. */
const GRANT_REFUSED = new Set(['invalid_client', 'invalid_client_id', 'invalid_grant']);

/**
 * Whether a failure means the destination refused our credentials for good (a 401 after a
 * re-authorization, a 403, an auth or OAuth grant code): nothing but new credentials will help,
 * so the tenant is told (docs/notifications.md). Rate limits (Salesforce answers its limits with
 * 403 too) and retriable errors are not.
 */
export function isCredentialsRejection(error: DeliveryException): boolean {
  if (error.errorClass !== 'permanent') return false;
  const { status, crmCode } = error.details;
  if (status === 401 || status === 403) return true;
  return crmCode !== undefined && (CRM_ERROR_CODES.auth.has(crmCode) || GRANT_REFUSED.has(crmCode));
}
