import { SYNCCTL } from '../../apps/syncctl/src/constants/syncctl.constants';
import type { IScaledObject } from '@kubernetes-models/keda/keda.sh/v1alpha1/ScaledObject';
import type { IDeployment } from 'kubernetes-models/apps/v1/Deployment';
import type { IHorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler';
import type { ICronJob } from 'kubernetes-models/batch/v1/CronJob';
import type { INetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicy';
import type { IPodDisruptionBudget } from 'kubernetes-models/policy/v1/PodDisruptionBudget';
import type { IRole } from 'kubernetes-models/rbac.authorization.k8s.io/v1/Role';
import type { IConfigMap } from 'kubernetes-models/v1/ConfigMap';
import type { IContainer } from 'kubernetes-models/v1/Container';
import type { IProbe } from 'kubernetes-models/v1/Probe';
import type { ISecret } from 'kubernetes-models/v1/Secret';
import type { IService } from 'kubernetes-models/v1/Service';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { DEPLOY_DIR, KUSTOMIZATIONS, type Kustomization } from './support/deploy-paths.constant';
import type { KubeObject } from './support/kube-object.type';
import { containersOf, selects, workloadPods, type WorkloadPod } from './support/pod-specs.util';
import { readRepoFile } from './support/repo-files.util';
import { renderKustomization } from './support/render-kustomization.util';

const of = <T>(objects: readonly KubeObject[], kind: string): T[] =>
  objects.filter((o) => o.kind === kind) as unknown as T[];

const component = (pod: WorkloadPod): string | undefined =>
  pod.labels['app.kubernetes.io/component'];

/** Every `<where>: <problem>` found; an empty list is a pass and a failure names each offender. */
function problems(check: (report: (problem: string) => void) => void): string[] {
  const found: string[] = [];
  check((p) => found.push(p));
  return found;
}

const PINNED_IMAGE =
  /^[a-z0-9.\-/:]+:(?!latest$)[A-Za-z0-9._-]+(@sha256:[a-f0-9]{64})?$|@sha256:[a-f0-9]{64}$/;
const SECRET_LOOKING_KEY =
  /PASSWORD|SECRET|TOKEN|API_KEY|CREDENTIAL|REDIS_URL|REDIS_CLUSTER_NODES|PRIVATE/i;

describe.each(KUSTOMIZATIONS)('deploy/%s policies', (dir: Kustomization) => {
  const objects = renderKustomization(dir);
  const pods = workloadPods(objects);
  const containers = pods.flatMap((pod) => containersOf(pod).map((c) => ({ ...c, pod })));

  it('has workloads to check', () => {
    expect(pods.length).toBeGreaterThan(0);
  });

  it('gives every long-running container liveness and readiness probes on ports it declares', () => {
    const found = problems((report) => {
      for (const { where, container, init, pod } of containers) {
        if (pod.runToCompletion || init) continue;
        if (!container.livenessProbe) report(`${where}: no livenessProbe`);
        if (!container.readinessProbe) report(`${where}: no readinessProbe`);
        for (const probe of [
          container.livenessProbe,
          container.readinessProbe,
          container.startupProbe,
        ]) {
          const port = probePort(probe);
          if (typeof port === 'string' && !(container.ports ?? []).some((p) => p.name === port)) {
            report(`${where}: probe uses port "${port}", which the container does not declare`);
          }
        }
      }
    });
    expect(found).toEqual([]);
  });

  it('gives every container CPU and memory requests and limits', () => {
    const found = problems((report) => {
      for (const { where, container } of containers) {
        for (const bound of ['requests', 'limits'] as const) {
          for (const resource of ['cpu', 'memory']) {
            if (container.resources?.[bound]?.[resource] === undefined)
              report(`${where}: no ${bound}.${resource}`);
          }
        }
      }
    });
    expect(found).toEqual([]);
  });

  it('runs every container non-root, read-only, without privilege escalation or capabilities, under RuntimeDefault seccomp', () => {
    const found = problems((report) => {
      for (const { where, container, pod } of containers) {
        const sc = container.securityContext ?? {};
        const podSc = pod.spec.securityContext ?? {};
        if ((sc.runAsNonRoot ?? podSc.runAsNonRoot) !== true)
          report(`${where}: runAsNonRoot is not true`);
        if ((sc.runAsUser ?? podSc.runAsUser) === 0) report(`${where}: runs as uid 0`);
        if (sc.readOnlyRootFilesystem !== true) report(`${where}: root filesystem is writable`);
        if (sc.allowPrivilegeEscalation !== false)
          report(`${where}: allowPrivilegeEscalation is not false`);
        if (!(sc.capabilities?.drop ?? []).includes('ALL'))
          report(`${where}: capabilities not dropped (ALL)`);
        if (sc.capabilities?.add?.length)
          report(`${where}: adds capabilities ${sc.capabilities.add.join(',')}`);
        const seccomp = sc.seccompProfile?.type ?? podSc.seccompProfile?.type;
        if (seccomp !== 'RuntimeDefault')
          report(`${where}: seccompProfile is ${seccomp ?? 'unset'}`);
        if (sc.privileged) report(`${where}: privileged`);
      }
      for (const pod of pods) {
        if (pod.spec.hostNetwork || pod.spec.hostPID || pod.spec.hostIPC) {
          report(`${pod.owner.metadata.name}: shares a host namespace`);
        }
      }
    });
    expect(found).toEqual([]);
  });

  it('pins every image to a tag other than latest (or a digest)', () => {
    const found = problems((report) => {
      for (const { where, container } of containers) {
        if (!container.image || !PINNED_IMAGE.test(container.image)) {
          report(`${where}: image "${container.image ?? ''}" is not pinned`);
        }
      }
    });
    expect(found).toEqual([]);
  });

  it('tags the Syncline image with the package.json version', () => {
    const { version } = JSON.parse(readRepoFile('package.json')) as { version: string };
    const syncline = containers.filter(({ container }) =>
      /(^|\/)syncline:/.test(container.image ?? ''),
    );
    expect(syncline.length).toBeGreaterThan(0);
    expect([
      ...new Set(syncline.map(({ container }) => container.image?.split(':').pop())),
    ]).toEqual([version]);
  });

  it('runs two or more replicas of the workers and the API, each with a PodDisruptionBudget', () => {
    const deployments = of<IDeployment>(objects, 'Deployment').filter((d) =>
      ['sync-worker', 'delivery-worker', 'cache-api'].includes(
        d.spec?.template.metadata?.labels?.['app.kubernetes.io/component'] ?? '',
      ),
    );
    expect(deployments.map((d) => d.metadata?.name).sort()).toEqual([
      'syncline-cache-api',
      'syncline-delivery-worker',
      'syncline-sync-worker',
    ]);
    const budgets = of<IPodDisruptionBudget>(objects, 'PodDisruptionBudget');
    for (const deployment of deployments) {
      expect(deployment.spec?.replicas).toBeGreaterThanOrEqual(2);
      const labels = deployment.spec?.template.metadata?.labels ?? {};
      expect(
        budgets.filter((b) => b.spec?.selector && selects(b.spec.selector, labels)),
      ).toHaveLength(1);
    }
  });

  it('runs the reconciler nightly, never twice at once, with bounded history', () => {
    const cronJob = of<ICronJob>(objects, 'CronJob').find(
      (c) => c.metadata?.name === 'syncline-reconciler',
    );
    expect(cronJob?.spec).toMatchObject({
      schedule: expect.stringMatching(/^\d+ \d+ \* \* \*$/) as string,
      concurrencyPolicy: 'Forbid',
      startingDeadlineSeconds: expect.any(Number) as number,
      successfulJobsHistoryLimit: expect.any(Number) as number,
      failedJobsHistoryLimit: expect.any(Number) as number,
    });
    expect(cronJob?.spec?.successfulJobsHistoryLimit).toBeLessThanOrEqual(10);
    expect(cronJob?.spec?.jobTemplate.spec?.activeDeadlineSeconds).toBeGreaterThan(0);
  });

  it('carries no Secret with a real value, and no secret in a ConfigMap', () => {
    const secrets = of<ISecret>(objects, 'Secret');
    if (dir === 'overlays/minikube') {
      // Demo Secrets only: annotated, and every value says it is local.
      expect(secrets.length).toBeGreaterThan(0);
      for (const secret of secrets) {
        expect(secret.metadata?.annotations?.['syncline.io/demo-only']).toBe('true');
        for (const [key, encoded] of Object.entries(secret.data ?? {})) {
          const value = Buffer.from(encoded, 'base64').toString('utf8');
          const decodedTwice = Buffer.from(value, 'base64').toString('utf8');
          expect({ key, local: /local/i.test(value) || /local/i.test(decodedTwice) }).toEqual({
            key,
            local: true,
          });
        }
        expect(secret.stringData).toBeUndefined();
      }
    } else {
      // Real environments create their Secrets themselves (docs/deploy.md).
      expect(secrets.map((s) => s.metadata?.name)).toEqual([]);
    }
    for (const configMap of of<IConfigMap>(objects, 'ConfigMap')) {
      const keys = Object.keys({ ...configMap.data, ...configMap.binaryData });
      expect({
        configMap: configMap.metadata?.name,
        secretLooking: keys.filter((k) => SECRET_LOOKING_KEY.test(k)),
      }).toEqual({
        configMap: configMap.metadata?.name,
        secretLooking: [],
      });
    }
  });

  it('isolates every workload with a NetworkPolicy covering both ingress and egress', () => {
    const policies = of<INetworkPolicy>(objects, 'NetworkPolicy');
    const found = problems((report) => {
      for (const pod of pods) {
        const covering = policies.filter(
          (p) => p.spec?.podSelector && selects(p.spec.podSelector, pod.labels),
        );
        const types = new Set(covering.flatMap((p) => p.spec?.policyTypes ?? []));
        if (!types.has('Ingress') || !types.has('Egress')) {
          report(
            `${pod.owner.kind}/${pod.owner.metadata.name}: covered for [${[...types].join(', ')}] only`,
          );
        }
      }
      for (const policy of policies) {
        if (
          !pods.some(
            (pod) => policy.spec?.podSelector && selects(policy.spec.podSelector, pod.labels),
          )
        ) {
          report(`NetworkPolicy/${policy.metadata?.name}: selects no pod of these manifests`);
        }
      }
    });
    expect(found).toEqual([]);
  });

  it('lets each Syncline workload reach only the ports of its flows', () => {
    const policies = of<INetworkPolicy>(objects, 'NetworkPolicy');
    const egressPorts = (labels: Record<string, string>): number[] => {
      const ports = policies
        .filter((p) => p.spec?.podSelector && selects(p.spec.podSelector, labels))
        .flatMap((p) => p.spec?.egress ?? [])
        .flatMap((rule) => rule.ports ?? [])
        .map((p) => Number(p.port));
      return [...new Set(ports)].sort((a, b) => a - b);
    };
    const byComponent: Record<string, number[]> = Object.fromEntries(
      pods
        .filter((p) =>
          ['sync-worker', 'delivery-worker', 'cache-api', 'reconciler'].includes(
            component(p) ?? '',
          ),
        )
        .map((p) => [component(p) ?? '', egressPorts(p.labels)] as const),
    );
    // DNS 53; Kafka 9092; Postgres 5432; Redis 6379; CRMs 443; Kubernetes API 443/6443/8443;
    // Kafka Connect's REST API 8083 (the sync-worker watches the connector); the demo's CRM
    // simulators 4010/4020.
    const crmSim = dir === 'overlays/minikube' ? [4010, 4020] : [];
    const sorted = (ports: number[]) => [...ports].sort((a, b) => a - b);
    expect(byComponent).toEqual({
      'sync-worker': sorted([53, 5432, 6379, 8083, 9092]),
      'delivery-worker': sorted([53, 443, 5432, 6379, 9092, ...crmSim]),
      'cache-api': sorted([53, 5432, 6379, 9092]),
      reconciler: sorted([53, 443, 5432, 6379, 6443, 8443, 9092, ...crmSim]),
    });
  });

  it('mounts a service account token only where the Kubernetes API is used', () => {
    const withToken = pods.filter((p) => p.spec.automountServiceAccountToken !== false);
    expect(withToken.map((p) => `${p.owner.kind}/${p.owner.metadata.name}`)).toEqual([
      'CronJob/syncline-reconciler',
    ]);
  });

  it('grants the control Role exactly what syncctl and the reconciler use', () => {
    const role = of<IRole>(objects, 'Role').find((r) => r.metadata?.name === 'syncline-control');
    expect(role?.rules).toEqual([
      { apiGroups: ['batch'], resources: ['cronjobs'], verbs: ['get', 'list'] },
      { apiGroups: ['batch'], resources: ['jobs'], verbs: ['get', 'list', 'create'] },
      { apiGroups: ['apps'], resources: ['deployments'], verbs: ['get', 'list'] },
      {
        apiGroups: [''],
        resources: ['services/proxy'],
        resourceNames: ['syncline-cache-api', 'syncline-cache-api:http'],
        verbs: ['get', 'create'],
      },
      {
        apiGroups: [''],
        resources: ['secrets'],
        resourceNames: ['syncline-admin'],
        verbs: ['get'],
      },
    ]);
  });

  it('lets no Role read syncline-secrets (credentials key, Postgres password, tenant keys)', () => {
    const readable = of<IRole>(objects, 'Role').flatMap((role) =>
      (role.rules ?? [])
        .filter((rule) => rule.resources?.includes('secrets') || rule.resources?.includes('*'))
        .map((rule) => ({ role: role.metadata?.name, names: rule.resourceNames ?? ['*'] })),
    );
    expect(readable).toEqual([{ role: 'syncline-control', names: ['syncline-admin'] }]);
  });

  it('gives the cache-api the admin key from syncline-admin, and nothing else from there', () => {
    const refs = workloadPods(objects)
      .flatMap((pod) => containersOf(pod))
      .flatMap(({ where, container }) =>
        secretKeyRefs(container).map((ref) => ({ where, ...ref })),
      );
    expect(refs.filter((ref) => ref.key === 'SYNCLINE_ADMIN_API_KEY')).toEqual([
      expect.objectContaining({ name: 'syncline-admin', key: 'SYNCLINE_ADMIN_API_KEY' }),
    ]);
    expect(refs.filter((ref) => ref.name === 'syncline-admin').map((ref) => ref.key)).toEqual([
      'SYNCLINE_ADMIN_API_KEY',
    ]);
    if (dir === 'overlays/minikube') {
      const secrets = of<ISecret>(objects, 'Secret');
      const admin = secrets.find((s) => s.metadata?.name === 'syncline-admin');
      expect(Object.keys(admin?.data ?? {})).toEqual(['SYNCLINE_ADMIN_API_KEY']);
      // The cache-api refuses an admin key under 32 characters.
      const key = Buffer.from(admin?.data?.SYNCLINE_ADMIN_API_KEY ?? '', 'base64').toString();
      expect(key.length).toBeGreaterThanOrEqual(32);
      const shared = secrets.find((s) => s.metadata?.name === 'syncline-secrets');
      expect(Object.keys(shared?.data ?? {})).not.toContain('SYNCLINE_ADMIN_API_KEY');
    }
  });

  it('annotates the Syncline pods with a Prometheus scrape target on a declared port', () => {
    const found = problems((report) => {
      for (const pod of pods.filter(
        (p) => !p.runToCompletion && p.labels['app.kubernetes.io/name'] === 'syncline',
      )) {
        if (component(pod) === 'crm-sim') continue;
        const port = Number(pod.annotations['prometheus.io/port']);
        const declared = pod.spec.containers.flatMap((c) =>
          (c.ports ?? []).map((p) => p.containerPort),
        );
        if (pod.annotations['prometheus.io/scrape'] !== 'true' || !declared.includes(port)) {
          report(`${pod.owner.metadata.name}: no scrape annotation on a declared port`);
        }
      }
    });
    expect(found).toEqual([]);
  });

  it('points every Service at pods and ports that exist', () => {
    const found = problems((report) => {
      for (const service of of<IService>(objects, 'Service')) {
        const targets = pods.filter((p) =>
          selects({ matchLabels: service.spec?.selector ?? {} }, p.labels),
        );
        if (targets.length === 0) report(`Service/${service.metadata?.name}: selects no pod`);
        for (const port of service.spec?.ports ?? []) {
          const target = port.targetPort ?? port.port;
          const found = targets.some((p) =>
            p.spec.containers.some((c) =>
              (c.ports ?? []).some((cp) => cp.name === target || cp.containerPort === target),
            ),
          );
          if (!found) report(`Service/${service.metadata?.name}: no pod port ${String(target)}`);
        }
      }
    });
    expect(found).toEqual([]);
  });

  it('references only ConfigMaps it ships (or marks the reference optional)', () => {
    const shipped = new Set(of<IConfigMap>(objects, 'ConfigMap').map((c) => c.metadata?.name));
    const found = problems((report) => {
      for (const { where, container } of containers) {
        for (const source of container.envFrom ?? []) {
          if (
            source.configMapRef &&
            !source.configMapRef.optional &&
            !shipped.has(source.configMapRef.name)
          ) {
            report(`${where}: ConfigMap ${source.configMapRef.name}`);
          }
        }
      }
      for (const pod of pods) {
        for (const volume of pod.spec.volumes ?? []) {
          if (
            volume.configMap &&
            !volume.configMap.optional &&
            !shipped.has(volume.configMap.name)
          ) {
            report(`${pod.owner.metadata.name}: volume ConfigMap ${volume.configMap.name}`);
          }
        }
      }
    });
    expect(found).toEqual([]);
  });
});

describe('Secrets', () => {
  const example = parse(
    readFileSync(path.join(DEPLOY_DIR, 'base', 'secret.example.yaml'), 'utf8'),
  ) as ISecret;
  const referencedKeys = (dir: Kustomization, secret: string): string[] => {
    const keys = workloadPods(renderKustomization(dir))
      .flatMap((pod) => containersOf(pod))
      .flatMap(({ container }) => secretKeyRefs(container))
      .filter((ref) => ref.name.startsWith(secret))
      .map((ref) => ref.key);
    return [...new Set(keys)].sort();
  };

  it('ships secret.example.yaml with placeholders only, outside every kustomization', () => {
    for (const value of Object.values(example.stringData ?? {}))
      expect(['', 'change-me']).toContain(value);
    expect(example.data).toBeUndefined();
    for (const file of kustomizationFiles(DEPLOY_DIR)) {
      const kustomization = parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
      const listed = JSON.stringify([
        kustomization.resources,
        kustomization.components,
        kustomization.patches,
      ]);
      expect({ file, lists: listed.includes('secret.example') }).toEqual({ file, lists: false });
    }
  });

  it('lists in secret.example.yaml every key the workloads and Kafka Connect read from syncline-secrets', () => {
    const cloudConnectKeys = ['SYNCLINE_CDC_PASSWORD'];
    const needed = [
      ...new Set([...referencedKeys('overlays/cloud', 'syncline-secrets'), ...cloudConnectKeys]),
    ].sort();
    expect(Object.keys(example.stringData ?? {}).sort()).toEqual(expect.arrayContaining(needed));
  });

  it('gives the minikube demo every Secret key its pods read', () => {
    const objects = renderKustomization('overlays/minikube');
    const secrets = of<ISecret>(objects, 'Secret');
    const found = problems((report) => {
      for (const pod of workloadPods(objects)) {
        for (const { where, container } of containersOf(pod)) {
          for (const ref of secretKeyRefs(container)) {
            // An optional key (SMTP for email notifications) may be absent: the feature is off.
            if (ref.optional) continue;
            const secret = secrets.find((s) => s.metadata?.name === ref.name);
            if (!secret?.data?.[ref.key])
              report(`${where}: Secret ${ref.name} has no key ${ref.key}`);
          }
        }
      }
    });
    expect(found).toEqual([]);
  });

  it('documents the creation of every Secret key the cloud overlay reads', () => {
    const docs = readRepoFile('docs/deploy.md');
    const cloud = renderKustomization('overlays/cloud');
    const keys = [
      ...workloadPods(cloud)
        .flatMap((pod) => containersOf(pod))
        .flatMap(({ container }) => secretKeyRefs(container)),
      ...strimziEnvSecretRefs(cloud),
    ];
    const missing = keys
      .filter((ref) => !docs.includes(ref.name) || !docs.includes(ref.key))
      .map((ref) => `${ref.name}/${ref.key}`);
    expect(missing).toEqual([]);
  });
});

describe('deploy/overlays/cloud autoscaling', () => {
  const objects = renderKustomization('overlays/cloud');
  const topics = objects.filter((o) => o.kind === 'KafkaTopic') as unknown as {
    spec: { topicName: string; partitions: number };
  }[];
  const partitionsOf = (name: string) =>
    topics.find((t) => t.spec.topicName === name)?.spec.partitions;
  const scaled = of<IScaledObject>(objects, 'ScaledObject');

  // CDC topics are the user's tables': not KafkaTopics but created by `syncctl collections add`
  // (SYNCCTL.cdcPartitions) or, when missing, by Connect with the brokers' num.partitions.
  const brokerPartitions = Number(
    (
      objects.find((o) => o.kind === 'Kafka') as unknown as {
        spec: { kafka: { config: Record<string, number> } };
      }
    ).spec.kafka.config['num.partitions'],
  );
  const cdcPartitions = Math.min(brokerPartitions, SYNCCTL.cdcPartitions);

  it.each([
    ['syncline-sync-worker', 'syncline-cache', ['<prefix>.<schema>.<table>']],
    ['syncline-delivery-worker', 'syncline-delivery', ['syncline.record-changed']],
  ])(
    'scales %s on the lag of group %s, between 2 and the partition count',
    (deployment, group, consumed) => {
      const object = scaled.find((s) => s.spec.scaleTargetRef.name === deployment);
      expect(
        of<IDeployment>(objects, 'Deployment').some((d) => d.metadata?.name === deployment),
      ).toBe(true);
      const trigger = object?.spec.triggers[0];
      expect(trigger?.type).toBe('kafka');
      expect(trigger?.metadata).toMatchObject({
        consumerGroup: group,
        bootstrapServers: 'syncline-kafka-bootstrap:9092',
      });
      const ceiling = Math.min(
        ...consumed.map((t) => (t.startsWith('<prefix>') ? cdcPartitions : (partitionsOf(t) ?? 0))),
      );
      expect(ceiling).toBe(6);
      expect(object?.spec.minReplicaCount).toBeGreaterThanOrEqual(2);
      expect(object?.spec.maxReplicaCount).toBeLessThanOrEqual(ceiling);
    },
  );

  it('scales cache-api with an HPA', () => {
    const hpa = of<IHorizontalPodAutoscaler>(objects, 'HorizontalPodAutoscaler');
    expect(hpa.map((h) => h.spec?.scaleTargetRef)).toEqual([
      { apiVersion: 'apps/v1', kind: 'Deployment', name: 'syncline-cache-api' },
    ]);
    expect(hpa[0]?.spec?.minReplicas).toBeGreaterThanOrEqual(2);
  });

  it('puts every object in the syncline namespace', () => {
    const stray = objects.filter(
      (o) => o.kind !== 'Namespace' && o.metadata.namespace !== 'syncline',
    );
    expect(stray.map((o) => `${o.kind}/${o.metadata.name}`)).toEqual([]);
  });
});

function probePort(probe: IProbe | undefined): number | string | undefined {
  return probe?.httpGet?.port ?? probe?.tcpSocket?.port ?? probe?.grpc?.port;
}

function secretKeyRefs(container: IContainer): { name: string; key: string; optional: boolean }[] {
  return (container.env ?? []).flatMap((e) =>
    e.valueFrom?.secretKeyRef
      ? [
          {
            name: e.valueFrom.secretKeyRef.name ?? '',
            key: e.valueFrom.secretKeyRef.key,
            optional: e.valueFrom.secretKeyRef.optional === true,
          },
        ]
      : [],
  );
}

function strimziEnvSecretRefs(objects: readonly KubeObject[]): { name: string; key: string }[] {
  return objects
    .filter((o) => o.kind === 'KafkaConnect')
    .flatMap((o) => {
      const spec = o.spec as {
        template?: {
          connectContainer?: {
            env?: { valueFrom?: { secretKeyRef?: { name: string; key: string } } }[];
          };
        };
      };
      return (spec.template?.connectContainer?.env ?? []).flatMap((e) =>
        e.valueFrom?.secretKeyRef ? [e.valueFrom.secretKeyRef] : [],
      );
    });
}

function kustomizationFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) return entry === 'test' ? [] : kustomizationFiles(full);
    return entry === 'kustomization.yaml' ? [full] : [];
  });
}
