const FORBIDDEN = new Set(['__proto__', 'constructor', 'prototype']);

/** Sets the value at a dot path (`a.b.c`), creating objects on the way. */
export function setJsonPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.');
  if (keys.some((key) => key === '' || FORBIDDEN.has(key))) {
    throw new RangeError(`invalid body path ${JSON.stringify(path)}`);
  }
  let current = target;
  keys.slice(0, -1).forEach((key) => {
    const next = current[key];
    if (typeof next !== 'object' || next === null || Array.isArray(next)) current[key] = {};
    current = current[key] as Record<string, unknown>;
  });
  current[keys[keys.length - 1]] = value;
}
