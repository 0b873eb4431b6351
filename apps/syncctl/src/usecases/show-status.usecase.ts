import { HttpError, type V1Job } from '@kubernetes/client-node';
import { SYNCCTL } from '../constants/syncctl.constants';
import type { KubeClients } from '../services/kube-clients.factory';
import type { JobState, ReconcileJobStatus, StatusReport } from '../types/status-report.type';
import { explainKubeError } from '../utils/explain-kube-error.util';

const isNotFound = (error: unknown) => error instanceof HttpError && error.statusCode === 404;

/** `syncctl status`: what runs, how the last reconcile runs went, what is paused. */
export class ShowStatusUseCase {
  constructor(
    private readonly kube: KubeClients,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async execute(recentJobs: number): Promise<StatusReport> {
    const { apps, batch, namespace, server } = this.kube;
    const explain = (action: string) => (error: unknown) => {
      throw explainKubeError(error, {
        action: `${action} in namespace ${namespace}`,
        namespace,
        server,
      });
    };

    const deployments = await apps
      .listNamespacedDeployment(
        namespace,
        undefined,
        undefined,
        undefined,
        undefined,
        SYNCCTL.partOfSelector,
      )
      .catch(explain('list Deployments'));
    const jobs = await batch
      .listNamespacedJob(
        namespace,
        undefined,
        undefined,
        undefined,
        undefined,
        SYNCCTL.reconcilerSelector,
      )
      .catch(explain('list Jobs'));
    const cronJob = await batch
      .readNamespacedCronJob(SYNCCTL.reconcilerCronJob, namespace)
      .catch((error: unknown) =>
        isNotFound(error) ? undefined : explain('read the reconciler CronJob')(error),
      );
    const cron = cronJob?.body;
    return {
      namespace,
      deployments: deployments.body.items
        .map((d) => ({
          name: d.metadata?.name ?? '',
          desired: d.spec?.replicas ?? 0,
          ready: d.status?.readyReplicas ?? 0,
          upToDate: d.status?.updatedReplicas ?? 0,
          available: d.status?.availableReplicas ?? 0,
        }))
        .sort((a, b) => a.name.localeCompare(b.name)),
      reconciler: cron?.spec
        ? {
            installed: true,
            schedule: cron.spec.schedule,
            suspended: cron.spec.suspend ?? false,
            lastScheduleTime: cron.status?.lastScheduleTime?.toISOString(),
            lastSuccessfulTime: cron.status?.lastSuccessfulTime?.toISOString(),
          }
        : { installed: false },
      jobs: jobs.body.items
        .sort((a, b) => created(b) - created(a))
        .slice(0, recentJobs)
        .map((job) => this.describeJob(job)),
    };
  }

  private describeJob(job: V1Job): ReconcileJobStatus {
    const started = job.status?.startTime;
    const finished = job.status?.completionTime ?? this.finishedAt(job);
    const state = jobState(job);
    return {
      name: job.metadata?.name ?? '',
      trigger:
        job.metadata?.annotations?.[SYNCCTL.manualAnnotation] === 'manual' ? 'manual' : 'scheduled',
      state,
      request: job.metadata?.annotations?.[SYNCCTL.requestAnnotation],
      startedAt: started?.toISOString(),
      durationMs: started ? (finished ?? this.now()).getTime() - started.getTime() : undefined,
    };
  }

  /** A failed Job has no completionTime: its Failed condition says when it ended. */
  private finishedAt(job: V1Job): Date | undefined {
    return job.status?.conditions?.find((c) => c.type === 'Failed' && c.status === 'True')
      ?.lastTransitionTime;
  }
}

function created(job: V1Job): number {
  return job.metadata?.creationTimestamp?.getTime() ?? 0;
}

function jobState(job: V1Job): JobState {
  const condition = (type: string) =>
    job.status?.conditions?.some((c) => c.type === type && c.status === 'True');
  if (condition('Complete')) return 'Complete';
  if (condition('Failed')) return 'Failed';
  if ((job.status?.active ?? 0) > 0) return 'Running';
  return 'Pending';
}
