import type { TableRef } from './table-ref.type';

/** Where the Kubernetes API is and which namespace to act in, from the global flags. */
export interface ClusterOptions {
  namespace?: string;
  kubeconfig?: string;
  context?: string;
}

/** The flags `reconcile --now` passes on to the reconciler (nest-commander CLI). */
export interface ReconcileRequest {
  tenant?: string;
  entity?: string;
  destination?: string;
  dryRun: boolean;
}

export type SyncctlCommand =
  | { kind: 'help' }
  | {
      kind: 'collections-add';
      table: TableRef;
      backfill: boolean;
      wait: boolean;
      partitions: number;
    }
  | { kind: 'collections-resync'; collection?: string; all: boolean; wait: boolean }
  | { kind: 'collections-list' }
  | { kind: 'reconcile-now'; cluster: ClusterOptions; request: ReconcileRequest }
  | { kind: 'status'; cluster: ClusterOptions; output: 'table' | 'json'; jobs: number }
  | { kind: 'list-destinations'; cluster: ClusterOptions; tenant: string }
  | {
      kind: 'set-destination';
      cluster: ClusterOptions;
      tenant: string;
      destination: string;
      paused: boolean;
    };
