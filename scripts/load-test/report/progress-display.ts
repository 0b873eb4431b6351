import { SingleBar } from 'cli-progress';

export interface ProgressStatus {
  elapsedS: number;
  totalS: number;
  phase: string;
  committedPerS: number;
  visiblePerS: number;
  p99: number;
  unseen: number;
  apiPerS: number;
  lag: number;
}

const describe = (s: ProgressStatus) =>
  `${s.phase} ${s.elapsedS}/${s.totalS}s | writes ${s.committedPerS}/s visible ${s.visiblePerS}/s p99 ${s.p99} ms pending ${s.unseen} | api ${s.apiPerS}/s | lag ${s.lag}`;

/** A live bar on a terminal; elsewhere (CI, `npm run bench`) one status line every 5 s. */
export class ProgressDisplay {
  private readonly bar?: SingleBar;
  private lastLine = 0;

  constructor(private readonly tty = Boolean(process.stdout.isTTY)) {
    if (this.tty) {
      this.bar = new SingleBar({
        format: '{bar} {status}',
        barsize: 20,
        hideCursor: true,
        clearOnComplete: true,
      });
    }
  }

  start(totalS: number): void {
    this.bar?.start(totalS, 0, { status: '' });
  }

  update(status: ProgressStatus): void {
    if (this.bar) {
      this.bar.setTotal(status.totalS);
      this.bar.update(Math.min(status.elapsedS, status.totalS), { status: describe(status) });
    } else if (Date.now() - this.lastLine >= 5000) {
      this.lastLine = Date.now();
      console.log(`[load-test] ${describe(status)}`);
    }
  }

  stop(): void {
    this.bar?.stop();
  }
}
