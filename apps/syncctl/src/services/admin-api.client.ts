import type { KubeConfig } from '@kubernetes/client-node';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest, type RequestOptions } from 'node:https';
import { SYNCCTL } from '../constants/syncctl.constants';
import { SyncctlException } from '../exceptions/syncctl.exception';
import { explainKubeError } from '../utils/explain-kube-error.util';
import type { KubeClients } from './kube-clients.factory';

interface ProxyReply {
  status: number;
  body: unknown;
}

/**
 * The cache-api's admin API (`/v1/admin/...`), reached through the API server's service proxy
 * (`/api/v1/namespaces/<ns>/services/syncline-cache-api:http/proxy/...`), so syncctl needs no
 * port-forward and no route into the cluster: the kubeconfig's credentials and the Role
 * syncline-control (services/proxy) are enough. Pausing lives in the control plane, where every
 * delivery-worker replica reads it; this is only a way to reach it.
 */
export class AdminApiClient {
  private constructor(
    private readonly kube: KubeClients,
    private readonly adminKey: string,
  ) {}

  /** The admin key is $SYNCLINE_ADMIN_API_KEY, else the one in the Secret syncline-admin. */
  static async connect(kube: KubeClients, env: NodeJS.ProcessEnv): Promise<AdminApiClient> {
    const fromEnv = env[SYNCCTL.adminKeyField];
    if (fromEnv) return new AdminApiClient(kube, fromEnv);
    const secret = await kube.core
      .readNamespacedSecret(SYNCCTL.secretName, kube.namespace)
      .catch((error: unknown) => {
        throw explainKubeError(error, {
          action: `read Secret ${SYNCCTL.secretName} (for the admin API key)`,
          namespace: kube.namespace,
          server: kube.server,
          notFound:
            `Secret ${SYNCCTL.secretName} not found in namespace "${kube.namespace}": ` +
            `set ${SYNCCTL.adminKeyField} instead, or choose the namespace with --namespace`,
        });
      });
    const encoded = secret.body.data?.[SYNCCTL.adminKeyField];
    if (!encoded) {
      throw new SyncctlException(
        'not-found',
        `Secret ${SYNCCTL.secretName} has no ${SYNCCTL.adminKeyField}: set it there or in the environment`,
      );
    }
    return new AdminApiClient(kube, Buffer.from(encoded, 'base64').toString('utf8'));
  }

  /** Sends one admin request; `what` names it in error messages ("pause destination x"). */
  async send<T>(method: 'GET' | 'POST', path: string, what: string): Promise<T> {
    const { namespace, server } = this.kube;
    const service = `${SYNCCTL.cacheApiService}:${SYNCCTL.cacheApiPortName}`;
    const url = new URL(
      `${server.replace(/\/$/, '')}/api/v1/namespaces/${encodeURIComponent(namespace)}` +
        `/services/${service}/proxy${path}`,
    );
    let reply: ProxyReply;
    try {
      reply = await roundTrip(this.kube.config, url, method, this.adminKey);
    } catch (error) {
      throw explainKubeError(error, { action: what, namespace, server });
    }
    if (reply.status >= 200 && reply.status < 300) return reply.body as T;
    throw explainReply(reply, what, namespace);
  }
}

function roundTrip(
  kc: KubeConfig,
  url: URL,
  method: string,
  adminKey: string,
): Promise<ProxyReply> {
  return new Promise((resolve, reject) => {
    const options: RequestOptions = {
      method,
      headers: { accept: 'application/json', 'x-api-key': adminKey },
    };
    // The kubeconfig's TLS material and credentials (token, client cert, exec plugin).
    kc.applyToHTTPSOptions(options)
      .then(() => {
        const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
        const req = send(url, options, (res: IncomingMessage) => {
          let raw = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => (raw += chunk));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: parseBody(raw) }));
          res.on('error', reject);
        });
        req.on('error', reject);
        req.end();
      })
      .catch(reject);
  });
}

function parseBody(raw: string): unknown {
  try {
    return raw ? (JSON.parse(raw) as unknown) : undefined;
  } catch {
    return raw;
  }
}

/** Tells the API server's own refusals (kind: Status) from the cache-api's answers. */
function explainReply(reply: ProxyReply, what: string, namespace: string): SyncctlException {
  const body = reply.body as { kind?: string; message?: string; error?: string } | undefined;
  const detail = body?.message ?? (typeof reply.body === 'string' ? reply.body : '');
  if (body?.kind === 'Status') {
    switch (reply.status) {
      case 401:
        return new SyncctlException(
          'unauthorized',
          `the API server rejected the credentials (401): log in again or refresh the kubeconfig`,
        );
      case 403:
        return new SyncctlException(
          'forbidden',
          `not allowed to ${what} (403): ${detail}\nsyncctl needs the Role syncline-control ` +
            `(services/proxy on ${SYNCCTL.cacheApiService}); see docs/deploy.md`,
        );
      case 404:
        return new SyncctlException(
          'not-found',
          `Service ${SYNCCTL.cacheApiService} not found in namespace "${namespace}": ` +
            'is Syncline deployed there? (choose the namespace with --namespace)',
        );
      default:
        return new SyncctlException(
          'unreachable',
          `cannot ${what}: the API server could not reach the cache-api (${reply.status}: ${detail}); ` +
            `is a cache-api pod ready? (syncctl status)`,
        );
    }
  }
  switch (reply.status) {
    case 401:
    case 403:
      return new SyncctlException(
        'forbidden',
        `the cache-api refused the admin key (${reply.status}): ${SYNCCTL.adminKeyField} ` +
          `(or the Secret ${SYNCCTL.secretName}) does not hold the deployed admin key`,
      );
    case 404:
      return new SyncctlException('not-found', `cannot ${what}: ${detail || 'not found'}`);
    default:
      return new SyncctlException(
        'api-error',
        `cannot ${what}: the cache-api answered ${reply.status}${detail ? `: ${detail}` : ''}`,
      );
  }
}
