/**
 * How a record becomes a request body. `'properties'`: the mapped properties as they are.
 * A map: mapped property name (or `$identity`, `$object`, `$properties`) -> dot path in the body,
 * e.g. `{ $identity: 'id', city: 'site.address.city' }`; unmapped properties are left out.
 * Reading (`readByIdentity`, `listAll`) applies the same map backwards.
 */
export type RestPayloadTemplate = 'properties' | Record<string, string>;
