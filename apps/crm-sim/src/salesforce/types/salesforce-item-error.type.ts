/** An error inside a SaveResult / UpsertResult / DeleteResult. */
export interface SalesforceItemError {
  statusCode: string;
  message: string;
  fields: string[];
}
