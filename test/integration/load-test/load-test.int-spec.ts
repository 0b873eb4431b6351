import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LoadTestResult } from '../../../scripts/load-test/report/load-test-result.type';
import { AppProcess } from '../support/app-process';
import { freePort } from '../support/free-port';
import { runTsScript, type ScriptRun } from '../support/run-ts-script';
import { testClients } from '../support/test-clients';

// The load test as a user runs it, small: a few hundred changes through the real pipeline
// (Postgres -> Debezium -> Kafka -> sync-worker -> Redis). Asserts what its report claims, never timing.
const t = testClients('load-test');
const prefix = t.tenant('lt');
let worker: AppProcess;
let workerUrl: string;
const out = mkdtempSync(join(tmpdir(), 'syncline-load-test-'));

function runLoadTest(args: string[], env: Record<string, string>): Promise<ScriptRun> {
  return runTsScript('scripts/load-test/load-test.ts', args, env, { label: 'load-test' });
}

beforeAll(async () => {
  const opsPort = await freePort();
  workerUrl = `http://127.0.0.1:${opsPort}`;
  worker = AppProcess.start('sync-worker', t.appEnv({ SYNCLINE_OPS_PORT: String(opsPort) }));
  await worker.waitForOutput('ops endpoints on');
});

afterAll(async () => {
  await worker?.stop();
  await t.pool.query('DELETE FROM contacts WHERE tenant_id LIKE $1', [`${prefix}-%`]);
  await t.close();
  rmSync(out, { recursive: true, force: true });
});

describe('load test', () => {
  it('reports every written change as seen in the cache, with counts that match Postgres and the cache', async () => {
    const run = await runLoadTest(
      [
        ...['--rate', '200', '--count', '400', '--duration', '20s', '--drain-timeout', '60s'],
        ...[
          '--tenants',
          '3',
          '--tenant-prefix',
          prefix,
          '--connections',
          '2',
          '--crm-fraction',
          '0',
        ],
        ...['--start-apps', 'never', '--sync-worker-url', workerUrl, '--keep-data', '--out', out],
      ],
      t.appEnv(),
    );
    expect({ code: run.code, stderr: run.code === 0 ? '' : run.stderr }).toEqual({
      code: 0,
      stderr: '',
    });

    // The last line is the JSON result's path; the HTML report sits beside it.
    const jsonPath = run.stdout.trim().split('\n').at(-1) ?? '';
    const result = JSON.parse(readFileSync(jsonPath, 'utf8')) as LoadTestResult;
    const htmlPath = jsonPath.replace(/\.json$/, '.html');
    expect(existsSync(htmlPath)).toBe(true);
    expect(readFileSync(htmlPath, 'utf8')).toContain(`"runId":"${result.runId}"`);
    expect(run.stdout).toContain(
      `cache: all ${result.writes.committed.total} committed changes seen in the cache: nothing lost`,
    );

    expect(result.stoppedBy).toBe('count');
    expect(result.writes.committed.total).toBe(400);
    expect(result.writes.failedStatements).toBe(0);
    expect(result.cacheVisible).toMatchObject({ seen: 400, unseen: 0 });
    expect(result.cacheVisible.latency.count).toBe(400);
    expect(result.timeSeries.length).toBeGreaterThan(0);

    // What Postgres holds for the run is what the load test says it left, and the cache agrees.
    const rows = await t.pool.query<{ tenant_id: string; id: string; version: string }>(
      'SELECT tenant_id, id::text, version::text FROM contacts WHERE tenant_id LIKE $1 AND email LIKE $2',
      [`${prefix}-%`, `${result.runId}-%`],
    );
    expect(rows.rowCount).toBe(result.postgres.expectedRows);
    expect(result.postgres.actualRows).toBe(result.postgres.expectedRows);
    expect(result.writes.committed.insert - result.writes.committed.delete).toBe(rows.rowCount);
    for (const row of rows.rows) {
      const cached = await t.cache.get({ tenant: row.tenant_id, entity: 'contact', id: row.id });
      expect({ id: row.id, version: cached?.version }).toEqual({
        id: row.id,
        version: Number(row.version),
      });
    }
  });

  it('runs on any collection: rows built from the catalog, WAL-position versions, all seen', async () => {
    // public.sensor_readings: bigint identity key, tenant column `site`, no version column, a
    // column of every type.
    const run = await runLoadTest(
      [
        ...['--collection', 'sensor_reading', '--rate', '100', '--count', '200'],
        ...['--duration', '20s', '--drain-timeout', '60s', '--tenants', '2'],
        ...['--tenant-prefix', `${prefix}-s`, '--connections', '2'],
        ...['--start-apps', 'never', '--sync-worker-url', workerUrl, '--out', out],
      ],
      t.appEnv(),
    );
    expect({ code: run.code, stderr: run.code === 0 ? '' : run.stderr }).toEqual({
      code: 0,
      stderr: '',
    });
    const jsonPath = run.stdout.trim().split('\n').at(-1) ?? '';
    const result = JSON.parse(readFileSync(jsonPath, 'utf8')) as LoadTestResult;
    expect(result.writes.committed.total).toBe(200);
    expect(result.writes.failedStatements).toBe(0);
    expect(result.cacheVisible).toMatchObject({ seen: 200, unseen: 0 });
    expect(result.postgres.actualRows).toBe(result.postgres.expectedRows);
    // Without --keep-data the run removes what it wrote.
    const left = await t.pool.query('SELECT 1 FROM public.sensor_readings WHERE site LIKE $1', [
      `${prefix}-s-%`,
    ]);
    expect(left.rowCount).toBe(0);
  });
});
