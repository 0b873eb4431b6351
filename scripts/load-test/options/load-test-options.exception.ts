/** A bad flag or environment value; the message names it and what would be valid. */
export class LoadTestOptionsException extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid load-test options:\n  - ${problems.join('\n  - ')}\n(see --help)`);
    this.name = LoadTestOptionsException.name;
  }
}
