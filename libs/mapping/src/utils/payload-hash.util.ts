import { createHash } from 'node:crypto';
import { MappedRecord } from '../types/mapped-record.type';
import { PayloadTarget } from '../types/payload-target.type';
import { canonicalJson } from './canonical-json.util';

/**
 * sha256 (hex) of the payload's canonical JSON (sorted keys): equal payloads hash equal whatever
 * their key order. The delivery-worker stores it per (destination, record) to skip re-sending an
 * identical payload; the target is part of it, so re-pointing a mapping at another object or
 * identity property sends the records again instead of skipping them as unchanged.
 */
export function payloadHash(mapped: MappedRecord, target: PayloadTarget): string {
  const payload = {
    object: target.object,
    identityProperty: target.identityProperty,
    identity: mapped.identity,
    properties: mapped.properties,
  };
  return createHash('sha256').update(canonicalJson(payload)).digest('hex');
}
