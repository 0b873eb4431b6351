import { ConfigIssue } from '../types/config-issue.type';

/** Thrown at start-up when the environment is invalid; lists every bad variable at once. */
export class ConfigValidationException extends Error {
  readonly issues: readonly ConfigIssue[];

  constructor(issues: readonly ConfigIssue[]) {
    super(
      `Invalid configuration:\n${issues.map((i) => `  - ${i.variable}: ${i.message}`).join('\n')}`,
    );
    this.name = 'ConfigValidationException';
    this.issues = issues;
  }

  get variables(): string[] {
    return this.issues.map((i) => i.variable);
  }
}
