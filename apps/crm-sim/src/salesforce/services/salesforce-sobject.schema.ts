import type { SalesforceFieldDefinition } from '../types/salesforce-field-definition.type';
import type { SalesforceFieldSeed } from '../types/salesforce-field-seed.type';
import { toFieldDefinition } from '../utils/to-field-definition.util';

/** One sObject type: its fields by case-insensitive name, in describe order. */
export class SalesforceSObjectSchema {
  private readonly byLower = new Map<string, SalesforceFieldDefinition>();
  readonly fields: SalesforceFieldDefinition[] = [];

  constructor(
    readonly name: string,
    readonly label: string,
    readonly labelPlural: string,
    readonly keyPrefix: string,
    readonly custom: boolean,
  ) {}

  /** Field names are case-insensitive in the REST API and SOQL, as in Salesforce. */
  field(name: string): SalesforceFieldDefinition | undefined {
    return this.byLower.get(name.toLowerCase());
  }

  addField(seed: SalesforceFieldSeed): SalesforceFieldDefinition {
    const def = toFieldDefinition(seed);
    const existing = this.byLower.get(def.name.toLowerCase());
    if (existing) this.fields.splice(this.fields.indexOf(existing), 1, def);
    else this.fields.push(def);
    this.byLower.set(def.name.toLowerCase(), def);
    return def;
  }

  /** Fields whose values must be unique: external IDs and unique fields. */
  uniqueFields(): SalesforceFieldDefinition[] {
    return this.fields.filter((f) => f.externalId || f.unique);
  }
}
