import type { ProcStat } from './proc-stat';

/** The root and every descendant of it among `stats` (root first); empty if the root is gone. */
export function processTree(rootPid: number, stats: readonly ProcStat[]): ProcStat[] {
  const children = new Map<number, ProcStat[]>();
  for (const stat of stats) {
    const siblings = children.get(stat.ppid) ?? [];
    siblings.push(stat);
    children.set(stat.ppid, siblings);
  }
  const root = stats.find((stat) => stat.pid === rootPid);
  if (!root) return [];
  const tree = [root];
  for (let i = 0; i < tree.length; i++) tree.push(...(children.get(tree[i].pid) ?? []));
  return tree;
}

/**
 * CPU ticks a process tree has used so far. A member that exits leaves the tree, but its ticks
 * do not vanish: they move into its parent's `childTicks` once the parent has waited for it
 * (Postgres's postmaster reaps its backends), so the total only grows and its difference between
 * two samples is the tree's CPU in between, backends that came and went included.
 */
export function treeTicks(tree: readonly ProcStat[]): number {
  return tree.reduce((sum, member) => sum + member.ticks + member.childTicks, 0);
}
