import { KubeConfig } from '@kubernetes/client-node';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { parse } from 'yaml';
import { runSyncctl } from './run-syncctl';

const NS = 'syncline';
const CRONJOB_PATH = `/apis/batch/v1/namespaces/${NS}/cronjobs/syncline-reconciler`;
const JOBS_PATH = `/apis/batch/v1/namespaces/${NS}/jobs`;
const DEPLOYMENTS_PATH = `/apis/apps/v1/namespaces/${NS}/deployments`;
const SECRET_PATH = `/api/v1/namespaces/${NS}/secrets/syncline-admin`;
/** The admin API as the API server's service proxy exposes it. */
const ADMIN_PATH = `/api/v1/namespaces/${NS}/services/syncline-cache-api:http/proxy/v1/admin/tenants/acme`;
const DESTINATION_ID = '3f0c9a52-8d1e-4c4b-9f7a-2a6d0c1e5b10';
const DESTINATION_PATH = `${ADMIN_PATH}/destinations/${DESTINATION_ID}`;
const ADMIN_KEY = 'admin-key-from-the-secret-0123';

interface Received {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: unknown;
}
type Reply = { status: number; body?: unknown };
type Route = (req: Received) => Reply | undefined;

/** The reconciler CronJob as deploy/base ships it, as the API server would return it. */
function deployedCronJob(): Record<string, unknown> {
  const manifest = parse(
    readFileSync(path.join(__dirname, '../../../deploy/base/reconciler.cronjob.yaml'), 'utf8'),
  ) as {
    metadata: Record<string, unknown>;
    spec: { jobTemplate: { spec: Record<string, unknown> } };
  };
  return {
    ...manifest,
    metadata: {
      ...manifest.metadata,
      namespace: NS,
      uid: '8d4c3f0e-cron-uid',
      resourceVersion: '42',
    },
  };
}

const status = (code: number, reason: string, message: string) => ({
  status: code,
  body: { kind: 'Status', apiVersion: 'v1', status: 'Failure', reason, message, code },
});

/** A stand-in for the Kubernetes API server: answers from routes, records every request. */
class FakeApiServer {
  readonly received: Received[] = [];
  private server?: Server;

  constructor(private readonly routes: Route[]) {}

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      let raw = '';
      req.on('data', (chunk: Buffer) => (raw += chunk.toString('utf8')));
      req.on('end', () => {
        const url = new URL(req.url ?? '/', 'http://fake');
        const received: Received = {
          method: req.method ?? '',
          path: url.pathname,
          query: url.searchParams,
          headers: req.headers,
          body: raw ? (JSON.parse(raw) as unknown) : undefined,
        };
        this.received.push(received);
        const reply =
          this.routes.map((route) => route(received)).find(Boolean) ??
          status(404, 'NotFound', 'no route');
        res.writeHead(reply.status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(reply.body ?? {}));
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server?.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    await new Promise((resolve) => this.server?.close(resolve));
  }

  requests(method: string, pathname: string): Received[] {
    return this.received.filter((r) => r.method === method && r.path === pathname);
  }
}

/** A kubeconfig built in code, pointing at the fake (plain HTTP, bearer token). */
function kubeConfigFor(server: string, namespace?: string): KubeConfig {
  const kc = new KubeConfig();
  kc.loadFromOptions({
    clusters: [{ name: 'fake', server, skipTLSVerify: true }],
    users: [{ name: 'tester', token: 'test-token' }],
    contexts: [{ name: 'fake', cluster: 'fake', user: 'tester', namespace }],
    currentContext: 'fake',
  });
  return kc;
}

async function syncctl(argv: string[], kubeConfig?: KubeConfig, env: NodeJS.ProcessEnv = {}) {
  let stdout = '';
  let stderr = '';
  const code = await runSyncctl(argv, {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    kubeConfig,
    env,
    now: () => new Date('2026-11-24T07:08:09Z'),
  });
  return { code, stdout, stderr };
}

describe('syncctl against a fake Kubernetes API', () => {
  let api: FakeApiServer;
  afterEach(async () => api.stop());

  describe('reconcile --now', () => {
    it('reads the CronJob and POSTs the Job kubectl create job --from=cronjob would', async () => {
      const cronJob = deployedCronJob();
      api = new FakeApiServer([
        (r) =>
          r.method === 'GET' && r.path === CRONJOB_PATH
            ? { status: 200, body: cronJob }
            : undefined,
        (r) =>
          r.method === 'POST' && r.path === JOBS_PATH ? { status: 201, body: r.body } : undefined,
      ]);
      const kc = kubeConfigFor(await api.start(), NS);

      const result = await syncctl(['reconcile', '--now', '--tenant', 'acme'], kc);

      expect(result).toMatchObject({ code: 0, stderr: '' });
      expect(result.stdout).toContain(
        'job.batch/syncline-reconciler-manual-20261124070809 created',
      );
      const [post] = api.requests('POST', JOBS_PATH);
      expect(post?.headers.authorization).toBe('Bearer test-token');
      const template = (
        cronJob.spec as { jobTemplate: { metadata: { labels: object }; spec: JobSpec } }
      ).jobTemplate;
      expect(post?.body).toMatchObject({
        apiVersion: 'batch/v1',
        kind: 'Job',
        metadata: {
          name: 'syncline-reconciler-manual-20261124070809',
          namespace: NS,
          labels: template.metadata.labels,
          annotations: {
            'cronjob.kubernetes.io/instantiate': 'manual',
            'syncline.io/reconcile-request': '--tenant acme',
          },
          ownerReferences: [
            {
              apiVersion: 'batch/v1',
              kind: 'CronJob',
              name: 'syncline-reconciler',
              uid: '8d4c3f0e-cron-uid',
              controller: true,
            },
          ],
        },
      });
      // The CronJob's job template, with the tenant passed to both reconciler steps.
      const sent = (post?.body as { spec: JobSpec }).spec;
      const expected = structuredClone(template.spec);
      for (const c of [
        ...expected.template.spec.initContainers,
        ...expected.template.spec.containers,
      ]) {
        c.args = [...c.args, '--tenant', 'acme'];
      }
      expect(sent).toEqual(expected);
      expect(sent.template.spec.containers[0]?.args).toEqual([
        'dist/apps/reconciler/src/main.js',
        'reconcile',
        'crm',
        '--tenant',
        'acme',
      ]);
    });

    it('says which namespace lacks the CronJob (404) and creates nothing', async () => {
      api = new FakeApiServer([
        (r) =>
          r.path === CRONJOB_PATH
            ? status(404, 'NotFound', 'cronjobs.batch "syncline-reconciler" not found')
            : undefined,
      ]);
      const kc = kubeConfigFor(await api.start());

      const result = await syncctl(['--namespace', NS, 'reconcile', '--now'], kc);

      expect(result.code).toBe(1);
      expect(result.stderr).toContain(`CronJob syncline-reconciler not found in namespace "${NS}"`);
      expect(api.requests('POST', JOBS_PATH)).toEqual([]);
    });

    it('explains a 403 and names the Role to bind', async () => {
      api = new FakeApiServer([
        (r) =>
          r.method === 'GET' && r.path === CRONJOB_PATH
            ? { status: 200, body: deployedCronJob() }
            : undefined,
        (r) =>
          r.method === 'POST'
            ? status(
                403,
                'Forbidden',
                'jobs.batch is forbidden: User "dev" cannot create resource "jobs"',
              )
            : undefined,
      ]);
      const kc = kubeConfigFor(await api.start(), NS);

      const result = await syncctl(['reconcile', '--now'], kc);

      expect(result.code).toBe(1);
      expect(result.stderr).toContain('not allowed to create a Job in namespace syncline (403)');
      expect(result.stderr).toContain('User "dev" cannot create resource "jobs"');
      expect(result.stderr).toContain('--role=syncline-control');
    });
  });

  describe('status', () => {
    it('lists Deployments and reconcile Jobs by label and reports ready/desired, state and duration', async () => {
      api = new FakeApiServer([
        (r) =>
          r.path === DEPLOYMENTS_PATH
            ? {
                status: 200,
                body: {
                  kind: 'DeploymentList',
                  items: [
                    {
                      metadata: { name: 'syncline-sync-worker' },
                      spec: { replicas: 3 },
                      status: { readyReplicas: 2, updatedReplicas: 3, availableReplicas: 2 },
                    },
                    {
                      metadata: { name: 'syncline-cache-api' },
                      spec: { replicas: 2 },
                      status: { readyReplicas: 2, updatedReplicas: 2, availableReplicas: 2 },
                    },
                  ],
                },
              }
            : undefined,
        (r) =>
          r.path === JOBS_PATH
            ? {
                status: 200,
                body: {
                  kind: 'JobList',
                  items: [
                    {
                      metadata: {
                        name: 'syncline-reconciler-29400000',
                        creationTimestamp: '2026-11-24T02:17:00Z',
                      },
                      status: {
                        startTime: '2026-11-24T02:17:01Z',
                        completionTime: '2026-11-24T02:21:08Z',
                        succeeded: 1,
                        conditions: [{ type: 'Complete', status: 'True' }],
                      },
                    },
                    {
                      metadata: {
                        name: 'syncline-reconciler-manual-20261124070000',
                        creationTimestamp: '2026-11-24T07:00:00Z',
                        annotations: {
                          'cronjob.kubernetes.io/instantiate': 'manual',
                          'syncline.io/reconcile-request': '--tenant acme',
                        },
                      },
                      status: { startTime: '2026-11-24T07:00:01Z', active: 1 },
                    },
                  ],
                },
              }
            : undefined,
        (r) =>
          r.path === CRONJOB_PATH
            ? {
                status: 200,
                body: {
                  ...deployedCronJob(),
                  status: { lastScheduleTime: '2026-11-24T02:17:00Z' },
                },
              }
            : undefined,
      ]);
      const kc = kubeConfigFor(await api.start(), NS);

      const result = await syncctl(['status'], kc);

      expect(result).toMatchObject({ code: 0, stderr: '' });
      expect(api.requests('GET', DEPLOYMENTS_PATH)[0]?.query.get('labelSelector')).toBe(
        'app.kubernetes.io/part-of=syncline',
      );
      expect(api.requests('GET', JOBS_PATH)[0]?.query.get('labelSelector')).toBe(
        'app.kubernetes.io/component=reconciler',
      );
      const lines = result.stdout.split('\n');
      expect(lines).toContainEqual(expect.stringMatching(/^syncline-cache-api\s+2\/2\s+2\s+2$/));
      expect(lines).toContainEqual(expect.stringMatching(/^syncline-sync-worker\s+2\/3\s+3\s+2$/));
      // Newest first; a running Job's duration runs up to now (07:08:09).
      const jobLines = lines.filter((l) => l.startsWith('syncline-reconciler-'));
      expect(jobLines[0]).toMatch(
        /manual-20261124070000\s+manual \(--tenant acme\)\s+Running\s+2026-11-24T07:00:01.000Z\s+8m08s$/,
      );
      expect(jobLines[1]).toMatch(
        /29400000\s+scheduled\s+Complete\s+2026-11-24T02:17:01.000Z\s+4m07s$/,
      );
      expect(result.stdout).toContain('Reconciler: schedule "17 2 * * *"');
    });

    it('prints the same report as JSON with -o json', async () => {
      api = new FakeApiServer([
        (r) =>
          r.path.endsWith('/deployments') || r.path.endsWith('/jobs')
            ? { status: 200, body: { items: [] } }
            : undefined,
      ]);
      const kc = kubeConfigFor(await api.start(), 'elsewhere');

      const result = await syncctl(['status', '-o', 'json'], kc);

      expect(result.code).toBe(0);
      expect(JSON.parse(result.stdout)).toEqual({
        namespace: 'elsewhere',
        deployments: [],
        reconciler: { installed: false },
        jobs: [],
      });
      expect(api.received.every((r) => r.path.includes('/namespaces/elsewhere/'))).toBe(true);
    });
  });

  describe('pause, resume and destinations (the admin API through the service proxy)', () => {
    const destination = (paused: boolean) => ({
      id: DESTINATION_ID,
      tenant: 'acme',
      name: 'acme-hubspot',
      kind: 'hubspot',
      paused,
    });
    const secret = {
      status: 200,
      body: {
        kind: 'Secret',
        metadata: { name: 'syncline-admin' },
        data: { SYNCLINE_ADMIN_API_KEY: Buffer.from(ADMIN_KEY).toString('base64') },
      },
    };

    it('pauses: reads the admin key from the Secret, then POSTs .../pause with it', async () => {
      api = new FakeApiServer([
        (r) => (r.method === 'GET' && r.path === SECRET_PATH ? secret : undefined),
        (r) =>
          r.method === 'GET' && r.path === DESTINATION_PATH
            ? { status: 200, body: destination(false) }
            : undefined,
        (r) =>
          r.method === 'POST' && r.path === `${DESTINATION_PATH}/pause`
            ? { status: 200, body: destination(true) }
            : undefined,
      ]);
      const kc = kubeConfigFor(await api.start(), NS);

      const result = await syncctl(['pause', 'acme', DESTINATION_ID], kc);

      expect(result).toMatchObject({ code: 0, stderr: '' });
      expect(result.stdout).toContain(
        `destination acme-hubspot (hubspot, ${DESTINATION_ID}) of tenant acme paused`,
      );
      const [post] = api.requests('POST', `${DESTINATION_PATH}/pause`);
      expect(post?.headers['x-api-key']).toBe(ADMIN_KEY);
      expect(post?.headers.authorization).toBe('Bearer test-token');
    });

    it('resumes with the key from $SYNCLINE_ADMIN_API_KEY, never reading the Secret', async () => {
      api = new FakeApiServer([
        (r) =>
          r.method === 'GET' && r.path === DESTINATION_PATH
            ? { status: 200, body: destination(true) }
            : undefined,
        (r) =>
          r.method === 'POST' && r.path === `${DESTINATION_PATH}/resume`
            ? { status: 200, body: destination(false) }
            : undefined,
      ]);
      const kc = kubeConfigFor(await api.start(), NS);

      const result = await syncctl(['resume', 'acme', DESTINATION_ID], kc, {
        SYNCLINE_ADMIN_API_KEY: 'key-from-env-0123456789',
      });

      expect(result.stdout).toContain('of tenant acme resumed');
      expect(api.requests('GET', SECRET_PATH)).toEqual([]);
      expect(api.requests('POST', `${DESTINATION_PATH}/resume`)[0]?.headers['x-api-key']).toBe(
        'key-from-env-0123456789',
      );
    });

    it('changes nothing when the destination is already in the asked state', async () => {
      api = new FakeApiServer([
        (r) => (r.path === SECRET_PATH ? secret : undefined),
        (r) => (r.path === DESTINATION_PATH ? { status: 200, body: destination(true) } : undefined),
      ]);
      const kc = kubeConfigFor(await api.start(), NS);

      const result = await syncctl(['pause', 'acme', DESTINATION_ID], kc);

      expect(result.stdout).toContain('already paused');
      expect(api.received.filter((r) => r.method === 'POST')).toEqual([]);
    });

    it("passes on the cache-api's 404 for an unknown destination", async () => {
      api = new FakeApiServer([
        (r) => (r.path === SECRET_PATH ? secret : undefined),
        (r) =>
          r.path === DESTINATION_PATH
            ? {
                status: 404,
                body: { error: 'not_found', message: `destination ${DESTINATION_ID} not found` },
              }
            : undefined,
      ]);
      const kc = kubeConfigFor(await api.start(), NS);

      const result = await syncctl(['resume', 'acme', DESTINATION_ID], kc);

      expect(result.code).toBe(1);
      expect(result.stderr).toContain(`destination ${DESTINATION_ID} not found`);
    });

    it('says when the API server cannot reach a cache-api pod (503 Status)', async () => {
      api = new FakeApiServer([
        (r) => (r.path === SECRET_PATH ? secret : undefined),
        (r) =>
          r.path === DESTINATION_PATH
            ? status(503, 'ServiceUnavailable', 'no endpoints available for service')
            : undefined,
      ]);
      const kc = kubeConfigFor(await api.start(), NS);

      const result = await syncctl(['pause', 'acme', DESTINATION_ID], kc);

      expect(result.code).toBe(1);
      expect(result.stderr).toContain('the API server could not reach the cache-api (503');
      expect(result.stderr).toContain('is a cache-api pod ready?');
    });

    it('says the cache-api refused the admin key', async () => {
      api = new FakeApiServer([
        (r) => (r.path === SECRET_PATH ? secret : undefined),
        (r) =>
          r.path === DESTINATION_PATH
            ? { status: 403, body: { error: 'forbidden', message: 'no' } }
            : undefined,
      ]);
      const kc = kubeConfigFor(await api.start(), NS);

      const result = await syncctl(['pause', 'acme', DESTINATION_ID], kc);

      expect(result.stderr).toContain('the cache-api refused the admin key (403)');
    });

    it("lists a tenant's destinations with their ids and state", async () => {
      api = new FakeApiServer([
        (r) => (r.path === SECRET_PATH ? secret : undefined),
        (r) =>
          r.path === `${ADMIN_PATH}/destinations`
            ? {
                status: 200,
                body: [
                  { ...destination(true) },
                  { ...destination(false), id: 'b1', name: 'acme-salesforce', kind: 'salesforce' },
                ],
              }
            : undefined,
      ]);
      const kc = kubeConfigFor(await api.start(), NS);

      const result = await syncctl(['destinations', 'acme'], kc);

      expect(result.code).toBe(0);
      const lines = result.stdout.trim().split('\n');
      expect(lines[0]).toMatch(/^NAME\s+ID\s+KIND\s+STATE$/);
      expect(lines[1]).toMatch(
        new RegExp(`^acme-hubspot\\s+${DESTINATION_ID}\\s+hubspot\\s+paused$`),
      );
      expect(lines[2]).toMatch(/^acme-salesforce\s+b1\s+salesforce\s+active$/);
    });
  });
});

describe('syncctl without a cluster', () => {
  it('says that no kubeconfig was found instead of calling localhost:8080', async () => {
    const result = await syncctl(['status'], undefined, { HOME: '/nonexistent-home' });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('no kubeconfig found (~/.kube/config)');
  });

  it('names the missing --kubeconfig file', async () => {
    const result = await syncctl(['--kubeconfig', '/nonexistent/config', 'status'], undefined, {});
    expect(result.stderr).toContain('no kubeconfig found (/nonexistent/config)');
  });

  it('says the API server cannot be reached', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(closed.address() as AddressInfo).port}`;
    await new Promise((resolve) => closed.close(resolve));

    const result = await syncctl(['status'], kubeConfigFor(url, NS));

    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`cannot reach the Kubernetes API at ${url} (ECONNREFUSED)`);
  });

  it('prints usage with exit status 2 on a bad command line', async () => {
    const result = await syncctl(['reconcile']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('reconcile needs --now');
  });
});

interface JobSpec {
  template: { spec: { initContainers: { args: string[] }[]; containers: { args: string[] }[] } };
}
