export interface DeploymentStatus {
  name: string;
  ready: number;
  desired: number;
  upToDate: number;
  available: number;
}

export type JobState = 'Complete' | 'Failed' | 'Running' | 'Pending';

export interface ReconcileJobStatus {
  name: string;
  trigger: 'manual' | 'scheduled';
  state: JobState;
  /** The flags of a manual run (syncctl reconcile --now --tenant ...), if any. */
  request?: string;
  startedAt?: string;
  durationMs?: number;
}

export interface StatusReport {
  namespace: string;
  deployments: DeploymentStatus[];
  reconciler:
    | { installed: false }
    | {
        installed: true;
        schedule: string;
        suspended: boolean;
        lastScheduleTime?: string;
        lastSuccessfulTime?: string;
      };
  jobs: ReconcileJobStatus[];
}
