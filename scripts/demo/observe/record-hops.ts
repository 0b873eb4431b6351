import type { RecordCacheRepository } from '@syncline/cache';
import type { EntityMapping } from '@syncline/mapping';
import { waitFor } from '../../support/wait-for';
import type { HubSpotSimClient, SalesforceSimClient } from '../clients/crm-sim.client';
import { DemoFailure } from '../output/demo-failure';
import type { CrmKind, DemoEntity } from '../scenario/mapping-documents';
import { describeHops } from './describe-hops';
import { findDisagreements } from './find-disagreements';
import type { SourceRowReader } from './source-row.reader';
import type { HopStates } from './hop-states.type';

/** A record the scenario made, by the name it is shown under. */
export interface DemoRecord {
  label: string;
  tenant: string;
  entity: DemoEntity;
  id: string;
}

export type MappingsOf = (record: DemoRecord) => Partial<Record<CrmKind, EntityMapping>>;

/**
 * Looks at one record in every hop: the Postgres row, the Redis entry (read directly: the
 * cache-api would lazy-load a missing entry and hide drift), and the record each CRM sim holds
 * under the record's identity.
 */
export class RecordHops {
  constructor(
    private readonly source: SourceRowReader,
    private readonly cache: RecordCacheRepository,
    private readonly crms: Record<CrmKind, HubSpotSimClient | SalesforceSimClient>,
    readonly mappingsOf: MappingsOf,
  ) {}

  async states(record: DemoRecord): Promise<HopStates> {
    const definition = this.source.collections.byCollectionName(record.entity);
    const mappings = this.mappingsOf(record);
    const [postgres, redis, ...held] = await Promise.all([
      this.source.find(definition, record.tenant, record.id),
      this.cache.get(record),
      ...(Object.keys(mappings) as CrmKind[]).map(async (kind) => {
        const mapping = mappings[kind] as EntityMapping;
        const found = await this.crms[kind].find(
          mapping.object,
          mapping.identity.target,
          record.id,
        );
        return [kind, found] as const;
      }),
    ]);
    return { postgres, redis, crm: Object.fromEntries(held.filter(([, found]) => found)) };
  }

  /** The record's collection: the cache-api path segment. */
  collection(record: DemoRecord): string {
    return this.source.collections.byCollectionName(record.entity).name;
  }

  disagreements(record: DemoRecord, states: HopStates): string[] {
    return findDisagreements(states, this.mappingsOf(record));
  }

  describe(record: DemoRecord, states: HopStates): ReturnType<typeof describeHops> {
    return describeHops(record.entity, states, this.mappingsOf(record));
  }

  /** Waits until every hop agrees with Postgres; fails naming what still differs. */
  async waitUntilAgree(record: DemoRecord, timeoutMs = 90_000): Promise<HopStates> {
    let problems: string[] = [];
    try {
      return await waitFor(
        `${record.label} in every hop`,
        async () => {
          const states = await this.states(record);
          problems = this.disagreements(record, states);
          return problems.length === 0 ? states : undefined;
        },
        { timeoutMs, intervalMs: 200 },
      );
    } catch (error) {
      throw new DemoFailure(
        `${record.label} (${record.tenant} ${record.entity} ${record.id}) did not reach every hop ` +
          `within ${timeoutMs / 1000} s: ${problems.join('; ') || String(error)}`,
      );
    }
  }
}
