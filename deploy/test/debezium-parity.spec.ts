import { SYNCCTL } from '../../apps/syncctl/src/constants/syncctl.constants';
import type { IConfigMap } from 'kubernetes-models/v1/ConfigMap';
import type { IContainer } from 'kubernetes-models/v1/Container';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { parse, stringify } from 'yaml';
import { DEPLOY_DIR, OVERLAYS } from './support/deploy-paths.constant';
import type { KubeObject } from './support/kube-object.type';
import { containersOf, workloadPods } from './support/pod-specs.util';
import {
  parseProperties,
  pomProperty,
  readConnectorFile,
  readRepoFile,
} from './support/repo-files.util';
import { renderKustomization } from './support/render-kustomization.util';

// debezium/ is the one source of the CDC settings: the local stack (scripts/stack) registers
// postgres-connector.json and runs Connect with connect-standalone.properties. These tests prove
// that both cluster overlays run the very same settings.

/** Worker settings that only make sense for a standalone worker on one host. */
const STANDALONE_ONLY = [
  'bootstrap.servers',
  'listeners',
  'plugin.path',
  'offset.storage.file.filename',
];

const connector = readConnectorFile();
const standalone = parseProperties(readRepoFile('debezium/connect-standalone.properties'));
const sharedWorkerSettings = [...standalone].filter(([key]) => !STANDALONE_ONLY.includes(key));

const minikube = renderKustomization('overlays/minikube');
const cloud = renderKustomization('overlays/cloud');
const base = renderKustomization('base');

const byKind = (objects: readonly KubeObject[], kind: string) =>
  objects.filter((o) => o.kind === kind);
const configMap = (objects: readonly KubeObject[], prefix: string): IConfigMap => {
  const found = byKind(objects, 'ConfigMap').find((c) => c.metadata.name.startsWith(prefix));
  if (!found) throw new Error(`no ConfigMap ${prefix}*`);
  return found as unknown as IConfigMap;
};
const container = (objects: readonly KubeObject[], name: string): IContainer => {
  const found = workloadPods(objects)
    .flatMap((pod) => containersOf(pod))
    .find((c) => c.container.name === name);
  if (!found) throw new Error(`no container ${name}`);
  return found.container;
};
const baseConfig = configMap(base, 'syncline-config').data ?? {};

interface StrimziConnect {
  spec: {
    config: Record<string, string | number | boolean>;
    build: { plugins: { artifacts: { url: string; sha512sum: string }[] }[] };
    template: { connectContainer: { env: { name: string; value?: string }[] } };
  };
}
const strimziConnect = byKind(cloud, 'KafkaConnect')[0] as unknown as StrimziConnect;

describe('the Debezium connector', () => {
  it('is, in the minikube overlay, a byte-for-byte copy of debezium/postgres-connector.json', () => {
    const copy = readFileSync(
      path.join(DEPLOY_DIR, 'overlays/minikube/debezium/postgres-connector.json'),
    );
    // If this fails: cp debezium/postgres-connector.json deploy/overlays/minikube/debezium/
    expect(
      copy.equals(readFileSync(path.join(DEPLOY_DIR, '..', 'debezium/postgres-connector.json'))),
    ).toBe(true);
  });

  it('reaches the minikube bootstrap Job unchanged (generated ConfigMap)', () => {
    const data = configMap(minikube, 'debezium-connector').data ?? {};
    expect(data['postgres-connector.json']).toBe(readRepoFile('debezium/postgres-connector.json'));
  });

  it('is the cloud KafkaConnector: name, class and tasks in Strimzi fields, every other key as is', () => {
    const {
      ['connector.class']: connectorClass,
      ['tasks.max']: tasksMax,
      ...rest
    } = connector.config;
    const expected = {
      metadata: { name: connector.name },
      spec: { class: connectorClass, tasksMax: Number(tasksMax), config: rest },
    };
    const actual = byKind(cloud, 'KafkaConnector')[0] as unknown as typeof expected;
    const shape = (o: typeof expected) => ({
      metadata: { name: o.metadata.name },
      spec: { class: o.spec.class, tasksMax: o.spec.tasksMax, config: o.spec.config },
    });
    // On a difference, the message is the block to paste into deploy/overlays/cloud/kafka-connector.yaml.
    if (!isDeepStrictEqual(shape(actual), expected)) {
      throw new Error(
        `kafka-connector.yaml drifted from debezium/postgres-connector.json; expected:\n${stringify(expected)}`,
      );
    }
    expect(shape(actual)).toEqual(expected);
  });

  it.each(OVERLAYS)(
    'finds every ${env:...} it reads in the Kafka Connect environment of %s',
    (overlay) => {
      const wanted = [...JSON.stringify(connector.config).matchAll(/\$\{env:([A-Z0-9_]+)\}/g)].map(
        (m) => m[1],
      );
      expect(wanted.length).toBeGreaterThan(0);
      let available: string[];
      if (overlay === 'overlays/minikube') {
        const connect = container(minikube, 'kafka-connect');
        const fromConfigMap = (connect.envFrom ?? []).flatMap((source) =>
          source.configMapRef
            ? Object.keys(configMap(minikube, source.configMapRef.name ?? '').data ?? {})
            : [],
        );
        available = [...fromConfigMap, ...(connect.env ?? []).map((e) => e.name)];
      } else {
        available = strimziConnect.spec.template.connectContainer.env.map((e) => e.name);
      }
      expect(available).toEqual(expect.arrayContaining(wanted));
    },
  );

  it('gets, on Strimzi, the same literal settings as the apps (syncline-config)', () => {
    const literals = strimziConnect.spec.template.connectContainer.env.filter(
      (e) => e.value !== undefined,
    );
    expect(literals.length).toBeGreaterThan(0);
    for (const { name, value } of literals)
      expect({ name, value }).toEqual({ name, value: baseConfig[name] });
  });
});

describe('the Kafka Connect worker', () => {
  it('shares the converters and config providers of connect-standalone.properties', () => {
    expect(sharedWorkerSettings.map(([key]) => key)).toEqual(
      expect.arrayContaining(['key.converter', 'value.converter', 'config.providers']),
    );
  });

  it('runs on minikube with the local stack settings, value for value', () => {
    const worker = parseProperties(
      configMap(minikube, 'kafka-connect-worker').data?.['connect-distributed.properties'] ?? '',
    );
    for (const [key, value] of sharedWorkerSettings)
      expect({ key, value: worker.get(key) }).toEqual({ key, value });
  });

  it('runs on Strimzi with the local stack settings, value for value', () => {
    const config = strimziConnect.spec.config;
    for (const [key, value] of sharedWorkerSettings) {
      expect({ key, value: config[key] === undefined ? undefined : String(config[key]) }).toEqual({
        key,
        value,
      });
    }
  });

  it('talks to brokers that accept its largest request (message.max.bytes)', () => {
    const maxRequest = Number(standalone.get('producer.max.request.size'));
    const minikubeBroker = parseProperties(
      configMap(minikube, 'kafka-server').data?.['server.properties'] ?? '',
    );
    const strimziKafka = byKind(cloud, 'Kafka')[0] as unknown as {
      spec: { kafka: { config: Record<string, number> } };
    };
    expect(Number(minikubeBroker.get('message.max.bytes'))).toBeGreaterThanOrEqual(maxRequest);
    expect(Number(strimziKafka.spec.kafka.config['message.max.bytes'])).toBeGreaterThanOrEqual(
      maxRequest,
    );
  });
});

describe('versions and topics', () => {
  const debeziumVersion = pomProperty('debezium.version');
  const kafkaVersion = pomProperty('kafka.version');
  const pluginFile = `debezium-connector-postgres-${debeziumVersion}-plugin.tar.gz`;
  const minikubeFetch = container(minikube, 'fetch-debezium-plugin').env ?? [];
  const minikubePlugin = {
    url: minikubeFetch.find((e) => e.name === 'DEBEZIUM_PLUGIN_URL')?.value,
    sha512: minikubeFetch.find((e) => e.name === 'DEBEZIUM_PLUGIN_SHA512')?.value,
  };
  const strimziArtifact = strimziConnect.spec.build.plugins[0]?.artifacts[0];

  it('runs the Debezium plugin the local stack resolves (scripts/stack.d/pom.xml), same checksum', () => {
    expect(minikubePlugin.url).toMatch(
      new RegExp(`/${debeziumVersion}/${pluginFile.replace(/\./g, '\\.')}$`),
    );
    expect(strimziArtifact?.url).toBe(minikubePlugin.url);
    expect(strimziArtifact?.sha512sum).toBe(minikubePlugin.sha512);
  });

  const tarball = path.join(
    homedir(),
    `.m2/repository/io/debezium/debezium-connector-postgres/${debeziumVersion}/${pluginFile}`,
  );
  // Only where scripts/stack has resolved the artifact (Maven's cache): proves the pinned digest.
  (existsSync(tarball) ? it : it.skip)('pins the SHA-512 of the artifact Maven resolved', () => {
    expect(createHash('sha512').update(readFileSync(tarball)).digest('hex')).toBe(
      minikubePlugin.sha512,
    );
  });

  it('runs the local stack Kafka version in minikube', () => {
    const kafkaImages = workloadPods(minikube)
      .flatMap((pod) => containersOf(pod))
      .map(({ container: c }) => c.image ?? '')
      .filter((image) => image.startsWith('apache/kafka:'));
    expect(kafkaImages.length).toBeGreaterThan(0);
    expect([...new Set(kafkaImages)]).toEqual([`apache/kafka:${kafkaVersion}`]);
  });

  const prefix = baseConfig.SYNCLINE_TOPIC_PREFIX ?? '';
  // The connector follows the publication (no include list): the topics created up front are the
  // demo collections' in minikube; elsewhere `syncctl collections add` creates each table's.
  const demoTables = (
    parse(readRepoFile('deploy/overlays/minikube/demo/collections.yaml')) as {
      collections: { table: string }[];
    }
  ).collections.map((c) => c.table);

  it("creates the demo collections' CDC topics in minikube, with 6 partitions", () => {
    const env = container(minikube, 'create-topics').env ?? [];
    const listed = env.find((e) => e.name === 'CDC_TABLES')?.value?.split(' ');
    expect(listed).toEqual(demoTables);
    expect(env.find((e) => e.name === 'CDC_PARTITIONS')?.value).toBe('6');
  });

  it('declares the notice, dead-letter and notification topics as KafkaTopics on Strimzi, and no table of the demo', () => {
    const topics = byKind(cloud, 'KafkaTopic').map(
      (t) => (t as unknown as { spec: { topicName: string; partitions: number } }).spec,
    );
    const expected = [`${prefix}.record-changed`, `${prefix}.dlq.cdc`];
    const notifications = SYNCCTL.notificationsTopic(prefix);
    expect(topics.map((t) => t.topicName).sort()).toEqual([...expected, notifications].sort());
    expect(
      new Set(topics.filter((t) => t.topicName !== notifications).map((t) => t.partitions)),
    ).toEqual(new Set([6]));
    // Notifications keep their order: syncctl reads a snapshot's end after its table scans.
    expect(topics.find((t) => t.topicName === notifications)?.partitions).toBe(1);
  });
});
