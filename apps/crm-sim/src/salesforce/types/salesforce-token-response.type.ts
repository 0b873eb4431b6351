/** The token endpoint's answer, as Salesforce sends it. */
export interface SalesforceTokenResponse {
  access_token: string;
  instance_url: string;
  id: string;
  token_type: 'Bearer';
  issued_at: string;
  signature: string;
  scope: string;
}
