import { InboundRules } from '../types/inbound-rules.type';
import { MappingIssue } from '../types/mapping-issue.type';
import type { MappingColumns } from './mapping-document-issues.util';

type ColumnKey = 'modifiedAtColumn' | 'softDeleteColumn';

// Which inbound setting needs which column, of which kinds, and whether Syncline writes it.
const COLUMN_RULES: Record<
  ColumnKey,
  {
    kinds: readonly string[];
    neededBy: (inbound: InboundRules) => boolean;
    use: string;
    written: boolean;
  }
> = {
  modifiedAtColumn: {
    kinds: ['timestamptz', 'timestamp'],
    neededBy: (inbound) => inbound.conflictPolicy === 'last_writer_wins',
    use: "conflictPolicy 'last_writer_wins'",
    written: false,
  },
  softDeleteColumn: {
    kinds: ['boolean', 'timestamptz', 'timestamp'],
    neededBy: (inbound) => inbound.deletePolicy === 'soft_delete',
    use: "deletePolicy 'soft_delete'",
    written: true,
  },
};

/**
 * Issues with the columns an `inbound` block names: present exactly when its policy needs them,
 * a column of the collection of a fitting kind, and writable when Syncline writes it. Without
 * `columns` (catalog unreadable) only presence is checked.
 */
export function inboundColumnIssues(
  inbound: InboundRules,
  columns: MappingColumns | undefined,
): MappingIssue[] {
  const issues: MappingIssue[] = [];
  for (const key of Object.keys(COLUMN_RULES) as ColumnKey[]) {
    const rule = COLUMN_RULES[key];
    const name = inbound[key];
    const path = `/inbound/${key}`;
    if (!rule.neededBy(inbound)) {
      if (name !== undefined) issues.push({ path, message: `is only used with ${rule.use}` });
      continue;
    }
    if (name === undefined) {
      issues.push({ path, message: `is required with ${rule.use}` });
      continue;
    }
    if (!columns) continue;
    if (!Object.hasOwn(columns, name)) {
      issues.push({ path, message: `'${name}' is not a column of the record` });
      continue;
    }
    const column = columns[name];
    if (!rule.kinds.includes(column.kind)) {
      issues.push({
        path,
        message: `'${name}' is a ${column.kind} column; it must be ${rule.kinds.join(', ').replace(/, ([^,]+)$/, ' or $1')}`,
      });
    }
    if (rule.written && (column.generated || column.immutable)) {
      issues.push({
        path,
        message: `'${name}' is set by Postgres or is a key column: it cannot be written`,
      });
    }
  }
  return issues;
}
