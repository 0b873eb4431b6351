/** A stored field value; datetimes are epoch milliseconds, dates YYYY-MM-DD strings. */
export type SalesforceValue = string | number | boolean | null;
