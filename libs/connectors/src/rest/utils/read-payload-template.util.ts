import type { RestPayloadTemplate } from '../types/rest-payload-template.type';
import { getJsonPath } from './get-json-path.util';

/**
 * The template applied backwards to a body the destination returned: the identity (from the
 * `$identity` path, else the `identityProperty` key) and the requested properties.
 */
export function readPayloadTemplate(
  template: RestPayloadTemplate,
  body: unknown,
  identityProperty: string,
  properties: readonly string[],
): { identity: unknown; properties: Record<string, unknown> } {
  const map = template === 'properties' ? {} : template;
  const all = map.$properties !== undefined ? getJsonPath(body, map.$properties) : undefined;
  const read = (name: string): unknown => {
    if (map[name] !== undefined) return getJsonPath(body, map[name]);
    if (template === 'properties') return getJsonPath(body, name);
    return typeof all === 'object' && all !== null
      ? (all as Record<string, unknown>)[name]
      : undefined;
  };
  const values: Record<string, unknown> = {};
  for (const name of properties) values[name] = read(name) ?? null;
  const identity =
    map.$identity !== undefined ? getJsonPath(body, map.$identity) : read(identityProperty);
  return { identity, properties: values };
}
