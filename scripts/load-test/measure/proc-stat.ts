import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

/** What one process's /proc/<pid>/stat tells us. Times are clock ticks (CLOCK_TICKS_PER_S). */
export interface ProcStat {
  pid: number;
  ppid: number;
  /** utime + stime: CPU the process itself used. */
  ticks: number;
  /** cutime + cstime: CPU of its children that exited and were waited for. */
  childTicks: number;
}

/** USER_HZ, the unit of /proc times (100 on every common Linux build). */
export const CLOCK_TICKS_PER_S = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/** Parses /proc/<pid>/stat. The command name is in parentheses and may itself hold `) `. */
export function parseProcStat(text: string): ProcStat {
  const close = text.lastIndexOf(')');
  const pid = Number(text.slice(0, text.indexOf('(')).trim());
  // Fields after the name, numbered as in proc(5) from field 3 (state) on.
  const fields = text
    .slice(close + 2)
    .trim()
    .split(' ');
  const field = (n: number) => Number(fields[n - 3]);
  return {
    pid,
    ppid: field(4),
    ticks: field(14) + field(15),
    childTicks: field(16) + field(17),
  };
}

/** VmRSS from /proc/<pid>/status in kB (0 for a kernel thread or zombie without one). */
export function parseVmRssKb(statusText: string): number {
  return Number(/^VmRSS:\s+(\d+)\s+kB/m.exec(statusText)?.[1] ?? 0);
}

/** One process's stat, or undefined when it is not there (exited, or never was). */
export function readProcStat(pid: number): ProcStat | undefined {
  try {
    return parseProcStat(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return undefined;
  }
}

export function readVmRssKb(pid: number): number | undefined {
  try {
    return parseVmRssKb(readFileSync(`/proc/${pid}/status`, 'utf8'));
  } catch {
    return undefined;
  }
}

/** Every process's stat (for process trees); processes that exit while we read are skipped. */
export function readAllProcStats(): ProcStat[] {
  const stats: ProcStat[] = [];
  for (const entry of readdirSync('/proc'))
    if (/^\d+$/.test(entry)) {
      const stat = readProcStat(Number(entry));
      if (stat) stats.push(stat);
    }
  return stats;
}
