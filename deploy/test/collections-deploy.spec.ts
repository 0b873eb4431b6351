import { SYNCCTL } from '../../apps/syncctl/src/constants/syncctl.constants';
import { DEBEZIUM_TABLES, SYNCLINE_SCHEMA } from '@syncline/persistence';
import { parseCollectionsConfig } from '@syncline/records';
import type { IConfigMap } from 'kubernetes-models/v1/ConfigMap';
import path from 'node:path';
import { parse } from 'yaml';
import type { KubeObject } from './support/kube-object.type';
import { containersOf, workloadPods } from './support/pod-specs.util';
import { readConnectorFile, readRepoFile } from './support/repo-files.util';
import { renderKustomization } from './support/render-kustomization.util';

// The collections config reaches every app in every environment, and the connector settings agree
// with the publication-driven design: what Debezium captures is the publication's business.

const APP_CONTAINERS = [
  'sync-worker',
  'delivery-worker',
  'cache-api',
  'reconcile-cache',
  'reconcile-crm',
];
const rendered = {
  base: renderKustomization('base'),
  'overlays/minikube': renderKustomization('overlays/minikube'),
  'overlays/cloud': renderKustomization('overlays/cloud'),
};

const configMaps = (objects: readonly KubeObject[]) =>
  objects.filter((o) => o.kind === 'ConfigMap') as unknown as IConfigMap[];
const configMap = (objects: readonly KubeObject[], prefix: string): IConfigMap => {
  const found = configMaps(objects).find((c) => c.metadata?.name?.startsWith(prefix));
  if (!found) throw new Error(`no ConfigMap ${prefix}*`);
  return found;
};

describe.each(Object.keys(rendered) as (keyof typeof rendered)[])('in %s', (where) => {
  const objects = rendered[where];
  const settings = configMap(objects, 'syncline-config').data ?? {};
  const collections = configMap(objects, 'syncline-collections');
  const file = settings.SYNCLINE_COLLECTIONS_FILE ?? '';

  it('names a collections file and a publication for every app', () => {
    expect(file).toMatch(/^\/.+\.yaml$/);
    expect(settings.SYNCLINE_PUBLICATION).toBe(readConnectorFile().config['publication.name']);
  });

  it('holds a collections config that parses', () => {
    const text = collections.data?.[path.basename(file)];
    expect(text).toBeDefined();
    expect(() => parseCollectionsConfig(text ?? '', path.basename(file))).not.toThrow();
  });

  it.each(APP_CONTAINERS)('mounts the collections ConfigMap where %s reads it', (name) => {
    const found = workloadPods(objects)
      .flatMap((pod) => containersOf(pod).map(({ container }) => ({ pod, container })))
      .find(({ container }) => container.name === name);
    expect(found).toBeDefined();
    const mount = (found?.container.volumeMounts ?? []).find(
      (m) => m.mountPath === path.dirname(file),
    );
    const volume = (found?.pod.spec.volumes ?? []).find((v) => v.name === mount?.name);
    expect(volume?.configMap?.name).toBe(collections.metadata?.name);
    expect(mount?.readOnly).toBe(true);
  });
});

describe('the minikube demo', () => {
  it('applies the very fixture the local stack applies (copy of scripts/fixtures/demo/schema.sql)', () => {
    // If this fails: cp scripts/fixtures/demo/schema.sql deploy/overlays/minikube/demo/
    const fixture = configMap(rendered['overlays/minikube'], 'demo-fixture').data ?? {};
    expect(fixture['schema.sql']).toBe(readRepoFile('scripts/fixtures/demo/schema.sql'));
  });

  it('declares the demo tables as the local stack does', () => {
    const local = parse(readRepoFile('scripts/fixtures/collections.yaml')) as {
      collections: { table: string }[];
    };
    const demo = parse(readRepoFile('deploy/overlays/minikube/demo/collections.yaml')) as {
      collections: { table: string }[];
    };
    const demoTables = new Set(demo.collections.map((c) => c.table));
    expect(demo.collections).toEqual(local.collections.filter((c) => demoTables.has(c.table)));
  });
});

describe('the Debezium connector', () => {
  const config = readConnectorFile().config;
  const dropped = new RegExp(`^${config['predicates.isSynclineTable.pattern']}$`);

  it('captures what the publication publishes: no table or schema filter of its own', () => {
    for (const key of [
      'table.include.list',
      'table.exclude.list',
      'schema.include.list',
      'schema.exclude.list',
    ])
      expect({ key, value: config[key] }).toEqual({ key, value: undefined });
    expect(config['publication.autocreate.mode']).toBe('disabled');
  });

  it("backfills through incremental snapshots signalled in Syncline's signal table, never at start", () => {
    expect(config['snapshot.mode']).toBe('no_data');
    expect(config['signal.data.collection']).toBe(`${SYNCLINE_SCHEMA}.${DEBEZIUM_TABLES.signal}`);
    expect(config['signal.enabled.channels']?.split(',')).toContain('source');
  });

  it('writes notifications where syncctl waits for a snapshot to end', () => {
    expect(config['notification.enabled.channels']?.split(',')).toContain('sink');
    expect(config['notification.sink.topic.name']).toBe(
      SYNCCTL.notificationsTopic('${env:SYNCLINE_TOPIC_PREFIX}'),
    );
  });

  it('keeps the slot moving with a heartbeat written to the heartbeat table', () => {
    expect(Number(config['heartbeat.interval.ms'])).toBeGreaterThan(0);
    expect(config['heartbeat.action.query']).toContain(
      `INSERT INTO ${SYNCLINE_SCHEMA}.${DEBEZIUM_TABLES.heartbeat}`,
    );
  });

  it("drops the events of Syncline's own tables and of no user table", () => {
    expect(config.transforms?.split(',')).toContain('dropSynclineTables');
    expect(config['transforms.dropSynclineTables.predicate']).toBe('isSynclineTable');
    for (const table of Object.values(DEBEZIUM_TABLES))
      expect(dropped.test(`syncline.${SYNCLINE_SCHEMA}.${table}`)).toBe(true);
    expect(dropped.test('dev.eu.syncline.tenants')).toBe(true);
    for (const topic of [
      'syncline.public.orders',
      'syncline.inventory.syncline_notes',
      'syncline.public.SkuCatalog',
      '__debezium-heartbeat.syncline',
    ])
      expect({ topic, dropped: dropped.test(topic) }).toEqual({ topic, dropped: false });
  });
});
