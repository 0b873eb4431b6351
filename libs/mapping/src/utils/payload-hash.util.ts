import { createHash } from 'node:crypto';
import { MappedRecord } from '../types/mapped-record.type';
import { canonicalJson } from './canonical-json.util';

/**
 * sha256 (hex) of the payload's canonical JSON (sorted keys): equal payloads hash equal whatever
 * their key order. The delivery-worker stores it per (destination, record) to skip re-sending an
 * identical payload.
 */
export function payloadHash(mapped: MappedRecord): string {
  const payload = { identity: mapped.identity, properties: mapped.properties };
  return createHash('sha256').update(canonicalJson(payload)).digest('hex');
}
