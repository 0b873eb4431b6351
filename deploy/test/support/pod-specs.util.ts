import type { IContainer } from 'kubernetes-models/v1/Container';
import type { IPodSpec } from 'kubernetes-models/v1/PodSpec';
import type { IPodTemplateSpec } from 'kubernetes-models/v1/PodTemplateSpec';
import type { KubeObject } from './kube-object.type';

/** A pod template found in a workload, with where it came from. */
export interface WorkloadPod {
  owner: KubeObject;
  /** Pod template labels. */
  labels: Record<string, string>;
  annotations: Record<string, string>;
  spec: IPodSpec;
  /** true for Jobs and CronJobs: run-to-completion pods carry no probes. */
  runToCompletion: boolean;
}

const WORKLOAD_KINDS = ['Deployment', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob'];

/** Pod templates of every built-in workload in `objects`. */
export function workloadPods(objects: readonly KubeObject[]): WorkloadPod[] {
  return objects
    .filter((o) => WORKLOAD_KINDS.includes(o.kind))
    .map((owner) => {
      const spec = owner.spec as {
        template?: IPodTemplateSpec;
        jobTemplate?: { spec: { template: IPodTemplateSpec } };
      };
      const template = owner.kind === 'CronJob' ? spec.jobTemplate?.spec.template : spec.template;
      if (!template?.spec)
        throw new Error(`${owner.kind}/${owner.metadata.name} has no pod template`);
      return {
        owner,
        labels: template.metadata?.labels ?? {},
        annotations: template.metadata?.annotations ?? {},
        spec: template.spec,
        runToCompletion: owner.kind === 'Job' || owner.kind === 'CronJob',
      };
    });
}

/** Every container of a pod, init containers first, with a label for messages. */
export function containersOf(
  pod: WorkloadPod,
): { where: string; container: IContainer; init: boolean }[] {
  const name = `${pod.owner.kind}/${pod.owner.metadata.name}`;
  return [
    ...(pod.spec.initContainers ?? []).map((container) => ({
      where: `${name} init container ${container.name}`,
      container,
      init: true,
    })),
    ...pod.spec.containers.map((container) => ({
      where: `${name} container ${container.name}`,
      container,
      init: false,
    })),
  ];
}

/** Whether `selector` (matchLabels and matchExpressions) selects pods with `labels`. */
export function selects(
  selector: {
    matchLabels?: Record<string, string>;
    matchExpressions?: { key: string; operator: string; values?: string[] }[];
  },
  labels: Record<string, string>,
): boolean {
  const byLabel = Object.entries(selector.matchLabels ?? {}).every(([k, v]) => labels[k] === v);
  const byExpression = (selector.matchExpressions ?? []).every((e) => {
    switch (e.operator) {
      case 'In':
        return labels[e.key] !== undefined && (e.values ?? []).includes(labels[e.key]);
      case 'NotIn':
        return labels[e.key] === undefined || !(e.values ?? []).includes(labels[e.key]);
      case 'Exists':
        return labels[e.key] !== undefined;
      case 'DoesNotExist':
        return labels[e.key] === undefined;
      default:
        throw new Error(`unknown selector operator ${e.operator}`);
    }
  });
  return byLabel && byExpression;
}
