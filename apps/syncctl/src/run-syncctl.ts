import type { KubeConfig } from '@kubernetes/client-node';
import { SYNCCTL } from './constants/syncctl.constants';
import { SyncctlException } from './exceptions/syncctl.exception';
import {
  createKubeClients,
  loadKubeConfig,
  type KubeClients,
} from './services/kube-clients.factory';
import type { ClusterOptions, SyncctlCommand } from './types/syncctl-command.type';
import { CollectionsContext } from './services/collections-context';
import { PipelineContext } from './services/pipeline-context';
import { AddCollectionUseCase } from './usecases/add-collection.usecase';
import { ResyncCollectionUseCase } from './usecases/resync-collection.usecase';
import type { StatusReport } from './types/status-report.type';
import { AdminApiClient } from './services/admin-api.client';
import { ListDestinationsUseCase } from './usecases/list-destinations.usecase';
import { ReconcileNowUseCase } from './usecases/reconcile-now.usecase';
import { SetDestinationStateUseCase } from './usecases/set-destination-state.usecase';
import { ShowPipelineStatusUseCase } from './usecases/show-pipeline-status.usecase';
import { ShowStatusUseCase } from './usecases/show-status.usecase';
import { formatDuration } from './utils/format-duration.util';
import { formatPipelineStatus } from './utils/format-pipeline-status.util';
import { formatTable } from './utils/format-table.util';
import { parseSyncctlArgs, USAGE } from './utils/parse-syncctl-args.util';

export interface SyncctlIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env?: NodeJS.ProcessEnv;
  /** Tests hand in a KubeConfig built in code instead of reading one from disk. */
  kubeConfig?: KubeConfig;
  now?: () => Date;
}

/** Runs one syncctl command line; resolves to the process exit status. Never throws. */
export async function runSyncctl(argv: readonly string[], io: SyncctlIo): Promise<number> {
  try {
    const command = parseSyncctlArgs(argv);
    switch (command.kind) {
      case 'help':
        io.stdout(`${USAGE}\n`);
        return 0;
      case 'collections-add':
      case 'collections-resync':
      case 'collections-list':
        return await runCollections(command, io);
      case 'reconcile-now': {
        const kube = connect(command.cluster, io);
        const job = await new ReconcileNowUseCase(kube, io.now).execute(command.request);
        io.stdout(
          `job.batch/${job.metadata?.name ?? '?'} created in namespace ${kube.namespace} ` +
            `from cronjob/${SYNCCTL.reconcilerCronJob}\n` +
            `follow it: kubectl -n ${kube.namespace} logs -f job/${job.metadata?.name ?? '?'} --all-containers\n`,
        );
        return 0;
      }
      case 'status':
        return await runStatus(command, io);
      case 'list-destinations': {
        const admin = await AdminApiClient.connect(
          connect(command.cluster, io),
          io.env ?? process.env,
        );
        const destinations = await new ListDestinationsUseCase(admin).execute(command.tenant);
        io.stdout(
          destinations.length === 0
            ? `Tenant ${command.tenant} has no destinations.\n`
            : `${formatTable(
                ['NAME', 'ID', 'KIND', 'STATE'],
                destinations.map((d) => [d.name, d.id, d.kind, d.paused ? 'paused' : 'active']),
              )}\n`,
        );
        return 0;
      }
      case 'set-destination': {
        const kube = connect(command.cluster, io);
        const admin = await AdminApiClient.connect(kube, io.env ?? process.env);
        const { change, destination } = await new SetDestinationStateUseCase(admin).execute(
          command.tenant,
          command.destination,
          command.paused,
        );
        io.stdout(
          `destination ${destination.name} (${destination.kind}, ${destination.id}) of tenant ` +
            `${command.tenant} ${change}; delivery-workers apply it at their next control-plane reload\n`,
        );
        return 0;
      }
    }
  } catch (error) {
    const exception =
      error instanceof SyncctlException
        ? error
        : new SyncctlException('api-error', error instanceof Error ? error.message : String(error));
    io.stderr(`syncctl: ${exception.message}\n`);
    return exception.exitCode;
  }
}

type StatusCommand = Extract<SyncctlCommand, { kind: 'status' }>;

/**
 * The pipeline (slot, connector, lag and age, dead letters, paused destinations) from the Syncline
 * environment, and the cluster (Deployments, reconcile Jobs) when a kubeconfig is at hand. Without
 * a Syncline environment, the cluster alone, as before. Whatever could not be read is named on
 * stderr and the exit status is 1, after everything that could be read was printed.
 */
async function runStatus(command: StatusCommand, io: SyncctlIo): Promise<number> {
  const env = io.env ?? process.env;
  if (!PipelineContext.configuredIn(env)) {
    const report = await new ShowStatusUseCase(connect(command.cluster, io), io.now).execute(
      command.jobs,
    );
    io.stdout(
      command.output === 'json' ? `${JSON.stringify(report, null, 2)}\n` : formatStatus(report),
    );
    return 0;
  }
  const context = PipelineContext.open(env);
  try {
    const pipeline = await new ShowPipelineStatusUseCase(context).execute();
    const cluster = await readCluster(command, io).catch((error: unknown) => {
      pipeline.unreachable.push({
        component: 'kubernetes',
        message: error instanceof Error ? error.message : String(error),
      });
      return undefined;
    });
    io.stdout(
      command.output === 'json'
        ? `${JSON.stringify({ ...cluster, pipeline }, null, 2)}\n`
        : `${cluster ? `${formatStatus(cluster)}\n` : ''}${formatPipelineStatus(pipeline)}`,
    );
    if (pipeline.unreachable.length === 0) return 0;
    io.stderr(
      `syncctl: could not read ${pipeline.unreachable.map((u) => u.component).join(', ')}; ` +
        'the status above shows what could be read\n',
    );
    return 1;
  } finally {
    await context.close();
  }
}

/** The cluster part, unless no kubeconfig is at hand and none was asked for. */
async function readCluster(
  command: StatusCommand,
  io: SyncctlIo,
): Promise<StatusReport | undefined> {
  const { cluster } = command;
  const asked = cluster.kubeconfig ?? cluster.context ?? cluster.namespace;
  let kube: KubeClients;
  try {
    kube = connect(cluster, io);
  } catch (error) {
    if (asked === undefined && error instanceof SyncctlException && error.code === 'no-kubeconfig')
      return undefined;
    throw error;
  }
  return new ShowStatusUseCase(kube, io.now).execute(command.jobs);
}

type CollectionsCommand = Extract<SyncctlCommand, { kind: `collections-${string}` }>;

async function runCollections(command: CollectionsCommand, io: SyncctlIo): Promise<number> {
  const context = CollectionsContext.open(io.env ?? process.env);
  try {
    switch (command.kind) {
      case 'collections-add': {
        const result = await new AddCollectionUseCase(
          context.source,
          context.snapshots(),
          context.topicCreator(command.partitions),
          context.config.kafka.topicPrefix,
        ).execute(command.table, { backfill: command.backfill, wait: command.wait });
        for (const warning of result.warnings) io.stderr(`syncctl: warning: ${warning}\n`);
        io.stdout(
          `${result.table}: ${result.publication === 'added' ? 'added to' : 'already in'} publication ` +
            `${context.config.postgres.publication}; changes stream to topic ${result.topic}\n` +
            (result.signalId === undefined
              ? 'no backfill (--no-backfill): run `syncctl collections resync` for one later\n'
              : result.rowsScanned === undefined
                ? `backfill of its existing rows started (incremental snapshot, signal ${result.signalId})\n`
                : `backfill done: ${result.rowsScanned} rows read (incremental snapshot, signal ${result.signalId})\n`),
        );
        return 0;
      }
      case 'collections-resync': {
        const registry = await context.loadRegistry();
        const result = await new ResyncCollectionUseCase(context.snapshots(), registry).execute(
          command,
        );
        io.stdout(
          result.rowsScanned === undefined
            ? `resync of ${result.tables.join(', ')} started (incremental snapshot, signal ${result.signalId})\n`
            : `resync of ${result.tables.join(', ')} done: ${result.rowsScanned} rows read (signal ${result.signalId})\n`,
        );
        return 0;
      }
      case 'collections-list': {
        const registry = await context.loadRegistry();
        io.stdout(
          `${formatTable(
            ['COLLECTION', 'TABLE', 'KEY', 'TENANT', 'VERSION'],
            registry.collections.map((c) => [
              c.name,
              `${c.schema}.${c.table}`,
              c.keyColumns.join(','),
              c.tenantColumn ?? `(all rows: ${c.fixedTenant ?? 'default'})`,
              c.versionColumn ?? '(WAL position)',
            ]),
          )}\n`,
        );
        for (const skipped of registry.skipped) io.stdout(`not a collection: ${skipped}\n`);
        return 0;
      }
    }
  } finally {
    await context.close();
  }
}

function connect(cluster: ClusterOptions, io: SyncctlIo): KubeClients {
  const kc = io.kubeConfig ?? loadKubeConfig(cluster, io.env ?? process.env);
  return createKubeClients(kc, cluster);
}

function formatStatus(report: StatusReport): string {
  const out: string[] = [`Namespace: ${report.namespace}`, ''];
  out.push(
    report.deployments.length === 0
      ? 'No Syncline Deployments.'
      : formatTable(
          ['DEPLOYMENT', 'READY', 'UP-TO-DATE', 'AVAILABLE'],
          report.deployments.map((d) => [
            d.name,
            `${d.ready}/${d.desired}`,
            String(d.upToDate),
            String(d.available),
          ]),
        ),
  );
  out.push('');
  const r = report.reconciler;
  out.push(
    r.installed
      ? `Reconciler: schedule "${r.schedule}"${r.suspended ? ' (suspended)' : ''}, ` +
          `last scheduled ${r.lastScheduleTime ?? 'never'}, last success ${r.lastSuccessfulTime ?? 'never'}`
      : `Reconciler: CronJob ${SYNCCTL.reconcilerCronJob} not found`,
  );
  out.push(
    report.jobs.length === 0
      ? 'No reconcile Jobs.'
      : formatTable(
          ['JOB', 'TRIGGER', 'STATUS', 'STARTED', 'DURATION'],
          report.jobs.map((j) => [
            j.name,
            j.request ? `${j.trigger} (${j.request})` : j.trigger,
            j.state,
            j.startedAt ?? '-',
            j.durationMs === undefined ? '-' : formatDuration(j.durationMs),
          ]),
        ),
  );
  return `${out.join('\n')}\n`;
}
