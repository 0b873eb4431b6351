import type { V1CronJob } from '@kubernetes/client-node';
import { SyncctlException } from '../exceptions/syncctl.exception';
import { buildManualJob, manualJobName } from './build-manual-job.util';

const cronJob = (): V1CronJob => ({
  apiVersion: 'batch/v1',
  kind: 'CronJob',
  metadata: { name: 'syncline-reconciler', namespace: 'syncline', uid: 'cj-uid-1' },
  spec: {
    schedule: '17 2 * * *',
    jobTemplate: {
      metadata: {
        labels: { 'app.kubernetes.io/component': 'reconciler' },
        annotations: { team: 'data' },
      },
      spec: {
        backoffLimit: 2,
        template: {
          spec: {
            restartPolicy: 'Never',
            initContainers: [
              {
                name: 'reconcile-cache',
                image: 'syncline:0.1.0',
                args: ['main.js', 'reconcile', 'cache'],
              },
            ],
            containers: [
              {
                name: 'reconcile-crm',
                image: 'syncline:0.1.0',
                args: ['main.js', 'reconcile', 'crm'],
              },
            ],
          },
        },
      },
    },
  },
});

describe(buildManualJob.name, () => {
  it('makes the Job kubectl create job --from=cronjob makes', () => {
    const source = cronJob();
    const job = buildManualJob(source, 'syncline-reconciler-manual-1', { dryRun: false });

    expect(job).toEqual({
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: {
        name: 'syncline-reconciler-manual-1',
        namespace: 'syncline',
        annotations: { 'cronjob.kubernetes.io/instantiate': 'manual', team: 'data' },
        labels: { 'app.kubernetes.io/component': 'reconciler' },
        ownerReferences: [
          {
            apiVersion: 'batch/v1',
            kind: 'CronJob',
            name: 'syncline-reconciler',
            uid: 'cj-uid-1',
            controller: true,
          },
        ],
      },
      spec: source.spec?.jobTemplate.spec,
    });
    // No blockOwnerDeletion: kubectl leaves it out so that no cronjobs/finalizers permission is needed.
    expect(job.metadata?.ownerReferences?.[0]).not.toHaveProperty('blockOwnerDeletion');
  });

  it('passes the request to the reconciler containers, --destination to the CRM one only', () => {
    const source = cronJob();
    const job = buildManualJob(source, 'j', {
      tenant: 'acme',
      entity: 'contacts',
      destination: 'hubspot',
      dryRun: true,
    });
    const pod = job.spec?.template.spec;

    expect(pod?.initContainers?.[0]?.args).toEqual([
      'main.js',
      'reconcile',
      'cache',
      '--tenant',
      'acme',
      '--entity',
      'contacts',
      '--dry-run',
    ]);
    expect(pod?.containers[0]?.args).toEqual([
      'main.js',
      'reconcile',
      'crm',
      '--tenant',
      'acme',
      '--entity',
      'contacts',
      '--dry-run',
      '--destination',
      'hubspot',
    ]);
    expect(job.metadata?.annotations?.['syncline.io/reconcile-request']).toBe(
      '--tenant acme --entity contacts --dry-run --destination hubspot',
    );
    // The CronJob read from the API is left as it was.
    expect(source.spec?.jobTemplate.spec?.template.spec?.containers[0]?.args).toEqual([
      'main.js',
      'reconcile',
      'crm',
    ]);
  });

  it('refuses --destination when the CronJob runs no CRM reconcile', () => {
    const source = cronJob();
    source.spec!.jobTemplate.spec!.template.spec!.containers = [];
    expect(() => buildManualJob(source, 'j', { destination: 'hubspot', dryRun: false })).toThrow(
      SyncctlException,
    );
  });
});

describe(manualJobName.name, () => {
  it('stamps the UTC second, within the 63 characters of a label value', () => {
    const name = manualJobName('syncline-reconciler', new Date('2026-11-24T07:08:09.123Z'));
    expect(name).toBe('syncline-reconciler-manual-20261124070809');
    expect(name.length).toBeLessThanOrEqual(63);
  });
});
