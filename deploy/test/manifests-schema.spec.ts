import { KUSTOMIZATIONS } from './support/deploy-paths.constant';
import { describeObject, renderKustomization } from './support/render-kustomization.util';
import { validateManifest } from './support/validate-manifest.util';

// No cluster runs in CI: what `kubectl apply -k` would send is rendered and checked offline against
// the Kubernetes, KEDA and Strimzi schemas.
describe.each(KUSTOMIZATIONS)('deploy/%s', (dir) => {
  const objects = renderKustomization(dir);

  it('renders', () => {
    expect(objects.length).toBeGreaterThan(0);
  });

  it.each(objects.map((o) => [describeObject(o), o] as const))(
    '%s matches its schema',
    (_, object) => {
      expect(() => validateManifest(object)).not.toThrow();
    },
  );

  it('names every object once per kind and namespace', () => {
    const keys = objects.map((o) => `${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}`);
    expect(keys.filter((k, i) => keys.indexOf(k) !== i)).toEqual([]);
  });
});

describe(validateManifest.name, () => {
  // The validators must reject, or the checks above prove nothing.
  it.each([
    [
      'a Deployment whose replicas is a string',
      {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: 'x' },
        spec: { replicas: '2' },
      },
      /replicas/,
    ],
    [
      'a KafkaConnect without groupId',
      {
        apiVersion: 'kafka.strimzi.io/v1',
        kind: 'KafkaConnect',
        metadata: { name: 'c' },
        spec: {
          replicas: 1,
          bootstrapServers: 'b:9092',
          configStorageTopic: 'c',
          offsetStorageTopic: 'o',
          statusStorageTopic: 's',
        },
      },
      /groupId/,
    ],
    [
      'a KafkaConnector with tasks.max in its config',
      {
        apiVersion: 'kafka.strimzi.io/v1',
        kind: 'KafkaConnector',
        metadata: { name: 'c', labels: { 'strimzi.io/cluster': 'x' } },
        spec: { class: 'k', config: { 'tasks.max': '1' } },
      },
      /property name/,
    ],
    [
      'a KafkaTopic without its cluster label',
      { apiVersion: 'kafka.strimzi.io/v1', kind: 'KafkaTopic', metadata: { name: 't' }, spec: {} },
      /strimzi\.io\/cluster|labels/,
    ],
    [
      'a misspelt KafkaNodePool field',
      {
        apiVersion: 'kafka.strimzi.io/v1',
        kind: 'KafkaNodePool',
        metadata: { name: 'p', labels: { 'strimzi.io/cluster': 'x' } },
        spec: { replicas: 1, roles: ['broker'], storage: { type: 'ephemeral' }, replica: 3 },
      },
      /additional properties/,
    ],
    [
      'a ScaledObject without triggers',
      {
        apiVersion: 'keda.sh/v1alpha1',
        kind: 'ScaledObject',
        metadata: { name: 's' },
        spec: { scaleTargetRef: { name: 'd' } },
      },
      /triggers/,
    ],
    [
      'an unknown kind',
      { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' } },
      /no schema/,
    ],
  ])('rejects %s', (_, object, reason) => {
    expect(() => validateManifest(object)).toThrow(reason);
  });
});
