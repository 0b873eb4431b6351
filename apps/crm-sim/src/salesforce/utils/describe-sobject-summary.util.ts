import type { SalesforceSObjectSchema } from '../services/salesforce-sobject.schema';

/** The object-level part of a describe (global describe lists these without fields). */
export function describeSObjectSummary(
  schema: SalesforceSObjectSchema,
  version: string,
): Record<string, unknown> {
  const base = `/services/data/${version}/sobjects/${schema.name}`;
  return {
    name: schema.name,
    label: schema.label,
    labelPlural: schema.labelPlural,
    keyPrefix: schema.keyPrefix,
    custom: schema.custom,
    createable: true,
    updateable: true,
    deletable: true,
    undeletable: true,
    queryable: true,
    retrieveable: true,
    searchable: true,
    layoutable: true,
    mergeable: schema.name === 'Account' || schema.name === 'Contact',
    replicateable: true,
    triggerable: true,
    feedEnabled: false,
    activateable: false,
    urls: { sobject: base, describe: `${base}/describe`, rowTemplate: `${base}/{ID}` },
  };
}
