import { SimAdminException } from '../exceptions/sim-admin.exception';

/** The `{ error, message }` body of a failed admin call, or undefined for other errors. */
export function adminErrorBody(
  error: unknown,
): { status: number; body: { error: string; message: string } } | undefined {
  if (!(error instanceof SimAdminException)) return undefined;
  const code = error.status === 404 ? 'not_found' : 'invalid_request';
  return { status: error.status, body: { error: code, message: error.message } };
}
