import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { CONTACT, EntityRegistry } from '@syncline/records';
import { AppProcess } from '../support/app-process';
import { expectEventually } from '../support/expect-eventually';
import { testClients } from '../support/test-clients';

// The Kafka broker crashes (SIGKILL) while changes keep coming: Postgres keeps them in the WAL,
// Debezium and the sync-worker wait and retry, and once `scripts/stack up` brings the broker back
// every change reaches Redis, with the worker never restarted.
const repo = join(__dirname, '../../..');
const t = testClients('broker-restart');
const tenant = t.tenant('crash');
const entities = new EntityRegistry();
let worker: AppProcess;

async function insertContacts(count: number, label: string): Promise<void> {
  await t.pool.query(
    `INSERT INTO contacts (tenant_id, email, first_name)
     SELECT $1, $2 || '-' || n || '@example.com', $2 FROM generate_series(1, $3) AS n`,
    [tenant, label, count],
  );
}

/** Every row of the tenant is in the cache at its Postgres version, with its data. */
async function expectCacheMatchesPostgres(timeoutMs: number): Promise<number> {
  const { rows } = await t.pool.query<Record<string, unknown>>(
    'SELECT * FROM contacts WHERE tenant_id = $1 ORDER BY id',
    [tenant],
  );
  const expected = rows.map((row) => entities.canonicalize(CONTACT, row));
  await expectEventually(
    async () => {
      const cached = await t.cache.getMany(
        expected.map((row) => ({ tenant, entity: 'contact', id: row.id as string })),
      );
      const wrong = cached.filter(
        (record, index) =>
          record?.deleted !== false ||
          record.version !== expected[index].version ||
          JSON.stringify(record.data) !== JSON.stringify(expected[index]),
      );
      expect({ wrong: wrong.length }).toEqual({ wrong: 0 });
    },
    { timeoutMs, intervalMs: 1000 },
  );
  return expected.length;
}

afterAll(async () => {
  await worker?.stop('SIGKILL');
  // Whatever happened above, the shared test stack is whole again for the next file.
  await promisify(execFile)('bash', [join(repo, 'scripts/stack'), 'up'], {
    cwd: repo,
    env: process.env,
    timeout: 240_000,
  }).catch(() => undefined);
  await t.close();
});

describe('a Kafka broker crash', () => {
  it('loses no change written before, during or after it', async () => {
    worker = AppProcess.start('sync-worker', t.appEnv({ SYNCLINE_OPS_PORT: '0' }));
    await worker.waitForOutput('ops endpoints on');
    await insertContacts(200, 'before');
    await expectCacheMatchesPostgres(60_000);

    const stackDir = process.env.SYNCLINE_STACK_DIR ?? join(repo, '.stack/test');
    const kafkaPid = Number(readFileSync(join(stackDir, 'kafka.pid'), 'utf8'));
    process.kill(kafkaPid, 'SIGKILL');
    await expectEventually(() => expect(() => process.kill(kafkaPid, 0)).toThrow(), {
      timeoutMs: 10_000,
    });

    // Written while the broker is down: only the WAL has them.
    await insertContacts(300, 'during');
    await t.pool.query(
      `UPDATE contacts SET last_name = 'Updated while down' WHERE tenant_id = $1 AND first_name = 'before'`,
      [tenant],
    );
    await new Promise((resolve) => setTimeout(resolve, 5000));

    await promisify(execFile)('bash', [join(repo, 'scripts/stack'), 'up'], {
      cwd: repo,
      env: process.env,
      timeout: 240_000,
    });
    await insertContacts(100, 'after');

    expect(await expectCacheMatchesPostgres(180_000)).toBe(600);
    expect(worker.running).toBe(true);
  }, 480_000);
});
