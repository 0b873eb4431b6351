/** Salesforce's REST error body: an array of `{ message, errorCode }`. */
export function salesforceErrorBody(
  errorCode: string,
  message: string,
): { message: string; errorCode: string }[] {
  return [{ message, errorCode }];
}
