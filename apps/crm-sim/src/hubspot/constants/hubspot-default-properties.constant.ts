import type { HubSpotPropertySeed } from '../types/hubspot-property-seed.type';

const SYSTEM: HubSpotPropertySeed[] = [
  {
    name: 'hs_object_id',
    label: 'Record ID',
    type: 'number',
    fieldType: 'number',
    readOnlyValue: true,
  },
  {
    name: 'createdate',
    label: 'Create Date',
    type: 'datetime',
    fieldType: 'date',
    readOnlyValue: true,
  },
  {
    name: 'lastmodifieddate',
    label: 'Last Modified Date',
    type: 'datetime',
    fieldType: 'date',
    readOnlyValue: true,
  },
  {
    name: 'hs_lastmodifieddate',
    label: 'Last Modified Date',
    type: 'datetime',
    fieldType: 'date',
    readOnlyValue: true,
  },
];

/** Built-in properties per object type (a subset of HubSpot's); unknown types get SYSTEM + name. */
export const HUBSPOT_DEFAULT_PROPERTIES: Readonly<Record<string, readonly HubSpotPropertySeed[]>> =
  {
    contacts: [
      ...SYSTEM,
      // HubSpot's email is not flagged hasUniqueValue, yet it is unique and usable as idProperty.
      { name: 'email', label: 'Email', type: 'string', fieldType: 'text' },
      { name: 'firstname', label: 'First Name', type: 'string', fieldType: 'text' },
      { name: 'lastname', label: 'Last Name', type: 'string', fieldType: 'text' },
      { name: 'phone', label: 'Phone Number', type: 'string', fieldType: 'phonenumber' },
      { name: 'company', label: 'Company Name', type: 'string', fieldType: 'text' },
      { name: 'jobtitle', label: 'Job Title', type: 'string', fieldType: 'text' },
      { name: 'website', label: 'Website URL', type: 'string', fieldType: 'text' },
      { name: 'city', label: 'City', type: 'string', fieldType: 'text' },
      { name: 'country', label: 'Country/Region', type: 'string', fieldType: 'text' },
      {
        name: 'lifecyclestage',
        label: 'Lifecycle Stage',
        type: 'enumeration',
        fieldType: 'radio',
        options: [
          'subscriber',
          'lead',
          'marketingqualifiedlead',
          'salesqualifiedlead',
          'opportunity',
          'customer',
          'evangelist',
          'other',
        ],
      },
      {
        name: 'hs_lead_status',
        label: 'Lead Status',
        type: 'enumeration',
        fieldType: 'radio',
        options: [
          'NEW',
          'OPEN',
          'IN_PROGRESS',
          'OPEN_DEAL',
          'UNQUALIFIED',
          'ATTEMPTED_TO_CONTACT',
          'CONNECTED',
          'BAD_TIMING',
        ],
      },
    ],
    companies: [
      ...SYSTEM,
      { name: 'name', label: 'Company name', type: 'string', fieldType: 'text' },
      { name: 'domain', label: 'Company Domain Name', type: 'string', fieldType: 'text' },
      { name: 'phone', label: 'Phone Number', type: 'string', fieldType: 'phonenumber' },
      { name: 'city', label: 'City', type: 'string', fieldType: 'text' },
      { name: 'country', label: 'Country/Region', type: 'string', fieldType: 'text' },
      { name: 'industry', label: 'Industry', type: 'string', fieldType: 'text' },
      {
        name: 'numberofemployees',
        label: 'Number of Employees',
        type: 'number',
        fieldType: 'number',
      },
      { name: 'annualrevenue', label: 'Annual Revenue', type: 'number', fieldType: 'number' },
      { name: 'description', label: 'Description', type: 'string', fieldType: 'textarea' },
    ],
    deals: [
      ...SYSTEM,
      { name: 'dealname', label: 'Deal Name', type: 'string', fieldType: 'text' },
      { name: 'amount', label: 'Amount', type: 'number', fieldType: 'number' },
      { name: 'closedate', label: 'Close Date', type: 'datetime', fieldType: 'date' },
      {
        name: 'pipeline',
        label: 'Pipeline',
        type: 'enumeration',
        fieldType: 'select',
        options: ['default'],
      },
      {
        name: 'dealstage',
        label: 'Deal Stage',
        type: 'enumeration',
        fieldType: 'radio',
        options: [
          'appointmentscheduled',
          'qualifiedtobuy',
          'presentationscheduled',
          'decisionmakerboughtin',
          'contractsent',
          'closedwon',
          'closedlost',
        ],
      },
      { name: 'description', label: 'Deal Description', type: 'string', fieldType: 'textarea' },
    ],
    '*': [...SYSTEM, { name: 'name', label: 'Name', type: 'string', fieldType: 'text' }],
  };
