import type { Pool } from 'pg';
import type { HubSpotPropertySeed } from '../../../apps/crm-sim/src';
import { openCollectionWriter } from '../../load-test/target/open-collection-writer';

/** A record as the HubSpot sim holds it. */
export interface SimRecord {
  properties: Record<string, string | null | undefined>;
  archived?: boolean;
}

/** What the delivery benchmark writes, how it is mapped, and when the CRMs have all of it. */
export interface DeliveryWorkload {
  label: string;
  /** The tenant whose destinations get the records (a single-tenant collection's fixed one). */
  tenant: string;
  collection: string;
  hubspot: { object: string; properties: HubSpotPropertySeed[]; mapping: object };
  /** Salesforce is measured on the demo table only (its sim seeds the demo's objects). */
  salesforce?: { object: string; mapping: object };
  /** Inserts `records` rows, then `rounds` updates of each. */
  write(pool: Pool, records: number, rounds: number): Promise<void>;
  hubspotDone(records: SimRecord[], count: number): boolean;
  cleanup(pool: Pool): Promise<void>;
}

const RULES = { operations: ['create', 'update', 'delete'], deletePolicy: 'archive' };

/** Any collection: rows from its catalog definition, to a HubSpot custom object. */
export async function collectionWorkload(
  pool: Pool,
  name: string,
  runTenant: string,
  rounds: number,
): Promise<DeliveryWorkload> {
  const writer = await openCollectionWriter(pool, name);
  const marker = writer.markerColumn;
  if (!marker) throw new Error(`--collection ${name}: no integer or text column to follow`);
  const [tenant] = writer.tenantsFor([runTenant]);
  const object = `p_bench_${name.toLowerCase().replace(/[^a-z0-9_]/g, '_')}`;
  const ids: string[] = [];
  return {
    label: `${name} -> HubSpot ${object}`,
    tenant,
    collection: name,
    hubspot: {
      object,
      properties: [
        { name: 'syncline_key', type: 'string', hasUniqueValue: true },
        { name: 'marker', type: 'string' },
      ],
      mapping: {
        object,
        identity: { source: '$id', target: 'syncline_key' },
        fields: [{ source: marker, target: 'marker', transform: 'string' }],
        rules: RULES,
      },
    },
    async write(client, records, updateRounds) {
      for (let start = 0; start < records; start += 500) {
        const inserts = Array.from({ length: Math.min(500, records - start) }, () => {
          const id = writer.newId();
          ids.push(id);
          return { tenant, id, email: '', marker: 1, notes: '' };
        });
        await writer.write(client, { inserts, updates: [], deletes: [] });
      }
      for (let round = 1; round <= updateRounds; round++) {
        for (let start = 0; start < ids.length; start += 500) {
          const updates = ids
            .slice(start, start + 500)
            .map((id) => ({ tenant, id, marker: round + 1, notes: '' }));
          await writer.write(client, { inserts: [], updates, deletes: [] });
        }
      }
    },
    hubspotDone(held, count) {
      const live = held.filter((record) => !record.archived);
      if (live.length < count) return false;
      const byKey = new Map(live.map((record) => [record.properties.syncline_key, record]));
      return ids.every(
        (id) => byKey.get(id)?.properties.marker === String(writer.valueAt(id, marker, rounds + 1)),
      );
    },
    cleanup: (client) => writer.cleanup(client),
  };
}

/** The demo's contacts, to HubSpot contacts and Salesforce Contact (the figures in the docs). */
export function demoContactsWorkload(tenant: string, rounds: number): DeliveryWorkload {
  const final = `Round ${rounds}`;
  return {
    label: 'contact (demo) -> HubSpot contacts, Salesforce Contact',
    tenant,
    collection: 'contact',
    hubspot: {
      object: 'contacts',
      properties: [{ name: 'syncline_id', type: 'string', hasUniqueValue: true }],
      mapping: {
        object: 'contacts',
        identity: { source: 'id', target: 'syncline_id' },
        fields: [
          { source: 'email', target: 'email' },
          { source: 'first_name', target: 'firstname' },
          { source: 'last_name', target: 'lastname' },
        ],
        rules: RULES,
      },
    },
    salesforce: {
      object: 'Contact',
      mapping: {
        object: 'Contact',
        identity: { source: 'id', target: 'Syncline_Id__c' },
        fields: [
          { source: 'email', target: 'Email' },
          { source: 'first_name', target: 'FirstName' },
          { source: 'last_name', target: 'LastName' },
        ],
        rules: RULES,
      },
    },
    async write(pool, records, updateRounds) {
      await pool.query(
        `INSERT INTO contacts (tenant_id, email, first_name, last_name) SELECT $1, 'bench-' || n || '-' || $1 || '@example.com', 'Bench', 'Round 0' FROM generate_series(1, $2) AS n`,
        [tenant, records],
      );
      for (let round = 1; round <= updateRounds; round++) {
        await pool.query(
          `UPDATE contacts SET last_name = 'Round ' || $2::text WHERE tenant_id = $1`,
          [tenant, round],
        );
      }
    },
    hubspotDone: (held, count) =>
      held.length >= count && held.every((record) => record.properties.lastname === final),
    cleanup: async (pool) => {
      await pool.query('DELETE FROM contacts WHERE tenant_id = $1', [tenant]);
    },
  };
}
