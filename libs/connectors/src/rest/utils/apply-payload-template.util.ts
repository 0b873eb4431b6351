import type { MappedRecord } from '@syncline/mapping';
import type { RestPayloadTemplate } from '../types/rest-payload-template.type';
import { setJsonPath } from './set-json-path.util';

/** The request body for one record (see `RestPayloadTemplate`). */
export function applyPayloadTemplate(
  template: RestPayloadTemplate,
  object: string,
  record: MappedRecord,
): Record<string, unknown> {
  if (template === 'properties') return { ...record.properties };
  const body: Record<string, unknown> = {};
  for (const [source, path] of Object.entries(template)) {
    const value =
      source === '$identity'
        ? record.identity
        : source === '$object'
          ? object
          : source === '$properties'
            ? { ...record.properties }
            : record.properties[source];
    if (value !== undefined) setJsonPath(body, path, value);
  }
  return body;
}
