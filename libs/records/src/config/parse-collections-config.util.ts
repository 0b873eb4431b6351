import Ajv from 'ajv';
import { parse as parseYaml } from 'yaml';
import { CollectionsConfigException } from '../exceptions/collections-config.exception';
import { CollectionsConfig } from './collections-config.type';

const COLUMN_LIST = { type: 'array', items: { type: 'string', minLength: 1 }, uniqueItems: true };
const SCHEMA = {
  type: 'object',
  additionalProperties: false,
  properties: {
    collections: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['table'],
        properties: {
          table: { type: 'string', pattern: '^[^.]+\\.[^.]+$' },
          name: { type: 'string', pattern: '^[A-Za-z0-9_-]{1,64}$' },
          keyColumns: { ...COLUMN_LIST, minItems: 1 },
          tenantColumn: { type: 'string', minLength: 1 },
          tenant: { type: 'string', minLength: 1, maxLength: 128 },
          versionColumn: { type: 'string', minLength: 1 },
          include: { ...COLUMN_LIST, minItems: 1 },
          exclude: COLUMN_LIST,
          ttlSeconds: { type: 'integer', minimum: 1 },
        },
      },
    },
  },
} as const;
const validate = new Ajv({ allErrors: true, strict: true }).compile<CollectionsConfig>(SCHEMA);

/**
 * Parses and checks the shape of a collections config document (YAML or JSON); whether the
 * tables and columns it names exist is checked against the catalog (buildCollections).
 */
export function parseCollectionsConfig(text: string, origin: string): CollectionsConfig {
  let document: unknown;
  try {
    document = parseYaml(text) ?? {};
  } catch (error) {
    throw new CollectionsConfigException([`${origin} is not YAML: ${(error as Error).message}`]);
  }
  if (!validate(document)) {
    throw new CollectionsConfigException(
      (validate.errors ?? []).map((error) => {
        const extra =
          error.keyword === 'additionalProperties'
            ? ` (${String((error.params as { additionalProperty: string }).additionalProperty)})`
            : '';
        return `${origin}${error.instancePath || ''}: ${error.message ?? error.keyword}${extra}`;
      }),
    );
  }
  const entries = document.collections ?? [];
  const problems: string[] = [];
  entries.forEach((entry, index) => {
    if (entry.include && entry.exclude)
      problems.push(
        `${origin}/collections/${index} (${entry.table}): give include or exclude, not both`,
      );
    if (entry.tenant && entry.tenantColumn)
      problems.push(
        `${origin}/collections/${index} (${entry.table}): tenant is for single-tenant collections; tenantColumn is set`,
      );
  });
  if (problems.length > 0) throw new CollectionsConfigException(problems);
  return document;
}
