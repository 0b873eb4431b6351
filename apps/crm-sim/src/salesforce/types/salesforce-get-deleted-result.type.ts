/** `GET /sobjects/{SObject}/deleted/?start=&end=`: GetDeletedResult in JSON. */
export interface SalesforceGetDeletedResult {
  deletedRecords: { id: string; deletedDate: string }[];
  earliestDateAvailable: string;
  latestDateCovered: string;
}
