/** The value at a dot path (`a.b.c`) of a parsed JSON value; undefined where the path ends. */
export function getJsonPath(source: unknown, path: string): unknown {
  let current: unknown = source;
  for (const key of path.split('.')) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}
