/**
 * Prints the scenario as numbered steps: what the demo does (`act`), then what it observes at
 * each hop (`see`, labelled postgres, redis, hubspot, ...). Each step shows the time since start.
 */
export class StepPrinter {
  private number = 0;
  private title = '';
  private readonly startedAt = Date.now();

  constructor(private readonly write: (line: string) => void = (line) => console.log(line)) {}

  /** The step under way, for failure messages. */
  get current(): string {
    return this.number === 0 ? 'start-up' : `step ${this.number} (${this.title})`;
  }

  get elapsedSeconds(): number {
    return (Date.now() - this.startedAt) / 1000;
  }

  step(title: string): void {
    this.number += 1;
    this.title = title;
    this.write(`\n[${this.elapsedSeconds.toFixed(1).padStart(5)}s] ${this.number}. ${title}`);
  }

  act(text: string): void {
    this.write(`   > ${text}`);
  }

  see(hop: string, text: string): void {
    this.write(`     ${hop.padEnd(18)} ${text}`.trimEnd());
  }

  block(text: string): void {
    for (const line of text.split('\n')) this.write(line ? `     ${line}` : '');
  }
}
