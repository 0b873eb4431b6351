import type { ProcStat } from './proc-stat';
import { processTree, treeTicks } from './process-tree';

const proc = (pid: number, ppid: number, ticks: number, childTicks = 0): ProcStat => ({
  pid,
  ppid,
  ticks,
  childTicks,
});

describe(processTree.name, () => {
  const stats = [
    proc(1, 0, 5),
    proc(100, 1, 50, 10), // postmaster
    proc(101, 100, 20), // checkpointer
    proc(102, 100, 30), // backend
    proc(103, 102, 1), // a grandchild
    proc(200, 1, 999), // someone else
  ];

  it('is the root and all its descendants, nothing else', () => {
    expect(processTree(100, stats).map((p) => p.pid)).toEqual([100, 101, 102, 103]);
    expect(processTree(200, stats).map((p) => p.pid)).toEqual([200]);
  });

  it('is empty when the root is not running', () => {
    expect(processTree(300, stats)).toEqual([]);
  });
});

describe(treeTicks.name, () => {
  it("sums a tree's CPU so that a member exiting between two samples is counted once", () => {
    const before = [proc(100, 1, 50, 10), proc(101, 100, 20), proc(102, 100, 30)];
    // 102 used 5 more ticks, exited and was reaped: its 35 moved into the postmaster's childTicks.
    const after = [proc(100, 1, 55, 45), proc(101, 100, 25), proc(103, 100, 4)];
    expect(treeTicks(before)).toBe(110);
    // postmaster 5 + 101's 5 + 102's last 5 + the new 103's 4
    expect(treeTicks(after) - treeTicks(before)).toBe(19);
  });
});
