import { AppsV1Api, BatchV1Api, CoreV1Api, KubeConfig } from '@kubernetes/client-node';
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import { SYNCCTL } from '../constants/syncctl.constants';
import { SyncctlException } from '../exceptions/syncctl.exception';
import type { ClusterOptions } from '../types/syncctl-command.type';

/** The API clients of one namespace, plus what error messages need to say where they went. */
export interface KubeClients {
  apps: AppsV1Api;
  batch: BatchV1Api;
  core: CoreV1Api;
  /** For requests the generated clients cannot make (the service proxy). */
  config: KubeConfig;
  namespace: string;
  server: string;
}

const IN_CLUSTER_NAMESPACE = '/var/run/secrets/kubernetes.io/serviceaccount/namespace';

/**
 * Finds the kubeconfig the way kubectl does (--kubeconfig, $KUBECONFIG, ~/.kube/config, in-cluster)
 * but fails with a clear message where the client library would quietly fall back to
 * http://localhost:8080.
 */
export function loadKubeConfig(
  options: ClusterOptions,
  env: NodeJS.ProcessEnv = process.env,
): KubeConfig {
  const kc = new KubeConfig();
  const explicit = options.kubeconfig ?? env.KUBECONFIG;
  const files = (explicit ?? path.join(env.HOME ?? homedir(), '.kube', 'config'))
    .split(path.delimiter)
    .filter(Boolean);
  const existing = files.filter((file) => existsSync(file));
  if (existing.length > 0) {
    // Several $KUBECONFIG files merge, the first one's current context winning (kubectl's rule).
    const [first, ...others] = existing as [string, ...string[]];
    kc.loadFromFile(first);
    for (const file of others) {
      const other = new KubeConfig();
      other.loadFromFile(file);
      kc.mergeConfig(other, true);
    }
  } else if (explicit === undefined && env.KUBERNETES_SERVICE_HOST) {
    kc.loadFromCluster();
  } else {
    const where = explicit === undefined ? '~/.kube/config' : files.join(', ');
    throw new SyncctlException(
      'no-kubeconfig',
      `no kubeconfig found (${where}): pass --kubeconfig, set KUBECONFIG, or run inside the cluster` +
        ' (minikube writes one with `minikube update-context`)',
    );
  }
  if (options.context) {
    if (!kc.getContextObject(options.context)) {
      throw new SyncctlException(
        'no-kubeconfig',
        `context "${options.context}" is not in the kubeconfig`,
      );
    }
    kc.setCurrentContext(options.context);
  }
  if (!kc.getCurrentCluster()) {
    throw new SyncctlException(
      'no-kubeconfig',
      'the kubeconfig has no current context: pass --context',
    );
  }
  return kc;
}

/** --namespace, else the context's namespace, else the pod's own (in-cluster), else "syncline". */
export function resolveNamespace(kc: KubeConfig, options: ClusterOptions): string {
  if (options.namespace) return options.namespace;
  const fromContext = kc.getContextObject(kc.getCurrentContext())?.namespace;
  if (fromContext) return fromContext;
  if (existsSync(IN_CLUSTER_NAMESPACE)) return readFileSync(IN_CLUSTER_NAMESPACE, 'utf8').trim();
  return SYNCCTL.defaultNamespace;
}

export function createKubeClients(kc: KubeConfig, options: ClusterOptions): KubeClients {
  return {
    apps: kc.makeApiClient(AppsV1Api),
    batch: kc.makeApiClient(BatchV1Api),
    core: kc.makeApiClient(CoreV1Api),
    config: kc,
    namespace: resolveNamespace(kc, options),
    server: kc.getCurrentCluster()?.server ?? '(unknown server)',
  };
}
