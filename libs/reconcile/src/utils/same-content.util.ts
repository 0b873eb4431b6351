import { SourceRow } from '../types/source-row.type';
import { stableJson } from './stable-json.util';

/** Whether cached JSON holds the row's data: the same text, or the same content in another key order. */
export function sameContent(json: string, row: SourceRow): boolean {
  if (json === row.json) return true;
  try {
    return stableJson(JSON.parse(json)) === stableJson(row.record);
  } catch {
    return false;
  }
}
