import { CollectionRegistry } from '@syncline/records';
import type { Pool } from 'pg';
import { CollectionChangeWriter } from '../workload/collection-change-writer';

/**
 * The writer for `--collection`: the collection as the stack's Syncline sees it (the collections
 * config in SYNCLINE_COLLECTIONS_FILE, the publication, the catalog), keys from a run-specific
 * offset so that runs never collide on a key.
 */
export async function openCollectionWriter(
  pool: Pool,
  name: string,
  env: NodeJS.ProcessEnv = process.env,
): Promise<CollectionChangeWriter> {
  const registry = await CollectionRegistry.load({
    pool,
    publication: env.SYNCLINE_PUBLICATION ?? 'syncline_cdc',
    configFile: env.SYNCLINE_COLLECTIONS_FILE || undefined,
  });
  const known = registry.collections.map((collection) => collection.name);
  if (!known.includes(name))
    throw new Error(`--collection ${name}: not a collection of the stack (${known.join(', ')})`);
  // Integer keys stay within int4: a random block of a million per run.
  const firstRecord = 1_000_000 * (100 + Math.floor(Math.random() * 1900));
  return new CollectionChangeWriter(registry.byCollectionName(name), registry, firstRecord);
}
