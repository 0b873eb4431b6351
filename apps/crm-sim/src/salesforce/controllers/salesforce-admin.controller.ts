import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { SalesforceCrmUserService } from '../services/salesforce-crm-user.service';
import { SalesforceSchemaRegistry } from '../services/salesforce-schema.registry';
import { SalesforceSessionService } from '../services/salesforce-session.service';
import type { SalesforceFieldDefinition } from '../types/salesforce-field-definition.type';

/** Salesforce-only admin calls: schema (custom objects and fields), sessions, CRM-user edits. */
@Controller('__sim')
export class SalesforceAdminController {
  constructor(
    private readonly schemas: SalesforceSchemaRegistry,
    private readonly session: SalesforceSessionService,
    private readonly crmUser: SalesforceCrmUserService,
  ) {}

  /** Creates a record as a CRM user; body: its fields. */
  @Post('records/:sobject')
  @HttpCode(201)
  create(@Param('sobject') sobject: string, @Body() body: unknown): { id: string } {
    return this.crmUser.create(sobject, body);
  }

  /** Edits fields as a CRM user (another LastModifiedById than the integration's). */
  @Patch('records/:sobject/:id')
  edit(
    @Param('sobject') sobject: string,
    @Param('id') id: string,
    @Body() body: unknown,
  ): { id: string } {
    return this.crmUser.edit(sobject, id, body);
  }

  @Delete('records/:sobject/:id')
  @HttpCode(204)
  delete(@Param('sobject') sobject: string, @Param('id') id: string): void {
    this.crmUser.delete(sobject, id);
  }

  @Get('sobjects')
  sobjects(): { name: string; keyPrefix: string; fields: string[] }[] {
    return this.schemas
      .list()
      .map((s) => ({ name: s.name, keyPrefix: s.keyPrefix, fields: s.fields.map((f) => f.name) }));
  }

  @Post('sobjects')
  @HttpCode(201)
  addObject(@Body() body: unknown): { name: string; keyPrefix: string } {
    const schema = this.schemas.addObject(body);
    return { name: schema.name, keyPrefix: schema.keyPrefix };
  }

  @Post('sobjects/:sobject/fields')
  @HttpCode(201)
  addField(@Param('sobject') sobject: string, @Body() body: unknown): SalesforceFieldDefinition {
    return this.schemas.addField(sobject, body);
  }

  @Post('sessions')
  @HttpCode(201)
  issue(): { access_token: string } {
    return { access_token: this.session.issueToken() };
  }

  @Post('sessions/expire')
  @HttpCode(204)
  expire(): void {
    this.session.expireAll();
  }
}
