import { InboundHint } from '../types/inbound-hint.type';

const HINT_SOURCES: readonly InboundHint['source'][] = ['webhook', 'poll', 'reconcile'];

/** Kafka key of a hint: one record's hints land on one partition, in order. */
export function inboundHintKey(hint: Pick<InboundHint, 'destinationId' | 'externalId'>): string {
  return `${hint.destinationId}/${hint.externalId}`;
}

export function encodeInboundHint(hint: InboundHint): Buffer {
  return Buffer.from(JSON.stringify(hint));
}

/** Parses a hint; throws an Error naming what is wrong with anything that is not one. */
export function decodeInboundHint(value: Buffer): InboundHint {
  let parsed: unknown;
  try {
    parsed = JSON.parse(value.toString('utf8'));
  } catch {
    throw new Error('not an inbound hint: not JSON');
  }
  const problem = problemOf(parsed);
  if (problem) throw new Error(`not an inbound hint: ${problem}`);
  const hint = parsed as InboundHint;
  // Only the contract's fields: a producer's extras do not travel further.
  return {
    destinationId: hint.destinationId,
    object: hint.object,
    externalId: hint.externalId,
    kind: hint.kind,
    occurredAt: hint.occurredAt,
    source: hint.source,
    receivedAt: hint.receivedAt,
    ...(hint.state
      ? { state: { properties: hint.state.properties, modifiedAt: hint.state.modifiedAt } }
      : {}),
  };
}

function problemOf(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'not an object';
  const hint = value as Record<string, unknown>;
  for (const field of ['destinationId', 'object', 'externalId'] as const) {
    if (typeof hint[field] !== 'string' || hint[field] === '')
      return `${field} must be a non-empty string`;
  }
  if (hint.kind !== 'change' && hint.kind !== 'deletion') return 'kind must be change or deletion';
  if (!HINT_SOURCES.includes(hint.source as InboundHint['source']))
    return `source must be one of ${HINT_SOURCES.join(', ')}`;
  for (const field of ['occurredAt', 'receivedAt'] as const) {
    const at = hint[field];
    if (typeof at !== 'number' || !Number.isSafeInteger(at) || at < 0)
      return `${field} must be milliseconds since the epoch`;
  }
  if (hint.state !== undefined) {
    const state = hint.state as Record<string, unknown> | null;
    if (typeof state !== 'object' || state === null) return 'state must be an object';
    const { properties, modifiedAt } = state;
    if (typeof properties !== 'object' || properties === null || Array.isArray(properties))
      return 'state.properties must be an object';
    if (typeof modifiedAt !== 'string' || Number.isNaN(Date.parse(modifiedAt)))
      return 'state.modifiedAt must be an ISO-8601 time';
  }
  return undefined;
}
