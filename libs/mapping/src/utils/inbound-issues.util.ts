import { RECORD_ID_SOURCE } from '../constants/record-id-source.constant';
import { MappingDocument } from '../types/mapping-document.type';
import { MappingIssue } from '../types/mapping-issue.type';
import { fieldsOverlap } from './fields-overlap.util';
import { inboundColumnIssues } from './inbound-column-issues.util';
import { isInboundField } from './is-inbound-field.util';
import type { MappingColumns } from './mapping-document-issues.util';

/**
 * The two-way sync checks of a mapping document (its `inbound` block and its 'in'/'both' fields),
 * as JSON-pointer issues. Without `columns` (catalog unreadable) only what needs no column is checked.
 */
export function inboundIssues(
  doc: MappingDocument,
  columns: MappingColumns | undefined,
): MappingIssue[] {
  const issues: MappingIssue[] = [];
  const inbound = doc.inbound;
  const policy = inbound?.conflictPolicy;
  const writers: { at: string; source: string }[] = [];

  doc.fields.forEach((field, i) => {
    const at = `/fields/${i}`;
    if (field.owner !== undefined && policy !== 'field_ownership') {
      issues.push({
        path: `${at}/owner`,
        message: "is only used with conflictPolicy 'field_ownership'",
      });
    } else if (field.owner !== undefined && field.direction !== 'both') {
      issues.push({
        path: `${at}/owner`,
        message:
          "only applies to direction 'both' ('in' fields are CRM-owned, 'out' fields Postgres-owned)",
      });
    }
    if (!isInboundField(field)) return;
    if (!inbound) {
      issues.push({
        path: `${at}/direction`,
        message: `'${field.direction}' needs an inbound block (/inbound): without one the mapping is one-way`,
      });
    }
    if (policy === 'field_ownership' && field.direction === 'both' && field.owner === undefined) {
      issues.push({
        path: `${at}/owner`,
        message: "is required on 'both' fields with conflictPolicy 'field_ownership'",
      });
    }
    const problem = unwritableSource(field.source, doc.identity.source, columns);
    if (problem) {
      issues.push({
        path: `${at}/source`,
        message: `${problem}, so direction '${field.direction}' cannot write it`,
      });
      return;
    }
    // Two fields writing one column (or a json column and one of its keys) would race.
    const other = writers.find((w) => fieldsOverlap(w.source, field.source));
    if (other) {
      issues.push({
        path: `${at}/source`,
        message: `is also written from the destination by ${other.at}`,
      });
    } else {
      writers.push({ at, source: field.source });
    }
  });
  if (inbound) issues.push(...inboundColumnIssues(inbound, columns));
  return issues;
}

/** Why an inbound value cannot be written to `source`, or `undefined` when it can. */
function unwritableSource(
  source: string,
  identitySource: string,
  columns: MappingColumns | undefined,
): string | undefined {
  if (source === RECORD_ID_SOURCE) return `${RECORD_ID_SOURCE} is the record id, not a column`;
  if (fieldsOverlap(source, identitySource)) return 'holds the identity (/identity/source)';
  if (!columns) return undefined;
  const dot = source.indexOf('.');
  const column = Object.hasOwn(columns, source) || dot < 0 ? source : source.slice(0, dot);
  const definition = Object.hasOwn(columns, column) ? columns[column] : undefined;
  if (definition?.immutable) return `'${column}' is a key column`;
  if (definition?.generated) {
    return `'${column}' is set by Postgres (an identity, generated, tenant or version column)`;
  }
  return undefined;
}
