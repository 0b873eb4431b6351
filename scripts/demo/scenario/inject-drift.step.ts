import { DemoFailure, expectThat } from '../output/demo-failure';
import type { DemoRecord } from '../observe/record-hops';
import { recordNamed, type DemoContext } from './demo-context';
import { IDENTITY } from './mapping-documents';

/** The records drift was planted in, by the side that drifted. */
export interface Drift {
  cache: DemoRecord[];
  crm: DemoRecord[];
}

/**
 * Drift behind the pipeline's back, as lost messages or hand edits leave it: one Redis entry
 * deleted, one rolled back to an older version with other data (keys from the one key builder);
 * a HubSpot company renamed by hand, a Salesforce opportunity deleted by hand.
 */
export async function injectDrift(context: DemoContext): Promise<Drift> {
  const { printer, redis, keys, hubspot, salesforce } = context;
  printer.step("Drift behind the pipeline's back: Redis entries and CRM records changed directly");
  const margaret = recordNamed(context, 'Margaret Hamilton');
  const ada = recordNamed(context, 'Ada Lovelace');
  await redis.del(keys.record(margaret));
  printer.act(`DEL ${keys.record(margaret)}`);
  const cached = await context.cache.get(ada);
  if (!cached || cached.deleted) throw new DemoFailure(`${ada.label} is not in Redis`);
  const rolledBack = {
    ...cached.data,
    first_name: 'Ada (lost update)',
    version: cached.version - 1,
  };
  // The repository's hash fields (`v` version, `d` data), written the way a lost update leaves them.
  await redis.hset(
    keys.record(ada),
    'v',
    String(cached.version - 1),
    'd',
    JSON.stringify(rolledBack),
  );
  printer.act(`HSET ${keys.record(ada)} back to v${cached.version - 1} with other data`);

  const company = recordNamed(context, 'Acme Corp');
  const companyInHubSpot = await hubspot.find('companies', IDENTITY.hubspot, company.id);
  if (!companyInHubSpot) throw new DemoFailure(`${company.label} is not in HubSpot`);
  await hubspot.editRecord('companies', companyInHubSpot.id, { name: 'ACME (edited by hand)' });
  printer.act(`PATCH HubSpot company ${companyInHubSpot.id}: name = 'ACME (edited by hand)'`);
  const deal = recordNamed(context, 'Acme renewal');
  const dealInSalesforce = await salesforce.find('Opportunity', IDENTITY.salesforce, deal.id);
  if (!dealInSalesforce) throw new DemoFailure(`${deal.label} is not in Salesforce`);
  await salesforce.deleteRecord('Opportunity', dealInSalesforce.id);
  printer.act(`DELETE Salesforce Opportunity ${dealInSalesforce.id} ('${deal.label}')`);

  const drift = { cache: [margaret, ada], crm: [company, deal] };
  for (const record of [...drift.cache, ...drift.crm]) {
    const problems = context.hops.disagreements(record, await context.hops.states(record));
    expectThat(problems.length > 0, `${record.label} to have drifted`);
    printer.see(record.label, problems.join('; '));
  }
  printer.see('workers', 'see nothing: no change event, no notice');
  return drift;
}
