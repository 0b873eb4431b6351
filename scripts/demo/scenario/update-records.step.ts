import { expectThat } from '../output/demo-failure';
import { recordNamed, type DemoContext } from './demo-context';
import { showHops } from './show-record';

/**
 * Updates, custom fields included: one through SQL, one through the cache-api with optimistic
 * concurrency (If-Match; a stale ETag gets 412), one deal stage that each CRM spells its own way.
 */
export async function updateRecords(context: DemoContext): Promise<void> {
  const { printer, writer, tenants } = context;
  printer.step('Update records, custom fields included');
  const ada = recordNamed(context, 'Ada Lovelace');
  const linus = recordNamed(context, 'Linus Torvalds');
  const deal = recordNamed(context, 'Acme renewal');

  await writer.update(
    'contacts',
    ada.tenant,
    ada.id,
    { last_name: 'King' },
    { plan: 'enterprise' },
  );
  printer.act(`UPDATE contacts: Ada's last_name = 'King', custom_fields.plan = 'enterprise'`);
  await writer.update('deals', deal.tenant, deal.id, { stage: 'proposal', amount: '1500.00' });
  printer.act(`UPDATE deals: 'Acme renewal' stage = 'proposal', amount = 1500`);

  const current = await tenants.globex.records.get('contact', linus.id);
  const etag = current.headers.get('etag') ?? '';
  const patched = await tenants.globex.records.update(
    'contact',
    linus.id,
    { first_name: 'Linus B.', custom_fields: { plan: 'pro' } },
    etag,
  );
  expectThat(
    patched.status === 200,
    `PATCH with a fresh ETag to answer 200, got ${patched.status}`,
  );
  printer.act(
    `PATCH Linus through the cache-api, If-Match ${etag} -> 200, ETag ${patched.headers.get('etag')}`,
  );
  const stale = await tenants.globex.records.update('contact', linus.id, { first_name: 'X' }, etag);
  expectThat(stale.status === 412, `PATCH with a stale ETag to answer 412, got ${stale.status}`);
  printer.act(`PATCH again with the old ETag ${etag} -> 412 (someone changed it meanwhile)`);

  for (const record of [ada, deal, linus]) {
    await showHops(context, record, await context.hops.waitUntilAgree(record));
  }
}
