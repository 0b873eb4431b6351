import Ajv, { type ValidateFunction } from 'ajv';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ScaledObject } from '@kubernetes-models/keda/keda.sh/v1alpha1';
import { Deployment, StatefulSet } from 'kubernetes-models/apps/v1';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2';
import { CronJob, Job } from 'kubernetes-models/batch/v1';
import { NetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1';
import { Role, RoleBinding } from 'kubernetes-models/rbac.authorization.k8s.io/v1';
import { ConfigMap, Namespace, Secret, Service, ServiceAccount } from 'kubernetes-models/v1';
import type { KubeObject } from './kube-object.type';

type Validator = (object: KubeObject) => void;

/** Kubernetes and KEDA objects: the JSON schemas kubernetes-models ships (ajv, compiled). */
function model<T>(Model: new (data: T) => { validate(): void }): Validator {
  return (object) => new Model(object as unknown as T).validate();
}

const STRIMZI_SCHEMA_DIR = path.join(__dirname, '..', 'schemas', 'strimzi');

/**
 * Strimzi's CRDs have no npm package with schemas: deploy/test/schemas/strimzi holds JSON Schemas
 * written from Strimzi's CRD definitions (kafka.strimzi.io/v1), strict about unknown fields as
 * `kubectl apply` (server-side strict field validation) is.
 */
function strimziValidators(): Record<string, Validator> {
  const ajv = new Ajv({
    allErrors: true,
    strict: true,
    strictRequired: false,
    allowUnionTypes: true,
  });
  const files = readdirSync(STRIMZI_SCHEMA_DIR).filter((f) => f.endsWith('.schema.json'));
  for (const file of files) {
    ajv.addSchema(JSON.parse(readFileSync(path.join(STRIMZI_SCHEMA_DIR, file), 'utf8')) as object);
  }
  const validator = (id: string): Validator => {
    const validate = ajv.getSchema(id) as ValidateFunction | undefined;
    if (!validate) throw new Error(`no schema with $id ${id} in ${STRIMZI_SCHEMA_DIR}`);
    return (object) => {
      if (!validate(object)) throw new Error(ajv.errorsText(validate.errors, { dataVar: 'data' }));
    };
  };
  return {
    'kafka.strimzi.io/v1/Kafka': validator('strimzi-kafka'),
    'kafka.strimzi.io/v1/KafkaNodePool': validator('strimzi-kafka-node-pool'),
    'kafka.strimzi.io/v1/KafkaConnect': validator('strimzi-kafka-connect'),
    'kafka.strimzi.io/v1/KafkaConnector': validator('strimzi-kafka-connector'),
    'kafka.strimzi.io/v1/KafkaTopic': validator('strimzi-kafka-topic'),
  };
}

/** The Prometheus Operator's PrometheusRule, written from its CRD like the Strimzi schemas. */
function prometheusRuleValidator(): Validator {
  const ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true });
  const file = path.join(
    __dirname,
    '..',
    'schemas',
    'prometheus-operator',
    'prometheus-rule.schema.json',
  );
  const validate = ajv.compile(JSON.parse(readFileSync(file, 'utf8')) as object);
  return (object) => {
    if (!validate(object)) throw new Error(ajv.errorsText(validate.errors, { dataVar: 'data' }));
  };
}

const VALIDATORS: Record<string, Validator> = {
  'v1/Namespace': model(Namespace),
  'v1/ServiceAccount': model(ServiceAccount),
  'v1/Service': model(Service),
  'v1/ConfigMap': model(ConfigMap),
  'v1/Secret': model(Secret),
  'apps/v1/Deployment': model(Deployment),
  'apps/v1/StatefulSet': model(StatefulSet),
  'batch/v1/Job': model(Job),
  'batch/v1/CronJob': model(CronJob),
  'policy/v1/PodDisruptionBudget': model(PodDisruptionBudget),
  'networking.k8s.io/v1/NetworkPolicy': model(NetworkPolicy),
  'rbac.authorization.k8s.io/v1/Role': model(Role),
  'rbac.authorization.k8s.io/v1/RoleBinding': model(RoleBinding),
  'autoscaling/v2/HorizontalPodAutoscaler': model(HorizontalPodAutoscaler),
  'keda.sh/v1alpha1/ScaledObject': model(ScaledObject),
  ...strimziValidators(),
  'monitoring.coreos.com/v1/PrometheusRule': prometheusRuleValidator(),
};

/**
 * Throws, naming the object and the violations, when `object` does not match the schema of its
 * apiVersion/kind, or when no schema is known for it (a new kind needs a validator here).
 */
export function validateManifest(object: KubeObject): void {
  const key = `${object.apiVersion}/${object.kind}`;
  const validate = VALIDATORS[key];
  if (!validate) throw new Error(`${key}: no schema known; add one to ${__filename}`);
  try {
    validate(object);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`${key} ${object.metadata?.name ?? '(no name)'}: ${reason}`);
  }
}
