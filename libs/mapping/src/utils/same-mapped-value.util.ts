import { MappedValue } from '../types/mapped-value.type';

/** Whether two destination values are the same; '' and null are (CRMs do not tell them apart). */
export function sameMappedValue(a: MappedValue, b: MappedValue): boolean {
  return a === b || ((a === null || a === '') && (b === null || b === ''));
}
