import { Inject, Injectable } from '@nestjs/common';
import { SimAdminException } from '../../common/exceptions/sim-admin.exception';
import { SALESFORCE_SIM_OPTIONS } from '../constants/salesforce-sim-options.token';
import { SALESFORCE_STANDARD_SOBJECTS } from '../constants/salesforce-standard-sobjects.constant';
import { SALESFORCE_SYSTEM_FIELDS } from '../constants/salesforce-system-fields.constant';
import { SYNCLINE_ID_FIELD } from '../constants/syncline-id-field.constant';
import type { SalesforceFieldDefinition } from '../types/salesforce-field-definition.type';
import type { SalesforceFieldSeed } from '../types/salesforce-field-seed.type';
import type { SalesforceSimOptions } from '../types/salesforce-sim-options.type';
import type { SalesforceSObjectSeed } from '../types/salesforce-sobject-seed.type';
import { SalesforceSObjectSchema } from './salesforce-sobject.schema';

const FIELD_TYPES = new Set([
  'string',
  'textarea',
  'email',
  'phone',
  'url',
  'picklist',
  'reference',
  'boolean',
  'int',
  'double',
  'currency',
  'percent',
  'date',
  'datetime',
]);

/** The org's schema: standard objects, Syncline_Id__c, option seeds and admin-added fields/objects. */
@Injectable()
export class SalesforceSchemaRegistry {
  private byName = new Map<string, SalesforceSObjectSchema>();
  private byPrefix = new Map<string, SalesforceSObjectSchema>();
  private customObjectCount = 0;

  constructor(@Inject(SALESFORCE_SIM_OPTIONS) private readonly options: SalesforceSimOptions) {
    this.reset();
  }

  reset(): void {
    this.byName = new Map();
    this.byPrefix = new Map();
    this.customObjectCount = 0;
    for (const seed of SALESFORCE_STANDARD_SOBJECTS) this.define(seed, false);
    for (const seed of this.options.customObjects ?? []) this.define(seed, true);
    for (const [sobject, fields] of Object.entries(this.options.customFields ?? {})) {
      for (const field of fields) this.addField(sobject, field);
    }
  }

  /** sObject names are case-insensitive, as in Salesforce. */
  get(name: string): SalesforceSObjectSchema | undefined {
    return this.byName.get(name.toLowerCase());
  }

  byKeyPrefix(prefix: string): SalesforceSObjectSchema | undefined {
    return this.byPrefix.get(prefix);
  }

  list(): SalesforceSObjectSchema[] {
    return [...this.byName.values()];
  }

  /** Adds (or replaces) a custom field; validates like Setup would. */
  addField(sobject: string, body: unknown): SalesforceFieldDefinition {
    const schema = this.get(sobject);
    if (!schema) throw new SimAdminException(`unknown sObject '${sobject}'`, 404);
    const seed = body as Partial<SalesforceFieldSeed> | null;
    if (!seed || typeof seed.name !== 'string' || !/^[A-Za-z][A-Za-z0-9_]*__c$/.test(seed.name)) {
      throw new SimAdminException('field name must be a custom field API name ending in __c');
    }
    if (typeof seed.type !== 'string' || !FIELD_TYPES.has(seed.type)) {
      throw new SimAdminException(`field type must be one of ${[...FIELD_TYPES].join(', ')}`);
    }
    if (seed.externalId && !['string', 'email', 'int', 'double'].includes(seed.type)) {
      throw new SimAdminException('only text, email and number fields can be external IDs');
    }
    if (
      seed.length !== undefined &&
      (!Number.isInteger(seed.length) || seed.length < 1 || seed.length > 131_072)
    ) {
      throw new SimAdminException('length must be an integer within 1..131072');
    }
    return schema.addField(seed as SalesforceFieldSeed);
  }

  /** Adds a custom object (`Foo__c`) with the system fields, a Name and Syncline_Id__c. */
  addObject(body: unknown): SalesforceSObjectSchema {
    const seed = body as Partial<SalesforceSObjectSeed> | null;
    if (!seed || typeof seed.name !== 'string' || !/^[A-Za-z][A-Za-z0-9_]*__c$/.test(seed.name)) {
      throw new SimAdminException('object name must be a custom object API name ending in __c');
    }
    if (this.get(seed.name)) throw new SimAdminException(`sObject '${seed.name}' already exists`);
    if (seed.keyPrefix !== undefined && !/^[a-zA-Z0-9]{3}$/.test(seed.keyPrefix)) {
      throw new SimAdminException('keyPrefix must be 3 alphanumeric characters');
    }
    return this.define(seed as SalesforceSObjectSeed, true);
  }

  private define(seed: SalesforceSObjectSeed, custom: boolean): SalesforceSObjectSchema {
    let keyPrefix = seed.keyPrefix;
    if (!keyPrefix) {
      this.customObjectCount += 1;
      keyPrefix = `a${this.customObjectCount.toString(36).padStart(2, '0')}`;
    }
    if (this.byPrefix.has(keyPrefix))
      throw new SimAdminException(`keyPrefix '${keyPrefix}' is taken`);
    const label = seed.label ?? seed.name.replace(/__c$/, '').replace(/_/g, ' ');
    const schema = new SalesforceSObjectSchema(
      seed.name,
      label,
      seed.labelPlural ?? `${label}s`,
      keyPrefix,
      custom,
    );
    for (const field of SALESFORCE_SYSTEM_FIELDS) schema.addField(field);
    const fields =
      seed.fields ??
      (custom
        ? [
            {
              name: 'Name',
              type: 'string' as const,
              label: `${label} Name`,
              length: 80,
              nameField: true,
            },
          ]
        : []);
    for (const field of fields) schema.addField(field);
    schema.addField(SYNCLINE_ID_FIELD);
    this.byName.set(seed.name.toLowerCase(), schema);
    this.byPrefix.set(keyPrefix, schema);
    return schema;
  }
}
