/**
 * `JSON.stringify` of a RecordView (same keys, same order) around data that is already JSON, so
 * a cached record goes out without being parsed and serialised again.
 */
export function recordViewJson(
  tenant: string,
  entity: string,
  id: string,
  version: number,
  dataJson: string,
): string {
  return `{"tenant":${JSON.stringify(tenant)},"entity":${JSON.stringify(entity)},"id":${JSON.stringify(id)},"version":${version},"data":${dataJson}}`;
}
