import type { SyncRules } from '@syncline/mapping';
import type { MappingBody } from '../clients/admin-api.client';

/** The custom field every contact carries in `custom_fields`, and where each CRM keeps it. */
export const PLAN_FIELD = {
  source: 'custom_fields.plan',
  hubspotProperty: 'syncline_plan',
  salesforceField: 'Plan__c',
} as const;

/** The identity each CRM upserts by: HubSpot's unique property, Salesforce's external ID. */
export const IDENTITY = { hubspot: 'syncline_id', salesforce: 'Syncline_Id__c' } as const;

export type CrmKind = 'hubspot' | 'salesforce';
export type DemoEntity = 'contact' | 'company' | 'deal';

const RULES: SyncRules = { operations: ['create', 'update', 'delete'], deletePolicy: 'archive' };

/** How each entity goes to each CRM: the documents sent to `PUT /mappings/:entity/:destination`. */
export const MAPPING_DOCUMENTS: Record<CrmKind, Record<DemoEntity, MappingBody>> = {
  hubspot: {
    contact: {
      object: 'contacts',
      identity: { source: 'id', target: IDENTITY.hubspot },
      // Two-way (docs/two-way-sync.md): names edited in HubSpot come back; the later edit wins.
      fields: [
        { source: 'email', target: 'email' },
        { source: 'first_name', target: 'firstname', direction: 'both' },
        { source: 'last_name', target: 'lastname', direction: 'both' },
        { source: PLAN_FIELD.source, target: PLAN_FIELD.hubspotProperty },
      ],
      rules: RULES,
      inbound: {
        conflictPolicy: 'last_writer_wins',
        modifiedAtColumn: 'updated_at',
        deletePolicy: 'ignore',
      },
    },
    company: {
      object: 'companies',
      identity: { source: 'id', target: IDENTITY.hubspot },
      fields: [
        { source: 'name', target: 'name' },
        { source: 'domain', target: 'domain' },
      ],
      rules: RULES,
    },
    deal: {
      object: 'deals',
      identity: { source: 'id', target: IDENTITY.hubspot },
      fields: [
        { source: 'name', target: 'dealname' },
        { source: 'amount', target: 'amount', transform: 'number' },
        {
          source: 'stage',
          target: 'dealstage',
          transform: 'enum',
          enumMap: {
            appointment_scheduled: 'appointmentscheduled',
            qualified: 'qualifiedtobuy',
            proposal: 'presentationscheduled',
            closed_won: 'closedwon',
            closed_lost: 'closedlost',
          },
        },
      ],
      rules: RULES,
    },
  },
  salesforce: {
    contact: {
      object: 'Contact',
      identity: { source: 'id', target: IDENTITY.salesforce },
      fields: [
        { source: 'email', target: 'Email' },
        { source: 'first_name', target: 'FirstName' },
        { source: 'last_name', target: 'LastName', default: 'Unknown' },
        { source: PLAN_FIELD.source, target: PLAN_FIELD.salesforceField },
      ],
      rules: RULES,
    },
    company: {
      object: 'Account',
      identity: { source: 'id', target: IDENTITY.salesforce },
      fields: [
        { source: 'name', target: 'Name' },
        { source: 'domain', target: 'Website' },
      ],
      rules: RULES,
    },
    deal: {
      object: 'Opportunity',
      identity: { source: 'id', target: IDENTITY.salesforce },
      fields: [
        { source: 'name', target: 'Name' },
        { source: 'amount', target: 'Amount', transform: 'number' },
        { source: 'close_date', target: 'CloseDate', transform: 'date' },
        {
          source: 'stage',
          target: 'StageName',
          transform: 'enum',
          enumMap: {
            appointment_scheduled: 'Prospecting',
            qualified: 'Qualification',
            proposal: 'Proposal/Price Quote',
            closed_won: 'Closed Won',
            closed_lost: 'Closed Lost',
          },
        },
      ],
      rules: RULES,
    },
  },
};
