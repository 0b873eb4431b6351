import { Logger } from '@nestjs/common';
import { formatProgressBar } from '../utils/format-progress-bar.util';

/**
 * Shows how far a run got: on a terminal a progress bar on stderr, redrawn at most ten times a
 * second; otherwise (a CronJob's log) a JSON log line every `intervalMs`.
 */
export class ProgressReporter {
  private readonly logger = new Logger('Progress');
  private readonly started: number;
  private lastDraw = 0;
  private lastLog: number;
  private drawn = false;
  private latest = { done: 0, total: 0 };

  constructor(
    private readonly label: string,
    private readonly intervalMs: number,
    private readonly stream: NodeJS.WriteStream = process.stderr,
    private readonly now: () => number = Date.now,
  ) {
    this.started = now();
    this.lastLog = this.started;
  }

  get interactive(): boolean {
    return this.stream.isTTY === true;
  }

  readonly update = (progress: { done: number; total: number }): void => {
    this.latest = progress;
    const now = this.now();
    if (this.interactive) {
      if (now - this.lastDraw < 100 && progress.done < progress.total) return;
      this.lastDraw = now;
      this.draw();
    } else if (now - this.lastLog >= this.intervalMs) {
      this.lastLog = now;
      const elapsed = now - this.started;
      this.logger.log(
        {
          done: progress.done,
          total: progress.total,
          rowsPerSecond: elapsed > 0 ? Math.round((progress.done * 1000) / elapsed) : 0,
        },
        `${this.label}: ${progress.done}/${progress.total} rows`,
      );
    }
  };

  /** Draws the final state and ends the bar's line. */
  finish(): void {
    if (!this.interactive || !this.drawn) return;
    this.draw();
    this.stream.write('\n');
  }

  private draw(): void {
    this.drawn = true;
    const line = formatProgressBar(
      this.label,
      this.latest.done,
      this.latest.total,
      this.now() - this.started,
    );
    this.stream.write(`\r\x1b[2K${line}`);
  }
}
