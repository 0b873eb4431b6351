import { randomUUID } from 'node:crypto';
import { DEAD_LETTER_HEADERS, TOPICS } from '@syncline/events';
import { AppProcess } from '../support/app-process';
import { debeziumContactRow, debeziumEnvelope, produceRaw } from '../support/debezium-events';
import { expectEventually } from '../support/expect-eventually';
import { testClients } from '../support/test-clients';
import { TopicReader } from '../support/topic-reader';

// A change the sync-worker can never apply (its tenant is not a valid key part, so the cache key
// cannot even be built) must go to the dead-letter topic with its reason, and the changes behind
// it on the same partition must keep flowing: the transport decides on the error's `retriable`
// flag, which has to survive Nest's exception layer to get there.
const t = testClients('poison');
const brokers = t.env.SYNCLINE_KAFKA_BROKERS.split(',');
const prefix = t.env.SYNCLINE_TOPIC_PREFIX;
const tenant = t.tenant('acme');
let worker: AppProcess;
let deadLetters: TopicReader;

beforeAll(async () => {
  deadLetters = await TopicReader.start(brokers, [TOPICS.cdcDeadLetters(prefix)]);
  worker = AppProcess.start('sync-worker', t.appEnv({ SYNCLINE_OPS_PORT: '0' }));
  await worker.waitForOutput('ops endpoints on');
});

afterAll(async () => {
  await worker?.stop('SIGKILL');
  await deadLetters?.stop();
  await t.close();
});

describe('a change that can never be applied', () => {
  it('is dead-lettered with its reason while the changes behind it on its partition reach the cache', async () => {
    const id = randomUUID();
    // Debezium's key for the good row: the poison lands on the same partition, ahead of it.
    const key = JSON.stringify({ tenant_id: tenant, id });
    const poisonId = randomUUID();
    await produceRaw(brokers, TOPICS.cdcTable(prefix, 'contacts'), [
      {
        key,
        value: JSON.stringify(
          debeziumEnvelope('d', {
            // No tenant: no cache key can name the row, whatever is tried.
            before: debeziumContactRow('', { id: poisonId, tenant_id: null }),
          }),
        ),
      },
    ]);
    await t.pool.query(
      `INSERT INTO contacts (id, tenant_id, email, first_name) VALUES ($1, $2, $3, 'Behind')`,
      [id, tenant, `${id.slice(0, 8)}@example.com`],
    );

    await expectEventually(
      async () =>
        expect(await t.cache.get({ tenant, entity: 'contact', id })).toMatchObject({
          deleted: false,
          data: { first_name: 'Behind' },
        }),
      { timeoutMs: 60_000 },
    );
    const [deadLetter] = await deadLetters.waitFor(
      (message) => (message.value as { before?: { id?: string } })?.before?.id === poisonId,
    );
    expect(deadLetter.headers).toMatchObject({
      [DEAD_LETTER_HEADERS.reason]: 'SCHEMA_VIOLATION',
      [DEAD_LETTER_HEADERS.sourceTopic]: TOPICS.cdcTable(prefix, 'contacts'),
    });
    expect(deadLetter.headers[DEAD_LETTER_HEADERS.sourceOffset]).toMatch(/^\d+$/);
    expect(worker.running).toBe(true);
  });
});
