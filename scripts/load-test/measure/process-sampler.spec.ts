import { CLOCK_TICKS_PER_S, type ProcStat } from './proc-stat';
import { ProcessSampler } from './process-sampler';

describe(ProcessSampler.name, () => {
  it('turns tick deltas into % of one core and sums a tree; a missing process is absent', () => {
    const second = CLOCK_TICKS_PER_S; // ticks in one second of CPU
    let stats: ProcStat[] = [];
    const sampler = new ProcessSampler(
      [
        { name: 'worker', pid: () => 10, tree: false },
        { name: 'postgres', pid: () => 20, tree: true },
        { name: 'redis', pid: () => undefined, tree: false },
      ],
      0,
      () => ({ stats, rssKb: (pid) => (pid === 10 ? 102_400 : 10_240) }),
    );
    const at = (t: number, workerTicks: number, backendTicks: number) => {
      stats = [
        { pid: 10, ppid: 1, ticks: workerTicks, childTicks: 0 },
        { pid: 20, ppid: 1, ticks: 0, childTicks: 0 },
        { pid: 21, ppid: 20, ticks: backendTicks, childTicks: 0 },
      ];
      sampler.sample(t * 1000);
    };
    at(0, 0, 0);
    at(1, second / 2, second / 4);
    at(2, second * 1.5, second / 4);
    at(3, second * 2, second / 2);
    at(4, second * 2, second / 2); // the drain, after a 3 s measured phase

    const [worker, postgres, redis] = sampler.usage(3);
    expect(worker.points.map((p) => p.cpuPct)).toEqual([null, 50, 100, 50, 0]);
    expect(worker).toMatchObject({
      present: true,
      meanCpuPct: 66.7,
      maxCpuPct: 100,
      steadyRssMb: 100,
      maxRssMb: 100,
    });
    expect(postgres.points.map((p) => p.cpuPct)).toEqual([null, 25, 0, 25, 0]);
    expect(postgres.points[1].rssMb).toBe(20); // 10 MB each, summed
    expect(redis).toMatchObject({ present: false, meanCpuPct: 0, maxRssMb: 0 });
    expect(redis.points[0]).toEqual({ t: 0, cpuPct: null, rssMb: null });
  });

  it('starts a new baseline when the process restarted under another pid', () => {
    let stats: ProcStat[] = [{ pid: 10, ppid: 1, ticks: 5000, childTicks: 0 }];
    let pid = 10;
    const sampler = new ProcessSampler(
      [{ name: 'worker', pid: () => pid, tree: false }],
      0,
      () => ({
        stats,
        rssKb: () => 1024,
      }),
    );
    sampler.sample(0);
    pid = 11;
    stats = [{ pid: 11, ppid: 1, ticks: 3, childTicks: 0 }];
    sampler.sample(1000);
    stats = [{ pid: 11, ppid: 1, ticks: 3 + CLOCK_TICKS_PER_S / 10, childTicks: 0 }];
    sampler.sample(2000);
    expect(sampler.usage(2)[0].points.map((p) => p.cpuPct)).toEqual([null, null, 10]);
  });
});
