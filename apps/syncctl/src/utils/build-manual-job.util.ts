import type { V1CronJob, V1Job } from '@kubernetes/client-node';
import { SYNCCTL } from '../constants/syncctl.constants';
import { SyncctlException } from '../exceptions/syncctl.exception';
import type { ReconcileRequest } from '../types/syncctl-command.type';

/**
 * The Job `kubectl create job <name> --from=cronjob/<cronjob>` creates: the CronJob's jobTemplate
 * spec and labels, the template's annotations plus `cronjob.kubernetes.io/instantiate: manual`, and
 * a controller ownerReference to the CronJob without blockOwnerDeletion (kubectl's choice: it would
 * need the cronjobs/finalizers permission). Deleting the CronJob deletes the Job, as for scheduled runs.
 *
 * Flags in `request` are appended to the reconciler containers' args (`reconcile cache|crm`);
 * `--destination` only to the CRM one. They are also recorded in an annotation.
 */
export function buildManualJob(cronJob: V1CronJob, name: string, request: ReconcileRequest): V1Job {
  const template = cronJob.spec?.jobTemplate;
  if (!cronJob.metadata?.name || !cronJob.metadata.uid || !template?.spec) {
    throw new SyncctlException(
      'api-error',
      'the API returned a CronJob without name, uid or jobTemplate',
    );
  }
  const spec = structuredClone(template.spec);
  const common = [
    ...(request.tenant ? ['--tenant', request.tenant] : []),
    ...(request.entity ? ['--entity', request.entity] : []),
    ...(request.dryRun ? ['--dry-run'] : []),
  ];
  const pod = spec.template.spec;
  let crmContainers = 0;
  for (const container of [...(pod?.initContainers ?? []), ...(pod?.containers ?? [])]) {
    const args = container.args ?? [];
    if (!args.includes('reconcile')) continue;
    const isCrm = args.includes('crm');
    if (isCrm) crmContainers += 1;
    container.args = [
      ...args,
      ...common,
      ...(isCrm && request.destination ? ['--destination', request.destination] : []),
    ];
  }
  if (request.destination && crmContainers === 0) {
    throw new SyncctlException(
      'usage',
      `CronJob ${cronJob.metadata.name} runs no "reconcile crm": --destination has nowhere to go`,
    );
  }
  const requested = [
    ...common,
    ...(request.destination ? ['--destination', request.destination] : []),
  ];

  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: {
      name,
      namespace: cronJob.metadata.namespace,
      annotations: {
        [SYNCCTL.manualAnnotation]: 'manual',
        ...template.metadata?.annotations,
        ...(requested.length > 0 ? { [SYNCCTL.requestAnnotation]: requested.join(' ') } : {}),
      },
      labels: template.metadata?.labels,
      ownerReferences: [
        {
          apiVersion: 'batch/v1',
          kind: 'CronJob',
          name: cronJob.metadata.name,
          uid: cronJob.metadata.uid,
          controller: true,
        },
      ],
    },
    spec,
  };
}

/** `<cronjob>-manual-<UTC yyyymmddhhmmss>`: unique per second, short enough for pod names. */
export function manualJobName(cronJobName: string, now: Date): string {
  const stamp = now.toISOString().replace(/[-:T]/g, '').slice(0, 14);
  return `${cronJobName}-manual-${stamp}`.slice(0, 63);
}
