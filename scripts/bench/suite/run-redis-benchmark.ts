import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { parseRedisBenchmarkCsv, type RedisBenchmarkRow } from './parse-redis-benchmark-csv';

/**
 * `redis-benchmark` GET/SET on the stack's own Redis: the ceiling the cache-api's reads are
 * measured against. Values of `valueBytes` (a cached record's size), `clients` connections, no
 * pipelining (one request per round trip, like the cache-api's own Redis calls).
 */
export async function runRedisBenchmark(
  redisUrl: string,
  { requests = 200_000, clients = 50, valueBytes = 1500 } = {},
): Promise<RedisBenchmarkRow[]> {
  const url = new URL(redisUrl);
  const args = ['-h', url.hostname, '-p', url.port || '6379', '-t', 'get,set'];
  // Its own database number: the benchmark's keys never meet the apps' (db 0).
  args.push(
    '-n',
    String(requests),
    '-c',
    String(clients),
    '-d',
    String(valueBytes),
    '--dbnum',
    '15',
    '--csv',
  );
  if (url.password) args.push('-a', decodeURIComponent(url.password), '--no-auth-warning');
  const { stdout } = await promisify(execFile)('redis-benchmark', args, {
    maxBuffer: 1 << 20,
  });
  return parseRedisBenchmarkCsv(stdout);
}
