/** Where a payload goes: the destination object and the property that identifies the record there. */
export interface PayloadTarget {
  object: string;
  identityProperty: string;
}
