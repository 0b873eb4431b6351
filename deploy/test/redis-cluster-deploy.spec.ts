import { loadConfig } from '@syncline/config';
import type { IConfigMap } from 'kubernetes-models/v1/ConfigMap';
import type { KubeObject } from './support/kube-object.type';
import { containersOf, workloadPods } from './support/pod-specs.util';
import { readRepoFile } from './support/repo-files.util';
import { renderKustomization } from './support/render-kustomization.util';

// Redis in cluster mode is a cloud option (docs/deploy.md, "Redis in cluster mode"): the seed
// nodes come from an optional key of the Secret, so one set of manifests serves both topologies.

const SETTING = 'SYNCLINE_REDIS_CLUSTER_NODES';

/** Every container of `objects` that reads SYNCLINE_REDIS_URL, with how it gets the setting. */
function redisContainers(objects: readonly KubeObject[]) {
  return workloadPods(objects)
    .flatMap((pod) => containersOf(pod))
    .filter(({ container }) => (container.env ?? []).some((e) => e.name === 'SYNCLINE_REDIS_URL'))
    .map(({ where, container }) => ({
      where,
      setting: (container.env ?? []).find((e) => e.name === SETTING),
    }));
}

const configMapsCarrying = (objects: readonly KubeObject[]) =>
  (objects.filter((o) => o.kind === 'ConfigMap') as unknown as IConfigMap[])
    .filter((c) => SETTING in (c.data ?? {}))
    .map((c) => c.metadata?.name);

/** The seed URLs docs/deploy.md shows in its "Redis in cluster mode" section. */
function documentedSeedUrls(): string[] {
  const docs = readRepoFile('docs/deploy.md');
  const start = docs.indexOf('### Redis in cluster mode');
  const section = docs.slice(start, docs.indexOf('\n### ', start + 1));
  return [...section.matchAll(/rediss?:\/\/[^\s`'"]+/g)].map((m) => m[0]);
}

describe('Redis in cluster mode', () => {
  it('gives every cloud container that uses Redis the seed nodes from an optional Secret key', () => {
    const containers = redisContainers(renderKustomization('overlays/cloud'));
    expect(containers.map((c) => c.where)).toEqual(
      expect.arrayContaining([
        expect.stringContaining('sync-worker'),
        expect.stringContaining('delivery-worker'),
        expect.stringContaining('cache-api'),
        expect.stringContaining('reconcile-cache'),
        expect.stringContaining('reconcile-crm'),
      ]),
    );
    for (const { where, setting } of containers) {
      expect({ where, from: setting?.valueFrom }).toEqual({
        where,
        from: { secretKeyRef: { name: 'syncline-secrets', key: SETTING, optional: true } },
      });
    }
  });

  it.each(['base', 'overlays/minikube', 'overlays/cloud'] as const)(
    'never puts the seed nodes (credentials) in a ConfigMap in %s',
    (dir) => {
      expect(configMapsCarrying(renderKustomization(dir))).toEqual([]);
    },
  );

  it('keeps minikube on a single Redis', () => {
    const containers = redisContainers(renderKustomization('overlays/minikube'));
    expect(containers.length).toBeGreaterThan(0);
    expect(containers.filter((c) => c.setting).map((c) => c.where)).toEqual([]);
  });

  it('documents seed URLs that are redis:// or rediss:// URLs with a host and a port', () => {
    const urls = documentedSeedUrls();
    expect(urls.length).toBeGreaterThanOrEqual(4);
    for (const documented of urls) {
      // Placeholders such as <auth-token> stand for one URL-safe word.
      const url = new URL(documented.replace(/<[^>]+>/g, 'x'));
      expect({ documented, protocol: url.protocol }).toEqual({
        documented,
        protocol: expect.stringMatching(/^rediss?:$/) as string,
      });
      expect({ documented, host: url.hostname.length > 0, port: /^\d+$/.test(url.port) }).toEqual({
        documented,
        host: true,
        port: true,
      });
    }
    // The apps' own loader (libs/config) accepts each as the setting's value (one provider's seeds
    // at a time: seeds of one setting must agree on scheme and credentials).
    for (const documented of urls) {
      const value = documented.replace(/<[^>]+>/g, 'x');
      expect(() => loadConfig({ [SETTING]: value })).not.toThrow();
    }
  });
});
