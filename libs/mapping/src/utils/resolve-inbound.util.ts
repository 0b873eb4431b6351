import { InboundConflict } from '../types/inbound-conflict.type';
import { InboundResolution } from '../types/inbound-resolution.type';
import { MappedValue } from '../types/mapped-value.type';
import { MappingIssue } from '../types/mapping-issue.type';
import { ResolveInboundInput } from '../types/resolve-inbound-input.type';
import { addColumnWrite } from './add-column-write.util';
import { conflictWinner } from './conflict-winner.util';
import { isInboundField } from './is-inbound-field.util';
import { mapFieldValue } from './map-field-value.util';
import { normalizeInbound } from './normalize-inbound.util';
import { readMappedSource } from './read-mapped-source.util';
import { ownerOf } from './owner-of.util';
import { sameMappedValue } from './same-mapped-value.util';

/**
 * What a destination record's current properties mean for its row, field by field ('in' and
 * 'both' fields; a property absent from `remote.properties` was not read and is left alone):
 *
 * - its value in forward form (`normalizeInbound`) equals the known one: the destination did not
 *   change it (often the echo of our own write): nothing to write;
 * - else the row already has it (same forward form): nothing to write;
 * - else the row is as last known: only the destination changed it: write it;
 * - else both changed: a conflict, decided by `inbound.conflictPolicy` (`conflictWinner`).
 *
 * With no known value for a field (`known` undefined, or a field mapped since), whether the row
 * changed cannot be told: a row that differs is treated as changed too, so the difference is a
 * conflict and the policy decides (never a silent overwrite of Postgres under 'postgres_wins').
 * 'in' fields never conflict: their column is only fed by the destination and never sent, so the
 * destination's value is written whenever the row differs. Under 'field_ownership' the owner
 * decides every difference, not only conflicts: a CRM-owned field takes the destination's value,
 * a Postgres-owned one never does (and is sent back out).
 * Without a row the record is linked to none: with `createRows` every inbound column is written
 * (the caller creates the row and sets its key), else nothing. Either way `known` takes the value
 * read for every property read, since that is what the destination holds now.
 */
export function resolveInbound(input: ResolveInboundInput): InboundResolution {
  const { mapping, remote, known, row, recordId } = input;
  const inbound = mapping.inbound;
  const nextKnown = new Map<string, MappedValue>(Object.entries(known ?? {}));
  const writes = new Map<string, unknown>();
  const conflicts: InboundConflict[] = [];
  const issues: MappingIssue[] = [];
  if (!inbound) {
    issues.push({ path: '/inbound', message: 'the mapping has no inbound block: it is one-way' });
    return { writes: {}, known: Object.fromEntries(nextKnown), conflicts, issues };
  }

  for (const field of mapping.fields) {
    if (!isInboundField(field) || !Object.hasOwn(remote.properties, field.target)) continue;
    const read = normalizeInbound(field, remote.properties[field.target]);
    if (!read.ok) {
      issues.push({ path: field.target, message: `${read.reason} (source ${field.source})` });
      continue;
    }
    nextKnown.set(field.target, read.value);
    let write = false;
    if (row === undefined) {
      write = inbound.createRows === true;
    } else {
      const before =
        known !== undefined && Object.hasOwn(known, field.target) ? known[field.target] : undefined;
      const destinationChanged = before === undefined || !sameMappedValue(read.value, before);
      const current = mapFieldValue(field, readMappedSource(row, field.source, recordId));
      // A row value that cannot be mapped differs from every destination value.
      const rowHasIt = current.ok && sameMappedValue(current.value, read.value);
      if (destinationChanged && !rowHasIt) {
        const rowUnchanged =
          before !== undefined && current.ok && sameMappedValue(current.value, before);
        const owner = inbound.conflictPolicy === 'field_ownership' ? ownerOf(field) : undefined;
        if (owner !== undefined) {
          // Ownership is exact: the owner's value stands whoever changed what. A destination edit
          // of a Postgres-owned field is not taken (the outbound side sends Postgres's value back).
          write = owner === 'crm';
          if (!rowUnchanged && field.direction !== 'in')
            conflicts.push({
              field: field.source,
              target: field.target,
              policy: inbound.conflictPolicy,
              winner: owner,
            });
        } else if (rowUnchanged || field.direction === 'in') {
          write = true;
        } else {
          const winner = conflictWinner(field, inbound, remote.lastModified, row);
          conflicts.push({
            field: field.source,
            target: field.target,
            policy: inbound.conflictPolicy,
            winner,
          });
          write = winner === 'crm';
        }
      }
    }
    const problem = write ? addColumnWrite(writes, row, field.source, read.column) : undefined;
    if (problem)
      issues.push({ path: field.target, message: `${problem} (source ${field.source})` });
  }
  return {
    writes: Object.fromEntries(writes),
    known: Object.fromEntries(nextKnown),
    conflicts,
    issues,
  };
}
