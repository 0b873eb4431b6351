import { spawn } from 'node:child_process';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { DEPLOY_DIR, REPO_ROOT } from './support/deploy-paths.constant';
import { readConnectorFile } from './support/repo-files.util';

const SCRIPT = path.join(DEPLOY_DIR, 'overlays/minikube/bootstrap/register-connector.mjs');
const CONNECTOR_FILE = path.join(REPO_ROOT, 'debezium/postgres-connector.json');

interface Seen {
  method: string;
  url: string;
  body: unknown;
}

/** A stand-in for the Kafka Connect REST API that answers from a script and records requests. */
async function fakeConnect(
  answer: (req: Seen, count: number) => { status: number; body?: unknown },
): Promise<{ server: Server; url: string; seen: Seen[] }> {
  const seen: Seen[] = [];
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let raw = '';
    req.on('data', (chunk: Buffer) => (raw += chunk.toString('utf8')));
    req.on('end', () => {
      const request = {
        method: req.method ?? '',
        url: req.url ?? '',
        body: raw ? (JSON.parse(raw) as unknown) : undefined,
      };
      seen.push(request);
      const count = seen.filter((s) => s.method === request.method && s.url === request.url).length;
      const { status, body } = answer(request, count);
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(body === undefined ? '' : JSON.stringify(body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen };
}

function run(connectUrl: string): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [SCRIPT, CONNECTOR_FILE], {
      env: {
        ...process.env,
        SYNCLINE_CONNECT_URL: connectUrl,
        SYNCLINE_CONNECT_POLL_MS: '10',
        SYNCLINE_CONNECT_WAIT_MS: '5000',
      },
    });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.on('close', (code) => resolve({ code, output }));
  });
}

describe('bootstrap/register-connector.mjs', () => {
  const connector = readConnectorFile();
  const configPath = `/connectors/${connector.name}/config`;
  const statusPath = `/connectors/${connector.name}/status`;
  let server: Server | undefined;

  afterEach(async () => {
    await new Promise((resolve) => server?.close(resolve));
  });

  it('waits for Connect, PUTs the file config as scripts/stack does, and waits for RUNNING', async () => {
    const fake = await fakeConnect((req, count) => {
      if (req.url === '/connector-plugins') return { status: count < 2 ? 503 : 200, body: [] };
      // A worker still joining its group answers 409 at first.
      if (req.url === configPath) return count < 2 ? { status: 409 } : { status: 201, body: {} };
      if (req.url === statusPath) {
        const tasks = count < 2 ? [] : [{ id: 0, state: 'RUNNING' }];
        return { status: 200, body: { connector: { state: 'RUNNING' }, tasks } };
      }
      return { status: 404 };
    });
    server = fake.server;

    const { code, output } = await run(fake.url);

    expect({ code, output }).toEqual({
      code: 0,
      output: expect.stringContaining('RUNNING') as string,
    });
    const puts = fake.seen.filter((s) => s.method === 'PUT');
    expect(puts).toHaveLength(2);
    expect(puts.every((p) => p.url === configPath)).toBe(true);
    expect(puts[1]?.body).toEqual(connector.config);
  });

  it('fails at once, with Connect’s reason, when the config is rejected', async () => {
    const fake = await fakeConnect((req) => {
      if (req.url === '/connector-plugins') return { status: 200, body: [] };
      if (req.url === configPath)
        return { status: 400, body: { message: 'Connector configuration is invalid' } };
      return { status: 404 };
    });
    server = fake.server;

    const { code, output } = await run(fake.url);

    expect(code).toBe(1);
    expect(output).toContain('Connector configuration is invalid');
    expect(fake.seen.filter((s) => s.method === 'PUT')).toHaveLength(1);
  });

  it('fails when a task fails, showing its trace', async () => {
    const fake = await fakeConnect((req) => {
      if (req.url === '/connector-plugins') return { status: 200, body: [] };
      if (req.url === configPath) return { status: 200, body: {} };
      return {
        status: 200,
        body: {
          connector: { state: 'RUNNING' },
          tasks: [{ id: 0, state: 'FAILED', trace: 'replication slot in use' }],
        },
      };
    });
    server = fake.server;

    const { code, output } = await run(fake.url);

    expect(code).toBe(1);
    expect(output).toContain('replication slot in use');
  });
});
