import type { V1ConfigMap } from '@kubernetes/client-node';
import { SYNCCTL } from '../constants/syncctl.constants';
import type { KubeClients } from '../services/kube-clients.factory';
import { explainKubeError } from '../utils/explain-kube-error.util';

export type DestinationChange = 'paused' | 'resumed' | 'already paused' | 'not paused';

/**
 * `syncctl pause|resume <destination>`: sets or removes the destination's key in the control
 * ConfigMap with a JSON merge patch, which touches no other key (other destinations, other writers).
 */
export class SetDestinationStateUseCase {
  constructor(private readonly kube: KubeClients) {}

  async execute(destination: string, paused: boolean): Promise<DestinationChange> {
    const { core, namespace, server } = this.kube;
    const name = SYNCCTL.destinationsConfigMap;
    const context = {
      namespace,
      server,
      notFound:
        `ConfigMap ${name} not found in namespace "${namespace}": is Syncline deployed there? ` +
        '(deploy/base ships it; choose the namespace with --namespace)',
    };
    let current: V1ConfigMap;
    try {
      current = (await core.readNamespacedConfigMap(name, namespace)).body;
    } catch (error) {
      throw explainKubeError(error, { ...context, action: `read ConfigMap ${name}` });
    }
    const isPaused = current.data?.[destination] === SYNCCTL.pausedValue;
    if (paused === isPaused) return paused ? 'already paused' : 'not paused';

    const patch = { data: { [destination]: paused ? SYNCCTL.pausedValue : null } };
    try {
      await core.patchNamespacedConfigMap(
        name,
        namespace,
        patch,
        undefined,
        undefined,
        'syncctl',
        undefined,
        undefined,
        { headers: { 'Content-Type': 'application/merge-patch+json' } },
      );
    } catch (error) {
      throw explainKubeError(error, { ...context, action: `patch ConfigMap ${name}` });
    }
    return paused ? 'paused' : 'resumed';
  }
}
