import { WebhookHintCandidate } from '../types/webhook-hint-candidate.type';

/** Most records one REST webhook may name. */
export const REST_WEBHOOK_MAX_RECORDS = 500;

type Issue = { path: string; message: string };

/**
 * Reads `{ "records": [{ "externalId", "object", "deleted"?: true, "properties"?: {...},
 * "modifiedAt"?: ISO }] }` (at most 500 records) into hints stamped `receivedAt`. A change carries
 * the record's `properties` as the sender holds them at `modifiedAt` (a REST destination cannot
 * be read back); both or neither. Any bad record refuses the whole body: the sender is told
 * exactly what, and nothing half-applies.
 */
export function parseRestWebhookBody(
  rawBody: Buffer,
  receivedAt: number,
): { candidates: WebhookHintCandidate[] } | { issues: Issue[] } {
  let body: unknown;
  try {
    body = JSON.parse(rawBody.toString('utf8'));
  } catch {
    return { issues: [{ path: '', message: 'must be JSON' }] };
  }
  const records = (body as { records?: unknown } | null)?.records;
  if (typeof body !== 'object' || body === null || !Array.isArray(records))
    return { issues: [{ path: '/records', message: 'must be an array' }] };
  if (records.length > REST_WEBHOOK_MAX_RECORDS)
    return {
      issues: [{ path: '/records', message: `at most ${REST_WEBHOOK_MAX_RECORDS} records` }],
    };
  const issues: Issue[] = [];
  const candidates: WebhookHintCandidate[] = [];
  records.forEach((record: unknown, index) => {
    const at = `/records/${index}`;
    if (typeof record !== 'object' || record === null || Array.isArray(record)) {
      issues.push({ path: at, message: 'must be an object' });
      return;
    }
    const { externalId, object, deleted, properties, modifiedAt } = record as Record<
      string,
      unknown
    >;
    if (typeof externalId !== 'string' || externalId === '')
      issues.push({ path: `${at}/externalId`, message: 'must be a non-empty string' });
    if (typeof object !== 'string' || object === '')
      issues.push({ path: `${at}/object`, message: 'must be a non-empty string' });
    if (deleted !== undefined && typeof deleted !== 'boolean')
      issues.push({ path: `${at}/deleted`, message: 'must be a boolean' });
    const hasState = properties !== undefined || modifiedAt !== undefined;
    if (
      hasState &&
      (typeof properties !== 'object' || properties === null || Array.isArray(properties))
    )
      issues.push({ path: `${at}/properties`, message: 'must be an object (with modifiedAt)' });
    if (hasState && (typeof modifiedAt !== 'string' || Number.isNaN(Date.parse(modifiedAt))))
      issues.push({
        path: `${at}/modifiedAt`,
        message: 'must be an ISO-8601 time (with properties)',
      });
    if (typeof externalId === 'string' && typeof object === 'string')
      candidates.push({
        objects: [object],
        externalId,
        kind: deleted === true ? 'deletion' : 'change',
        occurredAt: receivedAt,
        ...(hasState && deleted !== true
          ? {
              state: {
                properties: properties as Record<string, unknown>,
                modifiedAt: modifiedAt as string,
              },
            }
          : {}),
      });
  });
  return issues.length > 0 ? { issues } : { candidates };
}
