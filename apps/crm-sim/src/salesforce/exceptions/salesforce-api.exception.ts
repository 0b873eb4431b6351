import type { SalesforceRestError } from '../types/salesforce-rest-error.type';

/** An error answered in Salesforce's REST shape: `[{ message, errorCode, fields? }, ...]`. */
export class SalesforceApiException extends Error {
  readonly errors: SalesforceRestError[];

  constructor(
    readonly status: number,
    errorCode: string,
    message: string,
    fields?: string[],
  ) {
    super(message);
    this.name = new.target.name;
    this.errors = [fields ? { message, errorCode, fields } : { message, errorCode }];
  }

  /** A single-record call that failed with per-record errors (e.g. POST /sobjects/Contact). */
  static fromItemErrors(
    status: number,
    errors: { statusCode: string; message: string; fields: string[] }[],
  ): SalesforceApiException {
    const exception = new SalesforceApiException(
      status,
      errors[0].statusCode,
      errors[0].message,
      errors[0].fields,
    );
    exception.errors.splice(
      0,
      1,
      ...errors.map((e) => ({ message: e.message, errorCode: e.statusCode, fields: e.fields })),
    );
    return exception;
  }

  static notFound(): SalesforceApiException {
    return new SalesforceApiException(404, 'NOT_FOUND', 'The requested resource does not exist');
  }
}
