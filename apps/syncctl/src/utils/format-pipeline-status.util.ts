import type { PipelineStatus } from '../types/pipeline-status.type';
import { formatBytes } from './format-bytes.util';
import { formatDuration } from './format-duration.util';
import { formatTable } from './format-table.util';

/** The human form of `syncctl status`'s pipeline part. */
export function formatPipelineStatus(status: PipelineStatus): string {
  const out: string[] = [];
  const { slot, connector } = status;
  if (slot === 'missing') out.push('Replication slot: MISSING (is the connector registered?)');
  else if (slot)
    out.push(
      `Replication slot ${slot.slot}: ${slot.active ? 'active' : 'INACTIVE'}, retained WAL ` +
        `${formatBytes(slot.retainedWalBytes)}, confirmed-flush lag ${formatBytes(slot.confirmedFlushLagBytes)}`,
    );
  if (connector)
    out.push(
      `Connector ${connector.connector}: ${connector.state}` +
        connector.tasks
          .map((t) => `, task ${t.id} ${t.state}${t.trace ? ` (${t.trace})` : ''}`)
          .join(''),
    );
  else if (!status.unreachable.some((u) => u.component === 'kafka-connect'))
    out.push('Connector: not watched (SYNCLINE_CONNECT_URL is not set)');
  out.push('');

  const names = new Map(status.destinations.map((d) => [d.id, `${d.name} (${d.id})`]));
  out.push(
    status.lag.length === 0
      ? 'No consumer lag to show.'
      : formatTable(
          ['GROUP', 'COLLECTION/DESTINATION', 'LAG', 'OLDEST UNAPPLIED'],
          status.lag.map((l) => [
            l.group,
            l.collection || names.get(l.destination) || l.destination || l.topic,
            String(l.lagMessages),
            l.oldestUnappliedAgeSeconds === undefined
              ? '?'
              : formatDuration(l.oldestUnappliedAgeSeconds * 1000),
          ]),
        ),
  );
  out.push('');
  if (status.cdcDeadLetters !== undefined) out.push(`CDC dead letters: ${status.cdcDeadLetters}`);
  out.push(
    status.destinations.length === 0
      ? 'No destinations.'
      : formatTable(
          ['DESTINATION', 'TENANT', 'KIND', 'STATE', 'DEAD LETTERS'],
          status.destinations.map((d) => [
            `${d.name} (${d.id})`,
            d.tenant,
            d.kind,
            d.paused ? 'PAUSED' : 'active',
            String(d.deadLetters),
          ]),
        ),
  );
  if (status.unreachable.length > 0) {
    out.push('', 'Could not read:');
    for (const u of status.unreachable) out.push(`  ${u.component}: ${u.message}`);
  }
  return `${out.join('\n')}\n`;
}
