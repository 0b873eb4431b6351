import { CachedRecordJson, CacheWrite, RecordCacheRepository } from '@syncline/cache';
import { CollectionDefinition } from '@syncline/records';
import { RECONCILE_DEFAULTS } from '../constants/reconcile-defaults.constant';
import { CacheKeyEntry } from '../types/cache-key-entry.type';
import { ReportRow } from '../types/report-row.type';
import { SourceRow } from '../types/source-row.type';
import { contentDigest } from '../utils/content-digest.util';
import { sameContent } from '../utils/same-content.util';
import { ContentReplacer } from './content-replacer';
import { SourceManifestReader } from './source-manifest.reader';

type Drift = 'missing' | 'stale' | 'differing' | 'inFlight' | 'none';

interface Verdict {
  drift: Drift;
  /** How to repair: an upsert through the version guard at `version`, or a same-version replace. */
  repair?: { kind: 'upsert'; version: number } | { kind: 'replace' };
}

/** Records a first look found differing, waiting for their second look. */
interface Pending {
  collection: CollectionDefinition;
  tenant: string;
  row: ReportRow;
  ids: Set<string>;
}

/**
 * The second look and the repair. A record the comparison found differing is checked again once
 * the grace period since it was seen has passed (rows changed while the run went are then in the
 * cache, not drift): the row is read FOR SHARE with the WAL position (the version a write may
 * safely claim, see SourceManifestReader.readForRepair) and compared with what the cache holds
 * now. Every repair goes through a guard: upserts through the cache's version guard, a
 * same-version content fix through a compare-and-set on the version and data seen, an orphan's
 * removal as a tombstone at the version seen (a newer write always wins).
 */
export class CacheDriftRepairer {
  private readonly pending = new Map<string, Pending>();
  private size = 0;
  private oldestSeenAt: number | undefined;

  constructor(
    private readonly source: SourceManifestReader,
    private readonly cache: RecordCacheRepository,
    private readonly replacer: ContentReplacer,
    private readonly options: {
      dryRun: boolean;
      graceMs: number;
      now: () => number;
      sleep: (ms: number) => Promise<void>;
      maxPending?: number;
    },
  ) {}

  /** Queues records for their second look; checks the queue once it is full. */
  async suspect(
    collection: CollectionDefinition,
    tenant: string,
    row: ReportRow,
    ids: readonly string[],
  ): Promise<void> {
    if (ids.length === 0) return;
    const key = JSON.stringify([collection.name, tenant]);
    let group = this.pending.get(key);
    if (!group) this.pending.set(key, (group = { collection, tenant, row, ids: new Set() }));
    for (const id of ids) {
      if (!group.ids.has(id)) this.size += 1;
      group.ids.add(id);
    }
    this.oldestSeenAt ??= this.options.now();
    if (this.size >= (this.options.maxPending ?? RECONCILE_DEFAULTS.maxPendingChecks))
      await this.flush();
  }

  /** Checks (and repairs) every queued record, after the grace period since the oldest was seen. */
  async flush(): Promise<void> {
    if (this.oldestSeenAt === undefined) return;
    const wait = this.oldestSeenAt + this.options.graceMs - this.options.now();
    if (wait > 0) await this.options.sleep(wait);
    for (const [key, group] of this.pending) {
      await this.check(group);
      this.size -= group.ids.size;
      this.pending.delete(key);
    }
    this.oldestSeenAt = undefined;
  }

  /** Tombstones at each orphan's cached version; returns how many the guard let in. */
  async bury(orphans: readonly CacheKeyEntry[]): Promise<number> {
    if (orphans.length === 0 || this.options.dryRun) return 0;
    const outcomes = await this.cache.applyMany(
      orphans.map(({ tenant, entity, id, version }) => ({
        tenant,
        entity,
        id,
        kind: 'delete' as const,
        version,
      })),
    );
    return outcomes.filter((outcome) => outcome === 'applied').length;
  }

  private async check({ collection, tenant, row, ids }: Pending): Promise<void> {
    const wanted = [...ids];
    const { position, rows } = await this.source.readForRepair(collection, tenant, wanted);
    const refs = wanted.map((id) => ({ tenant, entity: collection.name, id }));
    const cached = await this.cache.getManyJson(refs);
    const counts = { missing: 0, stale: 0, differing: 0, inFlight: 0, none: 0 };
    const writes: CacheWrite[] = [];
    const replaces: (() => Promise<boolean>)[] = [];
    wanted.forEach((id, index) => {
      const sourceRow = rows.get(id);
      const current = cached[index];
      const verdict = judge(collection, sourceRow, current, position);
      counts[verdict.drift] += 1;
      if (!verdict.repair || !sourceRow || this.options.dryRun) return;
      if (verdict.repair.kind === 'upsert') {
        writes.push({
          ...refs[index],
          kind: 'upsert',
          version: verdict.repair.version,
          data: sourceRow.record,
          lsn: position,
          ttlSeconds: collection.ttlSeconds,
        });
      } else if (current && !current.deleted) {
        const seen = { version: current.version, digest: contentDigest(current.json) };
        replaces.push(() => this.replacer.replace(refs[index], seen, sourceRow.json, position));
      }
    });
    const outcomes = await this.cache.applyMany(writes);
    let repaired = outcomes.filter((outcome) => outcome === 'applied').length;
    for (const replace of replaces) if (await replace()) repaired += 1;
    // Counted once the group went through, so a retried check does not count twice.
    row.missing += counts.missing;
    row.stale += counts.stale;
    row.differing += counts.differing;
    row.inFlight += counts.inFlight;
    row.repaired += repaired;
  }
}

/**
 * What a record's drift is, from the row (read at WAL position `position`) and what the cache
 * holds now. Version-column collections compare versions, then content at the same version;
 * WAL-position collections compare content, and a cached position at or above `position` is a
 * change newer than the read.
 */
function judge(
  collection: CollectionDefinition,
  row: SourceRow | undefined,
  cached: CachedRecordJson | undefined,
  position: number,
): Verdict {
  // The row is gone since the first look: its delete is on the way (or a later run's orphan).
  if (!row) return { drift: 'inFlight' };
  if (collection.versionColumn) {
    const version = row.version ?? 0;
    if (!cached) return { drift: 'missing', repair: { kind: 'upsert', version } };
    if (cached.deleted) {
      // A tombstone at or above the row's version: its delete is on the way; never revived.
      return cached.version < version
        ? { drift: 'missing', repair: { kind: 'upsert', version } }
        : { drift: 'none' };
    }
    if (cached.version < version) return { drift: 'stale', repair: { kind: 'upsert', version } };
    if (cached.version > version) return { drift: 'inFlight' };
    return sameContent(cached.json, row)
      ? { drift: 'inFlight' }
      : { drift: 'differing', repair: { kind: 'replace' } };
  }
  const claim = { kind: 'upsert' as const, version: position };
  if (!cached) return { drift: 'missing', repair: claim };
  if (cached.version >= position) return { drift: 'inFlight' };
  if (cached.deleted) return { drift: 'missing', repair: claim };
  return sameContent(cached.json, row)
    ? { drift: 'inFlight' }
    : { drift: 'differing', repair: claim };
}
