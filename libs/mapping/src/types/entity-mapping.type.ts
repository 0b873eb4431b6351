import { FieldMapping } from './field-mapping.type';
import { InboundRules } from './inbound-rules.type';
import { SyncRules } from './sync-rules.type';

/**
 * How one tenant's collection goes to one destination object. Stored in the control plane,
 * validated with ajv (and against the collection's columns) when written; workers pick up changes
 * within seconds.
 */
export interface EntityMapping {
  id: string;
  tenant: string;
  /** The collection's name (`CollectionDefinition.name`); the field keeps the wire format's name. */
  entity: string;
  destinationId: string;
  /** The destination object: a HubSpot object type (`p_stock_levels`, `2-1234`), a Salesforce sObject, a REST resource name. */
  object: string;
  /**
   * The unique property identifying the record there (HubSpot `idProperty`, Salesforce external-ID
   * field), filled from `source`: any column (its value as text) or `$id`, the record id.
   */
  identity: { source: string; target: string };
  fields: FieldMapping[];
  rules: SyncRules;
  /** Two-way sync: how destination edits come back (`resolveInbound`); absent = one-way. */
  inbound?: InboundRules;
  /** Raised on every change; a delivery records which mapping version produced it. */
  version: number;
}
