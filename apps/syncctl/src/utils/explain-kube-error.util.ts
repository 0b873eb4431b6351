import { HttpError } from '@kubernetes/client-node';
import { SyncctlException } from '../exceptions/syncctl.exception';

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EHOSTUNREACH',
  'ETIMEDOUT',
  'ECONNRESET',
  'EAI_AGAIN',
]);

/** What the caller was doing, for messages: "create a Job in syncline". */
export interface KubeCallContext {
  action: string;
  namespace: string;
  server: string;
  /** The message for a 404, which only the caller can phrase usefully. */
  notFound?: string;
}

/** Turns what the client library throws into a SyncctlException with a message a person can act on. */
export function explainKubeError(error: unknown, context: KubeCallContext): SyncctlException {
  if (error instanceof SyncctlException) return error;
  if (error instanceof HttpError) {
    const body = error.body as { message?: string } | string | undefined;
    const detail =
      typeof body === 'object' && body?.message
        ? body.message
        : typeof body === 'string'
          ? body
          : JSON.stringify(body);
    switch (error.statusCode) {
      case 401:
        return new SyncctlException(
          'unauthorized',
          `the API server at ${context.server} rejected the credentials (401): log in again or refresh the kubeconfig`,
        );
      case 403:
        return new SyncctlException(
          'forbidden',
          `not allowed to ${context.action} (403): ${detail}\n` +
            `syncctl needs the Role syncline-control (deploy/base/control-rbac.yaml), e.g.\n` +
            `  kubectl -n ${context.namespace} create rolebinding syncline-operators --role=syncline-control --user=<you>`,
        );
      case 404:
        return new SyncctlException(
          'not-found',
          context.notFound ?? `cannot ${context.action}: not found (404): ${detail}`,
        );
      case 409:
        return new SyncctlException('conflict', `cannot ${context.action}: ${detail} (409)`);
      default:
        return new SyncctlException(
          'api-error',
          `cannot ${context.action}: the API answered ${error.statusCode ?? 'without a status'}: ${detail}`,
        );
    }
  }
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code && NETWORK_CODES.has(code)) {
    return new SyncctlException(
      'unreachable',
      `cannot reach the Kubernetes API at ${context.server} (${code}): is the cluster running? (minikube status)`,
    );
  }
  const message = error instanceof Error ? error.message : String(error);
  return new SyncctlException('api-error', `cannot ${context.action}: ${message}`);
}
