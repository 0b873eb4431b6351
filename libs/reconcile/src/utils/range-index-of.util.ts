/** The index of the range (of `splitUuidSpace(depth)`) a canonical uuid falls into. */
export function rangeIndexOf(id: string, depth: number): number {
  return parseInt(id.slice(0, depth), 16);
}
