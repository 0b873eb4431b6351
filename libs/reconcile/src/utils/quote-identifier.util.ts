/** A Postgres identifier quoted for SQL text: names come from the catalog, never from input. */
export function quoteIdentifier(identifier: string): string {
  return `"${identifier.replace(/"/g, '""')}"`;
}
