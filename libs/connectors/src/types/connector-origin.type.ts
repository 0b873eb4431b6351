/** The ownership marker a connector writes on every upsert (see `ConnectorCallOptions`). */
export interface ConnectorOrigin {
  property: string;
  value: string;
}
