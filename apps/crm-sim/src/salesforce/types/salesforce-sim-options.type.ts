import type { SimListenOptions } from '../../common/types/sim-listen-options.type';
import type { SalesforceFieldSeed } from './salesforce-field-seed.type';
import type { SalesforceLimits } from './salesforce-limits.type';
import type { SalesforceSObjectSeed } from './salesforce-sobject-seed.type';

export interface SalesforceSimOptions extends SimListenOptions {
  /** Connected apps for the token endpoint (default: syncline-sim / syncline-sim-secret). */
  clients?: { clientId: string; clientSecret: string }[];
  /** Users for the password grant (default: integration@syncline.sim / syncline). */
  users?: { username: string; password: string }[];
  /** Access tokens accepted without a token call (default: ['syncline-sim-token']). */
  accessTokens?: string[];
  limits?: Partial<SalesforceLimits>;
  /** Extra custom fields per SObject; `Syncline_Id__c` (external ID, unique) is always there. */
  customFields?: Record<string, SalesforceFieldSeed[]>;
  customObjects?: SalesforceSObjectSeed[];
  /** Records per query page (Salesforce: 2000, or 200..2000 via Sforce-Query-Options). */
  queryBatchSize?: number;
  /** instance_url returned by the token endpoint; default: scheme and Host of the token request. */
  publicUrl?: string;
}
