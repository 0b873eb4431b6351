import { parseArgs } from 'node:util';
import { SYNCCTL } from '../constants/syncctl.constants';
import { SyncctlException } from '../exceptions/syncctl.exception';
import type { ClusterOptions, SyncctlCommand } from '../types/syncctl-command.type';
import { parseTableRef } from './parse-table-ref.util';

export const USAGE = `Usage: syncctl [--namespace <ns>] [--context <ctx>] [--kubeconfig <file>] <command>

Commands:
  reconcile --now [--tenant <t>] [--entity <e>] [--destination <d>] [--dry-run]
                      run the reconciler now: a Job from CronJob ${SYNCCTL.reconcilerCronJob},
                      as \`kubectl create job --from=cronjob/${SYNCCTL.reconcilerCronJob}\` makes it
  status [--json | -o json] [--jobs <n>]
                      the pipeline at a glance: replication slot (active, retained WAL,
                      flush lag), connector and task states, lag and oldest unapplied
                      change per group (per collection / destination), dead letters,
                      paused destinations; and, with a kubeconfig, Deployments
                      (ready/desired) and recent reconcile Jobs. Exit 1 if a part
                      could not be read (the rest is still shown)
  destinations <tenant>
                      a tenant's destinations: ids, kinds, paused or not
  pause <tenant> <destination-id>
                      stop deliveries to a destination; its changes wait in Kafka
  resume <tenant> <destination-id>
                      deliver again, backlog first
  collections add <schema.table> [--no-backfill] [--wait] [--partitions <n>]
                      sync a table from now on: its CDC topic, the publication, and a
                      backfill of its existing rows (Debezium incremental snapshot)
  collections resync <collection>|--all [--wait]
                      re-read a collection's rows (or every collection's) through an
                      incremental snapshot, while changes keep streaming; --wait: until
                      Debezium has read them all
  collections list    the collections: table, key, tenant, version source
  help

status reads the pipeline with the apps' environment ($SYNCLINE_PG_*, $SYNCLINE_KAFKA_BROKERS,
$SYNCLINE_CONNECT_URL, the group ids); without $SYNCLINE_PG_HOST or $SYNCLINE_KAFKA_BROKERS set it
shows the cluster only. See docs/operations.md.

collections commands talk to the source database ($SYNCLINE_PG_*, as a role that owns the
publication and may grant SELECT on the table) and, for add, to Kafka ($SYNCLINE_KAFKA_BROKERS,
$SYNCLINE_TOPIC_PREFIX); see docs/collections.md.

pause, resume and destinations call the cache-api's admin API through the API server's service
proxy, with the admin key from $${SYNCCTL.adminKeyField}, else from the Secret ${SYNCCTL.secretName}.

The namespace is --namespace, else the kubeconfig context's, else "${SYNCCTL.defaultNamespace}".
The kubeconfig is --kubeconfig, else $KUBECONFIG, else ~/.kube/config, else the in-cluster account.`;

// Tenants, entities and destinations as the apps accept them.
const NAME = /^[A-Za-z0-9._@-]{1,128}$/;
const DESTINATION = /^[A-Za-z0-9._-]{1,128}$/;

function usage(message: string): SyncctlException {
  return new SyncctlException('usage', `${message}\n\n${USAGE}`);
}

function checked(flag: string, value: string | undefined, pattern: RegExp): string | undefined {
  if (value !== undefined && !pattern.test(value)) {
    throw usage(`--${flag} "${value}" is not a valid name (letters, digits, ".", "_", "-")`);
  }
  return value;
}

function named(what: string, value: string, pattern: RegExp): string {
  if (!pattern.test(value)) {
    throw usage(`${what} "${value}" is not a valid name (letters, digits, ".", "_", "-")`);
  }
  return value;
}

/** Parses syncctl's command line into a command, or throws a usage SyncctlException. */
export function parseSyncctlArgs(argv: readonly string[]): SyncctlCommand {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (error) {
    // parseArgs' TypeError may come from another realm (jest's vm): read its message, not instanceof.
    const message = (error as { message?: unknown } | undefined)?.message;
    throw usage(typeof message === 'string' ? message : String(error));
  }
  const { values, positionals } = parsed;
  const [command, ...rest] = positionals;
  if (values.help || command === undefined || command === 'help') return { kind: 'help' };

  const cluster: ClusterOptions = {
    namespace: values.namespace,
    kubeconfig: values.kubeconfig,
    context: values.context,
  };
  const noMore = () => {
    if (rest.length > 0) throw usage(`unexpected argument "${rest.join(' ')}"`);
  };

  switch (command) {
    case 'reconcile': {
      noMore();
      if (!values.now) {
        throw usage('reconcile needs --now (scheduled runs come from the CronJob itself)');
      }
      return {
        kind: 'reconcile-now',
        cluster,
        request: {
          tenant: checked('tenant', values.tenant, NAME),
          entity: checked('entity', values.entity, NAME),
          destination: checked('destination', values.destination, DESTINATION),
          dryRun: values['dry-run'] ?? false,
        },
      };
    }
    case 'status': {
      noMore();
      const output = values.json ? 'json' : (values.output ?? 'table');
      if (output !== 'table' && output !== 'json')
        throw usage(`--output must be table or json, not "${output}"`);
      const jobs = values.jobs === undefined ? SYNCCTL.recentJobs : Number(values.jobs);
      if (!Number.isInteger(jobs) || jobs < 0)
        throw usage(`--jobs must be a whole number, not "${values.jobs}"`);
      return { kind: 'status', cluster, output, jobs };
    }
    case 'destinations': {
      const [tenant, ...extra] = rest;
      if (tenant === undefined) throw usage('destinations needs a tenant');
      if (extra.length > 0) throw usage(`unexpected argument "${extra.join(' ')}"`);
      return { kind: 'list-destinations', cluster, tenant: named('tenant', tenant, NAME) };
    }
    case 'pause':
    case 'resume': {
      const [tenant, destination, ...extra] = rest;
      if (tenant === undefined || destination === undefined)
        throw usage(
          `${command} needs a tenant and a destination id (see: syncctl destinations <tenant>)`,
        );
      if (extra.length > 0) throw usage(`unexpected argument "${extra.join(' ')}"`);
      return {
        kind: 'set-destination',
        cluster,
        tenant: named('tenant', tenant, NAME),
        destination: named('destination', destination, DESTINATION),
        paused: command === 'pause',
      };
    }
    case 'collections':
      return parseCollections(rest, values);
    default:
      throw usage(`unknown command "${command}"`);
  }
}

function parseCollections(
  rest: readonly string[],
  values: ReturnType<typeof parse>['values'],
): SyncctlCommand {
  const [action, target, ...extra] = rest;
  if (extra.length > 0) throw usage(`unexpected argument "${extra.join(' ')}"`);
  switch (action) {
    case 'add': {
      if (target === undefined) throw usage('collections add needs a table: schema.table');
      const partitions =
        values.partitions === undefined ? SYNCCTL.cdcPartitions : Number(values.partitions);
      if (!Number.isInteger(partitions) || partitions < 1)
        throw usage(`--partitions must be a whole number above 0, not "${values.partitions}"`);
      return {
        kind: 'collections-add',
        table: parseTableRef(target),
        backfill: !values['no-backfill'],
        wait: values.wait ?? false,
        partitions,
      };
    }
    case 'resync': {
      const all = values.all ?? false;
      if (all === (target !== undefined))
        throw usage('collections resync needs a collection name, or --all');
      return { kind: 'collections-resync', collection: target, all, wait: values.wait ?? false };
    }
    case 'list':
      if (target !== undefined) throw usage(`unexpected argument "${target}"`);
      return { kind: 'collections-list' };
    default:
      throw usage(
        action === undefined
          ? 'collections needs add, resync or list'
          : `unknown collections command "${action}"`,
      );
  }
}

function parse(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    allowPositionals: true,
    strict: true,
    options: {
      namespace: { type: 'string', short: 'n' },
      kubeconfig: { type: 'string' },
      context: { type: 'string' },
      now: { type: 'boolean' },
      tenant: { type: 'string' },
      entity: { type: 'string' },
      destination: { type: 'string' },
      'dry-run': { type: 'boolean' },
      output: { type: 'string', short: 'o' },
      json: { type: 'boolean' },
      jobs: { type: 'string' },
      'no-backfill': { type: 'boolean' },
      partitions: { type: 'string' },
      all: { type: 'boolean' },
      wait: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
}
