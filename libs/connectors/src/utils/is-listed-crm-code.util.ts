import { CRM_ERROR_CODES } from '../constants/crm-error-codes.constant';

/** Whether the classification table knows `code` (any class). */
export function isListedCrmCode(code: string): boolean {
  return Object.values(CRM_ERROR_CODES).some((codes: ReadonlySet<string>) => codes.has(code));
}
