import type { ColumnDefinition } from '@syncline/records';
import { RECORD_ID_SOURCE } from '../constants/record-id-source.constant';
import { MappingDocument } from '../types/mapping-document.type';
import { MappingIssue } from '../types/mapping-issue.type';
import { inboundIssues } from './inbound-issues.util';
import { mapFieldValue } from './map-field-value.util';

// Transforms whose output is never a string, so `maxLength` could not apply.
const NON_STRING_TRANSFORMS = new Set([
  'number',
  'integer',
  'boolean',
  'epoch_ms',
  'midnight_epoch_ms',
]);

/**
 * The checks a JSON Schema cannot express, on a document that already matches the schema: each
 * issue's `path` is a JSON pointer into the document.
 */
export function mappingDocumentIssues(
  doc: MappingDocument,
  columns: MappingColumns | undefined,
): MappingIssue[] {
  const issues: MappingIssue[] = [];
  const checkSource = (path: string, source: string, recordIdAllowed = true) => {
    const message =
      !recordIdAllowed && source === RECORD_ID_SOURCE
        ? `${RECORD_ID_SOURCE} may be mapped but not tested: name the key columns instead`
        : sourceProblem(source, columns);
    if (message) issues.push({ path, message });
  };

  checkSource('/identity/source', doc.identity.source);
  // Destination property names compare case-insensitively: Salesforce treats `Email` and `email` as one.
  const identityTarget = doc.identity.target.toLowerCase();
  const firstByTarget = new Map<string, number>();
  doc.fields.forEach((field, i) => {
    const at = `/fields/${i}`;
    checkSource(`${at}/source`, field.source);
    const target = field.target.toLowerCase();
    const first = firstByTarget.get(target);
    if (target === identityTarget) {
      issues.push({
        path: `${at}/target`,
        message: `is the identity property (/identity/target); the identity is sent on its own`,
      });
    } else if (first !== undefined) {
      issues.push({ path: `${at}/target`, message: `duplicates /fields/${first}/target` });
    } else {
      firstByTarget.set(target, i);
    }
    if (field.transform === 'enum' && field.enumMap === undefined) {
      issues.push({ path: `${at}/enumMap`, message: "is required when transform is 'enum'" });
    }
    if (field.transform !== 'enum' && field.enumMap !== undefined) {
      issues.push({ path: `${at}/enumMap`, message: "is only used with transform 'enum'" });
    }
    if (field.truncate && field.maxLength === undefined) {
      issues.push({ path: `${at}/truncate`, message: 'needs maxLength' });
    }
    if (field.maxLength !== undefined && NON_STRING_TRANSFORMS.has(field.transform ?? '')) {
      issues.push({
        path: `${at}/maxLength`,
        message: `does not apply: transform '${field.transform}' does not produce a string`,
      });
    }
    // The default goes through the transform like a record value: it must convert.
    const enumWithoutMap = field.transform === 'enum' && field.enumMap === undefined;
    if (field.default !== undefined && field.default !== null && !enumWithoutMap) {
      const result = mapFieldValue({ ...field, required: false }, field.default);
      if (!result.ok) issues.push({ path: `${at}/default`, message: result.reason });
    }
  });

  const mappedSources = new Set([doc.identity.source, ...doc.fields.map((f) => f.source)]);
  (doc.rules.conditions ?? []).forEach((condition, i) => {
    const at = `/rules/conditions/${i}`;
    checkSource(`${at}/field`, condition.field, false);
    if (
      (condition.op === 'exists' || condition.op === 'not_exists') &&
      condition.value !== undefined
    ) {
      issues.push({ path: `${at}/value`, message: `must be absent for op '${condition.op}'` });
    }
  });
  (doc.rules.triggerFields ?? []).forEach((field, i) => {
    if (columns && !mappedSources.has(field) && !Object.hasOwn(columns, field)) {
      issues.push({
        path: `/rules/triggerFields/${i}`,
        message: `'${field}' is neither a mapped source nor a column of the record`,
      });
    }
  });
  issues.push(...inboundIssues(doc, columns));
  return issues;
}

/**
 * The collection's columns: what a mapping's sources may name (`kind`), and which of them a
 * destination may not write (`generated`: set by Postgres; `immutable`: a key column).
 */
export type MappingColumns = Readonly<
  Record<string, Pick<ColumnDefinition, 'kind' | 'generated' | 'immutable'>>
>;

const NESTABLE_KINDS = new Set(['json', 'jsonb']);

function sourceProblem(source: string, columns: MappingColumns | undefined): string | undefined {
  if (!columns || source === RECORD_ID_SOURCE || Object.hasOwn(columns, source)) return undefined;
  const dot = source.indexOf('.');
  const column = dot < 0 ? source : source.slice(0, dot);
  if (!Object.hasOwn(columns, column)) return `'${column}' is not a column of the record`;
  if (!NESTABLE_KINDS.has(columns[column].kind)) {
    return `'${column}' is not a json or jsonb column: only those may address a nested value`;
  }
  return undefined;
}
