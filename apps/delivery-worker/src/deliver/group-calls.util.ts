import { PlannedRecord } from '../types/planned-record.type';

/** Calls of one kind (object, identity property, operation) of at most `max` records each. */
export function groupCalls(plans: PlannedRecord[], max: number): PlannedRecord[][] {
  const groups = new Map<string, PlannedRecord[]>();
  for (const plan of plans) {
    const key = `${plan.mapping.object}\u0000${plan.mapping.identity.target}\u0000${plan.action}`;
    groups.set(key, [...(groups.get(key) ?? []), plan]);
  }
  const calls: PlannedRecord[][] = [];
  for (const group of groups.values()) {
    for (let start = 0; start < group.length; start += max)
      calls.push(group.slice(start, start + max));
  }
  return calls;
}
