/** The environment does not describe a valid crm-sim start-up; names every bad variable. */
export class CrmSimConfigException extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid crm-sim configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = new.target.name;
  }
}
