import type { V1CronJob, V1Job } from '@kubernetes/client-node';
import { SYNCCTL } from '../constants/syncctl.constants';
import type { KubeClients } from '../services/kube-clients.factory';
import type { ReconcileRequest } from '../types/syncctl-command.type';
import { buildManualJob, manualJobName } from '../utils/build-manual-job.util';
import { explainKubeError } from '../utils/explain-kube-error.util';

/** `syncctl reconcile --now`: one Job from the reconciler CronJob, created now. */
export class ReconcileNowUseCase {
  constructor(
    private readonly kube: KubeClients,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async execute(request: ReconcileRequest): Promise<V1Job> {
    const { batch, namespace, server } = this.kube;
    const cronJobName = SYNCCTL.reconcilerCronJob;
    let cronJob: V1CronJob;
    try {
      cronJob = (await batch.readNamespacedCronJob(cronJobName, namespace)).body;
    } catch (error) {
      throw explainKubeError(error, {
        action: `read CronJob ${cronJobName} in namespace ${namespace}`,
        namespace,
        server,
        notFound:
          `CronJob ${cronJobName} not found in namespace "${namespace}": is Syncline deployed there? ` +
          '(choose the namespace with --namespace)',
      });
    }
    const job = buildManualJob(cronJob, manualJobName(cronJobName, this.now()), request);
    try {
      return (await batch.createNamespacedJob(namespace, job)).body;
    } catch (error) {
      throw explainKubeError(error, {
        action: `create a Job in namespace ${namespace}`,
        namespace,
        server,
      });
    }
  }
}
