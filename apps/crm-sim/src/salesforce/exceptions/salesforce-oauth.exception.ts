/** A token endpoint error: `{ error, error_description }`, as Salesforce's OAuth server sends it. */
export class SalesforceOAuthException extends Error {
  constructor(
    readonly status: number,
    readonly error: string,
    description: string,
  ) {
    super(description);
    this.name = new.target.name;
  }
}
