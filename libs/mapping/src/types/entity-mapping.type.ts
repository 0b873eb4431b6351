import { FieldMapping } from './field-mapping.type';
import { SyncRules } from './sync-rules.type';

/**
 * How one tenant's entity goes to one destination object. Stored in the control plane, validated
 * with ajv when written; workers pick up changes within seconds.
 */
export interface EntityMapping {
  id: string;
  tenant: string;
  entity: string; // 'contact' | 'company' | 'deal'
  destinationId: string;
  /** The destination object: HubSpot `contacts`, Salesforce `Contact`, a REST resource name. */
  object: string;
  /** The unique property identifying the record there: HubSpot `idProperty`, Salesforce external-ID field. */
  identity: { source: string; target: string };
  fields: FieldMapping[];
  rules: SyncRules;
  /** Raised on every change; a delivery records which mapping version produced it. */
  version: number;
}
