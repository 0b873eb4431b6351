import { DecodeFailure } from '../exceptions/decode-failure.exception';
import { DebeziumEnvelope } from '../types/debezium-envelope.type';

const OPS = new Set(['c', 'u', 'd', 'r', 't']);

/** The Debezium envelope in a message value; throws DecodeFailure for anything else. */
export function parseEnvelope(value: Buffer): DebeziumEnvelope {
  let parsed: unknown;
  try {
    parsed = JSON.parse(value.toString('utf8'));
  } catch (error) {
    throw new DecodeFailure('UNDECODABLE_EVENT', `value is not JSON: ${(error as Error).message}`);
  }
  if (
    !isObject(parsed) ||
    typeof parsed.op !== 'string' ||
    !OPS.has(parsed.op) ||
    !isObject(parsed.source)
  ) {
    throw new DecodeFailure(
      'UNDECODABLE_EVENT',
      'value is not a Debezium change event (op/source missing or unknown)',
    );
  }
  return parsed as unknown as DebeziumEnvelope;
}

/** The source table of an event: its `source` block, else the topic `<prefix>.<schema>.<table>`. */
export function sourceTableOf(
  envelope: DebeziumEnvelope,
  topic: string,
): { schema: string; table: string } {
  const parts = topic.split('.');
  return {
    schema: envelope.source.schema ?? parts[parts.length - 2] ?? 'public',
    table: envelope.source.table ?? parts[parts.length - 1],
  };
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
