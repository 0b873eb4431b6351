import Ajv, { ErrorObject } from 'ajv';
import { MAPPING_DOCUMENT_SCHEMA } from '../constants/mapping-document-schema.constant';
import { InvalidMappingException } from '../exceptions/invalid-mapping.exception';
import { MappingDocument } from '../types/mapping-document.type';
import { MappingIssue } from '../types/mapping-issue.type';
import { MappingColumns, mappingDocumentIssues } from './mapping-document-issues.util';

// Compiled once, when the module loads.
const validateSchema = new Ajv({
  allErrors: true,
  strict: true,
  allowUnionTypes: true,
}).compile<MappingDocument>(MAPPING_DOCUMENT_SCHEMA);

/**
 * Validates a mapping document an admin sent (an `EntityMapping` without id, tenant and version)
 * and returns it typed. Throws `InvalidMappingException` whose `issues` name each problem by JSON
 * pointer (`/fields/2/transform`): first every schema violation; on a well-formed document, every
 * semantic one (duplicate or identity targets, enum without enumMap, defaults that do not convert,
 * sources and trigger fields that are not `columns` of the collection or mapped sources; nested
 * sources under a column that is not json/jsonb). Without `columns` (the catalog is unreadable)
 * sources are not checked.
 */
export function validateMappingDocument(
  doc: unknown,
  columns: MappingColumns | undefined,
): MappingDocument {
  if (!validateSchema(doc)) {
    throw new InvalidMappingException(schemaIssues(validateSchema.errors ?? []));
  }
  const issues = mappingDocumentIssues(doc, columns);
  if (issues.length > 0) throw new InvalidMappingException(issues);
  return doc;
}

function schemaIssues(errors: readonly ErrorObject[]): MappingIssue[] {
  const seen = new Set<string>();
  const issues: MappingIssue[] = [];
  for (const error of errors) {
    // `if` only says "must match then"; the failing `then` keyword is reported on its own.
    if (error.keyword === 'if') continue;
    const issue = toIssue(error);
    const key = `${issue.path}\u0000${issue.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    issues.push(issue);
  }
  return issues;
}

function toIssue(error: ErrorObject): MappingIssue {
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required':
      return {
        path: `${error.instancePath}/${pointerToken(params.missingProperty)}`,
        message: 'is required',
      };
    case 'additionalProperties':
      return {
        path: `${error.instancePath}/${pointerToken(params.additionalProperty)}`,
        message: 'is not a known field',
      };
    case 'enum':
      return {
        path: error.instancePath,
        message: `must be one of: ${(params.allowedValues as unknown[]).map(String).join(', ')}`,
      };
    default:
      return { path: error.instancePath, message: error.message ?? error.keyword };
  }
}

function pointerToken(name: unknown): string {
  return String(name).replace(/~/g, '~0').replace(/\//g, '~1');
}
