import { expectThat } from '../output/demo-failure';
import { recordNamed, type DemoContext } from './demo-context';
import { showHops } from './show-record';

/** A delete in Postgres: a versioned tombstone in Redis, the record archived in both CRMs. */
export async function deleteRecord(context: DemoContext): Promise<void> {
  const { printer, writer, tenants } = context;
  printer.step('Delete a contact');
  const grace = recordNamed(context, 'Grace Hopper');
  await writer.delete('contacts', grace.tenant, grace.id);
  printer.act(`DELETE FROM contacts: Grace Hopper`);
  const states = await context.hops.waitUntilAgree(grace);
  await showHops(context, grace, states);
  const read = await tenants.acme.records.get('contact', grace.id);
  expectThat(
    read.status === 404,
    `the cache-api to answer 404 for a deleted record, got ${read.status}`,
  );
}
