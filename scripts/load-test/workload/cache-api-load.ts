import { performance } from 'node:perf_hooks';
import { Pool } from 'undici';
import type { ApiMix } from './api-mix.type';
import { HotspotPicker } from './hotspot-picker';
import type { SeededRecord } from './seeded-record.type';
import { TokenSchedule } from './token-schedule';
import { weightedChoice } from './weighted-choice';

export type ApiRequestKind = keyof ApiMix;

export interface CacheApiLoadOptions {
  url: string;
  /** The collection's path segment, and a write-through body for a record (its n-th write). */
  collection: string;
  patchBody: (n: number) => Record<string, unknown>;
  rate: number;
  connections: number;
  batchSize: number;
  mix: ApiMix;
  records: readonly SeededRecord[];
  apiKeys: Readonly<Record<string, string>>;
  hotFraction: number;
  hotAccess: number;
}

export interface CacheApiLoadHooks {
  done(kind: ApiRequestKind, status: number, latencyMs: number): void;
  take(n: number): number;
  /** A request was due but every slot was busy: the generator is behind. */
  behind(lagMs: number): void;
}

/**
 * Open-loop cache-api load: requests start on a token schedule (not when the previous one
 * returns), up to connections x 4 in flight; latency is measured from send to full response.
 * Read targets are the seeded records, with the same hot-key skew as the writes.
 */
export async function runCacheApiLoad(
  options: CacheApiLoadOptions,
  hooks: CacheApiLoadHooks,
  stopped: () => boolean,
): Promise<void> {
  const pool = new Pool(options.url, {
    connections: options.connections,
    pipelining: 1,
    keepAliveTimeout: 30_000,
  });
  const schedule = new TokenSchedule(options.rate, Date.now());
  const picker = new HotspotPicker(options.hotFraction, options.hotAccess, Math.random);
  const maxInFlight = options.connections * 4;
  const inFlight = new Set<Promise<void>>();
  let issued = 0;
  let counter = 0;
  const pick = () => options.records[picker.pick(options.records.length)];

  const send = async (kind: ApiRequestKind): Promise<void> => {
    const record = pick();
    const headers = {
      'x-api-key': options.apiKeys[record.tenant] ?? '',
      'content-type': 'application/json',
    };
    const base = `/v1/tenants/${encodeURIComponent(record.tenant)}/${encodeURIComponent(options.collection)}`;
    const started = performance.now();
    let status = 0;
    try {
      let response;
      switch (kind) {
        case 'get':
          response = await pool.request({
            method: 'GET',
            path: `${base}/${encodeURIComponent(record.id)}`,
            headers,
          });
          break;
        case 'batch': {
          // One tenant per request: pick the ids among that tenant's records.
          const ids = new Set<string>([record.id]);
          for (let i = 0; ids.size < options.batchSize && i < options.batchSize * 3; i++) {
            const other = pick();
            if (other.tenant === record.tenant) ids.add(other.id);
          }
          response = await pool.request({
            method: 'POST',
            path: `${base}/batch-read`,
            headers,
            body: JSON.stringify({ ids: [...ids] }),
          });
          break;
        }
        case 'write':
          counter += 1;
          response = await pool.request({
            method: 'PATCH',
            path: `${base}/${encodeURIComponent(record.id)}`,
            headers,
            body: JSON.stringify(options.patchBody(counter)),
          });
          break;
      }
      status = response.statusCode;
      await response.body.dump();
    } catch {
      status = 0;
    }
    hooks.done(kind, status, performance.now() - started);
  };

  while (!stopped()) {
    const now = Date.now();
    let due = schedule.due(now, issued);
    if (due === 0) {
      await sleep(Math.max(1, Math.min(20, schedule.msUntilNext(now, issued))));
      continue;
    }
    if (inFlight.size >= maxInFlight) {
      hooks.behind(schedule.lagMs(now, issued));
      await Promise.race(inFlight);
      continue;
    }
    due = hooks.take(Math.min(due, maxInFlight - inFlight.size));
    if (due === 0) break;
    for (let i = 0; i < due; i++) {
      const request = send(weightedChoice(options.mix, Math.random)).finally(() =>
        inFlight.delete(request),
      );
      inFlight.add(request);
    }
    issued += due;
    // Let responses in between bursts.
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  await Promise.all(inFlight);
  await pool.close();
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
