import { join } from 'node:path';
import { freePort } from '../../support/free-port';
import { LocalApp } from '../../support/local-app';
import type { LoadTestOptions } from '../options/load-test-options.type';

export interface LocalApps {
  urls: LoadTestOptions['urls'];
  started: LocalApp[];
  /** What was already running and used as found. */
  reused: string[];
}

async function reachable(url: string): Promise<boolean> {
  try {
    return (await fetch(url, { signal: AbortSignal.timeout(2000) })).ok;
  } catch {
    return false;
  }
}

/**
 * Local target: the apps the workload needs, reachable on the configured URLs or started here
 * (LocalApp, built apps, logs in `<stack>/load-test/apps/`) on free ports. Cluster: checks only.
 */
export async function ensureLocalApps(options: LoadTestOptions): Promise<LocalApps> {
  const urls = { ...options.urls };
  const started: LocalApp[] = [];
  const reused: string[] = [];
  const logDir = join(options.stackDir, 'load-test/apps');
  const needCrm = options.crmFraction > 0;
  const needApi = options.apiRate > 0 || needCrm;
  const common = { SYNCLINE_LOG_LEVEL: 'warn', SYNCLINE_ADMIN_API_KEY: options.adminApiKey };
  const pending: Promise<void>[] = [];

  const ensure = async (
    name: string,
    probe: (url: string) => string,
    key: keyof LoadTestOptions['urls'],
    start: (port: number) => LocalApp[],
  ): Promise<void> => {
    if (options.startApps !== 'always' && (await reachable(probe(urls[key])))) {
      reused.push(`${name} ${urls[key]}`);
      return;
    }
    if (options.startApps === 'never') {
      throw new Error(`${name} is not reachable at ${urls[key]} (and --start-apps is never)`);
    }
    const port = await freePort();
    urls[key] = `http://127.0.0.1:${port}`;
    const apps = start(port);
    started.push(...apps);
    pending.push(apps[0].waitUntilHealthy(probe(urls[key]), 90_000));
  };

  await ensure(
    'sync-worker',
    (u) => `${u}/health/ready`,
    'syncWorkerOps',
    (port) => {
      const apps = [
        LocalApp.start('sync-worker', {
          logDir,
          env: { ...common, SYNCLINE_OPS_PORT: String(port) },
        }),
      ];
      for (let i = 2; i <= options.syncWorkers; i++) {
        apps.push(
          LocalApp.start('sync-worker', {
            logDir,
            label: `sync-worker-${i}`,
            env: { ...common, SYNCLINE_OPS_PORT: '0' },
          }),
        );
      }
      return apps;
    },
  );
  if (needApi) {
    const keys = Object.entries(options.apiKeys)
      .map(([tenant, key]) => `${tenant}=${key}`)
      .join(',');
    await ensure(
      'cache-api',
      (u) => `${u}/health/ready`,
      'cacheApi',
      (port) => [
        LocalApp.start('cache-api', {
          logDir,
          env: { ...common, SYNCLINE_HTTP_PORT: String(port), SYNCLINE_API_KEYS: keys },
        }),
      ],
    );
  }
  if (needCrm) {
    await ensure(
      'crm-sim',
      (u) => `${u}/__sim/health`,
      'crmSim',
      (port) => [
        LocalApp.start('crm-sim', {
          logDir,
          env: { SYNCLINE_HUBSPOT_SIM_PORT: String(port), SYNCLINE_SALESFORCE_SIM_PORT: '0' },
        }),
      ],
    );
    await ensure(
      'delivery-worker',
      (u) => `${u}/health/ready`,
      'deliveryWorkerOps',
      (port) => [
        LocalApp.start('delivery-worker', {
          logDir,
          env: { ...common, SYNCLINE_OPS_PORT: String(port) },
        }),
      ],
    );
  }
  try {
    await Promise.all(pending);
  } catch (error) {
    await Promise.all(started.map((app) => app.stop()));
    throw error;
  }
  return { urls, started, reused };
}
