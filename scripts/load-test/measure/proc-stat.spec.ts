import { parseProcStat, parseVmRssKb, readProcStat, readVmRssKb } from './proc-stat';

// A JVM whose thread name holds a space and a parenthesis: the name must not shift the fields.
const STAT =
  '4242 (java) main) S 1 4242 4242 0 -1 4194560 93000 0 12 0 1500 250 30 7 20 0 60 0 12345 ' +
  '3000000000 120000 18446744073709551615 1 1 0 0 0 0 0 4096 17663 0 0 0 17 1 0 0 0 0 0';

const STATUS = 'Name:\tredis-server\nVmPeak:\t  90000 kB\nVmRSS:\t   12345 kB\nThreads:\t5\n';

describe(parseProcStat.name, () => {
  it('reads pid, parent and CPU ticks (utime+stime, and of waited-for children)', () => {
    expect(parseProcStat(STAT)).toEqual({ pid: 4242, ppid: 1, ticks: 1750, childTicks: 37 });
  });

  it("reads the test's own process", () => {
    const own = readProcStat(process.pid);
    expect(own?.pid).toBe(process.pid);
    expect(own?.ppid).toBe(process.ppid);
    expect(own?.ticks).toBeGreaterThan(0); // loading jest alone takes CPU
    expect(readVmRssKb(process.pid)).toBeGreaterThan(1024);
  });

  it('reports a process that is not there as undefined, not as an error', () => {
    expect(readProcStat(2 ** 30)).toBeUndefined();
    expect(readVmRssKb(2 ** 30)).toBeUndefined();
  });
});

describe(parseVmRssKb.name, () => {
  it('reads VmRSS in kB, 0 when there is none (a kernel thread)', () => {
    expect(parseVmRssKb(STATUS)).toBe(12345);
    expect(parseVmRssKb('Name:\tkthreadd\n')).toBe(0);
  });
});
