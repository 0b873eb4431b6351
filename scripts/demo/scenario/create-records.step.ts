import { DemoFailure, expectThat } from '../output/demo-failure';
import type { DemoRecord } from '../observe/record-hops';
import type { DemoContext, DemoTenant } from './demo-context';
import type { DemoEntity } from './mapping-documents';
import { showArrived, showCrmCalls } from './show-record';

/**
 * Creates for both tenants: most rows straight into Postgres (any client of System A), one
 * contact through the cache-api (write-through). Each must reach Redis at its Postgres version
 * and both CRMs with the mapped values.
 */
export async function createRecords(context: DemoContext): Promise<void> {
  const { printer, writer, tenants } = context;
  const { acme, globex } = tenants;
  printer.step('Create contacts, companies and a deal for both tenants');
  const startedAt = Date.now();
  const insert = async (
    tenant: DemoTenant,
    entity: DemoEntity,
    table: string,
    label: string,
    fields: Record<string, unknown>,
  ) => {
    const { id } = await writer.insert(table, tenant.id, fields);
    return remember(context, { label, tenant: tenant.id, entity, id });
  };
  const company = await insert(acme, 'company', 'companies', 'Acme Corp', {
    name: 'Acme Corp',
    domain: 'acme.example',
  });
  await insert(acme, 'contact', 'contacts', 'Ada Lovelace', {
    email: `ada@${acme.id}.example`,
    first_name: 'Ada',
    last_name: 'Lovelace',
    company_id: company.id,
    custom_fields: { plan: 'pro' },
  });
  await insert(acme, 'contact', 'contacts', 'Grace Hopper', {
    email: `grace@${acme.id}.example`,
    first_name: 'Grace',
    last_name: 'Hopper',
    custom_fields: { plan: 'starter' },
  });
  await insert(acme, 'deal', 'deals', 'Acme renewal', {
    name: 'Acme renewal',
    stage: 'qualified',
    amount: '1250.50',
    close_date: '2026-12-31',
    company_id: company.id,
  });
  await insert(globex, 'company', 'companies', 'Globex', {
    name: 'Globex',
    domain: 'globex.example',
  });
  printer.act(`INSERT 4 rows for ${acme.id} and 1 for ${globex.id} into Postgres`);

  const created = await globex.records.create('contact', {
    email: `linus@${globex.id}.example`,
    first_name: 'Linus',
    last_name: 'Torvalds',
    custom_fields: { plan: 'free' },
  });
  expectThat(created.status === 201, `cache-api POST to answer 201, got ${created.status}`);
  remember(context, {
    label: 'Linus Torvalds',
    tenant: globex.id,
    entity: 'contact',
    id: created.body.id,
  });
  printer.act(
    `POST /v1/tenants/${globex.id}/contact through the cache-api -> 201, ETag ${created.headers.get('etag')}`,
  );

  printer.act('waiting for each record in Redis (at its version) and in both CRMs');
  await Promise.all(
    context.records.map(async (record) => {
      const states = await context.hops.waitUntilAgree(record);
      showArrived(context, record, states, startedAt);
    }),
  );
  await showCrmCalls(context);
}

function remember(context: DemoContext, record: DemoRecord): DemoRecord {
  if (context.records.some((known) => known.label === record.label)) {
    throw new DemoFailure(`two records named ${record.label}`);
  }
  context.records.push(record);
  return record;
}
