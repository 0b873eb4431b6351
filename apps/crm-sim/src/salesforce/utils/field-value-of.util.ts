/** A body value by case-insensitive field name (Salesforce field names are case-insensitive). */
export function fieldValueOf(body: Record<string, unknown>, name: string): unknown {
  if (name in body) return body[name];
  const lower = name.toLowerCase();
  const key = Object.keys(body).find((k) => k.toLowerCase() === lower);
  return key === undefined ? undefined : body[key];
}
