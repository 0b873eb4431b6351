import path from 'node:path';

export const DEPLOY_DIR = path.resolve(__dirname, '..', '..');
export const REPO_ROOT = path.resolve(DEPLOY_DIR, '..');

/** Every kustomization the repository ships, relative to deploy/. */
export const KUSTOMIZATIONS = ['base', 'overlays/minikube', 'overlays/cloud'] as const;
/** Alert rules and dashboard (needs the Prometheus Operator's CRDs): no workloads of its own. */
export const MONITORING = 'monitoring';
export type Kustomization = (typeof KUSTOMIZATIONS)[number] | typeof MONITORING;

/** The overlays that deploy a whole system (Kafka Connect included). */
export const OVERLAYS = ['overlays/minikube', 'overlays/cloud'] as const;
