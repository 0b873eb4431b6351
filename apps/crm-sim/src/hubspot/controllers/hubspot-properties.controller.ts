import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { HubSpotPropertyRegistry } from '../services/hubspot-property.registry';
import type { HubSpotPropertyDefinition } from '../types/hubspot-property-definition.type';
import { normalizeHubSpotObjectType as typeOf } from '../utils/normalize-hubspot-object-type.util';

/** CRM v3 properties API: list, read, create (incl. hasUniqueValue), archive. */
@Controller('crm/v3/properties/:objectType')
export class HubSpotPropertiesController {
  constructor(private readonly properties: HubSpotPropertyRegistry) {}

  @Get()
  getAll(
    @Param('objectType') objectType: string,
    @Query('archived') archived: string | undefined,
  ): { results: HubSpotPropertyDefinition[] } {
    return { results: this.properties.list(typeOf(objectType), archived === 'true') };
  }

  @Post()
  create(
    @Param('objectType') objectType: string,
    @Body() body: unknown,
  ): HubSpotPropertyDefinition {
    return this.properties.create(typeOf(objectType), body);
  }

  @Get(':propertyName')
  getByName(
    @Param('objectType') objectType: string,
    @Param('propertyName') propertyName: string,
  ): HubSpotPropertyDefinition {
    const def = this.properties.get(typeOf(objectType), propertyName);
    if (!def) throw HubSpotPropertyRegistry.notFound(propertyName);
    return def;
  }

  @Delete(':propertyName')
  @HttpCode(204)
  archive(
    @Param('objectType') objectType: string,
    @Param('propertyName') propertyName: string,
  ): void {
    this.properties.archive(typeOf(objectType), propertyName);
  }
}
