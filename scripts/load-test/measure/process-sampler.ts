import { CLOCK_TICKS_PER_S, readAllProcStats, readVmRssKb, type ProcStat } from './proc-stat';
import { processTree, treeTicks } from './process-tree';

/** A process to watch. `pid` is asked at every sample: a pid file may appear or change. */
export interface ProcessTarget {
  name: string;
  pid: () => number | undefined;
  /** Sum the process and all its descendants (Postgres: the postmaster and its backends). */
  tree: boolean;
}

/** One sample of one process; null when it was not there. `t`: seconds since the origin. */
export interface ProcessPoint {
  t: number;
  cpuPct: number | null;
  rssMb: number | null;
}

export interface ProcessUsage {
  name: string;
  tree: boolean;
  /** False when the process was never seen (not running, no pid file): not an error. */
  present: boolean;
  /** Over the measured phase; CPU in % of one core. */
  meanCpuPct: number;
  maxCpuPct: number;
  /** Median RSS over the measured phase's second half, after the warm-up. */
  steadyRssMb: number;
  maxRssMb: number;
  points: ProcessPoint[];
}

interface Previous {
  at: number;
  rootPid: number;
  ticks: number;
}

/** Reads one sample of every process on the machine (injectable for tests). */
export type ProcReader = () => { stats: ProcStat[]; rssKb: (pid: number) => number | undefined };

const readProc: ProcReader = () => ({ stats: readAllProcStats(), rssKb: readVmRssKb });
const round1 = (n: number) => Math.round(n * 10) / 10;

/** CPU (utime+stime deltas, % of one core) and VmRSS of a few processes, about once a second. */
export class ProcessSampler {
  private readonly previous = new Map<string, Previous>();
  private readonly points = new Map<string, ProcessPoint[]>();
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly targets: readonly ProcessTarget[],
    private readonly originMs: number,
    private readonly read: ProcReader = readProc,
  ) {
    for (const target of targets) this.points.set(target.name, []);
  }

  start(intervalMs = 1000): void {
    this.sample();
    this.timer = setInterval(() => this.sample(), intervalMs);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** Takes one sample now (the first of a process is its baseline: RSS, no CPU yet). */
  sample(nowMs = Date.now()): void {
    const { stats, rssKb } = this.read();
    const t = round1((nowMs - this.originMs) / 1000);
    for (const target of this.targets) {
      const pid = target.pid();
      const members = pid === undefined ? [] : processTree(pid, stats);
      const tree = target.tree ? members : members.slice(0, 1);
      const points = this.points.get(target.name) as ProcessPoint[];
      if (tree.length === 0) {
        this.previous.delete(target.name);
        points.push({ t, cpuPct: null, rssMb: null });
        continue;
      }
      const rss = tree.reduce((sum, member) => sum + (rssKb(member.pid) ?? 0), 0);
      // A single process leaves its exited children out (the load test's are the apps it started).
      const ticks = target.tree ? treeTicks(tree) : tree[0].ticks;
      // A restarted process (another pid) starts a new baseline.
      const before = this.previous.get(target.name);
      const since = before?.rootPid === tree[0].pid ? before : undefined;
      const seconds = since ? (nowMs - since.at) / 1000 : 0;
      const used = since ? Math.max(0, ticks - since.ticks) : 0;
      points.push({
        t,
        cpuPct: seconds > 0 ? round1((used / CLOCK_TICKS_PER_S / seconds) * 100) : null,
        rssMb: round1(rss / 1024),
      });
      this.previous.set(target.name, { at: nowMs, rootPid: tree[0].pid, ticks });
    }
  }

  /** Usage per target; `measuredS`: the measured phase's length (points after it are the drain). */
  usage(measuredS: number): ProcessUsage[] {
    return this.targets.map(({ name, tree }) => {
      const points = this.points.get(name) ?? [];
      const measured = points.filter((p) => p.t <= measuredS);
      const cpu = measured.flatMap((p) => (p.cpuPct === null ? [] : [p.cpuPct]));
      const rss = points.flatMap((p) => (p.rssMb === null ? [] : [p.rssMb]));
      const steady = measured
        .filter((p) => p.t >= measuredS / 2)
        .flatMap((p) => (p.rssMb === null ? [] : [p.rssMb]))
        .sort((a, b) => a - b);
      return {
        name,
        tree,
        present: rss.length > 0,
        meanCpuPct: cpu.length === 0 ? 0 : round1(cpu.reduce((a, b) => a + b, 0) / cpu.length),
        maxCpuPct: Math.max(0, ...cpu),
        steadyRssMb: steady[Math.floor(steady.length / 2)] ?? Math.max(0, ...rss),
        maxRssMb: Math.max(0, ...rss),
        points,
      };
    });
  }
}
