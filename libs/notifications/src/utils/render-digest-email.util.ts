import { DigestPayload } from '../types/digest-payload.type';

const TITLES = {
  dead_letter: 'records dead-lettered',
  credentials_rejected: 'credentials rejected',
  destination_held: 'destination held',
} as const satisfies Record<keyof DigestPayload['summary']['byKind'], string>;

/** A digest as a plain-text email: the subject counts, the body lists each group with its hint. */
export function renderDigestEmail(digest: DigestPayload): { subject: string; text: string } {
  const kinds = Object.entries(digest.summary.byKind)
    .map(([kind, count]) => `${count} ${TITLES[kind as keyof typeof TITLES]}`)
    .join(', ');
  const lines = [
    `Syncline found problems it cannot fix by itself for tenant ${digest.tenant}: ${kinds}.`,
    '',
  ];
  for (const item of digest.items) {
    lines.push(
      `* ${TITLES[item.kind]}: ${item.count} x ${item.reason}, destination ${item.destination.name} (${item.destination.id}), ${item.firstAt} .. ${item.lastAt}`,
    );
    for (const sample of item.samples) {
      const record = sample.recordId ? `${sample.entity ?? ''} ${sample.recordId}: ` : '';
      lines.push(`    - ${record}${sample.message}`);
    }
    if (item.hint) lines.push(`    ${item.hint}`);
  }
  if (digest.summary.omittedItems > 0)
    lines.push(`... and ${digest.summary.omittedItems} more groups (counted above).`);
  lines.push('', `Notification ${digest.id}, ${digest.createdAt}.`);
  return {
    subject: `[Syncline] ${digest.tenant}: ${kinds}`,
    text: lines.join('\n'),
  };
}
