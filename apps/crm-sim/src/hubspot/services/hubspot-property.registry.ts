import { Inject, Injectable } from '@nestjs/common';
import { toText } from '../../common/utils/to-text.util';
import { HUBSPOT_DEFAULT_PROPERTIES } from '../constants/hubspot-default-properties.constant';
import { HUBSPOT_SIM_OPTIONS } from '../constants/hubspot-sim-options.token';
import { HubSpotApiException } from '../exceptions/hubspot-api.exception';
import type { HubSpotPropertyDefinition } from '../types/hubspot-property-definition.type';
import type { HubSpotPropertySeed } from '../types/hubspot-property-seed.type';
import type { HubSpotPropertyType } from '../types/hubspot-property-type.type';
import type { HubSpotSimOptions } from '../types/hubspot-sim-options.type';
import { normalizeHubSpotObjectType } from '../utils/normalize-hubspot-object-type.util';
import { toPropertyDefinition } from '../utils/to-property-definition.util';

const TYPES: readonly HubSpotPropertyType[] = [
  'string',
  'number',
  'date',
  'datetime',
  'enumeration',
  'bool',
];
const NAME = /^[a-z][a-z0-9_]*$/;

/** Property definitions per object type: HubSpot's built-ins, option seeds, API-created ones. */
@Injectable()
export class HubSpotPropertyRegistry {
  private byType = new Map<string, Map<string, HubSpotPropertyDefinition>>();

  constructor(@Inject(HUBSPOT_SIM_OPTIONS) private readonly options: HubSpotSimOptions) {
    this.reset();
  }

  reset(): void {
    this.byType = new Map();
    const now = new Date().toISOString();
    for (const [objectType, seeds] of Object.entries(this.options.properties ?? {})) {
      const table = this.table(normalizeHubSpotObjectType(objectType));
      for (const seed of seeds) table.set(seed.name, toPropertyDefinition(seed, false, now));
    }
  }

  /** Properties of a type (created with the built-ins on first use, as every type is accepted). */
  list(objectType: string, archived = false): HubSpotPropertyDefinition[] {
    return [...this.table(objectType).values()].filter((p) => p.archived === archived);
  }

  get(objectType: string, name: string): HubSpotPropertyDefinition | undefined {
    const def = this.table(objectType).get(name);
    return def && !def.archived ? def : undefined;
  }

  /** Names usable as `idProperty`: hasUniqueValue properties, plus email for contacts. */
  isUnique(objectType: string, name: string): boolean {
    if (objectType === 'contacts' && name === 'email') return true;
    return this.get(objectType, name)?.hasUniqueValue === true;
  }

  uniqueNames(objectType: string): string[] {
    return this.list(objectType)
      .filter((p) => this.isUnique(objectType, p.name))
      .map((p) => p.name);
  }

  /** `POST /crm/v3/properties/{objectType}` (PropertyCreate). */
  create(objectType: string, body: unknown): HubSpotPropertyDefinition {
    if (typeof body !== 'object' || body === null) {
      throw new HubSpotApiException(
        400,
        'VALIDATION_ERROR',
        'Invalid input JSON: a property object is required',
      );
    }
    const input = body as Record<string, unknown>;
    const missing = ['name', 'label', 'type', 'fieldType', 'groupName'].filter(
      (k) => typeof input[k] !== 'string' || input[k] === '',
    );
    if (missing.length > 0) {
      throw new HubSpotApiException(
        400,
        'VALIDATION_ERROR',
        `Missing required fields: ${missing.join(', ')}`,
        {
          context: { fields: missing },
        },
      );
    }
    const name = input.name as string;
    if (!NAME.test(name)) {
      throw new HubSpotApiException(
        400,
        'VALIDATION_ERROR',
        `Property name '${name}' must start with a lowercase letter and contain only lowercase letters, digits and underscores`,
      );
    }
    const type = input.type as HubSpotPropertyType;
    if (!TYPES.includes(type)) {
      throw new HubSpotApiException(
        400,
        'VALIDATION_ERROR',
        `Invalid property type '${String(type)}'; expected one of ${TYPES.join(', ')}`,
      );
    }
    const table = this.table(objectType);
    const existing = table.get(name);
    if (existing && !existing.archived) {
      throw new HubSpotApiException(
        409,
        'OBJECT_ALREADY_EXISTS',
        `A property named '${name}' already exists.`,
      );
    }
    const options = Array.isArray(input.options)
      ? input.options.map((o: unknown) =>
          typeof o === 'object' && o !== null
            ? toText((o as { value?: unknown }).value)
            : toText(o),
        )
      : [];
    if (type === 'enumeration' && options.length === 0) {
      throw new HubSpotApiException(
        400,
        'VALIDATION_ERROR',
        `Enumeration property '${name}' needs options`,
      );
    }
    const seed: HubSpotPropertySeed = {
      name,
      label: input.label as string,
      type,
      fieldType: input.fieldType as string,
      groupName: input.groupName as string,
      options,
      hasUniqueValue: input.hasUniqueValue === true,
    };
    const def = toPropertyDefinition(seed, false, new Date().toISOString());
    if (typeof input.description === 'string') def.description = input.description;
    table.set(name, def);
    return def;
  }

  archive(objectType: string, name: string): void {
    const def = this.get(objectType, name);
    if (!def) throw HubSpotPropertyRegistry.notFound(name);
    if (def.hubspotDefined) {
      throw new HubSpotApiException(
        400,
        'VALIDATION_ERROR',
        `HubSpot-defined property '${name}' cannot be archived`,
      );
    }
    def.archived = true;
    def.archivedAt = new Date().toISOString();
  }

  static notFound(name: string): HubSpotApiException {
    return new HubSpotApiException(404, 'OBJECT_NOT_FOUND', `Unable to find property '${name}'`);
  }

  private table(objectType: string): Map<string, HubSpotPropertyDefinition> {
    let table = this.byType.get(objectType);
    if (!table) {
      table = new Map();
      const now = new Date().toISOString();
      const seeds = HUBSPOT_DEFAULT_PROPERTIES[objectType] ?? HUBSPOT_DEFAULT_PROPERTIES['*'];
      for (const seed of seeds) table.set(seed.name, toPropertyDefinition(seed, true, now));
      this.byType.set(objectType, table);
    }
    return table;
  }
}
