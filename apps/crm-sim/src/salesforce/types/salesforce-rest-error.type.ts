/** One entry of a Salesforce REST error body. */
export interface SalesforceRestError {
  message: string;
  errorCode: string;
  fields?: string[];
}
