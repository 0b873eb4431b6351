/** A path template with `{identity}` and `{object}` replaced by URL-encoded values. */
export function expandPathTemplate(
  template: string,
  values: { identity?: string; object: string },
): string {
  return template.replace(/\{(identity|object)\}/g, (_match, name: 'identity' | 'object') =>
    encodeURIComponent(values[name] ?? ''),
  );
}
