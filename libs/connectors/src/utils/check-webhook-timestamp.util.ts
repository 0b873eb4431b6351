/**
 * Why a signed webhook's timestamp (epoch ms, as sent in its header) is not acceptable at `now`,
 * or undefined when it is: too old is a replay, too far ahead is a forged or broken clock.
 */
export function checkWebhookTimestamp(
  raw: string | undefined,
  header: string,
  now: number,
  maxAgeMs: number,
): string | undefined {
  if (raw === undefined || raw.trim() === '') return `missing ${header} header`;
  if (!/^\d+$/.test(raw.trim())) return `malformed ${header} header`;
  const timestamp = Number(raw);
  if (now - timestamp > maxAgeMs) return `stale timestamp: ${now - timestamp} ms old`;
  if (timestamp - now > maxAgeMs) return `timestamp ${timestamp - now} ms in the future`;
  return undefined;
}
