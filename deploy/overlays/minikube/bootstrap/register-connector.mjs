// Registers (or updates) the Debezium connector from a connector file, the way scripts/stack does:
// PUT /connectors/<name>/config with the file's "config", then wait until the connector and its
// task run. Idempotent, so every run of the bootstrap Job may call it.
//   node register-connector.mjs /etc/debezium/postgres-connector.json   (SYNCLINE_CONNECT_URL)
/* global process, console, fetch, setTimeout */
import { readFileSync } from 'node:fs';

const CONNECT_URL = process.env.SYNCLINE_CONNECT_URL || 'http://kafka-connect:8083';
const WAIT_MS = Number(process.env.SYNCLINE_CONNECT_WAIT_MS || 15 * 60 * 1000);
const POLL_MS = Number(process.env.SYNCLINE_CONNECT_POLL_MS || 3000);

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** An answer that retrying cannot change: stops `until` at once. */
class FatalError extends Error {}

async function request(method, path, body) {
  const response = await fetch(`${CONNECT_URL}${path}`, {
    method,
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}

/** Retries `attempt` until it returns a value other than undefined or the deadline passes. */
async function until(what, deadline, attempt) {
  let last = 'no answer yet';
  while (Date.now() < deadline) {
    try {
      const result = await attempt();
      if (result !== undefined) return result;
    } catch (error) {
      if (error instanceof FatalError) throw error;
      last = error instanceof Error ? error.message : String(error);
    }
    await sleep(POLL_MS);
  }
  throw new Error(`${what} not reached within ${WAIT_MS / 1000}s (last: ${last})`);
}

async function main() {
  const file = process.argv[2];
  if (!file) throw new Error('usage: register-connector.mjs <connector.json>');
  const { name, config } = JSON.parse(readFileSync(file, 'utf8'));
  const deadline = Date.now() + WAIT_MS;

  await until('Kafka Connect REST API', deadline, async () => {
    const { status } = await request('GET', '/connector-plugins');
    return status === 200 ? true : undefined;
  });

  // A freshly started worker may still be joining its group (409): retry until it takes the config.
  const put = await until(`registration of ${name}`, deadline, async () => {
    const answer = await request('PUT', `/connectors/${encodeURIComponent(name)}/config`, config);
    if (answer.status === 200 || answer.status === 201) return answer;
    if (answer.status >= 400 && answer.status < 500 && answer.status !== 409) {
      throw new FatalError(
        `Connect rejected ${name}: ${answer.status} ${JSON.stringify(answer.body)}`,
      );
    }
    return undefined;
  });
  console.log(`register-connector: ${name} ${put.status === 201 ? 'created' : 'updated'}`);

  await until(`${name} RUNNING`, deadline, async () => {
    const { status, body } = await request('GET', `/connectors/${encodeURIComponent(name)}/status`);
    if (status !== 200) return undefined;
    const tasks = body.tasks || [];
    const failed = [body.connector, ...tasks].find((part) => part && part.state === 'FAILED');
    if (failed) throw new FatalError(`${name} failed: ${failed.trace || failed.state}`);
    const running =
      body.connector.state === 'RUNNING' &&
      tasks.length > 0 &&
      tasks.every((t) => t.state === 'RUNNING');
    return running ? true : undefined;
  });
  console.log(`register-connector: ${name} is RUNNING on ${CONNECT_URL}`);
}

main().catch((error) => {
  console.error(`register-connector: failed: ${error instanceof Error ? error.message : error}`);
  process.exit(1);
});
